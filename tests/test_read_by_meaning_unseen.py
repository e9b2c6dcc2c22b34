"""Sections, action items and severity in shapes the first classifier was never
shown (issue 22, second held-out part): one test per class, each on its own text.
Labels without bold, bare label lines, documents whose headings are all at level
one, French and English question headings, status-page updates, a severity
stated in a sentence, and sections the content shows when no name does."""

from __future__ import annotations

import json

from conftest import run_cli

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.headings import cued_key
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(default_timezone="UTC")


def read(text: str, name: str = "2025-06-10-x.md"):
    return read_postmortem(text, path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", settings=SETTINGS)


def keys(pm) -> set[str]:
    return {section.key for section in pm.sections}


def pm101(tmp_path, name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / name), "--format", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PM101"]


def test_a_plain_label_leading_a_paragraph_opens_the_section_it_names():
    pm = read("""# Queue stall in the billing workers

Date: 2025/04/02

Overview: the billing workers stopped taking jobs for forty minutes after a deploy.

Impact: invoices were sent late to about 300 customers.

Root cause: a lock taken at start-up was never released when the health check restarted a worker.

Lessons learned: a restart path needs its own test.
""")
    assert {"summary", "impact", "root_cause", "lessons"} <= keys(pm)
    # A date line or any other fact is no section.
    assert not {s.key for s in pm.sections if s.title.lower().startswith("date")}


def test_a_sentence_with_a_colon_is_not_a_label():
    pm = read("""# Cache miss storm

We saw one thing clearly: the impact grew with every retry of the clients.

The cause of all this was simple: a missing index on the sessions table.
""")
    assert not {"impact", "root_cause"} & keys(pm)


def test_a_bare_section_name_on_its_own_line_opens_the_section():
    pm = read("""# Uploads refused

## Postmortem

Summary

Uploads failed for forty minutes after a credential rotation.

Root cause

The workers kept a revoked key in memory.
""")
    assert {"summary", "root_cause"} <= keys(pm)


def test_when_every_heading_is_at_level_one_the_first_is_a_section_not_the_title():
    pm = read("""# Problem description

Nodes rejected a valid block for five hours.

# Impact

Nine percent of validators missed attestations.

# Cause of the issue

An uncaught overflow in the revert decoder.
""")
    assert {"summary", "impact", "root_cause"} <= keys(pm)


def test_question_headings_in_french_and_english_are_read_by_meaning():
    named = {
        "Qu'allons-nous changer ?": "actions",
        "Qu'allons-nous améliorer ?": "actions",
        "Et maintenant ?": "actions",
        "What are we doing?": "actions",
        "What will we change?": "actions",
        "What's next?": "actions",
        "Why": "root_cause",
        "Why did the servers stop?": "root_cause",
        "What users saw": "impact",
        "What customers experienced": "impact",
        "Issue description": "summary",
    }
    assert {text: cued_key(text) for text in named} == named


def test_a_long_question_heading_that_opens_with_a_section_phrase_is_that_section():
    assert cued_key("What we're doing to prevent this from happening again") == "actions"
    assert cued_key("Qu'allons-nous faire pour que cela ne se reproduise plus jamais ?") == "actions"
    # A long title is still no section because a cue word sits somewhere inside it.
    assert cued_key("Checkout outage caused by a stale cache after the Monday release") == ""


def test_status_page_updates_in_bold_are_the_timeline():
    pm = read("""# API slow

**Resolved**
Response times are back to normal.
Posted Nov 04, 2025 - 15:30 UTC

**Monitoring**
A fix has been deployed.
Posted Nov 04, 2025 - 15:09 UTC

**Investigating**
We are looking into slow responses.
Posted Nov 04, 2025 - 14:49 UTC
""")
    assert "timeline" in keys(pm)


def test_a_single_bold_status_word_is_not_a_timeline():
    pm = read("""# API slow

## Summary

Slow responses for an hour.

**Resolved**
""")
    assert "timeline" not in {s.key for s in pm.sections if s.title == "Resolved"}


def test_a_severity_stated_in_a_sentence_is_read_when_it_is_clear():
    stated = read("""# Licence outage

We publish a report for every severity 1 or severity 2 incident. This was a severity 2 incident.

## What happened

Nobody could apply for a licence for three hours.
""").stated
    assert stated["severity"].value == "P2"
    assert read("""# Outage

This incident was rated SEV-3 by the on-call lead.

## Summary

Slow pages.
""").stated["severity"].value == "P3"
    assert read("""# Outage

We declared a SEV1 at 10:02 when checkout stopped.

## Summary

Checkout stopped.
""").stated["severity"].value == "P1"
    assert "severity" not in read("""# Outage

Severity went from SEV3 to SEV1 within the hour.

## Summary

Slow pages.
""").stated
    # Two levels and no sentence naming one: unclear, so nothing is read.
    assert "severity" not in read("""# Outage

We write a report for severity 1 and severity 2 incidents.

## Summary

Slow pages.
""").stated


def test_a_fixes_list_of_work_to_do_is_the_action_items_when_nothing_else_is(tmp_path):
    text = """# Postgres connections refused

## What happened

New connections failed for two hours.

## Timeline

- 14:20 the proxy starts refusing new sessions
- 16:05 the second host is restarted; connections succeed

## Impact

About 140 apps saw errors.

## Why

A catalogue entry with an empty host name broke the proxy's reload.

## Fixes

- Keep the previous routing table when a reload fails
- Validate catalogue entries before they are written

## Lessons learned

A reload must never make things worse than no reload.
"""
    pm = read(text)
    assert len(pm.actions) == 2
    assert "root_cause" in keys(pm)
    assert pm101(tmp_path, "2026-01-14-pg.md", text) == []


def test_a_section_whose_content_is_a_timeline_is_not_missing(tmp_path):
    text = """# Panne du réseau

## Que s'est-il passé ?

Le cœur de réseau est tombé ; une boucle saturait les équipements.

## Comment avons-nous rétabli les services ?

- 11:30 : le cœur de réseau tombe
- 15:00 : la messagerie repart
- 18:15 : la boucle est supprimée

## Quelles conséquences ?

Une soixantaine d'examens reprogrammés.

## Pourquoi la panne a-t-elle duré ?

La boucle était difficile à localiser.

## Et maintenant ?

- Activer la protection contre les boucles sur tous les commutateurs

## Ce que nous retenons

Un cœur de réseau unique est un point de panne unique.
"""
    assert pm101(tmp_path, "2025-01-08-reseau.md", text) == []


def test_a_list_that_commits_to_work_is_the_action_items_under_any_label(tmp_path):
    pm = read("""# Uploads refused

Summary

Uploads failed for forty minutes after a credential rotation.

Mitigation

- We will make the workers reload their credentials when the secret changes.
- We will add a synthetic upload that pages the on-call engineer when it fails.
""")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2
    # What was done, under the same label, stays what was done.
    done = read("""# Uploads refused

Mitigation

- Restarted the workers with the new credential.
- The old key was removed from the vault.
""")
    assert "actions" not in keys(done)


def test_a_flat_document_takes_its_title_from_no_section_heading():
    pm = read("""# Problem description

Nodes rejected a valid block.

# Impact

Validators missed attestations.

# Cause of the issue

An uncaught overflow.
""", name="2025-01-21-invalid-block.md")
    assert pm.title == "Invalid block"


def test_a_status_page_kept_as_issues_maps_its_times_and_keeps_its_keys(tmp_path):
    text = """---
title: "API is down"
labels: [status, api]
state: closed
created_at: 2025-03-06T10:00:00Z
closed_at: 2025-03-06T10:40:00Z
---

The API was down for forty minutes.
"""
    (tmp_path / "2025-03-06-api.md").write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "2025-03-06-api.md"), "--format", "json", cwd=tmp_path)
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "PM005" not in codes and "PM003" not in codes
    pm = read(text, name="2025-03-06-api.md")
    assert pm.resolved is not None and pm.resolved.strftime("%H:%M") == "10:40"


