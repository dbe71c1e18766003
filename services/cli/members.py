"""`otop members`: a member's personal data (PDPA): export what every service holds,
erase it."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Annotated

import typer

from services.cli.common import env

members_app = typer.Typer(
    help="A member's personal data (PDPA): export what every service holds, erase it.",
    no_args_is_help=True,
)


@members_app.command("export")
def members_export(
    member_id: uuid.UUID,
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout")] = None,
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Everything the four services hold about a member, as one JSON document (ADMIN_TOKEN;
    <SERVICE>_URL overrides one service's address). Fails rather than give a partial one."""
    from services.operations.endpoints import service_urls
    from services.privacy.export import ExportFailed, MemberNotFound, export_member

    try:
        document = asyncio.run(
            export_member(member_id, service_urls(host, port_offset), env("ADMIN_TOKEN"))
        )
    except (MemberNotFound, ExportFailed) as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(text)
    else:
        output.write_text(text + "\n", "utf-8")
        typer.echo(f"member {member_id}: written to {output}", err=True)


@members_app.command("erase")
def members_erase(
    member_id: uuid.UUID,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
    host: Annotated[str, typer.Option(help="where the services listen")] = "localhost",
    port_offset: Annotated[int, typer.Option(help="as given to `otop up`")] = 0,
) -> None:
    """Erase a member's personal data on request (the registry clears it and publishes
    `member.erased`; the other services clear their copies). Sales amounts stay."""
    from services.operations.endpoints import service_urls
    from services.privacy.export import ExportFailed, MemberNotFound, request_erasure

    if not yes:
        typer.confirm(
            f"Erase the personal data of member {member_id}? This cannot be undone", abort=True
        )
    try:
        member = asyncio.run(
            request_erasure(
                member_id, service_urls(host, port_offset)["registry"], env("ADMIN_TOKEN")
            )
        )
    except (MemberNotFound, ExportFailed) as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"member {member['member_id']}: personal data erased at {member['erased_at']} "
        f"(version {member['version']})"
    )
