"""Clock times written in four digits in a sentence that states the window ("from 0914 to
1047 UTC", "between 1520 and 1625 (all times in UTC)", "de 0740 à 0855 UTC", "from 1520 to
1625 hrs") (thirteenth pass). Read only where a range joins two of them and a zone or an
hours word follows: a year or a count is never a clock. Texts of our own."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str, name: str) -> tuple[str | None, str | None]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


def test_from_and_to_four_digits_with_a_zone():
    assert _window("# Mirror outage\n\nOn 10 March 2026 the package mirror was down from 0914 to 1047 UTC.\n",
                   "mirror.md") == ("2026-03-10 09:14", "2026-03-10 10:47")


def test_between_four_digits_with_the_zone_in_a_remark():
    assert _window("# Relay incident\n\nOn 14 April 2026 the incident lasted for a period of 65 minutes between "
                   "1520 and 1625 (all times in UTC), during which messages were delayed.\n", "relay.md") == (
        "2026-04-14 15:20", "2026-04-14 16:25")


def test_a_title_that_states_the_window_in_four_digits():
    assert _window("# Registry outage 0914 to 1047 UTC, 10 March 2026\n\nDownloads failed for most users.\n",
                   "registry.md") == ("2026-03-10 09:14", "2026-03-10 10:47")


def test_french_de_et_a_en_quatre_chiffres():
    assert _window("# Portail\n\nLe 9 mars 2026, le portail a été indisponible de 0740 à 0855 UTC.\n",
                   "portail.md") == ("2026-03-09 07:40", "2026-03-09 08:55")


def test_hours_word_after_four_digits():
    assert _window("# Radio outage\n\nOn 2 June 2026 the radio network was unavailable from 2210 to 2345 hrs UTC.\n",
                   "radio.md") == ("2026-06-02 22:10", "2026-06-02 23:45")


def test_years_are_no_clocks():
    assert _window("# Capacity review\n\nOn 2 June 2026 we reviewed outage counts between 2019 and 2021, "
                   "which doubled.\n", "review.md") == (None, None)


def test_counts_are_no_clocks():
    assert _window("# Load incident\n\nOn 2 June 2026 during the outage the API served between 1200 and 1500 "
                   "requests per second.\n", "load.md") == (None, None)


def test_counts_followed_by_a_word_that_spells_a_zone_are_no_clocks():
    # "est" (is) and "west" are words; a zone after a range is written in capitals, or in a remark in brackets.
    assert _window("# Incident du 4 mars 2026\n\n## Résumé\n\nLe 4 mars 2026, le nombre de connexions est passé de "
                   "1200 à 1800 et le service est resté lent pendant une heure.\n", "connexions.md") == (None, None)
    assert _window("# Checkout slowness on 4 March 2026\n\n## Summary\n\nOn 4 March 2026 we scaled the fleet from "
                   "1200 to 1800 nodes in the west and checkout stayed slow for an hour.\n", "fleet.md") == (None, None)
