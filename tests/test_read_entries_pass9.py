"""The ninth pass on what leads a timeline entry (issue 22): any block led by a
moment is an entry, whatever the block and whatever label stands before the
moment. A status label, a stage or any short label may stand before a dated
time ("**Resolved 3 June 2026 11:20 UTC:**", "Point de situation du 4 juin 2026
– 9 h 00"); a separator may stand between the date and the time ("12 Jun 2026 ·
08:10 UTC"); a heading led by a moment leads what is told under it; and a run
of such headings is a timeline wherever it stands. Small postmortems of our
own, none a file of the corpus, English and French."""

from __future__ import annotations

from reading_helpers import check_codes, read, times, utc

# --- a label before a dated time leads the entry -------------------------------------


def test_bold_paragraphs_led_by_a_stage_and_a_dated_time_are_the_timeline():
    pm = read("# Payments slow\n\n"
              "**Closed 3 June 2026 11:20 UTC:** Payments have been normal since 11:05 UTC.\n\n"
              "**Progress 3 June 2026 10:30 UTC:** The card network confirmed a fault on its side.\n\n"
              "**First notice 3 June 2026 09:50 UTC:** Card payments are failing for some shoppers.\n",
              "payments.md")
    assert times(pm) == ["2026-06-03 09:50", "2026-06-03 10:30", "2026-06-03 11:20"]


def test_french_bold_lines_led_by_a_label_and_a_dated_time_are_the_timeline():
    pm = read("# Lenteurs du portail\n\n"
              "**Clôture, 4 juin 2026 à 16:40 :** le portail répond normalement.\n\n"
              "**Point n°2, 4 juin 2026 à 15:10 :** l'hébergeur change le disque défaillant.\n\n"
              "**Signalement, 4 juin 2026 à 14:05 :** le portail met une minute à s'ouvrir.\n",
              "portail-lent.md")
    assert times(pm) == ["2026-06-04 14:05", "2026-06-04 15:10", "2026-06-04 16:40"]


def test_list_items_led_by_a_word_and_a_dated_time_are_entries():
    pm = read("# Build farm down\n\n"
              "## What we saw\n\n"
              "- Paged 2026-09-14 02:10 UTC: the build queue stopped.\n"
              "- Escalated 2026-09-14 02:40 UTC: storage team joined.\n"
              "- Fixed 2026-09-14 03:25 UTC: the volume was remounted.\n",
              "build-farm.md")
    assert times(pm) == ["2026-09-14 02:10", "2026-09-14 02:40", "2026-09-14 03:25"]


# --- a separator between the date and the time --------------------------------------


def test_a_dot_between_the_date_and_the_time_of_a_heading():
    pm = read("# Login errors\n\n"
              "## Incident history\n\n"
              "### 12 Jun 2026 · 08:10 UTC · Resolved\n\n"
              "Logins work again.\n\n"
              "### 12 Jun 2026 · 07:20 UTC · Identified\n\n"
              "An expired signing key.\n\n"
              "### 12 Jun 2026 · 06:55 UTC · Investigating\n\n"
              "Some users cannot log in.\n",
              "login.md")
    assert times(pm) == ["2026-06-12 06:55", "2026-06-12 07:20", "2026-06-12 08:10"]


# --- a run of headings led by moments is a timeline wherever it stands ---------------


def test_top_level_update_headings_are_the_timeline():
    pm = read("# Object storage degraded\n\n"
              "Copied from the status page.\n\n"
              "## Update of 8 October 2026, 17:45 UTC\n\n"
              "Error rates are back to normal. This incident is closed.\n\n"
              "## Update of 8 October 2026, 16:30 UTC\n\n"
              "A fix is rolling out region by region.\n\n"
              "Uploads may still fail in one region.\n\n"
              "## Update of 8 October 2026, 15:05 UTC\n\n"
              "We are investigating elevated error rates on uploads.\n",
              "storage.md")
    assert times(pm) == ["2026-10-08 15:05", "2026-10-08 16:30", "2026-10-08 17:45"]
    assert utc(pm.started) == "2026-10-08 15:05"


