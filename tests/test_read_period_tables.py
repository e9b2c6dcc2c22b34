"""A table of outages, one a row, its date in one column and the period's start and end
in columns of their own ("| Date | Down | Back |", "| Date | Début | Fin |", "| Date |
Start (local) | End (local) |") (thirteenth pass, second half). An SRE dates each row by
its date cell, puts each row on the clock in force that day (daylight saving may change
between rows), and writes down the window from the first period's start to the last
period's end. Texts of our own, English and French; and what is no table of periods."""

from __future__ import annotations

from reading_helpers import check_codes, read, times, utc


def _window(text: str, name: str) -> tuple[str | None, str | None]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


# Across the switch to daylight time in the US (Sunday 2026-03-08): 2:10 PM ET is 19:10 UTC
# before it and 18:10 UTC after it.
_DOWN_BACK = (
    "# Build farm unavailable during nightly sync\n\nReported on March 14, 2026.\n\n## Timeline\n\n"
    "All times ET (US Eastern).\n\n| Date | Down | Back | Notes |\n|---|---|---|---|\n"
    "| Fri 3/6 | 2:10 PM | 2:40 PM | First time. |\n| Mon 3/9 | 2:12 PM | 3:05 PM | Same again. |\n"
    "| Wed 3/11 | 2:15 PM | 2:31 PM | Sync moved to another hour. |\n"
)


