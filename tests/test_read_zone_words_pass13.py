"""How a zone is written (thirteenth pass): a clock named by its region's long
name ("Australian Eastern Daylight Time", "heure avancée de l'Est", "heure
normale du Pacifique", "Japan Standard Time"), Canada's French abbreviations
(HNE/HAE, HNP/HAP ...) and the French CET/CEST (HEC/HAEC). A local time on such a
clock falls on the previous UTC day when its offset says so. Texts of our own,
English and French, none a file of the corpus; words that only look like a
zone stay none."""

from __future__ import annotations

from datetime import datetime

import pytest
from reading_helpers import read, times, utc

from mkdocs_postmortem.read.timeline.zone_names import named_zone
from mkdocs_postmortem.zones import abbreviations

ZONES = abbreviations()


def _hours(written: str, when: datetime) -> float:
    found = named_zone(written, ZONES)
    assert found is not None, written
    return found.zone.utcoffset(when).total_seconds() / 3600


@pytest.mark.parametrize(("written", "in_january", "in_july"), [
    # The longest place wins over a shorter one it ends with ("Eastern", "Central").
    ("All times are in Australian Eastern Daylight Time (AEDT).", 11, 10),
    ("All times below are Australian Central time", 10.5, 9.5),
    ("Times are in Western Australian time", 8, 8),
    ("All times are Japan Standard Time", 9, 9),
    ("Times in this report are Korea Standard Time", 9, 9),
    ("Toutes les heures sont en heure avancée de l'Est.", -5, -4),
    ("Heures exprimées en heure normale du Pacifique", -8, -7),
    ("heure avancée des Rocheuses", -7, -6),
    ("Horaires en heure de Nouméa", 11, 11),
    ("Heures : HAP", -8, -7),
    ("Toutes les heures sont en HNC", -6, -5),
    ("Heures (HEC)", 1, 1),
    ("Heures (HAEC)", 2, 2),
    ("All times are US Eastern", -5, -4),
])
def test_a_clock_named_by_its_regions_long_name_or_french_abbreviation(written, in_january, in_july):
    assert _hours(written, datetime(2026, 1, 15, 12)) == in_january
    assert _hours(written, datetime(2026, 7, 15, 12)) == in_july


@pytest.mark.parametrize("text", ["Le hap de la semaine", "Les centres de l'Est", "The Pacific team was paged",
                                  "all times the japanese team"])
def test_words_that_only_look_like_such_a_zone_name_none(text):
    assert named_zone(text, ZONES) is None


def test_a_morning_in_sydney_is_the_previous_utc_day():
    pm = read("# Submission on the network outage\n\n## Chronology\n\n"
              "All times are in Australian Eastern Daylight Time (AEDT).\n\n**Thursday 12 March 2026**\n\n"
              "3.50am: a routing change stops all traffic;\n\n"
              "4.05am: the operations centre is paged;\n\n"
              "1.45pm: all services confirmed restored.\n", name="outage.md")
    assert times(pm) == ["2026-03-11 16:50", "2026-03-11 17:05", "2026-03-12 02:45"]


def test_a_french_canadian_clock_in_summer():
    pm = read("# Panne du portail, 3 juin 2026\n\n## Déroulement\n\n"
              "Toutes les heures sont en heure avancée de l'Est.\n\n"
              "- 21 h 10 : le portail ne répond plus\n"
              "- 22 h 40 : le service est rétabli\n", name="portail.md")
    assert times(pm) == ["2026-06-04 01:10", "2026-06-04 02:40"]


# --- a region's two abbreviations written together name its clock -----------------------------

@pytest.mark.parametrize(("written", "in_january", "in_july"), [
    ("All times in PST/PDT", -8, -7),
    ("Times are EST or EDT", -5, -4),
    ("Heures (HNE ou HAE)", -5, -4),
    ("Times: GMT/BST", 0, 1),
    ("Heure (CET / CEST)", 1, 2),
    ("All times AEDT/AEST", 11, 10),
])
def test_a_regions_standard_and_summer_abbreviations_together_name_its_clock(written, in_january, in_july):
    assert _hours(written, datetime(2026, 1, 15, 12)) == in_january
    assert _hours(written, datetime(2026, 7, 15, 12)) == in_july


@pytest.mark.parametrize(("written", "hours"), [("All times PST", -8), ("Times: PDT/CEST", -7), ("PST - US", -8)])
def test_one_abbreviation_or_two_of_different_regions_stay_as_written(written, hours):
    assert _hours(written, datetime(2026, 7, 15, 12)) == hours


def test_a_timeline_across_the_change_of_clock_takes_each_days_offset():
    pm = read("# Mirror cutover served stale metadata\n\n## Summary\n\nOld versions were served.\n\n"
              "## Timeline (all times in PST/PDT)\n\n### 2026-10-31\n\n"
              "- 17:05 First report of a missing version.\n- 22:15 Cause traced to the cache.\n\n"
              "### 2026-11-01\n\n- 04:20 Fix rolled to every mirror.\n", name="mirror.md")
    assert times(pm) == ["2026-11-01 00:05", "2026-11-01 05:15", "2026-11-01 12:20"]


# --- a region's clock and one of its abbreviations in the same document: one clock ---------------

def test_a_bylines_abbreviation_and_the_storys_region_are_one_clock():
    pm = read("# This morning's outage\n\nPosted by the staff · Friday, October 23, 2026 · 4:12 pm EDT\n\n"
              "Beginning at 6:41 AM Eastern, most of you could not load your boards.\n\n"
              "Service was fully restored at 11:32 AM.\n", name="outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-10-23 10:41", "2026-10-23 15:32")


def test_a_french_canadian_region_and_its_abbreviation_are_one_clock():
    pm = read("# Panne du portail\n\nPublié le 14 janvier 2026 à 16 h 05 HNE\n\n"
              "La panne a commencé vers 8 h 10, heure de l'Est, et le service est revenu à 9 h 30.\n",
              name="portail.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-14 13:10", "2026-01-14 14:30")


def test_two_regions_leave_bare_times_alone():
    pm = read("# Sync outage\n\nPosted Friday, October 23, 2026 · 4:12 pm EDT\n\n"
              "Beginning at 6:41 AM Pacific time, syncing failed.\n\n"
              "Syncing came back at 11:32 AM.\n", name="sync.md")
    assert utc(pm.resolved) != "2026-10-23 15:32"


def test_an_offset_a_region_shares_in_summer_is_another_clock():
    # EST (-5) is Chicago's summer offset, but EST is New York's abbreviation: in January the
    # document states two clocks, and its bare times take neither.
    text = ("# Payments outage\n\nThe payments API failed on January 14, 2026. The vendor's status page said it "
            "began at 10:15 AM EST.\n\nOur on-call, working 9:00 AM Central, paged the vendor.\n\n## Timeline\n\n"
            "- 09:20 - alerts fired\n- 09:45 - vendor acknowledged\n- 10:40 - service restored\n")
    pm = read(text, "payments.md")
    assert str(pm.timezone) != "America/Chicago"
    assert utc(pm.started) != "2026-01-14 15:20"
