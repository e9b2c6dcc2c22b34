"""The tenth pass on action items (issue 22): a heading that states what the
team does or will do names the action items as a question asking it does ("Ce
que nous faisons", "Where we go from here: what we are changing"); a list that
the last sentence of a paragraph introduces as work to do ("Here is what we
plan to do:") is action items, wherever the sentence stands in its paragraph.
Small postmortems of our own, none a file of the corpus, English and French."""

from __future__ import annotations

import pytest
from reading_helpers import read


def keys(pm) -> dict[int, str]:
    return {section.line: section.key for section in pm.sections}


@pytest.mark.parametrize(
    "heading",
    [
        "Ce que nous faisons",
        "Ce que nous faisons désormais",
        "Voici ce que nous allons modifier",
        "Les suites",
        "What we are doing now",
        "Here is what we will change",
        "What we plan to do",
    ],
)
def test_a_heading_stating_what_the_team_does_names_the_action_items(heading):
    pm = read(f"# Coupure du stockage\n\n## Résumé\n\nLe stockage était indisponible.\n\n## {heading}\n\n"
              "- Doubler l'alimentation des baies\n- Tester la bascule chaque trimestre\n", "stockage.md")
    assert keys(pm)[7] == "actions"
    assert len(pm.actions) == 2


@pytest.mark.parametrize(
    "heading",
    ["What we found", "Ce que nous avons fait", "Ce que nous avons vu", "Nous allons vous expliquer ce qui s'est passé ce jour-là"],
)
def test_a_heading_telling_what_was_done_is_no_action_list(heading):
    pm = read(f"# Storage outage\n\n## Summary\n\nStorage was down.\n\n## {heading}\n\n"
              "- We failed over to the second array\n- We restarted the mounts\n", "storage.md")
    assert keys(pm).get(7) != "actions"


def test_a_list_introduced_by_the_last_sentence_of_a_paragraph_is_the_action_items():
    pm = read("# Delayed invoices\n\nInvoices were sent three hours late on Monday. We are sorry, and we "
              "know it matters. Here is what we plan to do:\n\n"
              "1. Page the billing on-call when the invoice queue is older than ten minutes.\n"
              "2. Run the invoice job on two workers.\n"
              "3. Publish the queue's age on the status page.\n", "invoices.md")
    assert len(pm.actions) == 3
    assert "actions" in keys(pm).values()


def test_a_french_list_introduced_at_the_end_of_a_paragraph_is_the_action_items():
    pm = read("# Factures en retard\n\nLes factures sont parties trois heures en retard lundi.\n"
              "Nous en sommes désolés. Voici ce que nous allons faire :\n\n"
              "- Alerter l'astreinte quand la file dépasse dix minutes\n"
              "- Répartir le traitement sur deux serveurs\n", "factures.md")
    assert len(pm.actions) == 2


def test_a_list_a_paragraph_introduces_as_what_happened_is_no_action_list():
    pm = read("# Delayed invoices\n\n## Summary\n\nInvoices were late. Three things went wrong, and here is "
              "what we found:\n\n- The queue had no alert.\n- One worker ran the whole job.\n\n"
              "## Action items\n\n- Add an alert on the queue.\n", "invoices.md")
    assert len(pm.actions) == 1


def test_a_list_introduced_after_a_labelled_summary_is_the_action_items():
    pm = read("# Late payouts\n\nIn short: payouts left a day late for every seller, and we are sorry.\n"
              "This is what we will change:\n\n- Alert when a payout batch is an hour late\n"
              "- Retry a failed batch on its own\n", "payouts.md")
    assert len(pm.actions) == 2
