"""`otop asyncapi`: the AsyncAPI document generated from the contracts in code."""

from __future__ import annotations

from typing import Annotated

import typer


def asyncapi(
    check: Annotated[bool, typer.Option(help="Fail if docs/asyncapi.json is out of date")] = False,
) -> None:
    """Write docs/asyncapi.json from the contracts in code (or check it is current)."""
    from shared.asyncapi import DOCUMENT, render, write

    if check:
        current = DOCUMENT.read_text("utf-8") if DOCUMENT.exists() else ""
        if current != render():
            typer.secho(
                "docs/asyncapi.json is out of date: run `otop asyncapi`", fg="red", err=True
            )
            raise typer.Exit(1)
        typer.echo("docs/asyncapi.json is current")
        return
    typer.echo(f"wrote {write()}")
