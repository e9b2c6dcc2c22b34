"""Sections, action items and the false alarms they raise, one test per class of
failure seen on a part of the archive corpus nobody had worked on (issue 22,
third pass). Each class is shown on its own small postmortem, in English and
French, never on a file of the corpus: a section recognised by what its
heading's words or its label say in any form, an action list recognised by
what its items or its introduction commit to, and wording rules that stay
quiet on sentences about things."""

from __future__ import annotations

from reading_helpers import check_codes, read


def keys(pm) -> list[str]:
    return [section.key for section in pm.sections]


def missing_sections(tmp_path, name: str, text: str) -> list[str]:
    return [message for code, message in check_codes(tmp_path, name, text) if code == "PM101"]


# --- a status page's update stages written as plain lines of their own ----------------------


def test_update_stages_on_plain_lines_are_the_timeline(tmp_path):
    text = ("Slow dashboard\n\nIncident Report for Gridlake\n\nResolved\n\nDashboards load normally again.\n\n"
            "Posted Mar 02, 2025 - 11:20 UTC\n\nMonitoring\n\nA fix is deployed; we are watching.\n\n"
            "Posted Mar 02, 2025 - 10:50 UTC\n\nInvestigating\n\nDashboards take minutes to load.\n\n"
            "Posted Mar 02, 2025 - 10:05 UTC\n")
    assert "timeline" in keys(read(text, "2025-03-02-dashboard.md"))
    assert not any("Timeline" in message for message in missing_sections(tmp_path, "2025-03-02-dashboard.md", text))


def test_french_update_stages_on_plain_lines_are_the_timeline():
    text = ("Lenteurs de la messagerie\n\nRésolu\n\nLa messagerie répond normalement.\n\n"
            "Identifié\n\nUn disque plein ralentit les serveurs.\n\nInvestigation en cours\n\n"
            "Nous analysons des lenteurs.\n")
    assert "timeline" in keys(read(text, "2025-04-03-messagerie.md"))


def test_a_single_word_on_its_own_line_is_not_a_timeline():
    text = "# Cache purge\n\n## Summary\n\nA purge emptied the cache.\n\nResolved\n\nThe cache is warm.\n"
    assert "timeline" not in keys(read(text, "2025-04-03-cache.md"))


# --- a short plain label read by its words, as a bold one is ------------------------------------


def test_a_short_plain_label_above_a_list_is_read_by_its_words():
    text = ("# Panne du stockage\n\nLe stockage a refusé les écritures pendant une heure.\n\n"
            "Mesures envisagées :\n\n- Ajouter une alerte sur le taux de remplissage.\n"
            "- Purger les instantanés de plus de trente jours.\n")
    pm = read(text, "2025-06-11-stockage.md")
    assert [item.text for item in pm.actions] == [
        "Ajouter une alerte sur le taux de remplissage.", "Purger les instantanés de plus de trente jours."]


def test_a_short_label_leading_a_paragraph_opens_the_section_its_words_name():
    text = ("# Queue stall\n\nThe consumers stopped for an hour.\n\n"
            "Anyway, takeaways: a consumer that stops without a log line is worse than one that crashes.\n")
    assert "lessons" in keys(read(text, "2025-06-11-queue.md"))


def test_a_short_label_before_a_name_or_two_opens_no_section():
    text = ("# Uploads failing\n\n## Summary\n\nUploads failed for an hour.\n\n"
            "This incident affected: Uploads (upload.example.org).\n")
    assert "impact" not in keys(read(text, "2025-11-04-uploads.md"))


def test_a_sentence_ending_in_a_colon_is_still_no_label():
    text = ("# Queue stall\n\n## Summary\n\nThe consumers stopped.\n\n"
            "The lessons we drew from the first outage of this kind were these:\n\n- a log line\n- a crash\n")
    assert "lessons" not in keys(read(text, "2025-06-11-queue.md"))


# --- a list introduced as the team's ongoing work ------------------------------------------------


def test_a_list_introduced_as_what_the_team_is_doing_is_the_action_items():
    text = ("# Mail delays\n\nMail was delayed for two hours.\n\nHere is what we are doing about it:\n\n"
            "- Alert when the outbound queue grows for ten minutes.\n- Split the relay pool by tenant.\n")
    pm = read(text, "2025-07-01-mail.md")
    assert [item.text for item in pm.actions] == [
        "Alert when the outbound queue grows for ten minutes.", "Split the relay pool by tenant."]


# --- a checklist under a heading no cue names ----------------------------------------------------


