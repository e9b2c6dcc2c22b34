"""The timeline pipeline on the classes of failure the third held-out part
showed (issue 22, second round), each on its own small text, none a file of
the corpus: context governs exactly its scope (a date a paragraph states
dates the window it states; a bare time the timeline dates is on that day),
a status page's updates in every layout (the time under the message in a
paragraph of its own, or a header line of label and time above it), the
resolution as the stated end (a start and how long it lasted), and a list
led by times wherever it stands."""

from __future__ import annotations

from reading_helpers import read, times, utc

# --- a. context governs exactly its scope ------------------------------------------------

def test_a_date_the_paragraph_states_dates_the_window_it_states():
    # The posting date of a later update is not the day of the window: the
    # paragraph that states the window names its day.
    pm = read("Partial outage of the search API\n\nIncident Report for Lumenly\n\n"
              "On March 3rd our search API went down for most customers. Queries failed from "
              "09:10 UTC until 11:45 UTC, when the index was rebuilt.\n\n"
              "Posted Mar 05, 2025 - 08:00 UTC\n\n"
              "Resolved\n\nSearch is available again.\n\nPosted Mar 03, 2025 - 11:45 UTC\n\n"
              "Investigating\n\nWe are looking into failed searches.\n\nPosted Mar 03, 2025 - 09:25 UTC\n",
              name="search-outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-03 09:10", "2025-03-03 11:45")


def test_a_bare_time_the_timeline_dates_is_on_the_timelines_day():
    # The title names the morning after (the day of writing); the window's bare
    # times are the timeline's dated moments, the first of them the evening before.
    pm = read("# Mail relay outage, 9 June 2025\n\n"
              "Last night mail to the relay was queued but never sent, between 21:40 and 05:15.\n\n"
              "The log, in UTC:\n\n"
              "* 2025-06-08 21:40 - A certificate rotation leaves the relay without its key.\n"
              "* 2025-06-08 21:55 - Queue alerts fire to an empty channel.\n"
              "* 2025-06-09 05:05 - The morning shift sees the queue.\n"
              "* 2025-06-09 05:15 - The key is restored and the queue drains.\n\n"
              "Next steps:\n\n* Page on queue growth.\n* Test the rotation on a staging relay.\n",
              name="mail-relay.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-06-08 21:40", "2025-06-09 05:15")


def test_the_zone_of_the_line_above_a_list_governs_it_not_a_zone_an_earlier_sentence_names():
    # "(UK time)" is the zone of its own sentence; the list is in UTC, as the
    # line right above it says (in July, London is an hour ahead of UTC).
    pm = read("# Bridge outage\n\nThe bridge stopped relaying late in the evening (UK time), "
              "and we are sorry.\n\nWhat happened (times are UTC):\n\n"
              "* 2025-07-14 21:05 - A bad release reaches the bridge.\n"
              "* 2025-07-14 21:20 - Messages stop being relayed.\n"
              "* 2025-07-14 22:40 - The release is rolled back; messages flow again.\n\n"
              "The queue was replayed within minutes.\n\nOur apologies to everyone.\n\n"
              "We will add a canary stage.\n\nThanks for bearing with us.\n",
              name="bridge.md")
    assert times(pm) == ["2025-07-14 21:05", "2025-07-14 21:20", "2025-07-14 22:40"]
    assert pm.timeline_source["zone"] == "UTC"


# --- b. a status page's updates, whatever their layout -----------------------------------