def test_french_headings_led_by_a_label_and_a_date_and_time_are_the_timeline():
    pm = read("# Coupure de la téléphonie\n\n"
              "Toutes les heures sont en UTC.\n\n"
              "## Point de situation du 5 mars 2026 – 11 h 30\n\n"
              "Les appels passent de nouveau. L'incident est clos.\n\n"
              "## Point de situation du 5 mars 2026 – 9 h 45\n\n"
              "Le standard est redémarré.\n\n"
              "## Point de situation du 5 mars 2026 – 8 h 10\n\n"
              "Aucun appel entrant n'aboutit.\n",
              "telephonie.md")
    assert times(pm) == ["2026-03-05 08:10", "2026-03-05 09:45", "2026-03-05 11:30"]


# --- what stays prose -----------------------------------------------------------------


def test_one_labelled_dated_sentence_in_a_summary_is_no_timeline():
    pm = read("# Queue stall\n\n"
              "## Summary\n\n"
              "Reported 3 June 2026 09:50 UTC by a customer. The queue stalled for an hour.\n\n"
              "## Impact\n\n"
              "Orders were delayed.\n",
              "queue-stall.md")
    assert times(pm) == []


def test_headings_that_name_dates_of_a_plan_are_no_entries_without_a_time():
    pm = read("# Disk failure\n\n"
              "## Follow-up planned for 12 May 2026\n\n"
              "Replace the array.\n\n"
              "## Review planned for 19 May 2026\n\n"
              "Check the backups.\n\n"
              "## Audit planned for 26 May 2026\n\n"
              "Read the logs.\n",
              "disk.md")
    assert times(pm) == []


def test_the_preamble_zone_governs_a_run_of_update_headings():
    pm = read("# Panne de la visioconférence\n\n"
              "Les heures sont données en heure de Paris (UTC+1).\n\n"
              "## Bulletin du 9 février 2026 – 17 h 00\n\n"
              "Le service est rétabli.\n\n"
              "## Bulletin du 9 février 2026 – 15 h 20\n\n"
              "Un correctif est en cours de déploiement.\n\n"
              "## Bulletin du 9 février 2026 – 14 h 05\n\n"
              "Les réunions ne démarrent plus.\n",
              "visio.md")
    assert times(pm) == ["2026-02-09 13:05", "2026-02-09 14:20", "2026-02-09 16:00"]


def test_a_feed_newest_first_on_one_date_of_either_order_is_turned_around():
    pm = read("# VPN drops\n\n"
              "_CLEARED 4/6/2026 3:40 p.m.:_ Tunnels have stayed up for an hour.\n\n"
              "_UPDATE 4/6/2026 1:15 p.m.:_ The firewall vendor shipped a fix.\n\n"
              "_NOTICE 4/6/2026 11:05 a.m.:_ Remote staff are losing their VPN tunnel.\n",
              "vpn.md")
    assert [t[-5:] for t in times(pm)] == ["11:05", "13:15", "15:40"]


# --- a timeline grouped by site or by phase: order within a group, a group's date -----


def test_a_timeline_grouped_by_site_is_in_order_within_each_group(tmp_path):
    text = ("---\ntitle: Storage outage\nstarted: 2026-05-11 08:00\nresolved: 2026-05-11 10:30\n---\n\n"
            "# Storage outage\n\n## Timeline, by site (UTC)\n\n"
            "Site AMS-2:\n\n"
            "- 08:00 - arrays stop answering\n- 09:10 - arrays back\n\n"
            "Site DUB-1:\n\n"
            "- 08:05 - replication lag alert\n- 10:30 - lag back to zero\n")
    pm = read(text, "storage.md")
    assert times(pm) == ["2026-05-11 08:00", "2026-05-11 09:10", "2026-05-11 08:05", "2026-05-11 10:30"]
    assert [m for code, m in check_codes(tmp_path, "storage.md", text) if "earlier than the row above" in m] == []


def test_a_french_timeline_grouped_by_heading_is_in_order_within_each_group(tmp_path):
    text = ("---\ntitle: Panne des imprimantes\nstarted: 2026-05-11 08:00\nresolved: 2026-05-11 11:00\n---\n\n"
            "# Panne des imprimantes\n\n## Chronologie (UTC)\n\n"
            "### Bâtiment nord\n\n"
            "- 08h00 : les files d'impression se bloquent\n- 09h30 : le serveur d'impression est relancé\n\n"
            "### Bâtiment sud\n\n"
            "- 08h20 : les badges ne libèrent plus les travaux\n- 11h00 : tout imprime de nouveau\n")
    pm = read(text, "imprimantes.md")
    assert times(pm) == ["2026-05-11 08:00", "2026-05-11 09:30", "2026-05-11 08:20", "2026-05-11 11:00"]
    assert [m for code, m in check_codes(tmp_path, "imprimantes.md", text) if "earlier than the row above" in m] == []


