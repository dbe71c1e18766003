"""Receipt numbers: a terminal numbers its own receipts, offline too, as its code, a dash and
six digits (e.g. `KK01-000123`); the number is given when the sale is made and is unique
among that terminal's sales."""

from __future__ import annotations

import re
import uuid

from services.sales.domain.errors import InvalidInput, ReceiptNoTaken

TERMINAL_CODE_PATTERN = r"^[A-Z0-9]{2,8}$"
RECEIPT_NO_PATTERN = r"^[A-Z0-9]{2,8}-\d{6}$"
# Codes given to terminals registered without one: T001, T002…
GENERATED_CODE_PREFIX = "T"

_CODE = re.compile(TERMINAL_CODE_PATTERN)
_RECEIPT_NO = re.compile(r"^(?P<code>[A-Z0-9]{2,8})-(?P<number>\d{6})$")


def check_terminal_code(code: str) -> None:
    if not _CODE.match(code):
        raise InvalidInput(
            f"รหัสเครื่องขาย {code!r} ไม่ถูกต้อง / a terminal code is 2 to 8 capital letters or "
            "digits (e.g. KK01)"
        )


def generated_code(number: int) -> str:
    """The code of the `number`th terminal registered without one."""
    return f"{GENERATED_CODE_PREFIX}{number:03d}"


def check_receipt_no(terminal_code: str, receipt_no: str) -> None:
    """A terminal numbers only its own receipts: the number starts with its code."""
    found = _RECEIPT_NO.match(receipt_no)
    if found is None:
        raise InvalidInput(
            f"เลขที่ใบเสร็จ {receipt_no!r} ไม่ถูกต้อง / a receipt number is the terminal's code, "
            "a dash and six digits (e.g. KK01-000123)"
        )
    if found["code"] != terminal_code:
        raise InvalidInput(
            f"เลขที่ใบเสร็จ {receipt_no} ไม่ใช่ของเครื่องนี้ / receipt number {receipt_no} is "
            f"not this terminal's: its numbers start with {terminal_code}-"
        )


def receipt_taken(receipt_no: str, holder: uuid.UUID | None = None) -> ReceiptNoTaken:
    """The refusal of a sale numbered with a receipt number that `holder` (another sale of
    the same terminal) already has."""
    extra = {"held_by_sale_id": str(holder)} if holder is not None else {}
    return ReceiptNoTaken(
        f"เลขที่ใบเสร็จ {receipt_no} ถูกใช้กับรายการขายอื่นแล้ว / receipt number {receipt_no} "
        "was already given to another sale of this terminal; a new sale needs the next number",
        receipt_no=receipt_no,
        **extra,
    )
