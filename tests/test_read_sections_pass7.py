"""The seventh pass on sections and action items (issue 22), each class on small
postmortems of our own in English and French, none a file of the corpus: a
heading that only says it describes the incident is its summary; the fault is
the cause; what we change (or changed) and the countermeasures are the action
items; items enumerated by letters in paragraphs ("a) ...", "(b) ...") are items;
and a section cued as lessons that holds only instructions, in a document naming
no action items, is the work to do."""

from __future__ import annotations

from datetime import date

import pytest
from reading_helpers import read

from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.settings import Settings

RULES = Settings(default_timezone="UTC", build_date=date(2026, 12, 1))


def missing_sections(pm) -> list[str]:
    return sorted(d.message.split('"')[1] for d in check_postmortem(pm, RULES) if d.code == "PM101")


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


# --- a heading that only says it describes the incident -----------------------------------

@pytest.mark.parametrize("heading", ["## Description", "### Description", "## Descriptif",
                                     "## Incident details", "## Détails de l'incident", "## Synopsis",
                                     "## Abstract", "## Récapitulatif"])
def test_a_heading_that_describes_the_incident_is_its_summary(heading):
    pm = read(f"# Mail relay down\n\n{heading}\n\nOutgoing mail stayed in the relay's queue for an hour.\n\n"
              "## Root cause\n\nThe relay's certificate expired.\n")
    assert "summary" in keys(pm)
    assert "## Summary" not in " ".join(missing_sections(pm))


def test_a_description_of_the_impact_stays_the_impact():
    pm = read("# Mail relay down\n\n## Description of the impact\n\nNo mail left for an hour.\n")
    assert "impact" in keys(pm)
    assert "summary" not in keys(pm)


# --- the fault is the cause ------------------------------------------------------------------

@pytest.mark.parametrize("heading", ["## Fault", "## The fault", "## Défaillance", "## Défaillances constatées",
                                     "## Failure", "## Underlying problem", "## Source du problème"])
def test_a_heading_naming_the_fault_is_the_root_cause(heading):
    pm = read(f"# Storage degraded\n\n## Summary\n\nThe storage host was degraded.\n\n{heading}\n\n"
              "A disk controller stopped answering and its disks went read-only.\n")
    assert "root_cause" in keys(pm)
    assert not any("Root Cause" in name for name in missing_sections(pm))


def test_a_fault_word_beside_a_stronger_cue_names_that_one():
    pm = read("# Storage degraded\n\n## Fault tolerance improvements\n\n- Add a second controller\n")
    assert "root_cause" not in keys(pm)
    assert "actions" in keys(pm)


# --- what we change, or changed, and the countermeasures ---------------------------------------

@pytest.mark.parametrize("heading", ["## What we changed", "## What we have changed", "## What we've changed",
                                     "## Ce que nous changeons", "## Ce que nous avons changé",
                                     "## Countermeasures", "## Contre-mesures", "## Countermeasures to be taken",
                                     "## Contre-mesures prévues", "## Safeguards", "## Garde-fous",
                                     "## Planned changes", "## Changements prévus", "## Remedies"])
def test_a_heading_on_what_we_change_holds_the_action_items(heading):
    pm = read(f"# Cache down\n\n## Summary\n\nThe package cache was down for six hours.\n\n{heading}\n\n"
              "- The health check now queries the database.\n"
              "- Répartir les sites entre deux hébergeurs.\n"
              "- A second person is paged when the first does not answer.\n")
    assert len(pm.actions) == 3
    assert not any("Action" in name for name in missing_sections(pm))


# --- items enumerated by letters, written as paragraphs ------------------------------------

@pytest.mark.parametrize("markers", [("a)", "b)", "c)"), ("(a)", "(b)", "(c)"), ("A.", "B.", "C."),
                                     ("i)", "ii)", "iii)")])
def test_paragraphs_enumerated_by_letters_under_an_action_heading_are_items(markers):
    first, second, third = markers
    pm = read("# Mirror down\n\n## Action items\n\n"
              f"{first} The mirror runs with a hard memory limit.\n\n"
              f"{second} Limiter les téléchargements par adresse.\n\n"
              f"{third} Send the mirror's memory statistics to the metrics service.\n")
    assert [item.text for item in pm.actions] == [
        "The mirror runs with a hard memory limit.",
        "Limiter les téléchargements par adresse.",
        "Send the mirror's memory statistics to the metrics service.",
    ]


def test_enumerated_lines_in_one_paragraph_are_one_item_each():
    pm = read("# Mirror down\n\n## Mesures correctives\n\n"
              "a) Ajouter une limite de mémoire\nb) Tester la bascule chaque mois\n")
    assert [item.text for item in pm.actions] == ["Ajouter une limite de mémoire", "Tester la bascule chaque mois"]


def test_a_sentence_under_an_action_heading_is_no_enumerated_item():
    pm = read("# Mirror down\n\n## Action items\n\nA few of these are already done; see below.\n\n"
              "- Add a memory limit\n")
    assert [item.text for item in pm.actions] == ["Add a memory limit"]


# --- a lessons question answered with instructions -----------------------------------------

@pytest.mark.parametrize("heading", ["## What can we do better next time?",
                                     "## Comment faire mieux la prochaine fois ?",
                                     "## Que pouvons-nous mieux faire ?"])
def test_instructions_under_a_lessons_question_are_the_work_to_do(heading):
    pm = read(f"# Resizer errors\n\n## Summary\n\nThe resizer failed for eleven minutes.\n\n{heading}\n\n"
              "1. Make the health checks fail a host after three missed checks.\n"
              "2. Ajouter une alerte sur le taux d'erreurs.\n")
    assert len(pm.actions) == 2
    assert not any("Action" in name for name in missing_sections(pm))


