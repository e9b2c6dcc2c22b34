"""The timeline pipeline on classes of timelines the second held-out part
showed it could not read (issue 22): a time column named by its zone alone,
headings that are only a time with the moment told below them, a timeline
written as a log in a fenced block, status updates whose time is written
after their message, and a timeline told in prose, one paragraph per moment
with the time inside the sentence. Each test is written on its own text, in
English and in French, never on a file of the corpus."""

from __future__ import annotations

from reading_helpers import read, times, utc

# --- a time column named by its zone alone -------------------------------------------------

def test_a_column_headed_by_a_zone_is_the_time_column():
    pm = read("# Stale cache\n\n## Timeline\n\n| PDT | What happened |\n|---|---|\n"
              "| 08:05 | A purge empties the cache |\n| 08:40 | The purge is found |\n"
              "| 09:15 | The cache is warm again; resolved |\n", name="2025-06-02-cache.md")
    assert times(pm) == ["2025-06-02 15:05", "2025-06-02 15:40", "2025-06-02 16:15"]
    assert pm.timeline[0].text == "A purge empties the cache"


def test_a_french_column_headed_by_an_offset_is_the_time_column():
    pm = read("# Panne du proxy\n\n## Chronologie\n\n| UTC+1 | Fait |\n|---|---|\n"
              "| 10:00 | Le proxy refuse les connexions |\n| 10:30 | Redémarrage du proxy |\n",
              name="2025-02-11-proxy.md")
    assert times(pm) == ["2025-02-11 09:00", "2025-02-11 09:30"]


# --- headings that are only a time, the moment told below ----------------------------------

def test_headings_that_are_only_a_time_take_the_paragraph_below():
    pm = read("# Resolver outage\n\n## Timeline\n\n### 07:12 EST\n\nThe broken zone is pushed.\n\n"
              "### 07:30 EST\n\nAlerts fire on the checkout.\n\n### 08:05 EST\n\n"
              "The previous zone is restored; the incident is resolved.\n", name="2025-10-01-resolver.md")
    assert times(pm) == ["2025-10-01 12:12", "2025-10-01 12:30", "2025-10-01 13:05"]
    assert pm.timeline[1].text == "Alerts fire on the checkout."
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-10-01 12:12", "2025-10-01 13:05")


def test_french_headings_that_are_only_a_time():
    pm = read("# Panne DNS\n\n## Déroulé\n\n### 14h05\n\nLe fichier de zone est publié.\n\n"
              "### 14h40\n\nLe fichier précédent est restauré.\n", name="2025-10-02-dns.md")
    assert times(pm) == ["2025-10-02 14:05", "2025-10-02 14:40"]
    assert pm.timeline[0].text == "Le fichier de zone est publié."


# --- a timeline written as a log in a fenced block -----------------------------------------

def test_a_log_in_a_fenced_block_under_the_timeline_heading():
    pm = read("# Disk full\n\n## Timeline\n\n```\n2025-04-09 11:02:10 UTC  alert  disk 95 % on db-2\n"
              "2025-04-09 11:05:44 UTC  page   acknowledged by on-call\n"
              "2025-04-09 11:40:02 UTC  ok     old WAL removed, incident resolved\n```\n",
              name="disk-full.md")
    assert times(pm) == ["2025-04-09 11:02", "2025-04-09 11:05", "2025-04-09 11:40"]
    assert pm.timeline[1].text.startswith("page")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-04-09 11:02", "2025-04-09 11:40")


def test_a_log_with_iso_instants_and_a_language_tag():
    pm = read("# Pannes de l'ordonnanceur\n\n## Chronologie\n\n```text\n2025-05-20T06:10:00Z  alerte  file bloquée\n"
              "2025-05-20T06:25:00Z  action  redémarrage des workers\n```\n", name="ordonnanceur.md")
    assert times(pm) == ["2025-05-20 06:10", "2025-05-20 06:25"]


