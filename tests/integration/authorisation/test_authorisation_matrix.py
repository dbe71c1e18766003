"""Every route of every service × every kind of credential gets exactly its documented
answer (see `matrix.py`). A route added without a row here fails the test."""

from __future__ import annotations

import pytest

from tests.integration.authorisation.matrix import Access, Row, TerminalKeys, check_matrix

pytestmark = pytest.mark.integration

PUBLIC, STAFF, TERMINAL = Access.PUBLIC, Access.STAFF, Access.TERMINAL


def documentation_rows() -> list[Row]:
    """What every service serves to anyone: health, metrics, the API documents and pages."""
    return [
        Row("GET", "/healthz", PUBLIC, 200),
        Row("GET", "/readyz", PUBLIC, 200),
        Row("GET", "/metrics", PUBLIC, 200),
        Row("GET", "/openapi.json", PUBLIC, 200),
        Row("GET", "/docs", PUBLIC, 200),
        Row("GET", "/redoc", PUBLIC, 200),
        Row("GET", "/asyncapi", PUBLIC, 200),
        Row("GET", "/asyncapi.json", PUBLIC, 200),
        Row("GET", "/asyncapi.yaml", PUBLIC, 200),
        Row("MOUNT", "/static/docs", PUBLIC, 200),
        # Every service's audit trail, for every staff member.
        Row("GET", "/v1/audit", STAFF, 200),
    ]


REGISTRY = [
    *documentation_rows(),
    Row("POST", "/v1/members", STAFF, 422),
    Row("GET", "/v1/members", STAFF, 200),
    Row("GET", "/v1/members/{member_id}", STAFF, 404),
    Row("PATCH", "/v1/members/{member_id}", STAFF, 404),
    Row("POST", "/v1/members/{member_id}/status", STAFF, 422),
    Row("POST", "/v1/members/{member_id}/products", STAFF, 422),
    Row("GET", "/v1/products", STAFF, 200),
    Row("GET", "/v1/products/{product_id}", STAFF, 404),
    Row("PATCH", "/v1/products/{product_id}", STAFF, 404),
    Row("POST", "/v1/products/{product_id}/delist", STAFF, 404),
    Row("POST", "/v1/products/{product_id}/ratings", STAFF, 422),
    Row("POST", "/v1/roles", STAFF, 422),
    Row("GET", "/v1/roles", STAFF, 200),
    Row("GET", "/v1/members/{member_id}/personal-data", STAFF, 404, admin_only=True),
    Row("POST", "/v1/members/{member_id}/erasure", STAFF, 404, admin_only=True),
    # Nawatwithi communities: changed in their district, read by any staff, public pages.
    Row("POST", "/v1/communities", STAFF, 422),
    Row("GET", "/v1/communities", STAFF, 200),
    Row("GET", "/v1/communities/{community_id}", STAFF, 404),
    Row("PATCH", "/v1/communities/{community_id}", STAFF, 404),
    Row("POST", "/v1/communities/{community_id}/members", STAFF, 422),
    Row("DELETE", "/v1/communities/{community_id}/members/{member_id}", STAFF, 404),
    Row("POST", "/v1/communities/{community_id}/withdraw", STAFF, 404),
    Row("GET", "/v1/public/communities", PUBLIC, 200),
    Row("GET", "/v1/public/communities/{community_id}", PUBLIC, 404),
]

