"""The window and its clock, for the classes held-out 7 showed the window and
zone stages missing (issue 22, seventh pass): each on small texts of our own,
in English and French, none a file of the corpus.

- a zone given as a field of its own (a row, a labelled line) is the clock of
  the document's other fields;
- a heading that is a field's label (an issue form's) labels the paragraph
  under it, and the zone in its brackets is that value's clock;
- a region's name written after a time ("9:02 PM Pacific") is that time's zone;
- a time that a word such as "since" introduces, in a sentence about the
  recovery ("a first sign of improvement from 11:50"), is no start;
- an end told in words of recovery in any tense ("recovers", "worked normally",
  "open again") ends the timeline;
- French says a thing was lost ("a perdu l'alimentation") as English does.
"""

from __future__ import annotations

import pytest
from conftest import run_cli
from reading_helpers import read, utc

# --- a zone given as a field of its own --------------------------------------------------


@pytest.mark.parametrize(
    ("zone_field", "start", "end"),
    [
        ("| Fuseau horaire | heure de Paris |", "2026-02-03 13:05", "2026-02-03 14:20"),
        ("| Time zone | US Eastern |", "2026-02-03 19:05", "2026-02-03 20:20"),
        ("| Timezone | Europe/Berlin |", "2026-02-03 13:05", "2026-02-03 14:20"),
        ("| Zone | CET |", "2026-02-03 13:05", "2026-02-03 14:20"),
    ],
)
def test_a_zone_row_of_a_field_table_is_the_clock_of_its_other_fields(zone_field, start, end):
    pm = read("# Outage of the ticket desk\n\n"
              "| Field | Value |\n|---|---|\n"
              "| Service | Ticket desk |\n"
              "| Start | 03/02/2026 14:05 |\n"
              "| End | 03/02/2026 15:20 |\n"
              f"{zone_field}\n\n"
              "## Cause\n\nA full disk on the ticket database.\n", "ticket-desk.md")
    assert (utc(pm.started), utc(pm.resolved)) == (start, end)


def test_a_labelled_zone_line_is_the_clock_of_the_labelled_times():
    pm = read("# Panne du portail élèves\n\n"
              "- **Début :** 2026-06-09 08:30\n"
              "- **Fin :** 2026-06-09 10:00\n"
              "- **Heures :** heure de Paris\n\n"
              "## Cause\n\nUne mise à jour du proxy.\n", "portail-eleves.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-09 06:30", "2026-06-09 08:00")


def test_a_zone_field_gives_no_zone_when_its_value_names_none():
    pm = read("# Outage of the ticket desk\n\n"
              "| Field | Value |\n|---|---|\n"
              "| Start | 2026-02-03 14:05 |\n"
              "| End | 2026-02-03 15:20 |\n"
              "| Time zone | see the runbook |\n\n"
              "## Cause\n\nA full disk.\n", "ticket-desk.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-03 14:05", "2026-02-03 15:20")


# --- a heading that labels the value under it -----------------------------------------------


def test_an_issue_form_heading_labels_the_value_under_it_on_the_clock_it_names():
    pm = read("# Incident: search returns nothing #12\n\n"
              "### When did the incident start? (PST)\n\n2026-01-20 08:10\n\n"
              "### When was it resolved? (PST)\n\n2026-01-20 09:40\n\n"
              "### What happened?\n\nThe index was empty after a failed rebuild.\n", "search-empty-12.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-20 16:10", "2026-01-20 17:40")


def test_a_french_form_heading_labels_its_value_and_its_zone():
    pm = read("# Incident n° 31 : messagerie\n\n"
              "### Date et heure de début de l'incident (UTC+2)\n\n15/07/2026 09:00\n\n"
              "### Date et heure de fin de l'incident (UTC+2)\n\n15/07/2026 11:30\n\n"
              "### Description\n\nLes courriels entrants étaient refusés.\n", "incident-31.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-07-15 07:00", "2026-07-15 09:30")


def test_a_labelled_line_takes_the_zone_in_its_label():
    pm = read("# Payments slow\n\n"
              "**Start (CET):** 2026-01-12 10:00\n\n"
              "**End (CET):** 2026-01-12 10:45\n\n"
              "## Cause\n\nA slow query.\n", "payments-slow.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-12 09:00", "2026-01-12 09:45")


def test_a_heading_over_a_long_paragraph_is_no_field():
    pm = read("# Search outage\n\n"
              "## Start\n\n"
              "We first saw errors on 2026-01-20 08:10 UTC, and then much later, after a long investigation "
              "that took most of the morning and several teams, we understood why it failed.\n\n"
              "## Cause\n\nA failed rebuild.\n", "search.md")
    assert pm.source_stages.get("started") != "fact"


# --- a region written after a time -----------------------------------------------------------