def test_a_row_out_of_order_inside_one_group_is_still_reported(tmp_path):
    text = ("---\ntitle: Storage outage\nstarted: 2026-05-11 08:00\nresolved: 2026-05-11 10:30\n---\n\n"
            "# Storage outage\n\n## Timeline (UTC)\n\n"
            "- 09:10 - arrays back\n- 08:00 - arrays stop answering\n- 10:30 - all clear\n")
    assert [m for code, m in check_codes(tmp_path, "storage.md", text) if "earlier than the row above" in m] != []


def test_a_phase_heading_that_states_a_date_dates_the_rows_under_it():
    pm = read("# Batch backlog\n\n## Timeline (UTC)\n\n"
              "### Phase one: the backlog grows (Thursday 7 May 2026)\n\n"
              "- 18:20 nightly batch starts late\n- 22:45 batch queue over its limit\n\n"
              "### Phase two: recovery (Friday 8 May 2026)\n\n"
              "- 06:10 extra workers added\n- 09:30 backlog cleared\n",
              "batch.md")
    assert times(pm) == ["2026-05-07 18:20", "2026-05-07 22:45", "2026-05-08 06:10", "2026-05-08 09:30"]


# --- a block that is only a moment leads the blocks under it --------------------------


def test_paragraphs_that_are_only_a_time_lead_the_paragraph_below():
    pm = read("# The day the render farm stopped\n\n"
              "_Tuesday 14 April 2026, all times UTC._\n\n"
              "7:05\n\n"
              "The overnight renders had not finished. The queue showed every job waiting.\n\n"
              "8:30\n\n"
              "We found the license server unreachable after a network change.\n\n"
              "10:10\n\n"
              "The license server was moved back and renders started again.\n",
              "render-farm.md")
    assert times(pm) == ["2026-04-14 07:05", "2026-04-14 08:30", "2026-04-14 10:10"]
    assert "renders had not finished" in pm.timeline[0].text


def test_french_paragraphs_that_are_only_a_time_lead_the_paragraph_below():
    pm = read("# La nuit où l'imprimante du labo a pris feu\n\n"
              "*Jeudi 2 juillet 2026, heures UTC.*\n\n"
              "22 h 10\n\n"
              "L'alarme incendie se déclenche au deuxième étage.\n\n"
              "22 h 40\n\n"
              "Les pompiers coupent le courant de l'aile nord.\n\n"
              "23 h 55\n\n"
              "Le courant revient, les serveurs redémarrent.\n",
              "labo.md")
    assert times(pm) == ["2026-07-02 22:10", "2026-07-02 22:40", "2026-07-02 23:55"]


def test_headings_led_by_a_label_and_an_undated_time_are_the_timeline():
    pm = read("---\ntitle: Search down\nstarted: 2026-08-02 07:40\n---\n\n"
              "## Bulletin · 09:05 UTC\n\nResolved. Queries answer normally.\n\n"
              "## Bulletin · 08:20 UTC\n\nIdentified. The index was read-only.\n\n"
              "## Bulletin · 07:40 UTC\n\nInvestigating errors on search.\n",
              "search-down.md")
    assert times(pm) == ["2026-08-02 07:40", "2026-08-02 08:20", "2026-08-02 09:05"]


def test_french_headings_led_by_a_label_and_an_undated_time_are_the_timeline():
    pm = read("---\ntitle: Panne de l'intranet\nstarted: 2026-08-02 07:40\n---\n\n"
              "## Point – 09 h 05\n\nRésolu. L'intranet répond.\n\n"
              "## Point – 08 h 20\n\nCause identifiée : un disque plein.\n\n"
              "## Point – 07 h 40\n\nL'intranet ne répond plus.\n",
              "intranet.md")
    assert times(pm) == ["2026-08-02 07:40", "2026-08-02 08:20", "2026-08-02 09:05"]


def test_a_paragraph_led_by_a_word_and_an_undated_time_stays_prose():
    pm = read("# Queue stall\n\n## Summary\n\nSince 05:58 UTC the queue has grown. It was drained by 07:10.\n\n"
              "## Impact\n\nOrders were late.\n", "2026-06-01-queue.md")
    assert times(pm) == []
