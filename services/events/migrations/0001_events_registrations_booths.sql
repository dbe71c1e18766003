-- The events service: the calendar of events, registrations with waitlist and quotas, booths,
-- attendance; and a read model of the registry's members, products and network roles.
CREATE TABLE events (
    event_id                 uuid PRIMARY KEY,
    version                  integer NOT NULL CHECK (version >= 1),
    kind                     text NOT NULL CHECK (kind IN (
                                 'showcase', 'fair', 'training', 'workshop',
                                 'development_project')),
    status                   text NOT NULL
                             CHECK (status IN ('draft', 'published', 'cancelled', 'closed')),
    title_th                 text NOT NULL CHECK (char_length(title_th) BETWEEN 1 AND 300),
    title_en                 text CHECK (char_length(title_en) <= 300),
    description_th           text,
    description_en           text,
    host_province_code       char(2) NOT NULL,
    venue_th                 text NOT NULL,
    venue_en                 text,
    starts_at                timestamptz NOT NULL,
    ends_at                  timestamptz NOT NULL,
    registration_opens_at    timestamptz NOT NULL,
    registration_closes_at   timestamptz NOT NULL,
    capacity                 integer NOT NULL CHECK (capacity >= 1),
    capacity_unit            text NOT NULL CHECK (capacity_unit IN ('booths', 'seats', 'places')),
    budget_satang            bigint CHECK (budget_satang >= 0),
    eligibility              jsonb NOT NULL DEFAULT '{}',
    quotas                   jsonb NOT NULL DEFAULT '[]',
    requires_approval        boolean NOT NULL DEFAULT false,
    cancel_reason            text,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    published_at             timestamptz,
    cancelled_at             timestamptz,
    closed_at                timestamptz,
    CHECK (ends_at > starts_at),
    CHECK (registration_closes_at > registration_opens_at)
);
CREATE INDEX events_calendar_idx ON events (starts_at, event_id);
CREATE INDEX events_province_idx ON events (host_province_code, starts_at);

CREATE SEQUENCE registration_order;

CREATE TABLE registrations (
    registration_id   uuid PRIMARY KEY,
    event_id          uuid NOT NULL REFERENCES events (event_id),
    member_id         uuid NOT NULL,
    status            text NOT NULL CHECK (status IN (
                          'pending_approval', 'confirmed', 'waitlisted', 'cancelled')),
    -- The order of application (and so of the waitlist).
    applied_order     bigint NOT NULL DEFAULT nextval('registration_order'),
    quota             text,
    version           integer NOT NULL CHECK (version >= 1),
    applied_at        timestamptz NOT NULL,
    confirmed_at      timestamptz,
    cancelled_at      timestamptz,
    cancel_reason     text CHECK (cancel_reason IN (
                          'member_cancelled', 'staff_cancelled', 'rejected', 'event_cancelled',
                          'member_suspended')),
    checked_in_at     timestamptz,
    CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
    CHECK (checked_in_at IS NULL OR status = 'confirmed' OR status = 'cancelled')
);
-- One open registration per member and event; a member may apply again after cancelling.
CREATE UNIQUE INDEX registrations_one_open_per_member
    ON registrations (event_id, member_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_event_idx ON registrations (event_id, status, applied_order);
CREATE INDEX registrations_member_idx ON registrations (member_id, status);

-- A booth is held by one confirmed exhibitor; releasing it deletes the row.
CREATE TABLE booth_assignments (
    registration_id  uuid PRIMARY KEY REFERENCES registrations (registration_id),
    event_id         uuid NOT NULL REFERENCES events (event_id),
    zone             text NOT NULL CHECK (char_length(zone) BETWEEN 1 AND 20),
    booth_number     integer NOT NULL CHECK (booth_number >= 1),
    assigned_by      text NOT NULL CHECK (assigned_by IN ('automatic', 'staff')),
    assigned_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booth_given_once UNIQUE (event_id, zone, booth_number)
);

-- Read model of the registry (from registry.members.v1 and registry.products.v1). Columns
-- an event does not carry stay NULL until a snapshot of the aggregate arrives.
CREATE TABLE members (
    member_id       uuid PRIMARY KEY,
    version         integer NOT NULL,
    member_type     text,
    status          text,
    province_code   char(2),
    name_th         text,
    name_en         text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    product_id      uuid PRIMARY KEY,
    member_id       uuid NOT NULL,
    version         integer NOT NULL,
    category        text,
    segment         char(1),
    stars           smallint,
    status          text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_member_idx ON products (member_id);

CREATE TABLE member_roles (
    assignment_id   uuid PRIMARY KEY,
    member_id       uuid NOT NULL,
    role            text NOT NULL,
    province_code   char(2) NOT NULL,
    district_code   char(4),
    term_start      date NOT NULL,
    term_end        date NOT NULL
);
CREATE INDEX member_roles_member_idx ON member_roles (member_id);
