"""The twelfth pass on sections and action items (issue 22), by class:

- a `#` inside a sentence (`ticket #4`, `channel # ops`) is no heading;
- a forward-looking heading names the action items ("Path forward", "The way
  ahead", "Perspectives"), and the action items grouped under its sub-headings
  (by process, by horizon, by team) are all read, each sub-heading with only a
  committing paragraph under it being one item;
- another tool's front matter key that is not a date field of ours is not checked
  as one of ours (PM003).

Small postmortems of our own, English and French, in layouts no corpus file uses."""

from __future__ import annotations

import pytest
from reading_helpers import SETTINGS, read

from mkdocs_postmortem.rules import check_postmortem


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


def codes(pm) -> list[str]:
    return [diagnostic.code for diagnostic in check_postmortem(pm, SETTINGS)]


def test_a_hash_inside_a_sentence_is_no_heading():
    pm = read("# Badge readers offline\n\n## Summary\n\nTicket #4 and ticket # 5 were merged; see issue ## 12 "
              "for the rest, and channel # ops.\n", "badges.md")
    assert keys(pm) == {"summary"}


@pytest.mark.parametrize("heading", ["Path forward", "The way forward", "Looking forward", "The road ahead",
                                     "Perspectives", "La voie à suivre"])
def test_a_forward_looking_heading_names_the_action_items(heading):
    pm = read(f"# Badge readers offline\n\n## Summary\n\nThe readers went offline.\n\n## {heading}\n\n"
              "- Stage firmware pushes by floor\n- Keep a manual entry list at the desk\n", "badges.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2


@pytest.mark.parametrize(
    "groups",
    [("Detection", "Process", "Tooling"), ("Court terme", "Moyen terme", "Long terme"),
     ("Before a release", "After a release", "Support")],
)
def test_action_items_grouped_under_sub_headings_are_all_read(groups):
    first, second, third = groups
    pm = read("# Badge readers offline\n\n## Summary\n\nThe readers went offline.\n\n## Follow-up\n\n"
              f"We are committing to changes in three areas.\n\n### {first}\n\n- Alert when a reader drops\n"
              f"- Alert when ten readers drop\n\n### {second}\n\n- Stage firmware pushes by floor\n\n"
              f"### {third}\n\n1. Build a dry-run mode for firmware pushes\n", "badges.md")
    assert len(pm.actions) == 4
    assert {item.group for item in pm.actions} == {first, second, third}


@pytest.mark.parametrize(
    "first, second",
    [("We will move the production index to its own account.",
      "We will back up the index every day and test the restore monthly."),
     ("Nous allons déplacer l'index de production sur son propre compte.",
      "Nous mettrons en place une sauvegarde quotidienne de l'index.")],
)
def test_each_sub_heading_committing_to_work_is_one_action(first, second):
    pm = read("# Index lost\n\n## Summary\n\nThe search index was deleted.\n\n## Path forward\n\n"
              f"### Separate the accounts\n\n{first}\n\n### Daily backups\n\n{second}\n", "index.md")
    assert [item.text for item in pm.actions] == ["Separate the accounts", "Daily backups"]


def test_sub_headings_telling_what_was_done_are_no_actions():
    pm = read("# Index lost\n\n## Summary\n\nThe search index was deleted.\n\n## Timeline\n\n- 10:00 deleted\n\n"
              "## Resolution\n\n### Restore\n\nWe restored the index from the replica.\n\n"
              "### Replay\n\nWe replayed the changes of the day.\n", "index.md")
    assert pm.actions == []


@pytest.mark.parametrize("key, value", [("published", "true"), ("draft", "false"), ("visible", "yes"),
                                        ("publie", "oui")])
def test_another_tools_boolean_key_is_not_checked_as_a_date(key, value):
    pm = read(f"---\ntitle: Badge readers offline\ndate: 2026-03-02\n{key}: {value}\ntaxonomy:\n  tag: [ops]\n---\n"
              "# Badge readers offline\n\n## Summary\n\nThe readers went offline.\n", "badges.md")
    assert "PM003" not in codes(pm)


def test_a_switch_in_front_matter_written_for_us_is_still_no_date():
    pm = read("---\ntitle: Badge readers offline\nseverity: P2\nservices: [badges]\nstarted: 2026-03-02 10:00\n"
              "resolved: 2026-03-02 11:00\npublished: true\n---\n# Badge readers offline\n\n## Summary\n\n"
              "The readers went offline.\n", "badges.md")
    assert "PM003" in codes(pm)


@pytest.mark.parametrize(
    "heading, key",
    [("Latest updates (sorted newest first, all times in UTC)", "timeline"),
     ("Chronologie (heures de Paris, du plus ancien au plus récent)", "timeline"),
     ("The root of the problem", "root_cause"), ("Au cœur du problème", "root_cause"),
     ("Outage details", "summary"), ("Détails de l'incident", "summary")],
)
def test_a_heading_is_named_by_its_words_not_its_remarks(heading, key):
    pm = read(f"# Badge readers offline\n\n## {heading}\n\nThe readers of building B rebooted at once.\n",
              "badges.md")
    assert key in keys(pm)


@pytest.mark.parametrize(
    "done",
    ["l'hébergeur a remplacé l'onduleur défaillant dès le samedi soir ;",
     "nous avons relancé les serveurs de fichiers un par un ;",
     "les équipes ont redémarré la réplication dans la nuit ;"],
)
def test_a_french_item_telling_what_was_done_in_the_active_voice_is_no_action(done):
    pm = read("# Panne du week-end\n\n## Ce qui s'est passé\n\nLes serveurs se sont arrêtés.\n\n"
              f"## Mesures prises et à venir\n\n- {done}\n- un second onduleur sera installé d'ici juin ;\n"
              "- ajouter une alerte sur la charge des onduleurs.\n", "panne.md")
    assert len(pm.actions) == 2


def test_an_english_item_with_a_dedicated_or_a_planned_thing_is_still_an_action():
    pm = read("# Weekend outage\n\n## Summary\n\nThe servers stopped.\n\n## Action items\n\n"
              "- Add a dedicated alert on the UPS load\n- Run a planned failover every quarter\n", "ups.md")
    assert len(pm.actions) == 2


@pytest.mark.parametrize("heading", ["Ce que nous améliorons", "What we are improving", "Améliorations",
                                     "Ce que nous allons améliorer"])
def test_a_heading_telling_what_we_improve_names_the_action_items(heading):
    pm = read(f"# Badge readers offline\n\n## Summary\n\nThe readers went offline.\n\n## {heading}\n\n"
              "1. Stage firmware pushes by floor.\n2. Keep a manual entry list at the desk.\n", "badges.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2