def test_status_updates_with_the_time_in_a_paragraph_of_its_own_are_the_timeline():
    pm = read("Degraded uploads\n\nIncident Report for Boxwell\n\n"
              "Resolved\n\nUploads complete normally again for every region.\n\n"
              "Posted Feb 11, 2025 - 16:30 UTC\n\n"
              "Monitoring\n\nA fix has been implemented; uploads are recovering.\n\n"
              "Posted Feb 11, 2025 - 15:50 UTC\n\n"
              "Investigating\n\nUsers started seeing failed uploads at 14:52 UTC; we are investigating.\n\n"
              "Posted Feb 11, 2025 - 15:05 UTC\n",
              name="degraded-uploads.md")
    assert times(pm) == ["2025-02-11 15:05", "2025-02-11 15:50", "2025-02-11 16:30"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-02-11 14:52", "2025-02-11 16:30")


def test_status_updates_under_a_header_line_of_label_and_time_are_the_timeline():
    pm = read("# Panne du service de messagerie\n\nLes heures sont données en UTC.\n\n"
              "Mises à jour\n\n"
              "Message de l'équipe support - 02/04/2025 08:10\n"
              "Les courriels sortants ne partent plus.\n\n"
              "Message de l'équipe support - 02/04/2025 08:45\n"
              "Le relais saturé est identifié, nous le redémarrons.\n\n"
              "Message de l'équipe support - 02/04/2025 09:30\n"
              "Les files d'attente sont vidées ; l'incident est clos.\n",
              name="messagerie.md")
    assert times(pm) == ["2025-04-02 08:10", "2025-04-02 08:45", "2025-04-02 09:30"]
    assert pm.timeline[0].text.startswith("Les courriels sortants")


def test_the_first_update_saying_when_the_impact_began_gives_the_start_on_its_own_clock():
    # Each update ends on its time in CET; the first says the slowness began
    # at 08 h 40 on that same clock (07:40 UTC), before the update was posted.
    pm = read("# Lenteurs du service de paiement\n\n"
              "**Résolu**\nLes paiements passent de nouveau normalement.\n6 mars 2025 - 10:05 CET\n\n"
              "**Identifié**\nUn index manquant ralentit chaque paiement ; nous le recréons.\n6 mars 2025 - 09:20 CET\n\n"
              "**Investigation en cours**\nLes paiements sont très lents depuis 08 h 40 environ.\n"
              "6 mars 2025 - 08:55 CET\n",
              name="lenteurs-paiement.md")
    assert times(pm) == ["2025-03-06 07:55", "2025-03-06 08:20", "2025-03-06 09:05"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-06 07:40", "2025-03-06 09:05")


# --- c. the resolution is the stated end -------------------------------------------------

def test_a_start_and_how_long_it_lasted_give_the_resolution():
    pm = read("# Checkout outage\n\n## Summary\n\n"
              "On 12 May 2025 at 10:05 UTC a configuration push took checkout down for 52 minutes.\n\n"
              "## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n"
              "| 2025-05-12 09:58 | Configuration change reviewed |\n"
              "| 2025-05-12 10:05 | Push reaches every node; checkout fails |\n"
              "| 2025-05-12 10:20 | Push identified as the cause |\n"
              "| 2025-05-12 10:40 | Rollback starts |\n",
              name="checkout-outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-05-12 10:05", "2025-05-12 10:57")


def test_a_stated_start_and_duration_with_no_end_give_the_resolution():
    pm = read("# Queue stall\n\n**Start:** 2025-03-02 10:05 UTC\n\n**Duration:** 47 minutes\n\n"
              "## Summary\n\nThe queue stalled after a broker upgrade.\n", name="queue-stall.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-03-02 10:05", "2025-03-02 10:52")
    assert pm.source_stages["resolved"] == "window_duration"


def test_a_duration_in_a_sentence_that_names_no_impact_gives_no_resolution():
    pm = read("# Queue stall\n\n**Start:** 2025-03-02 10:05 UTC\n\n## Summary\n\n"
              "The queue stalled after a broker upgrade. Its messages are kept for 30 days.\n",
              name="queue-stall-2.md")
    assert pm.resolved is None


def test_a_bare_range_in_a_sentence_that_names_no_impact_is_not_the_window():
    # The outage is named in the first sentence; the range of the second is a
    # reboot after the stated end, not the window.
    pm = read("# Gateway outage\n\nAn outage of the payment gateway left checkouts failing. "
              "Our monitoring shows the errors started at about 08:12 UTC and were resolved by 08:50, "
              "and the workers were restarted at 09:05-09:07.\n\nWe are sorry.\n",
              name="2025-10-02-gateway.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-10-02 08:12", "2025-10-02 08:50")


def test_a_word_that_introduces_a_time_says_nothing_of_the_time_before_it():
    # "à partir de la sauvegarde" names a source, not a start: the impact
    # sentence's 9 h is not the window's start; the timeline's first entry is.
    pm = read("# Panne de la base de commandes\n\n## Chronologie\n\n| Heure (UTC) | Événement |\n|---|---|\n"
              "| 2025-02-05 10:12 | La base refuse les écritures |\n"
              "| 2025-02-05 10:30 | Alerte sur les commandes en échec |\n"
              "| 2025-02-05 11:05 | Base restaurée ; retour à la normale |\n\n## Impact\n\n"
              "Les commandes du matin jusqu'à 9 h reprises à partir de la sauvegarde de la veille.\n",
              name="panne-commandes.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-02-05 10:12", "2025-02-05 11:05")


# --- d. a list led by times wherever it stands -------------------------------------------

def test_a_list_led_by_dated_times_amid_prose_is_the_timeline():
    pm = read("# Build farm outage\n\nHello all,\n\nYesterday our build farm stopped taking jobs.\n\n"
              "What we know so far:\n\n"
              "- 2025-09-02 07:10 - The artifact cache fills its disk.\n"
              "- 2025-09-02 07:12 - Builds start failing on upload.\n"
              "- 2025-09-02 08:30 - Old artifacts are purged.\n"
              "- 2025-09-02 08:41 - Builds succeed again.\n\n"
              "The cache had grown for months without anyone noticing.\n\n"
              "Nobody was paged because the alert only watched the build queue.\n\n"
              "Several teams lost a morning of releases.\n\n"
              "We are sorry for the trouble.\n\nThanks for your patience,\n\nthe build team\n",
              name="build-farm.md")
    assert times(pm) == ["2025-09-02 07:10", "2025-09-02 07:12", "2025-09-02 08:30", "2025-09-02 08:41"]


# --- times in more forms: an hour alone, the approximate mark after the date -------------

def test_an_hour_alone_and_a_mark_after_the_date_in_a_datetime_column_on_its_headers_zone():
    pm = read("# Rapport mensuel\n\n## Incident du 3 juin\n\n### Chronologie\n\n"
              "| Datetime (UTC+2) | Événement |\n|---|---|\n"
              "| 2025-06-03 ~9h | La réplique perd son disque |\n"
              "| 2025-06-03 09h40 | Alerte de réplication |\n"
              "| 2025-06-03 11h | Réplique reconstruite ; retour à la normale |\n",
              name="rapport-mensuel.md")
    assert times(pm) == ["2025-06-03 07:00", "2025-06-03 07:40", "2025-06-03 09:00"]
    assert pm.timeline[0].approximate


def test_an_hour_alone_leading_prose_is_a_duration_not_a_time():
    pm = read("# Cache outage\n\n## Timeline\n\n- 10:02 cache nodes restart in a loop\n"
              "- 3h later the loop was traced to a bad flag\n- 13:10 flag reverted\n",
              name="2025-06-04-cache.md")
    assert [event.raw_time for event in pm.timeline if event.time is not None] == ["10:02", "13:10"]
