"""A status page's incident history, whatever tool exported it (issue 22, twelfth
pass): a sequence of updates, each a status word (Investigating, Identified,
Monitoring, Resolved; Enquête en cours, Identifié, Surveillance, Résolu) and a
stamp, in either order, newest or oldest first. Each update is a timeline entry;
the first update's stamp starts the window and the Resolved stamp ends it, unless
the text states the window in words or a duration with one end. Each text is our
own, in layouts no part of the corpus uses."""

from __future__ import annotations

from reading_helpers import read, times, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


def test_status_headings_over_posted_stamps_newest_first():
    pm = read("# Elevated API errors\n\n"
              "## Resolved\n\nThis incident has been resolved.\n\nPosted Mar 12, 2026 - 15:40 UTC\n\n"
              "## Monitoring\n\nA fix has been implemented.\n\nPosted Mar 12, 2026 - 15:05 UTC\n\n"
              "## Identified\n\nA release is at fault.\n\nPosted Mar 12, 2026 - 14:35 UTC\n\n"
              "## Investigating\n\nWe see elevated error rates.\n\nPosted Mar 12, 2026 - 14:12 UTC\n",
              "api-errors.md")
    assert times(pm) == ["2026-03-12 14:12", "2026-03-12 14:35", "2026-03-12 15:05", "2026-03-12 15:40"]
    assert _window(pm) == ("2026-03-12 14:12", "2026-03-12 15:40")


def test_status_headings_with_the_stamp_first_oldest_first():
    pm = read("# Search degraded\n\n"
              "### Investigating\n\nApril 3, 2026 at 9:02 AM UTC\n\nSearch requests are slow.\n\n"
              "### Identified\n\nApril 3, 2026 at 9:30 AM UTC\n\nAn index node is out of memory.\n\n"
              "### Resolved\n\nApril 3, 2026 at 10:15 AM UTC\n\nSearch is back to normal.\n",
              "search-degraded.md")
    assert times(pm) == ["2026-04-03 09:02", "2026-04-03 09:30", "2026-04-03 10:15"]
    assert _window(pm) == ("2026-04-03 09:02", "2026-04-03 10:15")


def test_french_status_headings_with_published_stamps():
    pm = read("# Lenteurs de la messagerie\n\n"
              "## Enquête en cours\n\nPublié le 5 mai 2026 à 14:02 UTC\n\nLes envois sont lents.\n\n"
              "## Identifié\n\nPublié le 5 mai 2026 à 14:40 UTC\n\nUn serveur de file d'attente est saturé.\n\n"
              "## Résolu\n\nPublié le 5 mai 2026 à 15:30 UTC\n\nLe service fonctionne normalement.\n",
              "lenteurs-messagerie.md")
    assert times(pm) == ["2026-05-05 14:02", "2026-05-05 14:40", "2026-05-05 15:30"]
    assert _window(pm) == ("2026-05-05 14:02", "2026-05-05 15:30")


def test_stamps_led_by_their_status_word_under_one_heading():
    pm = read("# Replication lag\n\n## Updates (newest first)\n\n"
              "RESOLVED - Jul 8, 2026 at 6:40 PM UTC\n\nReplicas have caught up.\n\n"
              "MONITORING - Jul 8, 2026 at 6:05 PM UTC\n\nThe lag is shrinking.\n\n"
              "INVESTIGATING - Jul 8, 2026 at 5:20 PM UTC\n\nReplicas lag behind the primary.\n",
              "replication-lag.md")
    assert times(pm) == ["2026-07-08 17:20", "2026-07-08 18:05", "2026-07-08 18:40"]
    assert _window(pm) == ("2026-07-08 17:20", "2026-07-08 18:40")