def test_a_region_after_a_time_is_its_zone_in_a_window_and_a_timeline():
    pm = read("# Thumbnails failing\n\n## Summary\n\n"
              "On May 12, 2026, thumbnails failed between 10:15 PM and 10:40 PM Pacific, for every upload.\n\n"
              "## Timeline\n\n"
              "- May 12, 2026 10:15 PM Pacific — errors start\n"
              "- May 12, 2026 10:22 PM Pacific — the on-call engineer acknowledges\n"
              "- May 12, 2026 10:40 PM Pacific — thumbnails work again\n", "thumbnails.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-13 05:15", "2026-05-13 05:40")
    assert [utc(event.time) for event in pm.timeline] == ["2026-05-13 05:15", "2026-05-13 05:22", "2026-05-13 05:40"]
    assert pm.timeline[0].text.startswith("errors start")


def test_a_region_and_its_word_time_after_a_time_is_its_zone():
    pm = read("# Queue stalled\n\n"
              "On 2026-02-10 the queue stalled from 9:00 AM Eastern Time to 9:30 AM Eastern Time.\n\n"
              "## Cause\n\nA lock.\n", "queue.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-10 14:00", "2026-02-10 14:30")


def test_a_region_word_that_begins_a_phrase_after_a_time_is_no_zone():
    pm = read("# Queue stalled\n\n"
              "On 2026-02-10 the queue stalled from 09:00 UTC to 09:30 UTC.\n\n"
              "## Timeline\n\n"
              "- 2026-02-10 09:00 central services stop answering\n"
              "- 2026-02-10 09:30 central services answer again\n", "queue.md")
    assert [utc(event.time) for event in pm.timeline] == ["2026-02-10 09:00", "2026-02-10 09:30"]
    assert pm.timeline[0].text.startswith("central services")


def test_show_prints_a_time_read_on_the_region_after_it(tmp_path):
    (tmp_path / "thumbs.md").write_text(
        "# Thumbnails failing\n\nOn May 12, 2026, thumbnails failed from 10:15 PM to 10:40 PM Pacific.\n",
        encoding="utf-8")
    result = run_cli("show", "thumbs.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "started:      2026-05-12T22:15:00-07:00  (body, line 3) by window range" in result.stdout


# --- a time "since" which things improve is no start -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nous n'avons vu un début de mieux qu'à partir de 11:50.",
        "Things only began to improve from 11:50 onwards.",
        "Latency has been recovering since 11:50.",
    ],
)
def test_a_time_introduced_in_a_sentence_about_the_recovery_is_no_start(sentence):
    pm = read("# Hosting outage\n\nOn 12 March 2026 the hosting platform failed. All times UTC.\n\n"
              "## What happened\n\n"
              "- 07:15 the power of the Lille room is lost, every site is down\n"
              "- 09:30 the fibre is repaired\n"
              "- 13:20 every site answers again\n\n"
              f"{sentence}\n", "hosting.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-12 07:15", "2026-03-12 13:20")


def test_a_time_since_which_the_outage_ran_is_still_the_start():
    pm = read("# Hosting outage\n\nOn 12 March 2026 the sites have been down since 07:15 UTC, "
              "and were restored at 13:20 UTC.\n\n## Cause\n\nPower.\n", "hosting.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-12 07:15", "2026-03-12 13:20")


# --- an end told in words of recovery in any tense ---------------------------------------------


@pytest.mark.parametrize(
    "last",
    [
        "the worker is restarted and recovers",
        "the last region is open again and checkouts work normally",
        "every shard is running normally",
        "le dernier serveur fonctionne de nouveau normalement",
        "la situation est de nouveau nominale",
    ],
)
def test_the_timeline_ends_at_an_entry_told_in_words_of_recovery(last):
    pm = read("# Checkout outage\n\n## Timeline (UTC)\n\n"
              "- 2026-04-02 10:00 - checkouts start failing\n"
              "- 2026-04-02 10:20 - the on-call engineer is paged\n"
              f"- 2026-04-02 11:05 - {last}\n", "checkout.md")
    assert utc(pm.resolved) == "2026-04-02 11:05"


def test_a_recovery_of_part_of_the_service_is_not_the_end():
    pm = read("# Checkout outage\n\n## Timeline (UTC)\n\n"
              "- 2026-04-02 10:00 - checkouts start failing\n"
              "- 2026-04-02 10:40 - some regions work normally\n"
              "- 2026-04-02 11:05 - incident resolved\n", "checkout.md")
    assert utc(pm.resolved) == "2026-04-02 11:05"


# --- what was lost, in French ------------------------------------------------------------------


def test_a_french_sentence_that_says_power_was_lost_states_the_start():
    pm = read("Panne du site de Nantes\n\n"
              "Vers 02h10 UTC le 4 juin 2026, notre centre de Nantes a perdu son alimentation électrique. "
              "Le dernier serveur touché était de nouveau en ligne à 06h30 UTC.\n\n"
              "Nous présentons nos excuses.\n", "panne-nantes.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-04 02:10", "2026-06-04 06:30")


def test_a_french_sentence_that_says_a_cut_followed_the_time_states_the_start():
    pm = read("# Panne du campus\n\n## Que s'est-il passé ?\n\n"
              "Le vendredi 3 avril 2026 vers 22 h 10 (heure de Paris), un orage a provoqué la coupure du réseau "
              "de tout le campus.\n\n## Conséquences\n\nPlus de courriel pendant la nuit.\n", "panne-campus.md")
    assert utc(pm.started) == "2026-04-03 20:10"
