"""Terminal keys: prefix, randomness, checksum, hash."""

from __future__ import annotations

from services.sales.domain import keys


def test_a_new_key_has_the_prefix_and_a_valid_checksum():
    key = keys.new_key()
    assert key.startswith("otop_tk_")
    assert len(key) == keys.KEY_LENGTH
    assert keys.well_formed(key)


def test_keys_are_different_every_time():
    assert len({keys.new_key() for _ in range(200)}) == 200


def test_a_mistyped_key_fails_its_checksum():
    key = keys.new_key()
    position = len(keys.PREFIX) + 5
    typo = key[:position] + ("a" if key[position] != "a" else "b") + key[position + 1 :]
    assert not keys.well_formed(typo)
    assert not keys.well_formed(key[:-1])
    assert not keys.well_formed("otop_xx_" + key[len(keys.PREFIX) :])
    assert not keys.well_formed(key[:-1] + "!")


def test_only_a_hash_and_a_short_hint_are_kept():
    key = keys.new_key()
    assert len(keys.key_hash(key)) == 32
    assert keys.key_hash(key) != key.encode()
    assert keys.hint(key).endswith(key[-4:])
    assert key[len(keys.PREFIX) : -4] not in keys.hint(key)
