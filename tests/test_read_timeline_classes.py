"""The timeline pipeline on shapes of timelines nobody listed, one test per
class (issue 22): a time led by a label or a word, a timeline found by what
its blocks hold rather than by its heading, timelines written newest first,
zones named by a city and scoped to a heading or a sentence, the window
stated by a heading and a duration, or by a date sentence and an end word.
Each is written on its own text, not on a file of the corpus."""

from __future__ import annotations

import json

from conftest import run_cli
from reading_helpers import check_lines, read, times, utc

# --- a time led by a label or a word -----------------------------------------------------

def test_a_label_before_the_time_leads_a_paragraph_entry():
    pm = read("# Broker restart\n\n## Timeline\n\nUPDATE 9:05am (UTC): brokers stop accepting writes.\n\n"
              "UPDATE 9:20am (UTC): producers are throttled.\n\n"
              "UPDATE 10:02am (UTC): every broker is back; the incident is resolved.\n",
              name="2025-04-08-broker.md")
    assert times(pm) == ["2025-04-08 09:05", "2025-04-08 09:20", "2025-04-08 10:02"]
    assert pm.timeline[0].text == "brokers stop accepting writes."
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-04-08 09:05", "2025-04-08 10:02")


def test_a_word_before_the_time_leads_a_paragraph_entry():
    pm = read("# Queue stall\n\n## Timeline\n\nAt 2:05 AM PST on March 3rd, the consumers stopped.\n\n"
              "By 2:40 AM PST the backlog passed a million messages.\n\n"
              "At 4:15 AM PST all consumers were healthy again.\n", name="2025-03-03-queue.md")
    assert times(pm) == ["2025-03-03 10:05", "2025-03-03 10:40", "2025-03-03 12:15"]
    assert pm.timeline[1].text.startswith("the backlog passed")


# --- a timeline found by what its blocks hold --------------------------------------------