def test_lessons_stated_as_findings_stay_lessons():
    pm = read("# Resizer errors\n\n## Summary\n\nThe resizer failed.\n\n## What can we do better next time?\n\n"
              "- Our health checks were too lenient.\n- Nobody knew the second region was cold.\n")
    assert "lessons" in keys(pm)
    assert pm.actions == []


def test_a_lessons_section_named_by_its_name_keeps_its_instructions():
    pm = read("# Resizer errors\n\n## Summary\n\nThe resizer failed.\n\n## Lessons learned\n\n"
              "- Keep the second region warm.\n- Make health checks strict.\n")
    assert "lessons" in keys(pm)


# --- a specification that names a section of its own around its example ------------------

def test_a_specification_naming_a_section_of_its_own_reads_the_postmortem_it_shows():
    fence = "```"
    pm = read("# Spécification : post-mortem\n\n## Description\n\nCe livrable décrit un post-mortem.\n\n"
              "## Exemple\n\n"
              f"{fence}markdown\n# Panne du paiement\n\n## Résumé\n\nLe paiement a échoué.\n\n"
              "## Chronologie\n\n- 10:00 alerte\n\n## Cause racine\n\nUn certificat expiré.\n\n"
              f"## Actions correctives\n\n- Surveiller les certificats\n{fence}\n")
    assert pm.title == "Panne du paiement"
    assert {"summary", "timeline", "root_cause", "actions"} <= keys(pm)


# --- a paragraph that opens on an instruction, under an action heading -------------------

def test_paragraphs_opening_on_an_instruction_under_an_action_heading_are_items():
    pm = read("# Mirror down\n\n## Follow-up\n\nWe looked at what would have helped most.\n\n"
              "**Rate-limit pulls per client.** A single CI provider must not be able to\n"
              "saturate the mirror's bandwidth again.\n\n"
              "Ajouter une alerte sur la mémoire du miroir. Elle préviendra l'astreinte\n"
              "avant que l'hôte ne se fige.\n\n"
              "Never restart the mirror by hand without draining it first.\n")
    assert [item.text for item in pm.actions] == [
        "Rate-limit pulls per client.",
        "Ajouter une alerte sur la mémoire du miroir.",
        "Never restart the mirror by hand without draining it first.",
    ]


def test_prose_under_an_action_heading_opening_on_no_instruction_is_no_item():
    pm = read("# Mirror down\n\n## Follow-up\n\nSee the tracker for the state of each item below.\n\n"
              "The team met on Monday to agree on them.\n\n- Add a memory limit\n")
    assert [item.text for item in pm.actions] == ["Add a memory limit"]


def test_an_instruction_in_bold_on_its_own_line_still_groups_the_items_below():
    pm = read("# Mirror down\n\n## Action items\n\n**Improve monitoring**\n\n- Add a memory alert\n- Page on-call\n")
    assert [(item.text, item.group) for item in pm.actions] == [
        ("Add a memory alert", "Improve monitoring"), ("Page on-call", "Improve monitoring")]


# --- more words of the same classes, and action tables' columns in other words --------------

@pytest.mark.parametrize(("heading", "key"), [
    ("## Looking ahead", "actions"), ("## Moving forward", "actions"), ("## Where we go from here", "actions"),
    ("## Steps we are taking", "actions"), ("## Ce que nous allons améliorer", "actions"),
    ("## Pour aller plus loin", "actions"), ("## Pour la suite", "actions"),
    ("## Points positifs", "lessons"), ("## Points à améliorer", "lessons"),
    ("## Ce qui s'est bien passé", "lessons"), ("## Ce qui s'est mal passé", "lessons"),
    ("## Symptoms", "impact"), ("## Symptômes", "impact"), ("## Ce que vous avez pu constater", "impact"),
])
def test_headings_in_other_words_name_their_section(heading, key):
    pm = read(f"# Queue stalled\n\n{heading}\n\nThe queue stalled for an hour.\n")
    assert key in keys(pm)


def test_what_happened_is_still_the_summary_beside_what_went_well():
    pm = read("# Queue stalled\n\n## Ce qui s'est passé\n\nLa file s'est bloquée.\n\n"
              "## Ce qui s'est bien passé\n\nL'alerte a sonné tout de suite.\n")
    assert [section.key for section in pm.sections] == ["summary", "lessons"]


@pytest.mark.parametrize("header", ["| Ticket | Summary | State |", "| Task | Responsible | By |",
                                    "| Countermeasure | Driver | Planned for |", "| Ticket | Titre | Référent |",
                                    "| Changement | Responsable | Prévu pour |"])
def test_action_tables_whose_columns_are_named_in_other_words(header):
    first, second, third = (cell.strip() for cell in header.strip("|").split("|"))
    values = {"Ticket": ("OPS-12", "OPS-13")}
    pm = read("# Queue stalled\n\n## Action items\n\n"
              f"{header}\n|---|---|---|\n"
              f"| {values.get(first, ('Add an alert on the queue',))[0]} | "
              f"{'Add an alert on the queue' if first == 'Ticket' else 'Ana'} | "
              f"{'open' if third == 'State' else 'Ana' if third == 'Référent' else '2026-03-01'} |\n")
    assert [item.text for item in pm.actions] == ["Add an alert on the queue"]
    item = pm.actions[0]
    if third == "State":
        assert item.status == "open"
    elif third == "Référent":
        assert item.owner == "Ana"
    else:
        assert (item.owner, item.due) == ("Ana", date(2026, 3, 1))
