"""Four-digit clocks without a colon in a timeline's time column (issue 22, twelfth pass).

Every text here is our own. A timeline table whose time column writes every
row as four digits in 0000-2359 (`0915`, `1508`) writes clocks, as military and
aviation logs do: they are read as HH:MM, in English and in French, with the
zone the header names. A column that holds one such number among real times,
a number out of range (`2460`) or a column no header calls a time stays as it
was: a year-like number in prose or in another column is never a clock.
"""

from __future__ import annotations

from reading_helpers import read, times, utc


def _unreadable(pm) -> list[str]:
    """The messages of the times the reader could not read."""
    return [problem.message for problem in pm.problems if "cannot be read" in problem.message]


def test_a_table_of_four_digit_times_is_read_as_clocks():
    pm = read("# Ledger sync outage on 2 June 2026\n\n## Timeline\n\n"
              "| Time (UTC) | What happened |\n|---|---|\n"
              "| 0905 | Ledger sync starts failing |\n"
              "| 0931 | Sync queue paused |\n"
              "| 1012 | Sync restored, backlog drained |\n", name="ledger.md")
    assert times(pm) == ["2026-06-02 09:05", "2026-06-02 09:31", "2026-06-02 10:12"]
    assert _unreadable(pm) == []


def test_une_chronologie_en_quatre_chiffres_sous_un_en_tete_francais():
    pm = read("# Coupure du portail le 9 mars 2026\n\n## Chronologie\n\n"
              "| Heure (UTC) | Événement |\n|---|---|\n"
              "| 0740 | Le portail ne répond plus |\n"
              "| 0802 | Bascule sur le site de secours |\n"
              "| 0855 | Service rétabli |\n", name="portail.md")
    assert times(pm) == ["2026-03-09 07:40", "2026-03-09 08:02", "2026-03-09 08:55"]
    assert _unreadable(pm) == []


def test_four_digit_times_after_midnight_roll_to_the_next_day():
    pm = read("# Batch overrun, 11 May 2026\n\n## Timeline\n\n"
              "| Time (UTC) | Event |\n|---|---|\n"
              "| 2340 | Nightly batch still running |\n"
              "| 0015 | Batch killed |\n", name="batch.md")
    assert times(pm) == ["2026-05-11 23:40", "2026-05-12 00:15"]


def test_a_lone_four_digit_cell_among_clocks_stays_unread():
    pm = read("# Cache purge on 4 April 2026\n\n## Timeline\n\n"
              "| Time (UTC) | Event |\n|---|---|\n"
              "| 10:05 | Purge starts |\n"
              "| 1030 | Purge half done |\n"
              "| 10:55 | Purge complete |\n", name="purge.md")
    assert "2026-04-04 10:30" not in times(pm)


def test_a_number_out_of_the_clock_range_is_not_a_time():
    pm = read("# Feed lag on 4 April 2026\n\n## Timeline\n\n"
              "| Time (UTC) | Event |\n|---|---|\n"
              "| 0905 | Lag starts |\n"
              "| 2460 | Lag peaks |\n", name="lag.md")
    assert _unreadable(pm) != []


def test_years_in_prose_stay_years():
    pm = read("# Billing outage\n\n## Summary\n\nBetween 2019 and 2021 the billing job ran weekly; on "
              "14 May 2026 from 10:00 to 10:45 UTC it failed.\n", name="billing.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-14 10:00", "2026-05-14 10:45")
