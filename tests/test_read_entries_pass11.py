"""The eleventh pass on timeline entries (issue 22): a feed written newest first
whose updates carry a date without its year ("Feb 11 at 04:20am") is turned around
as one whose dates carry their year is: the order of its moments is certain, only
the year is inferred. Small postmortems of our own, English and French."""

from __future__ import annotations

import pytest
from reading_helpers import read


def order_alarms(pm) -> list[str]:
    return [problem.message for problem in pm.problems if "earlier than the row above" in problem.message]


@pytest.mark.parametrize(
    "updates",
    [
        # a list, newest first, each update led by its date and time
        "- Mar 4, 01:10 UTC — Closed: every queue is drained.\n"
        "- Mar 3, 22:40 UTC — Monitoring: the consumers are back.\n"
        "- Mar 3, 19:05 UTC — Investigating: the consumers stopped.\n",
        # French paragraphs, newest first
        "4 mars à 01h10 UTC — Clos : toutes les files sont vidées.\n\n"
        "3 mars à 22h40 UTC — Surveillance : les consommateurs sont revenus.\n\n"
        "3 mars à 19h05 UTC — Analyse : les consommateurs se sont arrêtés.\n",
    ],
)
def test_a_feed_newest_first_with_dates_without_year_is_turned_around(updates):
    pm = read("# Queue consumers stopped in 2026\n\nThe consumers of the billing queue stopped on "
              "3 March 2026.\n\n## Updates\n\n" + updates, "queue.md")
    assert order_alarms(pm) == []
    times = [event.time for event in pm.timeline]
    assert len(times) == 3 and times == sorted(times)
    assert times[0].day == 3 and times[-1].day == 4


def test_a_feed_oldest_first_with_one_entry_out_of_order_is_still_reported():
    pm = read("# Queue consumers stopped in 2026\n\nOn 3 March 2026 the consumers stopped.\n\n## Timeline\n\n"
              "- Mar 3, 19:05 UTC — the consumers stopped.\n"
              "- Mar 3, 22:40 UTC — the consumers came back.\n"
              "- Mar 3, 21:10 UTC — the queue was drained.\n"
              "- Mar 4, 01:10 UTC — closed.\n", "queue.md")
    assert len(order_alarms(pm)) == 1


# --- an item led by the moment its field states ------------------------------------------------


@pytest.mark.parametrize(
    "steps",
    [
        "1. Alert fires\n   - Date and time: June 9, 2026 – 07:12\n   - What: the lag alert pages the on-call.\n"
        "2. Fail-over\n   - Date and time: June 9, 2026 – 07:40\n   - What: the replica is promoted.\n"
        "3. Back to normal\n   - Date and time: June 9, 2026 – 08:05\n   - What: writes succeed again.\n",
        "- Alerte\n  - Date et heure : 9 juin 2026, 07 h 12\n  - Détail : l'alerte de retard appelle l'astreinte.\n"
        "- Bascule\n  - Date et heure : 9 juin 2026, 07 h 40\n  - Détail : le réplica est promu.\n"
        "- Retour à la normale\n  - Date et heure : 9 juin 2026, 08 h 05\n  - Détail : les écritures passent.\n",
    ],
)
def test_an_item_over_its_fields_is_led_by_the_moment_its_field_states(steps):
    pm = read("# Replica lag\n\n**Timeline:** (all times UTC)\n\n" + steps, "lag.md")
    assert [event.time.strftime("%H:%M") for event in pm.timeline] == ["07:12", "07:40", "08:05"]
    assert all(event.time.day == 9 for event in pm.timeline)


def test_sub_items_that_are_not_fields_stay_a_list_of_their_own():
    pm = read("# Replica lag\n\n## Timeline\n\n- 07:12 alert fires\n  - the on-call is paged\n"
              "- 07:40 fail-over\n  - the replica is promoted\n", "2026-06-09-lag.md")
    assert [event.time.strftime("%H:%M") for event in pm.timeline] == ["07:12", "07:40"]


# --- a heading led by a numbered label and a time ----------------------------------------------


@pytest.mark.parametrize(
    "headings",
    [
        ["Point n°1 (9 h 30)", "Point n°2 (10 h 45)", "Point n°3 (12 h 30)"],
        ["Bridge call 1 (09:30 UTC)", "Bridge call 2 (10:45 UTC)", "Bridge call 3 (12:30 UTC)"],
    ],
)
def test_a_heading_led_by_a_numbered_label_and_a_time_is_an_entry(headings):
    body = "".join(f"### {heading}\n\nWhat was known then, in a sentence.\n\n" for heading in headings)
    pm = read("# Payment outage on 30 March 2026\n\n## Updates\n\n" + body, "payments.md")
    assert [event.time.strftime("%H:%M") for event in pm.timeline] == ["09:30", "10:45", "12:30"]


# --- a status page's updates, each stage set apart by a dash -----------------------------------


@pytest.mark.parametrize(
    "feed",
    [
        "**Resolved** - Every printer prints again.\nPosted Jun 09, 2026 - 09:40 UTC\n\n"
        "**Monitoring** - The spooler restarted; jobs are draining.\nPosted Jun 09, 2026 - 09:05 UTC\n\n"
        "**Investigating** - Jobs are stuck in the queue.\nPosted Jun 09, 2026 - 08:20 UTC\n",
        "**Résolu** – Toutes les imprimantes fonctionnent.\nPublié le 09 juin 2026 - 09:40 UTC\n\n"
        "**Surveillance** – Le spouleur a redémarré.\nPublié le 09 juin 2026 - 09:05 UTC\n\n"
        "**Investigation en cours** – Les travaux restent bloqués.\nPublié le 09 juin 2026 - 08:20 UTC\n",
    ],
)
def test_a_status_feed_below_an_action_list_is_the_timeline_not_more_actions(feed):
    pm = read("# Printing stopped\n\n## What happened\n\nThe print spooler stopped on 9 June 2026.\n\n"
              "## What we're doing\n\n- Restart the spooler from a health check.\n"
              "- Alert when a job waits more than five minutes.\n\nPosted Jun 10, 2026 - 10:00 UTC\n\n" + feed,
              "printing.md")
    assert len(pm.actions) == 2
    assert [event.time.strftime("%H:%M") for event in pm.timeline] == ["08:20", "09:05", "09:40"]
