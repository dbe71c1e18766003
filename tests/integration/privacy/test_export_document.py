"""Assembling the one export document from the four services' answers (no servers: each
service is stood in for by its HTTP answer)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest

from services.privacy.export import ExportFailed, MemberNotFound, export_member, request_erasure

MEMBER = uuid.UUID("6f1c2a1e-8f0b-4c55-9d43-0c1f1f0d7a01")
URLS = {s: f"http://{s}.test" for s in ("registry", "events", "sales", "notifications")}
TOKEN = "staff-admin-token"
SECTIONS = {
    "registry": {"member": [{"member_id": str(MEMBER), "contact_phone": "0812345678"}]},
    "events": {"registrations": [{"registration_id": str(uuid.uuid4())}]},
    "sales": {"settlements": [{"payout": "1074.02"}]},
    "notifications": {"contact": [{"email": "somsri@example.org"}]},
}


def _services(answer: Callable[[str], httpx.Response] | None = None) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        service = request.url.host.removesuffix(".test")
        if answer is not None and (special := answer(service)) is not None:
            return special
        assert request.url.path == f"/v1/members/{MEMBER}/personal-data"
        return httpx.Response(
            200,
            json={
                "service": service,
                "member_id": str(MEMBER),
                "exported_at": "2027-03-01T09:00:00+07:00",
                "sections": SECTIONS[service],
            },
        )

    return httpx.MockTransport(handle)


async def test_one_document_has_a_section_for_each_service_with_what_it_holds() -> None:
    document = await export_member(MEMBER, URLS, TOKEN, transport=_services())
    assert document["member_id"] == str(MEMBER)
    assert list(document["services"]) == ["registry", "events", "sales", "notifications"]
    for service, sections in SECTIONS.items():
        assert document["services"][service]["sections"] == sections
    assert document["services"]["sales"]["sections"]["settlements"][0]["payout"] == "1074.02"


async def test_an_unknown_member_is_said_so_by_the_registry() -> None:
    def registry_does_not_know(service: str) -> httpx.Response | None:
        if service == "registry":
            return httpx.Response(404, json={"title": "Not found", "detail": "no member"})
        return None

    with pytest.raises(MemberNotFound):
        await export_member(MEMBER, URLS, TOKEN, transport=_services(registry_does_not_know))


async def test_a_service_that_does_not_answer_fails_the_export_rather_than_leave_it_partial() -> (
    None
):
    def sales_fails(service: str) -> httpx.Response | None:
        if service == "sales":
            return httpx.Response(503, json={"title": "Unavailable", "detail": "database down"})
        return None

    with pytest.raises(ExportFailed, match="sales answered HTTP 503: database down"):
        await export_member(MEMBER, URLS, TOKEN, transport=_services(sales_fails))


async def test_an_answer_about_another_member_is_refused() -> None:
    def events_confused(service: str) -> httpx.Response | None:
        if service != "events":
            return None
        body = {"service": "events", "member_id": str(uuid.uuid4()), "sections": {}}
        return httpx.Response(200, json={**body, "exported_at": "2027-03-01T09:00:00+07:00"})

    with pytest.raises(ExportFailed, match="events answered for member"):
        await export_member(MEMBER, URLS, TOKEN, transport=_services(events_confused))


async def test_erasure_is_asked_of_the_registry() -> None:
    def registry_erases(service: str) -> httpx.Response | None:
        return httpx.Response(200, json={"member_id": str(MEMBER), "erased_at": "2027-03-01"})

    erased = await request_erasure(
        MEMBER, URLS["registry"], TOKEN, transport=_services(registry_erases)
    )
    assert erased["erased_at"] == "2027-03-01"
