-- An event's budget covers what was spent of it: an expense beyond what remains, or a budget
-- lowered (or removed) below the expenses already paid, is refused whichever path changes
-- them. The expense's check locks the event's row first, so expenses and budget changes
-- racing each other are decided one after the other, each seeing the other's result.
CREATE FUNCTION expenses_within_budget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    budget_ bigint;
    spent bigint;
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        IF NEW.budget_satang IS NOT DISTINCT FROM OLD.budget_satang THEN
            RETURN NEW;
        END IF;
        budget_ := NEW.budget_satang;
        SELECT coalesce(sum(amount_satang), 0) INTO spent
        FROM event_expenses WHERE event_id = NEW.event_id;
    ELSE
        SELECT budget_satang INTO budget_ FROM events WHERE event_id = NEW.event_id
        FOR NO KEY UPDATE;
        SELECT coalesce(sum(amount_satang), 0) + NEW.amount_satang INTO spent
        FROM event_expenses WHERE event_id = NEW.event_id;
    END IF;
    IF spent > 0 AND spent > coalesce(budget_, 0) THEN
        RAISE EXCEPTION 'expenses of % satang exceed the event''s budget', spent
            USING ERRCODE = 'check_violation', CONSTRAINT = 'expenses_within_budget';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER expenses_within_budget BEFORE INSERT ON event_expenses
    FOR EACH ROW EXECUTE FUNCTION expenses_within_budget();
CREATE TRIGGER budget_covers_expenses BEFORE UPDATE OF budget_satang ON events
    FOR EACH ROW EXECUTE FUNCTION expenses_within_budget();

-- A project's grants are checked the same way: the event's row locked before their sum is
-- read, so grants inserted at once by writers that never took the lock cannot both fit.
CREATE OR REPLACE FUNCTION grants_within_budget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    budget_ bigint;
    held bigint;
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        IF NEW.budget_satang IS NOT DISTINCT FROM OLD.budget_satang THEN
            RETURN NEW;
        END IF;
        budget_ := NEW.budget_satang;
        SELECT coalesce(sum(amount_satang), 0) INTO held
        FROM project_grants WHERE event_id = NEW.event_id;
    ELSE
        SELECT budget_satang INTO budget_ FROM events WHERE event_id = NEW.event_id
        FOR NO KEY UPDATE;
        SELECT coalesce(sum(amount_satang), 0) + NEW.amount_satang INTO held
        FROM project_grants WHERE event_id = NEW.event_id;
    END IF;
    IF held > coalesce(budget_, 0) AND held > 0 THEN
        RAISE EXCEPTION 'grants of % satang exceed the project''s budget', held
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grants_within_budget';
    END IF;
    RETURN NEW;
END
$$;
