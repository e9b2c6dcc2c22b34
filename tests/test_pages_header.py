"""The header under each postmortem's title: made from the model, linked to the
generated pages, in the postmortem's language, and switched off per site and per file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import run_mkdocs, write_site
from pages_site import BUILD_DATE, generated_body, incidents, page, site_files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("header")
    write_site(root, site_files(), options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def resolve(site: Path, from_page: str, href: str) -> Path:
    path = href.split("#")[0].split("?")[0]
    target = (site / from_page / path).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_postmortem_has_a_header_right_under_its_title(built):
    for incident in incidents():
        soup = page(built, f"postmortems/{incident.id}/")
        header = soup.select_one("article .postmortem-header")
        assert header is not None, incident.id
        assert header.find_previous_sibling().name == "h1"
        assert header["data-postmortem-header"] == incident.id


def test_header_chips_times_people_and_links(built):
    for incident in incidents():
        here = f"postmortems/{incident.id}/"
        header = page(built, here).select_one(".postmortem-header")
        severity = header.select_one(".postmortem-chip--severity")
        assert severity.get_text(strip=True) == incident.severity
        level_page = generated_body(page(resolve(built, here, severity["href"]).parent, ""))
        assert level_page["data-postmortem-page"] == "severity"
        assert incident.id in {row["data-incident-id"] for row in level_page.select("tr[data-incident-id]")}
        assert header.select_one(".postmortem-chip--status")["data-status"] == incident.status
        # Each service links to its own page, which lists this incident.
        links = header.select(".postmortem-header__services a")
        assert [a.get_text() for a in links] == list(dict.fromkeys(incident.services))
        for link in links:
            service_page = generated_body(page(resolve(built, here, link["href"]).parent, ""))
            assert incident.id in {row["data-incident-id"] for row in service_page.select("tr[data-incident-id]")}
        # Start in the incident's own zone, and how long it lasted.
        start = datetime.fromisoformat(incident.started)
        zone = "UTC" if start.utcoffset().total_seconds() == 0 else "Europe/Paris"
        local = start.astimezone(ZoneInfo(zone))
        assert header.select_one("time").get_text().startswith(local.strftime("%Y-%m-%d %H:%M"))
        minutes = incident.offsets[3]
        hours, rest = divmod(minutes, 60)
        lasted = f"{hours} h {rest} min" if hours and rest else (f"{hours} h" if hours else f"{rest} min")
        assert f"lasted {lasted}" in header.select_one(".postmortem-header__when").get_text()
        assert "Sam Rivera" in header.select_one(".postmortem-header__authors").get_text()
        # Open and overdue actions, linking to the tracker filtered to this incident.
        actions = header.select_one(".postmortem-header__actions")
        open_items = [a for a in incident.actions if a.is_open]
        assert int(actions["data-open"]) == len(open_items)
        assert int(actions["data-overdue"]) == sum(a.is_overdue for a in incident.actions)
        link = actions.select_one("a")
        assert link["href"].endswith(f"?incident={incident.id}")
        assert generated_body(page(resolve(built, here, link["href"]).parent, ""))["data-postmortem-page"] == "actions"
        text = actions.get_text(" ", strip=True)
        if len(open_items) > 1:
            assert f"{len(open_items)} open actions" in text
        elif open_items:
            assert "1 open action" in text
        else:
            assert "No open action" in text
        if any(a.is_overdue for a in incident.actions):
            assert "overdue)" in text
        back = [a["href"] for a in header.select(".postmortem-header__back a")]
        assert generated_body(page(resolve(built, here, back[0]).parent, ""))["data-postmortem-page"] == "overview"


def test_header_is_switched_off_per_site_and_per_file(tmp_path):
    chosen = incidents()[:2]
    files = site_files(chosen)
    first = chosen[0].file_name
    files[first] = files[first].replace("---\n\n#", "postmortem:\n  header: false\n---\n\n#", 1)
    write_site(tmp_path / "file", files, options={"build_date": BUILD_DATE})
    assert run_mkdocs("build", cwd=tmp_path / "file").returncode == 0
    site = tmp_path / "file" / "site"
    assert page(site, f"postmortems/{chosen[0].id}/").select_one(".postmortem-header") is None
    assert page(site, f"postmortems/{chosen[1].id}/").select_one(".postmortem-header") is not None

    write_site(tmp_path / "site", site_files(chosen), options={"build_date": BUILD_DATE, "header": False})
    assert run_mkdocs("build", cwd=tmp_path / "site").returncode == 0
    for incident in chosen:
        assert page(tmp_path / "site" / "site", f"postmortems/{incident.id}/").select_one(".postmortem-header") is None


def test_a_french_postmortem_gets_a_french_header_on_an_english_site(tmp_path):
    incident = incidents()[0]
    text = incident.markdown()
    for english, french in (
        ("## Summary", "## Résumé de l'incident"),
        ("## Timeline", "## Chronologie"),
        ("## Root Cause", "## Causes racines"),
        ("### 5 Whys", "### Analyse des 5 pourquoi"),
        ("## Action Items", "## Actions correctives"),
        ("## Lessons Learned", "## Leçons apprises"),
    ):
        text = text.replace(english, french, 1)
    write_site(tmp_path, {incident.file_name: text}, options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header = page(tmp_path / "site", f"postmortems/{incident.id}/").select_one(".postmortem-header")
    assert header.select_one(".postmortem-header__when .postmortem-header__key").get_text() == "Début"
    assert "durée" in header.get_text()


FIXTURE = Path(__file__).parent / "fixtures" / "build" / "2026-03-04-dns.md"


@pytest.mark.parametrize(
    ("zone_lines", "shown"),
    [
        ("timezone: Europe/Paris\n", "2026-03-04 14:00 CET"),
        # A fixed offset has no abbreviation: the offset is the zone (as on the chart).
        ("timezone: UTC+01:00\n", "2026-03-04 14:00 UTC+01:00"),
        # A zone whose abbreviation is a number (`-03`) is written as an offset too.
        ("timezone: America/Sao_Paulo\n", "2026-03-04 14:00 UTC-03:00"),
    ],
)
def test_the_start_in_the_header_always_says_its_zone(tmp_path, zone_lines, shown):
    text = FIXTURE.read_text(encoding="utf-8").replace("timezone: Europe/Paris\n", zone_lines)
    text = text.replace("related: [2026-02-10-resolver]\n", "")
    write_site(tmp_path, {"2026-03-04-dns.md": text}, options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header = page(tmp_path / "site", "postmortems/2026-03-04-dns/").select_one(".postmortem-header")
    assert header.select_one("time").get_text() == shown
