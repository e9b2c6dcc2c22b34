"""The thirteenth pass on sections and action items: a postmortem whose line breaks
were lost when it was pasted or exported, its labels running together inside one
block ("Summary: ... Impact: ... Action items: 1) ... 2) ..."), is read as an SRE
reads it: each label opens its section on the line it is on, and the items of an
inline list are the action items. The block is read in place: diagnostics keep the
file's lines, and inline code, fences and tables are left as they are. A bold
paragraph telling the work under way ("**How we're fixing it**") names the action
items. Small postmortems of our own, English and French, none a file of the corpus."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from reading_helpers import check_codes, read


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


FLAT_EN = (
    "# Badge readers offline\n\n"
    "Posted by the facilities team.\n\n"
    "Summary: The badge readers of building B rejected every card for an hour. Impact: About 400 staff "
    "waited at the doors. Root cause: A certificate on the badge controller expired. Action items: "
    "1) Alert thirty days before a certificate expires. 2) The expired certificate was replaced. "
    "3) Renew the controller's certificates from the central tool.\n"
)

FLAT_FR = (
    "# Lecteurs de badges hors service\n\n"
    "Publié par l'équipe des services généraux.\n\n"
    "Résumé : Les lecteurs du bâtiment B ont refusé tous les badges pendant une heure. Impact : Environ "
    "400 agents ont attendu aux portes. Cause racine : Un certificat du contrôleur avait expiré. "
    "Actions correctives : * Ajouter une alerte trente jours avant l'expiration. * Renouveler les "
    "certificats depuis l'outil central.\n"
)

FLAT_MARKERS = (
    "# Export queue stalled\n\n"
    "    **Window** 3 March, 10:02 to 10:40 #### **What happened** The export queue stopped taking jobs. "
    "#### **Customer impact** * Exports were late by up to forty minutes. #### **Root cause** A disk "
    "filled with old spool files. #### **Follow-up** 1. **Spool cleanup** – delete spool files older "
    "than a day. 2. **Disk alert** – page when the spool disk is 80 % full.\n"
)

FLAT_TITLES = (
    "# Login errors\n\n"
    "Overview On Monday logins failed for twenty minutes after a release. Impact Some 3,000 users could not sign in. Root Cause The release removed "
    "a column the session store still read. Next Steps Check schema changes against every reader. "
    "Rehearse the rollback of schema changes. We are sorry for the trouble.\n"
)


@pytest.mark.parametrize(
    "text, count",
    [(FLAT_EN, 2), (FLAT_FR, 2), (FLAT_MARKERS, 2), (FLAT_TITLES, 2)],
    ids=["colons", "french", "inline-headings", "capitalised-names"],
)
def test_labels_running_together_open_their_sections_and_items(text, count):
    pm = read(text, "flat.md")
    assert {"summary", "impact", "root_cause", "actions"} <= keys(pm)
    assert len(pm.actions) == count
    assert {item.line for item in pm.actions} == {_last_line(text)}  # the line the block is on


def _last_line(text: str) -> int:
    return text.rstrip("\n").count("\n") + 1


def test_the_items_keep_the_lines_they_are_on_and_the_outcomes_are_not_items(tmp_path):
    text = (
        "# Badge readers offline\n\n"
        "Summary: The badge readers rejected every card. Impact: About 400 staff waited.\n"
        "Root cause: A certificate expired. Action items: 1) The certificate was replaced.\n"
        "2) Alert thirty days before a certificate expires.\n"
        "3) Renew certificates from the central tool.\n"
    )
    (tmp_path / "flat.md").write_text(text, encoding="utf-8")
    result = run_cli("show", "--format", "json", str(tmp_path / "flat.md"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)["postmortems"][0]
    assert [(item["line"], item["text"]) for item in shown["actions"]] == [
        (5, "Alert thirty days before a certificate expires"),
        (6, "Renew certificates from the central tool"),
    ]
    codes = check_codes(tmp_path, "flat.md", text)
    assert not [message for code, message in codes if code == "PM101" and "Impact" in message]
    assert not [message for code, message in codes if code == "PM101" and "Action" in message]


@pytest.mark.parametrize(
    "paragraph",
    [
        # Names inside sentences, not labels.
        "We looked for the root cause: a lock. The impact: small. Our action items: none yet.",
        # Labels inside inline code.
        "The template reads `Summary: text` and `Impact: text` and `Action items: 1) a 2) b`.",
        # One label leading a paragraph is a labelled paragraph, read as before.
        "Impact: About 400 staff waited at the doors for an hour.",
    ],
)
def test_names_in_sentences_or_code_open_no_section(paragraph):
    pm = read(f"# Badge readers offline\n\n## Timeline\n\n- 10:00 Readers failed\n\n{paragraph}\n", "flat.md")
    assert "actions" not in keys(pm)
    assert "summary" not in keys(pm)
    assert pm.actions == []


def test_a_fence_and_a_table_keep_their_text():
    text = (
        "# Badge readers offline\n\n## Timeline\n\n- 10:00 Readers failed\n\n"
        "```\nSummary: a. Impact: b. Action items: 1) Alert sooner. 2) Renew earlier.\n```\n\n"
        "| Step | Note | Next |\n|---|---|---|\n| Action items: 1) Alert sooner. | 2) Renew earlier. | none |\n"
    )
    pm = read(text, "flat.md")
    assert not {"summary", "impact", "actions"} & keys(pm)
    assert pm.actions == []


@pytest.mark.parametrize(
    "label",
    ["**How we're fixing it**", "**What we are adding**", "**Ce que nous corrigeons**", "**Our next actions:**"],
)
def test_a_bold_paragraph_telling_the_work_under_way_names_the_actions(label):
    text = (f"# Paging outage\n\nPages were late for an hour.\n\n{label}\n\n"
            "- We're adding an end-to-end check of the paging path.\n"
            "- We're scripting the failover to the standby cluster.\n")
    pm = read(text, "paging.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2


def test_a_bold_paragraph_telling_what_was_fixed_is_no_action_items():
    text = ("# Paging outage\n\n## Summary\n\nPages were late for an hour.\n\n**How we fixed it**\n\n"
            "- Restarted the paging workers.\n- Drained the backlog of pages.\n")
    pm = read(text, "paging.md")
    assert "actions" not in keys(pm)


@pytest.mark.parametrize("heading", ["Just the facts", "Key facts", "Les faits", "In short", "En deux mots"])
def test_a_heading_giving_the_plain_facts_is_the_summary(heading):
    pm = read(f"# Mail outage\n\n## {heading}\n\nMail was unreachable for two hours after a router failed.\n\n"
              "## Timeline\n\n- 10:00 Mail unreachable\n", "mail.md")
    assert "summary" in keys(pm)


@pytest.mark.parametrize(
    "label, sentences",
    [
        ("**How we're fixing it**", "We're adding an end-to-end check of the paging path. We are scripting the "
         "failover to the standby cluster. We're sorry for the missed pages."),
        ("**Ce que nous corrigeons**", "Nous sommes en train de doubler le chemin des alertes. Nous allons "
         "automatiser la bascule. Toutes nos excuses."),
    ],
)
def test_sentences_telling_the_work_under_way_are_items(label, sentences):
    pm = read(f"# Paging outage\n\nPages were late for an hour.\n\n{label}\n\n{sentences}\n", "paging.md")
    assert len(pm.actions) == 2


@pytest.mark.parametrize(
    "heading",
    ["What mitigations will we put in place so that this cannot recur?",
     "Quelle mitigation allons-nous déployer ?", "How are we mitigating this going forward?"],
)
def test_a_resolution_asked_about_the_time_to_come_is_the_action_items(heading):
    text = (f"# Paging outage\n\n## Summary\n\nPages were late for an hour.\n\n## {heading}\n\n"
            # Items led by a participle read as done in a list of its own; under this question they are to come.
            "- Automated failover to the standby cluster.\n- Scheduled drills of the paging path, monthly.\n")
    pm = read(text, "paging.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2


def test_a_resolution_asked_about_what_was_done_stays_the_resolution():
    text = ("# Paging outage\n\n## Summary\n\nPages were late for an hour.\n\n## How did we mitigate it?\n\n"
            "- Restarted the paging workers.\n- Drained the backlog of pages.\n")
    pm = read(text, "paging.md")
    assert "actions" not in keys(pm)


def test_an_alert_quoted_as_indented_code_opens_no_sections():
    # Indented code under a paragraph is code: an alert's own "Summary:" and "Action items:" are its text.
    text = ("# Checkout outage on 4 March 2026\n\n## Summary\n\nCheckout was down from 10:00 to 11:30 UTC. "
            "The alert that paged us read:\n\n    [FIRING] Summary: checkout 5xx above 5%. Impact: Checkout "
            "unavailable. Root cause: Unknown, see runbook. Action items: 1. Page on-call 2. Roll back\n\n"
            "## Timeline\n\n- 10:00 UTC errors start\n- 11:30 UTC fixed\n")
    pm = read(text, "checkout.md")
    assert not pm.actions
    assert {"impact", "root_cause", "actions"}.isdisjoint(keys(pm))


def test_a_status_told_in_the_progressive_is_no_item():
    text = ("# Paging outage\n\n## Summary\n\nPages were late for an hour.\n\n## Next steps\n\n"
            "We are seeing no further errors since the rollback.\n")
    assert not read(text, "paging.md").actions
