"""Numeric dates that fit both orders (3/12/2026, 03.12.2026, 12-03-2026) are read
in one order for the whole file, decided from its evidence (issue 22, ninth
pass): a date elsewhere that fits one order only, a day the file names with a
written month, its file name, its language, the region of its zone. And a date
written without its year takes the year nearest the incident's day. Each text is
our own, in layouts the corpus does not hold."""

from __future__ import annotations

from reading_helpers import read, times, utc


def _updates(stamps: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"*{stamp}* — {text}" for stamp, text in stamps)


def test_an_unambiguous_date_elsewhere_in_the_file_decides_the_order():
    # 13/04/2026 fits day-first only: the table's 05/04/2026 is the 5th of April.
    pm = read("# Queue backlog\n\nReported to the board on 13/04/2026.\n\n## Timeline\n\n"
              "| When (UTC) | What |\n|---|---|\n| 05/04/2026 09:10 | Consumers stop |\n"
              "| 05/04/2026 09:55 | Consumers restarted |\n| 05/04/2026 10:20 | Backlog drained |\n",
              "queue-backlog.md")
    assert times(pm) == ["2026-04-05 09:10", "2026-04-05 09:55", "2026-04-05 10:20"]
    assert any("day-first" in note.message and "13/04/2026" in note.message for note in pm.notes)


def test_a_month_first_date_elsewhere_decides_the_other_way():
    pm = read("# Webhook retries\n\nFiled 04/23/2026 by the platform team.\n\n## Timeline\n\n"
              "| When (UTC) | What |\n|---|---|\n| 04/05/2026 09:10 | Retries pile up |\n"
              "| 04/05/2026 09:40 | Worker pool doubled |\n| 04/05/2026 10:05 | Retries drained |\n",
              "webhook-retries.md")
    assert times(pm) == ["2026-04-05 09:10", "2026-04-05 09:40", "2026-04-05 10:05"]


def test_a_day_named_with_its_month_picks_the_reading_that_is_that_day():
    # "March 12" in the opening says which reading of 3/12/2026 the updates mean.
    text = ("# Storage latency\n\nOn Thursday, March 12, 2026 the storage array slowed down.\n\n"
            "## Timeline\n\n- 3/12/2026 14:05 UTC: latency alert\n- 3/12/2026 14:40 UTC: array failed over\n"
            "- 3/12/2026 15:10 UTC: latency normal\n")
    pm = read(text, "storage-latency.md")
    assert times(pm) == ["2026-03-12 14:05", "2026-03-12 14:40", "2026-03-12 15:10"]
    assert any("month-first" in note.message for note in pm.notes)


def test_the_file_name_date_picks_the_reading():
    text = ("# Cache stampede\n\n## Timeline\n\n- 06.07.2026 08:00 UTC cache flushed\n"
            "- 06.07.2026 08:12 UTC origin overloaded\n- 06.07.2026 08:50 UTC cache warm again\n")
    pm = read(text, "2026-06-07-cache-stampede.md")
    assert times(pm) == ["2026-06-07 08:00", "2026-06-07 08:12", "2026-06-07 08:50"]


def test_a_french_document_reads_its_dates_day_first():
    text = ("# Panne du portail\n\nLe portail des usagers était indisponible et les agents ont basculé sur "
            "la procédure de secours.\n\n## Chronologie\n\n- 03/12/2026 09h05 : premières erreurs\n"
            "- 03/12/2026 09h40 : redémarrage des serveurs\n- 03/12/2026 10h15 : retour à la normale\n")
    pm = read(text, "panne-portail.md")
    assert times(pm) == ["2026-12-03 09:05", "2026-12-03 09:40", "2026-12-03 10:15"]
    assert any("day-first" in note.message and "'fr'" in note.message for note in pm.notes)


def test_times_in_a_us_region_read_dates_month_first():
    # No date in the file fits one order only; its clock is US Eastern.
    text = ("# Login outage (all times are US Eastern)\n\n"
            "**UPDATE 3/12/2026 11:50 a.m.:** Engineers are rolling back.\n\n"
            "**ORIGINAL POST 3/12/2026 10:15 a.m.:** Users cannot log in.\n")
    pm = read(text, "login-outage.md")
    assert any("month-first" in note.message for note in pm.notes)
    assert pm.started is None or utc(pm.started).startswith("2026-03-12")


