"""The window chosen from every time the document mentions (issue 22, ninth
pass): each time written anywhere (prose, lists, tables, headings, timeline
entries) is gathered with its date, zone and the words around it, the words
say what it is (the impact began, service came back, an update was posted,
monitoring, a plan), and the window is chosen from all of them, in whatever
order the document tells them. Each text is our own, in a layout no part of
the corpus uses."""

from __future__ import annotations

from reading_helpers import SETTINGS, check_codes, read, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


# --- the end told before the start, in any block -------------------------------------------


def test_an_end_told_before_the_start_is_read_in_prose():
    pm = read("# Uploads failing\n\nNotice of 4 May 2026, times in UTC.\n\n"
              "Uploads have worked normally again since 11:32 UTC. We are sorry for the trouble.\n\n"
              "Since 09:05 UTC on 4 May 2026, most uploads were rejected by the storage gateway.\n",
              "uploads-failing.md")
    assert _window(pm) == ("2026-05-04 09:05", "2026-05-04 11:32")


def test_a_french_end_told_before_the_start_is_read():
    pm = read("# Paiements refusés\n\nCommuniqué du 12 octobre 2026 (heures UTC).\n\n"
              "Le service de paiement est revenu à la normale depuis 16h20.\n\n"
              "Depuis 14h05 ce 12 octobre 2026, la plupart des paiements par carte étaient refusés.\n",
              "paiements-refuses.md")
    assert _window(pm) == ("2026-10-12 14:05", "2026-10-12 16:20")


def test_an_end_in_a_list_item_and_a_start_in_a_table_are_read():
    pm = read("# Report exports\n\n| Field | Value |\n|---|---|\n| Service | Reports |\n"
              "| First failures | exports began failing at 02:10 UTC on 9 September 2026 |\n\n"
              "## Notes\n\n- Exports were restored at 04:45 UTC after the queue was drained.\n"
              "- The vendor was informed.\n", "report-exports.md")
    assert _window(pm) == ("2026-09-09 02:10", "2026-09-09 04:45")


# --- several ends: the full restoration, not a partial one nor a posting time ----------------


def test_the_full_restoration_after_a_partial_one_ends_the_window():
    pm = read("# Hall C power loss\n\nAll times below are UTC.\n\n"
              "On 2 February 2026 the feed into hall C failed and racks lost power starting at 13:10. "
              "Engineers restored power at 13:50, and the last customer machines were running again by 14:25.\n",
              "hall-c-power.md")
    assert _window(pm) == ("2026-02-02 13:10", "2026-02-02 14:25")


def test_a_french_full_restoration_after_a_partial_one_ends_the_window():
    pm = read("# Coupure du réseau fixe\n\nHeures UTC.\n\n"
              "Le 21 janvier 2026, la connexion a été interrompue à 08h15 dans trois villes. Les premiers "
              "abonnés ont retrouvé l'accès à 09h40, et le service était entièrement rétabli à 10h30.\n",
              "coupure-reseau-fixe.md")
    assert _window(pm) == ("2026-01-21 08:15", "2026-01-21 10:30")


def test_a_status_label_time_is_when_an_update_was_posted_not_the_end():
    pm = read("# Webhooks delayed\n\n"
              "**Closed 2026-06-30 16:05 UTC:** Deliveries have been back to normal since 15:48 UTC.\n\n"
              "**Watching 2026-06-30 15:30 UTC:** We continue to monitor the backlog.\n\n"
              "**Opened 2026-06-30 14:55 UTC:** Since 14:20 UTC webhook deliveries have been delayed.\n",
              "webhooks-delayed.md")
    assert _window(pm) == ("2026-06-30 14:20", "2026-06-30 15:48")


def test_a_french_status_label_time_is_when_an_update_was_posted():
    pm = read("# Lenteurs de l'extranet\n\n"
              "**Clôturé le 03/03/2026 à 12:10 UTC :** L'extranet fonctionne de nouveau normalement depuis 11:50 UTC.\n\n"
              "**Ouvert le 03/03/2026 à 10:40 UTC :** Depuis 10:05 UTC, l'extranet est très lent.\n",
              "lenteurs-extranet.md")
    assert _window(pm) == ("2026-03-03 10:05", "2026-03-03 11:50")


def test_monitoring_and_a_future_plan_do_not_end_the_window():
    pm = read("# Search degraded\n\nAll times UTC, 7 July 2026.\n\n"
              "Search results were failing since 08:00 UTC. The fix was applied and search was restored at "
              "09:10 UTC. We monitored until 10:30 UTC. A reindex is scheduled for 23:00 UTC and will be "
              "resolved by then.\n", "search-degraded.md")
    assert _window(pm) == ("2026-07-07 08:00", "2026-07-07 09:10")


# --- a start the words place after the timeline's first line ---------------------------------


def test_the_impact_start_a_timeline_entry_states_wins_over_its_first_line():
    pm = read("# Player disconnects\n\nOn 19 March 2026 (times UTC):\n\n## Evening log\n\n"
              "| When | What |\n|---|---|\n| 19:00 | Version 3.4 rolled out to the game servers |\n"
              "| 19:12 | Players start getting dropped from matches |\n| 19:30 | Version 3.4 rolled back |\n"
              "| 19:45 | Matches stable again, no more drops |\n", "player-disconnects.md")
    assert _window(pm) == ("2026-03-19 19:12", "2026-03-19 19:45")