def test_a_code_block_that_is_not_a_log_is_no_timeline():
    pm = read("# Config\n\n## Timeline\n\n- 10:00 deploy\n- 10:20 rollback\n\n## Root cause\n\n"
              "```yaml\nretries: 3\ntimeout: 10:30\n```\n", name="2025-01-01-config.md")
    assert len(pm.timeline) == 2


# --- status updates whose time is written after their message ------------------------------

def test_status_updates_with_the_time_after_the_message_newest_first():
    pm = read("# Login failures\n\nIncident report for Example\n\n**Resolved**\nLogins work again.\n"
              "Posted Mar 02, 2025 - 16:40 UTC\n\n**Identified**\nA certificate expired.\n"
              "Posted Mar 02, 2025 - 16:05 UTC\n\n**Investigating**\nWe see failed logins.\n"
              "Posted Mar 02, 2025 - 15:50 UTC\n", name="login-failures.md")
    assert times(pm) == ["2025-03-02 15:50", "2025-03-02 16:05", "2025-03-02 16:40"]
    assert "failed logins" in pm.timeline[0].text
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-02 15:50", "2025-03-02 16:40")


def test_french_status_updates_with_the_time_after_the_message():
    pm = read("# Lenteurs du paiement\n\n**Résolu**\nLe paiement est rétabli.\n19 janv. 2025 - 09:10 CET\n\n"
              "**Investigation en cours**\nNous constatons des lenteurs.\n19 janv. 2025 - 08:20 CET\n",
              name="lenteurs-paiement.md")
    assert times(pm) == ["2025-01-19 07:20", "2025-01-19 08:10"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-01-19 07:20", "2025-01-19 08:10")


# --- a timeline told in prose, one paragraph per moment -------------------------------------

def test_prose_paragraphs_with_the_time_inside_the_sentence():
    pm = read("# Lease outage\n\n## Timeline\n\nThe first alert fired at 03:10 UTC, when one node stopped answering.\n\n"
              "Calls piled up, and by 03:55 every node was down.\n\n"
              "The team restarted the proxy at 04:20 and the nodes one by one.\n\n"
              "All nodes were healthy again by 05:02.\n", name="2025-08-21-lease.md")
    assert times(pm) == ["2025-08-21 03:10", "2025-08-21 03:55", "2025-08-21 04:20", "2025-08-21 05:02"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-08-21 03:10", "2025-08-21 05:02")


def test_french_prose_paragraphs_crossing_midnight():
    pm = read("# Panne nocturne\n\n## Chronologie\n\nLa première alerte arrive vers 23h40.\n\n"
              "L'équipe d'astreinte redémarre la base à 0h20.\n\nLe service est rétabli à 01h05.\n",
              name="2025-09-14-nuit.md")
    assert times(pm) == ["2025-09-14 23:40", "2025-09-15 00:20", "2025-09-15 01:05"]


# --- a window whose ends carry their own dates ---------------------------------------------

def test_a_window_sentence_with_a_date_on_each_end():
    pm = read("# Uploads failing\n\n## Summary\n\nFrom 2025-11-04 14:43 UTC until 2025-11-04 15:30 UTC, "
              "uploads failed with HTTP 503.\n", name="uploads.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-11-04 14:43", "2025-11-04 15:30")


def test_a_window_crossing_midnight_with_the_end_date_written():
    pm = read("# Job delays\n\n## Summary\n\nOn May 1, 2025, from 22:20 UTC to May 2, 2025 02:00 UTC, "
              "jobs waited to start.\n", name="job-delays.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-05-01 22:20", "2025-05-02 02:00")


def test_a_french_window_with_dates_on_each_end():
    pm = read("# Panne\n\n## Résumé\n\nEntre le 3 mars 2025 23h10 et le 4 mars 2025 01h05, l'API était indisponible.\n",
              name="panne.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-03 23:10", "2025-03-04 01:05")


# --- the last moment told as things working again ------------------------------------------

def test_a_recovery_told_as_things_answering_again_marks_the_resolution():
    pm = read("# Resolver outage\n\n## Timeline\n\n- 13:02 UTC the broken zone is pushed\n"
              "- 13:15 UTC checkout alerts fire\n- 14:47 UTC the previous zone is restored and the resolvers answer again\n",
              name="2025-09-30-resolvers.md")
    assert utc(pm.resolved) == "2025-09-30 14:47"


def test_a_metric_back_under_its_threshold_marks_the_resolution():
    pm = read("# Lag\n\n## Timeline\n\n- 08:14 alert: queue lag above 5 min\n- 08:31 consumers scaled to 12\n"
              "- 09:02 lag back under 30 s\n", name="2025-07-03-lag.md")
    assert utc(pm.resolved) == "2025-07-03 09:02"


def test_french_services_answering_again_mark_the_resolution():
    pm = read("# Panne\n\n## Chronologie\n\n- 10h05 : les sondes échouent\n- 10h40 : redémarrage du proxy\n"
              "- 11h02 : les nœuds répondent à nouveau\n", name="2025-04-02-panne.md")
    assert utc(pm.resolved) == "2025-04-02 11:02"


# --- a zone named once governs the file ----------------------------------------------------

def test_a_zone_named_in_a_sentence_by_its_name_and_abbreviation_governs_the_timeline():
    pm = read("# Gateway outage\n\nOn March 9 at 21:40 Central European Time (CET), the gateway stopped routing.\n\n"
              "## Timeline\n\n- 21:40: gateway pods restart in a loop\n- 22:05: memory limit raised\n"
              "- 22:30: all routes stable again\n", name="2025-03-09-gateway.md")
    assert times(pm) == ["2025-03-09 20:40", "2025-03-09 21:05", "2025-03-09 21:30"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-09 20:40", "2025-03-09 21:30")


def test_the_only_zone_the_file_writes_governs_its_bare_times():
    pm = read("# Lease outage\n\n## Timeline\n\n- 05:28 CEST first alert, one node stops answering\n"
              "- 06:24 every node is down\n- 07:10 nodes answer again\n", name="2025-06-11-lease.md")
    assert times(pm) == ["2025-06-11 03:28", "2025-06-11 04:24", "2025-06-11 05:10"]


def test_two_different_zones_written_leave_bare_times_on_the_default_clock():
    pm = read("# Sync\n\n## Timeline\n\n- 05:28 CEST alert in Paris\n- 09:00 EST report from Boston\n"
              "- 10:00 resync done\n", name="2025-06-12-sync.md")
    assert times(pm)[2] == "2025-06-12 10:00"


def test_times_are_a_region_governs_the_timeline():
    pm = read("# Sign-in outage\n\nTimes are Eastern (ET).\n\n## Timeline\n\n- 15:05 — sign-ins fail\n"
              "- 16:30 — sign-ins succeed again\n", name="2025-12-02-sign-in.md")
    assert times(pm) == ["2025-12-02 20:05", "2025-12-02 21:30"]


def test_french_heure_de_l_est_governs_the_window_sentence():
    pm = read("# Panne électrique\n\n## Résumé\n\nL'événement a débuté à 14 h 15 et a pris fin à 17 h 45 "
              "(heure de l'Est).\n", name="2025-02-18-panne-electrique.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-02-18 19:15", "2025-02-18 22:45")


# --- a twelve-hour clock without minutes, or with a dot -------------------------------------

def test_a_twelve_hour_clock_without_minutes_leads_an_entry_under_a_date():
    pm = read("# Sign-in outage\n\n## Timeline\n\n- **Tuesday, Dec 2, 2025**\n  - 3pm — certificate rotated; sign-ins fail\n"
              "  - around 3:20 p.m. — help desk reports\n  - 4:30 p.m. — sign-ins succeed again\n",
              name="sign-in.md")
    assert times(pm) == ["2025-12-02 15:00", "2025-12-02 15:20", "2025-12-02 16:30"]


def test_a_window_with_a_dotted_twelve_hour_clock_and_a_named_region():
    pm = read("# Payments\n\n## Summary\n\nFrom 4:49pm to 7.34pm (UK time) on 12 June 2025, card payments failed.\n",
              name="payments.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-06-12 15:49", "2025-06-12 18:34")


def test_a_region_named_in_full_governs_a_long_opening_sentence():
    pm = read("# Cluster API\n\nOn January 24 at 23:48 Central European Time, we had an incident in the Paris region that "
              "affected customers of the managed cluster service and several observability features for most of "
              "the night, and it was resolved shortly after one o'clock.\n\n## Timeline\n\n- 23:48: the API runs out of memory\n"
              "- 00:40: memory raised\n- 01:03: all clusters stable again\n", name="2026-01-24-cluster.md")
    assert times(pm)[0] == "2026-01-24 22:48"
    assert utc(pm.resolved) == "2026-01-25 00:03"


# --- a French hour without minutes in prose ------------------------------------------------

def test_french_hours_without_minutes_in_a_window_told_in_prose():
    pm = read("# Incident du 12 mars\n\nLa messagerie a été coupée le mercredi 12 mars 2025.\n\n## Ce qui s'est passé\n\n"
              "Tout a commencé à 5 h du matin (heure de Paris) dans la salle serveurs. Les pompiers sont intervenus "
              "vers 7 h.\n\nLa messagerie était de nouveau pleinement disponible à 17 h 40.\n", name="incident-12-mars.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-12 04:00", "2025-03-12 16:40")


def test_a_duration_in_hours_is_not_a_time():
    pm = read("# Panne\n\nLe 3 avril 2025, la file d'envoi a échoué pendant 2 h ; elle était de nouveau disponible "
              "à 11 h 10.\n", name="panne-file.md")
    assert utc(pm.started) != "2025-04-03 02:00"


# --- a sign of recovery marks the end only when no entry declares it -----------------------

def test_a_declared_end_wins_over_an_earlier_sign_of_recovery():
    pm = read("# Retry storm\n\n## Timeline\n\n- 10:00 latency climbs\n- 10:20 flag turned off; latency back to normal\n"
              "- 10:45 error rate at baseline for 20 minutes; incident resolved\n", name="2025-05-12-retry.md")
    assert utc(pm.resolved) == "2025-05-12 10:45"


def test_a_sign_of_recovery_marks_the_end_when_nothing_declares_it():
    pm = read("# Retry storm\n\n## Timeline\n\n- 10:00 latency climbs\n- 10:20 flag turned off; latency back to normal\n"
              "- 10:45 retry settings reviewed\n", name="2025-05-13-retry.md")
    assert utc(pm.resolved) == "2025-05-13 10:20"


# --- a stated start or end with its zone abbreviation --------------------------------------

def test_a_property_table_in_a_local_zone_moves_the_utc_day():
    pm = read("# Incident review: webhooks\n\n| | |\n|---|---|\n| **Incident start** | 03 Apr 2025, 10:12 AEDT |\n"
              "| **Resolved** | 03 Apr 2025, 11:47 AEDT |\n\n## Summary\n\nWebhooks were delayed.\n", name="webhooks.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-04-02 23:12", "2025-04-03 00:47")


def test_a_french_labelled_end_with_its_zone():
    pm = read("# Panne\n\n**Début** : 12 mars 2025 à 09h10 CET\n\n**Fin** : 12 mars 2025 à 10h40 CET\n", name="panne-mars.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-12 08:10", "2025-03-12 09:40")


def test_a_city_named_with_blanks_between_its_words_is_still_the_city():
    """A double space or a tab inside the city's name ("San  Francisco") matched the zone's
    pattern, then missed the table of cities: `check` stopped with an internal error."""
    for spacing in ("  ", "\t"):
        pm = read(f"# Upload errors\n\nAll times San{spacing}Francisco time.\n\n## Timeline\n\n"
                  "- 09:05 uploads fail\n- 09:40 uploads work again, resolved\n", name="2025-03-04-uploads.md")
        assert [utc(pm.started), utc(pm.resolved)] == ["2025-03-04 17:05", "2025-03-04 17:40"]
