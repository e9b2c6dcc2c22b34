"""The reader on postmortems in shapes nobody listed: one test per class of
what archives lost (a time leading any block, more time forms, context that
governs a scope, the window in a sentence, sections by meaning, action items
anywhere, other tools' front matter, wording), each written on its own text,
not on a file of the corpus."""

from __future__ import annotations

import json

from conftest import run_cli
from reading_helpers import check_codes, read, utc

# --- sections by meaning -----------------------------------------------------------------

QUESTIONS = """# Duplicate invoices

## What happened?

Two schedulers ran the same jobs after a failover.

## How did it affect users?

About 300 customers got the same invoice twice.

## Why did it happen?

The old scheduler kept its lease.

## Timeline

- 05:00 failover
- 06:25 old scheduler stopped

## What went well / what went wrong

- Support spotted the pattern quickly

## What will we do?

- Use fencing tokens for leases
"""

FRENCH_CAPITALS = """# Panne de l'export

## 📋 RÉSUMÉ

L'export comptable s'est arrêté.

## ⏱️ HISTORIQUE

- 02:10 arrêt de l'export
- 03:40 export relancé

## 👥 QUI A ÉTÉ TOUCHÉ ?

Les comptables ont attendu deux heures.

## 🔍 ORIGINE DE L'INCIDENT

Un fichier mal formé bloquait le lot.

## ✅ ACTIONS À MENER

- Mettre de côté les fichiers mal formés

## 💡 CE QUE NOUS EN RETENONS

Un lot doit avancer malgré une donnée invalide.
"""

LABELLED = """# Queue overload

**Summary:** The order queue stopped for 20 minutes.

**Impact:** Orders were confirmed late.

**Root Causes:** A consumer leaked connections under load.

## Timeline

- 10:00 queue stops
- 10:20 consumers restarted

**Lessons learned:** Consumers need a connection limit.

**Next steps:**

- Cap consumer connections
"""


def test_question_headings_and_synonyms_name_their_sections():
    keys = {section.key for section in read(QUESTIONS).sections}
    assert {"summary", "impact", "root_cause", "timeline", "lessons", "actions"} <= keys


def test_french_headings_in_capitals_with_emoji_name_their_sections():
    keys = {section.key for section in read(FRENCH_CAPITALS).sections}
    assert {"summary", "timeline", "impact", "root_cause", "actions", "lessons"} <= keys


def test_labelled_paragraphs_are_sections(tmp_path):
    pm = read(LABELLED)
    assert {"summary", "impact", "root_cause", "lessons", "actions"} <= {section.key for section in pm.sections}
    assert [action.text for action in pm.actions] == ["Cap consumer connections"]
    found = check_codes(tmp_path, "2025-06-10-queue.md", LABELLED)
    assert [code for code, _ in found if code in ("PM101", "PM102", "PM305")] == []


def test_a_section_really_missing_is_still_missing(tmp_path):
    text = QUESTIONS.replace("## How did it affect users?\n\nAbout 300 customers got the same invoice twice.\n\n", "")
    found = check_codes(tmp_path, "2025-06-10-cron.md", text)
    assert [message.split('"')[1] for code, message in found if code == "PM101"] == ["## Impact"]


# --- the window stated in a sentence anywhere ------------------------------------------------

def test_the_start_and_the_end_stated_in_separate_sentences():
    pm = read(
        "# Edge errors\n\n## Summary\n\nBeginning around 11:20 UTC on 18 November 2025, the edge returned errors "
        "for most requests. The majority of the impact was resolved by 14:30 UTC.\n\n## Impact\n\nMost sites.\n",
        name="edge.md",
    )
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-11-18 11:20", "2025-11-18 14:30")
    assert pm.source_lines["started"] == 5


