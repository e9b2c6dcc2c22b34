"""One zone resolver, and zone evidence by scope (issue 22, ninth pass).

Every text here is our own, in layouts no part of the archive corpus writes.
A zone's name is read the same way wherever it stands (a table's column
header, a heading, a line above a block, after a time): abbreviations,
including those that name a region's clock and follow its daylight saving
time (ET, PT, CT, MT), offsets in every written form, IANA names, and a city
or a region in English or French. The zone an unlabelled time is on is the
one of the narrowest scope that holds it: its table's header, the heading it
is under, a line that says which clock a section's times are on, the
document."""

from __future__ import annotations

import pytest
from reading_helpers import check_codes, read, times, utc

from mkdocs_postmortem.read.timeline.zone_names import named_zone
from mkdocs_postmortem.zones import abbreviations

ZONES = abbreviations()


# --- one resolver: a zone's name, whatever the form -----------------------------------------

@pytest.mark.parametrize(("written", "offset_in_july"), [
    ("ET", -4), ("PT", -7), ("CT", -5), ("MT", -6),
    ("EDT", -4), ("CEST", 2), ("AEDT", 11), ("UTC+2", 2), ("UTC +02:00", 2), ("GMT-5", -5),
    ("UTC−03:30", -3.5), ("UTC+0530", 5.5), ("Europe/Paris", 2), ("America/Chicago", -5),
    ("Eastern Time", -4), ("Pacific time", -7), ("heure de Paris", 2), ("heure suisse", 2),
    ("Paris time", 2), ("heure locale de Montréal", -4), ("local time in Tokyo", 9),
])
def test_every_written_form_names_its_zone(written, offset_in_july):
    from datetime import datetime
    found = named_zone(written, ZONES)
    assert found is not None, written
    offset = found.zone.utcoffset(datetime(2026, 7, 1, 12))
    assert offset.total_seconds() / 3600 == offset_in_july


def test_a_regions_clock_follows_its_daylight_saving_time():
    from datetime import datetime
    eastern = named_zone("ET", ZONES).zone
    assert eastern.utcoffset(datetime(2026, 1, 15, 12)).total_seconds() / 3600 == -5
    assert eastern.utcoffset(datetime(2026, 7, 15, 12)).total_seconds() / 3600 == -4


@pytest.mark.parametrize("text", ["et", "entre 6 h 40 et 11 h 15", "Est-ce grave ?", "it", "Central services"])
def test_words_that_only_look_like_a_zone_name_none(text):
    assert named_zone(text, ZONES) is None


# --- a table's header ------------------------------------------------------------------------

def test_an_abbreviation_of_a_regions_clock_in_a_time_columns_header():
    pm = read("# Queue stall, 14 July 2026\n\n## Summary\n\nThe queue stalled.\n\n## What we saw\n\n"
              "| Local time (ET) | What |\n|---|---|\n| 09:05 | Consumers stop acknowledging |\n"
              "| 09:20 | Pager goes off |\n| 10:10 | Consumers restarted, queue drains |\n",
              name="queue.md")
    assert times(pm) == ["2026-07-14 13:05", "2026-07-14 13:20", "2026-07-14 14:10"]


def test_an_abbreviation_of_a_regions_clock_in_winter_french_table(tmp_path):
    text = ("# Coupure du portail, 12 janvier 2026\n\n## Déroulé\n\n"
            "| Heure (CT) | Fait |\n|---|---|\n| 08:00 | Le portail ne répond plus |\n"
            "| 08:45 | Bascule sur le site de secours |\n| 09:30 | Service rétabli |\n")
    pm = read(text, name="portail.md")
    assert times(pm) == ["2026-01-12 14:00", "2026-01-12 14:45", "2026-01-12 15:30"]
    assert not [code for code, message in check_codes(tmp_path, "portail.md", text) if "not one the plugin knows" in message]


# --- a heading and what it holds ------------------------------------------------------------

def test_a_zone_named_in_a_heading_governs_the_entries_under_it():
    pm = read("# Storage brown-out, 3 March 2026\n\n## Summary\n\nDisks filled up twice.\n\n## How it went\n\n"
              "### Night shift (NZDT)\n\n"
              "- **22:10** Latency alerts on the storage tier.\n"
              "- **22:40** Volume 3 read-only.\n"
              "- **23:55** Writes resume after a clean-up.\n",
              name="brownout.md")
    assert times(pm) == ["2026-03-03 09:10", "2026-03-03 09:40", "2026-03-03 10:55"]
    assert pm.timeline_source["zone_scope"] == "heading"


def test_a_french_heading_names_the_clock_of_its_entries_by_a_city():
    pm = read("# Panne de la messagerie\n\n## Résumé\n\nLa messagerie est tombée.\n\n## Chronologie\n\n"
              "### Mardi 10 mars 2026, heure de Paris\n\n"
              "- **14:05** Les envois échouent.\n"
              "- **14:30** Le relais est redémarré.\n"
              "- **15:10** Les envois reprennent.\n",
              name="messagerie.md")
    assert times(pm) == ["2026-03-10 13:05", "2026-03-10 13:30", "2026-03-10 14:10"]


# --- a line that says which clock a block is on ---------------------------------------------