def test_a_french_timeline_whose_impact_begins_after_the_first_line():
    pm = read("# Portail RH inaccessible\n\nLe 5 novembre 2026, heures UTC.\n\n## Déroulé\n\n"
              "- 07:30 — mise à jour du pare-feu appliquée\n- 07:42 — le portail tombe en panne pour tous\n"
              "- 08:05 — retour arrière de la règle\n- 08:20 — le portail répond de nouveau\n",
              "portail-rh.md")
    assert _window(pm) == ("2026-11-05 07:42", "2026-11-05 08:20")


def test_a_responder_action_that_starts_is_not_the_impact():
    pm = read("# Queue backlog\n\nOn 8 August 2026, times UTC.\n\n## Timeline\n\n"
              "| Time | Event |\n|---|---|\n| 03:00 | Queue depth alert fires |\n"
              "| 03:10 | Investigation started by the on-call |\n| 03:40 | Consumers restarted |\n"
              "| 04:05 | Queue back to normal |\n", "queue-backlog.md")
    assert _window(pm) == ("2026-08-08 03:00", "2026-08-08 04:05")


# --- what a user sees: no false alarm, and show says which mention was chosen ----------------


def test_check_raises_no_missing_window_alarm_when_mentions_state_it(tmp_path):
    codes = check_codes(tmp_path, "uploads-failing.md",
                        "# Uploads failing\n\nNotice of 4 May 2026, times in UTC.\n\n"
                        "Uploads have worked normally again since 11:32 UTC.\n\n"
                        "Since 09:05 UTC on 4 May 2026, most uploads were rejected.\n")
    window = [message for code, message in codes
              if code == "PM002" and ("`started`" in message or "`resolved`" in message)]
    # Each asks only to copy what the body states into the front matter: none says it is unknown.
    assert len(window) == 2 and all("the body states" in message for message in window)
    assert any("`started` is missing from the front matter; the body states 2026-05-04 09:05" in message
               for message in window)
    assert any("the body states 2026-05-04 11:32" in message for message in window)


def test_show_lists_the_mentions_and_why_one_was_chosen(tmp_path):
    from conftest import run_cli

    (tmp_path / "hall-c-power.md").write_text(
        "# Hall C power loss\n\nAll times below are UTC.\n\n"
        "On 2 February 2026 racks lost power starting at 13:10. Engineers restored power at 13:50, and the "
        "last customer machines were running again by 14:25.\n", encoding="utf-8")
    result = run_cli("show", "hall-c-power.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "resolved:     2026-02-02T14:25:00+00:00  (body, line 5) by window sentence" in result.stdout
    # Every time whose words say what it is is listed, with why it was or was not taken.
    assert ("window mention 2026-02-02 13:50 UTC, its words say resolved: before the last recovery, "
            "2026-02-02 14:25 UTC (line 5)") in result.stdout
    assert "window mention 2026-02-02 13:10 UTC, its words say started: the earliest start" in result.stdout


def test_the_mentions_are_explained_only_when_asked_and_the_reading_is_the_same():
    from mkdocs_postmortem.read import read_postmortem

    text = ("# Hall C power loss\n\nAll times below are UTC.\n\n"
            "On 2 February 2026 racks lost power starting at 13:10. Engineers restored power at 13:50.\n")
    checked = read(text, "hall-c-power.md")
    explained = read_postmortem(text, path="docs/postmortems/hall-c-power.md", src_uri="postmortems/hall-c-power.md",
                                settings=SETTINGS, explain=True)
    assert _window(checked) == _window(explained) == ("2026-02-02 13:10", "2026-02-02 13:50")
    assert not any("window mention" in note.message for note in checked.notes)
    said = [note.message for note in explained.notes if "window mention" in note.message]
    assert len(said) == 2 and "its words say started: the earliest start" in said[0]
    assert [note for note in explained.notes if "window mention" not in note.message] == list(checked.notes)


# --- no word says when it began: the earliest moment the prose says it was seen ------------


def test_with_no_start_word_and_no_timeline_the_first_detection_starts_the_window():
    pm = read("# Chat outage\n\nOn April 3, 2026, at 21:40, our alerting saw every chat message bounce and "
              "paged the admin. Messages flowed normally again at 22:05, according to monitoring and to users.\n",
              "chat-outage.md")
    assert _window(pm) == ("2026-04-03 21:40", "2026-04-03 22:05")


def test_a_french_first_detection_starts_the_window_when_nothing_else_does():
    pm = read("# Messagerie coupée\n\nLe 3 avril 2026 à 21h40, la supervision a signalé que plus aucun message ne "
              "partait. Le service a repris à 22h05, d'après la supervision et les utilisateurs.\n",
              "messagerie-coupee.md")
    assert _window(pm) == ("2026-04-03 21:40", "2026-04-03 22:05")
