"""Running `otop` in a test, as an operator would type it."""

from __future__ import annotations

import asyncio

from typer.testing import CliRunner, Result

from services.cli import app


async def run_cli(args: list[str], env: dict[str, str]) -> Result:
    """`otop ARGS` in a thread of its own (the command runs its own event loop)."""
    runner = CliRunner()
    return await asyncio.to_thread(runner.invoke, app, args, env=env, catch_exceptions=False)
