"""The timeline pipeline on the classes of failure the eighth held-out part
showed (issue 22, eighth pass), each on its own small text, none a file of the
corpus: a time cell followed by the time elapsed since the start, in brackets
("14:07 UTC (+5 min)", "10h12 (T+12 min)")."""

from __future__ import annotations

from reading_helpers import check_codes, read, times


def _table(rows: list[tuple[str, str]], heading: str = "## Timeline", header: str = "| Time | Event |") -> str:
    return "\n".join([heading, "", header, "|---|---|", *(f"| {when} | {what} |" for when, what in rows)])


def test_a_time_cell_with_the_minutes_since_the_start_is_read():
    pm = read("# Login failures\n\nLogins failed on 14 October 2026. All times are UTC.\n\n"
              + _table([("14:02 UTC", "Bad certificate deployed"), ("14:07 UTC (+5 min)", "Alerts fire"),
                        ("14:20 UTC (+18 mins)", "Certificate rolled back"),
                        ("14:31 UTC (+29 minutes)", "Logins healthy again")]) + "\n", "login-failures.md")
    assert times(pm) == ["2026-10-14 14:02", "2026-10-14 14:07", "2026-10-14 14:20", "2026-10-14 14:31"]


def test_an_offset_in_hours_and_minutes_or_with_a_t_is_read():
    pm = read("# Search slow\n\nSearch was slow on 3 March 2026. Times in UTC.\n\n"
              + _table([("08:00", "Index rebuild starts"), ("08:45 (T+45m)", "Latency alert"),
                        ("09:30 [T+1h30]", "Rebuild paused"), ("10:15 (+2 h 15)", "Latency normal")]) + "\n",
              "search-slow.md")
    assert times(pm) == ["2026-03-03 08:00", "2026-03-03 08:45", "2026-03-03 09:30", "2026-03-03 10:15"]


def test_a_french_time_cell_with_the_time_since_the_start_is_read():
    pm = read("# Panne de la messagerie\n\nLa messagerie est tombée le 5 mai 2026. Heures en UTC.\n\n"
              + _table([("10h00", "Premières erreurs"), ("10h12 (T+12 min)", "Astreinte alertée"),
                        ("11h05 (+1 h 05)", "Serveur redémarré"), ("11h30 (+90 mn)", "Service rétabli")],
                       "## Chronologie", "| Heure | Événement |") + "\n", "panne-messagerie.md")
    assert times(pm) == ["2026-05-05 10:00", "2026-05-05 10:12", "2026-05-05 11:05", "2026-05-05 11:30"]


def test_an_offset_in_days_is_not_taken_for_a_remark(tmp_path):
    # "(+1 day)" moves the moment to another day: it is no remark beside the time, and
    # the reader does not silently read the time on the first day.
    text = ("# Backup failures\n\nBackups failed on 9 June 2026. Times in UTC.\n\n"
            + _table([("22:00", "Backup job fails"), ("23:10", "Disk found full"),
                      ("01:30 (+1 day)", "Disk extended"), ("02:10 (+1 day)", "Backups succeed")]) + "\n")
    pm = read(text, "backup-failures.md")
    assert "2026-06-09 01:30" not in times(pm)
    assert "2026-06-09 02:10" not in times(pm)


def test_check_raises_no_alarm_on_offsets_beside_times(tmp_path):
    codes = check_codes(tmp_path, "2026-10-14-login-failures.md",
                        "---\ntitle: Login failures\ndate: 2026-10-14\nseverity: SEV2\nstatus: draft\n---\n\n"
                        "# Login failures\n\nAll times are UTC.\n\n"
                        + _table([("14:02 UTC", "Bad certificate deployed"), ("14:07 UTC (+5 min)", "Alerts fire"),
                                  ("14:31 UTC (+29 mins)", "Logins healthy again")]) + "\n")
    assert [message for code, message in codes if code == "PM701"] == []


# --- a window told in sentences whose words come after the time, or end with "until" ----------

def _window(pm) -> tuple[str | None, str | None]:
    from reading_helpers import utc
    return utc(pm.started), utc(pm.resolved)


def test_an_end_said_after_its_time_in_the_sentence():
    pm = read("# Storage outage\n\nAll times are UTC.\n\n"
              "At 07:12 on 14.09.2026 there was a failure of the storage array. At 07:58, writes were "
              "restored for every customer.\n\n## What happened\n\nA firmware bug.\n", "storage-outage.md")
    assert _window(pm) == ("2026-09-14 07:12", "2026-09-14 07:58")


def test_an_end_said_after_its_time_with_a_twelve_hour_clock():
    pm = read("# Mail delays\n\nAll times are UTC.\n\n"
              "At 3:05 p.m. on 21 April 2026 the mail relay failed. At 4:40 p.m., delivery was back to normal.\n\n"
              "## Cause\n\nA full queue disk.\n", "mail-delays.md")
    assert _window(pm) == ("2026-04-21 15:05", "2026-04-21 16:40")


