-- Trainings and workshops: participants who are not members (officials and network office
-- holders, by name), quotas per district of the host province, an agenda of sessions with
-- attendance, certificates of attendance, and expenses against the event's budget.

-- A registration is a member's (member_id) or a participant's who is not a member
-- (participant_kind, with the participant's name in registration_participants).
ALTER TABLE registrations ALTER COLUMN member_id DROP NOT NULL;
ALTER TABLE registrations ADD COLUMN participant_kind text
    CHECK (participant_kind IN ('official', 'office_holder'));
ALTER TABLE registrations ADD CONSTRAINT registration_of_member_or_participant
    CHECK ((member_id IS NULL) = (participant_kind IS NOT NULL));

CREATE TABLE registration_participants (
    registration_id  uuid PRIMARY KEY REFERENCES registrations (registration_id),
    name_th          text NOT NULL CHECK (char_length(name_th) BETWEEN 1 AND 200),
    name_en          text CHECK (char_length(name_en) BETWEEN 1 AND 200),
    position_th      text NOT NULL CHECK (char_length(position_th) BETWEEN 1 AND 200),
    province_code    char(2) NOT NULL,
    district_code    char(4),
    organisation     text CHECK (char_length(organisation) BETWEEN 1 AND 200),
    CHECK (district_code IS NULL OR left(district_code, 2) = province_code)
);

-- The certificate rule: attended sessions needed (NULL: every session of the agenda).
ALTER TABLE events ADD COLUMN certificate_min_sessions integer
    CHECK (certificate_min_sessions >= 1);

CREATE TABLE event_sessions (
    session_id   uuid PRIMARY KEY,
    event_id     uuid NOT NULL REFERENCES events (event_id),
    title_th     text NOT NULL CHECK (char_length(title_th) BETWEEN 1 AND 300),
    title_en     text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    speakers     text[] NOT NULL DEFAULT '{}',
    room         text CHECK (char_length(room) BETWEEN 1 AND 200),
    CHECK (ends_at > starts_at)
);
CREATE INDEX event_sessions_event_idx ON event_sessions (event_id, starts_at);

CREATE TABLE session_attendance (
    session_id       uuid NOT NULL REFERENCES event_sessions (session_id),
    registration_id  uuid NOT NULL REFERENCES registrations (registration_id),
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, registration_id)
);
CREATE INDEX session_attendance_registration_idx ON session_attendance (registration_id);

-- A certificate number given once: the event's B.E. year and its number in the event.
CREATE TABLE certificates (
    registration_id  uuid PRIMARY KEY REFERENCES registrations (registration_id),
    event_id         uuid NOT NULL REFERENCES events (event_id),
    number           text NOT NULL,
    issued_at        timestamptz NOT NULL,
    CONSTRAINT certificate_number_once UNIQUE (event_id, number)
);

CREATE TABLE event_expenses (
    expense_id     uuid PRIMARY KEY,
    event_id       uuid NOT NULL REFERENCES events (event_id),
    item_th        text NOT NULL CHECK (char_length(item_th) BETWEEN 1 AND 300),
    amount_satang  bigint NOT NULL CHECK (amount_satang > 0),
    spent_on       date NOT NULL,
    recorded_by    text NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_expenses_event_idx ON event_expenses (event_id, spent_on);

-- Quotas per district: a quota with "per_district" holds its places in each district of the
-- host province, counted under the label '<label>#<district code>'. The places of a
-- district's row follow the quota; a row is made when its district's first place is taken.
CREATE OR REPLACE FUNCTION quota_places_of(quotas jsonb, place_label text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce((
        SELECT (q ->> 'places')::integer FROM jsonb_array_elements(quotas) q
        WHERE (NOT coalesce((q ->> 'per_district')::boolean, false)
               AND q ->> 'label' = place_label)
           OR (coalesce((q ->> 'per_district')::boolean, false)
               AND place_label ~ '#[0-9]{4}$'
               AND q ->> 'label' = left(place_label, -5))
        LIMIT 1), 0)
$$;

CREATE OR REPLACE FUNCTION places_follow_event() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO event_places (event_id, capacity) VALUES (NEW.event_id, NEW.capacity)
    ON CONFLICT (event_id) DO UPDATE SET capacity = excluded.capacity;
    INSERT INTO quota_places (event_id, label, places)
    SELECT NEW.event_id, q ->> 'label', (q ->> 'places')::integer
    FROM jsonb_array_elements(NEW.quotas) q
    WHERE NOT coalesce((q ->> 'per_district')::boolean, false)
    ON CONFLICT (event_id, label) DO UPDATE SET places = excluded.places;
    UPDATE quota_places SET places = quota_places_of(NEW.quotas, label)
    WHERE event_id = NEW.event_id AND places <> quota_places_of(NEW.quotas, label);
    DELETE FROM quota_places WHERE event_id = NEW.event_id AND places = 0 AND confirmed = 0;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION places_follow_registrations() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.status = 'confirmed' THEN
            UPDATE event_places SET confirmed = confirmed - 1 WHERE event_id = OLD.event_id;
            IF OLD.quota IS NOT NULL THEN
                UPDATE quota_places SET confirmed = confirmed - 1
                WHERE event_id = OLD.event_id AND label = OLD.quota;
            END IF;
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.status = 'confirmed' THEN
            UPDATE event_places SET confirmed = confirmed + 1 WHERE event_id = NEW.event_id;
            IF NEW.quota IS NOT NULL THEN
                INSERT INTO quota_places AS p (event_id, label, places, confirmed)
                SELECT NEW.event_id, NEW.quota, quota_places_of(e.quotas, NEW.quota), 1
                FROM events e WHERE e.event_id = NEW.event_id
                ON CONFLICT (event_id, label) DO UPDATE SET confirmed = p.confirmed + 1;
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;