def test_items_marked_done_or_todo_without_a_colon_under_any_follow_up_heading():
    for heading in ("Work items", "Tâches", "Préconisations", "Recommendations", "Open items"):
        pm = read(f"""# Beacon stall

## {heading}

- [DONE] Validate attestations against the head state
- TODO Cache rebuilt states per epoch
- **DOING** - Add an alert on attestation processing time
- Document the runbook
""")
        assert [(item.text, item.status) for item in pm.actions] == [
            ("Validate attestations against the head state", "done"),
            ("Cache rebuilt states per epoch", "open"),
            ("Add an alert on attestation processing time", "in-progress"),
            ("Document the runbook", "open"),
        ], heading


def test_a_blaming_word_the_sentence_denies_blames_nobody(tmp_path):
    front = """---
title: Cache outage
severity: P2
services: [cache]
started: 2025-03-07 10:00
resolved: 2025-03-07 11:00
---

## Summary

"""

    def pm401(body: str) -> list[str]:
        (tmp_path / "2025-03-07-w.md").write_text(front + body + "\n", encoding="utf-8")
        result = run_cli("check", str(tmp_path / "2025-03-07-w.md"), "--format", "json", cwd=tmp_path)
        return [d["message"] for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PM401"]

    for denied in ("This was not a human error: the step ran without a confirmation.",
                   "We don't call it operator error; the console accepted the command.",
                   "No one was careless, and there was no negligence.",
                   "Ce n'est pas une erreur humaine : le script s'exécutait sans confirmation.",
                   "Friday broke the traffic record of the year."):
        assert pm401(denied) == [], denied
    # The same words, stated, still warn; a negation in an earlier sentence does not excuse them.
    assert pm401("The outage was caused by human error.")
    assert pm401("Nothing was missing. It was human error.")
    assert pm401("Le déploiement relevait d'une erreur humaine.")


def test_more_synonyms_of_each_section_are_read_by_their_words():
    named = {
        "Time line": "timeline",
        "Key events": "timeline",
        "Incident log": "timeline",
        "Analyse": "root_cause",
        "Technical analysis": "root_cause",
        "Axes d'amélioration": "actions",
        "How are we preventing this from happening again?": "actions",
        "Comment éviter que cela se reproduise ?": "actions",
        "Étapes suivantes": "actions",
        "What could we have done better?": "lessons",
    }
    assert {text: cued_key(text) for text in named} == named
    # A cue word behind a word of no section keeps the heading unclassified.
    assert cued_key("Detection events") == ""
    assert cued_key("Impact analysis") == "impact"


def test_action_items_written_as_sentences_or_tables_in_other_words(tmp_path):
    def actions(body: str):
        return read(f"# Queue lag\n\n## What we are doing\n\n{body}\n").actions

    sentences = actions("We will add an alert on the queue depth. Nous allons isoler les workers de facturation.")
    assert [item.text for item in sentences] == [
        "We will add an alert on the queue depth", "Nous allons isoler les workers de facturation"]
    assert actions("We will make these changes:\n\n- Add an alert on the queue depth")[0].text == (
        "Add an alert on the queue depth")
    tickets = actions("| Ticket | Description |\n|---|---|\n| OPS-1 | Add an alert on the queue depth |\n"
                      "| OPS-2 | Move the workers to their own pool |")
    assert [(item.text, item.references) for item in tickets] == [
        ("Add an alert on the queue depth", ("OPS-1",)), ("Move the workers to their own pool", ("OPS-2",))]
    teams = actions("| # | Remediation | Team |\n|---|---|---|\n| 1 | Add an alert on the queue depth | SRE |")
    assert [(item.text, item.owner) for item in teams] == [("Add an alert on the queue depth", "SRE")]
    # A prose paragraph that commits to nothing is no item.
    assert actions("The team met twice to agree on these items.") == []
