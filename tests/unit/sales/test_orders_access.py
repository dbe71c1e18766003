"""The customer's access code: derived from the order's id with the service's secret, kept
only as its hash; codes of orders placed before (random ones) still open their orders; a
production process refuses to run with the development secret."""

from __future__ import annotations

import hashlib
import secrets
import uuid

import pytest
from pydantic import ValidationError

from services.sales.domain.orders_access import access_code, code_hash, opens, told_again
from services.sales.entrypoints.orders_settings import DEVELOPMENT_CODE_SECRET, OrderSettings
from shared.settings import Environment

SECRET = b"a-secret-of-the-service-long-enough-for-it"


def test_the_same_order_is_always_given_the_same_code_and_other_orders_others():
    order = uuid.uuid4()
    code = access_code(SECRET, order)
    assert code == access_code(SECRET, order)
    assert len(code) == 16 and code.replace("-", "").replace("_", "").isalnum()
    assert code != access_code(SECRET, uuid.uuid4())
    assert code != access_code(b"another-secret-of-the-service-entirely", order)


def test_a_code_opens_its_order_by_the_hash_kept_and_nothing_else_does():
    order = uuid.uuid4()
    code = access_code(SECRET, order)
    kept = code_hash(code)
    assert code not in kept
    assert opens(kept, code)
    assert not opens(kept, access_code(SECRET, uuid.uuid4()))
    assert not opens(kept, None) and not opens(kept, "")
    assert not opens(kept, "รหัส")


def test_an_order_placed_with_a_random_code_still_opens_with_it_and_a_retry_is_told_none():
    old_code = secrets.token_urlsafe(12)
    kept = hashlib.sha256(old_code.encode()).hexdigest()
    order = uuid.uuid4()
    assert opens(kept, old_code)
    assert told_again(SECRET, order, kept) is None


def test_a_retry_is_told_the_derived_code_only_while_the_secret_is_the_one_it_was_made_with():
    order = uuid.uuid4()
    kept = code_hash(access_code(SECRET, order))
    assert told_again(SECRET, order, kept) == access_code(SECRET, order)
    assert told_again(b"the-secret-after-it-was-replaced-by-ops", order, kept) is None


def test_production_refuses_the_development_secret_or_a_short_one(monkeypatch):
    monkeypatch.delenv("SHOP_ORDER_CODE_SECRET", raising=False)
    production = Environment.PRODUCTION
    with pytest.raises(ValidationError, match="SHOP_ORDER_CODE_SECRET"):
        OrderSettings(otop_env=production)
    with pytest.raises(ValidationError, match="SHOP_ORDER_CODE_SECRET"):
        OrderSettings(otop_env=production, shop_order_code_secret=DEVELOPMENT_CODE_SECRET)
    with pytest.raises(ValidationError, match="SHOP_ORDER_CODE_SECRET"):
        OrderSettings(otop_env=production, shop_order_code_secret="x" * 20)
    strong = "s" * 40
    settings = OrderSettings(otop_env=production, shop_order_code_secret=strong)
    assert settings.code_secret == strong.encode()
    assert OrderSettings().code_secret == DEVELOPMENT_CODE_SECRET.encode()


def test_the_secret_is_read_from_the_environment_and_never_shown(monkeypatch):
    monkeypatch.setenv("OTOP_ENV", "production")
    monkeypatch.setenv("SHOP_ORDER_CODE_SECRET", "e" * 48)
    settings = OrderSettings()
    assert settings.code_secret == b"e" * 48
    assert "e" * 48 not in repr(settings)


def test_contact_retention_defaults_to_90_days_after_the_end_and_365_after_placing(monkeypatch):
    monkeypatch.delenv("SHOP_ORDER_CONTACT_RETENTION_DAYS", raising=False)
    monkeypatch.delenv("SHOP_ORDER_OPEN_RETENTION_DAYS", raising=False)
    settings = OrderSettings()
    assert settings.shop_order_contact_retention_days == 90
    assert settings.shop_order_open_retention_days == 365
    monkeypatch.setenv("SHOP_ORDER_CONTACT_RETENTION_DAYS", "30")
    assert OrderSettings().shop_order_contact_retention_days == 30
