"""Severity stated in other words (thirteenth pass): a priority's number in a
sentence or a timeline entry ("the NOC raised a Priority 1 incident", "un
incident de priorité 2 est ouvert"), English and French. A priority word
without a number, a support tier ("l'astreinte niveau 2") or two numbers state
no level. Texts of our own, none a file of the corpus."""

from __future__ import annotations

import pytest
from reading_helpers import read


@pytest.mark.parametrize(("text", "level"), [
    ("# Network outage\n\n## Chronology\n\n4.06am: the operations centre raises a Priority 1 incident;\n\n"
     "5.15am: rollback fails.\n", "P1"),
    ("# Panne de la messagerie\n\n## Résumé\n\nUn incident de priorité 2 a été ouvert à 9 h 10 par l'astreinte.\n",
     "P2"),
    ("# Slow search\n\n## Summary\n\nSearch was slow for an hour. We treated it as a prio 3 incident throughout.\n", "P3"),
])
def test_a_prioritys_number_in_a_sentence_states_the_severity(text, level):
    assert read(text, "incident.md").severity == level


@pytest.mark.parametrize("text", [
    "# Panne du wiki\n\n## Déroulé\n\n- 0h05 – l'astreinte niveau 2 est appelée\n- 0h40 – le wiki revient\n",
    "# Slow search\n\n## Summary\n\nRestoring search was our top priority for the evening.\n",
    "# Panne\n\n## Résumé\n\nNotre priorité absolue était de rétablir le service.\n",
    "# Queue stall\n\n## Process\n\nWe page for every priority 1 or priority 2 alert.\n",
])
def test_no_level_where_the_words_state_none(text):
    assert read(text, "incident.md").severity is None


@pytest.mark.parametrize(("text", "level"), [
    ("# Panne de la paie\n\n**Gravité retenue en séance :** P2\n\n## Résumé\n\nLa paie a échoué.\n", "P2"),
    ("# Search slow\n\n- **Severity as assessed:** SEV1\n- **Service:** search\n\n## Summary\n\nSearch was slow.\n",
     "P1"),
    ("# Panne du wiki\n\n| Champ | Valeur |\n|---|---|\n| Criticité finale | majeure |\n\n## Résumé\n\nLe wiki.\n",
     "P2"),
])
def test_a_severity_label_with_words_after_it_states_the_level(text, level):
    assert read(text, "incident.md").severity == level


@pytest.mark.parametrize("text", [
    "# Search slow\n\n**Severity rationale:** customers noticed within minutes.\n\n## Summary\n\nSlow.\n",
    "# Panne\n\n**Priorité des actions :** haute\n\n## Résumé\n\nLe wiki était lent.\n",
])
def test_a_label_that_only_opens_like_a_severity_states_none(text):
    assert read(text, "incident.md").severity is None


@pytest.mark.parametrize("sentence", [
    "The bug was filed in Jira at priority 3 for the next sprint.",
    "Adding an index is our priority 1 for this quarter.",
    "Priority 2 items are tracked in the backlog.",
])
def test_a_priority_that_is_not_the_incident_s_states_no_severity(sentence):
    pm = read(f"# Slow search\n\n## Summary\n\nSearch was slow for an hour. {sentence}\n", "search.md")
    assert pm.severity is None
