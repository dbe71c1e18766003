"""The console's trainings and projects pages render for every demo role; an auditor and a
district officer outside the host province read them without any edit control."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.identity.roles import Role
from shared.timeutil import now_bangkok
from tests.integration.events.project_calls import kbo_project
from tests.integration.events.staff_calls import published_event
from tests.integration.events.test_trainings_api import person, training
from tests.integration.web_calendar.conftest import Console
from tests.integration.web_calendar.console import signed_in, staff_member

DEMO_ROLES = [
    ("role.officer", Role.PROVINCIAL_OFFICER, "90"),
    ("role.district", Role.DISTRICT_OFFICER, "4001"),
    ("role.committee", Role.NETWORK_COMMITTEE, "49"),
    ("role.shop", Role.SHOP_MANAGER, "centre"),
    ("role.auditor", Role.AUDITOR, None),
    ("role.admin", Role.ADMINISTRATOR, None),
]


async def _training_with_agenda(console: Console) -> str:
    event = await published_event(console.events, **training(started=True))
    event_id = event["event_id"]
    added = await console.events.post(
        f"/v1/events/{event_id}/participants", json=person("official", "นายทดสอบ", "9001")
    )
    assert added.status_code == 201, added.text
    start = now_bangkok().replace(microsecond=0) - timedelta(hours=2)
    session = await console.events.post(
        f"/v1/events/{event_id}/sessions",
        json={
            "title_th": "นโยบาย OTOP",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "speakers": ["วิทยากร"],
        },
    )
    assert session.status_code == 201, session.text
    paid = await console.events.post(
        f"/v1/events/{event_id}/expenses",
        json={"item_th": "ค่าอาหาร", "amount": "100.50", "spent_on": start.date().isoformat()},
    )
    assert paid.status_code == 201, paid.text
    return str(event_id)


@pytest.mark.parametrize(("username", "role", "area"), DEMO_ROLES)
async def test_trainings_and_projects_pages_render_for_every_role(
    console: Console, username: str, role: Role, area: str | None
):
    training_id = await _training_with_agenda(console)
    project_id = await kbo_project(console.events)
    venue = await console.events.post(
        f"/v1/events/{project_id}/expenses",
        json={"item_th": "ค่าห้องประชุม", "amount": "2500.00", "spent_on": "2026-01-05"},
    )
    assert venue.status_code == 201, venue.text
    await staff_member(console.web, username, role, area)
    await signed_in(console.web, username)

    pages = {
        "/console/trainings": None,
        f"/console/trainings/{training_id}": training_id,
        "/console/projects": None,
        f"/console/projects/{project_id}": project_id,
    }
    forms = 0
    for path, event_id in pages.items():
        page = await console.web.get(path)
        assert page.status_code == 200, (username, path, page.text[:2000])
        assert "Traceback" not in page.text
        if event_id == project_id:  # the expenses come from the grants' budget
            shown = " ".join(page.text.split())
            assert "ค่าใช้จ่ายของโครงการ / Project expenses</dt><dd>2,500.00" in shown
            assert "497,500.00" in shown
        if event_id is not None:
            forms += page.text.count(f'method="post" action="/console/{path.split("/")[2]}/')
    # Reading only: the auditor, the shop's manager, a district officer of another province.
    read_only = role in (Role.AUDITOR, Role.DISTRICT_OFFICER, Role.SHOP_MANAGER)
    assert (forms == 0) is read_only, (username, forms)
