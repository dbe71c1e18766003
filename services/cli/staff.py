"""`otop staff`: the first administrator's account, and a password reset from the shell
(DATABASE_URL: the web front's role, or the Postgres administrator)."""

from __future__ import annotations

import os
import uuid
from typing import Annotated

import typer

from services.cli.common import env, operate

staff_app = typer.Typer(
    help="Staff accounts of the web front: the first administrator, password resets.",
    no_args_is_help=True,
)

CHANGED_BY = "otop-staff-command"


class SchemaMissing(Exception):
    pass


def _password() -> str:
    given = os.environ.get("OTOP_ADMIN_PASSWORD")
    if given:
        return given
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


async def _services(dsn: str):  # type: ignore[no-untyped-def]
    from services.topology import WEB
    from services.web.adapters.passwords import Argon2Passwords
    from services.web.adapters.postgres import PostgresAccounts, PostgresSessions
    from services.web.service_layer.accounts import StaffAccounts
    from shared.db.migrations import apply_migrations, service_migrations
    from shared.db.pool import create_pool

    pool = await create_pool(dsn, schema=WEB.name, min_size=1, max_size=2)
    async with pool.acquire() as conn:
        if await conn.fetchval("SELECT to_regnamespace($1)", WEB.name) is None:
            await pool.close()
            raise SchemaMissing(
                f"there is no schema {WEB.name!r}: run `otop migrate` (it creates the web "
                "front's role and schema) first"
            )
        await apply_migrations(conn, WEB.name, service_migrations(WEB.migrations))
    hasher = Argon2Passwords()
    accounts = PostgresAccounts(pool)
    return pool, StaffAccounts(accounts, PostgresSessions(pool), hasher)


async def _create_admin(dsn: str, username: str, name: str, password: str) -> uuid.UUID:
    from shared.identity.roles import Grant, Role

    pool, accounts = await _services(dsn)
    try:
        created = await accounts.create(
            username=username,
            display_name=name,
            password=password,
            grants=[Grant(role=Role.ADMINISTRATOR)],
            changed_by=CHANGED_BY,
            must_change_password=False,
        )
        return created.id
    finally:
        await pool.close()


async def _reset(dsn: str, username: str, password: str) -> uuid.UUID:
    from shared.errors import NotFound

    pool, accounts = await _services(dsn)
    try:
        found = await accounts.accounts.by_username(username.strip().lower())
        if found is None:
            raise NotFound(f"no staff account {username}")
        await accounts.reset_password(found.id, password, changed_by=CHANGED_BY)
        return found.id
    finally:
        await pool.close()


@staff_app.command("create-admin")
def create_admin(
    username: Annotated[str, typer.Option(help="The administrator's username")],
    name: Annotated[str, typer.Option(help="The administrator's name, as staff see it")],
) -> None:
    """Create a platform administrator (password from OTOP_ADMIN_PASSWORD, or asked twice);
    applies the web schema's migrations first."""
    from shared.errors import DomainError

    dsn = env("DATABASE_URL")
    try:
        account_id = operate(_create_admin(dsn, username, name, _password()))
    except (DomainError, SchemaMissing) as exc:
        typer.secho(getattr(exc, "detail", str(exc)), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"administrator {username.strip().lower()} created: {account_id}")


@staff_app.command("reset-password")
def reset_password(
    username: Annotated[str, typer.Option(help="The staff account's username")],
) -> None:
    """Set a new password (OTOP_ADMIN_PASSWORD, or asked twice) that must be changed at the
    next sign-in; ends the account's sessions and lifts a lock."""
    from shared.errors import DomainError

    dsn = env("DATABASE_URL")
    try:
        account_id = operate(_reset(dsn, username, _password()))
    except (DomainError, SchemaMissing) as exc:
        typer.secho(getattr(exc, "detail", str(exc)), fg="red", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"password of {username.strip().lower()} reset ({account_id}); it must be changed")
