"""Fifth pass on sections and rules, each class with a small postmortem of our own:
a line written in capitals stands as a heading, and a French passive ("aurait dû
être") blames no one. Everything goes through the real reader and the real rules."""

from __future__ import annotations

from datetime import date

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(build_date=date(2026, 12, 1))


def read(text: str):
    return read_postmortem(
        text.encode("utf-8"), path="docs/postmortems/incident.md", src_uri="postmortems/incident.md", settings=SETTINGS
    )


def codes(text: str) -> list[str]:
    return [diagnostic.code for diagnostic in check_postmortem(read(text), SETTINGS)]


CAPITALS = """# Ledger export stalled

The nightly ledger export stopped between 2026-09-14 01:10 and 2026-09-14 04:25 UTC.

WHAT CUSTOMERS NOTICED ABOUT THE IMPACT

Finance teams received their morning ledger three hours late; nothing was lost.

UNDERLYING CAUSE

A disk quota on the export host was reached and the writer waited forever.

FOLLOW UP AND PREVENTION

- Alert when the export host's disk is over 80 % full.
- Make the writer fail after ten minutes of waiting instead of hanging.
"""


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if needle in line)


def holds(postmortem, key: str, text: str, needle: str) -> bool:
    section = postmortem.section(key)
    return section is not None and section.line <= line_of(text, needle) <= section.end_line


def test_a_line_in_capitals_opens_the_section_its_words_name():
    postmortem = read(CAPITALS)
    assert holds(postmortem, "impact", CAPITALS, "three hours late")
    assert holds(postmortem, "root_cause", CAPITALS, "disk quota")
    assert len(postmortem.actions) == 2
    missing = [d.message for d in check_postmortem(read(CAPITALS), SETTINGS) if d.code == "PM101"]
    assert not [message for message in missing if any(name in message for name in ("Impact", "Root", "Action"))]


def test_a_sentence_in_capitals_is_not_a_heading():
    text = CAPITALS.replace("UNDERLYING CAUSE", "WE ARE SORRY FOR THE CAUSE OF THIS.")
    assert read(text).section("root_cause") is None


FRENCH = """---
title: Sauvegardes en retard
date: 2026-09-14
started: 2026-09-14T01:10:00+02:00
resolved: 2026-09-14T04:25:00+02:00
severity: SEV-3
---

## Résumé

Les sauvegardes nocturnes ont pris trois heures de retard.

## Causes

Un quota disque était atteint. {sentence}
"""


def test_a_french_passive_after_aurait_du_blames_no_one():
    assert "PM401" not in codes(FRENCH.format(sentence="La purge aurait dû être lancée la veille."))


def test_aurait_du_before_an_action_still_blames():
    assert "PM401" in codes(FRENCH.format(sentence="L'équipe aurait dû lancer la purge la veille."))


GROUPED = """# Queue backlog

## What happened

The billing queue backed up between 2026-10-02 09:00 and 2026-10-02 10:30 UTC.

## Where next

Right away:

- We will cap the batch size the importer sends.
- We will alert on queue age above five minutes.

Later this year:

- We will move the importer to its own workers.
"""


def test_lists_of_work_under_successive_labels_are_all_action_items():
    assert len(read(GROUPED).actions) == 3
