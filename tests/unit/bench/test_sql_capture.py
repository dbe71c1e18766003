# ruff: noqa: E501
"""One sale's statements read from PostgreSQL's log and written as a pgbench script."""

from __future__ import annotations

from bench.sql_capture import one_sale, parse_log, pgbench_script

SALE = "11111111-2222-4333-8444-555555555555"
TERMINAL = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
LOG = f"""\
2026-11-30 14:55:26.464 UTC [7244] sales LOG:  execute __asyncpg_stmt_1__: \n\
\tSELECT t.* FROM terminal_keys k JOIN terminals t USING (terminal_id)
\tWHERE k.key_hash = $1
2026-11-30 14:55:26.464 UTC [7244] sales DETAIL:  Parameters: $1 = '\\x46'
2026-11-30 14:55:26.465 UTC [7000] events LOG:  statement: SELECT 1
2026-11-30 14:55:26.467 UTC [7244] sales LOG:  statement: SELECT pg_advisory_unlock_all();
\tCLOSE ALL;
\tRESET ALL;
2026-11-30 14:55:26.470 UTC [7245] sales LOG:  statement: BEGIN;
2026-11-30 14:55:26.471 UTC [7245] sales LOG:  execute s2: SELECT typeinfo_tree FROM pg_catalog.pg_type
2026-11-30 14:55:26.472 UTC [7245] sales LOG:  execute s3: INSERT INTO sales (sale_id, terminal_id, note) VALUES ($1, $2, $10)
2026-11-30 14:55:26.472 UTC [7245] sales DETAIL:  Parameters: $1 = '{SALE}', $2 = '{TERMINAL}', $10 = 'it''s'
2026-11-30 14:55:26.473 UTC [7245] sales LOG:  statement: COMMIT;
2026-11-30 14:55:26.474 UTC [7245] sales LOG:  statement: SELECT pg_advisory_unlock_all();
\tCLOSE ALL;
\tRESET ALL;
2026-11-30 14:55:26.480 UTC [7246] sales LOG:  statement: BEGIN;
2026-11-30 14:55:26.481 UTC [7246] sales LOG:  execute s4: SELECT * FROM outbox FOR UPDATE
2026-11-30 14:55:26.482 UTC [7246] sales LOG:  statement: COMMIT;
"""


def test_the_log_gives_each_statement_of_the_application_with_its_parameters() -> None:
    statements = parse_log(LOG, "sales")
    assert all("events" not in s.sql for s in statements)
    assert not any("typeinfo_tree" in s.sql for s in statements)  # the driver's, once
    insert = next(s for s in statements if "INSERT INTO sales" in s.sql)
    assert insert.literal == (
        f"INSERT INTO sales (sale_id, terminal_id, note) VALUES ('{SALE}', '{TERMINAL}', 'it''s')"
    )


def test_one_sale_is_its_key_lookup_its_transaction_and_the_pool_resets() -> None:
    sale = one_sale(parse_log(LOG, "sales"), SALE)
    kinds = [s.sql.split()[0] for s in sale]
    assert kinds == ["SELECT", "SELECT", "BEGIN;", "INSERT", "COMMIT;", "SELECT"]
    assert "terminal_keys" in sale[0].sql
    assert not any("outbox" in s.sql for s in sale)  # the relay's own transaction


def test_the_script_makes_new_ids_but_keeps_existing_rows() -> None:
    script = pgbench_script(one_sale(parse_log(LOG, "sales"), SALE), keep={TERMINAL})
    assert SALE not in script
    assert TERMINAL in script
    assert "\\set u0a random(" in script
    assert "':u0a-0000-4000-8000-:u0b'" in script
    # The pool's reset stays one query of several commands.
    assert "SELECT pg_advisory_unlock_all() \\;\nCLOSE ALL \\;\nRESET ALL;" in script
