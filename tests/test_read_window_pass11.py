"""The window read from every place an author states a moment, eleventh pass
(issue 22): a line labelled as the window's period ("Timeframe:", "Plage
horaire :"); a range of times whose words name the impact, or that stands alone
with its date, in a heading, a title or a line (several such ranges span the
window); the times of a timeline section no entry was read from, each with the
words of the record it is a field of ("Recovery" / "- Date and Time: ...");
and an end stated only as a duration told before the start ("a 40 minute
outage ..., starting at 06:02"). Each text is our own, in a layout no part of
the corpus uses."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


# --- a line labelled as the window's period ----------------------------------------------------


def test_a_timeframe_label_states_the_window():
    pm = read("# Sync errors\n\nReported 2026-04-02.\n\n"
              "Timeframe: April 2, 10:12 – 11:03 UTC\n\nEffect: some uploads failed.\n", "sync-errors.md")
    assert _window(pm) == ("2026-04-02 10:12", "2026-04-02 11:03")


def test_a_french_time_slot_label_states_the_window():
    pm = read("# Lenteurs du webmail\n\nLe 9 mars 2026.\n\n"
              "**Plage horaire :** 14h10 – 15h25 (UTC)\n\n**Cause :** un disque saturé.\n", "lenteurs-webmail.md")
    assert _window(pm) == ("2026-03-09 14:10", "2026-03-09 15:25")


# --- a range of times that names the impact, or stands alone with its date ---------------------


def test_ranges_in_headings_span_the_window():
    pm = read("# Build queue delays\n\nTwo bad days for the build farm.\n\n"
              "### Wed 4 March 2026 · 08:20 - 09:05 UTC\n\nJobs waited in the queue.\n\n"
              "### Thu 5 March 2026 · 13:40 - 14:10 UTC\n\nJobs waited again.\n", "build-queue-delays.md")
    assert _window(pm) == ("2026-03-04 08:20", "2026-03-05 14:10")


def test_a_french_heading_that_states_the_outage_range_is_the_window():
    pm = read("# Messagerie\n\nCompte rendu.\n\n## Panne du 12 janvier 2026, de 21h05 à 22h50 UTC\n\n"
              "Les courriels n'étaient plus distribués.\n", "messagerie.md")
    assert _window(pm) == ("2026-01-12 21:05", "2026-01-12 22:50")


def test_a_range_in_prose_about_the_disruption_is_the_window():
    pm = read("# Payments\n\nOn 7 June 2026 the card gateway had a disruption, 16:05 to 16:50 UTC, "
              "for a third of payments.\n", "payments.md")
    assert _window(pm) == ("2026-06-07 16:05", "2026-06-07 16:50")


def test_a_range_of_opening_hours_is_no_window():
    pm = read("# Guichet\n\nLe 3 février 2026, le guichet en ligne est resté fermé. "
              "L'accueil reste ouvert de 8h30 à 12h.\n", "guichet.md")
    assert _window(pm) == (None, None)


# --- a timeline section no entry was read from ------------------------------------------------


def test_nested_time_fields_take_the_words_of_their_record():
    pm = read("# Queue outage\n\n**Sequence of events** (all times UTC)\n\n"
              "1. First alert\n   - When: 2026-05-03 07:10\n   - Notes: the error budget alert fires.\n"
              "2. Failover\n   - When: 2026-05-03 07:40\n   - Notes: the standby broker takes over.\n"
              "3. Service restored\n   - When: 2026-05-03 08:15\n   - Notes: all consumers are connected again.\n",
              "queue-outage.md")
    assert utc(pm.resolved) == "2026-05-03 08:15"


def test_french_nested_time_fields_take_the_words_of_their_record():
    pm = read("# Coupure du VPN\n\n**Déroulé :**\n\n"
              "1. Alerte\n   - Horodatage : 2026-05-03 07:10 UTC\n   - Détail : la supervision signale le VPN injoignable.\n"
              "2. Retour à la normale\n   - Horodatage : 2026-05-03 08:15 UTC\n"
              "   - Détail : les agents se reconnectent.\n", "coupure-vpn.md")
    assert _window(pm) == ("2026-05-03 07:10", "2026-05-03 08:15")


# --- an end stated only as a duration ----------------------------------------------------------


def test_a_duration_told_before_the_start_gives_the_end():
    pm = read("# Exports stalled\n\nOn 2026-10-02 we had a 40 minute outage of exports, starting at 06:02 UTC. "
              "A lock was never released.\n", "exports-stalled.md")
    assert _window(pm) == ("2026-10-02 06:02", "2026-10-02 06:42")


def test_a_french_duration_told_before_the_start_gives_the_end():
    pm = read("# Portail\n\nLe 2 octobre 2026, une coupure de 35 minutes du portail a commencé à 06h02 UTC.\n",
              "portail.md")
    assert _window(pm) == ("2026-10-02 06:02", "2026-10-02 06:37")


def test_the_phase_a_record_head_names_says_what_its_time_is():
    pm = read("# Map tiles\n\n**Course of events** (times UTC)\n\n"
              "- Warning signs\n  - At: 2026-08-14 09:00\n  - What: a node runs hot; no one is affected yet.\n"
              "- Customer impact\n  - At: 2026-08-14 10:20\n  - What: half of the tiles fail to load.\n"
              "- Recovery\n  - At: 2026-08-14 11:05\n  - What: a new cluster takes over.\n", "map-tiles.md")
    assert _window(pm) == ("2026-08-14 10:20", "2026-08-14 11:05")


def test_a_french_record_head_of_restoration_ends_the_window():
    pm = read("# Réseau du campus\n\n**Déroulé :** (heures UTC)\n\n"
              "1. Impact utilisateurs\n   - Moment : 2026-02-03 07:47\n   - Détail : les bâtiments perdent le réseau.\n"
              "2. Rétablissement\n   - Moment : 2026-02-03 11:05\n   - Détail : la fibre est ressoudée.\n",
              "reseau-campus.md")
    assert _window(pm) == ("2026-02-03 07:47", "2026-02-03 11:05")


# --- a sentence a hard wrap splits over lines ---------------------------------------------------


def test_a_duration_and_a_start_a_line_break_separates_are_one_sentence():
    pm = read("# Exports stalled\n\nOn 2026-10-02 we had a 40 minute outage of exports, starting\n"
              "at 06:02 UTC. A lock was never released.\n", "exports-stalled.md")
    assert _window(pm) == ("2026-10-02 06:02", "2026-10-02 06:42")


def test_an_end_whose_zone_is_on_the_next_line_is_on_that_zone():
    pm = read("# Scheduler errors\n\nDuring a period beginning 07:12 CET on 17 March 2026 and ending at 09:40\n"
              "CET the same day, the schedule pages returned errors.\n", "scheduler-errors.md")
    assert _window(pm) == ("2026-03-17 06:12", "2026-03-17 08:40")


def test_a_french_start_word_at_the_end_of_the_line_before_its_time():
    pm = read("# Annuaire\n\nLe 4 mai 2026, l'annuaire a été interrompu à partir de\n"
              "10h05 UTC, puis rétabli à 11h20 UTC.\n", "annuaire.md")
    assert _window(pm) == ("2026-05-04 10:05", "2026-05-04 11:20")


def test_a_french_range_a_line_break_splits_is_the_window_of_what_was_unreachable():
    pm = read("# Portail\n\nLe mardi 3 mars 2026, le portail est resté inaccessible de\n"
              "14 h 05 à 15 h 20 (heure de Paris). Vos données sont intactes.\n", "portail-mars.md")
    assert _window(pm) == ("2026-03-03 13:05", "2026-03-03 14:20")


def test_an_english_range_a_line_break_splits_is_the_window_of_what_was_unavailable():
    pm = read("# API\n\nOn Tuesday 3 March 2026 the API was unavailable for most customers, from\n"
              "10:05 to 10:50 UTC. No data was lost.\n", "api-march.md")
    assert _window(pm) == ("2026-03-03 10:05", "2026-03-03 10:50")


# --- whose words lead a time, and which incident a time belongs to ----------------------------


def test_words_after_a_conjunction_lead_the_next_time_not_this_one():
    pm = read("# Uploads\n\nOn 9 April 2026 uploads failed for a while. The problem was noticed at 08:10 UTC\n"
              "and fully fixed by 08:45 UTC.\n", "uploads.md")
    assert _window(pm) == ("2026-04-09 08:10", "2026-04-09 08:45")


def test_an_earlier_incident_told_for_comparison_is_not_the_window():
    pm = read("# Billetterie\n\nLe 4 décembre 2026, la billetterie en ligne a été interrompue de 09h30 à 11h15 "
              "(heure de Paris).\n\nDéjà le 2 août 2026, une panne du même système avait interrompu la vente\n"
              "de 14h à 17h.\n", "billetterie.md")
    assert _window(pm) == ("2026-12-04 08:30", "2026-12-04 10:15")
