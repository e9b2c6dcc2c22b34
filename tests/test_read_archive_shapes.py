"""Each time, zone, date source and window form of an archive written before
the plugin, read one at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from mkdocs_postmortem.model import ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.zones import abbreviations

SETTINGS = Settings(default_timezone="UTC")
UTC = timezone.utc


def read(text: str, name: str = "2025-03-11-x.md", settings: Settings = SETTINGS):
    return read_postmortem(text, path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", settings=settings)


def utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else None


def timeline(*entries: str, above: str = "") -> str:
    return "# Incident\n\n## Timeline\n\n" + (above + "\n\n" if above else "") + "\n".join(entries) + "\n"


def times(pm) -> list[str | None]:
    return [utc(event.time) for event in pm.timeline]


def codes(pm) -> list[tuple[ProblemKind, int]]:
    return [(problem.kind, problem.line) for problem in pm.problems]


# --- times as people write them ----------------------------------------------------------

@pytest.mark.parametrize(
    ("entry", "expected", "text"),
    [
        ("- **16:58 UTC** - writer database stops accepting connections", "2025-03-11 16:58",
         "writer database stops accepting connections"),
        ("* [08:47] deploy starts. **Outage begins.**", "2025-03-11 08:47", "deploy starts. Outage begins."),
        ("- 04:49 PM UTC site returns 503", "2025-03-11 16:49", "site returns 503"),
        ("- 4:49 pm: site returns 503", "2025-03-11 16:49", "site returns 503"),
        ("- **09:15 GMT** – failures detected", "2025-03-11 09:15", "failures detected"),
        ("- 13:55 PM: alarms fire", "2025-03-11 13:55", "alarms fire"),  # 13:55 PM means 13:55
        ("- 16:35:xx errors everywhere", "2025-03-11 16:35", "errors everywhere"),
        ("- 09:00 - 11:00 maintenance window", "2025-03-11 09:00", "maintenance window"),  # a range: its start
        ("- 14h05 : début de l'incident", "2025-03-11 14:05", "début de l'incident"),
        ("- Jan 14, 10:18 AM: paged", "2025-01-14 10:18", "paged"),
        ("- 2018-08-22, 03:26pm: first report", "2018-08-22 15:26", "first report"),
        ("- 13:55 PM PST Saturday Oct 30th: alarms fire", "2025-10-30 21:55", "alarms fire"),
    ],
)
def test_a_time_at_the_start_of_an_entry(entry, expected, text):
    pm = read(timeline(entry, "- 23:59 UTC - a later entry" if "2018" not in entry and "Oct" not in entry and "Jan" not in entry else entry))
    assert times(pm)[0] == expected
    assert pm.timeline[0].text == text
    assert [c for c in codes(pm) if c[0] == ProblemKind.UNCERTAIN_TIME] == []


def test_paragraph_entries_one_per_paragraph():
    pm = read(timeline("27-05-2025 13:44 – rollout began", "", "27-05-2025 14:02 – alerts fire"))
    assert times(pm) == ["2025-05-27 13:44", "2025-05-27 14:02"]
    assert [event.line for event in pm.timeline] == [5, 7]


def test_approximate_times_are_kept_and_marked():
    pm = read(timeline("- ~16:45 cache warm-up throttled", "- vers 17h10 : retour à la normale", "- 17:20 done"))
    assert times(pm) == ["2025-03-11 16:45", "2025-03-11 17:10", "2025-03-11 17:20"]
    assert [event.approximate for event in pm.timeline] == [True, True, False]


@pytest.mark.parametrize("unknown", ["[???]", "--:--"])
def test_an_unknown_time_keeps_the_entry_without_a_time_or_a_problem(unknown):
    pm = read(timeline("- 10:00 first", f"- {unknown} someone restarts a node", "- 10:30 last"))
    assert times(pm) == ["2025-03-11 10:00", None, "2025-03-11 10:30"]
    assert pm.timeline[1].text == "someone restarts a node"
    assert codes(pm) == [(ProblemKind.UNREADABLE, 1)]


def test_unknown_times_in_a_table_cell_too():
    pm = read(timeline("| Time | Event |", "|---|---|", "| ~09:10 | a |", "| [???] | b |", "| 04:49 PM UTC | c |"))
    assert times(pm) == ["2025-03-11 09:10", None, "2025-03-11 16:49"]
    assert [event.approximate for event in pm.timeline] == [True, False, False]
    assert codes(pm) == [(ProblemKind.UNREADABLE, 1)]


def test_a_list_is_a_timeline_only_when_most_items_start_with_a_time():
    pm = read(timeline("- We looked at the graphs", "- We restarted things at 10:00", "- 10:30 done"))
    assert pm.timeline == []


def test_midnight_moves_entries_to_the_next_day():
    pm = read(timeline("- 23:40 UTC batch starts", "- 00:25 UTC batch done"))
    assert times(pm) == ["2025-03-11 23:40", "2025-03-12 00:25"]


# --- day-first or month-first --------------------------------------------------------------

def test_an_impossible_value_decides_the_order():
    assert times(read(timeline("- 27-05-2025 13:44 - a", "- 27-05-2025 14:00 - b"))) == ["2025-05-27 13:44", "2025-05-27 14:00"]
    assert times(read(timeline("- 02-13-2025 01:05 - a", "- 02-13-2025 01:35 - b")))[0] == "2025-02-13 01:05"


def test_the_documents_other_dates_decide_an_ambiguous_one():
    pm = read(timeline("- 02-13-2025 23:50 - a", "- 03-01-2025 00:10 - b"))  # month first, as 02-13
    assert times(pm) == ["2025-02-13 23:50", "2025-03-01 00:10"]
    assert [c for c in codes(pm) if c[0] == ProblemKind.UNCERTAIN_TIME] == []


def test_a_date_that_stays_ambiguous_is_said_once_never_guessed_silently():
    pm = read(timeline("- 03-04-2025 10:00 - a", "- 03-04-2025 10:20 - b"))
    assert times(pm) == ["2025-04-03 10:00", "2025-04-03 10:20"]
    problems = [p for p in pm.problems if p.kind is ProblemKind.UNCERTAIN_TIME]
    assert [p.line for p in problems] == [5]
    assert "03-04-2025" in problems[0].message and "2025-04-03" in problems[0].message


# --- zones ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "offset"),
    [("UTC", 0), ("GMT", 0), ("Z", 0), ("CET", 60), ("CEST", 120), ("EET", 120), ("EEST", 180), ("WET", 0),
     ("WEST", 60), ("BST", 60), ("IST", 330), ("PST", -480), ("PDT", -420), ("MST", -420), ("MDT", -360),
     ("CST", -360), ("CDT", -300), ("EST", -300), ("EDT", -240), ("JST", 540), ("KST", 540), ("AEST", 600),
     ("AEDT", 660), ("UTC+2", 120), ("UTC-05:30", -330)],
)
def test_each_abbreviation_is_its_fixed_offset_as_written(name, offset):
    found = abbreviations().get(name)
    assert found is not None and found.utcoffset(datetime(2025, 7, 1)).total_seconds() / 60 == offset
    pm = read(timeline(f"- 12:00 {name} - a", f"- 12:30 {name} - b"), name="2025-07-01-x.md")
    assert utc(pm.timeline[0].time) == (datetime(2025, 7, 1, 12, 0) - (found.utcoffset(None))).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    "header",
    ["| Time (CET) | Event |", "| Date and Time in CET | Event |"],
)
def test_a_zone_in_the_time_column_header(header):
    pm = read(timeline(header, "|---|---|", "| 18:10 | a |", "| 18:52 | b |"))
    assert times(pm) == ["2025-03-11 17:10", "2025-03-11 17:52"]


@pytest.mark.parametrize("line", ["All times PDT.", "(all times in GMT)", "*Toutes les heures en CEST*"])
def test_a_zone_line_near_the_timeline(line):
    pm = read(timeline("- 08:47 deploy starts", "- 09:35 recovered", above=line))
    offsets = {"All times PDT.": 7, "(all times in GMT)": 0, "*Toutes les heures en CEST*": -2}[line]
    assert times(pm)[0] == f"2025-03-11 {8 + offsets:02d}:47"


def test_ambiguous_abbreviations_have_a_default_a_note_and_a_site_reading():
    text = timeline("- 14:30 latency alert fires", "- 15:10 recovered", above="All times IST.")
    pm = read(text)
    assert times(pm)[0] == "2025-03-11 09:00"  # India, +05:30
    assert any("IST read as UTC+05:30" in note.message for note in pm.notes)
    irish = replace(SETTINGS, zone_abbreviations=(("IST", "+01:00"),))
    pm = read(text, settings=irish)
    assert times(pm)[0] == "2025-03-11 13:30"
    assert not any("IST" in note.message for note in pm.notes)


def test_an_unknown_abbreviation_is_a_warning_never_a_silent_utc():
    pm = read(timeline("- 06:00 XYZ - jobs start twice", "- 06:30 XYZ - reported"), settings=replace(SETTINGS, default_timezone="Europe/Paris"))
    assert [p.line for p in pm.problems if p.kind is ProblemKind.UNCERTAIN_TIME] == [5, 6]
    assert "'XYZ'" in pm.problems[-1].message
    assert times(pm)[0] == "2025-03-11 05:00"  # on the postmortem's clock (Paris), not UTC


# --- the date of a timeline that gives only times -------------------------------------------

def test_date_from_the_line_above_first():
    pm = read("# February 5th, 2019 outage\n\n## Timeline\n\n2019-02-06\n\n- 10:00 a\n- 10:30 b\n", name="x.md")
    assert times(pm)[0] == "2019-02-06 10:00" and pm.timeline_date_from == "line_above"


@pytest.mark.parametrize(
    ("title", "day"),
    [("# February 5th, 2019 shopping cart outage", "2019-02-05"), ("# 5-26-21 website outage", "2021-05-26"),
     ("# Panne du 14 mars 2025", "2025-03-14")],
)
def test_date_from_the_title(title, day):
    pm = read(f"{title}\n\n## Timeline\n\n- 10:00 a\n- 10:30 b\n", name="2020-01-01-x.md")
    assert times(pm)[0] == f"{day} 10:00" and pm.timeline_date_from == "title"


@pytest.mark.parametrize("line", ["Date: 2024-03-08", "Start: 2024-03-08", "**Date de l'incident** : 8 mars 2024"])
def test_date_from_a_date_or_start_line(line):
    pm = read(f"# Outage\n\n{line}\n\n## Timeline\n\n- 10:00 a\n- 10:30 b\n", name="x.md")
    assert times(pm)[0] == "2024-03-08 10:00" and pm.timeline_date_from == "date_line"


@pytest.mark.parametrize("name", ["2019-02-05.md", "2019-02-05-flags-down.md"])
def test_date_from_the_file_name(name):
    pm = read("# Outage\n\n## Timeline\n\n- 10:00 a\n- 10:30 b\n", name=name)
    assert times(pm)[0] == "2019-02-05 10:00" and pm.timeline_date_from == "file_name"
    assert any("file name" in note.message for note in pm.notes)


def test_date_from_the_front_matter_wins():
    pm = read("---\nstarted: 2024-01-02 09:55\n---\n# 5-26-21 outage\n\n## Timeline\n\n- 10:00 a\n- 10:10 b\n", name="2019-02-05.md")
    assert times(pm)[0] == "2024-01-02 10:00" and pm.timeline_date_from == "front_matter"


# --- the window stated in the body -----------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "started", "resolved"),
    [
        ("Checkout was down from 16:58 to 18:46 UTC.", "2025-03-11 16:58", "2025-03-11 18:46"),
        ("Durée de l'incident : ~00:00 UTC → ~04:30 UTC", "2025-03-11 00:00", "2025-03-11 04:30"),
        ("Total impact duration: 5 hours 26 minutes (10:45 - 16:11 UTC)", "2025-03-11 10:45", "2025-03-11 16:11"),
        ("Le service a été indisponible de 14h05 à 15h20.", "2025-03-11 14:05", "2025-03-11 15:20"),
        ("The outage lasted from 23:10 to 01:05 UTC.", "2025-03-11 23:10", "2025-03-12 01:05"),
    ],
)
def test_a_window_line_gives_started_and_resolved_with_its_line(line, started, resolved):
    pm = read(f"# Outage\n\n## Summary\n\n{line}\n")
    assert (utc(pm.started), utc(pm.resolved)) == (started, resolved)
    assert (pm.field_sources["started"], pm.source_lines["started"]) == ("body", 5)


def test_a_duration_the_window_contradicts_stays_pm603():
    from mkdocs_postmortem.rules import check_postmortem

    pm = read("# Outage\n\n## Summary\n\nTotal impact duration: 2 hours (10:45 - 16:11 UTC)\n")
    assert utc(pm.started) == "2025-03-11 10:45"
    assert "PM603" in {d.code for d in check_postmortem(pm, SETTINGS)}


def test_start_and_end_dates_give_the_day_of_the_timeline():
    pm = read("# Outage\n\nStart: 2018-08-22\nEnd: 2018-08-23\n\n## Timeline\n\n- 15:05 outage begins\n- 01:10 service restored\n", name="x.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2018-08-22 15:05", "2018-08-23 01:10")


@pytest.mark.parametrize(
    ("entry", "phase"),
    [("**Detection:** alerts fire", "detected"), ("**Recovery:** traffic back", "resolved"),
     ("Outage begins", "started"), ("Outage ends", "resolved"), ("service restored", "resolved"),
     ("fully recovered", "resolved"), ("issue resolved", "resolved"), ("Incident déclaré résolu", "resolved")],
)
def test_timeline_entries_that_mark_a_phase(entry, phase):
    pm = read(timeline("- 10:00 something happens", f"- 10:30 {entry}"))
    assert pm.timeline[1].phase == phase
    assert utc(getattr(pm, phase)) == "2025-03-11 10:30"
    assert pm.source_lines[phase] == 6


# --- severity, title, actions, aliases ---------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "level"),
    [("## Severity\n\n**Critical** - complete outage\n", "P1"), ("Severity: Major\n", "P2"),
     ("# SEV2: CDN down\n", "P2"), ("**Sévérité** : Élevée\n", "P2"), ("Severity: Medium\n", "P3"),
     ("## Sévérité\n\nMineure, peu d'utilisateurs touchés.\n", "P3"), ("Severity: Low\n", "P4"),
     ("## Severity\n\nNone critical - a few users saw slower results.\n", None)],
)
def test_severity_stated_in_a_section_or_a_word(text, level):
    pm = read(text)
    assert pm.severity == level
    assert not [p for p in pm.problems if p.kind is ProblemKind.WRONG_VALUE]


def test_setext_headings_and_a_title_from_the_first_heading():
    pm = read("Queue backlog\n=============\n\nTimeline\n--------\n\n- 10:00 a\n- 10:20 b\n")
    assert pm.title == "Queue backlog" and pm.section("timeline") is not None and len(pm.timeline) == 2
    pm = read("## Reporting timeouts\n\n### Summary\n\nSlow.\n")
    assert pm.title == "Reporting timeouts" and pm.section("summary") is not None


def test_plain_and_numbered_action_items_with_groups():
    pm = read(
        "# X\n\n## Action items\n\n**Target: Q4 2025**\n\n- Restore retention\n- Alert at 80% (owner: build team)\n\n"
        "### Long term\n\n1. Move artifacts\n   - a detail, not an item\n"
    )
    assert [(a.text, a.owner, a.group) for a in pm.actions] == [
        ("Restore retention", None, "Target: Q4 2025"),
        ("Alert at 80%", "build team", "Target: Q4 2025"),
        ("Move artifacts", None, "Long term"),
    ]


def test_front_matter_aliases_and_a_site_alias():
    text = (
        "---\nincident_id: INC-7\nstart_time: 2024-04-09 10:12\nend_time: 2024-04-09 11:02\n"
        "affected_services: [dns]\nopened_by: ana\n---\n# X\n"
    )
    pm = read(text)
    assert (pm.id, utc(pm.started), utc(pm.resolved), pm.services) == ("INC-7", "2024-04-09 10:12", "2024-04-09 11:02", ["dns"])
    assert pm.source_keys["started"] == "start_time" and pm.source_lines["started"] == 3
    pm = read(text.replace("opened_by: ana", "opened_at: 2024-04-09 10:00").replace("start_time: 2024-04-09 10:12\n", ""),
              settings=replace(SETTINGS, field_aliases=(("opened_at", "started"),)))
    assert utc(pm.started) == "2024-04-09 10:00"


def test_the_titles_date_decides_the_order_of_the_entries_dates():
    pm = read("# 5-26-21 website outage\n\n## Timeline\n\n- 06-01-21 10:00 a\n- 06-01-21 10:30 b\n", name="x.md")
    assert times(pm)[0] == "2021-06-01 10:00"  # month first, as in the title
    assert not [p for p in pm.problems if p.kind is ProblemKind.UNCERTAIN_TIME]


def test_date_lines_and_date_headings_set_the_day_of_the_entries_below():
    pm = read("# X\n\n## Timeline\n\n- **Oct 30, 2021**\n  - 23:50 UTC alarms\n  - 23:59 UTC paged\n"
              "- **Oct 31, 2021**\n  - 00:20 UTC fixed\n", name="x.md")
    assert times(pm) == ["2021-10-30 23:50", "2021-10-30 23:59", "2021-10-31 00:20"]
    pm = read("# X\n\n## Timeline\n\n### 2018-08-22\n\n- 15:05 a\n- 23:15 b\n\n### 2018-08-23\n\n- 01:10 c\n", name="x.md")
    assert times(pm) == ["2018-08-22 15:05", "2018-08-22 23:15", "2018-08-23 01:10"]
    assert pm.timeline_date_from == "line_above"


def test_lines_without_a_time_inside_a_paragraph_timeline_continue_the_entry_above():
    pm = read("# X\n\n## Timeline\n\n16:58 UTC - db stops\n17:03 UTC - alert fires\nstill firing\n\n18:46 UTC - restored\n")
    assert [(event.line, event.text) for event in pm.timeline] == [(5, "db stops"), (6, "alert fires"), (9, "restored")]


@pytest.mark.parametrize(
    "text",
    [timeline("- 06:00 jobs start", "- 06:30 reported", above="All times XYZ."),
     timeline("| Time (XYZ) | Event |", "|---|---|", "| 06:00 | a |", "| 06:30 | b |")],
)
def test_an_unknown_abbreviation_for_the_whole_timeline_is_a_warning_too(text):
    pm = read(text)
    problems = [p for p in pm.problems if p.kind is ProblemKind.UNCERTAIN_TIME]
    assert len(problems) == 1 and "'XYZ'" in problems[0].message and "read on UTC" in problems[0].message
    assert times(pm)[0] == "2025-03-11 06:00"
