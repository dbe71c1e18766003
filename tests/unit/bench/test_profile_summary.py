"""The benchmark's profile summary: py-spy's folded stacks summed per function."""

from __future__ import annotations

from bench.profile import summarise
from bench.report import collect_profiles

FOLDED = """\
<module> (bench.py:1);handle (shared/messaging/consumer.py:140);execute (asyncpg/connection.py:10) 6
<module> (bench.py:1);handle (shared/messaging/consumer.py:140);info (structlog/stdlib.py:3) 3
<module> (bench.py:1);idle (selectors.py:9) 1
"""


def test_inclusive_shares_count_a_function_once_per_stack_and_self_only_on_top() -> None:
    summary = summarise(FOLDED)

    assert summary["samples"] == 10
    inclusive = dict(summary["inclusive"])
    assert inclusive["<module> (bench.py)"] == 1.0
    assert inclusive["handle (consumer.py)"] == 0.9
    assert summary["ours"] == [("handle (consumer.py)", 0.9)]
    assert dict(summary["self"]) == {
        "execute (connection.py)": 0.6,
        "info (stdlib.py)": 0.3,
        "idle (selectors.py)": 0.1,
    }


def test_an_empty_profile_has_no_shares() -> None:
    assert summarise("") == {"samples": 0, "inclusive": [], "ours": [], "self": []}


def test_profiles_of_the_runs_and_of_the_backlog_are_collected_by_phase_and_process() -> None:
    measured = {
        "runs": [{"profiles": {"closed 20": {"sales": {"samples": 5}}}}, {}],
        "once": {"profiles": {"events": {"error": "py-spy is not installed"}}},
    }

    assert collect_profiles(measured) == {
        "closed 20: sales": {"samples": 5},
        "backlog drain: events": {"error": "py-spy is not installed"},
    }