EVENTS = [
    *documentation_rows(),
    Row("POST", "/v1/events", STAFF, 422),
    Row("GET", "/v1/events", STAFF, 200),
    Row("GET", "/v1/events/{event_id}", STAFF, 404),
    Row("PATCH", "/v1/events/{event_id}", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/publish", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/cancel", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/close", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/registrations", STAFF, 422),
    Row("GET", "/v1/events/{event_id}/registrations", STAFF, 404),
    Row("GET", "/v1/registrations/{registration_id}", STAFF, 404),
    Row("POST", "/v1/registrations/{registration_id}/cancel", STAFF, 404),
    Row("POST", "/v1/registrations/{registration_id}/approve", STAFF, 404),
    Row("POST", "/v1/registrations/{registration_id}/reject", STAFF, 404),
    Row("PUT", "/v1/registrations/{registration_id}/booth", STAFF, 422),
    Row("POST", "/v1/registrations/{registration_id}/check-in", STAFF, 404),
    Row("GET", "/v1/events/{event_id}/attendance", STAFF, 404),
    Row("GET", "/v1/events/{event_id}/no-shows", STAFF, 404),
    # Trainings: participants who are not members, agenda, attendance, certificates, expenses.
    Row("POST", "/v1/events/{event_id}/participants", STAFF, 422),
    Row("POST", "/v1/events/{event_id}/participants/{registration_id}/cancel", STAFF, 404),
    Row("GET", "/v1/events/{event_id}/quota-use", STAFF, 404),
    Row("GET", "/v1/events/{event_id}/sessions", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/sessions", STAFF, 422),
    Row("PUT", "/v1/events/{event_id}/sessions/{session_id}", STAFF, 422),
    Row("DELETE", "/v1/events/{event_id}/sessions/{session_id}", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/sessions/{session_id}/attendance", STAFF, 422),
    Row("PUT", "/v1/events/{event_id}/certificate-rule", STAFF, 404),
    Row("GET", "/v1/events/{event_id}/certificates", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/certificates/issue", STAFF, 404),
    Row("POST", "/v1/events/{event_id}/expenses", STAFF, 422),
    Row("GET", "/v1/events/{event_id}/expenses", STAFF, 404),
    Row("GET", "/v1/members/{member_id}", STAFF, 404),
    # What the service holds about a member it does not know: nothing, in empty sections.
    Row("GET", "/v1/members/{member_id}/personal-data", STAFF, 200, admin_only=True),
    # Development projects: changed in the host province, read by any staff.
    Row("GET", "/v1/projects/{event_id}", STAFF, 404),
    Row("PUT", "/v1/projects/{event_id}/rules", STAFF, 404),
    Row("GET", "/v1/projects/{event_id}/candidates", STAFF, 404),
    Row("POST", "/v1/projects/{event_id}/selections", STAFF, 422),
    Row("GET", "/v1/projects/{event_id}/grants", STAFF, 404),
    Row("POST", "/v1/projects/{event_id}/grants", STAFF, 422),
    Row("GET", "/v1/projects/{event_id}/grants/{grant_id}", STAFF, 404),
    Row("POST", "/v1/projects/{event_id}/grants/{grant_id}/disbursements", STAFF, 422),
    Row("GET", "/v1/projects/{event_id}/plans", STAFF, 404),
    Row("PUT", "/v1/projects/{event_id}/plans/{product_id}", STAFF, 422),
    Row("GET", "/v1/projects/{event_id}/nominations", STAFF, 404),
    Row("POST", "/v1/projects/{event_id}/nominations", STAFF, 422),
    # The public calendar of published events.
    Row("GET", "/v1/calendar.ics", PUBLIC, 200),
    Row("GET", "/v1/public/calendar", PUBLIC, 200),
]

NOTIFICATIONS = [
    *documentation_rows(),
    Row("GET", "/v1/members/{member_id}/preferences", STAFF, 404),
    # Preferences may be set before the member's contact arrives from the registry, by those
    # who may act anywhere: a district officer cannot tell it is in its district.
    Row("PUT", "/v1/members/{member_id}/preferences", STAFF, 200, officer=403),
    Row("POST", "/v1/webhooks", STAFF, 422, admin_only=True),
    Row("GET", "/v1/webhooks", STAFF, 200, admin_only=True),
    Row("DELETE", "/v1/webhooks/{subscription_id}", STAFF, 404, admin_only=True),
    Row("GET", "/v1/deliveries", STAFF, 200),
    Row("GET", "/v1/members/{member_id}/deliveries", STAFF, 200),
    Row("GET", "/v1/events/{event_id}/deliveries", STAFF, 200),
    Row("GET", "/v1/orders/{order_id}/deliveries", STAFF, 200),
    Row("GET", "/v1/deliveries/{delivery_id}", STAFF, 404),
    Row("GET", "/v1/members/{member_id}/personal-data", STAFF, 200, admin_only=True),
]


def sales_rows(keys: TerminalKeys) -> list[Row]:
    """Staff routes, terminal routes, and the sale a terminal reads (its own only). The shop
    terminal owns the sale and the open shift; the booth terminal of another event does not."""
    own = {"sale_id": str(keys.sale_id), "shift_id": str(keys.shift_id)}
    return [
        *documentation_rows(),
        Row("POST", "/v1/terminals", STAFF, 422),
        Row("GET", "/v1/terminals", STAFF, 200),
        Row("GET", "/v1/terminals/{terminal_id}", STAFF, 404),
        Row("POST", "/v1/terminals/{terminal_id}/keys", STAFF, 404, officer=403),
        Row("POST", "/v1/terminals/{terminal_id}/keys/{key_id}/revoke", STAFF, 404, officer=403),
        Row("GET", "/v1/catalogue", STAFF, 200),
        Row(
            "GET",
            "/v1/reports/revenue",
            STAFF,
            200,
            query={"by": "day", "from": "2026-11-01", "to": "2026-11-30"},
            officer=403,
        ),
        Row("POST", "/v1/settlements", STAFF, 422),
        Row("GET", "/v1/settlements", STAFF, 200, officer=403),
        Row("GET", "/v1/settlements/{settlement_id}", STAFF, 404, officer=403),
        Row("GET", "/v1/shifts", STAFF, 200, officer=403),
        Row("POST", "/v1/terminals/{terminal_id}/shift/close", STAFF, 422),
        Row("POST", "/v1/daily-summaries", STAFF, 422, admin_only=True),
        Row("GET", "/v1/members/{member_id}/personal-data", STAFF, 200, admin_only=True),
        Row(
            "GET",
            "/v1/sales/{sale_id}",
            Access.STAFF_OR_TERMINAL,
            200,
            booth=404,
            params=own,
            officer=403,
        ),
        Row("POST", "/v1/sales", TERMINAL, 422),
        Row("POST", "/v1/sales/batch", TERMINAL, 422),
        Row("POST", "/v1/sales/{sale_id}/refunds", TERMINAL, 422, params=own),
        Row("POST", "/v1/sales/{sale_id}/void", TERMINAL, 404),
        Row("POST", "/v1/shifts", TERMINAL, 422),
        Row("GET", "/v1/shifts/current", TERMINAL, 200, booth=404),
        # Another terminal's shift is refused (403); another terminal's sale is not found (404).
        Row("GET", "/v1/shifts/{shift_id}", TERMINAL, 200, booth=403, params=own),
        Row("POST", "/v1/shifts/{shift_id}/close", TERMINAL, 422, params=own),
        Row("POST", "/v1/promptpay/qr", TERMINAL, 422),
        # What a terminal reads about itself: every terminal its own profile and catalogue;
        # a receipt number finds only its own sales (none here: an empty list).
        Row("GET", "/v1/terminal", TERMINAL, 200),
        Row("GET", "/v1/terminal/catalogue", TERMINAL, 200),
        Row("GET", "/v1/terminal/sales", TERMINAL, 200, query={"receipt_no": "KK01-000001"}),
        # The terminal app's files, for anyone (the key is asked for inside the app).
        Row("GET", "/terminal", PUBLIC, 308),
        Row("GET", "/terminal/{path:path}", PUBLIC, 200, params={"path:path": "index.html"}),
        # Online orders: the customer's routes need no credential (an order is read or
        # cancelled with its access code: without it, not found); staff read and act on them.
        Row("POST", "/v1/public/shop/orders", PUBLIC, 422),
        Row("GET", "/v1/public/shop/orders/{order_id}", PUBLIC, 404),
        Row("POST", "/v1/public/shop/orders/{order_id}/cancel", PUBLIC, 404),
        Row("GET", "/v1/public/shop/shipping", PUBLIC, 200),
        Row("GET", "/v1/shop/orders", STAFF, 200, officer=403),
        Row("GET", "/v1/shop/orders/{order_id}", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/orders/{order_id}/payment", STAFF, 422),
        Row("POST", "/v1/shop/orders/{order_id}/pack", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/orders/{order_id}/hand-over", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/orders/{order_id}/ship", STAFF, 422),
        Row("POST", "/v1/shop/orders/{order_id}/complete", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/orders/{order_id}/cancel", STAFF, 422),
        # The shop's assortment and consignment stock: run by the shop (RUN_SHOP), read with
        # READ_SHOP; the public catalogue needs no credential.
        Row("POST", "/v1/shop/assortment", STAFF, 422),
        Row("POST", "/v1/shop/assortment/{product_id}/approve", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/assortment/{product_id}/decline", STAFF, 422),
        Row("POST", "/v1/shop/assortment/{product_id}/withdraw", STAFF, 422),
        Row("GET", "/v1/shop/assortment", STAFF, 200, officer=403),
        Row("GET", "/v1/shop/assortment/{product_id}", STAFF, 404),
        Row("POST", "/v1/shop/consignments", STAFF, 422),
        Row("GET", "/v1/shop/consignments", STAFF, 200, officer=403),
        Row("GET", "/v1/shop/consignments/{note_id}", STAFF, 404, officer=403),
        Row("POST", "/v1/shop/returns", STAFF, 422),
        Row("POST", "/v1/shop/stock-counts", STAFF, 422),
        Row("GET", "/v1/shop/stock", STAFF, 200, officer=403),
        Row("GET", "/v1/shop/stock/check", STAFF, 200, officer=403),
        Row("GET", "/v1/public/shop/catalogue", PUBLIC, 200),
        Row("GET", "/v1/public/shop/products/{product_id}", PUBLIC, 404),
    ]


async def test_every_registry_route_answers_each_credential_as_documented(registry, keys):
    await check_matrix(registry, "http://registry", REGISTRY, keys, knows_terminal_keys=False)


async def test_every_events_route_answers_each_credential_as_documented(events, keys):
    await check_matrix(events, "http://events", EVENTS, keys, knows_terminal_keys=False)


async def test_every_sales_route_answers_each_credential_as_documented(sales, keys):
    await check_matrix(sales, "http://sales", sales_rows(keys), keys, knows_terminal_keys=True)


async def test_every_notifications_route_answers_each_credential_as_documented(notifications, keys):
    await check_matrix(
        notifications, "http://notifications", NOTIFICATIONS, keys, knows_terminal_keys=False
    )
