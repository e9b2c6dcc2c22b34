"""The window chosen from every time mentioned, tenth pass (issue 22): a time
written inside a timeline entry's words is a mention of its own ("normal since
18:40" in an update posted at 18:52); words that name the impact itself
("impact start", "début de l'impact") choose the impact's window over the
incident's; a story that opens on a change starts when the service stopped
responding. Each text is our own, in a layout no part of the corpus uses."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


# --- a time inside an entry's words --------------------------------------------------------


def test_times_inside_status_rows_are_the_window_not_the_posting_times():
    pm = read("# Slow mailboxes\n\n| Posted (UTC) | Message | Status |\n|---|---|---|\n"
              "| 2026-03-02 11:40 | Mailbox latency has been back to normal since 11:25. | Closed |\n"
              "| 2026-03-02 10:30 | A storage node is saturated; traffic is being moved. | Found |\n"
              "| 2026-03-02 09:50 | Since around 09:32, many mailboxes take minutes to open. | Looking |\n",
              "slow-mailboxes.md")
    assert _window(pm) == ("2026-03-02 09:32", "2026-03-02 11:25")


def test_french_times_inside_timeline_items_are_the_window():
    pm = read("# Lenteurs de la messagerie\n\n## Chronologie (heures UTC)\n\n"
              "- 2026-03-02 09:50 — Depuis 09:32 environ, les boîtes mettent plusieurs minutes à s'ouvrir.\n"
              "- 2026-03-02 10:30 — Un nœud de stockage sature ; le trafic est déplacé.\n"
              "- 2026-03-02 11:40 — Les temps d'accès sont revenus à la normale depuis 11:25.\n",
              "lenteurs-messagerie.md")
    assert _window(pm) == ("2026-03-02 09:32", "2026-03-02 11:25")


def test_a_status_table_newest_first_reads_the_times_its_messages_state():
    pm = read("# Slow checkouts\n\n| Update (UTC) | State | Details |\n|---|---|---|\n"
              "| 2026-05-11 15:10 | Resolved | Checkout response times are normal again, and were normal from 14:58. |\n"
              "| 2026-05-11 14:20 | Identified | A cache cluster lost a node; it is being replaced. |\n"
              "| 2026-05-11 13:55 | Investigating | Starting at about 13:41, checkouts take over ten seconds. |\n",
              "slow-checkouts.md")
    assert _window(pm) == ("2026-05-11 13:41", "2026-05-11 14:58")


def test_a_french_status_table_reads_the_times_its_messages_state():
    pm = read("# Lenteurs du portail\n\n| Horodatage (UTC) | État | Message |\n|---|---|---|\n"
              "| 2026-05-11 15:10 | Clos | Les temps de réponse sont normaux depuis 14:58. |\n"
              "| 2026-05-11 14:20 | Identifié | Un nœud du cache est tombé ; il est remplacé. |\n"
              "| 2026-05-11 13:55 | Analyse | Depuis 13:41 environ, le portail répond en plus de dix secondes. |\n",
              "lenteurs-portail.md")
    assert _window(pm) == ("2026-05-11 13:41", "2026-05-11 14:58")


# --- the impact's window beside the incident's ---------------------------------------------


def test_an_impact_window_beside_the_incident_window_is_read_in_a_table():
    pm = read("# Checkout errors\n\n| Field | Value |\n|---|---|\n"
              "| Incident opened | 2026-04-07 08:02 UTC |\n| Incident closed | 2026-04-07 10:40 UTC |\n"
              "| Impact began | 2026-04-07 08:15 UTC |\n| Impact ended | 2026-04-07 09:20 UTC |\n\n"
              "## Summary\n\nCard payments failed for part of the morning.\n", "checkout-errors.md")
    assert _window(pm) == ("2026-04-07 08:15", "2026-04-07 09:20")


def test_a_french_impact_window_beside_the_incident_window_is_read_in_sentences():
    pm = read("# Paiements en échec\n\nHeures UTC, le 7 avril 2026.\n\n"
              "L'incident a commencé à 08:02 avec une alerte de la supervision et s'est terminé à 10:40. "
              "Le début de l'impact pour les clients date de 08:15 ; la fin de l'impact, de 09:20.\n",
              "paiements-en-echec.md")
    assert _window(pm) == ("2026-04-07 08:15", "2026-04-07 09:20")


# --- a change first, then the service stops ------------------------------------------------


def test_a_story_whose_change_comes_first_starts_when_the_service_stopped_responding():
    pm = read("# Panne de l'intranet\n\nLe mardi 3 novembre 2026 (heure UTC), l'intranet a été indisponible.\n\n"
              "## Ce qui s'est passé\n\n"
              "À 06:40, une mise à jour du serveur mandataire a été appliquée sans incident visible.\n\n"
              "Un quart d'heure plus tard, à 06:55, le mandataire a cessé de répondre aux agents.\n\n"
              "À 07:30, l'ancienne version a été remise et l'intranet fonctionnait de nouveau.\n",
              "panne-intranet.md")
    assert _window(pm) == ("2026-11-03 06:55", "2026-11-03 07:30")


# --- a window typed with an ASCII double dash ------------------------------------------------


def test_a_title_states_the_window_with_a_double_dash():
    pm = read("# Ticket desk outage 2026-05-02 14:05 -- 15:20 UTC\n\nHello everyone,\n\n"
              "the ticket desk could not be reached for a while this afternoon. It is fine now.\n",
              "ticket-desk.md")
    assert _window(pm) == ("2026-05-02 14:05", "2026-05-02 15:20")


def test_a_french_title_states_the_window_with_a_double_dash():
    pm = read("# Panne du portail des agents, 9 janvier 2026, 22h40--23h55 UTC\n\n"
              "Le portail ne répondait plus ; il a été redémarré.\n", "portail-agents.md")
    assert _window(pm) == ("2026-01-09 22:40", "2026-01-09 23:55")
