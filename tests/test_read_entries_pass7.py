"""The seventh pass on what makes a run of blocks a timeline and what leads an
entry (issue 22), each class on small postmortems of our own, none a file of the
corpus: a heading that is a moment leads every block under it; a status page's
posting line may say how long ago it was posted before its date; a list under a
timeline heading whose items state their time inside the sentence; a paragraph
among paragraphs led by their times that states its moment further in."""

from __future__ import annotations

from reading_helpers import read, times, utc

# --- a heading that is a moment leads every block under it ------------------------------


def test_moment_headings_over_lists_are_one_entry_each():
    pm = read("# Queue outage\n\n"
              "All times are UTC.\n\n"
              "## Timeline\n\n"
              "### 09:12\n\n"
              "- The consumer lag alert fired.\n"
              "- On-call saw the queue growing on every partition.\n\n"
              "### 09:40\n\n"
              "- A bad consumer deploy was found.\n"
              "- We rolled it back.\n\n"
              "### 10:05\n\n"
              "- The lag was back to zero.\n", "2026-02-03-queue.md")
    assert times(pm) == ["2026-02-03 09:12", "2026-02-03 09:40", "2026-02-03 10:05"]
    assert utc(pm.started) == "2026-02-03 09:12"


def test_a_date_in_brackets_after_a_moment_heading_dates_it_and_the_ones_after():
    pm = read("# Forum down\n\n"
              "## What happened\n\n"
              "### 11:30 PM (March 2, 2026)\n\n"
              "- Health checks started failing on and off.\n"
              "- Nobody could reproduce it.\n\n"
              "### 6:15 AM (March 3, 2026)\n\n"
              "- The forum stopped answering.\n\n"
              "### 9:00 AM\n\n"
              "The database host was rebooted and the forum came back.\n", "forum.md")
    assert times(pm) == ["2026-03-02 23:30", "2026-03-03 06:15", "2026-03-03 09:00"]


def test_french_moment_headings_over_paragraphs_are_entries():
    pm = read("# Panne du portail\n\n"
              "## Déroulé\n\n"
              "### 14 h 05 (jeudi 9 avril 2026)\n\n"
              "Le portail ne répond plus.\n\n"
              "Les équipes sont prévenues.\n\n"
              "### 14 h 40\n\n"
              "- Le serveur de sessions est saturé.\n"
              "- Il est redémarré.\n\n"
              "### 15 h 10\n\n"
              "Le portail répond de nouveau.\n", "portail.md")
    assert times(pm) == ["2026-04-09 14:05", "2026-04-09 14:40", "2026-04-09 15:10"]


# --- a status page's posting line that says how long ago, then its date ----------------


def test_posting_lines_with_an_age_before_the_date_date_their_updates():
    pm = read("Search Degraded\n\n"
              "Incident Report for Example Cloud\n\n"
              "Resolved\n\n"
              "Search answers normally again.\n\n"
              "Posted 5 hours ago. Mar 3, 2026 - 11:40 UTC\n\n"
              "Identified\n\n"
              "An index node ran out of disk.\n\n"
              "Posted 6 hours ago. Mar 3, 2026 - 10:55 UTC\n\n"
              "Investigating\n\n"
              "Searches are timing out.\n\n"
              "Posted 7 hours ago. Mar 3, 2026 - 10:20 UTC\n", "search.md")
    assert times(pm) == ["2026-03-03 10:20", "2026-03-03 10:55", "2026-03-03 11:40"]
    assert utc(pm.started) == "2026-03-03 10:20"
    assert utc(pm.resolved) == "2026-03-03 11:40"


def test_french_posting_lines_with_an_age_date_their_updates():
    pm = read("Lenteurs de la messagerie\n\n"
              "Résolu\n\n"
              "La messagerie fonctionne normalement.\n\n"
              "Publié il y a 2 jours. 5 mai 2026 - 16:30 UTC\n\n"
              "Surveillance\n\n"
              "Un correctif est en place.\n\n"
              "Publié il y a 2 jours. 5 mai 2026 - 15:45 UTC\n\n"
              "Enquête en cours\n\n"
              "Les courriels arrivent avec du retard.\n\n"
              "Publié il y a 2 jours. 5 mai 2026 - 15:02 UTC\n", "messagerie.md")
    assert times(pm) == ["2026-05-05 15:02", "2026-05-05 15:45", "2026-05-05 16:30"]


