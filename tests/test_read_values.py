"""Values as authors write them, and the body forms the reader understands,
each checked on a small postmortem written for the test."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mkdocs_postmortem.model import ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.headings import heading_key
from mkdocs_postmortem.read.values import (
    read_action_status,
    read_clock,
    read_document_status,
    read_duration,
    read_moment,
    read_severity,
)
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(default_timezone="UTC")
PARIS = ZoneInfo("Europe/Paris")
UTC = timezone.utc


def read(text: str, settings: Settings = SETTINGS):
    return read_postmortem(text, path="docs/postmortems/x.md", src_uri="postmortems/x.md", settings=settings)


def codes(pm) -> list[tuple[ProblemKind, int]]:
    return [(problem.kind, problem.line) for problem in pm.problems]


# --- single values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("47 minutes", 47),
        ("1h30", 90),
        ("1 h 30", 90),
        ("2 heures 15 minutes", 135),
        ("1 heure 20 minutes", 80),
        ("2 hours and 5 minutes", 125),
        ("~45 min", 45),
        ("1:20", 80),
        ("1,5 heures", 90),
        ("2 jours", 2880),
        ("35 minutes (from detection)", 35),
        ("[X heures Y minutes]", None),
        ("XX minutes", None),
        ("47", None),
        ("a while", None),
    ],
)
def test_durations(text, minutes):
    assert read_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04", date(2026, 3, 4)),
        ("15 février 2024", date(2024, 2, 15)),
        ("1er mars 2026", date(2026, 3, 1)),
        ("15 mars 2026", date(2026, 3, 15)),
        ("March 15, 2026", date(2026, 3, 15)),
        ("01/03/2026", date(2026, 3, 1)),
        ("16.02.2024", date(2024, 2, 16)),
        ("lundi 2 mars 2026", date(2026, 3, 2)),
        ("2026-02-30", None),
        ("31/04/2026", None),
        ("[Date]", None),
        ("YYYY-MM-DD", None),
        ("next week", None),
    ],
)
def test_dates(text, expected):
    moment = read_moment(text)
    assert (moment.day if moment else None) == expected


def test_day_month_takes_the_incident_year_and_rolls_forward():
    incident = date(2025, 12, 20)
    assert read_moment("22/12", incident).day == date(2025, 12, 22)
    assert read_moment("05/01", incident).day == date(2026, 1, 5)  # earlier than the incident: next year
    assert read_moment("22/02") is None  # no incident date, no year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04 14:23", datetime(2026, 3, 4, 14, 23, tzinfo=PARIS)),
        ("2026-03-04T14:23:00+01:00", datetime(2026, 3, 4, 13, 23, tzinfo=UTC)),
        ("2026-03-04 14:23 UTC", datetime(2026, 3, 4, 14, 23, tzinfo=UTC)),
        ("04/03/2026 14h23", datetime(2026, 3, 4, 14, 23, tzinfo=PARIS)),
        ("4 mars 2026 à 14h23", datetime(2026, 3, 4, 14, 23, tzinfo=PARIS)),
    ],
)
def test_datetimes_are_aware_and_right(text, expected):
    assert read_moment(text).at(PARIS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:23", time(14, 23)),
        ("**14:23**", time(14, 23)),
        ("14h32", time(14, 32)),
        ("14h", time(14, 0)),
        ("2:05 pm", time(14, 5)),
        ("14:23:09", time(14, 23, 9)),
        ("HH:MM", None),
        ("25:00", None),
        ("14", None),
    ],
)
def test_clock_times(text, expected):
    found = read_clock(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("P1", "P1"), ("p2", "P2"), ("SEV-1", "P1"), ("Sev 3", "P3"), ("Critique", "P1"),
        ("critical", "P1"), ("Majeur", "P2"), ("High", "P2"), ("mineur", "P3"), ("Faible", "P4"),
        ("P2 (Major)", "P2"), ("P1/P2/P3", None), ("[Low/Medium/High/Critical]", None),
        ("Critique | Majeur | Mineur", None), ("P9", None),
    ],
)
def test_severities(text, level):
    assert read_severity(text, SETTINGS) == level


def test_severity_levels_and_aliases_come_from_settings():
    settings = Settings(severities=("S1", "S2"), severity_aliases={"urgent": "S1"})
    assert read_severity("urgent", settings) == "S1"
    assert read_severity("s2", settings) == "S2"
    assert read_severity("P1", settings) is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("✅ Fait", "done"), ("🔄 En cours", "in-progress"), ("⏳ À faire", "open"), ("To Do", "open"),
        ("Pending", "open"), ("Planning", "open"), ("In Progress", "in-progress"), ("Done", "done"),
        ("Closed", "done"), ("Terminé", "done"), ("Won't do", "wont-do"), ("Abandonné", "wont-do"),
        ("Blocked", None),
    ],
)
def test_action_statuses(text, status):
    assert read_action_status(text) == status


@pytest.mark.parametrize(
    ("text", "status"),
    [("brouillon", "draft"), ("En révision", "in-review"), ("Approuvé", "approved"), ("Clos", "closed"),
     ("draft", "draft"), ("in-review", "in-review"), ("Draft | En révision", None), ("active", None)],
)
def test_document_statuses(text, status):
    assert read_document_status(text) == status


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("📖 Résumé de l'incident", "summary"),
        ("Incident Details", "summary"),
        ("Incident Overview", "summary"),
        ("TL;DR", "summary"),
        ("Résumé exécutif", "summary"),
        ("🔍 Ligne du temps (Timeline)", "timeline"),
        ("Timeline de l'incident", "timeline"),
        ("Chronologie", "timeline"),
        ("Analyse des causes", "root_cause"),
        ("🧠 Causes racines (Root Cause Analysis)", "root_cause"),
        ('Analyse des "5 Pourquoi"', "five_whys"),
        ("5 Whys", "five_whys"),
        ("✅ Actions Correctives", "actions"),
        ("🛡️ Actions préventives (Follow-up / Prevention)", "actions"),
        ("Plan d'action", "actions"),
        ("Prevention Measures", "actions"),
        ("🧪 REX / Leçons apprises", "lessons"),
        ("📚 Lessons Learned", "lessons"),
        ("Key Takeaways", "lessons"),
        ("Impact Analysis", "impact"),
        ("Impact business", "impact"),
        ("💥 Impact", "impact"),
        ("Métriques de l'incident", "metrics"),
        ("📅 Date & Heure de l’incident", "dates"),
        ("2. Timeline", "timeline"),
        ("RÉSUMÉ EXÉCUTIF", "summary"),
        ("Participants", ""),
        ("Annexes", ""),
        ("Why Did It Happen?", ""),
    ],
)
def test_heading_keys(heading, key):
    assert heading_key(heading) == key


# --- timelines -------------------------------------------------------------------


def timeline_doc(front: str, rows: str, above: str = "", header: str = "| Time | Event |") -> str:
    return f"---\ntitle: t\n{front}---\n\n## Timeline\n\n{above}{header}\n|---|---|\n{rows}"


def test_dst_change_in_paris_gives_right_utc_instants():
    # 2026-03-29: Paris clocks jump from 02:00 CET to 03:00 CEST.
    rows = "| 01:30 | **OUTAGE BEGINS** |\n| 01:50 | First alert |\n| 03:10 | Fix deployed |\n| 03:40 | **OUTAGE ENDS** |\n"
    pm = read(timeline_doc("timezone: Europe/Paris\nstarted: 2026-03-29 01:30\n", rows))
    assert pm.problems == []
    assert [e.time.astimezone(UTC).strftime("%H:%M") for e in pm.timeline] == ["00:30", "00:50", "01:10", "01:40"]
    assert [e.time.utcoffset() for e in pm.timeline] == [timedelta(hours=1)] * 2 + [timedelta(hours=2)] * 2
    # Same-zone datetimes subtract as wall clocks in Python: compare instants in UTC.
    assert pm.resolved.astimezone(UTC) - pm.started.astimezone(UTC) == timedelta(minutes=70)  # not 130
    assert pm.mitigated.astimezone(UTC) - pm.detected.astimezone(UTC) == timedelta(minutes=20)
    assert [e.phase for e in pm.timeline] == ["started", "detected", "mitigated", "resolved"]
    assert pm.field_sources["started"] == "front-matter" and pm.field_sources["resolved"] == "body"


def test_front_matter_phase_times_across_dst():
    pm = read("---\ntimezone: Europe/Paris\nstarted: 2026-03-29 01:45\nresolved: 2026-03-29 03:15\n---\n")
    assert pm.started.isoformat() == "2026-03-29T01:45:00+01:00"
    assert pm.resolved.isoformat() == "2026-03-29T03:15:00+02:00"
    assert pm.resolved.astimezone(UTC) - pm.started.astimezone(UTC) == timedelta(minutes=30)


def test_clock_times_roll_over_midnight():
    rows = "| 23:40 | Incident began |\n| 23:55 | First alert |\n| 00:20 | Fix deployed |\n| 01:05 | Service restored |\n"
    pm = read(timeline_doc("started: 2026-12-31 23:40\n", rows))
    assert pm.problems == []
    assert [e.time.isoformat() for e in pm.timeline] == [
        "2026-12-31T23:40:00+00:00",
        "2026-12-31T23:55:00+00:00",
        "2027-01-01T00:20:00+00:00",
        "2027-01-01T01:05:00+00:00",
    ]


def test_first_row_after_midnight_follows_a_start_before_it():
    pm = read(timeline_doc("started: 2026-03-04 23:50\n", "| 00:05 | First alert |\n| 00:40 | Service restored |\n"))
    assert [e.time.isoformat() for e in pm.timeline] == ["2026-03-05T00:05:00+00:00", "2026-03-05T00:40:00+00:00"]
    assert pm.problems == []


def test_zone_from_the_time_column_header():
    rows = "| 14h32 | Début de l'incident |\n| 14:50 | Service rétabli |\n"
    pm = read(timeline_doc("", rows, above="**Date** : 2026-05-10\n\n", header="| Heure (UTC+2) | Événement |"))
    assert pm.timeline[0].time == datetime(2026, 5, 10, 12, 32, tzinfo=UTC)
    assert pm.timeline[0].time.utcoffset() == timedelta(hours=2)
    assert pm.started == pm.timeline[0].time and pm.resolved == pm.timeline[1].time
    assert pm.timezone == "UTC+02:00" and pm.field_sources["timezone"] == "body"


def test_zone_from_an_all_times_line_and_date_line_above_the_table():
    above = "*All times in Europe/Paris*\n\n**2026-07-01**\n\n"
    pm = read(timeline_doc("", "| 09:00 | Incident began |\n", above=above))
    assert pm.timeline[0].time.isoformat() == "2026-07-01T09:00:00+02:00"


def test_the_table_clock_wins_for_its_rows_and_the_front_matter_zone_stays():
    # The line above the table says which clock its rows use; the postmortem's
    # own zone (for charts and dates) is still the front matter's.
    above = "*Toutes les heures en UTC*\n\n"
    pm = read(timeline_doc("timezone: Asia/Tokyo\nstarted: 2026-07-01 09:00\n", "| 09:00 | x |\n", above=above))
    assert pm.timeline[0].time.isoformat() == "2026-07-01T09:00:00+00:00"
    assert pm.timezone == "Asia/Tokyo"


def test_full_timestamps_and_offsets():
    rows = (
        "| 2026-03-04 23:50 | Incident began |\n"
        "| 2026-03-05T00:10:00+01:00 | First alert |\n"  # 23:10 UTC: earlier than the row above
        "| 2026-03-05 01:00 | Service restored |\n"
    )
    pm = read(timeline_doc("", rows, header="| Timestamp | Description |"))
    assert [e.time.isoformat() for e in pm.timeline] == [
        "2026-03-04T23:50:00+00:00",
        "2026-03-04T23:10:00+00:00",
        "2026-03-05T01:00:00+00:00",
    ]
    assert codes(pm) == [(ProblemKind.UNCERTAIN_TIME, 10)]  # a full timestamp never rolls: it is out of order


def test_small_step_back_is_out_of_order_not_a_new_day():
    pm = read(timeline_doc("started: 2026-03-04 14:00\n", "| 14:00 | a |\n| 13:50 | b |\n| 14:10 | c |\n"))
    assert codes(pm) == [(ProblemKind.UNCERTAIN_TIME, 11)]
    assert pm.timeline[1].time.date() == date(2026, 3, 4)


def test_google_sre_phase_markers_fill_missing_phases_only():
    rows = (
        "| 14:00 | **INCIDENT BEGINS** |\n| 14:10 | **OUTAGE BEGINS** |\n"
        "| 14:40 | **OUTAGE MITIGATED** |\n| 15:00 | **OUTAGE ENDS** |\n"
    )
    pm = read(timeline_doc("started: 2026-03-04 13:55\n", rows))
    assert pm.started.strftime("%H:%M") == "13:55"  # front matter wins
    assert pm.mitigated.strftime("%H:%M") == "14:40" and pm.resolved.strftime("%H:%M") == "15:00"
    assert [e.phase for e in pm.timeline] == ["started", None, "mitigated", "resolved"]


def test_front_matter_timeline_list():
    text = (
        "---\ntimezone: Europe/Paris\nstarted: 2026-03-04 14:00\ntimeline:\n"
        "  - {time: '14:00', event: Incident began}\n  - time: 14:20\n    event: Service restored\n"
        "  - 7\n---\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:00 | ignored |\n"
    )
    pm = read(text)
    assert [(e.line, e.raw_time, e.text) for e in pm.timeline] == [
        (5, "14:00", "Incident began"),
        (6, "14:20", "Service restored"),
    ]
    assert pm.timeline[1].time.isoformat() == "2026-03-04T14:20:00+01:00"
    assert codes(pm) == [(ProblemKind.WRONG_VALUE, 8)]


# --- action items ----------------------------------------------------------------


def test_checklists_with_owner_and_due_in_english_and_french():
    text = (
        "---\nstarted: 2026-02-20 10:00\n---\n\n## Action items\n\n"
        "- [ ] Improve alerting - Owner: Ana - Due: 2026-03-01\n"
        "- [x] Rotate the key - Owner: Bo\n"
        "- [ ] Documenter la rotation - Responsable : Chloé - Échéance : 15 mars 2026\n"
        "- [ ] Ajouter un test - **Responsable**: Dan - **Échéance**: 22/02 - Statut: en cours\n"
        "- Plain idea without owner\n"
        "- Plain line - Owner: Eve\n"
    )
    pm = read(text)
    assert [(a.line, a.text, a.owner, a.due, a.status, a.source) for a in pm.actions] == [
        (7, "Improve alerting", "Ana", date(2026, 3, 1), "open", "checklist"),
        (8, "Rotate the key", "Bo", None, "done", "checklist"),
        (9, "Documenter la rotation", "Chloé", date(2026, 3, 15), "open", "checklist"),
        (10, "Ajouter un test", "Dan", date(2026, 2, 22), "in-progress", "checklist"),
        (11, "Plain idea without owner", None, None, "open", "checklist"),  # still an action item
        (12, "Plain line", "Eve", None, "open", "checklist"),
    ]
    assert pm.actions[3].due_raw == "22/02"
    assert pm.problems == []


def test_action_table_columns_in_french_with_priority_and_number():
    text = (
        "---\nstarted: 2025-12-20 10:00\n---\n\n## Plan d'action\n\n### Court terme\n\n"
        "| # | Tâche | Priorité | Responsable | Échéance | État |\n|---|---|---|---|---|---|\n"
        "| 1 | Alerte disque | Haute | Ana | 05/01 | Abandonné |\n"
        "| 2 | Runbook | Basse | - | 2026-01-10 | Terminé |\n"
    )
    pm = read(text)
    assert [(a.line, a.text, a.priority, a.owner, a.due, a.status, a.status_raw, a.group) for a in pm.actions] == [
        (11, "Alerte disque", "Haute", "Ana", date(2026, 1, 5), "wont-do", "Abandonné", "Court terme"),
        (12, "Runbook", "Basse", None, date(2026, 1, 10), "done", "Terminé", "Court terme"),
    ]


def test_front_matter_actions_replace_the_body():
    text = (
        "---\nstarted: 2026-03-04 10:00\nactions:\n"
        "  - {action: Add alert, owner: Ana, due: 2026-03-20, status: done}\n"
        "  - text: Write runbook\n    owner: Bo\n    due: 22/03\n"
        "  - 42\n---\n\n## Action items\n\n- [ ] Body item - Owner: Zed\n"
    )
    pm = read(text)
    assert [(a.line, a.text, a.owner, a.due, a.status, a.source) for a in pm.actions] == [
        (4, "Add alert", "Ana", date(2026, 3, 20), "done", "front-matter"),
        (5, "Write runbook", "Bo", date(2026, 3, 22), "open", "front-matter"),
    ]
    assert codes(pm) == [(ProblemKind.WRONG_VALUE, 8)]


# --- 5 Whys ---------------------------------------------------------------------


def test_bold_why_questions_with_answers_on_the_next_line():
    text = (
        "## Root cause\n\n**Pourquoi le site était lent ?**\nLa base saturait.\n\n"
        "**Pourquoi la base saturait ?** Un index manquait.\n\n"
        "Some prose after.\n"
    )
    pm = read(text)
    assert [(w.line, w.question, w.answer) for w in pm.whys] == [
        (3, "Pourquoi le site était lent ?", "La base saturait."),
        (6, "Pourquoi la base saturait ?", "Un index manquait."),
    ]
    assert pm.whys_line == 1


def test_why_list_with_nested_answers_and_front_matter_whys():
    body = "## 5 Whys\n\n1. Why did checkout fail?\n   - The webhook returned 401\n2. Why 401?\n   - The secret expired\n"
    pm = read(body)
    assert [(w.question, w.answer) for w in pm.whys] == [
        ("Why did checkout fail?", "The webhook returned 401"),
        ("Why 401?", "The secret expired"),
    ]
    front = "---\nfive_whys:\n  - {why: Why down?, because: Disk full}\n  - Why full? Logs grew\n---\n" + body
    pm = read(front)
    assert [(w.line, w.question, w.answer) for w in pm.whys] == [
        (3, "Why down?", "Disk full"),
        (4, "Why full?", "Logs grew"),
    ]
    assert pm.whys_line == 2


# --- body facts -------------------------------------------------------------------


def test_facts_from_summary_lines_metrics_and_attribute_tables():
    text = (
        "---\nseverity: P3\ntimezone: Europe/Paris\n---\n\n## Résumé exécutif\n\n"
        "- **Date de début :** 2025-05-10 14:32\n"
        "- **Date de fin :** 2025-05-10 15:52\n"
        "**Durée**: 1 heure 20 minutes\n\n"
        "| Attribut | Valeur |\n|---|---|\n| **Sévérité** | P1 |\n| **Services affectés** | api, checkout et search |\n\n"
        "## Metrics\n\n- **MTTD** (Mean Time To Detect): 5 minutes\n- Time to Resolution: 2h\n\n"
        "| Métrique | Valeur |\n|---|---|\n| Temps de prise en compte (TTA) | 3 minutes |\n\n"
        "## Sign-off\n\n**Date**: 2026-01-01\n"
    )
    pm = read(text)
    stated = {key: (fact.value, fact.line) for key, fact in pm.stated.items()}
    assert stated == {
        "started": (datetime(2025, 5, 10, 14, 32, tzinfo=PARIS), 8),
        "resolved": (datetime(2025, 5, 10, 15, 52, tzinfo=PARIS), 9),
        "duration": (80.0, 10),
        "severity": ("P1", 14),
        "services": (["api", "checkout", "search"], 15),
        "ttd": (5.0, 19),
        "ttr": (120.0, 20),
        "tta": (3.0, 24),
    }  # the sign-off date is about the document, not the incident
    assert pm.severity == "P3" and pm.field_sources["severity"] == "front-matter"  # front matter wins
    assert pm.started == datetime(2025, 5, 10, 14, 32, tzinfo=PARIS) and pm.field_sources["started"] == "body"
    assert pm.services == ["api", "checkout", "search"] and pm.field_sources["services"] == "body"


# --- front matter --------------------------------------------------------------


def test_front_matter_fields_lines_unknown_fields_and_ignore():
    text = (
        "---\ntitle: Queue backlog\nid: INC-42\nseverity: majeur\nstatus: en révision\n"
        "services: push, email\nauthors: Ana\nreviewers: [Bo, Cy]\nrelated: [INC-7]\n"
        "published: 2026-03-06\nimpact: {users: 1200, data_loss: false}\n"
        "runbook_url: https://example.org/rb\npostmortem:\n  ignore: [pm201, PM302]\n---\n"
    )
    pm = read(text)
    assert pm.problems == []
    assert (pm.title, pm.id, pm.severity, pm.status) == ("Queue backlog", "INC-42", "P2", "in-review")
    assert pm.services == ["push", "email"] and pm.authors == ["Ana"] and pm.reviewers == ["Bo", "Cy"]
    assert pm.related == ["INC-7"] and pm.published == date(2026, 3, 6)
    assert pm.impact == {"users": 1200, "data_loss": False}
    assert pm.ignore == ["PM201", "PM302"]
    assert pm.front_matter["runbook_url"] == "https://example.org/rb"  # unknown fields are kept
    assert pm.field_lines == {
        "title": 2, "id": 3, "severity": 4, "status": 5, "services": 6, "authors": 7, "reviewers": 8,
        "related": 9, "published": 10, "impact": 11, "runbook_url": 12, "postmortem": 13,
    }
    assert pm.field_sources["severity"] == "front-matter" and pm.body_line == 16


def test_id_defaults_to_the_file_slug_and_yaml_datetimes_are_used():
    pm = read_postmortem(
        "---\nstarted: 2026-03-04T14:05:00+01:00\ndetected: 2026-03-04 14:10:00\n---\n",
        path="docs/postmortems/2026/2026-03-04-dns.md",
        src_uri="postmortems/2026/2026-03-04-dns.md",
        settings=Settings(default_timezone="Europe/Paris"),
    )
    assert pm.id == "2026-03-04-dns" and pm.field_sources["id"] == "default"
    assert pm.started == datetime(2026, 3, 4, 13, 5, tzinfo=UTC)
    assert pm.detected == datetime(2026, 3, 4, 14, 10, tzinfo=PARIS)  # no offset: the default zone
    assert pm.timezone == "Europe/Paris"


# --- structure ----------------------------------------------------------------------


def test_sections_sub_sections_and_content():
    text = (
        "# Postmortem: DNS\n\n## Summary\n\n[Short summary]\n\n## Plan d'action\n\n### Court terme\n\n"
        "| Action | Owner |\n|---|---|\n| Fix | Ana |\n\n### Long terme (backlog)\n\n---\n\n## Lessons learned\n\nA lot.\n"
    )
    pm = read(text)
    assert pm.title == "Postmortem: DNS" and pm.field_sources["title"] == "body"
    assert [(s.key, s.title, s.level, s.line, s.end_line, s.has_content) for s in pm.sections] == [
        ("summary", "Summary", 2, 3, 6, False),  # a bracketed placeholder only
        ("actions", "Plan d'action", 2, 7, 18, True),
        ("", "Court terme", 3, 9, 14, True),
        ("", "Long terme (backlog)", 3, 15, 18, False),  # a thematic break is not content
        ("lessons", "Lessons learned", 2, 19, 22, True),
    ]


def test_level_one_headings_can_be_the_sections():
    pm = read("# Summary\n\nText.\n\n# Timeline\n\nNothing yet.\n")
    assert (pm.title, pm.field_sources["title"]) == ("X", "file_name")  # no H1 that names the incident
    assert [(s.key, s.line, s.end_line) for s in pm.sections] == [("summary", 1, 4), ("timeline", 5, 8)]
