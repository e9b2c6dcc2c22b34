"""The eleventh pass on sections (issue 22): a summary of a section is that section
too ("Summary of impact", "Résumé de l'impact"); a section's name on the first line of
a paragraph, the text going on below it without a blank line, labels the paragraph
as it would on a line of its own; a label over other labels with nothing of its own
under them is their title, not an empty section. Small postmortems of our own,
English and French, none a file of the corpus."""

from __future__ import annotations

import pytest
from reading_helpers import SETTINGS, read

from mkdocs_postmortem.rules import check_postmortem


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


def codes(pm) -> list[str]:
    return [diagnostic.code for diagnostic in check_postmortem(pm, SETTINGS)]


@pytest.mark.parametrize(
    "label",
    ["**Summary of impact:**", "**Résumé de l'impact :**", "## Summary of the impact on riders\n\n",
     "**Synthèse des conséquences :**"],
)
def test_a_summary_of_a_section_is_that_section_too(label):
    pm = read(f"# Tram ticket machines down\n\n{label} For two hours on Friday evening the ticket machines "
              "refused cards in every station.\n\n**Root cause:** the payment gateway's certificate expired.\n",
              "tram.md")
    assert {"summary", "impact"} <= keys(pm)


def test_a_summary_of_something_else_is_only_the_summary():
    pm = read("# Tram ticket machines down\n\n**Summary of the evening:** the ticket machines refused cards.\n",
              "tram.md")
    assert "summary" in keys(pm) and "impact" not in keys(pm)


@pytest.mark.parametrize(
    "first, second, third",
    [
        ("Issue", "Riders affected", "Prevention"),
        ("Overview", "Blast radius", "Prevention"),
        ("Synthèse", "Répercussions", "Prévention"),
    ],
)
def test_a_name_on_the_first_line_of_a_paragraph_labels_it(first, second, third):
    pm = read(f"# Tram ticket machines down\n\n{first}\nOn Friday evening the ticket machines refused cards.\n\n"
              f"{second}\nEvery station of the network, for two hours.\n\n"
              f"{third}\nThe certificate is now renewed by a job that alerts a month ahead.\n", "tram.md")
    assert {"summary", "impact", "actions"} <= keys(pm)


def test_a_sentence_on_the_first_line_of_a_paragraph_is_no_label():
    pm = read("# Tram ticket machines down\n\n## Summary\n\nThe machines were down.\n\n"
              "Riders were affected\nin every station of the network.\n", "tram.md")
    assert "impact" not in keys(pm)


@pytest.mark.parametrize("title", ["**RCA – card payments failing**", "**Analyse – paiements refusés**"])
def test_a_label_over_labels_is_their_title_not_an_empty_section(title):
    pm = read(f"# Card payments failing\n\n{title}\n\n**Summary:** card payments failed for an hour.\n\n"
              "**Root cause:** an expired certificate.\n", "cards.md")
    assert "PM102" not in codes(pm)


def test_an_empty_label_is_still_reported():
    pm = read("# Card payments failing\n\n**Summary:**\n\n**Root cause:** an expired certificate.\n", "cards.md")
    assert "PM102" in codes(pm) or "PM101" in codes(pm)


@pytest.mark.parametrize("label", ["Sequence:", "**Séquence :**"])
def test_a_sequence_is_the_timeline(label):
    pm = read(f"# Transit lost at the north site\n\nDescription of event:\nBoth uplinks went down.\n\n"
              f"{label}\nFirst both uplinks were lost, then a ticket was opened, then an engineer went on site.\n",
              "transit.md")
    assert "timeline" in keys(pm)
