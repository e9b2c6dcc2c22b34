"""A start and an end written as a labelled pair, the label naming only which end it is
("Du : / Au :", "From: / To:", "Until:", "Began: / Ended:"), on lines or as the rows of a
table whose columns split the date from the hour ("| Du : | 14 oct. 2026 | 16 h 05 |")
(thirteenth pass). Texts of our own, English and French; and what is no such pair: a
pasted e-mail's "From:" and "To:" headers."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str, name: str) -> tuple[str | None, str | None]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


def test_french_du_au_rows_with_date_and_hour_in_their_own_columns():
    assert _window("# Synchronisation des agendas\n\n**Quand le problème est-il survenu ?**\n\n"
                   "| | Date | Heure |\n|---|---|---|\n| Du : | 14 oct. 2026 | 16 h 05 UTC |\n"
                   "| Au : | 15 oct. 2026 | 8 h 40 UTC |\n", "agendas.md") == ("2026-10-14 16:05", "2026-10-15 08:40")


def test_english_from_until_rows_with_date_and_time_columns():
    assert _window("# Storage incident\n\n| Period | Date | Time |\n|---|---|---|\n"
                   "| From | 2026-05-03 | 21:10 UTC |\n| Until | 2026-05-04 | 01:35 UTC |\n", "storage.md") == (
        "2026-05-03 21:10", "2026-05-04 01:35")


def test_french_du_au_lines():
    assert _window("# Panne de la téléphonie\n\nDu : 12 mai 2026 à 18 h 00 UTC\nAu : 12 mai 2026 à 20 h 00 UTC\n\n"
                   "Les appels entrants étaient refusés.\n", "telephonie.md") == ("2026-05-12 18:00", "2026-05-12 20:00")


def test_english_from_to_lines_in_a_list():
    assert _window("# Mail relay outage\n\n- **From:** 2026-09-14 04:19 UTC\n- **To:** 2026-09-14 06:02 UTC\n\n"
                   "Outbound mail queued.\n", "relay.md") == ("2026-09-14 04:19", "2026-09-14 06:02")


def test_began_and_ended_lines():
    assert _window("# Queue outage\n\nBegan: 2026-02-03 10:12 UTC\nEnded: 2026-02-03 11:02 UTC\n", "queue.md") == (
        "2026-02-03 10:12", "2026-02-03 11:02")


def test_an_email_from_and_to_are_no_window():
    pm = read("From: Rafael Dunmore <ceo@example.net>\nTo: our customers\nDate: June 3, 2026\n\n"
              "# Update on the power event\n\nPower to hall B failed at 04:26 UTC and came back at 09:15 UTC.\n",
              "email.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-03 04:26", "2026-06-03 09:15")


def test_a_zone_in_brackets_after_the_value_is_its_clock():
    assert _window("# Synchronisation des agendas\n\n| | Date | Heure |\n|---|---|---|\n"
                   "| Du : | 14 oct. 2026 | 16 h 05 (heure de Montréal) |\n"
                   "| Au : | 15 oct. 2026 | 8 h 40 (heure de Montréal) |\n", "montreal.md") == (
        "2026-10-14 20:05", "2026-10-15 12:40")


def test_a_from_label_with_a_date_alone_does_not_date_the_incident():
    # "From: 2026-03-01" may be any period's first day (an on-call rotation's): the Date row dates it.
    pm = read("# Checkout outage\n\n| Field | Value |\n|---|---|\n| From | 2026-03-01 (on-call rotation) |\n"
              "| To | 2026-03-07 |\n| Date | 2026-03-04 |\n\n## Summary\n\nCheckout was down from 10:00 to 11:30 UTC.\n",
              "rotation.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-04 10:00", "2026-03-04 11:30")
