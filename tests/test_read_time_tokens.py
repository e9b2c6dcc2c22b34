"""The time tokenizer (read/timeline/times.py): every written form of a time of day,
English and French, wherever a sentence writes it (issue 22, ninth pass). Dotted
times, hours in words and named times are times where a time word puts them
(`at 16.40`, `à 7 heures 30`, `jusqu'à midi`) or a zone or am/pm follows them; a
version or a decimal is not. Each text is our own, in layouts the corpus does not hold."""

from __future__ import annotations

import pytest
from reading_helpers import check_codes, read, utc

from mkdocs_postmortem.read.timeline.mentions import clock_mentions
from mkdocs_postmortem.zones import abbreviations

ZONES = abbreviations(())


def _clocks(text: str) -> list[str]:
    return [mention.clock.strftime("%H:%M") for mention in clock_mentions(text, ZONES)]


@pytest.mark.parametrize(("text", "clocks"), [
    ("the feed failed at approximately 16.40 and was back at 17.30.", ["16:40", "17:30"]),
    ("Everything was back up by 1.45am GMT on Friday.", ["01:45"]),
    ("Le trafic a chuté à 7 heures 30 et il est revenu vers 11 heures.", ["07:30", "11:00"]),
    ("Le relais s'est arrêté à 21 h 55, redémarré à 22 h 10.", ["21:55", "22:10"]),
    ("The batch ran until noon; the rerun started at midnight.", ["12:00", "00:00"]),
    ("La file a débordé à midi et s'est vidée avant minuit.", ["12:00", "00:00"]),
    ("Deploys froze at 14H30 UTC.", ["14:30"]),
    ("The alert fired at 09:30 UTC (+04 mins) and again at 2:20 p.m.", ["09:30", "14:20"]),
])
def test_each_written_form_is_a_time_in_a_time_position(text, clocks):
    assert _clocks(text) == clocks


@pytest.mark.parametrize("text", [
    "We upgraded the proxy from 4.12 to 4.13 and the error rate fell by 3.25 %.",
    "Version 2.10 of the agent shipped 12.50 euros cheaper.",
    "Les disques ont tenu pendant 3 heures, puis depuis 2 heures plus rien.",
    "The cluster had 16.40 GB free and a midday meeting was held.",
])
def test_numbers_and_durations_are_not_times(text):
    assert _clocks(text) == []


def test_a_window_in_sentences_with_dotted_times_is_read():
    text = ("# Power loss in hall C — 9 May 2026\n\nAll times UTC.\n\n## Summary\n\n"
            "Hall C lost power starting at approximately 08.15. The generators were restored at 09.05 "
            "and every rack was back by 09.20.\n")
    pm = read(text, "hall-c-power.md")
    assert utc(pm.started) == "2026-05-09 08:15"
    assert utc(pm.resolved) in ("2026-05-09 09:05", "2026-05-09 09:20")


def test_a_french_window_in_hours_in_words_is_read():
    text = ("# Coupure de la téléphonie du 4 février 2026\n\nToutes les heures sont en UTC.\n\n## Résumé\n\n"
            "La téléphonie a commencé à décrocher à 6 heures 45. Le service a été rétabli à 9 heures 10.\n")
    pm = read(text, "coupure-telephonie.md")
    assert utc(pm.started) == "2026-02-04 06:45"
    assert utc(pm.resolved) == "2026-02-04 09:10"


def test_a_window_from_noon_to_midnight_in_french_is_read():
    text = ("# Lenteurs du portail, 12 mars 2026\n\nHeures en UTC.\n\nLes lenteurs ont commencé à midi et "
            "le portail a été rétabli à 18h40.\n")
    pm = read(text, "lenteurs-portail.md")
    assert utc(pm.started) == "2026-03-12 12:00"
    assert utc(pm.resolved) == "2026-03-12 18:40"


def test_check_names_the_window_of_dotted_times(tmp_path):
    text = ("# Router reboot, 2 June 2026\n\nTimes are UTC.\n\nThe network went down at 13.05 and service "
            "was restored at 13.40.\n")
    # Without front matter PM002 stays, but it names the times the body states.
    started = [message for code, message in check_codes(tmp_path, "router-reboot.md", text)
               if code == "PM002" and "`started`" in message]
    assert started and "the body states 2026-06-02 13:05" in started[0]


def test_a_french_range_in_hours_in_words_is_the_window():
    text = ("# Coupure du standard, 8 avril 2026\n\nHeures en UTC.\n\nLe standard a été injoignable "
            "entre 7 heures 30 et 10 heures.\n")
    pm = read(text, "coupure-standard.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-04-08 07:30", "2026-04-08 10:00")


def test_table_cells_in_hours_in_words_are_times():
    text = ("# Incident de la paie — 2 mars 2026\n\nHeures en UTC.\n\n## Chronologie\n\n| Heure | Fait |\n|---|---|\n"
            "| 8 heures 05 | Le calcul de la paie échoue |\n| 9 heures | Le lot est relancé |\n"
            "| 10 heures 20 | La paie est calculée |\n")
    pm = read(text, "incident-paie.md")
    assert [utc(event.time) for event in pm.timeline] == ["2026-03-02 08:05", "2026-03-02 09:00", "2026-03-02 10:20"]


def test_hours_in_words_leading_a_sentence_are_a_duration():
    text = ("# Relance des sauvegardes, 2 mars 2026\n\n## Chronologie\n\n- 08h00 : la sauvegarde échoue\n"
            "- 3 heures plus tard, le disque est remplacé\n- 11h20 : la sauvegarde reprend\n")
    pm = read(text, "relance-sauvegardes.md")
    assert "2026-03-02 03:00" not in [utc(event.time) for event in pm.timeline]
