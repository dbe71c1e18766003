"""Keeping producers' names from registry.members.v1: names only, never contact data.

Each handler runs inside the consumer's inbox transaction (its unit of work a savepoint on
it). An erased member's snapshot (PDPA) brings the names as the registry erased them, and no
older snapshot arriving later brings them back."""

from __future__ import annotations

from services.sales.domain.producers import ProducerNames
from services.sales.service_layer.unit_of_work import SalesUnitOfWork
from shared.contracts.registry import MemberErased, MemberRegistered, MemberSnapshot, MemberUpdated
from shared.messaging.bus import EventHandlers, EventMetadata


def producer_names(member: MemberSnapshot) -> ProducerNames:
    return ProducerNames(
        member_id=member.member_id,
        version=member.version,
        name_th=member.name_th,
        name_en=member.name_en,
        erased_at=member.erased_at if isinstance(member, MemberErased) else None,
        district_code=member.site.district_code,
    )


async def on_member_described(
    data: MemberSnapshot, metadata: EventMetadata, uow: SalesUnitOfWork
) -> None:
    """A member registered, changed, or erased: the names its products are sold under."""
    async with uow:
        await uow.producers.keep(producer_names(data))
        await uow.commit()


MEMBER_HANDLERS: EventHandlers = {
    MemberRegistered: on_member_described,
    MemberUpdated: on_member_described,
    MemberErased: on_member_described,
}
