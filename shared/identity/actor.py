"""The actor of the work in progress: a staff member (by account id), an operator (the admin
token), a sales terminal, or the system itself (consumers and background jobs).

Entrypoints bind the actor once per request; service layers ask `authorize(action, area)`
before they change something, and the unit of work records staff and operator changes in
the audit trail and puts the actor's id on the events it publishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

import structlog

from shared.errors import Forbidden
from shared.identity.roles import ROLE_NAMES, Action, Grant, areas_for, permits


class ActorKind(StrEnum):
    STAFF = "staff"
    OPERATOR = "operator"
    TERMINAL = "terminal"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: str
    grants: tuple[Grant, ...] = field(default=())

    @property
    def unlimited(self) -> bool:
        """Operators (the admin token) and the system itself may do anything anywhere."""
        return self.kind in (ActorKind.OPERATOR, ActorKind.SYSTEM)

    @property
    def audited(self) -> bool:
        """Changes by people (staff, operators) go to the audit trail."""
        return self.kind in (ActorKind.STAFF, ActorKind.OPERATOR)

    def may(self, action: Action, area: str | None = None) -> bool:
        if self.unlimited:
            return True
        if self.kind is not ActorKind.STAFF:
            return False
        return permits(self.grants, action, area)

    def areas_for(self, action: Action) -> list[str] | None:
        """Where `action` is allowed; None means everywhere."""
        if self.unlimited:
            return None
        if self.kind is not ActorKind.STAFF:
            return []
        return areas_for(self.grants, action)


SYSTEM = Actor(ActorKind.SYSTEM, "system")
OPERATOR = Actor(ActorKind.OPERATOR, "admin-token")

_ACTION_NAMES: dict[Action, tuple[str, str]] = {
    Action.READ: ("ดูข้อมูล", "read"),
    Action.MANAGE_MEMBERS: ("จัดการสมาชิกและผลิตภัณฑ์", "manage members and products"),
    Action.MANAGE_ROLES: ("แต่งตั้งตำแหน่งเครือข่าย", "assign network roles"),
    Action.MANAGE_EVENTS: ("จัดการกิจกรรม", "manage events"),
    Action.MANAGE_REGISTRATIONS: ("จัดการการลงทะเบียน", "manage registrations"),
    Action.MANAGE_CONTACTS: ("จัดการการแจ้งเตือนของสมาชิก", "manage a member's notifications"),
    Action.RUN_SHOP: ("ดำเนินงานร้านค้า", "run the shop"),
    Action.READ_SHOP: ("ดูรายงานร้านค้า", "read the shop's reports"),
    Action.ADMINISTER: ("ดูแลระบบ", "administer the platform"),
}

_current: ContextVar[Actor] = ContextVar("actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


def bind_actor(actor: Actor) -> None:
    """Bind for the rest of this task (a request); logs carry the actor's id, never a name."""
    _current.set(actor)
    structlog.contextvars.bind_contextvars(actor=f"{actor.kind.value}:{actor.id}")


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def authorize(action: Action, area: str | None = None) -> None:
    """Refuse (403) when the current actor may not do `action` in `area`."""
    actor = current_actor()
    if actor.may(action, area):
        return
    roles = ", ".join(
        f"{ROLE_NAMES[g.role][1]}{f' ({g.area})' if g.area else ''}" for g in actor.grants
    )
    thai, english = _ACTION_NAMES[action]
    where_th, where_en = (f" ในพื้นที่ {area}", f" in area {area}") if area else ("", "")
    raise Forbidden(
        f"ไม่มีสิทธิ์{thai}{where_th} / not allowed to {english}{where_en}; "
        f"your roles: {roles or 'none'}"
    )
