"""Which date a time without one gets (issue 22, eleventh pass).

Every text here is our own, in layouts no part of the archive corpus writes.
A time written without its date takes the nearest date stated above it in any
scope: a sentence that opens its timeline ("Times are CET, on Saturday 14
March 2026."), a heading, a line of its own; the day the document was posted
(a byline) comes only after those. The day the post writes its entries on is
not the day of the incident when the text states another."""

from __future__ import annotations

from reading_helpers import read, times, utc


def test_a_sentence_that_opens_the_timeline_dates_its_entries_before_the_byline():
    pm = read("# Storage outage: what happened\n\n*Posted on 16 March 2026 by the platform team*\n\n"
              "## Summary\n\nOn Saturday a switch failed and storage went offline.\n\n## Timeline\n\n"
              "Times below are UTC, on Saturday 14 March 2026.\n\n"
              "- 06:10 — storage nodes lose their uplink.\n- 06:40 — the switch is replaced.\n"
              "- 07:05 — storage back online.\n",
              name="storage.md")
    assert times(pm) == ["2026-03-14 06:10", "2026-03-14 06:40", "2026-03-14 07:05"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-14 06:10", "2026-03-14 07:05")


def test_une_phrase_qui_ouvre_le_journal_date_ses_entrees_avant_la_date_de_publication():
    pm = read("# Coupure de la téléphonie : le point\n\n*Mis en ligne le lundi 9 février 2026*\n\n"
              "## Ce qui s'est passé\n\nNous retraçons ici la soirée du vendredi 6 février 2026, "
              "toutes heures en UTC.\n\n"
              "**19 h 40** — les appels entrants échouent.\n\n"
              "**20 h 15** — l'opérateur identifie une carte défaillante.\n\n"
              "**21 h 05** — les appels passent de nouveau.\n",
              name="telephonie.md")
    assert times(pm) == ["2026-02-06 19:40", "2026-02-06 20:15", "2026-02-06 21:05"]


def test_the_nearest_date_above_wins_over_the_posting_date_of_the_title():
    pm = read("# Incident report, published 25 May 2026\n\n## Summary\n\nThe API returned errors.\n\n"
              "## Sequence of events\n\nEverything below happened on 22 May 2026 (UTC).\n\n"
              "1. 23:10 — error rate rises above 5 %.\n2. 23:35 — the faulty node is drained.\n"
              "3. 00:20 — error rate back to normal.\n",
              name="api-report.md")
    assert times(pm) == ["2026-05-22 23:10", "2026-05-22 23:35", "2026-05-23 00:20"]


def test_a_date_in_prose_between_entries_does_not_move_the_entries_after_it():
    pm = read("# Payment errors on 2 April 2026\n\n## Timeline\n\n"
              "- 09:00 UTC — card payments start failing.\n"
              "- 09:20 UTC — the certificate renewed on 30 March 2026 is found to be the wrong one.\n"
              "- 09:45 UTC — the right certificate is installed; payments succeed.\n",
              name="payments.md")
    assert times(pm) == ["2026-04-02 09:00", "2026-04-02 09:20", "2026-04-02 09:45"]


# --- a feed newest first across a day change, its dates without their year ---------------------


def test_a_feed_newest_first_over_two_days_written_without_the_year():
    pm = read("# Search API degraded\n\nOn Monday 2 March 2026 the search API slowed down.\n\n## Updates\n\n"
              "**Resolved** · Mar 3, 01:15 UTC\nLatency is back to normal.\n\n"
              "**Monitoring** · Mar 3, 00:20 UTC\nA fix is deployed; we are watching.\n\n"
              "**Identified** · Mar 2, 23:05 UTC\nA bad index was found.\n\n"
              "**Investigating** · Mar 2, 22:30 UTC\nSearch latency is high.\n",
              name="search-api.md")
    assert times(pm) == ["2026-03-02 22:30", "2026-03-02 23:05", "2026-03-03 00:20", "2026-03-03 01:15"]
    assert not [p for p in pm.problems if "earlier than the row above" in p.message]


def test_un_fil_du_plus_recent_au_plus_ancien_sur_deux_jours_sans_annee():
    pm = read("# Messagerie indisponible\n\nLe jeudi 8 octobre 2026, la messagerie a été coupée.\n\n"
              "## Au fil de la nuit\n\n- 9 oct. à 01 h 10 UTC : service rétabli.\n"
              "- 8 oct. à 23 h 40 UTC : redémarrage des serveurs.\n"
              "- 8 oct. à 22 h 15 UTC : la messagerie ne répond plus.\n",
              name="messagerie-suivi.md")
    assert times(pm) == ["2026-10-08 22:15", "2026-10-08 23:40", "2026-10-09 01:10"]


# --- a day written relative to the post, above the entries -------------------------------------


def test_a_heading_that_says_last_night_dates_the_entries_under_it():
    pm = read("# About yesterday's sync outage\n\n*Posted Thursday, 12 November 2026*\n\n"
              "## What we saw last night\n\nAll times UTC.\n\n"
              "- 21:10 — sync requests start timing out.\n- 21:45 — a full disk is found on the primary.\n"
              "- 22:30 — space freed; sync works again.\n",
              name="sync.md")
    assert times(pm) == ["2026-11-11 21:10", "2026-11-11 21:45", "2026-11-11 22:30"]


def test_un_titre_qui_dit_hier_soir_date_les_entrees_dessous():
    pm = read("# Panne de la billetterie\n\n*Publié le samedi 7 mars 2026*\n\n"
              "## Le fil d'hier soir\n\n"
              "**20 h 05** (UTC) — la billetterie ne répond plus.\n\n"
              "**20 h 40** (UTC) — la base de données est redémarrée.\n\n"
              "**21 h 10** (UTC) — la billetterie répond de nouveau.\n",
              name="billetterie.md")
    assert times(pm) == ["2026-03-06 20:05", "2026-03-06 20:40", "2026-03-06 21:10"]


# --- the year of a date written without one ---------------------------------------------------


def test_a_closing_byline_gives_its_year_to_the_dates_written_without_one(tmp_path):
    from reading_helpers import check_lines
    text = ("# Webhook delays, March 3rd\n\n## Summary\n\nWebhooks were delivered late.\n\n## Timeline\n\n"
            "Mar 3, 14:05 UTC — delivery latency rises.\n\nMar 3, 14:40 UTC — a stuck worker is restarted.\n\n"
            "Mar 3, 15:10 UTC — the backlog is delivered.\n\n---\n\n*Written by the integrations team on 6 March 2026.*\n")
    pm = read(text, name="webhooks.md")
    assert times(pm) == ["2026-03-03 14:05", "2026-03-03 14:40", "2026-03-03 15:10"]
    assert not [line for line in check_lines(tmp_path, "webhooks.md", text) if "have no date" in line]


def test_une_signature_en_fin_de_page_donne_son_annee_aux_dates_sans_annee():
    pm = read("# Lenteurs de la messagerie\n\n## Chronologie (UTC)\n\n"
              "4 mai, 09:10 –– les courriels mettent dix minutes à arriver.\n\n"
              "4 mai, 09:50 –– le relais saturé est remplacé.\n\n"
              "4 mai, 10:30 –– les délais redeviennent normaux.\n\n*Rédigé le 7 mai 2026 par l'équipe système.*\n",
              name="lenteurs.md")
    assert times(pm) == ["2026-05-04 09:10", "2026-05-04 09:50", "2026-05-04 10:30"]
