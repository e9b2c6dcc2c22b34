"""Times dated relative to the post (issue 22, tenth pass): "last night", "this
morning", "hier soir", a weekday written alone ("on Wednesday", "samedi") date the
times of their sentence from the document's own date (a dateline, a byline, the
title, the file name), the nearest such day on or before it. A weekday written
with its date is that date. Each text is our own, in layouts the corpus does not hold."""

from __future__ import annotations

import pytest
from reading_helpers import read, utc


@pytest.mark.parametrize(("name", "text", "started", "resolved"), [
    # A byline's date, weekdays alone in the sentences.
    ("checkout-errors.md",
     "# Checkout errors\n\nPosted on Friday, 6 March 2026 by the platform team.\n\n## Summary\n\n"
     "On Wednesday at 14:20 UTC the checkout API began returning errors. "
     "Service was fully restored at 15:05 UTC on Wednesday.\n",
     "2026-03-04 14:20", "2026-03-04 15:05"),
    # The file name's date; "last night" and "this morning" on either side of midnight.
    ("2026-05-13-storage.md",
     "# Storage outage\n\n## What happened\n\n"
     "Our storage nodes went down at 23:10 UTC last night. "
     "They were back online at 01:20 UTC this morning.\n",
     "2026-05-12 23:10", "2026-05-13 01:20"),
    # French dateline, a weekday in capitals leading the sentence.
    ("messagerie.md",
     "# Messagerie indisponible\n\n*Lyon, lundi 9 février 2026*\n\n## Ce qui s'est passé\n\n"
     "Samedi, à 10h15 (UTC), la messagerie a commencé à rejeter les connexions. "
     "Le service a été rétabli samedi à 11h40 (UTC).\n",
     "2026-02-07 10:15", "2026-02-07 11:40"),
    # French "hier soir" and "ce matin" from a note's date.
    ("note-annuaire.md",
     "# Note du 3 juin 2026 sur l'annuaire\n\n## Résumé\n\n"
     "L'annuaire est tombé en panne hier soir à 21h30 UTC. "
     "Il a été rétabli ce matin à 6h05 UTC.\n",
     "2026-06-02 21:30", "2026-06-03 06:05"),
    # The post's own weekday is the post's day.
    ("vpn-today.md",
     "# VPN drops\n\nThursday 10 September 2026\n\n## Summary\n\n"
     "The VPN started dropping sessions today at 08:05 UTC. It was fixed at 09:40 UTC today.\n",
     "2026-09-10 08:05", "2026-09-10 09:40"),
])
def test_a_time_dated_relative_to_the_post(name, text, started, resolved):
    pm = read(text, name)
    assert (utc(pm.started), utc(pm.resolved)) == (started, resolved)


def test_a_weekday_written_with_its_date_is_that_date():
    text = ("# Queue stall\n\nPublished 20 March 2026.\n\n## Summary\n\n"
            "On Tuesday 3 March 2026 the queue began stalling at 10:00 UTC. "
            "It was resolved at 12:30 UTC the same day.\n")
    pm = read(text, "queue-stall.md")
    assert utc(pm.started) == "2026-03-03 10:00"


def test_a_weekday_word_that_is_not_a_day_dates_nothing():
    # "mon" is French for "my", and "Sat" stands in a product name: neither is a day.
    text = ("# Mon serveur Sat-Relay\n\nLe 12 avril 2026.\n\n## Résumé\n\n"
            "Mon relais a commencé à perdre des messages à 9h10 UTC et a été rétabli à 9h50 UTC.\n")
    pm = read(text, "sat-relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-04-12 09:10", "2026-04-12 09:50")
