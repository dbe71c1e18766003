"""The kinds of notice the notifications service sends: one enumeration, the deliveries
contract's (`shared.contracts.notifications.NotificationKind`), so every delivery, the shop's
notices to producers and to online customers included, is published as `delivery.sent` or
`delivery.failed` on notifications.deliveries.v1."""

from __future__ import annotations

from shared.contracts.notifications import NotificationKind

Kind = NotificationKind

# Told to the customer of an online order (who is not a member), in Thai with English beneath.
CUSTOMER_KINDS: frozenset[NotificationKind] = frozenset(
    k for k in NotificationKind if k.value.startswith("order_")
)
