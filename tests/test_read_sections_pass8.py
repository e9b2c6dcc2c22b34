"""The eighth pass on sections, action items and wording (issue 22), each class
on small postmortems of our own in English and French, none a file of the
corpus: "should have" (or "aurait dû") said of a machine, a check or a service
blames nobody, said of a person or a team it does; a bracketed tag that opens a
mail subject or a title is a tag, not a template placeholder; and headings that
name the measures or the changes made are the action items."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import run_mkdocs, write_site
from reading_helpers import read

from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.rules.placeholders import placeholders_in_line
from mkdocs_postmortem.settings import Settings

RULES = Settings(default_timezone="UTC", build_date=date(2026, 12, 1))


def codes(pm, code: str) -> list[str]:
    return [d.message for d in check_postmortem(pm, RULES) if d.code == code]


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


def blamed(body: str) -> list[str]:
    return codes(read(f"# Queue outage\n\n## Summary\n\n{body}\n", name="2026-03-02-queue.md"), "PM401")


# --- "should have" said of a thing blames nobody ---------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The proxy dropped the messages it should have retried.",
    "At 04:10, when the nightly backup should have finished, the disk was still busy.",
    "The health check should have caught the stale replica, but it only pinged the port.",
    "Le script de purge aurait dû s'arrêter au premier échec.",
    "À 04 h 10, quand la sauvegarde aurait dû se terminer, le disque était encore plein.",
    "The Kafka consumer should have committed its offsets every second.",
])
def test_should_have_said_of_a_thing_blames_nobody(sentence):
    assert blamed(sentence) == []


@pytest.mark.parametrize("sentence", [
    "We should have rolled the change back sooner.",
    "The on-call engineer should have paged the database team.",
    "In hindsight, the platform team should have reviewed the flag.",
    "Nadia should have checked the replica before the switch.",
    "L'équipe d'astreinte aurait dû prévenir les clients plus tôt.",
    "Nous aurions dû tester la bascule.",
])
def test_should_have_said_of_a_person_or_a_team_blames(sentence):
    assert len(blamed(sentence)) == 1


# --- a tag opening a title or a mail subject is no placeholder --------------------------------

@pytest.mark.parametrize("line", [
    "# Re: [infra] The package repository is unavailable",
    "# Fwd: [ops-announce] Scheduled maintenance overran",
    "# [RESOLVED] Database failover took 40 minutes",
    "## [exploitation] Coupure du réseau de stockage",
    "> Subject: [Platform] Login errors after the release",
    "Objet : [astreinte] Messagerie indisponible",
    "# RE: [sre] Re: [sre] Certificate expiry on the edge",
])
def test_a_tag_opening_a_title_or_a_mail_subject_is_no_placeholder(line):
    assert placeholders_in_line(line) == []


@pytest.mark.parametrize(("line", "expected"), [
    ("# [Service] outage on [Date]", ["[Service]", "[Date]"]),
    ("# [Incident title]", ["[Incident title]"]),
    ("- [Action] to prevent a recurrence", ["[Action]"]),
    ("# Re: [Nom du service] indisponible", ["[Nom du service]"]),
    ("The [owner] restarted the pooler.", ["[owner]"]),
    ("| [Name] | restarts the pooler |", ["[Name]"]),
])
def test_stand_ins_that_open_a_line_are_still_placeholders(line, expected):
    assert placeholders_in_line(line) == expected


# --- headings that name the measures or the changes made are the action items ----------------

@pytest.mark.parametrize("heading", ["## Measures", "## Measures we are taking", "## Our measures",
                                     "## Changes we've made", "## Changes we are making", "## Changes",
                                     "## Changements apportés", "## Modifications apportées",
                                     "## Les changements"])
def test_headings_naming_measures_or_changes_are_the_action_items(heading):
    pm = read(f"# Switch outage\n\n## What happened\n\nBoth switches stopped forwarding.\n\n{heading}\n\n"
              "- Run the two switches on different releases.\n- Keep an out-of-band path to every switch.\n"
              "- Stagger configuration changes.\n", name="2026-10-23-switches.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 3
    assert "actions" not in " ".join(codes(pm, "PM101"))


@pytest.mark.parametrize("heading", ["## Measured impact", "## What changed in the release", "## Change log"])
def test_measured_or_changed_things_are_not_action_items(heading):
    pm = read(f"# Switch outage\n\n{heading}\n\nThe release changed the default queue size.\n",
              name="2026-10-23-switches.md")
    assert "actions" not in keys(pm)


# --- a heading that joins the names of two sections is both ---------------------------------

@pytest.mark.parametrize(("heading", "both"), [
    ("## Incident summary and impact", {"summary", "impact"}),
    ("## Summary & impact", {"summary", "impact"}),
    ("## Résumé et impact", {"summary", "impact"}),
    ("## Impact and root cause", {"impact", "root_cause"}),
    ("## Cause racine et impact", {"impact", "root_cause"}),
])
def test_a_heading_joining_two_section_names_is_both(heading, both):
    pm = read(f"# Ledger outage\n\n{heading}\n\nTop-ups were taken but not credited for three hours.\n\n"
              "## Action items\n\n- Refuse to start the ledger without its configuration.\n",
              name="2026-07-18-ledger.md")
    assert both <= keys(pm)
    missing = " ".join(codes(pm, "PM101"))
    assert not any(f'"{key}"' in missing for key in both)


def test_a_joined_name_already_given_its_own_heading_is_not_taken_twice():
    pm = read("# Ledger outage\n\n## Summary and impact\n\nTop-ups were not credited.\n\n"
              "## Impact\n\nAbout 1 % of customers.\n", name="2026-07-18-ledger.md")
    assert [section.title for section in pm.sections if section.key == "impact"] == ["Impact"]


def test_a_word_of_no_section_joins_nothing():
    pm = read("# Ledger outage\n\n## Detection and timeline\n\n- 09:39 top-ups stop\n- 10:28 alert\n",
              name="2026-07-18-ledger.md")
    assert keys(pm) - {""} == {"timeline"}


# --- a hedged account of the cause, and the headline -----------------------------------------

@pytest.mark.parametrize("paragraph", [
    "What we think happened: a cleanup job repacked the repository while it accepted pushes.",
    "What we believe happened: the cleanup job repacked objects under live writes.",
    "**What probably happened:** the cleanup job repacked objects under live writes.",
    "Ce que nous pensons : le nettoyage a réécrit les objets pendant que le dépôt recevait des mises à jour.",
    "## Our hypothesis\n\nThe cleanup job repacked objects under live writes.",
])
def test_a_hedged_account_of_the_cause_is_the_root_cause(paragraph):
    pm = read(f"# Re: repository down\n\nHello,\n\nThe repository was down for six hours.\n\n{paragraph}\n",
              name="2026-05-05-repo.md")
    assert "root_cause" in keys(pm)


@pytest.mark.parametrize("label", ["**Headline:**", "**Headlines:**", "**At a glance:**", "**L'essentiel :**",
                                   "**In a nutshell:**"])
def test_a_headline_is_the_summary(label):
    pm = read(f"# Role bindings removed\n\n{label} a cleanup script deleted eleven cluster role bindings.\n\n"
              "**Root cause:** the namespace flag is ignored for cluster-scoped kinds.\n",
              name="2026-05-14-roles.md")
    assert "summary" in keys(pm)


def test_a_joined_heading_is_one_heading_of_the_page(tmp_path):
    text = ("---\ntitle: Ledger outage\nseverity: P2\nservices: [billing]\nstarted: 2026-07-18 09:39\n"
            "resolved: 2026-07-18 12:31\n---\n\n## Summary and impact\n\nTop-ups were not credited.\n\n"
            "## Timeline\n\n- 09:39 top-ups stop\n- 12:31 top-ups credited again\n\n"
            "## Root cause\n\nThe ledger restarted without its configuration.\n\n"
            "## Action items\n\n- [ ] Refuse to start without the configuration - Owner: Ana - Due: 2026-09-01\n\n"
            "## Lessons learned\n\nA restart is a change.\n")
    pm = read(text, name="2026-07-18-ledger.md")
    assert [section.title for section in pm.sections if not section.labelled][:2] == ["Summary and impact", "Timeline"]
    assert {"summary", "impact"} <= keys(pm)
    write_site(tmp_path, {"2026-07-18-ledger.md": text}, options={"rules": {"PM501": "off", "PM201": "off"}})
    result = run_mkdocs("build", "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "postmortems" / "2026-07-18-ledger" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="summary-and-impact"') == 1
    assert 'summary-and-impact_1' not in page
