"""Who may run the shop and read its reports: the shop's manager, an administrator and the
admin token run it; an auditor reads its reports; a manager of another shop and officers of
a province do neither; a terminal works on its own shift only. A refusal changes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.sales.domain.terminals import Terminal
from services.sales.service_layer import access, commands
from services.sales.service_layer.handlers import settlements, shifts, terminals
from shared.contracts.sales import TerminalLocation
from shared.errors import Forbidden
from shared.identity.actor import OPERATOR, Actor, ActorKind, acting_as
from shared.identity.roles import Grant, Role
from tests.unit.sales.fakes import FakeSalesUnitOfWork, FakeState

NOW = datetime(2026, 11, 21, 4, 0, tzinfo=UTC)
SHOP = "centre"


def staff(role: Role, area: str | None = None) -> Actor:
    return Actor(ActorKind.STAFF, str(uuid.uuid4()), (Grant(role=role, area=area),))


MANAGER = staff(Role.SHOP_MANAGER, SHOP)
OTHER_SHOP_MANAGER = staff(Role.SHOP_MANAGER, "hatyai-airport")
AUDITOR = staff(Role.AUDITOR)
PROVINCIAL_OFFICER = staff(Role.PROVINCIAL_OFFICER, "90")
ADMINISTRATOR = staff(Role.ADMINISTRATOR)

RUN = [(MANAGER, True), (ADMINISTRATOR, True), (OPERATOR, True)]
REFUSED_TO_RUN = [OTHER_SHOP_MANAGER, AUDITOR, PROVINCIAL_OFFICER]


def a_terminal(state: FakeState) -> Terminal:
    terminal = Terminal(uuid.uuid4(), "till 1", TerminalLocation.SHOP, None, NOW)
    state.terminals[terminal.terminal_id] = terminal
    return terminal


async def register(uow: FakeSalesUnitOfWork):
    body = commands.RegisterTerminal(name="till 2", location=TerminalLocation.SHOP)
    return await terminals.register_terminal(body, uow, clock=lambda: NOW, shop=SHOP)


@pytest.mark.parametrize("actor", [MANAGER, ADMINISTRATOR, OPERATOR], ids=lambda a: a.id)
async def test_those_who_run_the_shop_register_a_terminal_and_it_is_audited(actor):
    uow = FakeSalesUnitOfWork()
    with acting_as(actor):
        terminal, _key, secret = await register(uow)
    assert terminal.terminal_id in uow.state.terminals
    assert secret.startswith("otop_tk_")
    assert [(a.action, a.aggregate_id) for a in uow.audited] == [
        ("terminal.registered", str(terminal.terminal_id))
    ]


@pytest.mark.parametrize("actor", REFUSED_TO_RUN, ids=["other shop", "auditor", "province"])
async def test_others_may_not_register_a_terminal_and_nothing_is_stored(actor):
    uow = FakeSalesUnitOfWork()
    with acting_as(actor), pytest.raises(Forbidden):
        await register(uow)
    assert uow.state.terminals == {} and uow.state.keys == {} and uow.commits == 0


async def test_a_terminal_may_not_register_another_terminal():
    uow = FakeSalesUnitOfWork()
    terminal = Actor(ActorKind.TERMINAL, str(uuid.uuid4()))
    with acting_as(terminal), pytest.raises(Forbidden):
        await register(uow)
    assert uow.state.terminals == {}


async def test_the_shops_manager_rotates_and_revokes_keys_and_each_change_is_audited():
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(MANAGER):
        key, _ = await terminals.issue_key(
            commands.IssueKey(terminal_id=terminal.terminal_id, shop=SHOP), uow
        )
        revoked = await terminals.revoke_key(
            commands.RevokeKey(terminal_id=terminal.terminal_id, key_id=key.key_id, shop=SHOP),
            uow,
        )
    assert revoked.revoked_at is not None
    assert [a.action for a in uow.audited] == ["terminal.key_issued", "terminal.key_revoked"]
    assert {a.aggregate_id for a in uow.audited} == {str(terminal.terminal_id)}


@pytest.mark.parametrize("actor", REFUSED_TO_RUN, ids=["other shop", "auditor", "province"])
async def test_others_may_not_issue_a_key(actor):
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(actor), pytest.raises(Forbidden):
        await terminals.issue_key(
            commands.IssueKey(terminal_id=terminal.terminal_id, shop=SHOP), uow
        )
    assert uow.state.keys == {}


def a_settlement_run() -> commands.SettlePeriod:
    period = commands.IssueSettlements(
        period_start=date(2026, 10, 1), period_end=date(2026, 10, 31)
    )
    return commands.SettlePeriod(period=period, commission_percent=Decimal("15.00"), shop=SHOP)


def unsettled_state() -> FakeState:
    state = FakeState()
    state.unsettled.append(
        {"producer_id": uuid.uuid4(), "sale_id": uuid.uuid4(), "line_no": 1, "net_satang": 10000}
    )
    return state


async def test_the_shops_manager_runs_a_settlement_audited_under_its_id():
    uow = FakeSalesUnitOfWork(unsettled_state())
    with acting_as(MANAGER):
        [issued] = await settlements.issue_settlements(a_settlement_run(), uow)
    assert issued.settlement_id in uow.state.settlements
    audited = {(a.action, a.aggregate_type, a.aggregate_id) for a in uow.audited}
    assert ("settlement.issued", "settlement", str(issued.settlement_id)) in audited


@pytest.mark.parametrize("actor", REFUSED_TO_RUN, ids=["other shop", "auditor", "province"])
async def test_others_may_not_run_a_settlement_and_no_line_is_paid(actor):
    uow = FakeSalesUnitOfWork(unsettled_state())
    with acting_as(actor), pytest.raises(Forbidden):
        await settlements.issue_settlements(a_settlement_run(), uow)
    assert uow.state.settlements == {} and len(uow.state.unsettled) == 1
    assert uow.committed_events == []


def open_on(terminal: Terminal) -> commands.OpenShiftOnTerminal:
    return commands.OpenShiftOnTerminal(
        terminal=terminal, shift=commands.OpenShift(opening_float=Decimal("500")), shop=SHOP
    )


async def test_a_terminal_opens_its_own_shift_and_nothing_is_audited():
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(Actor(ActorKind.TERMINAL, str(terminal.terminal_id))):
        await shifts.open_shift(open_on(terminal), uow, clock=lambda: NOW)
    assert len(uow.state.shifts) == 1
    assert uow.audited == []


async def test_a_manager_of_another_shop_may_not_open_a_shift_on_this_shops_terminal():
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(OTHER_SHOP_MANAGER), pytest.raises(Forbidden):
        await shifts.open_shift(open_on(terminal), uow, clock=lambda: NOW)
    assert uow.state.shifts == {}


async def test_the_shops_manager_opening_a_shift_is_audited():
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(MANAGER):
        opened = await shifts.open_shift(open_on(terminal), uow, clock=lambda: NOW)
    assert [(a.action, a.aggregate_id) for a in uow.audited] == [
        ("shift.opened", opened["shift_id"])
    ]


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (MANAGER, True),
        (AUDITOR, True),
        (ADMINISTRATOR, True),
        (OPERATOR, True),
        (OTHER_SHOP_MANAGER, False),
        (PROVINCIAL_OFFICER, False),
        (staff(Role.DISTRICT_OFFICER, "9001"), False),
        (Actor(ActorKind.TERMINAL, str(uuid.uuid4())), False),
    ],
    ids=[
        "manager",
        "auditor",
        "administrator",
        "admin token",
        "other shop",
        "province",
        "district",
        "terminal",
    ],
)
def test_the_shops_reports_are_read_by_its_manager_auditors_and_administrators(actor, allowed):
    with acting_as(actor):
        if allowed:
            access.read_shop(SHOP)
        else:
            with pytest.raises(Forbidden):
                access.read_shop(SHOP)


def test_a_refusal_names_the_shop_in_thai_and_english():
    with acting_as(OTHER_SHOP_MANAGER), pytest.raises(Forbidden) as refused:
        access.run_shop(SHOP)
    assert "ดำเนินงานร้านค้า" in str(refused.value.detail)
    assert "run the shop in area centre" in str(refused.value.detail)


def close_for(terminal: Terminal) -> commands.CloseShiftForTerminal:
    return commands.CloseShiftForTerminal(
        terminal_id=terminal.terminal_id,
        count=commands.CloseShift(counted_cash=Decimal("480")),
        shop=SHOP,
    )


async def test_the_shops_manager_closes_a_shift_left_open_on_a_terminal_and_is_audited():
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    with acting_as(Actor(ActorKind.TERMINAL, str(terminal.terminal_id))):
        opened = await shifts.open_shift(open_on(terminal), uow, clock=lambda: NOW)
    with acting_as(MANAGER):
        closed = await shifts.close_for_terminal(close_for(terminal), uow, clock=lambda: NOW)
    assert closed["counted_cash"] == "480.00" and closed["variance"] == "-20.00"
    assert not uow.state.shifts[uuid.UUID(opened["shift_id"])].is_open
    assert [(a.action, a.aggregate_id) for a in uow.audited] == [
        ("shift.closed", opened["shift_id"])
    ]


@pytest.mark.parametrize("actor", REFUSED_TO_RUN, ids=["other shop", "auditor", "province"])
async def test_others_may_not_close_a_terminals_shift_and_it_stays_open(actor):
    uow = FakeSalesUnitOfWork()
    terminal = a_terminal(uow.state)
    await shifts.open_shift(open_on(terminal), uow, clock=lambda: NOW)
    with acting_as(actor), pytest.raises(Forbidden):
        await shifts.close_for_terminal(close_for(terminal), uow, clock=lambda: NOW)
    assert all(s.is_open for s in uow.state.shifts.values())