def test_a_window_with_a_date_on_each_side_and_its_zone_at_the_end():
    pm = read(
        "# Validation outage\n\nValidation began at 2025-03-28 23:29 and ended at 2025-03-29 02:45 "
        "(all times are US/Pacific).\n",
        name="validation.md",
    )
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-29 06:29", "2025-03-29 09:45")


def test_a_window_in_french_prose_with_twelve_hour_and_z_forms():
    french = read(
        "# Panne\n\n## Résumé\n\nL'incident a débuté à 09h10 le 14 mars 2025 ; le service a été rétabli à 10h05.\n",
        name="panne.md",
    )
    assert (utc(french.started), utc(french.resolved)) == ("2025-03-14 09:10", "2025-03-14 10:05")
    english = read(
        "# Halt\n\nOn 2 May 2025 issuance halted at 3:40 PM Z after a failsafe started. "
        "The incident was resolved at 4:30 PM Z that day.\n",
        name="halt.md",
    )
    assert (utc(english.started), utc(english.resolved)) == ("2025-05-02 15:40", "2025-05-02 16:30")


def test_a_timeline_that_marks_no_start_starts_at_its_first_entry():
    pm = read("# Flags\n\n## Timeline\n\n- 07:30 refresh job fails silently\n- 08:20 stale value noticed\n"
              "- 08:35 job restarted, incident resolved\n", name="2025-02-26-flags.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-02-26 07:30", "2025-02-26 08:35")
    assert pm.source_lines["started"] == 5


# --- context that governs a scope --------------------------------------------------------

