"""The runtime packages never import the dev stack: `services/` and `shared/` run in the
image, which ships no `devstack/`, and `otop` finds the dev stack's commands only through
its entry point."""

from __future__ import annotations

import ast
from importlib.metadata import EntryPoint
from pathlib import Path

import typer

from services.cli.plugins import load_command_plugins

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("services", "shared")
DEV_ONLY = "devstack"


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _is_dev_only(module: str) -> bool:
    return module == DEV_ONLY or module.startswith(DEV_ONLY + ".")


def test_no_runtime_module_imports_the_dev_stack() -> None:
    offenders: list[str] = []
    modules = [p for package in RUNTIME_PACKAGES for p in sorted((ROOT / package).rglob("*.py"))]
    assert len(modules) > 50, "the runtime packages were not found"
    for path in modules:
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for line, module in _imported_modules(tree):
            if _is_dev_only(module):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offenders, "runtime modules import the dev stack:\n" + "\n".join(offenders)


def test_the_dev_stack_commands_join_otop_through_the_entry_point() -> None:
    from services.cli import app

    names = {command.name or command.callback.__name__ for command in app.registered_commands}
    assert {"up", "seed"} <= names


def test_a_plugin_whose_package_is_not_installed_adds_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    absent = EntryPoint("devstack", "otop_absent_package.cli:register", "otop.commands")
    monkeypatch.setattr("services.cli.plugins.entry_points", lambda group: [absent])
    app = typer.Typer()
    assert load_command_plugins(app) == []
    assert app.registered_commands == []
