-- An event's places, counted where no handler can forget them: the confirmed registrations of
-- each event and of each of its quotas, kept by triggers in the transaction that confirms,
-- moves or cancels a registration or changes the event. The checks refuse a confirmation
-- beyond the capacity (or beyond a quota's places) whoever takes it, locked or not.
CREATE TABLE event_places (
    event_id    uuid PRIMARY KEY REFERENCES events (event_id),
    capacity    integer NOT NULL,
    confirmed   integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    CONSTRAINT places_within_capacity CHECK (confirmed <= capacity)
);

-- A quota the event no longer has keeps 0 places while registrations still hold it.
CREATE TABLE quota_places (
    event_id    uuid NOT NULL REFERENCES event_places (event_id),
    label       text NOT NULL,
    places      integer NOT NULL CHECK (places >= 0),
    confirmed   integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    PRIMARY KEY (event_id, label),
    CONSTRAINT quota_places_within_quota CHECK (confirmed <= places)
);

-- The events and registrations there are already.
INSERT INTO event_places (event_id, capacity, confirmed)
SELECT e.event_id, e.capacity, count(r.registration_id) FILTER (WHERE r.status = 'confirmed')
FROM events e LEFT JOIN registrations r USING (event_id)
GROUP BY e.event_id, e.capacity;

INSERT INTO quota_places (event_id, label, places)
SELECT e.event_id, q ->> 'label', (q ->> 'places')::integer
FROM events e, jsonb_array_elements(e.quotas) q;

UPDATE quota_places p SET confirmed = held.n
FROM (
    SELECT event_id, quota, count(*) AS n
    FROM registrations WHERE status = 'confirmed' AND quota IS NOT NULL
    GROUP BY event_id, quota
) held
WHERE p.event_id = held.event_id AND p.label = held.quota;

-- The event's capacity and quotas, as the event row has them.
CREATE FUNCTION places_follow_event() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO event_places (event_id, capacity) VALUES (NEW.event_id, NEW.capacity)
    ON CONFLICT (event_id) DO UPDATE SET capacity = excluded.capacity;
    INSERT INTO quota_places (event_id, label, places)
    SELECT NEW.event_id, q ->> 'label', (q ->> 'places')::integer
    FROM jsonb_array_elements(NEW.quotas) q
    ON CONFLICT (event_id, label) DO UPDATE SET places = excluded.places;
    UPDATE quota_places SET places = 0
    WHERE event_id = NEW.event_id
      AND label NOT IN (SELECT q ->> 'label' FROM jsonb_array_elements(NEW.quotas) q);
    DELETE FROM quota_places WHERE event_id = NEW.event_id AND places = 0 AND confirmed = 0;
    RETURN NULL;
END $$;

CREATE TRIGGER places_of_a_new_event AFTER INSERT ON events
FOR EACH ROW EXECUTE FUNCTION places_follow_event();

CREATE TRIGGER places_of_a_changed_event AFTER UPDATE OF capacity, quotas ON events
FOR EACH ROW
WHEN (OLD.capacity IS DISTINCT FROM NEW.capacity OR OLD.quotas IS DISTINCT FROM NEW.quotas)
EXECUTE FUNCTION places_follow_event();

-- A place freed by the old row, then taken by the new one (a confirmation under a quota the
-- event does not have takes one of its 0 places, which the check refuses).
CREATE FUNCTION places_follow_registrations() RETURNS trigger LANGUAGE plpgsql
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
                UPDATE quota_places SET confirmed = confirmed + 1
                WHERE event_id = NEW.event_id AND label = NEW.quota;
                IF NOT FOUND THEN
                    INSERT INTO quota_places (event_id, label, places, confirmed)
                    VALUES (NEW.event_id, NEW.quota, 0, 1);
                END IF;
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER places_of_new_or_removed_registrations AFTER INSERT OR DELETE ON registrations
FOR EACH ROW EXECUTE FUNCTION places_follow_registrations();

CREATE TRIGGER places_of_changed_registrations AFTER UPDATE OF status, quota ON registrations
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.quota IS DISTINCT FROM NEW.quota)
EXECUTE FUNCTION places_follow_registrations();
