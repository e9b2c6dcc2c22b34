"""The five seed postmortems, read exactly as shipped. Every expected value
below was checked by hand against the seed's text and line numbers."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from mkdocs_postmortem.model import ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.encoding import decode
from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(default_timezone="UTC")


def seed_file(seeds_dir: Path, prefix: str) -> Path:
    (found,) = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    return found


def read_seed(seeds_dir: Path, prefix: str):
    path = seed_file(seeds_dir, prefix)
    return read_postmortem(
        path.read_bytes(), path=f"seeds/{path.name}", src_uri=f"postmortems/{path.name}", settings=SETTINGS
    )


def keyed(pm) -> list[tuple[str, int]]:
    return [(section.key, section.line) for section in pm.sections if section.key]


def problem_codes(pm) -> list[tuple[ProblemKind, int]]:
    return [(problem.kind, problem.line) for problem in pm.problems]


# --- 000: French template, emoji headings ------------------------------------


def test_seed_000_sections(seeds_dir):
    pm = read_seed(seeds_dir, "000")
    assert keyed(pm) == [
        ("dates", 7),
        ("summary", 24),
        ("impact", 32),
        ("timeline", 41),
        ("root_cause", 54),
        ("resolution", 65),  # recognised, required by no rule
        ("actions", 75),
        ("lessons", 100),
    ]
    titles = {section.title: section.key for section in pm.sections}
    assert titles["👥 Participants"] == "" and titles["✅ Résolution"] == "resolution"
    assert pm.title == "📝 Postmortem – [Nom de l’incident]"
    assert pm.field_sources["title"] == "body"
    assert pm.section("actions").end_line == 84
    assert problem_codes(pm)[0] == (ProblemKind.UNREADABLE, 1)  # no front matter


def test_seed_000_timeline_has_times_but_no_date(seeds_dir):
    pm = read_seed(seeds_dir, "000")
    assert [(e.line, e.raw_time) for e in pm.timeline] == [
        (45, "14:32"),
        (46, "14:34"),
        (47, "14:36"),
        (48, "14:42"),
        (49, "15:14"),
        (50, "15:18"),
    ]
    # "YYYY-MM-DD HH:mm" is no date: the clock times cannot be placed, said once.
    assert all(event.time is None for event in pm.timeline)
    assert (ProblemKind.UNCERTAIN_TIME, 45) in problem_codes(pm)
    assert [code for code, _ in problem_codes(pm)].count(ProblemKind.UNCERTAIN_TIME) == 1
    phases = {event.phase: event.line for event in pm.timeline if event.phase}
    assert phases == {"detected": 46, "resolved": 50}


def test_seed_000_actions_whys_and_untouched_text(seeds_dir):
    pm = read_seed(seeds_dir, "000")
    assert [(a.line, a.owner, a.due, a.status, a.status_raw) for a in pm.actions] == [
        (79, "@tech", date(2025, 6, 1), "open", "À faire"),
        (80, "@tech", date(2025, 5, 25), "done", "Fait"),
        (81, "@tech", date(2025, 6, 10), "in-progress", "En cours"),
    ]
    assert pm.actions[0].text == "Interdire les accès directs à la prod"
    assert pm.whys_line == 54
    assert [(w.line, w.question, w.answer) for w in pm.whys] == [
        (58, "Pourquoi la base a été supprimée ?", ""),
        (59, "Pourquoi le script n’a pas demandé de confirmation ?", ""),
        (60, "Pourquoi ce script de test a été exécuté en production ?", ""),
        (61, "Pourquoi la vérification d’environnement n’était pas incluse ?", ""),
    ]


def test_seed_000_is_left_byte_identical_by_the_encoding_step(seeds_dir):
    raw = seed_file(seeds_dir, "000").read_bytes()
    decoded = decode(raw)
    assert decoded.text.encode("utf-8") == raw
    assert decoded.repaired == [] and decoded.problems == []
    assert "l’incident" in decoded.text  # the curly apostrophe is kept
    assert read_seed(seeds_dir, "000").repaired == []


# --- 001: French template with court / moyen / long terme -------------------


def test_seed_001_sections(seeds_dir):
    pm = read_seed(seeds_dir, "001")
    assert keyed(pm) == [
        ("summary", 3),
        ("timeline", 10),
        ("impact", 27),  # "### Impact business", under "Description de l'incident"
        ("root_cause", 38),
        ("root_cause", 40),
        ("root_cause", 43),
        ("five_whys", 48),
        ("metrics", 70),
        ("lessons", 82),
        ("actions", 96),
        ("actions", 104),
    ]
    plan = pm.section("actions")
    assert (plan.title, plan.level, plan.end_line) == ("Plan d'action", 2, 115)
    assert pm.section("five_whys").title == 'Analyse des "5 Pourquoi"'


def test_seed_001_template_timeline(seeds_dir):
    pm = read_seed(seeds_dir, "001")
    assert [e.line for e in pm.timeline] == list(range(14, 21))
    assert all(e.raw_time == "HH:MM" and e.time is None for e in pm.timeline)
    assert problem_codes(pm)[1:] == [(ProblemKind.UNCERTAIN_TIME, line) for line in range(14, 21)]
    assert pm.timeline[0].text == "Début de l'incident"
    assert pm.timeline[0].columns == {"Action": "Description"}
    assert pm.timeline[1].columns == {"Action": "Notification reçue", "Responsable": "[Nom]"}
    phases = {event.phase: event.line for event in pm.timeline if event.phase}
    assert phases == {"started": 14, "detected": 15, "mitigated": 18, "resolved": 19}


def test_seed_001_action_plan_by_term(seeds_dir):
    pm = read_seed(seeds_dir, "001")
    assert [(a.line, a.text, a.group, a.status, a.status_raw) for a in pm.actions] == [
        (101, "Action 1", "Actions immédiates (Court terme)", "open", "To Do"),
        (102, "Action 2", "Actions immédiates (Court terme)", "in-progress", "In Progress"),
        (107, "Amélioration monitoring", "Actions préventives (Moyen terme)", "open", "To Do"),
        (108, "Mise à jour procédures", "Actions préventives (Moyen terme)", "open", "To Do"),
        (113, "Refactoring architecture", "Actions stratégiques (Long terme)", "open", "Planning"),
        (114, "Migration service", "Actions stratégiques (Long terme)", "open", "Planning"),
    ]
    # Placeholders stay as written, for the rules to report; they are not unreadable dates.
    assert {(a.owner, a.due, a.due_raw) for a in pm.actions} == {("[Nom]", None, "[Date]")}
    assert "PM303" not in {d.code for d in check_postmortem(pm, SETTINGS)}
    # The "Documents mis à jour" and "Validation" checklists are not action items.
    assert all(a.source == "table" for a in pm.actions)


def test_seed_001_five_whys_one_line_each(seeds_dir):
    pm = read_seed(seeds_dir, "001")
    assert pm.whys_line == 48
    assert [(w.line, w.question, w.answer) for w in pm.whys] == [
        (49, "Pourquoi l'incident s'est produit?", "[Réponse]"),
        (50, "Pourquoi [réponse 1]?", "[Réponse]"),
        (51, "Pourquoi [réponse 2]?", "[Réponse]"),
        (52, "Pourquoi [réponse 3]?", "[Réponse]"),
        (53, "Pourquoi [réponse 4]?", "[Cause racine]"),
    ]


def test_seed_001_states_nothing_readable(seeds_dir):
    pm = read_seed(seeds_dir, "001")
    # "[YYYY-MM-DD HH:MM]", "[X heures Y minutes]", "Critique | Majeur | Mineur": template choices.
    assert pm.stated == {}
    assert pm.severity is None and pm.started is None


# --- 002: the specification with its worked example in a fence -------------


def test_seed_002_is_repaired(seeds_dir):
    raw = seed_file(seeds_dir, "002").read_bytes()
    assert "R√©sum√©".encode() in raw
    pm = read_seed(seeds_dir, "002")
    assert pm.repaired
    assert "Résumé" in pm.text and "R√©sum√©" not in pm.text
    assert (39, "- [ ] **R√©sum√© ex√©cutif** - TL;DR de l'incident",
            "- [ ] **Résumé exécutif** - TL;DR de l'incident") in pm.repaired
    assert pm.repaired[0][0] == 24  # the first repaired line: where the rules' PM104 points
    assert ProblemKind.NOT_UTF8 not in {code for code, _ in problem_codes(pm)}  # a fact here, a verdict in the rules
    assert len(pm.text.split("\n")) == len(raw.decode("utf-8").split("\n"))


def test_seed_002_reads_the_worked_example(seeds_dir):
    pm = read_seed(seeds_dir, "002")
    assert pm.title == "Post-Mortem : Indisponibilité Checkout"
    assert pm.body_line == 82  # the line after "```markdown"
    assert keyed(pm) == [
        ("summary", 87),
        ("timeline", 101),
        ("impact", 135),
        ("metrics", 137),
        ("root_cause", 160),
        ("five_whys", 165),
        ("root_cause", 206),
        ("actions", 217),
        ("lessons", 254),
    ]
    assert pm.section("actions").end_line == 253
    assert pm.section("summary").title == "📋 Résumé Exécutif"
    # The file's own front matter still counts: its `status: active` is not a document status.
    assert pm.id == "post-mortem"
    assert (ProblemKind.WRONG_VALUE, 6) in problem_codes(pm)


def test_seed_002_timeline(seeds_dir):
    pm = read_seed(seeds_dir, "002")
    assert len(pm.timeline) == 12
    assert [e.line for e in pm.timeline] == list(range(107, 119))
    utc = timezone.utc
    assert pm.timeline[0].time == datetime(2024, 2, 15, 14, 23, tzinfo=utc)
    assert pm.timeline[-1].time == datetime(2024, 2, 15, 15, 30, tzinfo=utc)
    assert [e.time.strftime("%H:%M") for e in pm.timeline] == [
        "14:23", "14:35", "14:38", "14:42", "14:45", "14:52",
        "14:58", "15:02", "15:05", "15:10", "15:15", "15:30",
    ]
    assert all(e.time.utcoffset().total_seconds() == 0 for e in pm.timeline)
    assert pm.timeline[0].raw_time == "**14:23**"
    assert pm.timeline[10].text == "Incident déclaré résolu" and pm.timeline[10].phase == "resolved"
    assert pm.resolved == datetime(2024, 2, 15, 15, 15, tzinfo=utc)
    assert pm.field_sources["resolved"] == "body"
    assert ProblemKind.UNCERTAIN_TIME not in {code for code, _ in problem_codes(pm)}


def test_seed_002_stated_facts(seeds_dir):
    pm = read_seed(seeds_dir, "002")
    stated = {key: (fact.value, fact.raw, fact.line) for key, fact in pm.stated.items()}
    assert stated["duration"] == (47.0, "47 minutes", 92)
    assert stated["ttd"] == (12.0, "12 minutes", 142)
    assert stated["ttr"] == (35.0, "35 minutes", 143)
    assert stated["date"] == (date(2024, 2, 15), "15 février 2024", 91)
    assert stated["severity"] == ("P1", "P1", 93)
    assert pm.severity == "P1" and pm.field_sources["severity"] == "body"


def test_seed_002_five_whys_from_the_fenced_block(seeds_dir):
    pm = read_seed(seeds_dir, "002")
    assert pm.whys_line == 165
    assert [(w.line, w.question, w.answer) for w in pm.whys] == [
        (168, "Pourquoi le checkout était bloqué ?", "Les webhooks Stripe retournaient 401"),
        (171, "Pourquoi les webhooks retournaient 401 ?", "Le signing secret était invalide"),
        (174, "Pourquoi le signing secret était invalide ?",
         "Il avait expiré (rotation automatique Stripe après 90 jours)"),
        (177, "Pourquoi l'expiration n'a pas été anticipée ?", "Aucun rappel/monitoring n'était en place"),
        (180, "Pourquoi aucun monitoring n'était en place ?",
         "Le risque d'expiration n'avait pas été identifié lors du setup initial"),
    ]


def test_seed_002_action_items(seeds_dir):
    pm = read_seed(seeds_dir, "002")
    owned = [a for a in pm.actions if a.owner]
    backlog = [a for a in pm.actions if not a.owner]
    assert len(owned) == 11
    groups = [a.group for a in owned]
    assert groups.count("Immédiat (fait)") == 4
    assert groups.count("Court terme (< 2 semaines)") == 4
    assert groups.count("Moyen terme (< 1 mois)") == 3
    assert [(a.line, a.text, a.group) for a in backlog] == [
        (249, "Chaos engineering", "Long terme (backlog)"),
        (250, "Runbook webhooks", "Long terme (backlog)"),
    ]
    first_short = next(a for a in pm.actions if a.line == 232)
    assert (first_short.text, first_short.owner, first_short.due, first_short.due_raw) == (
        "Ajouter monitoring webhook success rate", "Antoine", date(2024, 2, 22), "22/02",
    )
    assert (first_short.status, first_short.status_raw) == ("in-progress", "🔄 En cours")
    assert [(a.line, a.due) for a in pm.actions if a.due] == [
        (232, date(2024, 2, 22)),
        (233, date(2024, 2, 22)),
        (234, date(2024, 2, 20)),
        (235, date(2024, 2, 18)),
        (241, date(2024, 3, 1)),
        (242, date(2024, 3, 15)),
        (243, date(2024, 3, 1)),
    ]
    assert [a.status for a in pm.actions if a.group == "Immédiat (fait)"] == ["done"] * 4
    assert {a.owner for a in owned} == {"Thomas", "Support", "Marie", "Antoine", "Lucas"}


# --- 003: English template ---------------------------------------------------


def test_seed_003_sections_and_timeline(seeds_dir):
    pm = read_seed(seeds_dir, "003")
    assert keyed(pm) == [
        ("summary", 3),
        ("summary", 11),
        ("impact", 16),
        ("timeline", 22),
        ("root_cause", 35),
        ("resolution", 46),
        ("lessons", 59),
        ("actions", 74),
        ("actions", 82),
        ("metrics", 96),
    ]
    assert pm.section("root_cause").has_content is False  # only "[...]" placeholders under it
    assert pm.section("lessons").has_content is True
    assert [(e.line, e.text) for e in pm.timeline][:3] == [
        (26, "Incident began"), (27, "First detection"), (28, "Team notified"),
    ]
    assert [code for code, _ in problem_codes(pm)] == [ProblemKind.UNREADABLE] + [ProblemKind.UNCERTAIN_TIME] * 8
    phases = {event.phase: event.line for event in pm.timeline if event.phase}
    assert phases == {"started": 26, "detected": 27, "acknowledged": 28, "mitigated": 31, "resolved": 32}


def test_seed_003_action_table_and_prevention_checklists(seeds_dir):
    pm = read_seed(seeds_dir, "003")
    table = [a for a in pm.actions if a.source == "table"]
    checklist = [a for a in pm.actions if a.source == "checklist"]
    assert [(a.line, a.priority, a.text, a.owner, a.due_raw, a.status) for a in table] == [
        (78, "High", "[Action 1]", "[Name]", "[Date]", "open"),
        (79, "Medium", "[Action 2]", "[Name]", "[Date]", "open"),
        (80, "Low", "[Action 3]", "[Name]", "[Date]", "open"),
    ]
    assert [(a.line, a.group) for a in checklist] == [
        (85, "Short-term (This Week)"),
        (86, "Short-term (This Week)"),
        (89, "Medium-term (This Month)"),
        (90, "Medium-term (This Month)"),
        (93, "Long-term (This Quarter)"),
        (94, "Long-term (This Quarter)"),
    ]
    assert checklist[0].text == "[Immediate fix 1]" and checklist[0].owner is None
    assert pm.whys == [] and pm.whys_line == 35  # "Why Did It Happen?" headings are not a 5 Whys


# --- 004: English template with checklists -----------------------------------


def test_seed_004_sections_timeline_and_phases(seeds_dir):
    pm = read_seed(seeds_dir, "004")
    assert keyed(pm) == [
        ("summary", 3),
        ("timeline", 11),
        ("root_cause", 24),
        ("impact", 39),
        ("impact", 46),
        ("actions", 71),
        ("lessons", 88),
        ("lessons", 90),
        ("prevention", 103),  # not an action section: the file has one
        ("prevention", 105),
    ]
    assert [(e.line, e.raw_time) for e in pm.timeline] == [
        (15, "10:00"), (16, "10:15"), (17, "10:20"), (18, "10:30"),
        (19, "11:00"), (20, "11:30"), (21, "12:00"), (22, "12:30"),
    ]
    phases = {event.phase: event.line for event in pm.timeline if event.phase}
    assert phases == {"detected": 16, "acknowledged": 17, "mitigated": 20, "resolved": 21}
    assert problem_codes(pm) == [(ProblemKind.UNREADABLE, 1), (ProblemKind.UNCERTAIN_TIME, 15)]  # "[Date of incident]" gives no date


def test_seed_004_checklists_with_owners(seeds_dir):
    pm = read_seed(seeds_dir, "004")
    assert len(pm.actions) == 9
    assert [a.text for a in pm.actions[:3]] == ["Fix the root cause", "Update monitoring", "Document procedure"]
    assert {a.owner for a in pm.actions} == {"[Name]"}
    assert {a.source for a in pm.actions} == {"checklist"}
    assert [a.group for a in pm.actions[::3]] == [
        "Immediate (Complete within 1 week)",
        "Short-term (Complete within 1 month)",
        "Long-term (Complete within 3 months)",
    ]
    assert pm.severity is None  # "P1/P2/P3" is the template's choice, not a level


def test_seed_004_with_a_start_in_front_matter_places_the_times(seeds_dir):
    text = seed_file(seeds_dir, "004").read_text(encoding="utf-8")
    front = "---\ntitle: Login outage\nstarted: 2026-03-04 10:00\ntimezone: Europe/Paris\n---\n"
    pm = read_postmortem(front + text, path="x.md", src_uri="postmortems/x.md", settings=SETTINGS)
    assert [e.line for e in pm.timeline][:1] == [20]  # five front matter lines shift the body
    assert pm.timeline[0].time.isoformat() == "2026-03-04T10:00:00+01:00"
    assert pm.timeline[-1].time.isoformat() == "2026-03-04T12:30:00+01:00"
    assert pm.detected.isoformat() == "2026-03-04T10:15:00+01:00"
    assert pm.field_sources["detected"] == "body" and pm.field_sources["started"] == "front-matter"
    assert pm.resolved.isoformat() == "2026-03-04T12:00:00+01:00"
    assert ProblemKind.UNCERTAIN_TIME not in {p.kind for p in pm.problems}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_reads_from_text_as_from_bytes(seeds_dir, prefix):
    path = seed_file(seeds_dir, prefix)
    from_bytes = read_seed(seeds_dir, prefix)
    from_text = read_postmortem(
        path.read_text(encoding="utf-8"), path=f"seeds/{path.name}", src_uri=f"postmortems/{path.name}",
        settings=SETTINGS,
    )
    assert from_text == from_bytes
