"""The timeline pipeline on the classes of failure the fifth held-out part
showed (issue 22, fifth pass), each on its own small text, none a file of the
corpus: a zone named only by a place after the words "local time" ("heure
locale (Lyon)", "local time (London)")."""

from __future__ import annotations

from reading_helpers import read, times, utc


def test_french_local_time_named_by_a_place_in_brackets():
    pm = read("# Panne du portail client\n\n"
              "Ce document couvre la panne du jeudi 11 juin 2026. Les heures sont en heure locale (Paris).\n\n"
              "## Chronologie\n\n"
              "- 10h05 : premières erreurs sur le portail\n"
              "- 10h40 : retour arrière de la configuration\n"
              "- 11h15 : service rétabli\n", "panne-portail.md")
    assert times(pm) == ["2026-06-11 08:05", "2026-06-11 08:40", "2026-06-11 09:15"]


def test_english_local_time_named_by_a_place_in_brackets():
    pm = read("# Checkout errors\n\n"
              "This covers the checkout errors of 9 July 2026. Every time below is local time (London).\n\n"
              "## Timeline\n\n"
              "- 14:05 first errors on checkout\n"
              "- 14:50 bad flag turned off\n"
              "- 15:20 checkout healthy again\n", "checkout-errors.md")
    assert times(pm) == ["2026-07-09 13:05", "2026-07-09 13:50", "2026-07-09 14:20"]


# --- a recovery of part of the service is not the end --------------------------------------

def test_a_partial_recovery_is_not_the_resolution():
    pm = read("# Queue outage\n\n"
              "The queue refused writes on 2 August 2026. All times are UTC.\n\n## Timeline\n\n"
              "- 09:00 Message queue stops accepting writes\n"
              "- 09:40 Broker restarted\n"
              "- 10:05 Some clusters back to normal\n"
              "- 10:30 Writes accepted again on every cluster\n", "queue-outage.md")
    assert utc(pm.resolved) == "2026-08-02 10:30"


def test_a_partial_recovery_in_french_is_not_the_resolution():
    pm = read("# Panne de la file de messages\n\n"
              "La file a refusé les écritures le 2 août 2026. Heures en UTC.\n\n## Chronologie\n\n"
              "- 09h00 : la file refuse les écritures\n"
              "- 09h40 : redémarrage du broker\n"
              "- 10h05 : la plupart des clusters sont revenus à la normale\n"
              "- 10h30 : tous les clusters sont revenus à la normale\n", "panne-file.md")
    assert utc(pm.resolved) == "2026-08-02 10:30"


def test_a_partial_recovery_with_no_full_one_after_it_is_the_resolution():
    pm = read("# Queue outage\n\n"
              "The queue refused writes on 2 August 2026. All times are UTC.\n\n## Timeline\n\n"
              "- 09:00 Message queue stops accepting writes\n"
              "- 09:40 Broker restarted\n"
              "- 10:05 Most clusters back to normal\n"
              "- 11:00 Postmortem meeting booked\n", "queue-outage-partly.md")
    assert utc(pm.resolved) == "2026-08-02 10:05"


# --- an hour with no minutes after a day's name is a time ----------------------------------

def test_an_hour_after_a_day_name_leads_an_entry():
    pm = read("# Panne du standard\n\n"
              "Le standard a été coupé le samedi 12 septembre 2026. Heures en UTC.\n\n## Chronologie\n\n"
              "**Samedi 9h** : plus aucun appel entrant n'aboutit.\n\n"
              "**Samedi 11h** : redémarrage des passerelles, sans effet.\n\n"
              "**Samedi 15h** : retour à la normale après la mise à jour des passerelles.\n",
              "panne-standard.md")
    assert times(pm) == ["2026-09-12 09:00", "2026-09-12 11:00", "2026-09-12 15:00"]
