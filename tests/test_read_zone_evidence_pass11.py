"""Zone evidence wherever a document states it (issue 22, eleventh pass).

Every text here is our own, in layouts no part of the archive corpus writes.
A zone stated anywhere is evidence for its scope; a document that states one
zone only, wherever it states it (a city's clock in a sentence, after a
range and an approximate word, a table's header, a heading's aside), is on
that clock for the bare times it writes elsewhere (a fact table, a summary's
sentence). A region's abbreviation after a time is the time's zone also when
a comma or a full stop follows it. A clock phrase may qualify the clock
("heure légale", "official time") before the city or the country."""

from __future__ import annotations

from reading_helpers import read, times, utc

# --- a region's abbreviation after a time, then punctuation -----------------------------------


def test_an_abbreviation_after_a_time_then_a_comma_is_the_times_zone():
    pm = read("# Checkout outage\n\nOn Thursday, January 15, 2026, checkout failed.\n\n## How it unfolded\n\n"
              "At 9:05 PM ET, the payment gateway began rejecting cards.\n\n"
              "At 9:40 PM ET, the on-call engineer rolled back the release.\n\n"
              "At 10:15 PM ET, every card payment went through again.\n",
              name="checkout.md")
    assert times(pm) == ["2026-01-16 02:05", "2026-01-16 02:40", "2026-01-16 03:15"]


def test_a_pacific_abbreviation_then_a_full_stop_in_a_list():
    pm = read("# Upload failures on 3 June 2026\n\n## Sequence\n\n"
              "- 08:10 PT. Uploads start failing for large files.\n"
              "- 08:32 PT. The storage quota is found exhausted.\n"
              "- 09:01 PT. Quota raised; uploads succeed.\n",
              name="uploads.md")
    assert times(pm) == ["2026-06-03 15:10", "2026-06-03 15:32", "2026-06-03 16:01"]


def test_une_abreviation_de_region_suivie_d_une_virgule():
    pm = read("# Panne du guichet en ligne, 12 novembre 2026\n\n## Chronologie\n\n"
              "À 14 h 05 HNE, le guichet cesse de répondre.\n\n"
              "À 14 h 50 HNE, le serveur d'applications est redémarré.\n\n"
              "À 15 h 20 HNE, le guichet répond de nouveau.\n",
              name="guichet.md")
    assert times(pm) == ["2026-11-12 19:05", "2026-11-12 19:50", "2026-11-12 20:20"]


# --- the one zone a document states governs its bare times ------------------------------------


def test_a_timeline_headers_zone_governs_the_facts_of_a_document_that_names_no_other():
    pm = read("# Billing export stalled\n\n| Field | Value |\n|---|---|\n"
              "| Impact began | 2026-05-04 09:10 |\n| Impact ended | 2026-05-04 11:40 |\n\n"
              "## Summary\n\nThe nightly export stalled.\n\n## Log\n\n"
              "| Time (PDT) | Entry |\n|---|---|\n| 09:10 | Export job stalls |\n"
              "| 10:30 | Lock found and released |\n| 11:40 | Export complete |\n",
              name="billing.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 16:10", "2026-05-04 18:40")


def test_la_zone_d_un_en_tete_de_tableau_gouverne_les_faits_du_document():
    pm = read("# Retour d'expérience — portail des stages indisponible\n\n"
              "- **Début de l'incident** : jeudi 8 octobre 2026, 10 h 05\n"
              "- **Fin de l'incident** : jeudi 8 octobre 2026, 12 h 35\n\n"
              "## Déroulé\n\n| Heure (UTC+2) | Fait |\n|---|---|\n| 10:05 | Le portail renvoie des erreurs |\n"
              "| 11:15 | Le certificat expiré est identifié |\n| 12:35 | Certificat renouvelé, portail rétabli |\n",
              name="stages.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-10-08 08:05", "2026-10-08 10:35")


def test_a_citys_clock_after_an_approximate_range_in_a_letter():
    pm = read("# Notice to customers — 9 February 2026\n\nDear customers,\n\n"
              "On 9 February 2026 our booking site could not take payments between 14:20 and 16:05 "
              "or so (London time). We have refunded every duplicate charge.\n\nThe support team\n",
              name="notice.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-09 14:20", "2026-02-09 16:05")
    pm = read("# Notice to customers — 9 July 2026\n\nDear customers,\n\n"
              "On 9 July 2026 our booking site could not take payments between 14:20 and 16:05 "
              "or so (London time). We have refunded every duplicate charge.\n\nThe support team\n",
              name="notice.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-07-09 13:20", "2026-07-09 15:05")


def test_l_heure_d_une_ville_apres_une_plage_approximative():
    pm = read("# Avis aux usagers\n\nMadame, Monsieur,\n\n"
              "Le 17 juin 2026, la billetterie en ligne a été indisponible de 7 h 30 à 9 h 10 "
              "environ (heure de Bruxelles). Les billets achetés ont été confirmés.\n\nLe service clients\n",
              name="avis.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-06-17 05:30", "2026-06-17 07:10")


def test_two_zones_stated_leave_the_bare_times_of_a_document_alone():
    pm = read("# Replication lag\n\n| Field | Value |\n|---|---|\n"
              "| Impact began | 2026-05-04 09:10 |\n| Impact ended | 2026-05-04 11:40 |\n\n"
              "## Log\n\n| Time (PDT) | Entry |\n|---|---|\n| 09:10 | Lag grows |\n| 11:40 | Lag gone |\n\n"
              "## Notes\n\nThe Dublin team joined at 17:30 Irish time.\n",
              name="lag.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-05-04 09:10", "2026-05-04 11:40")


# --- a clock phrase that qualifies the clock ----------------------------------------------------


def test_un_horaire_en_heure_legale_d_un_pays():
    pm = read("# Incident de messagerie du 5 janvier 2026\n\n## Déroulé\n\n"
              "Les heures sont données en heure légale belge.\n\n"
              "- 8 h 10 — les courriels entrants s'accumulent.\n"
              "- 8 h 45 — le filtre antispam est redémarré.\n"
              "- 9 h 30 — la file est vidée ; l'incident est clos.\n",
              name="messagerie.md")
    assert times(pm) == ["2026-01-05 07:10", "2026-01-05 07:45", "2026-01-05 08:30"]


def test_times_given_in_a_countrys_official_time():
    pm = read("# Portal outage, 14 April 2026\n\n## Timeline\n\nAll times are given in official Swiss time.\n\n"
              "- 06:40 — portal returns errors.\n- 07:15 — database failover.\n- 07:50 — portal back.\n",
              name="portal.md")
    assert times(pm) == ["2026-04-14 04:40", "2026-04-14 05:15", "2026-04-14 05:50"]
