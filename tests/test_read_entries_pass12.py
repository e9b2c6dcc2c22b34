"""The twelfth pass on timeline entries (issue 22): a label set in emphasis at the
head of a paragraph acts as a heading, and a heading may be led by a label and a
time without its date ("## Update - 09:05 UTC"); so may such a label ("**Update,
14:20 UTC:** ...", "**Mise à jour, 21h35 :** ..."), the date coming from the scope
above it. A sentence led by a clock outside emphasis stays prose. Small notices
of our own, English and French, in layouts no corpus file uses."""

from __future__ import annotations

import pytest
from reading_helpers import read, times


@pytest.mark.parametrize(
    "updates, expected",
    [
        ("**Update, 14:20 UTC:** the mail relays are queueing; the queues\ngrow by the minute.\n\n"
         "**Update, 15:05 UTC:** the relays drain their queues.\n\n"
         "**Resolved at 16:40 UTC:** mail flows normally.\n",
         ["2026-03-18 14:20", "2026-03-18 15:05", "2026-03-18 16:40"]),
        ("*Posted 9:05 am UTC* — the relays are queueing.\nThe queues grow by the minute.\n\n"
         "*Posted 10:10 am UTC* — the relays drain their queues.\n\n"
         "*Posted 11:30 am UTC* — the queues are drained.\n",
         ["2026-03-18 09:05", "2026-03-18 10:10", "2026-03-18 11:30"]),
        ("__Mise à jour de 14 h 20 (UTC) :__ les relais de messagerie saturent ; les files\n"
         "s'allongent de minute en minute.\n\n"
         "__Mise à jour de 15 h 05 (UTC) :__ les relais vident leurs files.\n\n"
         "__Mise à jour de 16 h 40 (UTC) :__ le courrier circule normalement.\n",
         ["2026-03-18 14:20", "2026-03-18 15:05", "2026-03-18 16:40"]),
    ],
)
def test_an_emphasised_label_with_a_time_leads_an_entry(updates, expected):
    # Each update hard-wrapped as a notice is, with a word to the readers between two of them.
    wrapped = updates.replace("\n\n", "\nThe service desk answers calls as usual.\nWe will post again soon.\n\n", 1)
    wrapped = wrapped.replace("\n\n", "\n\nSorry for the trouble; thank you for your patience.\n\n", 1)
    pm = read("# Mail relays saturated\n\n*Notice of Wednesday 18 March 2026*\n\n" + wrapped, "relays.md")
    assert times(pm) == expected


def test_a_sentence_led_by_a_clock_outside_emphasis_is_prose():
    pm = read("# Mail relays saturated\n\n*Notice of Wednesday 18 March 2026*\n\n"
              "Since 14:20 UTC the mail relays are queueing.\n\n**Note 2:** the relays drain at 15:05 UTC.\n",
              "relays.md")
    assert times(pm) == []


@pytest.mark.parametrize(
    "report",
    ["Postmortem", "Post-mortem", "RCA", "Incident report", "Retour d'expérience", "Rapport d'incident"],
)
def test_the_update_that_posts_the_report_is_no_entry(report):
    pm = read("# Mail relays saturated\n\n## Updates\n\n"
              "1. Investigating 18 March 2026, 14:20 UTC\n\n   The relays are queueing.\n\n"
              "2. Identified 18 March 2026, 14:50 UTC\n\n   A bad filter rule.\n\n"
              "3. Resolved 18 March 2026, 15:30 UTC\n\n   Mail flows normally.\n\n"
              f"4. {report} 20 March 2026, 09:00 UTC\n\n   Our report is below.\n", "relays.md")
    assert times(pm) == ["2026-03-18 14:20", "2026-03-18 14:50", "2026-03-18 15:30"]


def test_an_entry_about_the_postmortem_meeting_stays_an_entry():
    pm = read("# Mail relays saturated\n\n## Timeline\n\n- 18 March 2026, 14:20 UTC — relays queueing\n"
              "- 18 March 2026, 15:30 UTC — mail flows normally\n"
              "- 18 March 2026, 16:00 UTC — postmortem meeting booked for Friday\n", "relays.md")
    assert len(times(pm)) == 3
