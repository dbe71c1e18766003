-- An event's budget covers what was spent of it: expenses and a project's grants together never
-- pass it. An expense or a grant beyond what remains, or a budget lowered (or removed) below
-- what its expenses and grants hold, is refused whichever path changes them. The check of an
-- expense or a grant locks the event's row first, so expenses, grants and budget changes
-- racing each other are decided one after the other, each seeing the others' result.
CREATE FUNCTION budget_held(event_id_ uuid) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT (SELECT coalesce(sum(amount_satang), 0) FROM event_expenses WHERE event_id = event_id_)
         + (SELECT coalesce(sum(amount_satang), 0) FROM project_grants WHERE event_id = event_id_)
$$;

CREATE FUNCTION spending_within_budget() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    budget_ bigint;
    held bigint;
BEGIN
    IF TG_TABLE_NAME = 'events' THEN
        IF NEW.budget_satang IS NOT DISTINCT FROM OLD.budget_satang THEN
            RETURN NEW;
        END IF;
        budget_ := NEW.budget_satang;
        held := budget_held(NEW.event_id);
    ELSE
        SELECT budget_satang INTO budget_ FROM events WHERE event_id = NEW.event_id
        FOR NO KEY UPDATE;
        held := budget_held(NEW.event_id) + NEW.amount_satang;
    END IF;
    IF held > 0 AND held > coalesce(budget_, 0) THEN
        RAISE EXCEPTION 'expenses and grants of % satang exceed the event''s budget', held
            USING ERRCODE = 'check_violation', CONSTRAINT = 'spending_within_budget';
    END IF;
    RETURN NEW;
END
$$;

-- The separate checks of expenses (0006) and of grants (0005) give way to this one, which
-- counts them together.
DROP TRIGGER expenses_within_budget ON event_expenses;
DROP TRIGGER budget_covers_expenses ON events;
DROP FUNCTION expenses_within_budget();
DROP TRIGGER grants_within_budget ON project_grants;
DROP TRIGGER budget_covers_grants ON events;
DROP FUNCTION grants_within_budget();

CREATE TRIGGER expenses_within_budget BEFORE INSERT ON event_expenses
    FOR EACH ROW EXECUTE FUNCTION spending_within_budget();
CREATE TRIGGER grants_within_budget BEFORE INSERT ON project_grants
    FOR EACH ROW EXECUTE FUNCTION spending_within_budget();
CREATE TRIGGER budget_covers_spending BEFORE UPDATE OF budget_satang ON events
    FOR EACH ROW EXECUTE FUNCTION spending_within_budget();