def test_an_abbreviation_of_a_us_zone_beside_a_time_reads_month_first():
    text = ("# Checkout errors\n\nCheckout failed from 9:15 AM PT.\n\n## Timeline\n\n"
            "| Date | Event |\n|---|---|\n| 5/6/2026 9:15 AM | Errors start |\n| 5/6/2026 9:50 AM | Fixed |\n")
    pm = read(text, "checkout-errors.md")
    assert any("month-first" in note.message and "PT" in note.message for note in pm.notes)


def test_the_whole_file_reads_one_order_in_every_stage():
    # The window sentence and the table read 04/05/2026 the same way.
    text = ("# DNS flaps\n\nAuthoritative DNS flapped between 04/05/2026 10:00 UTC and 04/05/2026 10:45 UTC.\n"
            "The review was held on 21/05/2026.\n\n## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n"
            "| 04/05/2026 10:00 | Flaps begin |\n| 04/05/2026 10:45 | Flaps end |\n")
    pm = read(text, "dns-flaps.md")
    assert utc(pm.started) == "2026-05-04 10:00"
    assert utc(pm.resolved) == "2026-05-04 10:45"
    assert times(pm) == ["2026-05-04 10:00", "2026-05-04 10:45"]


def test_a_file_writing_both_orders_decides_nothing_for_the_whole_file():
    text = ("# Mixed dates\n\nWritten 13/04/2026, amended 04/23/2026.\n\n## Timeline\n\n"
            "- 2026-04-05 09:10 UTC: consumers stop\n- 2026-04-05 09:55 UTC: consumers restarted\n")
    pm = read(text, "mixed-dates.md")
    assert not any("numeric dates are read" in note.message for note in pm.notes)


def test_a_date_without_its_year_takes_the_year_nearest_the_incident():
    # "Feb 3rd" in a report of February 4, 2026 is 2026-02-03, not the next year's.
    text = ("# Transit outage\n\n**Overview:**\n\nBeginning on Feb 3rd at 11:50PM UTC we lost both carriers, "
            "and the site was unreachable until 2:35AM UTC.\n\n**Carrier note:** On February 4, 2026 at 05:02 UTC "
            "the carrier reported a card offline.\n")
    pm = read(text, "transit-outage.md")
    assert utc(pm.started) == "2026-02-03 23:50"


def test_a_french_date_without_its_year_takes_the_year_nearest_the_incident():
    text = ("# Coupure du lien\n\nLe rapport du 2 janvier 2026 le confirme : la coupure a débuté "
            "le 31 décembre à 23h10 UTC et le service a été rétabli à 01h05 UTC.\n")
    pm = read(text, "coupure-lien.md")
    assert utc(pm.started) == "2025-12-31 23:10"


def test_a_day_joined_to_its_month_by_of_is_a_date():
    text = ("Dear customer,\n\nService affected: print queue\n\nStart: Monday, 4th of May 2026, 8:10 AM (UTC)\n\n"
            "End: Monday, 4th of May 2026, 9:25 AM (UTC)\n\nThe print queue stopped and was restarted.\n")
    pm = read(text, "print-queue-notice.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 08:10", "2026-05-04 09:25")


def test_a_french_date_with_a_comma_before_its_year_is_a_date():
    text = ("# Lenteurs de l'intranet\n\n## Mises à jour\n\n**Résolu** — Les pages s'affichent normalement.\n\n"
            "Publié le 9 févr., 2026 - 11:40 UTC\n\n**Identifié** — Un cache saturé ralentit les pages.\n\n"
            "Publié le 9 févr., 2026 - 10:55 UTC\n\n**Enquête** — Les pages de l'intranet sont lentes.\n\n"
            "Publié le 9 févr., 2026 - 10:20 UTC\n")
    pm = read(text, "lenteurs-intranet.md")
    assert utc(pm.started) == "2026-02-09 10:20"