def test_a_zone_in_the_timeline_heading_governs_its_entries():
    pm = read("# Checkout latency\n\n## Timeline (times in PDT)\n\n- 08:47 tax service deployed\n"
              "- 09:55 latency back to normal, incident resolved\n", name="2025-07-08-checkout.md")
    assert [utc(event.time) for event in pm.timeline] == ["2025-07-08 15:47", "2025-07-08 16:55"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-07-08 15:47", "2025-07-08 16:55")


def test_a_date_in_a_sentence_of_the_summary_dates_the_timeline(tmp_path):
    text = ("# Relay backlog\n\n## Summary\n\nOn 2025-10-02 the mail relay fell behind.\n\n"
            "## Timeline (all times UTC)\n\n- 17:00 queue depth doubles\n- 18:05 backlog drained; incident resolved\n")
    pm = read(text, name="relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-10-02 17:00", "2025-10-02 18:05")
    assert pm.timeline_date_from == "sentence"
    assert [code for code, _ in check_codes(tmp_path, "relay.md", text) if code == "PM701"] == []


# --- a time can lead any block -----------------------------------------------------------

def test_a_time_can_lead_a_heading():
    pm = read("# Thumbnails\n\n## Timeline\n\n### 09:12 UTC — deploy of resizer 4.2 begins\n\n"
              "The rollout reached every region.\n\n### 09:41 UTC — rollback started\n\n"
              "### 10:04 UTC — thumbnails regenerated, incident resolved\n", name="2025-08-19-thumbs.md")
    assert [(event.line, utc(event.time)) for event in pm.timeline] == [
        (5, "2025-08-19 09:12"), (9, "2025-08-19 09:41"), (11, "2025-08-19 10:04")]
    assert pm.timeline[0].text == "deploy of resizer 4.2 begins"
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-08-19 09:12", "2025-08-19 10:04")


def test_lines_separated_by_br_are_entries_of_their_own():
    pm = read("# Import\n\n## Timeline\n\n02:10 import job starts<br>02:14 import waits on a lock<br>\n"
              "07:05 import completes, incident resolved\n", name="2024-11-19-import.md")
    assert [(event.line, event.text) for event in pm.timeline] == [
        (5, "import job starts"), (5, "import waits on a lock"), (6, "import completes, incident resolved")]


# --- times in more forms -----------------------------------------------------------------

def test_four_digit_times_in_a_timeline():
    pm = read("# DNS\n\n## Timeline\n\nAll times GMT.\n\n- 0915 resolver drained\n- 0922 latency alerts\n"
              "- 1000 resolution back to normal, incident resolved\n", name="2024-06-14-dns.md")
    assert [utc(event.time) for event in pm.timeline] == ["2024-06-14 09:15", "2024-06-14 09:22", "2024-06-14 10:00"]


def test_a_zone_written_before_the_time():
    pm = read("# Login\n\n## Timeline\n\n- CET 14:20 – signing key rotated\n- CET 14:26 – error alert fires\n"
              "- CET 15:05 – error rate back to normal, incident resolved\n", name="2025-01-28-login.md")
    assert [utc(event.time) for event in pm.timeline] == ["2025-01-28 13:20", "2025-01-28 13:26", "2025-01-28 14:05"]
    assert pm.timeline[0].text == "signing key rotated"


# --- action items in any list or table under an action-like heading ----------------------

def test_a_table_naming_the_action_in_other_words_and_items_labelled_todo_done():
    pm = read("# Flags\n\n## Corrective measures\n\n| Improvement | Who | When | State |\n|---|---|---|---|\n"
              "| Fail loudly on timeout | platform team | 2025-03-31 | DONE |\n"
              "| Show the cache age | platform team | 2025-04-30 | DOING |\n\n"
              "- TODO: alert when the cache is stale\n- DONE: test the timeout path\n", name="2025-02-26-flags.md")
    assert [(a.text, a.owner, a.due and a.due.isoformat(), a.status) for a in pm.actions] == [
        ("Fail loudly on timeout", "platform team", "2025-03-31", "done"),
        ("Show the cache age", "platform team", "2025-04-30", "in-progress"),
        ("alert when the cache is stale", None, None, "open"),
        ("test the timeout path", None, None, "done"),
    ]


def test_past_tense_outcomes_are_not_action_items_and_horizons_group_the_rest():
    pm = read("# Queue\n\n## Remediation\n\n- The stuck consumers were restarted\n- The queue was drained by 10:40\n"
              "- Les consommateurs ont été relancés\n\n### Short term\n\n- Add a reconnect loop to the consumers\n\n"
              "### Long term\n\n- Test broker upgrades in staging\n", name="2025-05-20-queue.md")
    assert [(a.text, a.group) for a in pm.actions] == [
        ("Add a reconnect loop to the consumers", "Short term"), ("Test broker upgrades in staging", "Long term")]


def test_an_instruction_that_mentions_the_past_is_still_an_action_item():
    pm = read("# Queue\n\n## Action items\n\n- Document what was changed during the incident\n"
              "- Check that every consumer was restarted after an upgrade\n", name="2025-05-20-queue.md")
    assert len(pm.actions) == 2


# --- other tools' front matter -----------------------------------------------------------

CSTATE = """---
title: Payment gateway timeouts
date: 2025-04-02 09:14:00
resolved: true
resolvedWhen: 2025-04-02 10:02:00
severity: disrupted
affected:
  - Payments API
section: issue
---

Card payments timed out for some customers until the provider rolled back a change.
"""


def test_another_tools_front_matter_is_read_through_its_profile(tmp_path):
    pm = read(CSTATE, name="gateway.md")
    assert pm.front_matter_profile == "cstate"
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-04-02 09:14", "2025-04-02 10:02")
    assert pm.services == ["Payments API"] and pm.severity is None
    codes = {code for code, _ in check_codes(tmp_path, "gateway.md", CSTATE)}
    assert not codes & {"PM003", "PM005"}


def test_a_file_of_ours_is_not_read_through_a_profile(tmp_path):
    ours = CSTATE.replace("resolvedWhen: 2025-04-02 10:02:00\n", "").replace("section: issue\n", "")
    assert read(ours, name="gateway.md").front_matter_profile is None
    assert "PM003" in {code for code, _ in check_codes(tmp_path, "gateway.md", ours)}  # `resolved: true` is ours, wrong


# --- wording rules with precision ----------------------------------------------------------

def blamed(tmp_path, body: str) -> list[str]:
    text = f"# Partner outage\n\n## Summary\n\n{body}\n"
    return [message.split('"')[1] for code, message in check_codes(tmp_path, "2025-06-24-partner.md", text)
            if code == "PM401"]


def test_company_and_product_names_are_not_people(tmp_path):
    assert blamed(tmp_path, "Stripe broke card tokenisation for 40 minutes. GitHub overlooked the webhook retries. "
                            "Acmepay broke again after the Acmepay API changed.") == []
    assert blamed(tmp_path, "Thomas forgot to renew the certificate.") == ["Thomas forgot to"]


def test_a_forward_looking_should_have_blames_nobody(tmp_path):
    assert blamed(tmp_path, "We should have the provider runbook ready before launch.") == []
    assert blamed(tmp_path, "We should have tested the failover.") == ["should have"]


# --- small items ---------------------------------------------------------------------------

def test_an_owner_text_that_carries_its_deadline():
    pm = read("# X\n\n## Action items\n\n- Add a retry budget (Owner: payments team, due 2024-08-01)\n"
              "- Alerter l'astreinte (Responsable : équipe paiement, échéance 2024-09-15)\n", name="2024-07-01-x.md")
    assert [(a.text, a.owner, a.due and a.due.isoformat()) for a in pm.actions] == [
        ("Add a retry budget", "payments team", "2024-08-01"),
        ("Alerter l'astreinte", "équipe paiement", "2024-09-15"),
    ]


def test_phases_stated_inside_a_paragraph_entry():
    pm = read("# Errors\n\n## Timeline\n\n10:12 the error rate alert fires; the on-call acknowledges at 10:17 "
              "and starts a rollback.\n\n10:40 rollback complete, incident resolved.\n", name="2025-06-10-errors.md")
    assert [utc(pm.detected), utc(pm.acknowledged), utc(pm.resolved)] == [
        "2025-06-10 10:12", "2025-06-10 10:17", "2025-06-10 10:40"]


def test_show_says_which_stage_found_each_value_and_on_which_line(tmp_path):
    (tmp_path / "edge.md").write_text(
        "# Edge errors\n\n## Summary\n\nBeginning around 11:20 UTC on 18 November 2025, the edge failed.\n\n"
        "## Timeline\n\n- 11:20 errors start\n- 11:31 alert fires\n- 14:30 incident resolved\n", encoding="utf-8")
    result = run_cli("show", str(tmp_path / "edge.md"), "--format", "json", cwd=tmp_path)
    sources = json.loads(result.stdout)["postmortems"][0]["sources"]
    assert sources["started"] == {"from": "body", "line": 5, "stage": "window_sentence"}
    assert sources["resolved"] == {"from": "body", "line": 11, "stage": "timeline_phase"}
    assert sources["detected"] == {"from": "body", "line": 10, "stage": "timeline_phase"}
    assert sources["title"] == {"from": "body", "line": 1, "stage": "title"}
    text = run_cli("show", str(tmp_path / "edge.md"), cwd=tmp_path).stdout
    assert "(body, line 5) by window sentence" in text


def test_another_tools_status_updates_are_the_timeline():
    pm = read(CSTATE + '\n*Resolved* - Payments succeed again. {{< track "2025-04-02 10:02:00" >}}\n\n'
              '*Investigating* - Card payments time out. {{< track "2025-04-02 09:14:00" >}}\n', name="gateway.md")
    assert [(utc(event.time), event.text) for event in pm.timeline] == [
        ("2025-04-02 09:14", "Investigating: Card payments time out."),
        ("2025-04-02 10:02", "Resolved: Payments succeed again."),
    ]
    assert pm.timeline[-1].phase == "resolved"
    assert pm.section("timeline").labelled  # the updates are the timeline section: no PM101 for it
