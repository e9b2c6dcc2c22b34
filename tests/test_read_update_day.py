"""The day of a moment told in a dated update (thirteenth pass).

A bulletin, a feed or a letter posts several updates, each opening with its own
date; a day written relative to the post inside one ("ce matin", "since this
morning", "yesterday") counts from that update's date, not from the date of
the last update or of the page. A date the story tells ("On March 3 our API
went down") is no update's stamp. Every text here is our own."""

from __future__ import annotations

from reading_helpers import read, utc


def test_un_bulletin_de_trois_points_de_situation():
    pm = read("# Panne de l'ENT : point de situation\n\n"
              "**Lundi 2 février 2026, 15 h UTC.** Une panne du stockage, survenue ce matin vers 9 h 40 UTC, "
              "rend l'ENT indisponible.\n\n"
              "**Mardi 3 février 2026, 10 h UTC.** L'ENT est accessible en lecture seule.\n\n"
              "**Mercredi 4 février 2026, 11 h UTC.** L'ENT fonctionne de nouveau normalement ; l'incident est clos.\n",
              name="ent.md")
    assert utc(pm.started) == "2026-02-02 09:40"


def test_a_list_of_dated_updates_says_since_this_morning():
    pm = read("# Sync service incident\n\n"
              "- **March 4, 2026, 18:00 UTC:** Since this morning at 08:10 UTC, file sync has been failing for "
              "some customers.\n"
              "- **March 5, 2026, 12:00 UTC:** A fix is rolling out.\n"
              "- **March 6, 2026, 09:00 UTC:** The fix is out; sync is restored for everyone.\n",
              name="sync.md")
    assert utc(pm.started) == "2026-03-04 08:10"


def test_a_letter_of_updates_says_yesterday():
    pm = read("# Message to our customers\n\n*Posted 14 May 2026*\n\n"
              "Update — 12 May 2026: yesterday at 22:40 UTC, invoice exports began failing.\n\n"
              "Update — 14 May 2026: exports were restored this morning at 07:15 UTC.\n",
              name="letter.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-11 22:40", "2026-05-14 07:15")


def test_a_date_the_story_tells_is_no_update_stamp():
    pm = read("# API outage\n\n*Posted March 10, 2026*\n\n"
              "On March 3 our API went down at 09:10 UTC for some customers. It was fully restored yesterday "
              "at 16:00 UTC.\n",
              name="api.md")
    assert utc(pm.resolved) == "2026-03-09 16:00"


def test_hier_dans_l_ouverture_date_la_panne_de_la_veille_du_billet():
    pm = read("# Nous vous devons des explications\n\n*Publié le jeudi 19 novembre 2026*\n\n"
              "Hier, nous avons subi une panne qui a empêché nos clients de se connecter.\n\n"
              "Le site est tombé vers 17 h UTC et a été rétabli à 18 h 10 UTC.\n", name="billet.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-11-18 17:00", "2026-11-18 18:10")


def test_yesterday_in_the_opening_of_a_dated_post():
    pm = read("# About yesterday's outage\n\n*Posted on Thursday, November 19, 2026*\n\n"
              "Yesterday our API went down for most customers.\n\n"
              "Requests began failing at 14:05 UTC and were restored at 15:20 UTC.\n", name="post.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-11-18 14:05", "2026-11-18 15:20")


def test_a_post_that_names_no_other_day_is_on_its_own_day():
    pm = read("# About today's outage\n\n*Posted on Thursday, November 19, 2026*\n\n"
              "Our API went down for most customers.\n\n"
              "Requests began failing at 14:05 UTC and were restored at 15:20 UTC.\n", name="post.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-11-19 14:05", "2026-11-19 15:20")


def test_a_changelog_entry_is_on_the_date_written_under_its_heading():
    pm = read("# Product updates\n\n## Faster exports\n\n**Improvement** · March 9, 2026\n\n"
              "Exports now stream as they are built.\n\n"
              "## Search outage 14:00 - 15:10 UTC\n\n**Incident** · March 4, 2026\n\n"
              "Search was unavailable for some customers.\n", name="changelog.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-04 14:00", "2026-03-04 15:10")


def test_une_entree_de_journal_des_changements_en_francais():
    pm = read("# Nouveautés\n\n## Nouvel export\n\n*Amélioration — 20 mai 2026*\n\n"
              "Les exports sont plus rapides.\n\n"
              "## Panne de la recherche, 9 h 10 - 10 h UTC\n\n*Incident — 12 mai 2026*\n\n"
              "La recherche était indisponible.\n", name="nouveautes.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-12 09:10", "2026-05-12 10:00")
