"""The second half of the twelfth pass on sections (issue 22): a heading that asks
or tells how the incident got in or began is its cause, whatever words name the
intruder or the fault: "How did the attackers get in?", "Comment les pirates
sont-ils entrés ?", "Point d'entrée", "Attack vector". Small postmortems of our
own, English and French, in layouts no corpus file uses."""

from __future__ import annotations

import pytest
from reading_helpers import read


@pytest.mark.parametrize(
    "heading",
    [
        "How did the attackers get in?",
        "How the intruders got in",
        "How they gained access",
        "Entry point",
        "Attack vector",
        "Initial access",
        "How it all started",
        "Comment les pirates sont-ils entrés ?",
        "Par où sont-ils entrés ?",
        "Comment l'attaquant est-il entré ?",
        "Point d'entrée",
        "Vecteur d'attaque",
        "Comment tout a commencé",
    ],
)
def test_a_heading_telling_how_it_got_in_is_the_cause(heading):
    text = (f"# Ransomware at the depot\n\n## What happened\n\nThe depot's servers were encrypted.\n\n"
            f"## {heading}\n\nA contractor's password leaked elsewhere was used on the VPN, which had no "
            "second factor.\n")
    pm = read(text, "depot.md")
    assert "root_cause" in {section.key for section in pm.sections}


@pytest.mark.parametrize("heading", ["Entre 14 h et 15 h", "Entrées du registre", "Getting in touch"])
def test_other_headings_with_these_words_are_no_cause(heading):
    pm = read(f"# Panne\n\n## Résumé\n\nLe portail était coupé.\n\n## {heading}\n\nTexte.\n", "panne.md")
    assert "root_cause" not in {section.key for section in pm.sections}


@pytest.mark.parametrize("heading", ["Que s'est-il passé exactement ?", "Que s'est-il passé le 8 janvier ?"])
def test_what_happened_stays_the_summary(heading):
    pm = read(f"# Panne\n\n## {heading}\n\nLe portail était coupé.\n", "panne.md")
    assert {section.key for section in pm.sections} == {"summary"}