def test_a_line_of_clock_words_and_a_zone_above_a_logbook_governs_it():
    pm = read("# Incident du 3 septembre 2026\n\n## Journal\n\nHoraires locaux (Europe/Madrid).\n\n"
              "| Date | Heure | Quoi |\n|---|---|---|\n| 03/09 | 10:00 | Alerte |\n"
              "| 03/09 | 10:40 | Correctif |\n| 03/09 | 11:20 | Fin |\n",
              name="journal.md")
    assert times(pm) == ["2026-09-03 08:00", "2026-09-03 08:40", "2026-09-03 09:20"]


def test_an_english_clock_line_below_the_heading_with_an_offset_in_another_form():
    pm = read("# Cache outage\n\n## Summary\n\nThe cache fell over.\n\n## Log\n\nLocal clock, UTC +05:30:\n\n"
              "| Date | Time | Event |\n|---|---|---|\n| 2026-05-02 | 10:00 | Cache evictions spike |\n"
              "| 2026-05-02 | 10:30 | Cache nodes restarted |\n| 2026-05-02 | 11:00 | Hit rate back to normal |\n",
              name="cache.md")
    assert times(pm) == ["2026-05-02 04:30", "2026-05-02 05:00", "2026-05-02 05:30"]


# --- the document as a whole ----------------------------------------------------------------

def test_the_one_local_zone_a_document_names_governs_its_window():
    pm = read("# Coupure du réseau câblé\n\n*Communiqué du 3 février 2026*\n\n"
              "Le 3 février 2026, l'accès internet a été coupé de 18 h 10 à 19 h 25 (heure suisse). "
              "Un routeur a été remplacé.\n",
              name="coupure.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-03 17:10", "2026-02-03 18:25")


def test_a_time_in_prose_followed_by_a_regions_abbreviation():
    pm = read("# Gateway outage\n\nOn July 14, 2026 at 09:05 AM ET the gateway stopped answering. "
              "Service was restored at 10:40 AM ET, after a rollback.\n",
              name="gateway.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-07-14 13:05", "2026-07-14 14:40")


def test_the_french_word_et_between_two_times_stays_a_conjunction():
    pm = read("# Panne du 4 mars 2026\n\nLe service a été indisponible entre 06:40 et 11:15 (UTC).\n",
              name="panne.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-04 06:40", "2026-03-04 11:15")


def test_an_abbreviation_that_is_a_word_of_a_heading_governs_nothing():
    # "EST" names the project, not the clock: only an aside (brackets, after a comma,
    # "in") names the clock of what a heading holds.
    pm = read("# EST migration rollback, 2 March 2026\n\n## Summary\n\nThe migration was rolled back.\n\n"
              "## Timeline\n\n- **10:00** Migration starts.\n- **10:20** Errors rise.\n- **10:45** Rolled back.\n",
              name="est-migration.md")
    assert times(pm) == ["2026-03-02 10:00", "2026-03-02 10:20", "2026-03-02 10:45"]


def test_show_says_which_scope_named_the_clock(tmp_path):
    from conftest import run_cli
    (tmp_path / "brownout.md").write_text(
        "# Storage brown-out, 3 March 2026\n\n## How it went\n\n### Night shift (NZDT)\n\n"
        "- **22:10** Latency alerts.\n- **22:40** Volume read-only.\n- **23:55** Writes resume.\n", encoding="utf-8")
    (tmp_path / "journal.md").write_text(
        "# Incident du 3 septembre 2026\n\n## Journal\n\nHoraires locaux (Europe/Madrid).\n\n"
        "| Date | Heure | Quoi |\n|---|---|---|\n| 03/09 | 10:00 | Alerte |\n| 03/09 | 10:40 | Correctif |\n",
        encoding="utf-8")
    (tmp_path / "queue.md").write_text(
        "# Queue stall, 14 July 2026\n\n## Log\n\n| Local time (ET) | What |\n|---|---|\n"
        "| 09:05 | Consumers stop |\n| 09:30 | Paged |\n| 10:10 | Queue drains |\n", encoding="utf-8")
    shown = run_cli("show", "brownout.md", "journal.md", "queue.md", cwd=tmp_path).stdout
    assert "clock UTC+13:00 named on line 5 by its heading" in shown
    assert "clock Europe/Madrid" in shown and "by its clock line" in shown
    assert "clock America/New_York named on line 5 by its table header" in shown


def test_each_heading_gives_its_own_entries_their_clock():
    # Two regions, two clocks: each sub-heading governs the entries it holds.
    pm = read("# Replication lag, 9 July 2026\n\n## Summary\n\nReplicas fell behind.\n\n## Timeline\n\n"
              "### Frankfurt (CEST)\n\n- **10:00** Replica lag alert.\n- **10:30** Replica rebuilt.\n\n"
              "### Oregon (PT)\n\n- **02:45** Lag reaches the US replicas.\n- **03:20** US replicas rebuilt.\n",
              name="replication.md")
    assert times(pm) == ["2026-07-09 08:00", "2026-07-09 08:30", "2026-07-09 09:45", "2026-07-09 10:20"]


def test_un_titre_qui_nomme_l_heure_de_son_bloc_seulement():
    # La première partie est en UTC (la ligne sous le titre), la seconde à l'heure de Paris.
    pm = read("# Coupure du stockage, 9 juillet 2026\n\n## Résumé\n\nLe stockage a coupé.\n\n## Chronologie\n\n"
              "Toutes les heures en UTC.\n\n- **08:00** Alerte.\n- **08:20** Bascule.\n\n"
              "### Reprise (heure de Paris)\n\n- **10:40** Service rétabli.\n",
              name="stockage.md")
    assert times(pm) == ["2026-07-09 08:00", "2026-07-09 08:20", "2026-07-09 08:40"]
