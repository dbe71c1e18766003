"""Commands other installed packages add to `otop`, through the `otop.commands` entry-point
group: each entry point names a function that takes the `otop` Typer app and registers its
commands on it. An entry point whose package is not installed (its distribution declares
it, but the code is absent, as in the runtime image) adds nothing."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points

import typer

GROUP = "otop.commands"


def _absent(entry: EntryPoint, error: ModuleNotFoundError) -> bool:
    """The entry point's own module (or a package above it) is what is missing."""
    missing = error.name or ""
    return bool(missing) and (entry.module == missing or entry.module.startswith(missing + "."))


def load_command_plugins(app: typer.Typer) -> list[str]:
    """Register every installed plugin's commands on `app`; returns the plugins' names."""
    loaded: list[str] = []
    for entry in entry_points(group=GROUP):
        try:
            register: Callable[[typer.Typer], None] = entry.load()
        except ModuleNotFoundError as error:
            if _absent(entry, error):
                continue
            raise
        register(app)
        loaded.append(entry.name)
    return loaded
