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