def test_a_checklist_under_an_unnamed_heading_is_the_action_items():
    text = ("# Panne du proxy\n\n## Résumé\n\nLe proxy a refusé les connexions.\n\n"
            "## Ce qui change\n\n- [x] Limiter le nombre de connexions par client\n"
            "- [ ] Tester la configuration avant de la recharger\n")
    pm = read(text, "2025-02-11-proxy.md")
    assert [(item.text, item.status) for item in pm.actions] == [
        ("Limiter le nombre de connexions par client", "done"),
        ("Tester la configuration avant de la recharger", "open"),
    ]


def test_a_checklist_under_a_named_section_of_another_kind_stays_there():
    text = ("# Proxy outage\n\n## Action items\n\n- Add a canary\n\n## Sign-off\n\n"
            "- [x] Reviewed by the team lead\n")
    pm = read(text, "2025-02-11-proxy.md")
    assert [item.text for item in pm.actions] == ["Add a canary"]


# --- a sub-heading naming another section under a named one --------------------------------------


def test_a_sub_heading_naming_a_section_found_nowhere_else_is_that_section(tmp_path):
    text = ("# Login failures\n\n## Summary\n\nLogins failed for an hour.\n\n### Customers affected\n\n"
            "About 4,000 customers could not log in.\n\n## Root cause\n\nAn expired key.\n")
    assert "impact" in keys(read(text, "2025-08-02-login.md"))
    assert not any('"## Impact"' in message for message in missing_sections(tmp_path, "2025-08-02-login.md", text))


def test_a_sub_heading_of_a_section_already_named_stays_a_part_of_it():
    text = ("# Login failures\n\n## Impact\n\nLogins failed.\n\n## Root cause\n\nAn expired key.\n\n"
            "### Why it happened\n\nNobody owned the key.\n")
    pm = read(text, "2025-08-02-login.md")
    assert keys(pm).count("root_cause") == 1


# --- words in their other forms --------------------------------------------------------------------


def test_a_french_verb_is_recognised_in_its_other_forms():
    pm = read("# Panne\n\n## Ce que l'on retient\n\nUn disque plein se surveille.\n", "2025-11-04-panne.md")
    assert keys(pm) == ["lessons"]


def test_a_technical_account_of_the_failure_is_the_root_cause():
    pm = read("# Outage\n\n## Technical explanation\n\nThe storage layer had no fallback.\n",
              "2025-08-07-outage.md")
    assert keys(pm) == ["root_cause"]


# --- "What went wrong": the cause, unless the document states the cause elsewhere -----------------


def test_what_went_wrong_alone_is_the_root_cause():
    pm = read("# Build errors\n\n## Timeline\n\n- 09:00 builds fail\n\n### What went wrong\n\n"
              "The cache was never expired.\n", "2025-09-16-builds.md")
    assert "root_cause" in keys(pm)
    assert "lessons" not in keys(pm)


def test_what_went_wrong_beside_a_root_cause_is_a_lesson():
    pm = read("# Build errors\n\n## Root cause\n\nThe cache was never expired.\n\n## What went wrong\n\n"
              "Nobody watched the array.\n", "2025-09-16-builds.md")
    assert keys(pm) == ["root_cause", "lessons"]


# --- wording: "should have" about a thing ----------------------------------------------------------


def test_should_have_about_what_a_thing_should_have_done_blames_nobody(tmp_path):
    text = ("# Dropped jobs\n\n## Summary\n\nEvery job that should have been retried was dropped, and the "
            "requests which should have reached the cache went to the database.\n")
    found = [m for code, m in check_codes(tmp_path, "2025-03-04-jobs.md", text) if code == "PM401"]
    assert found == []


def test_should_have_about_a_person_still_blames(tmp_path):
    text = "# Dropped jobs\n\n## Summary\n\nThe operator should have checked the queue before the restart.\n"
    found = [m for code, m in check_codes(tmp_path, "2025-03-04-jobs.md", text) if code == "PM401"]
    assert found


# --- a metric computed from two moments read off one timeline entry --------------------------------


def test_a_stated_metric_is_not_compared_with_two_moments_of_one_entry(tmp_path):
    # The start is not stated: the reader takes the first entry, which is also the
    # detection. A TTD of 0 is then an artefact, not the team's number being wrong.
    text = ("# Mail relay stalled\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
            "| 2025-02-03 09:10 | Queue depth alert fires |\n| 2025-02-03 09:40 | Relay restarted; resolved |\n\n"
            "## Stats\n\n- Time to detection: 12 minutes\n")
    found = [m for code, m in check_codes(tmp_path, "2025-02-03-relay.md", text) if code == "PM603"]
    assert found == []