def test_feed_items_each_a_heading_and_a_stamp():
    # An RSS feed's items; the stamp is written with a named zone ("GMT"): a numeric
    # offset ("-0000") is a form of the tokenizer's, not of this reader's.
    pm = read("# Incidents | Acme status\n\n"
              "### Login is down\n\nhttps://status.acme.example/incident/7\n\n"
              "Tue, 09 Jun 2026 08:31:10 GMT\n\nLogin recovered.\n\n"
              "### Login is down\n\nhttps://status.acme.example/incident/7\n\n"
              "Tue, 09 Jun 2026 08:12:44 GMT\n\nLogin went down.\n",
              "acme-feed.md")
    assert times(pm) == ["2026-06-09 08:12", "2026-06-09 08:31"]
    assert _window(pm) == ("2026-06-09 08:12", "2026-06-09 08:31")


def test_a_window_stated_in_an_update_beats_the_stamps():
    pm = read("# Elevated API errors\n\n"
              "## Resolved\n\nBetween 14:00 and 15:20 UTC some API calls failed. The release was rolled back.\n\n"
              "Posted Mar 12, 2026 - 15:40 UTC\n\n"
              "## Investigating\n\nWe are looking into elevated error rates.\n\nPosted Mar 12, 2026 - 14:12 UTC\n",
              "api-errors-window.md")
    assert _window(pm) == ("2026-03-12 14:00", "2026-03-12 15:20")


def test_a_french_window_stated_in_an_update_beats_the_stamps():
    pm = read("# Paiements refusés\n\n"
              "## Résolu\n\nDe 09:05 à 09:50 UTC, une partie des paiements a été refusée.\n\n"
              "Publié le 2 juin 2026 à 10:10 UTC\n\n"
              "## Enquête en cours\n\nDes paiements sont refusés.\n\nPublié le 2 juin 2026 à 09:20 UTC\n",
              "paiements-refuses.md")
    assert _window(pm) == ("2026-06-02 09:05", "2026-06-02 09:50")


def test_one_resolved_stamp_and_the_downtime_it_states():
    pm = read("# Previous incidents\n\n## Login API is down\n\n"
              "Resolved Jun 2, 2026 at 09:25am UTC\n\nLogin API recovered.\n\n"
              "6 mins of downtime due to a database failover.\n",
              "login-api-down.md")
    assert _window(pm) == ("2026-06-02 09:19", "2026-06-02 09:25")


def test_a_french_resolved_stamp_and_the_duration_it_states():
    pm = read("# Incidents précédents\n\n## Le portail est indisponible\n\n"
              "Résolu le 14 octobre 2026 à 16:40 UTC\n\nLe portail répond de nouveau.\n\n"
              "Le portail a été indisponible pendant 25 minutes.\n",
              "portail-indisponible.md")
    assert _window(pm) == ("2026-10-14 16:15", "2026-10-14 16:40")


def test_a_postmortem_posted_on_top_of_the_updates_is_no_entry():
    pm = read("# Uploads failing\n\n"
              "### Postmortem\n\nJul 2, 2026 at 9:00 AM UTC\n\nA full report of what happened.\n\n"
              "### Resolved\n\nJul 1, 2026 at 4:30 PM UTC\n\nUploads work again.\n\n"
              "### Investigating\n\nJul 1, 2026 at 3:55 PM UTC\n\nUploads fail.\n",
              "uploads-failing.md")
    assert times(pm) == ["2026-07-01 15:55", "2026-07-01 16:30"]
    assert _window(pm) == ("2026-07-01 15:55", "2026-07-01 16:30")



def test_a_duration_added_to_another_gives_no_start():
    pm = read("# Previous incidents\n\n## Le portail est indisponible\n\n"
              "Résolu le 14 octobre 2026 à 16:40 UTC\n\nLe portail répond de nouveau.\n\n"
              "La bascule a échoué et le portail est resté indisponible pendant 25 minutes de plus.\n",
              "portail-bascule.md")
    assert _window(pm) == (None, "2026-10-14 16:40")


def test_an_english_duration_added_to_another_gives_no_start():
    pm = read("# Previous incidents\n\n## Exports are down\n\n"
              "Resolved Oct 14, 2026 at 4:40pm UTC\n\nExports work again.\n\n"
              "The failover stalled and exports stayed unavailable for 25 minutes longer.\n",
              "exports-down.md")
    assert _window(pm) == (None, "2026-10-14 16:40")


