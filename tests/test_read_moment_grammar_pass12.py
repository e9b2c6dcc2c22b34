"""How a moment is written and which date and zone it gets (issue 22, twelfth pass).

Every text here is our own, in layouts no part of the archive corpus writes.
A moment is one grammar of parts: a weekday, a date (a day's number with its
ordinal, a month's name or number, a year), a time, and a zone before or after
it. Two parts of that grammar were missing:

- a zone written after a time as a city's clock, in words (`(heure de Paris)`,
  `heure de l'Est`, `heure locale de Montréal`), which a hard wrap may split;
- a night or a run of days written as a range of day numbers (`dans la nuit du
  3 au 4 mars`, `the night of the 8th to the 9th of March`, `March 8-9, 2026`),
  which is dated by its first day.
"""

from __future__ import annotations

from datetime import date

from reading_helpers import read, times, utc

from mkdocs_postmortem.read.timeline.clock import find_written_date, written_dates

# --- a zone after a time, written as a city's clock --------------------------------------------


def test_une_plage_suivie_de_heure_de_paris_est_a_l_heure_de_paris_en_ete():
    pm = read("# Portail indisponible\n\nLe mardi 12 mai 2026, entre 9 h 10 et 9 h 55 (heure de Paris), "
              "le portail des adhérents était inaccessible.\n", name="portail.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-12 07:10", "2026-05-12 07:55")


def test_heure_de_paris_after_a_range_in_winter_is_one_hour_ahead():
    pm = read("# Messagerie coupée\n\nLe 14 janvier 2026, la messagerie a été coupée de 8 h 02 à 8 h 47 "
              "heure de Paris, pour tous les agents.\n", name="messagerie.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-14 07:02", "2026-01-14 07:47")


def test_heure_de_l_est_after_a_range_is_eastern_time():
    pm = read("# Paiements refusés\n\nLe 10 mars 2026, de 13 h 05 à 14 h 20 (heure de l'Est), les paiements "
              "par carte ont été refusés.\n", name="paiements.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-10 17:05", "2026-03-10 18:20")


def test_a_city_clock_split_by_a_hard_wrap_after_a_range():
    pm = read("# Mail relay outage\n\nOn 3 February 2026, from 14:05 to 14:50 (heure de\nParis), the mail relay "
              "refused every message.\n", name="relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-03 13:05", "2026-02-03 13:50")


def test_local_time_of_a_city_after_a_timeline_entry():
    pm = read("# Panne du guichet\n\n## Chronologie\n\n"
              "- 2026-06-02 10 h 05 heure locale de Montréal : le guichet ne répond plus.\n"
              "- 2026-06-02 10 h 40 heure locale de Montréal : le guichet répond de nouveau.\n",
              name="guichet.md")
    assert times(pm) == ["2026-06-02 14:05", "2026-06-02 14:40"]


# --- a night or a run of days written as a range of day numbers ---------------------------------


def test_la_nuit_du_3_au_4_est_datee_du_premier_jour():
    pm = read("# Traitements de nuit en retard\n\nDans la nuit du dimanche 8 au lundi 9 mars 2026, les "
              "traitements de facturation ont pris du retard.\n\n## Chronologie (UTC)\n\n"
              "- 23 h 10 : la file cesse d'avancer.\n- 23 h 55 : l'astreinte redémarre le service.\n"
              "- 0 h 40 : la file est revenue à la normale.\n", name="facturation.md")
    assert times(pm) == ["2026-03-08 23:10", "2026-03-08 23:55", "2026-03-09 00:40"]


def test_the_night_of_the_8th_to_the_9th_is_dated_by_its_first_day():
    written = find_written_date("During the night of the 8th to the 9th of March 2026, exports stalled.")
    assert written.resolve(None, None)[0] == date(2026, 3, 8)


def test_a_run_of_days_with_the_month_first_is_dated_by_its_first_day():
    assert find_written_date("Degraded sync, March 8-9, 2026").resolve(None, None)[0] == date(2026, 3, 8)
    assert find_written_date("Incident du 19 au 24 janvier 2026").resolve(None, None)[0] == date(2026, 1, 19)
    assert find_written_date("Outage, Feb 3 to 4").resolve(None, date(2026, 1, 1))[0] == date(2026, 2, 3)


