"""The AsyncAPI page: a service's AsyncAPI document rendered as plain HTML on the server
(channels, messages, payload schemas), with no script."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "static"

_templates = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
)


@dataclass
class FieldView:
    name: str
    type: str
    link: str | None
    required: bool
    notes: list[str]


@dataclass
class SchemaView:
    name: str
    anchor: str
    title: str
    description: str | None
    summary: str
    fields: list[FieldView] = field(default_factory=list)


@dataclass
class MessageView:
    title: str
    payload: str | None
    payload_anchor: str | None


@dataclass
class ChannelView:
    name: str
    anchor: str
    address: str
    description: str | None
    action: str
    messages: list[MessageView]


def _anchor(kind: str, name: str) -> str:
    return f"{kind}-" + "".join(c if c.isalnum() else "-" for c in name)


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(schema: dict[str, Any]) -> tuple[str, str | None]:
    """A short text of a schema's type, and the anchor of the schema it names, if any."""
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return name, _anchor("schema", name)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            parts = [_type_of(s) for s in schema[key]]
            link = next((a for _, a in parts if a), None)
            return " | ".join(t for t, _ in parts), link
    if "enum" in schema:
        values = ", ".join(json.dumps(v, ensure_ascii=False) for v in schema["enum"])
        return f"one of {values}", None
    if "const" in schema:
        return json.dumps(schema["const"], ensure_ascii=False), None
    kind = schema.get("type", "any")
    if kind == "array":
        inner, link = _type_of(schema.get("items", {}))
        return f"array of {inner}", link
    if "format" in schema:
        return f"{kind} ({schema['format']})", None
    return str(kind), None


_NOTES = ("pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")


def _notes(schema: dict[str, Any]) -> list[str]:
    notes = [f"{key}: {schema[key]}" for key in _NOTES if key in schema]
    if "default" in schema:
        notes.append(f"default: {json.dumps(schema['default'], ensure_ascii=False)}")
    if schema.get("description"):
        notes.insert(0, str(schema["description"]))
    return notes


def _schema_view(name: str, schema: dict[str, Any]) -> SchemaView:
    required = set(schema.get("required", []))
    fields = []
    for prop, sub in schema.get("properties", {}).items():
        kind, link = _type_of(sub)
        fields.append(FieldView(prop, kind, link, prop in required, _notes(sub)))
    summary, _ = _type_of({k: v for k, v in schema.items() if k != "properties"})
    return SchemaView(
        name=name,
        anchor=_anchor("schema", name),
        title=str(schema.get("title", name)),
        description=schema.get("description"),
        summary="object" if fields else summary,
        fields=fields,
    )


def asyncapi_views(document: dict[str, Any]) -> tuple[list[ChannelView], list[SchemaView]]:
    components = document.get("components", {})
    messages = components.get("messages", {})
    actions = {
        _ref_name(op.get("channel", {}).get("$ref", "")): op.get("action", "")
        for op in document.get("operations", {}).values()
    }
    channels = []
    for name, channel in sorted(document.get("channels", {}).items()):
        views = []
        for message in channel.get("messages", {}).values():
            target = messages.get(_ref_name(message.get("$ref", "")), message)
            payload = target.get("payload", {})
            schema = _ref_name(payload["$ref"]) if "$ref" in payload else None
            views.append(
                MessageView(
                    title=str(target.get("title", name)),
                    payload=schema,
                    payload_anchor=_anchor("schema", schema) if schema else None,
                )
            )
        channels.append(
            ChannelView(
                name=name,
                anchor=_anchor("channel", name),
                address=str(channel.get("address", name)),
                description=channel.get("description"),
                action={"send": "publishes", "receive": "consumes"}.get(actions.get(name, ""), ""),
                messages=views,
            )
        )
    schemas = [
        _schema_view(name, schema) for name, schema in sorted(components.get("schemas", {}).items())
    ]
    return channels, schemas


def render_asyncapi(document: dict[str, Any]) -> str:
    channels, schemas = asyncapi_views(document)
    return _templates.get_template("asyncapi.html.j2").render(
        info=document.get("info", {}), channels=channels, schemas=schemas
    )
