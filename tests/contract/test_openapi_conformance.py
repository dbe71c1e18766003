"""Every service answers as its OpenAPI document says, whatever it is sent: no 5xx, every
status code, media type and body documented, every invalid input refused, and nothing stored
for what was refused. Cases come from Schemathesis (positive and negative), a bounded number
per operation so the run stays short; drawing is derandomised, so a run is repeatable."""

from __future__ import annotations

import pytest
from schemathesis import GenerationMode
from schemathesis.schemas import APIOperation

from tests.contract.conftest import ServiceUnderTest
from tests.contract.fuzzing import (
    Finding,
    check,
    credentials,
    describe,
    draw,
    operations,
    takes_input,
)

pytestmark = pytest.mark.integration

POSITIVE_CASES = 10
NEGATIVE_CASES = 8
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def is_write(operation: APIOperation) -> bool:
    return operation.method.upper() in WRITES


async def fuzz(
    service: ServiceUnderTest, chosen: list[APIOperation], mode: GenerationMode, count: int
) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    sent = 0
    for operation in chosen:
        if mode is GenerationMode.NEGATIVE and not takes_input(operation):
            continue
        headers = credentials(service.app.openapi(), operation, service.tokens)
        for case in draw(operation, mode, count):
            response = await service.client_request(case, headers)
            sent += 1
            problem = check(case, response, mode)
            if problem is not None:
                findings.append(
                    Finding(
                        f"{operation.method.upper()} {operation.path}",
                        mode.value,
                        response.status_code,
                        problem,
                        describe(case, response),
                    )
                )
    return findings, sent


def report(findings: list[Finding]) -> str:
    first: dict[tuple[str, str, int], Finding] = {}
    for f in findings:
        first.setdefault((f.operation, f.mode, f.status), f)
    return f"{len(findings)} answer(s) break the contract:\n" + "\n".join(
        str(f) for f in first.values()
    )


async def test_every_answer_is_the_documented_one_and_refusals_store_nothing(
    service: ServiceUnderTest,
) -> None:
    every = operations(service.app.openapi())
    writes = [op for op in every if is_write(op)]
    reads = [op for op in every if not is_write(op)]

    before = await service.stored_rows()
    refused, sent_refused = await fuzz(service, writes, GenerationMode.NEGATIVE, NEGATIVE_CASES)
    stored_after_refusals = await service.stored_rows()

    findings, sent = await fuzz(service, every, GenerationMode.POSITIVE, POSITIVE_CASES)
    negative_reads, sent_reads = await fuzz(service, reads, GenerationMode.NEGATIVE, NEGATIVE_CASES)

    assert sent_refused > 0 and sent + sent_reads > 0
    assert not refused + findings + negative_reads, report(refused + findings + negative_reads)
    assert stored_after_refusals == before, "a refused change stored something"
