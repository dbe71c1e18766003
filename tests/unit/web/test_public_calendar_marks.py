"""How the public pages mark a community's events and lay out a month of the calendar."""

from __future__ import annotations

from datetime import date

from services.web.public.pages.calendar import days_of, month_asked, month_title, next_month
from services.web.public.pages.communities import held_in_district, village_line
from shared.timeutil import now_bangkok

KO_YO = {
    "name_th": "ชุมชนท่องเที่ยว OTOP นวัตวิถีบ้านเกาะยอ",
    "village": {
        "province_code": "90",
        "district_name_th": "เมืองสงขลา",
        "subdistrict_name_th": "เกาะยอ",
        "village_no": 4,
        "village_name_th": "บ้านเกาะยอ",
        "province_name_th": "สงขลา",
    },
}


def _event(venue: str, province: str = "90", title: str = "งาน OTOP") -> dict:
    return {"province_code": province, "venue_th": venue, "title_th": title}


def test_an_event_whose_venue_names_the_district_or_subdistrict_is_held_there():
    assert held_in_district(_event("ศาลาประชาคม อำเภอเมืองสงขลา"), KO_YO)
    assert held_in_district(_event("วัดท้ายยอ ต.เกาะยอ"), KO_YO)
    assert held_in_district(_event("ลานวัด", title="ตลาดนัดบ้านเกาะยอ"), KO_YO)


def test_an_event_elsewhere_or_in_another_province_is_not():
    assert not held_in_district(_event("ศูนย์ประชุม อ.หาดใหญ่"), KO_YO)
    assert not held_in_district(_event("อำเภอเมืองสงขลา", province="40"), KO_YO)


def test_the_village_reads_thai_first_with_its_number():
    assert village_line(KO_YO["village"]) == "หมู่ที่ 4 บ้านเกาะยอ ต.เกาะยอ อ.เมืองสงขลา จ.สงขลา"


def test_a_month_is_titled_in_the_buddhist_era_and_a_bad_month_means_this_one():
    assert month_title(date(2027, 1, 1)) == "มกราคม 2570"
    assert month_asked("2027-02") == date(2027, 2, 1)
    this_month = now_bangkok().date().replace(day=1)
    assert month_asked("2027-13") == this_month
    assert month_asked("<script>") == this_month
    assert next_month(date(2027, 12, 1)) == date(2028, 1, 1)


def test_an_event_over_the_month_end_shows_on_its_days_of_the_month_only():
    event = {"starts_at": "2027-01-30T09:00:00+07:00", "ends_at": "2027-02-02T17:00:00+07:00"}

    january = days_of(event, date(2027, 1, 1), date(2027, 2, 1))
    february = days_of(event, date(2027, 2, 1), date(2027, 3, 1))

    assert january == [date(2027, 1, 30), date(2027, 1, 31)]
    assert february == [date(2027, 2, 1), date(2027, 2, 2)]


def test_a_late_evening_start_in_utc_falls_on_the_bangkok_day():
    event = {"starts_at": "2027-01-09T18:00:00+00:00", "ends_at": "2027-01-09T20:00:00+00:00"}
    assert days_of(event, date(2027, 1, 1), date(2027, 2, 1)) == [date(2027, 1, 10)]
