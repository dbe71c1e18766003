"""Handlers of staff commands: each gets its unit of work passed in."""

from __future__ import annotations

import secrets
import uuid

from services.notifications.domain.preferences import (
    CRITICAL_KINDS,
    Preferences,
    QuietHours,
)
from services.notifications.domain.webhooks import Subscription
from services.notifications.service_layer import commands
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications import Channel
from shared.errors import Conflict, InvalidInput, NotFound
from shared.identity.actor import authorize
from shared.identity.roles import Action


def preferences_from(given: commands.PreferencesInput) -> Preferences:
    critical = [k.value for k in given.opt_outs if k in CRITICAL_KINDS]
    if critical:
        raise InvalidInput(f"{', '.join(critical)} is a critical notice and cannot be opted out of")
    quiet = None
    try:
        if given.quiet_hours is not None:
            start, end = given.quiet_hours.start, given.quiet_hours.end
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("quiet hours are local times in Asia/Bangkok, without an offset")
            quiet = QuietHours(start, end)
        return Preferences(
            language=given.language,
            channels=tuple(Channel(c) for c in given.channels),
            opt_outs=frozenset(given.opt_outs),
            quiet_hours=quiet,
        )
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


async def set_preferences(
    cmd: commands.SetPreferences, uow: NotificationsUnitOfWork
) -> Preferences:
    preferences = preferences_from(cmd.preferences)
    async with uow:
        # A member whose district is not known here yet: only those who may act anywhere.
        authorize(Action.MANAGE_CONTACTS, await uow.contacts.district_of(cmd.member_id))
        await uow.preferences.save(cmd.member_id, preferences)
        uow.audit("preferences.changed", "member", cmd.member_id)
        await uow.commit()
    return preferences


async def get_preferences(
    member_id: uuid.UUID, uow: NotificationsUnitOfWork
) -> tuple[Preferences, str]:
    """The member's preferences (defaults when none were set) and the language used."""
    async with uow:
        stored = await uow.preferences.get(member_id)
        contact = await uow.contacts.get(member_id)
        if stored is None and not await uow.contacts.exists(member_id):
            raise NotFound(f"no member {member_id} is known to the notifications service")
    preferences = stored or Preferences()
    language = preferences.language or (contact.preferred_language if contact else "th")
    return preferences, language


async def register_webhook(
    cmd: commands.RegisterWebhook, uow: NotificationsUnitOfWork, max_active: int = 50
) -> tuple[Subscription, str]:
    """Returns the subscription and its signing secret (shown once, never again). At most
    `max_active` subscriptions are active at once."""
    secret = "whsec_" + secrets.token_urlsafe(32)
    async with uow:
        active = await uow.webhooks.count_active()
        if active >= max_active:
            raise Conflict(
                f"มีการสมัครรับ webhook ครบ {max_active} รายการแล้ว / {active} webhook "
                f"subscriptions are active, the most allowed ({max_active}): remove one no "
                "longer used (DELETE /v1/webhooks/{id}) first",
                limit=max_active,
            )
        subscription = await uow.webhooks.add(
            uuid.uuid4(), str(cmd.url), list(dict.fromkeys(cmd.kinds)), secret, cmd.description
        )
        uow.audit("webhook.registered", "webhook", subscription.subscription_id)
        await uow.commit()
    return subscription, secret


async def remove_webhook(cmd: commands.RemoveWebhook, uow: NotificationsUnitOfWork) -> None:
    async with uow:
        if not await uow.webhooks.deactivate(cmd.subscription_id):
            raise NotFound(f"there is no webhook subscription {cmd.subscription_id}")
        uow.audit("webhook.removed", "webhook", cmd.subscription_id)
        await uow.commit()


COMMANDS = {
    commands.SetPreferences: set_preferences,
    commands.RemoveWebhook: remove_webhook,
}
