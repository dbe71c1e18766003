-- Development projects (events of kind development_project): who may be chosen, the products
-- of those chosen with their star rating at selection, grants within the project's budget
-- and their disbursements, a development plan per product, KBO nominations; and the
-- registry copy's rating history, from which the outcome is read.

-- The copy of the registry's products names them; every rating received is kept.
ALTER TABLE products ADD COLUMN sku text, ADD COLUMN name_th text;

CREATE TABLE product_ratings (
    product_id      uuid NOT NULL,
    version         integer NOT NULL,
    round_year      integer NOT NULL,
    stars           smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
    current_stars   smallint NOT NULL CHECK (current_stars BETWEEN 1 AND 5),
    rated_on        date NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, version)
);
CREATE INDEX product_ratings_received_idx ON product_ratings (product_id, received_at);

CREATE TABLE project_rules (
    event_id        uuid PRIMARY KEY REFERENCES events (event_id),
    segments        text[] NOT NULL DEFAULT '{}',
    max_stars       smallint CHECK (max_stars BETWEEN 1 AND 5),
    network_roles   text[] NOT NULL DEFAULT '{}',
    province_codes  text[] NOT NULL DEFAULT '{}',
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A participant's product as the registry rated it when the participant was chosen.
CREATE TABLE project_products (
    event_id        uuid NOT NULL REFERENCES events (event_id),
    product_id      uuid NOT NULL,
    member_id       uuid NOT NULL,
    stars_before    smallint CHECK (stars_before BETWEEN 1 AND 5),
    segment         char(1),
    recorded_at     timestamptz NOT NULL,
    PRIMARY KEY (event_id, product_id)
);
CREATE INDEX project_products_member_idx ON project_products (event_id, member_id);

-- Grants: the sum of a project's allocations is checked against its budget with the event's
-- row locked; each grant counts what was paid of it, never more than allocated.
CREATE TABLE project_grants (
    grant_id          uuid PRIMARY KEY,
    event_id          uuid NOT NULL REFERENCES events (event_id),
    member_id         uuid NOT NULL,
    recipient_kind    text NOT NULL CHECK (recipient_kind IN ('group', 'member')),
    amount_satang     bigint NOT NULL CHECK (amount_satang > 0),
    disbursed_satang  bigint NOT NULL DEFAULT 0,
    purpose_th        text NOT NULL CHECK (char_length(purpose_th) BETWEEN 1 AND 500),
    allocated_by      text NOT NULL,
    allocated_at      timestamptz NOT NULL,
    CONSTRAINT grant_one_per_recipient UNIQUE (event_id, member_id),
    CONSTRAINT disbursed_within_grant
        CHECK (disbursed_satang >= 0 AND disbursed_satang <= amount_satang)
);

CREATE TABLE grant_disbursements (
    disbursement_id  uuid PRIMARY KEY,
    grant_id         uuid NOT NULL REFERENCES project_grants (grant_id),
    amount_satang    bigint NOT NULL CHECK (amount_satang > 0),
    disbursed_on     date NOT NULL,
    note_th          text CHECK (char_length(note_th) <= 500),
    approved_by      text NOT NULL,
    recorded_at      timestamptz NOT NULL
);
CREATE INDEX grant_disbursements_grant_idx ON grant_disbursements (grant_id, recorded_at);

CREATE TABLE development_plans (
    event_id      uuid NOT NULL REFERENCES events (event_id),
    product_id    uuid NOT NULL,
    goal_th       text NOT NULL CHECK (char_length(goal_th) BETWEEN 1 AND 1000),
    goal_en       text CHECK (char_length(goal_en) <= 1000),
    actions       jsonb NOT NULL DEFAULT '[]',
    target_stars  smallint CHECK (target_stars BETWEEN 1 AND 5),
    version       integer NOT NULL CHECK (version >= 1),
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (event_id, product_id),
    FOREIGN KEY (event_id, product_id) REFERENCES project_products (event_id, product_id)
);

-- One product per province per project enters the national contest.
CREATE TABLE kbo_nominations (
    nomination_id           uuid PRIMARY KEY,
    event_id                uuid NOT NULL REFERENCES events (event_id),
    province_code           char(2) NOT NULL,
    product_id              uuid NOT NULL,
    member_id               uuid NOT NULL,
    nominated_by_member_id  uuid NOT NULL,
    recorded_by             text NOT NULL,
    nominated_at            timestamptz NOT NULL,
    CONSTRAINT one_nomination_per_province UNIQUE (event_id, province_code),
    FOREIGN KEY (event_id, product_id) REFERENCES project_products (event_id, product_id)
);

-- Behind the allocations' lock, the stored data keeps the rule too: a grant that would take
-- the project's grants beyond its budget, or a budget lowered below what its grants hold, is
-- refused whichever path changes them.
CREATE FUNCTION grants_within_budget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event_id_ uuid;
    budget_ bigint;
    held bigint;
BEGIN
    event_id_ := NEW.event_id;
    IF TG_TABLE_NAME = 'events' THEN
        IF NEW.budget_satang IS NOT DISTINCT FROM OLD.budget_satang THEN
            RETURN NEW;
        END IF;
        budget_ := NEW.budget_satang;
        SELECT coalesce(sum(amount_satang), 0) INTO held
        FROM project_grants WHERE event_id = event_id_;
    ELSE
        SELECT budget_satang INTO budget_ FROM events WHERE event_id = event_id_;
        SELECT coalesce(sum(amount_satang), 0) + NEW.amount_satang INTO held
        FROM project_grants WHERE event_id = event_id_;
    END IF;
    IF held > coalesce(budget_, 0) AND held > 0 THEN
        RAISE EXCEPTION 'grants of % satang exceed the project''s budget', held
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_within_budget';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER grants_within_budget BEFORE INSERT ON project_grants
    FOR EACH ROW EXECUTE FUNCTION grants_within_budget();
CREATE TRIGGER budget_covers_grants BEFORE UPDATE OF budget_satang ON events
    FOR EACH ROW EXECUTE FUNCTION grants_within_budget();
