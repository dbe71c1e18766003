"""What an order request must say: a way to reach the customer, an address to post to, each
product once; contacts are compared as one number or address however they are written."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from services.sales.service_layer.orders_commands import OrderLineIn, PlaceOrder, normal_phone


def _order(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "order_id": str(uuid.uuid4()),
        "customer": {"name": "สมศรี", "phone": "081-234-5678"},
        "fulfilment": "pickup",
        "lines": [{"product_id": str(uuid.uuid4()), "quantity": 1}],
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    "written", ["0812345678", "081-234-5678", "+66 81 234 5678", "66812345678"]
)
def test_a_phone_number_is_one_number_however_it_is_written(written):
    assert normal_phone(written) == "0812345678"


def test_the_unpaid_order_limit_counts_by_phone_and_lower_case_email():
    order = PlaceOrder.model_validate(
        _order(customer={"name": "x", "phone": "+66 81 234 5678", "email": "A@Example.COM"})
    )
    assert order.customer.contacts == ["phone:0812345678", "email:a@example.com"]


@pytest.mark.parametrize(
    "changes",
    [
        {"customer": {"name": "ไม่มีช่องทางติดต่อ"}},
        {"fulfilment": "post"},
        {
            "address": {
                "recipient": "x",
                "lines": ["1"],
                "province": "ขอนแก่น",
                "postal_code": "40000",
            }
        },
        {"lines": []},
    ],
)
def test_an_order_without_what_it_needs_is_invalid(changes):
    with pytest.raises(ValidationError):
        PlaceOrder.model_validate(_order(**changes))


def test_a_product_on_two_lines_is_invalid():
    product = str(uuid.uuid4())
    lines = [{"product_id": product, "quantity": 1}, {"product_id": product, "quantity": 2}]
    with pytest.raises(ValidationError, match="one line"):
        PlaceOrder.model_validate(_order(lines=lines))


def test_the_same_order_written_again_has_the_same_fingerprint_and_another_does_not():
    body = _order()
    assert PlaceOrder.model_validate(body).fingerprint() == (
        PlaceOrder.model_validate(dict(body)).fingerprint()
    )
    other = {**body, "lines": [{"product_id": str(uuid.uuid4()), "quantity": 1}]}
    assert PlaceOrder.model_validate(other).fingerprint() != (
        PlaceOrder.model_validate(body).fingerprint()
    )


def test_a_phone_written_with_plus_66_and_its_leading_zero_is_kept_as_the_0_form():
    assert normal_phone("+66 081 234 5678") == "0812345678"
    assert normal_phone("+66 81-234-5678") == "0812345678"
    assert normal_phone("081-234-5678") == "0812345678"


def test_a_quantity_is_a_whole_json_number_not_true_nor_text():
    product = "6f0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e"
    for odd in (True, "2", 2.5, 10**30, -1):
        with pytest.raises(ValidationError):
            OrderLineIn.model_validate({"product_id": product, "quantity": odd})
