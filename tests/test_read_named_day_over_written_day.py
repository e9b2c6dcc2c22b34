"""The day a text names for its events beats the day it was written (issue 22, twelfth pass).

Every text here is our own. A letter, an article or a post opens with a byline
that dates its writing (`*From the CTO — 29 September 2026*`, `*Publié le
mardi 6 octobre 2026*`); its summary then names the incident's own day,
often without a year (`On Friday, September 25`, `le 2 octobre`). Times
written without a date are on the day the text names, not on the byline's;
the byline still anchors relative words, and dates the times when the text
names no other day.
"""

from __future__ import annotations

from reading_helpers import read, utc


def test_a_letter_dated_by_its_byline_names_the_incident_day_in_its_summary():
    pm = read("# About last week's checkout failures\n\n*From the CTO, Brightloop — October 2, 2026*\n\n"
              "Dear customer,\n\n## Summary\n\nOn Friday, September 25, checkout failed for card payments.\n\n"
              "## Impact\n\nFrom 14:10 UTC until 15:40 UTC, card payments were refused.\n",
              name="letter.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-09-25 14:10", "2026-09-25 15:40")


def test_un_article_date_par_sa_signature_nomme_le_jour_de_l_incident():
    pm = read("# Panne du réseau de la médiathèque\n\n*Par Jeanne Roux, publié le mardi 6 octobre 2026*\n\n"
              "## Résumé\n\nLe 2 octobre, le réseau de la médiathèque est tombé.\n\n"
              "## Impact\n\nDe 9 h 15 à 11 h 40 (UTC), aucun poste ne pouvait se connecter.\n",
              name="mediatheque.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-10-02 09:15", "2026-10-02 11:40")


def test_a_named_day_with_its_year_in_the_summary_beats_the_byline():
    pm = read("# Our DNS incident\n\n_Posted by the infrastructure team on 12 March 2026_\n\n"
              "## Summary\n\nOn 9 March 2026 our resolvers stopped answering.\n\n"
              "## Impact\n\nResolution failed between 07:05 UTC and 07:50 UTC.\n", name="dns.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-09 07:05", "2026-03-09 07:50")


def test_the_byline_dates_the_times_when_the_text_names_no_other_day():
    pm = read("# Mail relay slowdown\n\n*Posted on 12 March 2026*\n\n## Summary\n\n"
              "Outbound mail was delayed from 07:05 UTC to 07:50 UTC.\n", name="relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-12 07:05", "2026-03-12 07:50")


def test_may_in_lower_case_without_a_year_is_the_word_not_the_month():
    pm = read("# Queue delays\n\n*Posted on 12 June 2026*\n\n## Summary\n\n"
              "Consumers in eu-1 may see duplicate messages; publishing was delayed from 07:05 UTC to "
              "07:50 UTC.\n", name="queue.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-12 07:05", "2026-06-12 07:50")
