"""The statements one sale runs, read from PostgreSQL's own log (log_statement = all), and
turned into pgbench scripts with fresh ids each transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

HEADER = re.compile(
    r"^\d{4}-\d\d-\d\d \S+ \S+ \[(?P<pid>\d+)\] (?P<app>\S*) (?P<level>[A-Z]+):  (?P<text>.*)$"
)
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (?P<sql>.*)$", re.DOTALL)
PARAMETER = re.compile(r"\$(?P<n>\d+) = (?P<value>NULL|'(?:[^']|'')*')", re.DOTALL)
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LOG_LINE_PREFIX = "%m [%p] %a "
# What the driver runs once per new connection, not per sale.
DRIVER_INTROSPECTION = ("pg_catalog", "typeinfo_tree", "set_config('jit'")
KEY_LOOKUP = "terminal_keys"  # the terminal's API key, looked up before the transaction


@dataclass
class Statement:
    pid: int
    sql: str
    parameters: dict[int, str] = field(default_factory=dict)

    @property
    def literal(self) -> str:
        """The statement with its parameters written in as literals."""
        return PLACEHOLDER.sub(
            lambda m: self.parameters.get(int(m.group(1)), m.group(0)), self.sql
        ).strip()


def parse_log(text: str, application: str) -> list[Statement]:
    """The statements `application` ran, in the log's order, with their parameters."""
    entries: list[tuple[int, str, str, str]] = []  # pid, app, level, text
    for line in text.splitlines():
        header = HEADER.match(line)
        if header:
            entries.append((int(header["pid"]), header["app"], header["level"], header["text"]))
        elif entries and line.startswith("\t"):
            pid, app, level, body = entries[-1]
            entries[-1] = (pid, app, level, body + "\n" + line[1:])
    found: list[Statement] = []
    last_by_pid: dict[int, Statement] = {}
    for pid, app, level, body in entries:
        if app != application:
            continue
        if level == "LOG":
            statement = STATEMENT.match(body)
            if statement:
                found.append(Statement(pid, statement["sql"]))
                last_by_pid[pid] = found[-1]
        elif level == "DETAIL" and body.lower().startswith("parameters:") and pid in last_by_pid:
            last_by_pid[pid].parameters = {
                int(m["n"]): m["value"] for m in PARAMETER.finditer(body)
            }
    return [s for s in found if not any(mark in s.sql for mark in DRIVER_INTROSPECTION)]


def is_begin(sql: str) -> bool:
    return sql.strip().rstrip(";").upper() in ("BEGIN", "BEGIN ISOLATION LEVEL READ COMMITTED")


def is_end(sql: str) -> bool:
    return sql.strip().rstrip(";").upper() in ("COMMIT", "ROLLBACK")


def one_sale(statements: list[Statement], sale_id: str) -> list[Statement]:
    """The sale's transaction (the one whose INSERT INTO sales carries `sale_id`) and the
    statements outside any transaction run just before it (the terminal's key lookup)."""
    in_transaction: dict[int, list[int]] = {}  # pid → indexes of its open transaction
    transactions: list[list[int]] = []
    loose: list[int] = []
    for i, s in enumerate(statements):
        if is_begin(s.sql):
            in_transaction[s.pid] = [i]
        elif s.pid in in_transaction:
            in_transaction[s.pid].append(i)
            if is_end(s.sql):
                transactions.append(in_transaction.pop(s.pid))
        else:
            loose.append(i)
    for transaction in transactions:
        if any(
            "INSERT INTO sales" in statements[i].sql and sale_id in statements[i].literal
            for i in transaction
        ):
            chosen = _with_reset(statements, loose, transaction[-1]) + transaction
            lookups = [i for i in loose if i < transaction[0] and KEY_LOOKUP in statements[i].sql]
            if lookups:
                chosen = [lookups[-1], *_with_reset(statements, loose, lookups[-1]), *chosen]
            return [statements[i] for i in sorted(set(chosen))]
    raise LookupError(f"no transaction of sale {sale_id} in the log")


def _with_reset(statements: list[Statement], loose: list[int], after: int) -> list[int]:
    """The pool's reset of the connection (on release) that follows statement `after`."""
    pid = statements[after].pid
    for i in loose:
        if i > after and statements[i].pid == pid:
            return [i] if "RESET ALL" in statements[i].sql else []
    return []


def pgbench_script(
    statements: Iterable[Statement], keep: set[str], renew_text: dict[str, str] | None = None
) -> str:
    """The statements as one pgbench transaction; every uuid not in `keep` (rows that exist
    already: the terminal, its shift, products, producers) new each time it runs, and each
    text in `renew_text` (a receipt number) replaced by its pgbench expression."""
    # One query holding several commands (the pool's reset) stays one round trip: `\;`.
    text = "\n".join(
        s.literal.rstrip().rstrip(";").replace(";\n", " \\;\n") + ";" for s in statements
    )
    for old, new in (renew_text or {}).items():
        text = text.replace(old, new)
    fresh: dict[str, str] = {}

    def renew(match: re.Match[str]) -> str:
        value = match.group(0)
        if value in keep:
            return value
        if value not in fresh:
            fresh[value] = f"u{len(fresh)}"
        name = fresh[value]
        return f":{name}a-0000-4000-8000-:{name}b"

    body = UUID.sub(renew, text)
    sets = [
        line
        for name in fresh.values()
        for line in (
            f"\\set {name}a random(10000000, 99999999)",
            f"\\set {name}b random(100000000000, 999999999999)",
        )
    ]
    return "\n".join(sets) + "\n" + body + "\n"
