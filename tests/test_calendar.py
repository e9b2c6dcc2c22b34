"""`postmortems/actions.ics` and the owners' calendars: open deadlines as RFC 5545 files, read
back with the `icalendar` library from a real build, linked from the tracker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import run_mkdocs, write_site
from test_rules_variants import EN

from mkdocs_postmortem.render.calendar import escape_text, fold_line

LONG = "Rotate the signing secret, then; check \\ the provider's dashboard — every région — " * 2
TRACKED = EN.replace(
    "| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |",
    f"| {LONG.strip()} OPS-7 | Ana Lopez | 2026-09-01 | In Progress |",
)
OTHER = EN.replace("id: 2026-03-04-webhook-secret", "id: other").replace("2026-03-04", "2026-04-02").replace(
    "published: 2026-03-06", "published: 2026-04-04"
)
OPTIONS = {"build_date": "2026-06-01", "ticket_url": "https://jira.example.com/browse/{id}"}


def build(root: Path, options: dict | None = None, extra: dict | None = None) -> Path:
    write_site(root, {"tracked.md": TRACKED, "other.md": OTHER}, options={**OPTIONS, **(options or {})}, extra=extra)
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("calendar"), extra={"site_url": "https://handbook.example.com/"})


def events(path: Path) -> list:
    raw = path.read_bytes()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line  # folded at 75 octets
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_every_open_deadline_is_one_all_day_event_on_its_due_day(site):
    found = events(site / "postmortems" / "actions.ics")
    # Per postmortem: two open items with a deadline (the done one and the backlog have none open).
    assert len(found) == 4
    by_day = sorted((event.decoded("DTSTART"), str(event["SUMMARY"])) for event in found)
    assert [day for day, _ in by_day] == [date(2026, 9, 1), date(2026, 9, 1), date(2026, 10, 1), date(2026, 10, 1)]
    for event in found:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and (end - start).days == 1
    long_one = next(event for event in found if str(event["SUMMARY"]).startswith("Rotate the signing"))
    # Commas, semicolons, backslashes and accents come back as written, across folded lines.
    assert str(long_one["SUMMARY"]) == f"{LONG.strip()} OPS-7"
    description = str(long_one["DESCRIPTION"]).split("\n")
    assert description[0] == "Owner: Ana Lopez"
    assert "OPS-7: https://jira.example.com/browse/OPS-7" in description
    assert str(long_one["URL"]) == "https://handbook.example.com/postmortems/tracked/#action-1"


def test_uids_are_unique_and_stable_across_builds_and_edits_elsewhere(site, tmp_path):
    def uids(path: Path) -> list[tuple[str, str]]:
        return sorted((str(e["SUMMARY"]), str(e["UID"])) for e in events(path))

    first = uids(site / "postmortems" / "actions.ics")
    assert len({uid for _, uid in first}) == 4
    root = tmp_path / "again"
    again = build(root, extra={"site_url": "https://handbook.example.com/"})
    assert (again / "postmortems" / "actions.ics").read_bytes() == (site / "postmortems" / "actions.ics").read_bytes()
    # Lines added above the items: the same items keep their events.
    path = root / "docs" / "postmortems" / "tracked.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Summary\n", "## Summary\n\nMore context.\n\n"), encoding="utf-8")
    assert run_mkdocs("build", cwd=root).returncode == 0
    assert uids(root / "site" / "postmortems" / "actions.ics") == first


def test_dtstamp_is_the_build_day(site):
    stamps = {event.decoded("DTSTAMP").isoformat() for event in events(site / "postmortems" / "actions.ics")}
    assert stamps == {"2026-06-01T00:00:00+00:00"}


def test_one_calendar_per_owner_linked_from_the_owner_on_the_tracker(site):
    tracker = BeautifulSoup((site / "postmortems" / "actions" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert tracker.select_one(".postmortem-calendar a")["href"] == "../actions.ics"
    links = {}
    for owner in tracker.select(".postmortem-owner"):
        button = owner.select_one("button")
        link = owner.select_one("a.postmortem-owner-calendar")
        links[button["data-value"]] = (button["id"], link["href"] if link else None)
    assert links == {
        "Ana Lopez": ("owner-ana-lopez", "../actions-ana-lopez.ics"),
        "Li Wei": ("owner-li-wei", "../actions-li-wei.ics"),
    }
    ana = events(site / "postmortems" / "actions-ana-lopez.ics")
    assert len(ana) == 2 and all(str(e["DESCRIPTION"]).startswith("Owner: Ana Lopez") for e in ana)
    everyone = {str(e["UID"]) for e in events(site / "postmortems" / "actions.ics")}
    assert {str(e["UID"]) for e in ana} <= everyone


def test_switched_off_or_moved(tmp_path):
    off = build(tmp_path / "off", {"calendar": False})
    assert not list((off / "postmortems").glob("*.ics"))
    tracker = (off / "postmortems" / "actions" / "index.html").read_text(encoding="utf-8")
    assert "text/calendar" not in tracker
    moved = build(tmp_path / "moved", {"pages": {"calendar": "cal/deadlines.ics"}})
    assert len(events(moved / "postmortems" / "cal" / "deadlines.ics")) == 4
    assert (moved / "postmortems" / "cal" / "deadlines-li-wei.ics").is_file()
    # Without a site_url, no URL property: a calendar application needs an absolute one.
    assert all("URL" not in event for event in events(moved / "postmortems" / "cal" / "deadlines.ics"))


@pytest.mark.parametrize("text", ["a" * 200, "é" * 100, "😀" * 60, "x" + "€" * 80, "DESCRIPTION:" + "a,b;c\\" * 30])
def test_folding_never_cuts_a_character_and_unfolds_to_the_line(text):
    folded = fold_line(text)
    for piece in folded.split("\r\n"):
        assert len(piece.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == text


def test_text_escaping():
    assert escape_text("a,b;c\\d\ne\r\nf\x00g") == "a\\,b\\;c\\\\d\\ne\\nfg"


def test_without_build_date_dtstamp_follows_source_date_epoch(tmp_path):
    write_site(tmp_path, {"tracked.md": TRACKED}, options={"ticket_url": "https://jira.example.com/browse/{id}"})
    for epoch, day in (("1795392000", "2026-11-23"), ("1796601600", "2026-12-07")):
        result = run_mkdocs("build", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": epoch})
        assert result.returncode == 0, result.stderr
        stamps = {e.decoded("DTSTAMP").date().isoformat() for e in events(tmp_path / "site" / "postmortems" / "actions.ics")}
        assert stamps == {day}
