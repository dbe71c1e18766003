"""A request under an id the ledger holds is the same request again or a conflict."""

from __future__ import annotations

from services.sales.domain.request_ledger import LedgerEntry, Seen, seen


def test_an_id_not_in_the_ledger_is_a_new_request():
    assert seen("abc", None) is Seen.NEW


def test_the_same_fingerprint_is_the_request_again():
    assert seen("abc", LedgerEntry("abc", {"total": "1.00"})) is Seen.REPLAYED


def test_another_fingerprint_under_a_used_id_is_a_conflict():
    assert seen("abd", LedgerEntry("abc", {"total": "1.00"})) is Seen.CONFLICT
