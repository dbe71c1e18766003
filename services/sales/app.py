"""The POS sales service: its definition and the ASGI app factory."""

from __future__ import annotations

from fastapi import FastAPI

from services import topology
from services.sales.adapters.unit_of_work import PostgresSalesUnitOfWork
from services.sales.entrypoints import (
    orders_public,
    orders_staff,
    public_shop,
    sale_reads,
    staff_assortment,
    staff_reports,
    staff_settlements,
    staff_shifts,
    staff_stock,
    staff_terminals,
    terminal_api,
    terminal_app,
    terminal_profile,
)
from services.sales.entrypoints.auth import credential_kind
from services.sales.entrypoints.jobs import DAILY_SUMMARIES
from services.sales.entrypoints.orders_jobs import ORDER_CONTACT_ERASURE, ORDER_EXPIRY
from services.sales.entrypoints.stock_jobs import LOT_EXPIRY
from services.sales.service_layer import commands
from services.sales.service_layer.catalogue_events import PRODUCT_HANDLERS, SHOWCASE_HANDLERS
from services.sales.service_layer.handlers import refunds, settlements, shifts, summaries, terminals
from services.sales.service_layer.member_events import MEMBER_HANDLERS
from services.sales.settings import SalesSettings
from shared.contracts.topics import EVENTS_SHOWCASES, REGISTRY_MEMBERS, REGISTRY_PRODUCTS
from shared.http.app import build_app
from shared.logging import configure_logging
from shared.service.definition import ServiceDefinition

DEFINITION = ServiceDefinition(
    topology=topology.SALES,
    title="OTOP POS sales",
    description=(
        "Sales terminals at the OTOP centre shop and at event booths: sales (idempotent by "
        "sale_id, numbered per terminal, single or in offline batches), refunds, voids, shifts "
        "with cash counts, PromptPay QR codes, the terminal's profile and catalogue, and the "
        "terminal app itself; for staff: terminals and keys, revenue reports, consignment "
        "settlements, daily summaries. Consumes registry.members.v1 (producers' names), "
        "registry.products.v1 and events.showcases.v1; publishes sales.transactions.v1 and "
        "sales.settlements.v1. At the centre shop also its assortment, consignment stock "
        "(notes, lots, counts, the stock check) and online orders (sales.orders.v1)."
    ),
    routers=[
        staff_terminals.router,
        staff_reports.router,
        staff_settlements.router,
        staff_shifts.router,
        sale_reads.router,
        terminal_api.router,
        terminal_profile.router,
        terminal_app.router,
        orders_public.router,
        orders_staff.router,
        staff_assortment.router,
        staff_stock.router,
        public_shop.router,
    ],
    unit_of_work=PostgresSalesUnitOfWork,
    handlers={
        REGISTRY_MEMBERS: MEMBER_HANDLERS,
        REGISTRY_PRODUCTS: PRODUCT_HANDLERS,
        EVENTS_SHOWCASES: SHOWCASE_HANDLERS,
    },
    # Recording sales and registering terminals are called by their routes: they depend on
    # the service's settings (clock skew, terminals in service), which are no part of what
    # is asked and do not exist yet when this table is made.
    commands={
        commands.RefundFromTerminal: refunds.refund_sale,
        commands.VoidFromTerminal: refunds.void_sale,
        commands.OpenShiftOnTerminal: shifts.open_shift,
        commands.CloseShiftOnTerminal: shifts.close_shift,
        commands.CloseShiftForTerminal: shifts.close_for_terminal,
        commands.IssueKey: terminals.issue_key,
        commands.RevokeKey: terminals.revoke_key,
        commands.SettlePeriod: settlements.issue_settlements,
        commands.SummariseDay: summaries.summarise_day,
    },
    jobs=(DAILY_SUMMARIES, ORDER_EXPIRY, ORDER_CONTACT_ERASURE, LOT_EXPIRY),
    # A terminal's key on a staff route is known, but not allowed there (403, not 401).
    credential_kind=credential_kind,
)


def create_app(settings: SalesSettings | None = None) -> FastAPI:
    settings = settings or SalesSettings()  # type: ignore[call-arg]
    configure_logging(settings.log_level, settings.log_format, service=DEFINITION.name)
    return build_app(DEFINITION, settings)
