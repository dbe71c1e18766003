"""The shop's stock rules: lots taken earliest best-before first, live sales refused when the
shop does not sell a product or has too few, backlog sales taken and flagged, low stock told
once, the assortment's states, consignment notes' numbers and lines."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from services.sales.domain import assortment as rules
from services.sales.domain.consignment import (
    IntakeLine,
    ShopProduct,
    check_intake,
    note_number,
    take_back,
)
from services.sales.domain.stock import (
    Lot,
    NotInAssortment,
    OutOfStock,
    Shelf,
    StockInputInvalid,
    StockRefused,
    check_shop_sale,
    newly_low,
    take_fefo,
    take_for_sale,
)
from shared.contracts.consignment import AssortmentState
from shared.timeutil import BANGKOK

NOW = datetime(2026, 11, 30, 10, tzinfo=BANGKOK)
PRODUCT, PRODUCER = uuid.uuid4(), uuid.uuid4()


def _lot(code: str, on_hand: int, best_before: date | None, hours: int = 0) -> Lot:
    return Lot(uuid.uuid4(), code, best_before, NOW + timedelta(hours=hours), on_hand)


def _shelf(*lots: Lot, reserved: int = 0, sellable: bool = True, low_at: int = 3) -> Shelf:
    on_hand = sum(lot.on_hand for lot in lots)
    return Shelf(
        PRODUCT, PRODUCER, sellable, on_hand, reserved, low_stock_at=low_at, lots=list(lots)
    )


def test_a_sale_takes_the_earliest_best_before_first_and_undated_lots_last():
    undated = _lot("U", 5, None)
    later = _lot("L", 2, date(2027, 3, 1))
    sooner = _lot("S", 2, date(2027, 1, 1), hours=5)
    shelf = _shelf(undated, later, sooner)
    moves = take_fefo(shelf, 5)
    assert [(m.lot_id, m.quantity) for m in moves] == [
        (sooner.lot_id, -2),
        (later.lot_id, -2),
        (undated.lot_id, -1),
    ]
    assert shelf.on_hand == 4 and undated.on_hand == 4


def test_units_no_lot_holds_are_taken_from_no_lot():
    shelf = _shelf(_lot("A", 1, None))
    moves = take_fefo(shelf, 3)
    assert [m.quantity for m in moves] == [-1, -2] and moves[1].lot_id is None
    assert shelf.on_hand == -2


def test_a_live_sale_needs_every_unit_available_after_reservations():
    shelf = _shelf(_lot("A", 3, None), reserved=2)
    with pytest.raises(OutOfStock) as refused:
        check_shop_sale({PRODUCT: 2}, {PRODUCT: shelf}, {PRODUCT: "ข้าวเกรียบ"}, backlog=False)
    assert "ข้าวเกรียบ" in refused.value.detail and refused.value.slug == "out-of-stock"
    check_shop_sale({PRODUCT: 1}, {PRODUCT: shelf}, {}, backlog=False)


def test_a_live_sale_of_a_product_the_shop_does_not_sell_is_refused():
    for shelves in ({}, {PRODUCT: _shelf(_lot("A", 9, None), sellable=False)}):
        with pytest.raises(NotInAssortment):
            check_shop_sale({PRODUCT: 1}, shelves, {}, backlog=False)


def test_a_backlog_sale_is_taken_whatever_the_stock_and_flags_the_product():
    shelves: dict[uuid.UUID, Shelf] = {}
    check_shop_sale({PRODUCT: 2}, shelves, {}, backlog=True)
    moves, flagged = take_for_sale({PRODUCT: 2}, {PRODUCT: PRODUCER}, shelves, backlog=True)
    assert flagged == {PRODUCT} and shelves[PRODUCT].on_hand == -2
    assert [m.quantity for m in moves] == [-2]


def test_a_backlog_sale_within_stock_flags_nothing():
    shelves = {PRODUCT: _shelf(_lot("A", 5, None))}
    _, flagged = take_for_sale({PRODUCT: 2}, {PRODUCT: PRODUCER}, shelves, backlog=True)
    assert flagged == set()


def test_low_stock_is_told_once_until_restocked():
    shelf = _shelf(_lot("A", 3, None), low_at=3)
    assert newly_low(shelf) and not newly_low(shelf)


def test_the_assortment_goes_from_proposal_to_decision_and_back_to_proposal():
    item = rules.propose(None, PRODUCT, PRODUCER, "ขายดี", "staff-1", NOW)
    assert item.state is AssortmentState.PROPOSED
    with pytest.raises(rules.AssortmentStateConflict):
        rules.propose(item, PRODUCT, PRODUCER, None, "staff-1", NOW)
    with pytest.raises(rules.ReasonRequired):
        rules.decline(item, "committee", NOW, "  ")
    declined = rules.decline(item, "committee", NOW, "ซ้ำกับสินค้าที่มี")
    with pytest.raises(rules.AssortmentStateConflict):
        rules.approve(declined, "committee", NOW, None)
    again = rules.propose(declined, PRODUCT, PRODUCER, None, "staff-2", NOW)
    assert again.state is AssortmentState.PROPOSED and again.reason is None
    approved = rules.approve(again, "committee", NOW, 7)
    assert approved.low_stock_at == 7 and approved.version == 4
    withdrawn = rules.withdraw(approved, "committee", NOW, "หมดสัญญา")
    assert withdrawn.state is AssortmentState.WITHDRAWN


def test_note_numbers_carry_the_buddhist_era_year_and_the_kind():
    assert note_number("intake", NOW, 1) == "CN-2569-000001"
    assert note_number("return", NOW, 42) == "RN-2569-000042"


def _product(category: str, state: str | None = "approved") -> ShopProduct:
    return ShopProduct(PRODUCT, PRODUCER, "SK-1", "ข้าวเกรียบ", None, category, True, state)


def test_food_comes_in_with_a_best_before_date_and_only_when_approved():
    undated = [IntakeLine(PRODUCT, 5, "A1", None)]
    with pytest.raises(StockInputInvalid):
        check_intake(PRODUCER, undated, {PRODUCT: _product("food")}, {})
    check_intake(PRODUCER, undated, {PRODUCT: _product("textiles_and_clothing")}, {})
    with pytest.raises(StockRefused):
        check_intake(PRODUCER, undated, {PRODUCT: _product("non_food_herbal", "proposed")}, {})
    with pytest.raises(StockInputInvalid):
        check_intake(uuid.uuid4(), undated, {PRODUCT: _product("non_food_herbal")}, {})


def test_a_return_takes_no_more_than_the_lots_hold():
    lots = [_lot("A", 2, date(2027, 1, 1)), _lot("B", 3, date(2026, 12, 20))]
    with pytest.raises(StockRefused):
        take_back("ข้าวเกรียบ", lots, 6, None)
    takings = take_back("ข้าวเกรียบ", lots, 4, None)
    assert [(t.lot.lot_code, t.quantity) for t in takings] == [("B", 3), ("A", 1)]
    with pytest.raises(StockRefused):
        take_back("ข้าวเกรียบ", lots, 2, "B")
