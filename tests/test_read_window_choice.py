"""The window and its zone chosen among every reading the stages find (issue 22,
window choice): each class of misread the sixth and fifth held-out parts
showed, on its own small text, none a file of the corpus. A reading the text
contradicts is set aside, and `show` says which and why."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime

from conftest import run_cli, run_mkdocs, write_site
from reading_helpers import read, times, utc

# --- a zone consistent with the UTC times written beside local ones ------------------------


def test_local_times_in_a_zone_no_table_knows_take_the_utc_times_written_beside_them():
    pm = read("# Sign-in outage\n\n"
              "On Thursday, March 5, 2026, nobody could sign in for 35 minutes, from 9:20am to 9:55am "
              "local time (16:20–16:55 UTC). We are sorry.\n\n"
              "## Why\n\nAn expired certificate on the identity proxy.\n", "sign-in-outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-05 16:20", "2026-03-05 16:55")


def test_a_french_window_in_local_words_takes_the_utc_times_beside_it():
    pm = read("# Panne de la messagerie\n\n"
              "Le mardi 3 mars 2026, la messagerie a été indisponible de 14h10 à 15h00, heure de la côte Est "
              "(19h10 à 20h00 UTC).\n\n## Cause\n\nUn disque plein sur le relais.\n", "panne-messagerie.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-03 19:10", "2026-03-03 20:00")


def test_show_says_which_reading_was_set_aside_and_why(tmp_path):
    (tmp_path / "sign-in.md").write_text(
        "# Sign-in outage\n\n"
        "On Thursday, March 5, 2026, nobody could sign in for 35 minutes, from 9:20am to 9:55am "
        "our local time (16:20–16:55 UTC).\n", encoding="utf-8")
    result = run_cli("show", "sign-in.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "started:      2026-03-05T16:20:00+00:00  (body, line 3) by window range" in result.stdout
    assert "set aside" in result.stdout and "09:20" in result.stdout
    assert "UTC" in result.stdout.split("set aside", 1)[1].split("\n", 1)[0]


# --- the impact the text states over the posting times of status updates -------------------


def test_the_window_a_status_update_states_wins_over_its_posting_times():
    pm = read("# Uploads failing\n\n"
              "Resolved\n\n"
              "From March 2nd, 2026 at 22:40 UTC until March 3rd, 2026 at 01:15 UTC, uploads larger than 10 MB "
              "failed for every customer. A bad proxy setting caused it; we reverted it.\n\n"
              "Posted Mar 03, 2026 - 02:05 UTC\n\n"
              "Monitoring\n\n"
              "The setting was reverted and uploads work again. We are watching.\n\n"
              "Posted Mar 03, 2026 - 01:30 UTC\n\n"
              "Investigating\n\n"
              "We are looking into failed uploads.\n\n"
              "Posted Mar 02, 2026 - 23:10 UTC\n", "uploads-failing.md")
    assert len(pm.timeline) == 3
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-02 22:40", "2026-03-03 01:15")


def test_a_window_whose_dates_lead_with_the_days_name_wins_over_posting_times():
    pm = read("Exports were empty\n\nIncident Report for Ledgerly\n\n**Summary**\n\n"
              "From Monday 2 March 2026 06:00 UTC until Wednesday 4 March 11:20 UTC, scheduled exports "
              "produced empty files. We regenerated every export.\n\n"
              "Posted Mar 06, 2026 - 10:00 UTC\n\n"
              "Resolved\n\nAll exports have been regenerated. This incident has been resolved.\n\n"
              "Posted Mar 04, 2026 - 15:00 UTC\n\n"
              "Investigating\n\nWe are looking into empty export files.\n\n"
              "Posted Mar 04, 2026 - 09:10 UTC\n", "empty-exports.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-02 06:00", "2026-03-04 11:20")


def test_a_recovery_time_an_update_states_wins_over_the_time_it_was_posted():
    pm = read("# Lenteurs du portail\n\n"
              "Résolu\n\n"
              "Les temps de réponse du portail sont revenus à la normale depuis 16 h 40. L'incident est clos.\n\n"
              "Publié le 9 mars 2026 - 17:05 UTC\n\n"
              "Enquête en cours\n\n"
              "Le portail répond lentement depuis 15 h 55. Nous cherchons la cause.\n\n"
              "Publié le 9 mars 2026 - 16:10 UTC\n", "lenteurs-portail.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-09 15:55", "2026-03-09 16:40")


def test_a_stated_end_in_a_sentence_wins_over_the_resolved_update_posted_later():
    pm = read("Webhook delivery delayed\n\nIncident Report for Hookly\n\nPostmortem\n\nWhat Happened\n\n"
              "At about 07:02 EST (12:02 UTC) on 2026-02-11, webhook deliveries started to queue. "
              "Deliveries were flowing normally again by 07:48 EST (12:48 UTC).\n\n"
              "Resolved\n\nThis incident has been resolved.\n\nPosted Feb 11, 2026 - 13:30 UTC\n\n"
              "Investigating\n\nWe are investigating delayed webhooks.\n\nPosted Feb 11, 2026 - 12:15 UTC\n",
              "webhook-delays.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-11 12:02", "2026-02-11 12:48")


# --- a zone a date heading names governs the entries under it -------------------------------


def test_a_zone_written_on_the_date_heading_of_a_timeline_governs_its_entries():
    pm = read("# Build farm down\n\n## Timeline\n\n### 2026-05-17 (UTC+3)\n\n"
              "- 10:00 - runners stop picking up jobs\n"
              "- 10:20 - disk full found on the scheduler\n"
              "- 11:05 - scheduler cleaned; runners back\n", "build-farm.md")
    assert times(pm) == ["2026-05-17 07:00", "2026-05-17 07:20", "2026-05-17 08:05"]


def test_a_heading_that_names_the_hours_of_a_city_in_the_plural_governs_its_entries():
    pm = read("# Coupure de la salle serveur\n\n## Déroulé (heures de Paris)\n\n"
              "**Lundi 16 mars 2026, 08h10** — Coupure électrique du site.\n\n"
              "**Lundi 16 mars 2026, 12h40** — Tous les services sont rétablis.\n", "coupure-salle.md")
    assert times(pm) == ["2026-03-16 07:10", "2026-03-16 11:40"]


# --- the day the text states over the day the post was published ----------------------------


def test_a_timeline_headed_by_its_day_is_on_that_day_not_on_the_posting_date():
    pm = read("---\ntitle: Checkout errors on 3 March\ndate: 2026-03-06\n---\n\n"
              "## Timeline of 3 March\n\n| Time (UTC) | Event |\n|---|---|\n"
              "| 09:00 | errors start |\n| 09:45 | bad release rolled back |\n", "2026-03-06-checkout.md")
    assert times(pm) == ["2026-03-03 09:00", "2026-03-03 09:45"]


def test_a_window_with_approximate_words_is_on_the_day_its_sentence_states():
    pm = read("---\nlayout: post\ntitle: Report freezes\ndate: 2026-04-09 10:00:00 -0700\n---\n\n"
              "## Summary\n\n"
              "On Monday, April 6, 2026, the report service stopped answering between about 08:10 and 09:25 UTC, "
              "when a vacuum job locked its main table.\n\n"
              "## Impact\n\nReports failed between 08:10 and 09:25 UTC.\n", "2026-04-09-report-freezes.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-04-06 08:10", "2026-04-06 09:25")


# --- start before end, and agreement with a stated duration ---------------------------------


def test_a_reading_that_puts_the_start_after_the_end_is_set_aside():
    pm = read("# Queue backlog\n\n| | |\n|---|---|\n| Start | 2026-05-14 11:30 UTC |\n| Owner | platform |\n\n"
              "## Timeline\n\n"
              "- 2026-05-14 09:10 UTC consumers stall\n"
              "- 2026-05-14 09:40 UTC consumers restarted\n"
              "- 2026-05-14 10:20 UTC backlog drained, service restored\n", "queue-backlog.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-14 09:10", "2026-05-14 10:20")
    assert any("set aside: it is not before the end" in note.message for note in pm.notes)


def test_a_time_on_an_assumed_clock_yields_to_the_same_time_on_the_timelines_named_clock():
    pm = read("# Mail relay stuck\n\n| | |\n|---|---|\n| Date | 2026-10-03 08:15 |\n| Status | Closed |\n\n"
              "## Timeline\n\n### 2026-10-03 (UTC+1)\n\n"
              "- 08:15 - relay queue stops draining\n"
              "- 08:50 - stuck worker restarted\n"
              "- 09:30 - queue empty, mail flowing normally again\n", "mail-relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-10-03 07:15", "2026-10-03 08:30")


def test_a_stated_duration_chooses_between_two_readings_of_the_end():
    pm = read("# Search outage\n\n"
              "On 21 May 2026 search had an outage lasting 50 minutes, starting at 13:10 UTC.\n\n"
              "## Timeline\n\n"
              "- 13:10 UTC search returns errors\n"
              "- 14:00 UTC index restored, search is back\n"
              "- 15:30 UTC all shards fully restored\n", "search-outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-21 13:10", "2026-05-21 14:00")


# --- an archive-wide zone for files that name none ------------------------------------------


def test_the_archive_wide_zone_reads_files_that_name_none_and_leaves_the_others(tmp_path):
    write_site(tmp_path, {
        "2026-06-02-no-zone.md": textwrap.dedent("""\
            # Cache outage

            ## Timeline

            - 2026-06-02 09:00 cache nodes evicted
            - 2026-06-02 09:30 cache warmed again, service restored
            """),
        "2026-06-03-zone-named.md": textwrap.dedent("""\
            # Queue outage

            All times are UTC.

            ## Timeline

            - 2026-06-03 09:00 queue stalls
            - 2026-06-03 09:30 queue drained, service restored
            """),
    }, options={"default_timezone": "America/Chicago", "enforce_from": "2027-01-01"})
    result = run_cli("show", "docs/postmortems/2026-06-02-no-zone.md", "docs/postmortems/2026-06-03-zone-named.md",
                     "--format", "json", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    shown = {entry["id"]: entry for entry in json.loads(result.stdout)["postmortems"]}
    assert utc(datetime.fromisoformat(shown["2026-06-02-no-zone"]["started"])) == "2026-06-02 14:00"
    assert shown["2026-06-02-no-zone"]["timezone"] == "America/Chicago"
    assert utc(datetime.fromisoformat(shown["2026-06-03-zone-named"]["started"])) == "2026-06-03 09:00"
    built = run_mkdocs("build", "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "postmortems" / "2026-06-02-no-zone" / "index.html").read_text(encoding="utf-8")
    assert "09:00" in page and "America/Chicago" in page
