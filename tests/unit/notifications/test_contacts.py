"""Which snapshot may change a member's contact copy."""

from __future__ import annotations

from services.notifications.domain.contacts import language_of, snapshot_replaces_contact


def test_only_a_newer_snapshot_replaces_the_contact() -> None:
    assert snapshot_replaces_contact(None, 1)
    assert snapshot_replaces_contact(0, 1)  # a row made from a status change alone
    assert snapshot_replaces_contact(2, 3)
    assert not snapshot_replaces_contact(3, 3)  # a redelivery
    assert not snapshot_replaces_contact(3, 2)  # an older snapshot after an erasure


def test_messages_are_in_thai_unless_the_member_prefers_english() -> None:
    assert language_of("en") == "en"
    assert language_of("th") == "th"
    assert language_of("fr") == "th"
