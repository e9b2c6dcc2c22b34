"""The ninth pass on sections by meaning (issue 22): a document's title that
starts with a section's name is still its title when a subject follows ("#
Retour d'expérience : la panne du DNS"); the reason given for an outage is its
root cause; what comes next is the action items. Small postmortems of our own,
none a file of the corpus, English and French."""

from __future__ import annotations

from reading_helpers import read


def keys(pm) -> dict[int, str]:
    return {section.line: section.key for section in pm.sections}


def test_a_french_title_led_by_a_section_name_and_a_subject_is_the_title():
    pm = read("# Retour d'expérience : la panne du DNS interne\n\n## Ce qui s'est passé\n\nLe DNS ne répondait plus.\n\n"
              "## Pourquoi ?\n\nUn certificat avait expiré.\n", "dns.md")
    assert 1 not in keys(pm)
    assert keys(pm)[3] == "summary"


def test_an_english_title_led_by_a_section_name_and_a_subject_is_the_title():
    pm = read("# Lessons learned - the night the build cache filled up\n\n## What happened\n\nBuilds failed.\n\n"
              "## Why\n\nThe cache had no size limit.\n", "cache.md")
    assert 1 not in keys(pm)
    assert keys(pm)[3] == "summary"


def test_a_title_that_is_a_section_name_alone_is_that_section():
    pm = read("# Summary\n\nThe cache filled up.\n\n## Impact\n\nBuilds failed.\n", "cache.md")
    assert keys(pm)[1] == "summary"


def test_the_reason_for_an_outage_is_its_root_cause():
    pm = read("# Fibre cut\n\n**Outage summary:** The span went dark for a day.\n\n"
              "**Reason for the outage:** A digger cut the cable.\n", "fibre.md")
    assert "root_cause" in keys(pm).values()


def test_the_french_reason_for_an_outage_is_its_root_cause():
    pm = read("# Coupure fibre\n\n## Résumé\n\nLe lien est tombé.\n\n## Raison de la coupure\n\n"
              "Une pelleteuse a sectionné le câble.\n", "fibre.md")
    assert keys(pm)[7] == "root_cause"


def test_what_comes_next_is_the_action_items():
    pm = read("# Queue stall\n\n## Summary\n\nThe queue stalled.\n\n## What comes next\n\n"
              "- Add an alert on the queue age.\n- Document the drain procedure.\n", "queue.md")
    assert keys(pm)[7] == "actions"
    assert len(pm.actions) == 2


def test_la_suite_is_the_action_items():
    pm = read("# Blocage de la file\n\n## Résumé\n\nLa file était bloquée.\n\n## La suite\n\n"
              "- Ajouter une alerte sur l'âge des messages.\n- Documenter la purge.\n", "file.md")
    assert keys(pm)[7] == "actions"
