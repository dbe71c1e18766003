-- The member registry: members, their products with ratings, network roles.
CREATE TABLE members (
    member_id                uuid PRIMARY KEY,
    member_type              text NOT NULL
                             CHECK (member_type IN ('community_group', 'single_owner', 'sme')),
    name_th                  text NOT NULL CHECK (char_length(name_th) BETWEEN 1 AND 200),
    name_en                  text CHECK (char_length(name_en) <= 200),
    contact_name             text NOT NULL,
    contact_phone            text,
    contact_email            text,
    contact_line_id          text,
    address_line             text NOT NULL,
    province_code            char(2) NOT NULL,
    district_code            char(4) NOT NULL,
    subdistrict_code         char(6) NOT NULL,
    postal_code              char(5) NOT NULL,
    province_name_th         text NOT NULL,
    district_name_th         text NOT NULL,
    subdistrict_name_th      text NOT NULL,
    community_enterprise     boolean NOT NULL DEFAULT false,
    community_enterprise_no  text,
    preferred_language       text NOT NULL DEFAULT 'th' CHECK (preferred_language IN ('th', 'en')),
    status                   text NOT NULL
                             CHECK (status IN ('pending', 'active', 'suspended', 'withdrawn')),
    version                  integer NOT NULL CHECK (version >= 1),
    registered_at            timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CHECK (left(district_code, 2) = province_code),
    CHECK (left(subdistrict_code, 4) = district_code)
);
CREATE INDEX members_area_idx ON members (province_code, district_code);
CREATE INDEX members_page_idx ON members (registered_at, member_id);
CREATE INDEX members_status_idx ON members (status);

CREATE TABLE products (
    product_id      uuid PRIMARY KEY,
    member_id       uuid NOT NULL REFERENCES members (member_id),
    sku             text NOT NULL,
    name_th         text NOT NULL CHECK (char_length(name_th) BETWEEN 1 AND 200),
    name_en         text CHECK (char_length(name_en) <= 200),
    category        text NOT NULL CHECK (category IN (
                        'food', 'beverages', 'textiles_and_clothing',
                        'household_decorative_souvenir', 'non_food_herbal')),
    unit            text NOT NULL,
    price_satang    bigint NOT NULL CHECK (price_satang > 0),
    certifications  jsonb NOT NULL DEFAULT '[]',
    segment         char(1) CHECK (segment IN ('A', 'B', 'C', 'D')),
    stars           smallint CHECK (stars BETWEEN 1 AND 5),
    status          text NOT NULL CHECK (status IN ('listed', 'delisted')),
    province_code   char(2) NOT NULL,
    version         integer NOT NULL CHECK (version >= 1),
    listed_at       timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- SKUs are unique network-wide, case-insensitively.
CREATE UNIQUE INDEX products_sku_key ON products (upper(sku));
CREATE INDEX products_member_idx ON products (member_id);
CREATE INDEX products_page_idx ON products (listed_at, product_id);

CREATE TABLE product_ratings (
    product_id   uuid NOT NULL REFERENCES products (product_id),
    round_year   integer NOT NULL CHECK (round_year BETWEEN 2001 AND 2100),
    stars        smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    rated_on     date NOT NULL,
    note         text,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, round_year)
);

CREATE TABLE role_assignments (
    assignment_id  uuid PRIMARY KEY,
    member_id      uuid NOT NULL REFERENCES members (member_id),
    person_name    text NOT NULL,
    role           text NOT NULL CHECK (role IN (
                       'provincial_president', 'district_president',
                       'committee_member', 'kbo_committee')),
    province_code  char(2) NOT NULL,
    district_code  char(4),
    term_start     date NOT NULL,
    term_end       date NOT NULL,
    assigned_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (term_end > term_start),
    CHECK (district_code IS NULL OR left(district_code, 2) = province_code)
);
CREATE INDEX role_assignments_area_idx ON role_assignments (province_code, role, term_start);
