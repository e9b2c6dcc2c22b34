"""Sections, action items and front matter read by meaning (issue 22): one
test per class, each on its own text. Headings and labels in wordings no list
holds, action items in the shapes teams write them, other tools' front matter,
and wording that blames nobody."""

from __future__ import annotations

from reading_helpers import check_codes, read, utc

from mkdocs_postmortem.read.headings import cued_key


def keys(pm) -> list[str]:
    return [section.key for section in pm.sections]


# --- one classifier: words by their stems, in any phrasing ---------------------------------


def test_headings_in_unlisted_phrasings_are_classified_by_their_words():
    named = {
        "Blameless root cause": "root_cause",
        "What was the cause?": "root_cause",
        "Why it happened": "root_cause",
        "POURQUOI C'EST ARRIVÉ": "root_cause",
        "Who was affected?": "impact",
        "Conséquences": "impact",
        "DETAILED DESCRIPTION OF IMPACT": "impact",
        "What are we changing?": "actions",
        "Follow-up": "actions",
        "REMEDIATION AND PREVENTION": "actions",
        "Ce que nous allons faire": "actions",
        "Leadup": "timeline",
        "Sequence of events": "timeline",
        "What didn't go so well?": "lessons",
        "Where did we get lucky?": "lessons",
        "Conclusions": "lessons",
        "CE QUE NOUS RETENONS": "lessons",
        "🔥 DESCRIPTION DE L'INCIDENT": "summary",
        "3. Root cause": "root_cause",
    }
    assert {text: cued_key(text) for text in named} == named


def test_headings_that_name_no_section_stay_unclassified():
    # Words of a section inside a heading about something else do not make it that section.
    for text in ("Detection", "Response", "Appendix", "Responders", "Related records", "Glossary",
                 "How the cache works", "Background", "Annex: dashboards",
                 "Exports comptables bloqués : la file d'attente des tâches saturée",
                 "Checkout outage caused by a stale cache after the Monday release",
                 "10:42 Root cause identified", "2025-03-04 Impact grows to all regions"):
        assert cued_key(text) in ("", "resolution", "dates", "metrics", "severity"), text


def test_a_bold_line_alone_opens_a_section_as_a_heading_does():
    pm = read("""# Ledger lock

**Summary:** a migration locked the ledger.

**Action Items:**

- Lint migrations

**Lessons Learned**

**What went well**

- The alert fired quickly.

**Timeline**

- 09:58 migration applied
""")
    found = keys(pm)
    assert "lessons" in found and "timeline" in found
    assert [item.text for item in pm.actions] == ["Lint migrations"]


def test_french_labels_with_a_space_before_the_colon_open_sections():
    pm = read("""# Incident annuaire

**Résumé :** l'annuaire ne répondait plus.

**Plan d'actions :**

- FAIT : réactiver la rotation des journaux
- À FAIRE : superviser l'espace disque

**Ce qui a bien fonctionné / ce qui a moins bien fonctionné :**

- L'alerte a été rapide.
""")
    assert {"summary", "actions", "lessons"} <= set(keys(pm))
    assert [(item.text, item.status) for item in pm.actions] == [
        ("réactiver la rotation des journaux", "done"), ("superviser l'espace disque", "open")]


def test_a_section_under_another_name_is_never_pm101(tmp_path):
    text = """---
started: 2025-05-27 02:00
resolved: 2025-05-27 02:38
severity: P3
---

# Search results empty

## What happened?

The index was dropped during a rebuild.

## Who was affected?

Every visitor who searched.

## What was the cause?

The alias swap step had been removed.

## Sequence of events

- 02:00 UTC rebuild starts
- 02:38 UTC results are back

## What didn't go so well?

- The refactor had no test.

## What are we changing?

- [ ] Restore the alias swap
"""
    assert [code for code, _ in check_codes(tmp_path, "2025-05-27-search.md", text) if code == "PM101"] == []


# --- one action reader ---------------------------------------------------------------------