def test_a_french_end_said_after_its_time():
    pm = read("# Panne du VPN\n\nHeures en UTC.\n\n"
              "Le 02.03.2026 à 08h10, le VPN a perdu toutes ses connexions. À 09h25, le service était rétabli "
              "pour tous les sites.\n\n## Cause\n\nUn certificat expiré.\n", "panne-vpn.md")
    assert _window(pm) == ("2026-03-02 08:10", "2026-03-02 09:25")


def test_a_state_that_lasts_until_a_time_ends_there():
    pm = read("# Cluster down\n\nAll times are UTC.\n\n"
              "On 4 August 2026 at 06:30 the cluster failed to start after maintenance, and it stayed "
              "offline until 11:45.\n\n## Cause\n\nA bad kernel.\n", "cluster-down.md")
    assert _window(pm) == ("2026-08-04 06:30", "2026-08-04 11:45")


def test_a_french_state_that_lasts_until_a_time_ends_there():
    pm = read("# Serveur tombé\n\nHeures en UTC.\n\n"
              "Le 4 août 2026 à 06h30, le serveur est tombé en panne et il est resté injoignable "
              "jusqu'à 11h45.\n\n## Cause\n\nUn disque plein.\n", "serveur-tombe.md")
    assert _window(pm) == ("2026-08-04 06:30", "2026-08-04 11:45")


# --- the zone stated by one sentence of a long paragraph ----------------------------------------

_LONG = ("The relay that forwards every outgoing message of the platform stopped accepting connections, "
         "and the queue of messages waiting to be sent grew until the disk that holds it was full. ")


def test_the_zone_a_sentence_of_a_long_paragraph_states():
    pm = read("# Mail relay outage\n\n"
              "At 9:10 a.m. on 12.05.2026 the mail relay failed. At 10:25 a.m., delivery was restored. "
              + _LONG + "Every time written here is our office time (CEST).\n\n"
              "## What happened\n\nA full disk.\n", "mail-relay-outage.md")
    assert _window(pm) == ("2026-05-12 07:10", "2026-05-12 08:25")


def test_the_zone_a_french_sentence_of_a_long_paragraph_states():
    pm = read("# Panne du relais de messagerie\n\n"
              "Le 12.05.2026 à 09h10, le relais de messagerie est tombé en panne. À 10h25, l'envoi était rétabli. "
              "Le relais qui transmet tous les messages sortants de la plateforme a refusé les connexions, et la "
              "file d'attente a grossi jusqu'à remplir son disque. Toutes les heures sont en CEST.\n\n"
              "## Cause\n\nUn disque plein.\n", "panne-relais.md")
    assert _window(pm) == ("2026-05-12 07:10", "2026-05-12 08:25")


# --- "resumed", "ont repris": the end of the window ---------------------------------------------

def test_service_resumed_at_a_time_is_the_end():
    pm = read("# Database crash\n\nAll times are UTC.\n\n"
              "On 16 January 2026 at 05:13 the database primary failed and every replica after it. "
              "Normal service resumed at 05:40.\n\n## Cause\n\nA bad index.\n", "database-crash.md")
    assert _window(pm) == ("2026-01-16 05:13", "2026-01-16 05:40")


def test_les_sites_ont_repris_a_une_heure_is_the_end():
    pm = read("# Panne des sites\n\nHeures en UTC.\n\n"
              "Le 10 mars 2026 à 02h30, le serveur s'est arrêté. Tous les sites ont repris à 08h30.\n\n"
              "## Cause\n\nUn incendie.\n", "panne-sites.md")
    assert _window(pm) == ("2026-03-10 02:30", "2026-03-10 08:30")


# --- "outage", "panne" before a time: the start ---------------------------------------------------

def test_an_outage_reported_at_a_time_starts_the_window():
    pm = read("# Power outage at our host\n\nAll times are UTC.\n\n"
              "The power outage was reported by our provider on 24 May 2026 at 09:30 UTC. Many servers did not "
              "boot again, and our last server was back online at 18:30 UTC on 25 May.\n\n"
              "## What we change\n\n- Spread servers over two sites.\n", "power-outage.md")
    assert _window(pm) == ("2026-05-24 09:30", "2026-05-25 18:30")


def test_une_panne_signalee_a_une_heure_starts_the_window():
    pm = read("# Panne de courant chez l'hébergeur\n\nHeures en UTC.\n\n"
              "La panne a été signalée par l'hébergeur le 24 mai 2026 à 09h30. Plusieurs serveurs n'ont pas "
              "redémarré, et notre dernier serveur était de nouveau en ligne le 25 mai à 18h30.\n\n"
              "## Ce que nous changeons\n\n- Répartir les serveurs sur deux sites.\n", "panne-courant.md")
    assert _window(pm) == ("2026-05-24 09:30", "2026-05-25 18:30")


def test_an_outage_that_ended_at_a_time_is_still_its_end():
    pm = read("# Queue outage\n\nAll times are UTC.\n\n"
              "On 2 August 2026 at 09:00 the queue stopped accepting writes. The outage ended at 10:30 "
              "when the broker was restarted.\n\n## Cause\n\nA full disk.\n", "queue-outage-ended.md")
    assert _window(pm) == ("2026-08-02 09:00", "2026-08-02 10:30")
