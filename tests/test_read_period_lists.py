"""An account of several outages in one sentence, the later ones joined by "then" / "puis",
a French impact word agreeing with what was down ("inaccessibles"), a later period written
"du … jusqu'au …" with its own dates, and the zone written once after the last period
(thirteenth pass, second half). An SRE writes down the first period's start and the last
period's end. Texts of our own, English and French; and what is no later period."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str) -> tuple[str | None, str | None]:
    pm = read(text, "outages.md")
    return utc(pm.started), utc(pm.resolved)


def test_french_periods_joined_by_puis_with_a_plural_impact_word():
    assert _window("# Pannes du 9 mai 2026\n\nLe cloud et la messagerie ont été inaccessibles de 4 h 10 à 7 h 45, "
                   "puis de 23 h 30 à 23 h 55 (heure de Paris).\n") == ("2026-05-09 02:10", "2026-05-09 21:55")


def test_french_later_period_written_du_jusqu_au_with_its_dates():
    assert _window("# Pannes du 9 mai 2026\n\nLe cloud et la messagerie ont été inaccessibles le 9 mai 2026 "
                   "de 4 h 10 à 7 h 45, puis du 9 mai 2026 à 23 h 30 jusqu'au 10 mai 2026 à 10 h 15 "
                   "(heure de Paris).\n") == ("2026-05-09 02:10", "2026-05-10 08:15")


def test_english_periods_joined_by_then():
    assert _window("# Storage outages on May 9, 2026\n\nThe file shares were unreachable from 04:10 to 07:45 UTC, "
                   "then from 23:30 to 23:55 UTC.\n") == ("2026-05-09 04:10", "2026-05-09 23:55")


def test_then_in_another_sentence_joins_no_period():
    assert _window("# Storage outage on May 9, 2026\n\nThe file shares were unreachable from 04:10 to 07:45 UTC. "
                   "Then from 10:00 to 11:00 UTC we ran the reindex.\n") == ("2026-05-09 04:10", "2026-05-09 07:45")


def test_then_before_another_matter_joins_no_period():
    assert _window("# Canary incident on 4 March 2026\n\nCheckout failed between 10:00 and 10:45 UTC, then a canary "
                   "ran between 14:00 and 14:10 UTC without errors.\n") == ("2026-03-04 10:00", "2026-03-04 10:45")