def test_items_grouped_under_time_horizons_are_actions_and_past_outcomes_are_not():
    pm = read("""# Export late

## Mitigation

- The export was restarted on a healthy replica.
- Analysts were told the figures would be late.

## Follow-up

### Immediate

- Make the export skip rebuilding replicas (Owner: data platform, due 2025-02-20)

### Long term

- Run the export from a snapshot
""")
    items = pm.actions
    assert [item.text for item in items] == ["Make the export skip rebuilding replicas", "Run the export from a snapshot"]
    assert (items[0].owner, str(items[0].due), items[0].group) == ("data platform", "2025-02-20", "Immediate")


def test_a_table_cell_owner_that_carries_its_deadline_is_split():
    pm = read("""# Queue stalled

## Action items

| Task | Owner | Status |
|---|---|---|
| Add a dead-letter queue | payments team, due 2024-08-01 | TODO |
""")
    item = pm.actions[0]
    assert (item.text, item.owner, str(item.due), item.status) == (
        "Add a dead-letter queue", "payments team", "2024-08-01", "open")


# --- other tools' front matter -------------------------------------------------------------


def test_a_status_page_export_is_read_and_its_keys_are_not_ours(tmp_path):
    text = """---
name: Login errors for SSO customers
status: resolved
impact: major
created_at: 2025-11-04T15:02:11.000Z
started_at: 2025-11-04T14:48:00.000Z
resolved_at: 2025-11-04T16:05:52.000Z
shortlink: https://stspg.io/abc123
components:
  - name: Single sign-on
    status: major_outage
incident_updates:
  - status: resolved
    body: Logins work again.
---

# Login errors

## Summary

SSO logins failed.
"""
    pm = read(text)
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-11-04 14:48", "2025-11-04 16:05")
    codes = [code for code, _ in check_codes(tmp_path, "2025-11-04-sso.md", text)]
    assert "PM003" not in codes and "PM005" not in codes


def test_a_jekyll_status_post_maps_its_start_and_resolution(tmp_path):
    text = """---
layout: post
title: Elevated errors in the EU cluster
status: resolved
severity: degradation
date: 2025-08-21 07:40 UTC
resolvedDate: 2025-08-21 09:05 UTC
services: [api]
---

A storage node ran out of inodes.
"""
    pm = read(text)
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-08-21 07:40", "2025-08-21 09:05")
    codes = [code for code, _ in check_codes(tmp_path, "2025-08-21-eu.md", text)]
    assert "PM003" not in codes and "PM005" not in codes


def test_a_site_generator_post_date_is_its_publication_not_the_incident(tmp_path):
    text = """---
title: "Postmortem: webhook deliveries stalled"
date: 2025-10-06T10:00:00+02:00
draft: false
slug: webhooks-stalled
weight: 10
aliases: [/blog/webhooks]
layout: post
permalink: /webhooks/
sidebar_position: 3
author: Delivery team
---

# Webhook deliveries stalled

## Timeline

2025-09-30, all times UTC.

- 14:12 a slow endpoint
- 16:05 backlog delivered
"""
    pm = read(text)
    assert (utc(pm.started), str(pm.published)) == ("2025-09-30 14:12", "2025-10-06")
    codes = [code for code, _ in check_codes(tmp_path, "webhooks.md", text)]
    assert "PM005" not in codes and "PM003" not in codes


def test_an_incident_platform_export_keeps_its_lifecycle_and_reads_its_milestones(tmp_path):
    text = """---
incident_number: 4711
title: Checkout errors
urgency: high
status: resolved
priority: P1
started_at: 2025-07-01T10:04:00Z
resolved_at: 2025-07-01T11:30:00Z
escalation_policy: Payments
---

# Checkout errors

## Summary

Checkout failed for some cards.
"""
    pm = read(text)
    assert (utc(pm.started), utc(pm.resolved), pm.status) == ("2025-07-01 10:04", "2025-07-01 11:30", None)
    codes = [code for code, _ in check_codes(tmp_path, "2025-07-01-checkout.md", text)]
    assert "PM003" not in codes and "PM005" not in codes


# --- wording -------------------------------------------------------------------------------