def test_english_rows_dated_by_their_date_cell_across_a_daylight_saving_switch():
    pm = read(_DOWN_BACK, "build-farm.md")
    assert times(pm) == ["2026-03-06 19:10", "2026-03-09 18:12", "2026-03-11 18:15"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-06 19:10", "2026-03-11 18:31")
    # The notes are the rows' text, never the end's clock.
    assert [event.text for event in pm.timeline][0] == "First time."


def test_a_date_cell_is_no_unreadable_time(tmp_path):
    codes = check_codes(tmp_path, "build-farm.md", _DOWN_BACK)
    assert not [message for code, message in codes if code == "PM701"]


def test_french_debut_fin_columns_with_day_first_dates():
    assert _window("# Coupures du portail\n\n## Chronologie\n\nHeures de Paris.\n\n"
                   "| Date | Début | Fin | Remarques |\n|---|---|---|---|\n"
                   "| 12/05/2026 | 9 h 05 | 9 h 50 | Première coupure. |\n"
                   "| 14/05/2026 | 10 h 20 | 11 h 02 | Deuxième coupure. |\n"
                   "| 19/05/2026 | 8 h 45 | 9 h 15 | Dernière coupure. |\n", "portail.md") == (
        "2026-05-12 07:05", "2026-05-19 07:15")


def test_a_period_ending_after_midnight_ends_the_next_day():
    assert _window("# Batch outages\n\n## Timeline\n\nAll times UTC.\n\n"
                   "| Date | Start | End | Impact |\n|---|---|---|---|\n"
                   "| 2026-06-02 | 21:40 | 22:30 | Exports late. |\n"
                   "| 2026-06-04 | 23:40 | 01:15 | Exports failed. |\n", "batch.md") == (
        "2026-06-02 21:40", "2026-06-05 01:15")


def test_a_day_name_tells_day_from_month_either_way():
    # Sunday 3 May 2026 (day-first 3/5 would be a Thursday in March).
    pm = read("# Mirror sync gaps\n\nWritten May 20, 2026.\n\n## Timeline\n\nAll times UTC.\n\n"
              "| Date | Down | Back |\n|---|---|---|\n| Sun 5/3 | 04:00 | 04:30 |\n| Tue 5/5 | 04:02 | 04:41 |\n"
              "| Thu 5/7 | 04:05 | 04:20 |\n", "mirror.md")
    assert times(pm) == ["2026-05-03 04:00", "2026-05-05 04:02", "2026-05-07 04:05"]
    assert utc(pm.resolved) == "2026-05-07 04:20"


def test_a_timeline_with_a_date_and_a_time_column_is_no_table_of_periods():
    pm = read("# Cache outage\n\n## Timeline\n\n| Date | Time (UTC) | Event |\n|---|---|---|\n"
              "| 2026-02-10 | 10:00 | Cache nodes evicted. |\n| 2026-02-10 | 10:20 | Paged the on-call. |\n"
              "| 2026-02-10 | 11:05 | Service restored. |\n", "cache.md")
    assert times(pm) == ["2026-02-10 10:00", "2026-02-10 10:20", "2026-02-10 11:05"]
    assert utc(pm.resolved) == "2026-02-10 11:05"


def test_a_start_column_without_an_end_column_is_no_table_of_periods():
    pm = read("# Queue stalls\n\n## Timeline\n\n| Time | Start | Event |\n|---|---|---|\n"
              "| 2026-02-10 10:00 | yes | Queue stalled. |\n| 2026-02-10 10:40 | no | Queue drained. |\n",
              "queue.md")
    assert times(pm) == ["2026-02-10 10:00", "2026-02-10 10:40"]
    assert [event.text for event in pm.timeline] == ["Queue stalled.", "Queue drained."]


def test_a_register_row_pasted_as_a_one_row_table_of_start_and_end():
    # A record's row, its date day-first, its columns labelled start and end: read as facts
    # (this passed before this pass too; it guards the record against the table of periods).
    assert _window("# Fiche incident INC-2291\n\n| Numéro | Début (heure locale) | Fin (heure locale) | Service |\n"
                   "|---|---|---|---|\n| INC-2291 | 04/05/2026 23 h 10 | 05/05/2026 01 h 40 | Paie |\n\n"
                   "Heure de Paris.\n", "fiche.md") == ("2026-05-04 21:10", "2026-05-04 23:40")
    assert _window("# Incident record\n\n| Ref | Start (local) | End (local) | Service |\n|---|---|---|---|\n"
                   "| INC-88 | 14/05/2026 09:10 | 14/05/2026 11:25 | Billing |\n\nAll times are Europe/London.\n",
                   "record.md") == ("2026-05-14 08:10", "2026-05-14 10:25")


def test_french_day_names_and_numbers_without_month_under_a_day_column():
    # Tuesday 10, Thursday 12 and Monday 16 March 2026, before the report of 20 March.
    pm = read("# Coupures du portail, mars 2026\n\nPublié le 20 mars 2026.\n\n## Chronologie\n\nHeures de Paris.\n\n"
              "| Jour | Début | Fin | Remarques |\n|---|---|---|---|\n| mardi 10 | 9 h 05 | 9 h 50 | Première. |\n"
              "| jeudi 12 | 10 h 20 | 11 h 02 | Deuxième. |\n| lundi 16 | 8 h 45 | 9 h 15 | Dernière. |\n", "portail.md")
    assert times(pm) == ["2026-03-10 08:05", "2026-03-12 09:20", "2026-03-16 07:45"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-10 08:05", "2026-03-16 08:15")


def test_a_date_cell_whose_order_nothing_settles_keeps_its_row_on_the_incident_day(tmp_path):
    # "08/07" without a year or a day's name: no new ambiguity warning, as before this pass.
    codes = check_codes(tmp_path, "sauvegardes.md",
                        "# Incident du 8 juillet 2026\n\n## Main courante\n\nHeures de Paris.\n\n"
                        "| Date | Heure | Quoi |\n|---|---|---|\n| 08/07 | 23:20 | Alerte |\n"
                        "| 09/07 | 00:10 | Cause trouvée |\n| 09/07 | 02:05 | Rétabli |\n")
    assert not [message for code, message in codes if code == "PM701"]


def test_a_day_name_that_fits_its_number_in_no_month_around_the_report_dates_nothing():
    # 11 March 2026 is a Wednesday: "mardi 11" is the author's slip, not a Tuesday of last November.
    text = ("# Coupures du portail, mars 2026\n\nPublié le 20 mars 2026.\n\n## Chronologie\n\nHeures de Paris.\n\n"
            "| Jour | Début | Fin | Remarques |\n|---|---|---|---|\n| mardi 11 | 9 h 05 | 9 h 50 | Première. |\n"
            "| jeudi 12 | 10 h 20 | 11 h 02 | Deuxième. |\n")
    pm = read(text, "portail.md")
    assert pm.started is None or pm.started.year == 2026
