"""A weekday and a day of the month without the month (thirteenth pass).

"le mardi 15 à 11 h 40", "on Thursday the 17th at 09:10", "jeudi 1er à 8 h":
an SRE dates such a moment in the month in force around it (the document's
other dates), the month before or after when the day says so, and checks it
against the weekday. A number followed by an hour's mark is a time, not a
day ("mardi 14 h 30"), and a weekday the day does not fall on dates nothing.
Every text here is our own."""

from __future__ import annotations

from reading_helpers import read, utc


def test_le_mardi_15_est_le_lendemain_du_lundi_14_septembre():
    pm = read("# Panne de l'intranet\n\nLe lundi 14 septembre 2026, à partir de 9 h 05 UTC, l'intranet "
              "ne répond plus.\n\nL'accès a été rétabli le mardi 15 à 11 h 40 UTC.\n", name="intranet.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-09-14 09:05", "2026-09-15 11:40")


def test_thursday_the_17th_in_a_report_on_tuesday_15_september():
    pm = read("# Search outage\n\nOn Tuesday, September 15, 2026, search began failing at 22:10 UTC.\n\n"
              "Search was fully restored on Thursday the 17th at 09:10 UTC.\n", name="search.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-09-15 22:10", "2026-09-17 09:10")


def test_jeudi_1er_est_dans_le_mois_suivant():
    pm = read("# Coupure de la téléphonie\n\nLe mercredi 30 septembre 2026, la téléphonie est coupée "
              "à partir de 17 h UTC.\n\nElle est rétablie jeudi 1er à 8 h UTC.\n", name="telephonie.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-09-30 17:00", "2026-10-01 08:00")


def test_mardi_14_h_30_est_une_heure_pas_un_jour():
    pm = read("# Panne du portail\n\nLe lundi 9 mars 2026, le portail est indisponible à partir de 9 h UTC.\n\n"
              "Il est rétabli mardi 14 h 30 UTC.\n", name="portail.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-09 09:00", "2026-03-10 14:30")


def test_a_weekday_the_day_does_not_fall_on_moves_nothing():
    pm = read("# API outage\n\nOn Tuesday, March 10, 2026, the API began failing at 08:00 UTC.\n\n"
              "It was restored on Monday the 12th at 10:00 UTC.\n", name="api.md")
    assert utc(pm.resolved) != "2026-03-12 10:00"



def test_a_number_counting_what_follows_a_weekday_is_no_day():
    # "On Tuesday 2 replicas were lost": the number counts replicas, the incident stays on its date.
    pm = read("# Database outage of 10 June 2026\n\n## Summary\n\nOn Wednesday 10 June 2026 the database was slow. "
              "On Tuesday 2 replicas were lost at 14:00 UTC and the primary failed at 15:10 UTC; service was "
              "restored at 16:00 UTC.\n", name="replicas.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-10 14:00", "2026-06-10 16:00")