def test_a_vendor_introduced_as_such_is_not_a_person(tmp_path):
    text = """---
started: 2025-12-03 10:20
resolved: 2025-12-03 12:05
severity: P3
---

# Reset emails delayed

## Root cause

Postwing, our email provider, throttled the account. Postwing failed to notify us, and when we
switched to our fallback provider Relaymint, Relaymint broke the signature of our emails.
"""
    assert [m for code, m in check_codes(tmp_path, "2025-12-03-mail.md", text) if code == "PM401"] == []


def test_should_have_followed_by_a_thing_looks_forward_and_a_participle_still_blames(tmp_path):
    text = """---
started: 2025-12-03 10:20
resolved: 2025-12-03 12:05
severity: P3
---

# Reset emails delayed

## Lessons learned

- We should have a separate sending account ready before the next campaign.
- We should have the fallback provider tested every quarter.
- We should have monitoring on the throttle by March.
- The on-call should have checked the bounce rate.
"""
    found = [m for code, m in check_codes(tmp_path, "2025-12-03-mail.md", text) if code == "PM401"]
    assert len(found) == 1 and "should have" in found[0]


def test_a_section_stated_on_one_labelled_line_is_present():
    pm = read("""# Search outage

## Summary

| Incident ID | 2024-05-14 search | Start | 2024-05-14 08:02 |
|---|---|---|---|
| Impact | Searches returned no results for 95 minutes. | | |

- **Root cause:** the cluster pointed at an empty index.
- **Lessons:** [to be written]
""")
    found = {section.key: section.line for section in pm.sections if section.key}
    assert "impact" in found and "root_cause" in found
    assert "lessons" not in found  # a placeholder states nothing


def test_a_callout_titled_in_bold_is_the_section_it_names():
    pm = read("""# Node failures

> ℹ️ **Executive summary**
> A connection spike moved a node to an unresponsive state.

## Timeline

- 00:27 UTC connection spike
""")
    assert "summary" in keys(pm)


def test_a_sentence_that_commits_to_work_above_a_list_introduces_action_items(tmp_path):
    pm = read("""# Outage: issuance halted

On 15 December 2025 at 15:40Z a network disruption halted issuance.

We will make the following changes:

- Scope the failsafe to the datacenter that trips it
- Alert on the rate of successful issuance

The disruption lasted three minutes:

- the failsafe tripped
- the team restarted issuance
""")
    assert [item.text for item in pm.actions] == [
        "Scope the failsafe to the datacenter that trips it", "Alert on the rate of successful issuance"]


def test_short_labels_in_a_list_are_read_by_their_words():
    pm = read("""# Tableau de bord

## Contexte

* Description de l'incident : le tableau de bord affichait des montants nuls.
* Causes identifiées de l'incident : le fichier source a changé de format.
* Ce qui a fonctionné correctement : le signalement rapide d'un agent.
* Root cause identified at 10:40 by the on-call after a long search
""")
    found = {section.key: section.line for section in pm.sections if section.key}
    assert found == {"summary": 5, "root_cause": 6, "lessons": 7}


def test_a_table_whose_first_header_names_the_action_in_other_words():
    pm = read("""# Queue stalled

## Follow-up

| Remediation | Ticket |
|---|---|
| Add a dead-letter queue | OPS-12 |
| Validate partner messages | OPS-13 |

| Corrective action | Link |
|---|---|
| Alert on queue depth | OPS-14 |
""")
    assert [item.text for item in pm.actions] == [
        "Add a dead-letter queue", "Validate partner messages", "Alert on queue depth"]


def test_labelled_paragraphs_under_an_action_heading_are_action_items():
    pm = read("""# Queue stalled

## Next steps

We reviewed the backlog with the orders team.

**Add a dead-letter queue** — Owner: Orders — Due: 2025-11-01

TODO: validate partner messages at the edge (Owner: Integrations)

**Short term**

- Alert on queue depth
""")
    assert [(item.text, item.owner, item.status) for item in pm.actions] == [
        ("Add a dead-letter queue", "Orders", "open"),
        ("validate partner messages at the edge", "Integrations", "open"),
        ("Alert on queue depth", None, "open"),
    ]