def test_a_stated_metric_that_two_entries_contradict_is_still_reported(tmp_path):
    text = ("# Mail relay stalled\n\n## Timeline\n\n| Time | Event |\n|---|---|\n"
            "| 2025-02-03 09:00 | Outage begins |\n| 2025-02-03 09:10 | Queue depth alert fires |\n"
            "| 2025-02-03 09:40 | Relay restarted; resolved |\n\n## Stats\n\n- Time to detection: 25 minutes\n")
    found = [m for code, m in check_codes(tmp_path, "2025-02-03-relay.md", text) if code == "PM603"]
    assert found


# --- a section stated on a key-value line of a paragraph -------------------------------------------


def test_a_key_value_line_of_a_paragraph_states_its_section(tmp_path):
    text = ("# Panne du stockage objet\n\nRéférence : 4412\nDébut : 2025-05-02 10:00\n"
            "Impact : écritures refusées pour tous les clients de la région\n\nLe stockage est revenu à 11:00.\n")
    assert "impact" in keys(read(text, "2025-05-02-stockage.md"))
    assert not any('"## Impact"' in message for message in missing_sections(tmp_path, "2025-05-02-stockage.md", text))


def test_a_sentence_with_a_colon_inside_a_paragraph_states_no_section():
    text = ("# Storage outage\n\n## Summary\n\nWrites failed for an hour.\nThe impact was clear to us: "
            "many writes failed.\n")
    assert "impact" not in keys(read(text, "2025-05-02-storage.md"))


# --- a list whose items are instructions: work to do, under a label or heading no cue names ---------


def test_a_list_of_instructions_under_a_short_label_is_the_action_items():
    text = ("# Certificate expiry\n\nThe API certificate expired at 09:00 and clients failed for 40 minutes.\n\n"
            "Hardening:\n\n- Renew certificates thirty days before they expire.\n"
            "- Alert on every certificate that expires within two weeks.\n- Never deploy a certificate by hand.\n")
    pm = read(text, "2025-10-02-cert.md")
    assert [item.text for item in pm.actions] == [
        "Renew certificates thirty days before they expire.",
        "Alert on every certificate that expires within two weeks.",
        "Never deploy a certificate by hand.",
    ]


def test_french_instructions_under_a_heading_no_cue_names_are_the_action_items(tmp_path):
    text = ("# Panne du certificat\n\n## Résumé\n\nLe certificat de l'API a expiré.\n\n## Durcissement\n\n"
            "- Renouveler les certificats trente jours avant leur expiration.\n"
            "- Ajouter une alerte sur les certificats qui expirent sous deux semaines.\n")
    pm = read(text, "2025-10-02-certificat.md")
    assert len(pm.actions) == 2
    assert not [m for code, m in check_codes(tmp_path, "2025-10-02-certificat.md", text) if code == "PM305"]


def test_a_list_of_what_was_done_is_no_action_items():
    text = ("# Certificate expiry\n\n## Summary\n\nThe API certificate expired.\n\n## Recovery steps\n\n"
            "- Renewed the certificate by hand.\n- The clients were restarted.\n\n"
            "What we did:\n\n- Restarted the proxies.\n- Cleared the caches.\n")
    assert read(text, "2025-10-02-cert.md").actions == []


def test_a_list_mixing_instructions_and_facts_is_no_action_items():
    text = ("# Certificate expiry\n\n## Summary\n\nThe API certificate expired.\n\n## Notes\n\n"
            "- Renew happens through a cron job.\n- Clients retried for 40 minutes.\n")
    assert read(text, "2025-10-02-cert.md").actions == []


# --- more of the words a section goes by, each read by its stem --------------------------------------


def test_headings_in_other_common_wordings_are_classified():
    from mkdocs_postmortem.read.headings import cued_key

    named = {
        "Scope of the outage": "impact",
        "Périmètre touché": "impact",
        "Downtime": "impact",
        "What broke": "root_cause",
        "What failed, and how": "root_cause",
        "Diagnostic": "root_cause",
        "Explication": "root_cause",
        "Bilan": "lessons",
        "Our commitments": "actions",
        "Nos engagements": "actions",
        "Hardening": "actions",
        "Durcissement": "actions",
        "Roadmap": "actions",
    }
    assert {heading: cued_key(heading) for heading in named} == named
