"""`otop topics` creates what is missing and refuses to call a wrong layout fine."""

from __future__ import annotations

from tests.cli import run_cli
from tests.conftest import TEST_PARTITIONS
from tests.infrastructure import Servers


async def test_topics_are_in_order_when_every_one_has_the_catalogues_count(
    servers: Servers, topics: list[str]
):
    result = await run_cli(
        ["topics", "--partitions", str(TEST_PARTITIONS)],
        {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers},
    )
    assert result.exit_code == 0, result.output
    assert f"every topic has {TEST_PARTITIONS} partition(s)" in result.output


async def test_topics_of_another_partition_count_fail_the_command_naming_them(
    servers: Servers, topics: list[str]
):
    result = await run_cli(
        ["topics", "--partitions", str(TEST_PARTITIONS + 2)],
        {"KAFKA_BOOTSTRAP_SERVERS": servers.bootstrap_servers},
    )
    assert result.exit_code == 1
    assert f"registry.members.v1 has {TEST_PARTITIONS}" in result.output
