"""`otop`: the operator's command line for the platform.

serve       run one service process (what a container runs)
migrate     create service roles and schemas, apply migrations
topics      create every topic (and its .dlq) idempotently
status      every service's health, outbox backlog, consumer lag and dead letters
lag         consumer lag per group, topic and partition
tail        print a topic's envelopes, one JSON object a line
outbox      inspect the outboxes; republish from a point in time, one service or all
dlq         list, show, re-drive and discard dead letters
members     export or erase a member's personal data (PDPA)
staff       the web front's first administrator; staff password resets
asyncapi    write or check the AsyncAPI document

A developer's install adds `up` and `seed` (the dev stack).
"""

from __future__ import annotations

import typer

from services.cli.deploy import migrate, serve, topics
from services.cli.dlq import dlq_app
from services.cli.docs import asyncapi
from services.cli.members import members_app
from services.cli.observe import lag, status, tail
from services.cli.outbox import outbox_app
from services.cli.plugins import load_command_plugins
from services.cli.staff import staff_app

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
app.command()(serve)
app.command()(migrate)
app.command()(topics)
app.command()(status)
app.command()(lag)
app.command()(tail)
app.add_typer(outbox_app, name="outbox")
app.add_typer(dlq_app, name="dlq")
app.add_typer(members_app, name="members")
app.add_typer(staff_app, name="staff")
app.command()(asyncapi)
load_command_plugins(app)


def main() -> None:
    app(prog_name="otop")