# --- a list under a timeline heading whose items state their time inside ----------------


def test_a_french_list_whose_times_trail_each_item_is_the_timeline():
    pm = read("# Coupure du réseau du campus\n\n"
              "## Chronologie\n\n"
              "1. Le réseau filaire est coupé le mardi 3 mars 2026 à 7 h 50.\n"
              "2. Le wifi revient le mardi à 10 h 15.\n"
              "3. Tout le réseau est de nouveau disponible le mercredi 4 mars à 8 h 30.\n",
              "coupure-reseau.md")
    assert times(pm) == ["2026-03-03 07:50", "2026-03-03 10:15", "2026-03-04 08:30"]


def test_an_english_list_whose_times_trail_each_item_is_the_timeline():
    pm = read("# Payroll export failure\n\n"
              "## Timeline (UTC)\n\n"
              "- The nightly export failed on 12 May 2026 at 02:10.\n"
              "- Finance reported missing files at 08:30.\n"
              "- The export was re-run and completed at 09:45.\n", "payroll.md")
    assert times(pm) == ["2026-05-12 02:10", "2026-05-12 08:30", "2026-05-12 09:45"]


def test_a_list_of_facts_that_mention_times_under_another_heading_is_no_timeline():
    pm = read("# Backup report\n\n"
              "## Timeline\n\n"
              "| time | event |\n|---|---|\n| 2026-05-12 01:00 | backup started |\n"
              "| 2026-05-12 03:00 | backup failed |\n\n"
              "## Notes\n\n"
              "- The backup window opens at 01:00.\n"
              "- Retention is 30 days; checks run at 06:00.\n"
              "- Snapshots older than a week are pruned at 04:00.\n", "backup.md")
    assert times(pm) == ["2026-05-12 01:00", "2026-05-12 03:00"]


# --- a paragraph among paragraphs led by times that states its moment further in --------


def test_a_paragraph_stating_its_time_inside_a_run_of_time_led_paragraphs_is_an_entry():
    pm = read("# Storage outage, 2026-06-02\n\n"
              "All times are UTC.\n\n"
              "## The day\n\n"
              "At 07:10, the storage array lost a controller. Writes slowed down.\n\n"
              "By 07:45, every write was failing and the site went read-only.\n\n"
              "The vendor's engineer only reached the data centre at 09:30 and swapped the controller.\n\n"
              "At 10:05, writes were back and the site left read-only mode.\n", "storage.md")
    assert times(pm) == ["2026-06-02 07:10", "2026-06-02 07:45", "2026-06-02 09:30", "2026-06-02 10:05"]


def test_a_french_paragraph_stating_its_time_inside_a_run_is_an_entry():
    pm = read("# Panne du 8 juin 2026\n\n"
              "Toutes les heures sont en UTC.\n\n"
              "## Le récit\n\n"
              "A 05:20, la base de données principale s'arrête.\n\n"
              "Vers 06:00, la bascule sur le secours échoue.\n\n"
              "Le secours n'accepte enfin les écritures qu'à partir de 07:35, après une reconstruction.\n\n"
              "À 08:10, tous les services sont rétablis.\n", "panne-juin.md")
    assert times(pm) == ["2026-06-08 05:20", "2026-06-08 06:00", "2026-06-08 07:35", "2026-06-08 08:10"]


# --- a status update's label is no section that cuts the run of updates ------------------


def test_an_update_labelled_in_words_of_a_section_stays_in_the_run_of_updates():
    pm = read("# Incident — Base de données (région Lyon)\n\n"
              "**Rétabli** — 16/06/2026 16:20 (UTC+2)\n"
              "Les écritures fonctionnent de nouveau.\n\n"
              "**Cause trouvée** — 16/06/2026 15:40 (UTC+2)\n"
              "Un disque plein bloque le journal des transactions.\n\n"
              "**En cours d'analyse** — 16/06/2026 15:05 (UTC+2)\n"
              "Les écritures échouent sur la base principale.\n", "incident-base.md")
    assert times(pm) == ["2026-06-16 13:05", "2026-06-16 13:40", "2026-06-16 14:20"]