def test_a_run_of_timed_items_under_any_heading_is_the_timeline(tmp_path):
    text = ("# Disk pressure\n\n## Summary\n\nA log volume filled up.\n\n## 🧭 How it unfolded\n\n"
            "- 04:10 UTC: log volume at 95 %\n- 04:18 UTC: writes start failing\n"
            "- 05:02 UTC: old logs removed, service back\n\n## Root cause\n\nNo log rotation.\n")
    pm = read(text, name="2025-05-20-disk.md")
    assert times(pm) == ["2025-05-20 04:10", "2025-05-20 04:18", "2025-05-20 05:02"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-05-20 04:10", "2025-05-20 05:02")
    codes = check_lines(tmp_path, "2025-05-20-disk.md", text)
    assert not any(code.startswith('PM101 mandatory section "## Timeline"') for code in codes)
    assert [code for code in codes if code.startswith("PM002") and "`started`" in code and "the body states" not in code] == []


def test_timed_lines_after_a_label_paragraph_are_the_timeline():
    pm = read("# Mail relay\n\nWhat happened, as it happened:\n\n**13:02 UTC** relay refuses connections\n\n"
              "**13:15 UTC** relay restarted with a larger pool\n\n**13:40 UTC** mail flows again\n",
              name="2025-09-09-relay.md")
    assert times(pm) == ["2025-09-09 13:02", "2025-09-09 13:15", "2025-09-09 13:40"]


def test_a_single_timed_sentence_in_prose_is_not_a_timeline():
    pm = read("# Slow builds\n\n## Summary\n\nThe cache was cold.\n\n09:00 was the busiest hour.\n\n"
              "Nothing else happened.\n", name="2025-02-02-builds.md")
    assert pm.timeline == []


# --- timelines written newest first ------------------------------------------------------

def test_a_timeline_written_newest_first_is_read_in_time_order(tmp_path):
    text = ("# Search degraded\n\n## Updates\n\n*16:40 UTC* — Search is healthy; the incident is resolved.\n\n"
            "*15:55 UTC* — A fix is rolling out.\n\n*15:10 UTC* — We are investigating slow searches.\n")
    pm = read(text, name="2025-10-14-search.md")
    assert times(pm) == ["2025-10-14 15:10", "2025-10-14 15:55", "2025-10-14 16:40"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-10-14 15:10", "2025-10-14 16:40")
    assert not any("earlier than the row above" in code for code in check_lines(tmp_path, "2025-10-14-search.md", text))


# --- zones named by a city, scoped to a heading or a sentence ----------------------------

def test_a_zone_named_by_a_city_in_the_timeline_heading():
    pm = read("# Paiements refusés\n\n## Chronologie (heure de Paris)\n\n**14h20** : premiers refus de paiement\n"
              "**14h35** : alerte sur le taux de refus\n**15h10** : retour à la normale\n",
              name="2025-06-17-paiements.md")
    assert times(pm) == ["2025-06-17 12:20", "2025-06-17 12:35", "2025-06-17 13:10"]


def test_a_zone_stated_at_the_end_of_a_paragraph_governs_its_times():
    pm = read("# Export en retard\n\n## Ce qui s'est passé\n\nL'export a commencé à échouer vers 23h50 le "
              "12 janvier 2025. Il s'est terminé le 13 janvier à 02h05, heure de Paris, après une relance.\n",
              name="export.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-01-12 22:50", "2025-01-13 01:05")


def test_a_zone_suffix_z_on_an_entry():
    pm = read("# Certs\n\n## Timeline\n\n- 2025-11-03 07:12Z renewal job fails\n- 2025-11-03 07:40Z renewal retried, "
              "incident resolved\n", name="certs.md")
    assert times(pm) == ["2025-11-03 07:12", "2025-11-03 07:40"]


# --- the window stated by a heading, a duration, a date sentence -------------------------

def test_a_heading_date_and_time_with_a_duration_states_the_window():
    pm = read("# Availability report: May 2025\n\n## May 12 14:05 UTC (lasting 1 hour and 12 minutes)\n\n"
              "Webhooks were delivered late. At 14:02 UTC a queue started to grow.\n",
              name="availability-may.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-05-12 14:05", "2025-05-12 15:17")


def test_a_dated_sentence_starts_the_window_and_an_end_word_closes_it():
    pm = read("# Outage: 2 June 2025\n\nOn 2 June 2025 at 08:14Z, a storage node lost its disks and writes halted.\n\n"
              "The team saw the alert at 08:20Z. Writes were back and the incident was declared over at 09:02Z.\n",
              name="storage-june.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-06-02 08:14", "2025-06-02 09:02")


# --- show says which stage found the timeline, and which line named its clock ----------

def test_show_says_which_stage_found_the_timeline_and_which_line_named_its_clock(tmp_path):
    (tmp_path / "2025-06-17-refus.md").write_text(
        "# Paiements refusés\n\n## Ce qui s'est passé\n\nLes paiements par carte échouaient.\n\n"
        "## Déroulé (heure de Paris)\n\n**14h20** : premiers refus\n**14h35** : alerte\n**15h10** : retour à la normale\n\n"
        "## Notes\n\n- 16:00 UTC: revue\n- 16:30 UTC: rapport\n- 17:00 UTC: clôture\n", encoding="utf-8")
    (tmp_path / "2025-06-18-relay.md").write_text(
        "# Relay\n\n## How it unfolded (Paris time)\n\n- 09:10: relay refuses mail\n- 09:25: pool raised\n"
        "- 09:50: mail flows again\n", encoding="utf-8")
    result = run_cli("show", str(tmp_path / "2025-06-17-refus.md"), str(tmp_path / "2025-06-18-relay.md"),
                     "--format", "json", cwd=tmp_path)
    shown = {entry["path"].rsplit("/", 1)[-1]: entry for entry in json.loads(result.stdout)["postmortems"]}
    assert shown["2025-06-17-refus.md"]["timeline_source"] == {
        "stage": "entries", "line": 7, "zone": "Europe/Paris", "zone_line": 7, "zone_scope": "heading"}
    assert shown["2025-06-18-relay.md"]["timeline_source"] == {
        "stage": "entries_by_content", "line": 3, "zone": "Europe/Paris", "zone_line": 3, "zone_scope": "heading"}
    assert [event["time"][11:16] for event in shown["2025-06-18-relay.md"]["timeline"]] == ["07:10", "07:25", "07:50"]
    text = run_cli("show", str(tmp_path / "2025-06-18-relay.md"), cwd=tmp_path).stdout
    assert "found by entries by content (line 3), clock Europe/Paris named on line 3 by its heading" in text


def test_a_time_cell_that_says_the_time_is_not_known_is_no_unreadable_time(tmp_path):
    text = ("# Contact form\n\n## Timeline (all times UTC)\n\n| Time | Event |\n|---|---|\n"
            "| Pre-existing | messages stop arriving |\n| 10:05 | investigation starts |\n"
            "| 11:15 | test messages arrive; incident resolved |\n")
    pm = read(text, name="2025-11-12-form.md")
    assert times(pm) == [None, "2025-11-12 10:05", "2025-11-12 11:15"]
    assert not any(code.startswith("PM701") for code in check_lines(tmp_path, "2025-11-12-form.md", text))


def test_a_time_followed_by_a_comma_and_its_date_after_a_connecting_word():
    pm = read("# Queue\n\n## Timeline\n\nAt 2:05 AM PST on March 3rd, 2025, the consumers stopped.\n\n"
              "À 2h40 PST, la file dépasse un million de messages.\n\nAt 4:15 AM PST, all consumers were healthy again.\n",
              name="queue.md")
    assert times(pm) == ["2025-03-03 10:05", "2025-03-03 10:40", "2025-03-03 12:15"]
    assert pm.timeline[0].text == "the consumers stopped."


def test_a_table_written_newest_first_is_read_in_time_order(tmp_path):
    text = ("# Search\n\n## Timeline\n\n| Time (UTC) | Update |\n|---|---|\n"
            "| 2025-10-14 16:40 | Search is healthy; the incident is resolved |\n"
            "| 2025-10-14 15:55 | A fix is rolling out |\n| 2025-10-14 15:10 | We are investigating slow searches |\n")
    pm = read(text, name="search.md")
    assert times(pm) == ["2025-10-14 15:10", "2025-10-14 15:55", "2025-10-14 16:40"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-10-14 15:10", "2025-10-14 16:40")
    assert not any("earlier than the row above" in code for code in check_lines(tmp_path, "search.md", text))
