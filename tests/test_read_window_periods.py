"""An account of several outage periods in one sentence ("between 6:10 and 8:25 am PT, and
again between 11:05 am and 12:40 pm PT", "de 07 h 10 à 07 h 45, puis de nouveau entre 10 h
et 10 h 30", "a first outage ... and a second one"): the incident's window runs from the
first period's start to the last period's end, as an SRE writes it down (thirteenth pass).
Texts of our own, in English and French, the periods on one line, wrapped over two, three
of them, across midnight; and what is no second period: two clocks of one window, a
range in another sentence."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str, name: str) -> tuple[str, str]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


def test_and_again_on_one_line_runs_to_the_last_period_end():
    assert _window("# Dashboard outage\n\nOn 4 March 2026 the dashboard was unavailable between 06:10 and 08:25 UTC, "
                   "and again between 11:05 and 12:40 UTC.\n", "dashboard.md") == (
        "2026-03-04 06:10", "2026-03-04 12:40")


def test_a_second_period_wrapped_over_two_lines():
    assert _window("# Sign-in errors\n\nSign-in failed from 9:05 am to 9:40 am PT on Thursday, May 14, 2026, and\n"
                   "once more from 1:15 pm to\n2:02 pm PT, for most customers.\n", "sign-in.md") == (
        "2026-05-14 16:05", "2026-05-14 21:02")


def test_three_periods_a_second_and_a_third_time():
    assert _window("# Queue stalls\n\nOn 2026-07-02 the queue stalled from 01:00 to 01:20 UTC, a second time "
                   "from 03:00 to 03:10 UTC and a third time from 05:30 to 05:45 UTC.\n", "queue.md") == (
        "2026-07-02 01:00", "2026-07-02 05:45")


def test_french_puis_de_nouveau():
    assert _window("# Panne de la messagerie\n\nLe 12 mai 2026, la messagerie a été indisponible de 07 h 10 à "
                   "07 h 45 UTC, puis de nouveau entre 10 h 00 et 10 h 30 UTC.\n", "messagerie.md") == (
        "2026-05-12 07:10", "2026-05-12 10:30")


def test_french_une_seconde_coupure_le_lendemain():
    assert _window("# Coupure réseau\n\nUne première coupure a eu lieu entre 22 h 40 et 23 h 15 UTC le 3 juin 2026, "
                   "et une seconde entre 01 h 05 et 02 h 30 UTC le 4 juin 2026.\n", "reseau.md") == (
        "2026-06-03 22:40", "2026-06-04 02:30")


def test_two_clocks_of_one_window_are_not_two_periods():
    assert _window("# Billing\n\nOn June 2, 2026 billing was down from 10:05am to 10:47am Central Time "
                   "(15:05–15:47 UTC).\n", "billing.md") == ("2026-06-02 15:05", "2026-06-02 15:47")


def test_a_range_in_another_sentence_is_not_a_second_period():
    assert _window("# Search outage\n\nOn 3 June 2026 search was down from 09:00 to 09:40 UTC. We will run "
                   "the reindex again between 22:00 and 23:00 UTC next week.\n", "search.md") == (
        "2026-06-03 09:00", "2026-06-03 09:40")


def test_a_range_far_after_the_word_again_is_not_a_second_period():
    assert _window("# Exports\n\nOn 8 July 2026 exports failed from 14:00 to 14:30 UTC, and again the team "
                   "reviewed the alerting rules that had stayed silent, which were last changed by the platform "
                   "group between 02:00 and 03:00 UTC.\n", "exports.md") == (
        "2026-07-08 14:00", "2026-07-08 14:30")


def test_check_reports_no_missing_resolved_for_two_periods(tmp_path):
    from reading_helpers import check_codes

    codes = check_codes(tmp_path, "dashboard.md", "# Dashboard outage\n\nOn 4 March 2026 the dashboard was "
                        "unavailable between 06:10 and 08:25 UTC,\nand again between 11:05 and\n12:40 UTC.\n")
    assert not [message for code, message in codes if code == "PM002" and "`resolved`" in message
                and "is missing;" in message and "body states" not in message]


def test_a_date_after_a_range_that_crosses_midnight_dates_its_end():
    assert _window("# Upgrade failures\n\nOn 7 March 2026 we shipped 3.2; on 8 March 2026 upgraded instances failed "
                   "to start from 22:30 UTC until 01:15 UTC on 9 March 2026.\n", "upgrade.md") == (
        "2026-03-08 22:30", "2026-03-09 01:15")


def test_french_date_after_the_range_dates_both_ends():
    assert _window("# Panne de nuit\n\nPublié le 6 mai 2026. La synchronisation a été interrompue de 23 h 10 à "
                   "00 h 40 UTC le 5 mai 2026.\n", "nuit.md") == ("2026-05-04 23:10", "2026-05-05 00:40")


def test_a_second_thing_that_is_no_outage_is_not_a_second_period():
    # An ordinal says "another outage" only with the outage's noun left out or named.
    assert _window("# Checkout outage on 4 March 2026\n\n## Summary\n\nOn 4 March 2026 checkout was down between "
                   "10:00 and 10:45 UTC, and a second canary ran between 14:00 and 14:10 UTC without errors.\n",
                   "canary.md") == ("2026-03-04 10:00", "2026-03-04 10:45")


def test_what_the_team_did_next_is_no_later_period():
    # "then" joins a later outage, not a clause telling what the team did in that range.
    assert _window("# Checkout errors on 3 March 2026\n\n## Summary\n\nOn 3 March 2026 checkout failed from 10:00 "
                   "to 10:30 UTC, then from 11:00 to 12:00 UTC we monitored the error rate closely.\n",
                   "monitoring.md") == ("2026-03-03 10:00", "2026-03-03 10:30")
    assert _window("# Coupure du 3 mars 2026\n\n## Résumé\n\nLe 3 mars 2026, la messagerie a été coupée de 10 h 00 "
                   "à 10 h 30 UTC, puis de 14 h 00 à 16 h 00 UTC nous avons fait un point avec le prestataire.\n",
                   "point.md") == ("2026-03-03 10:00", "2026-03-03 10:30")
