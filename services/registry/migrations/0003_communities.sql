-- OTOP Nawatwithi tourism communities: a village with its story, wisdom, places, public
-- contact, photos and member producers.
CREATE TABLE communities (
    community_id         uuid PRIMARY KEY,
    name_th              text NOT NULL CHECK (char_length(name_th) BETWEEN 1 AND 200),
    name_en              text CHECK (char_length(name_en) <= 200),
    province_code        char(2) NOT NULL,
    district_code        char(4) NOT NULL,
    subdistrict_code     char(6) NOT NULL,
    village_no           smallint NOT NULL CHECK (village_no BETWEEN 1 AND 99),
    village              jsonb NOT NULL,
    story_th             text NOT NULL,
    story_en             text,
    wisdom_th            text,
    wisdom_en            text,
    way_of_life_th       text,
    way_of_life_en       text,
    attractions          jsonb NOT NULL DEFAULT '[]',
    activities           jsonb NOT NULL DEFAULT '[]',
    contact              jsonb NOT NULL DEFAULT '{}',
    photos               jsonb NOT NULL DEFAULT '[]',
    status               text NOT NULL CHECK (status IN ('active', 'withdrawn')),
    withdrawn_reason     text,
    version              integer NOT NULL CHECK (version >= 1),
    registered_at        timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (left(district_code, 2) = province_code),
    CHECK (left(subdistrict_code, 4) = district_code)
);
CREATE INDEX communities_area_idx ON communities (province_code, district_code);

-- A member producer belongs to at most one community.
CREATE TABLE community_members (
    community_id  uuid NOT NULL REFERENCES communities (community_id),
    member_id     uuid NOT NULL UNIQUE REFERENCES members (member_id),
    joined_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (community_id, member_id)
);
