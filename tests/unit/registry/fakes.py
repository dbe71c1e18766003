"""In-memory stand-ins for the registry's unit of work and repositories.

Each unit of work works on a copy of the committed state; `commit` makes the copy the new
committed state and records the events, leaving without commit throws the copy away. So a
handler that forgets to save, or that fails half way, shows up in the tests.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from services.registry.adapters.contract_events import to_contract
from services.registry.domain.members import Member
from services.registry.domain.products import Product, Rating
from services.registry.domain.roles import RoleAssignment
from services.registry.service_layer.unit_of_work import RegistryUnitOfWork
from shared.contracts.registry import NetworkRole, ProductStatus
from shared.messaging.envelope import EventEnvelope


@dataclass
class FakeState:
    members: dict[uuid.UUID, Member] = field(default_factory=dict)
    products: dict[uuid.UUID, Product] = field(default_factory=dict)
    ratings: dict[tuple[uuid.UUID, int], Rating] = field(default_factory=dict)
    roles: list[RoleAssignment] = field(default_factory=list)


class FakeMemberRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def add(self, member: Member) -> None:
        if member.member_id in self._state.members:
            raise AssertionError(f"member {member.member_id} added twice")
        self._state.members[member.member_id] = copy.deepcopy(member)

    async def get(self, member_id: uuid.UUID, *, for_update: bool = False) -> Member | None:
        found = self._state.members.get(member_id)
        return copy.deepcopy(found) if found is not None else None

    async def save(self, member: Member) -> None:
        if member.member_id not in self._state.members:
            raise AssertionError(f"member {member.member_id} saved before it was added")
        self._state.members[member.member_id] = copy.deepcopy(member)

    async def forget_published(self, member: Member) -> int:
        return 0  # the fake keeps no copy of published events to blank


class FakeProductRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state

    async def add(self, product: Product) -> None:
        if await self.sku_taken(product.sku):
            raise AssertionError(f"SKU {product.sku} stored twice")
        self._state.products[product.product_id] = copy.deepcopy(product)

    async def get(self, product_id: uuid.UUID, *, for_update: bool = False) -> Product | None:
        found = self._state.products.get(product_id)
        if found is None:
            return None
        product = copy.deepcopy(found)
        product.ratings = sorted(
            (r for (pid, _), r in self._state.ratings.items() if pid == product_id),
            key=lambda r: r.round_year,
        )
        return product

    async def listed_of_member(self, member_id: uuid.UUID) -> list[Product]:
        listed = [
            p
            for p in self._state.products.values()
            if p.member_id == member_id and p.status is ProductStatus.LISTED
        ]
        return [p for p in [await self.get(p.product_id) for p in listed] if p is not None]

    async def sku_taken(self, sku: str) -> bool:
        return any(p.sku.upper() == sku.upper() for p in self._state.products.values())

    async def save(self, product: Product) -> None:
        if product.product_id not in self._state.products:
            raise AssertionError(f"product {product.product_id} saved before it was added")
        self._state.products[product.product_id] = copy.deepcopy(product)

    async def add_rating(self, product: Product, rating: Rating) -> None:
        key = (product.product_id, rating.round_year)
        if key in self._state.ratings:
            raise AssertionError(f"a second rating row for round {rating.round_year}")
        self._state.ratings[key] = rating


class FakeRoleRepository:
    def __init__(self, state: FakeState) -> None:
        self._state = state
        self.locked: list[tuple[NetworkRole, str, str | None]] = []

    async def lock_area(self, role: NetworkRole, province: str, district: str | None) -> None:
        self.locked.append((role, province, district))

    async def holders(
        self, role: NetworkRole, province: str, district: str | None, start: date, end: date
    ) -> list[RoleAssignment]:
        return sorted(
            (
                r
                for r in self._state.roles
                if r.role is role
                and r.province_code == province
                and r.district_code == district
                and r.term_start < end
                and start < r.term_end
            ),
            key=lambda r: r.term_start,
        )

    async def add(self, assignment: RoleAssignment) -> None:
        self._state.roles.append(assignment)

    async def forget_person_names(self, member_id: uuid.UUID) -> int:
        held = [i for i, r in enumerate(self._state.roles) if r.member_id == member_id]
        for i in held:
            self._state.roles[i] = replace(self._state.roles[i], person_name="")
        return len(held)


class FakeRegistryUnitOfWork(RegistryUnitOfWork):
    """The RegistryUnitOfWork port over in-memory state that survives across units of work;
    it publishes the domain events as the Postgres unit of work does."""

    contract_of = staticmethod(to_contract)

    def __init__(self, state: FakeState | None = None) -> None:
        super().__init__()
        self.state = state if state is not None else FakeState()
        self._working: FakeState | None = None
        self.commits = 0
        self.rollbacks = 0

    async def _begin(self) -> None:
        self._working = copy.deepcopy(self.state)
        self.members = FakeMemberRepository(self._working)
        self.products = FakeProductRepository(self._working)
        self.roles = FakeRoleRepository(self._working)

    async def _commit(self, envelopes: list[tuple[str, EventEnvelope[Any]]]) -> None:
        assert self._working is not None, "commit outside the unit of work"
        self.state = self._working
        self._working = None
        self.commits += 1

    async def _end(self) -> None:
        if self._working is not None:
            self.rollbacks += 1
        self._working = None

    def events_of_type(self, event_type: str) -> list[EventEnvelope[Any]]:
        return [env for _, env in self.committed_events if env.event_type == event_type]