def test_a_list_of_updates_each_led_by_its_status_and_stamp():
    pm = read("# Webhooks delayed\n\nUpdate history\n\n"
              "1. investigating Aug 4, 2026, 10:02 AM UTC\n\n   Webhooks arrive late.\n\n"
              "2. resolved Aug 4, 2026, 10:50 AM UTC\n\n"
              "   Between 09:55 UTC and 10:41 UTC webhooks were delayed by up to 20 minutes.\n\n"
              "3. postmortem Aug 5, 2026, 08:00 AM UTC\n\n   A queue consumer was stuck.\n",
              "webhooks-delayed.md")
    assert times(pm) == ["2026-08-04 10:02", "2026-08-04 10:50"]
    assert _window(pm) == ("2026-08-04 09:55", "2026-08-04 10:41")


def test_a_french_list_of_updates_each_led_by_its_status_and_stamp():
    pm = read("# Retards des webhooks\n\nHistorique des mises à jour\n\n"
              "1. enquête en cours 4 août 2026, 10:02 UTC\n\n   Les webhooks arrivent en retard.\n\n"
              "2. résolu 4 août 2026, 10:50 UTC\n\n"
              "   Entre 09:55 et 10:41 UTC, les webhooks ont été retardés.\n\n"
              "3. post-mortem 5 août 2026, 08:00 UTC\n\n   Un consommateur de file était bloqué.\n",
              "retards-webhooks.md")
    assert times(pm) == ["2026-08-04 10:02", "2026-08-04 10:50"]
    assert _window(pm) == ("2026-08-04 09:55", "2026-08-04 10:41")


def test_fields_one_a_line_above_the_updates_state_the_window():
    pm = read("# Incident at Quaystone: uploads degraded\n\nPartial outage · Resolved\n\n"
              "Started\nMar 9, 2026, 07:31 UTC\nEnded\nMar 9, 2026, 08:44 UTC\nDetected by our probe\n"
              "Mar 9, 2026, 07:36 UTC\n\n## Updates\n\n"
              "1. investigating Mar 9, 2026, 07:40 UTC\n\n   Uploads fail for some users.\n\n"
              "2. resolved Mar 9, 2026, 08:50 UTC\n\n   Uploads work again.\n",
              "quaystone-uploads.md")
    assert _window(pm) == ("2026-03-09 07:31", "2026-03-09 08:44")


def test_french_fields_one_a_line_above_the_updates_state_the_window():
    pm = read("# Incident chez Quaystone : envois dégradés\n\nPanne partielle · Résolu\n\n"
              "Début\n9 mars 2026, 07:31 UTC\nFin\n9 mars 2026, 08:44 UTC\nDétecté par notre sonde\n"
              "9 mars 2026, 07:36 UTC\n\n## Mises à jour\n\n"
              "1. enquête en cours 9 mars 2026, 07:40 UTC\n\n   Les envois échouent.\n\n"
              "2. résolu 9 mars 2026, 08:50 UTC\n\n   Les envois fonctionnent.\n",
              "quaystone-envois.md")
    assert _window(pm) == ("2026-03-09 07:31", "2026-03-09 08:44")


def test_a_resolved_stamp_yields_to_the_end_the_text_states():
    pm = read("# Exports queue is down\n\nResolved\nJun 3 at 11:30am UTC\n\nIssue\n"
              "On Tuesday 2 June 2026 at 22:10 UTC the exports queue stopped.\n\n"
              "Resolution\nAll exports were running normally again at 11:05 UTC on Wednesday 3 June 2026.\n",
              "exports-queue.md")
    assert _window(pm) == ("2026-06-02 22:10", "2026-06-03 11:05")


def test_a_resolved_stamp_alone_ends_the_window():
    pm = read("# Reports queue is down\n\nResolved\nJun 3, 2026 at 11:30am UTC\n\nIssue\n"
              "On Tuesday 2 June 2026 at 22:10 UTC the reports queue stopped.\n",
              "reports-queue-stamp.md")
    assert _window(pm) == ("2026-06-02 22:10", "2026-06-03 11:30")


