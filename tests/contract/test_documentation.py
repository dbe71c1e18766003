"""Every service serves its documentation whole, from itself: the OpenAPI document names each
refusal as a problem document, /docs, /redoc and /asyncapi load nothing from another host,
and the AsyncAPI document answers as JSON and YAML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import yaml

from tests.contract.conftest import ServiceUnderTest

pytestmark = pytest.mark.integration

PAGES = ("/docs", "/redoc", "/asyncapi")


class References(HTMLParser):
    """Every URL a page loads or links: script src, link href, img src, and URLs written
    into inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href"):
            if found.get(name) and tag in {"script", "link", "img", "iframe", "a"}:
                self.urls.append(str(found[name]))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.urls += re.findall(r"""["'`]((?:https?:)?//[^"'`]+|/[^"'`\s]+)["'`]""", data)


def references(html: str) -> list[str]:
    parser = References()
    parser.feed(html)
    return parser.urls


async def test_documentation_pages_load_everything_from_the_service(
    service: ServiceUnderTest,
) -> None:
    for page in PAGES:
        answer = await service.client.get(page)
        assert answer.status_code == 200, page
        assert answer.headers["content-type"].startswith("text/html")
        urls = references(answer.text)
        external = [u for u in urls if urlsplit(u).netloc or u.startswith("//")]
        assert not external, f"{page} loads from other hosts: {external}"
        for url in urls:
            if url.startswith("#"):
                continue
            path = url if url.startswith("/") else f"/{url}"
            loaded = await service.client.get(path)
            assert loaded.status_code == 200, f"{page} refers to {url}: {loaded.status_code}"
    swagger = (await service.client.get("/docs")).text
    assert "/static/docs/swagger-ui-bundle.js" in swagger
    assert "validatorUrl" in swagger


async def test_the_asyncapi_document_answers_as_json_and_yaml_on_one_connection(
    service: ServiceUnderTest,
) -> None:
    as_json = await service.client.get("/asyncapi.json")
    first = await service.client.get("/asyncapi.yaml")
    again = await service.client.get("/asyncapi.yaml")
    assert as_json.status_code == first.status_code == again.status_code == 200
    assert first.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(first.text) == as_json.json() == yaml.safe_load(again.text)
    assert as_json.json()["asyncapi"].startswith("3.")
    page = (await service.client.get("/asyncapi")).text
    for channel in as_json.json()["channels"].values():
        assert channel["address"] in page


async def test_the_asyncapi_page_names_every_published_topic_and_payload_field(
    service: ServiceUnderTest,
) -> None:
    document = (await service.client.get("/asyncapi.json")).json()
    page = (await service.client.get("/asyncapi")).text
    schemas = document["components"]["schemas"]
    for name, schema in schemas.items():
        assert 'id="schema-' in page and name in page
        for field in schema.get("properties", {}):
            assert f"<code>{field}</code>" in page, (name, field)
    assert "unpkg" not in page and "<script" not in page


async def test_every_refusal_is_documented_as_a_problem_document(
    service: ServiceUnderTest,
) -> None:
    document = (await service.client.get("/openapi.json")).json()
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    assert {"instance", "errors"} <= set(problem["properties"])
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            responses = operation["responses"]
            for status, answer in responses.items():
                if status.startswith(("4", "5")) and path != "/readyz":
                    assert list(answer["content"]) == ["application/problem+json"], (path, status)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "422"} <= set(responses), (method, path)
            if method in {"post", "put", "patch", "delete"}:
                assert "409" in responses, (method, path)
    assert list(document["paths"]["/asyncapi"]["get"]["responses"]["200"]["content"]) == [
        "text/html"
    ]