def test_a_single_day_stays_read_as_before():
    assert find_written_date("le 4 février 2026").resolve(None, None)[0] == date(2026, 2, 4)
    assert find_written_date("Feb 4th, 2026 at 10:00").resolve(None, None)[0] == date(2026, 2, 4)
    assert find_written_date("a 3-4 hour delay on 5 March 2026").resolve(None, None)[0] == date(2026, 3, 5)


def test_the_minutes_of_a_time_before_a_range_word_are_no_day():
    found = [written.text for _, written in written_dates(
        "indisponible du lundi 30 mars 2026 à 8 h 55 au lundi 30 mars 2026 à 12 h 10")]
    assert found == ["30 mars 2026", "30 mars 2026"]
    assert [w.text for _, w in written_dates("de 14:55 au 2 avril")] == ["2 avril"]


def test_du_soir_et_du_matin_disent_la_moitie_du_jour():
    pm = read("# Virements bloqués\n\nLe jeudi 4 juin 2026, les virements ont été bloqués à partir de 9 h 40 "
              "du soir (heure de Paris). Ils ont été rétablis le vendredi 5 juin 2026 à 1 h 15 du matin "
              "(heure de Paris).\n", name="virements.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-04 19:40", "2026-06-04 23:15")


def test_in_the_evening_after_a_time_is_pm():
    pm = read("# Checkout errors\n\n## Timeline\n\n- 2026-06-04 7:05 in the evening UTC: checkout starts failing.\n"
              "- 2026-06-04 8:20 in the evening UTC: checkout works again.\n", name="checkout.md")
    assert times(pm) == ["2026-06-04 19:05", "2026-06-04 20:20"]


def test_the_half_of_the_day_is_no_time_without_one():
    pm = read("# Annuaire lent\n\nLe 2 juin 2026, l'annuaire a ralenti pendant les connexions du matin, "
              "de 8 h 10 à 8 h 50 UTC.\n", name="annuaire.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-02 08:10", "2026-06-02 08:50")


# --- a title another tool keeps in its front matter -----------------------------------------------


def test_the_date_of_a_title_in_another_tools_front_matter_dates_the_timeline():
    pm = read('---\nlayout: post\ntitle: "Queue backlog postmortem: May 12"\nauthor: Jo\n---\n\n'
              "The queue fell behind for two hours.\n\n## Timeline (UTC)\n\n"
              "- 22:10: backlog starts growing\n- 23:05: consumers scaled out\n- 00:05: backlog drained\n",
              name="2026-05-14-queue-backlog.md")
    assert times(pm) == ["2026-05-12 22:10", "2026-05-12 23:05", "2026-05-13 00:05"]


def test_a_day_number_written_with_a_dot_before_its_month():
    assert find_written_date("On Sunday 9. August 2026 the VPN failed").resolve(None, None)[0] == date(2026, 8, 9)
    assert find_written_date("Ticket 12. Sent in May 2026") is None


# --- one moment written on two clocks --------------------------------------------------------------


def test_a_local_time_with_its_utc_equivalent_in_brackets_is_the_utc_one():
    pm = read("# Ticket office offline\n\nOn 2 June 2026 the ticket office went offline at 9:40 local time "
              "(07:40 UTC) and was restored at 11:05 local time (09:05 UTC).\n", name="tickets.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-02 07:40", "2026-06-02 09:05")


def test_une_heure_locale_et_son_equivalent_utc_entre_parentheses():
    pm = read("# Billetterie indisponible\n\nLe 2 juin 2026, la billetterie est tombée en panne à 21 h 40, heure "
              "locale (19 h 40 UTC), et le service a été rétabli à 23 h 05, heure locale (21 h 05 UTC).\n",
              name="billetterie.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-02 19:40", "2026-06-02 21:05")


def test_a_time_in_brackets_without_a_clock_is_another_moment():
    from mkdocs_postmortem.read.timeline.mentions import clock_mentions
    from mkdocs_postmortem.zones import abbreviations
    found = clock_mentions("The alert fired at 10:00 (10:05 for the second region).", abbreviations())
    assert [m.clock.strftime("%H:%M") for m in found] == ["10:00", "10:05"]


def test_two_times_on_the_same_written_clock_are_two_moments():
    pm = read("# Rule rollout\n\nOn 3 March 2026 the outage began at 09:00 UTC and ended once we rolled back "
              "the release (10:30 UTC).\n", name="rollout.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-03 09:00", "2026-03-03 10:30")