def test_stamps_that_say_how_long_ago_they_were_posted():
    pm = read("# Outage in Ferrowave\n\n## Latest updates\n\n"
              "RESOLVED 3 months ago - at 09/14/2026 08:30PM\n\nThe backlog is processed.\n\n"
              "IDENTIFIED 3 months ago - at 09/14/2026 06:05PM\n\nA bad index slows the queue.\n\n"
              "All times are UTC.\n", "ferrowave-queue.md")
    assert times(pm) == ["2026-09-14 18:05", "2026-09-14 20:30"]


def test_a_sentence_that_points_back_to_two_times_states_the_window():
    pm = read("# Outage in Ferrowave\n\n## Details\n\n"
              "At about 07:10 UTC on June 3, 2026, a faulty limit was deployed to the upload service. "
              "It was reverted at about 09:25 UTC on June 3, 2026. During that time, large uploads "
              "failed for most customers.\n\n## Updates\n\n"
              "RESOLVED - Jun 3, 2026 at 11:00 AM UTC\n\nUploads work again.\n\n"
              "INVESTIGATING - Jun 3, 2026 at 08:40 AM UTC\n\nLarge uploads fail.\n", "ferrowave-uploads.md")
    assert _window(pm) == ("2026-06-03 07:10", "2026-06-03 09:25")


def test_a_french_sentence_that_points_back_to_two_times_states_the_window():
    pm = read("# Panne chez Ferrowave\n\n"
              "Le 3 juin 2026 vers 07:10 UTC, une limite erronée a été déployée sur le service d'envoi. "
              "Elle a été annulée vers 09:25 UTC. Pendant ce temps, les gros envois ont échoué.\n",
              "ferrowave-envois.md")
    assert _window(pm) == ("2026-06-03 07:10", "2026-06-03 09:25")


def test_words_inside_a_sentence_that_name_another_span_point_back_to_nothing():
    pm = read("# Game servers down\n\nThe servers went down at 21:20 UTC on 14 January 2026.\n\n"
              "Everything was back up by 23:45 UTC.\n\n"
              "One game lost what was saved after 18:50 UTC and 19:30 UTC, and what you did during that time "
              "must be redone.\n",
              "game-servers.md")
    assert _window(pm) == ("2026-01-14 21:20", "2026-01-14 23:45")


def test_a_clause_that_points_back_to_two_times_states_the_window():
    pm = read("# Builds delayed\n\nOn 3 March 2026 the build service had an incident. Its queue stalled at "
              "22:23 UTC and the stall ended at 01:43 UTC, and during that time new builds waited.\n",
              "builds-delayed.md")
    assert _window(pm) == ("2026-03-03 22:23", "2026-03-04 01:43")


def test_a_copied_page_whose_update_messages_are_indented_under_their_stamps():
    # A copied web page: each message indented four spaces under its numbered stamp,
    # which Markdown makes an indented block rather than the item's paragraph.
    pm = read("# Sync errors\n\nUpdate timeline\n\n"
              "  1. investigating Aug 4, 2026, 10:02 AM UTC\n\n    Some files fail to sync.\n\n"
              "  2. resolved Aug 4, 2026, 10:50 AM UTC\n\n"
              "    Between 09:55 UTC and 10:41 UTC file sync failed for a tenth of our users.\n",
              "sync-errors-copied.md")
    assert times(pm) == ["2026-08-04 10:02", "2026-08-04 10:50"]
    assert _window(pm) == ("2026-08-04 09:55", "2026-08-04 10:41")


def test_a_french_copied_page_whose_update_messages_are_indented_under_their_stamps():
    pm = read("# Erreurs de synchronisation\n\nHistorique des mises à jour\n\n"
              "  1. enquête en cours 4 août 2026, 10:02 UTC\n\n    Des fichiers ne se synchronisent plus.\n\n"
              "  2. résolu 4 août 2026, 10:50 UTC\n\n"
              "    Entre 09:55 et 10:41 UTC, la synchronisation a échoué pour un dixième des utilisateurs.\n",
              "erreurs-synchro-copiees.md")
    assert _window(pm) == ("2026-08-04 09:55", "2026-08-04 10:41")
