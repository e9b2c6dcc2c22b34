"""The clock of the place a document is about (thirteenth pass).

A document that states no zone at all, but whose title or opening names where
the service, its users or the event are, writes its times on that place's
clock: an SRE reads "vers 11 h 20" in a bulletin of a Lyon university as
Paris time, "at 9:15" in a report on a Montréal data centre as Montréal
time. A zone stated anywhere wins; a place named only further down (a
customer's city in an anecdote), places of two zones, a country that spans
several zones and a place's name used as a common word set no clock. Every
text here is our own."""

from __future__ import annotations

import json

from conftest import run_cli
from reading_helpers import read, utc


def test_un_bulletin_d_une_universite_lyonnaise_est_a_l_heure_de_paris():
    pm = read("# Panne de la messagerie\n\n*Service informatique — Université Lyon Nord*\n\n"
              "Le mardi 13 janvier 2026, la messagerie est tombée en panne vers 10 h 20. "
              "Elle fonctionne de nouveau depuis 11 h 05.\n", name="panne.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-13 09:20", "2026-01-13 10:05")


def test_a_data_centre_named_in_the_title_sets_the_clock_in_summer():
    pm = read("# Montréal data centre power loss\n\n"
              "On July 8, 2026 the racks lost power at 9:15 and service was restored at 10:40.\n",
              name="power.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-07-08 13:15", "2026-07-08 14:40")


def test_une_coupure_a_noumea():
    pm = read("# Coupure du réseau mobile à Nouméa\n\n"
              "Le 3 mars 2026, le réseau est coupé à partir de 7 h 30 ; il est rétabli à 9 h.\n",
              name="noumea.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-02 20:30", "2026-03-02 22:00")


def test_a_stated_zone_wins_over_the_place():
    pm = read("# Tokyo region outage\n\nAll times UTC.\n\n"
              "On 2026-05-04 requests began failing at 03:10 and were restored at 04:00.\n",
              name="tokyo.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 03:10", "2026-05-04 04:00")


def test_a_city_named_only_in_a_later_section_sets_no_clock():
    pm = read("# Checkout outage\n\nOn 2026-05-04 checkout failed from 03:10 until 04:00.\n\n"
              "## Impact\n\nA customer in Sydney wrote to us about a lost order.\n",
              name="checkout.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 03:10", "2026-05-04 04:00")


def test_a_city_named_in_the_summary_sets_no_clock():
    # The summary tells the story: a city there is as often a customer's or a partner's.
    pm = read("# API outage on 4 March 2026\n\n## Summary\n\n"
              "On 4 March 2026 our API was down from 10:00 to 11:30. A customer in Tokyo noticed it first.\n\n"
              "## Timeline\n\n- 10:00 errors start\n- 11:30 fixed\n", name="api.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-04 10:00", "2026-03-04 11:30")


def test_a_phrase_that_is_a_city_s_name_sets_no_clock():
    pm = read("# Houston, we have a problem: the build farm on 2026-02-02\n\n"
              "Builds failed from 10:00 to 11:30.\n", name="houston.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-02 10:00", "2026-02-02 11:30")


def test_places_of_two_zones_set_no_clock():
    pm = read("# Replication lag between London and New York\n\n"
              "On 2026-05-04 replication began failing at 03:10 and was restored at 04:00.\n",
              name="lag.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 03:10", "2026-05-04 04:00")


def test_a_country_of_several_zones_sets_no_clock():
    pm = read("# Outage for customers in Canada and Australia\n\n"
              "On 2026-05-04 logins failed from 03:10 until 04:00.\n", name="canada.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 03:10", "2026-05-04 04:00")


def test_la_reunion_de_crise_n_est_pas_l_ile():
    pm = read("# Panne du portail\n\nLe 4 mai 2026, le portail est indisponible de 3 h 10 à 4 h ; "
              "la réunion de crise s'est tenue à 3 h 30.\n", name="portail.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 03:10", "2026-05-04 04:00")


def test_show_says_which_place_gave_the_clock(tmp_path):
    (tmp_path / "seoul.md").write_text(
        "# Payment outage for our Seoul shoppers\n\n"
        "On 2026-09-01 payments failed from 14:00 until 14:45.\n", encoding="utf-8")
    result = run_cli("show", "--format", "json", str(tmp_path / "seoul.md"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)["postmortems"][0]
    assert shown["started"].startswith("2026-09-01T14:00:00+09:00"), shown["started"]
    assert any("Asia/Seoul" in note["message"] and "Seoul" in note["message"] for note in shown["notes"]), shown["notes"]


def test_a_belgian_city_in_the_opening_of_a_press_article():
    pm = read("# Coupure de courant chez un hébergeur\n\n*Publié le jeudi 5 février 2026*\n\n"
              "L'hébergeur a subi le mercredi 4 février 2026 une coupure dans son centre de données de Louvain.\n\n"
              "La panne a eu lieu à 15 h 10 ; tout était rétabli à 17 h 40.\n", name="louvain.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-04 14:10", "2026-02-04 16:40")


def test_a_zone_the_title_states_governs_the_whole_document():
    pm = read("# Portal slowness (all times Pacific)\n\n"
              "**RESOLVED 7/9/2026 4:05 p.m.:** Portal performance returned to normal at 3:50 p.m.\n\n"
              "**UPDATE 7/9/2026 11:50 a.m.:** Pages have been slow since 9:40 a.m.; we are investigating.\n",
              name="portal.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-07-09 16:40", "2026-07-09 22:50")


def test_un_titre_qui_nomme_un_fuseau_l_emporte_sur_le_lieu():
    pm = read("# Panne du réseau à Nouméa (heure de Paris)\n\n"
              "Le 3 mars 2026, le réseau est coupé à partir de 7 h 30 ; il est rétabli à 9 h.\n",
              name="noumea-paris.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-03 06:30", "2026-03-03 08:00")
