"""The registry's HTTP routes: parse, call a handler or a view, return."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from services.privacy.document import PersonalDataHeld
from services.registry.adapters import views
from services.registry.adapters.personal_data import personal_data
from services.registry.entrypoints.schemas import (
    MemberOut,
    MemberPage,
    ProductOut,
    ProductPage,
    RoleList,
    RoleOut,
)
from services.registry.service_layer import commands, handlers
from services.registry.service_layer.unit_of_work import RegistryUnitOfWork
from shared.contracts.registry import (
    DevelopmentSegment,
    MemberStatus,
    MemberType,
    NetworkRole,
    ProductCategory,
    ProductStatus,
)
from shared.errors import NotFound
from shared.http.auth import require_admin
from shared.timeutil import business_day, now_bangkok

router = APIRouter(prefix="/v1", dependencies=[Depends(require_admin)])

ProvinceCode = Annotated[str | None, Query(pattern=r"^\d{2}$", description="DOPA, 2 digits")]
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{4}$", description="DOPA, 4 digits")]
Limit = Annotated[int, Query(ge=1, le=200)]
# Lists that used to come whole: a larger page by default.
PageSize = Annotated[int, Query(ge=1, le=500, description="Rows a page, at most 500")]
Cursor = Annotated[str | None, Query(max_length=500, description="The previous page's next_cursor")]
Search = Annotated[str | None, Query(min_length=1, max_length=100)]


def unit_of_work(request: Request) -> RegistryUnitOfWork:
    factory: Callable[[], RegistryUnitOfWork] = request.app.state.uow_factory
    return factory()


UoW = Annotated[RegistryUnitOfWork, Depends(unit_of_work)]


@router.post("/members", status_code=201, response_model=MemberOut, tags=["members"])
async def register_member(body: commands.RegisterMember, uow: UoW, response: Response) -> MemberOut:
    member = await handlers.register_member(body, uow)
    response.headers["Location"] = f"/v1/members/{member.member_id}"
    return MemberOut.of(member)


@router.get("/members", response_model=MemberPage, tags=["members"])
async def list_members(
    request: Request,
    province: ProvinceCode = None,
    district: DistrictCode = None,
    type: MemberType | None = None,
    status: MemberStatus | None = None,
    segment: DevelopmentSegment | None = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> MemberPage:
    async with request.app.state.pool.acquire() as conn:
        page = await views.list_members(
            conn,
            province=province,
            district=district,
            member_type=type,
            status=status,
            segment=segment,
            q=q,
            cursor=cursor,
            limit=limit,
        )
    return MemberPage(items=[MemberOut.of(m) for m in page.items], next_cursor=page.next_cursor)


@router.get("/members/{member_id}", response_model=MemberOut, tags=["members"])
async def get_member(member_id: uuid.UUID, request: Request) -> MemberOut:
    async with request.app.state.pool.acquire() as conn:
        member = await views.get_member(conn, member_id)
    if member is None:
        raise NotFound(f"there is no member {member_id}")
    return MemberOut.of(member)


@router.patch("/members/{member_id}", response_model=MemberOut, tags=["members"])
async def update_member(member_id: uuid.UUID, body: commands.MemberChanges, uow: UoW) -> MemberOut:
    member = await handlers.update_member(
        commands.UpdateMember(member_id=member_id, changes=body), uow
    )
    return MemberOut.of(member)


@router.post("/members/{member_id}/status", response_model=MemberOut, tags=["members"])
async def change_member_status(
    member_id: uuid.UUID, body: commands.StatusChange, uow: UoW
) -> MemberOut:
    member = await handlers.change_member_status(
        commands.ChangeMemberStatus(member_id=member_id, change=body), uow
    )
    return MemberOut.of(member)


@router.post(
    "/members/{member_id}/products", status_code=201, response_model=ProductOut, tags=["products"]
)
async def list_product(
    member_id: uuid.UUID, body: commands.ProductInput, uow: UoW, response: Response
) -> ProductOut:
    product = await handlers.list_product(
        commands.ListProduct(member_id=member_id, product=body), uow
    )
    response.headers["Location"] = f"/v1/products/{product.product_id}"
    return ProductOut.of(product)


@router.get("/products", response_model=ProductPage, tags=["products"])
async def list_products(
    request: Request,
    member_id: uuid.UUID | None = None,
    category: ProductCategory | None = None,
    segment: DevelopmentSegment | None = None,
    status: ProductStatus | None = None,
    province: ProvinceCode = None,
    min_stars: Annotated[int | None, Query(ge=1, le=5)] = None,
    q: Search = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> ProductPage:
    async with request.app.state.pool.acquire() as conn:
        page = await views.list_products(
            conn,
            member_id=member_id,
            category=category,
            segment=segment,
            status=status,
            province=province,
            min_stars=min_stars,
            q=q,
            cursor=cursor,
            limit=limit,
        )
    return ProductPage(
        items=[ProductOut.of(p, with_ratings=False) for p in page.items],
        next_cursor=page.next_cursor,
    )


@router.get("/products/{product_id}", response_model=ProductOut, tags=["products"])
async def get_product(product_id: uuid.UUID, request: Request) -> ProductOut:
    async with request.app.state.pool.acquire() as conn:
        product = await views.get_product(conn, product_id)
    if product is None:
        raise NotFound(f"there is no product {product_id}")
    return ProductOut.of(product)


@router.patch("/products/{product_id}", response_model=ProductOut, tags=["products"])
async def update_product(
    product_id: uuid.UUID, body: commands.ProductChanges, uow: UoW
) -> ProductOut:
    product = await handlers.update_product(
        commands.UpdateProduct(product_id=product_id, changes=body), uow
    )
    return ProductOut.of(product)


@router.post("/products/{product_id}/delist", response_model=ProductOut, tags=["products"])
async def delist_product(
    product_id: uuid.UUID, body: commands.DelistReason, uow: UoW
) -> ProductOut:
    product = await handlers.delist_product(
        commands.DelistProduct(product_id=product_id, reason=body.reason), uow
    )
    return ProductOut.of(product)


@router.post(
    "/products/{product_id}/ratings", status_code=201, response_model=ProductOut, tags=["products"]
)
async def rate_product(product_id: uuid.UUID, body: commands.RatingInput, uow: UoW) -> ProductOut:
    product = await handlers.rate_product(
        commands.RateProduct(product_id=product_id, rating=body), uow
    )
    return ProductOut.of(product)


@router.post("/roles", status_code=201, response_model=RoleOut, tags=["network roles"])
async def assign_role(body: commands.AssignRole, uow: UoW) -> RoleOut:
    return RoleOut.of(await handlers.assign_role(body, uow))


@router.get("/roles", response_model=RoleList, tags=["network roles"])
async def current_office_holders(
    request: Request,
    province: ProvinceCode = None,
    district: DistrictCode = None,
    role: NetworkRole | None = None,
    on: Annotated[date | None, Query(description="Default: today in Asia/Bangkok")] = None,
    cursor: Cursor = None,
    limit: PageSize = 100,
) -> RoleList:
    """Who holds a network role on a day, a page at a time in the order the roles were
    assigned (then by id); give `next_cursor` as `cursor` for the next page (null: the last)."""
    day = on or business_day(now_bangkok())
    async with request.app.state.pool.acquire() as conn:
        page = await views.current_office_holders(
            conn,
            on=day,
            province=province,
            district=district,
            role=role,
            cursor=cursor,
            limit=limit,
        )
    return RoleList(on=day, items=[RoleOut.of(r) for r in page.items], next_cursor=page.next_cursor)


@router.get(
    "/members/{member_id}/personal-data",
    response_model=PersonalDataHeld,
    tags=["personal data (PDPA)"],
)
async def member_personal_data(member_id: uuid.UUID, request: Request) -> PersonalDataHeld:
    """Everything the registry holds about the member: the member's right to see (PDPA)."""
    async with request.app.state.pool.acquire() as conn:
        held = await personal_data(conn, member_id)
    if held is None:
        raise NotFound(f"there is no member {member_id}")
    return PersonalDataHeld(
        service="registry", member_id=member_id, exported_at=now_bangkok(), sections=held
    )


@router.post(
    "/members/{member_id}/erasure", response_model=MemberOut, tags=["personal data (PDPA)"]
)
async def erase_member(member_id: uuid.UUID, uow: UoW) -> MemberOut:
    """Erase the member's personal data on request (PDPA) and publish `member.erased`:
    contact person, phone, e-mail, LINE id, address line, role holders' names and, unless
    the member is a community group, its names. Asking again changes nothing."""
    member = await handlers.erase_member(commands.EraseMember(member_id=member_id), uow)
    return MemberOut.of(member)