def test_an_english_update_labelled_as_an_analysis_stays_in_the_run_of_updates():
    pm = read("# Incident: object storage\n\n"
              "**Resolved** - 2026-07-09 11:30 UTC\n"
              "Uploads work again for every customer.\n\n"
              "**Root cause analysis** - 2026-07-09 10:45 UTC\n"
              "A metadata node is saturated; we are moving load off it.\n\n"
              "**Investigating** - 2026-07-09 10:05 UTC\n"
              "Uploads fail with 503 errors.\n", "storage-incident.md")
    assert times(pm) == ["2026-07-09 10:05", "2026-07-09 10:45", "2026-07-09 11:30"]


# --- lines joined by hard line breaks --------------------------------------------------


def test_lines_ending_in_a_hard_line_break_are_entries_without_the_backslash():
    pm = read("# Cache outage on 4 May 2026\n\n"
              "## Timeline (UTC)\n\n"
              "03:10:05 - the cache stops answering\\\n"
              "03:12:40 - the pager fires\\\n"
              "04:02:00 - the cache is restarted\n", "cache.md")
    assert times(pm) == ["2026-05-04 03:10", "2026-05-04 03:12", "2026-05-04 04:02"]
    assert [event.text for event in pm.timeline] == [
        "the cache stops answering", "the pager fires", "the cache is restarted"]


# --- more forms of the same classes ----------------------------------------------------


def test_a_heading_that_is_an_hour_alone_is_a_moment():
    pm = read("# Panne du 8 juin 2026\n\n"
              "## Chronologie\n\n"
              "### 14 h 20\n\nAlerte sur la file d'attente.\n\n"
              "### 14 h 35\n\n- Retour arrière.\n- Vérifications.\n\n"
              "### 15 h\n\nTout est rétabli.\n", "panne-file.md")
    assert times(pm) == ["2026-06-08 14:20", "2026-06-08 14:35", "2026-06-08 15:00"]


def test_a_posting_age_may_be_approximate():
    pm = read("Checkout errors\n\n"
              "Resolved\n\nPayments go through again.\n\n"
              "Posted about 1 hour ago. Jun 8, 2026 - 15:00 UTC\n\n"
              "Investigating\n\nPayments fail.\n\n"
              "Posted about 2 hours ago. Jun 8, 2026 - 14:20 UTC\n", "checkout.md")
    assert times(pm) == ["2026-06-08 14:20", "2026-06-08 15:00"]


def test_a_list_whose_every_item_states_its_moment_is_a_timeline_under_any_heading():
    pm = read("# Checkout outage on 2026-06-08\n\n"
              "## What happened\n\n"
              "- The alert fired at 14:20 UTC.\n"
              "- We rolled the release back at 14:35 UTC.\n"
              "- Payments recovered at 15:00 UTC.\n", "checkout.md")
    assert times(pm) == ["2026-06-08 14:20", "2026-06-08 14:35", "2026-06-08 15:00"]


def test_a_french_list_stating_its_moments_under_another_heading_is_a_timeline():
    pm = read("# Coupure du 3 mars 2026\n\n"
              "## Ce qui s'est passé\n\n"
              "- La sonde signale la coupure vers 7 h 50.\n"
              "- Le wifi revient à 10 h 15.\n"
              "- Tout le réseau répond de nouveau à 11 h 30.\n", "coupure.md")
    assert times(pm) == ["2026-03-03 07:50", "2026-03-03 10:15", "2026-03-03 11:30"]


def test_a_list_with_an_item_stating_no_time_is_no_timeline_under_another_heading():
    pm = read("# Checkout outage on 2026-06-08\n\n"
              "## Impact\n\n"
              "- Card payments failed from 14:20 UTC.\n"
              "- Refunds were delayed.\n"
              "- Payouts scheduled at 16:00 UTC ran late.\n"
              "- Reports at 18:00 UTC were empty.\n", "checkout.md")
    assert times(pm) == []
