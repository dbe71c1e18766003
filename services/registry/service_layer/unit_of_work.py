"""The registry's unit of work: repositories of members, products and roles in one transaction.

The ports only; adapters/unit_of_work.py implements them on Postgres.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Protocol

from services.registry.domain.members import Member
from services.registry.domain.products import Product, Rating
from services.registry.domain.roles import RoleAssignment
from services.registry.service_layer.community_ports import CommunityRepository
from shared.contracts.registry import NetworkRole
from shared.service.unit_of_work import AbstractUnitOfWork


class MemberRepository(Protocol):
    async def add(self, member: Member) -> None: ...
    async def get(self, member_id: uuid.UUID, *, for_update: bool = False) -> Member | None: ...
    async def save(self, member: Member) -> None: ...
    async def forget_published(self, member: Member) -> int: ...


class ProductRepository(Protocol):
    async def add(self, product: Product) -> None: ...
    async def get(self, product_id: uuid.UUID, *, for_update: bool = False) -> Product | None: ...
    async def listed_of_member(self, member_id: uuid.UUID) -> list[Product]:
        """The member's listed products, locked for update."""
        ...

    async def sku_taken(self, sku: str) -> bool: ...
    async def save(self, product: Product) -> None: ...
    async def add_rating(self, product: Product, rating: Rating) -> None: ...


class RoleRepository(Protocol):
    async def lock_area(self, role: NetworkRole, province: str, district: str | None) -> None: ...
    async def holders(
        self, role: NetworkRole, province: str, district: str | None, start: date, end: date
    ) -> list[RoleAssignment]: ...
    async def add(self, assignment: RoleAssignment) -> None: ...
    async def forget_person_names(self, member_id: uuid.UUID) -> int: ...


class RegistryUnitOfWork(AbstractUnitOfWork):
    producer = "registry"
    members: MemberRepository
    products: ProductRepository
    roles: RoleRepository
    communities: CommunityRepository
