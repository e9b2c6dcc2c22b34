"""A thread of stamped posts (forum replies, social-media posts collected on a page, a
mailing list's quoted mails): each post opens on a byline, its author and its stamp, and
each post is a timeline entry at its stamp. The first post starts the window; the post
that tells readers the service is theirs again ends it. Each text is our own."""

from __future__ import annotations

from reading_helpers import check_codes, read, times, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


def test_social_media_posts_quoted_on_a_page():
    pm = read(
        "# Outage of the booking app\n\n"
        "> **Rail Booking** @railbooking · Mar 3, 2026 · 7:05 AM UTC\n"
        "> Some of you cannot buy tickets in the app. We are looking into it.\n\n"
        "> **Rail Booking** @railbooking · Mar 3, 2026 · 7:40 AM UTC\n"
        "> A payment provider is failing; we are switching to the backup one.\n\n"
        "> **Rail Booking** @railbooking · Mar 3, 2026 · 8:15 AM UTC\n"
        "> You should now be able to buy tickets again. Sorry for the trouble.\n",
        "booking-app.md",
    )
    assert times(pm) == ["2026-03-03 07:05", "2026-03-03 07:40", "2026-03-03 08:15"]
    assert _window(pm) == ("2026-03-03 07:05", "2026-03-03 08:15")


def test_forum_replies_in_french_with_the_message_below_the_byline():
    pm = read(
        "# Forum : le portail ne répond plus\n\n"
        "**lucie_b** — 14 mai 2026 à 08:12 UTC\n\n"
        "Bonjour, le portail affiche une erreur 502 depuis ce matin.\n\n"
        "**modération** — 14 mai 2026 à 08:30 UTC\n\n"
        "Merci, l'équipe technique est prévenue et cherche la cause.\n\n"
        "**modération** — 14 mai 2026 à 10:05 UTC\n\n"
        "Le serveur a été redémarré, tout est rentré dans l'ordre.\n",
        "portail-forum.md",
    )
    assert times(pm) == ["2026-05-14 08:12", "2026-05-14 08:30", "2026-05-14 10:05"]
    assert _window(pm) == ("2026-05-14 08:12", "2026-05-14 10:05")


def test_a_mailing_list_thread_of_quoted_mails():
    pm = read(
        "# Build farm down\n\n"
        "On Jun 9, 2026 at 06:50 UTC, Priya Nair wrote:\n\n"
        "The build farm rejects every job since this morning.\n\n"
        "On Jun 9, 2026 at 09:20 UTC, Tom Berg wrote:\n\n"
        "The shared disk was full; I am cleaning old artefacts.\n\n"
        "On Jun 9, 2026 at 11:45 UTC, Tom Berg wrote:\n\n"
        "The disk is clean and jobs are back up; the queue is empty.\n",
        "build-farm.md",
    )
    assert times(pm) == ["2026-06-09 06:50", "2026-06-09 09:20", "2026-06-09 11:45"]
    assert _window(pm) == ("2026-06-09 06:50", "2026-06-09 11:45")


def test_a_partial_return_in_a_post_does_not_end_the_window():
    pm = read(
        "# Login failures\n\n"
        "**Support** | Feb 2, 2026 | 10:00 UTC\n\nPlayers cannot log in.\n\n"
        "**Support** | Feb 2, 2026 | 11:00 UTC\n\nServers are back up and players are let in gradually.\n\n"
        "**Support** | Feb 2, 2026 | 11:30 UTC\n\nEveryone should now be able to log in.\n",
        "login-failures.md",
    )
    assert _window(pm) == ("2026-02-02 10:00", "2026-02-02 11:30")


def test_dated_sentences_are_not_bylines():
    pm = read(
        "# Cache incident\n\n"
        "We deployed the cache change on Mar 3, 2026 at 07:05 UTC - then rolled it back.\n\n"
        "The team met again, as planned - Mar 4, 2026 at 09:00 UTC.\n\n"
        "Nothing else happened.\n",
        "cache.md",
    )
    assert pm.timeline == []


def test_a_single_post_is_no_thread():
    pm = read(
        "# Note\n\n**Ops** · Mar 3, 2026 · 7:05 AM UTC\n\nThe maintenance is over.\n",
        "note.md",
    )
    assert pm.timeline == []


def test_an_all_clear_announced_after_the_recovery_does_not_move_the_end():
    pm = read(
        "# Game server crash\n\n**Duration:** 20 minutes\n\n## Timeline\n\n"
        "| Time (UTC) | Event |\n|---|---|\n"
        "| 21:10 | Server crashed |\n| 21:30 | Players can join again |\n| 21:40 | All clear |\n",
        "2026-07-04-game-server.md",
    )
    assert _window(pm) == ("2026-07-04 21:10", "2026-07-04 21:30")


def test_a_restore_that_leaves_a_part_held_back_is_not_the_end():
    pm = read(
        "# Build lab down for a week\n\n## Timeline\n\n"
        "- March 2, 09:00 UTC - The artefact store fails after an upgrade.\n"
        "- March 4, 16:00 UTC - Store restored, nightly builds still disabled.\n"
        "- March 6, 10:00 UTC - Nightly builds re-enabled; the lab is back in service.\n",
        "2026-03-09-build-lab.md",
    )
    assert _window(pm) == ("2026-03-02 09:00", "2026-03-06 10:00")


def test_a_french_restore_with_a_part_still_suspended():
    pm = read(
        "# Exports comptables interrompus\n\n## Chronologie\n\n"
        "- 3 mars 2026, 08:00 UTC : les exports échouent.\n"
        "- 3 mars 2026, 12:00 UTC : service rétabli, exports de nuit toujours suspendus.\n"
        "- 4 mars 2026, 09:30 UTC : exports de nuit de nouveau en service.\n",
        "2026-03-05-exports.md",
    )
    assert _window(pm) == ("2026-03-03 08:00", "2026-03-04 09:30")


def test_a_restore_followed_by_unrelated_work_stays_the_end():
    pm = read(
        "# Login outage\n\n## Timeline\n\n"
        "- 10:00 UTC - Logins fail.\n"
        "- 10:40 UTC - Service restored.\n"
        "- 11:30 UTC - We still paused the deploy train for the afternoon review.\n",
        "2026-05-06-login.md",
    )
    assert _window(pm) == ("2026-05-06 10:00", "2026-05-06 10:40")


def test_a_staff_reply_dates_the_times_its_prose_tells_from_its_own_stamp():
    pm = read(
        "# Forum: game server down\n\n"
        "**kai_r** · Sat Mar 14, 2026 · 3:05 PM UTC\n"
        "Server says full but nobody is on?\n\n"
        "**admin_mo** · Sun Mar 15, 2026 · 10:20 AM UTC\n"
        "Sorry all: the disk filled up and the server was back up at 9:35 AM this morning.\n\n"
        "**kai_r** · Sun Mar 15, 2026 · 10:30 AM UTC\n"
        "Thanks!\n",
        "forum-game-server.md",
    )
    assert times(pm) == ["2026-03-14 15:05", "2026-03-15 10:20", "2026-03-15 10:30"]
    assert utc(pm.resolved) == "2026-03-15 09:35"


def test_check_names_the_window_and_timeline_a_thread_states(tmp_path):
    codes = check_codes(
        tmp_path,
        "status-thread.md",
        "# Status\n\n"
        "> **Mailbox** @mailbox · May 2, 2026 · 8:00 AM UTC\n> Mail is not delivered.\n\n"
        "> **Mailbox** @mailbox · May 2, 2026 · 9:10 AM UTC\n> Mail is back up for everyone.\n",
    )
    started = [m for code, m in codes if code == "PM002" and "`started`" in m]
    assert started and "the body states 2026-05-02 08:00" in started[0]
    ended = [m for code, m in codes if code == "PM002" and "`resolved`" in m]
    assert ended and "the body states 2026-05-02 09:10" in ended[0]
    assert not [
        message for code, message in codes if code == "PM101" and "Timeline" in message
    ]


def test_a_french_thread_of_quoted_mails_ends_where_all_is_back_in_order():
    pm = read(
        "# Fil : la forge ne répond plus\n\n"
        "Le 3 mars 2026 à 08:12 UTC, Jean Dupont a écrit :\n\n"
        "La forge renvoie des erreurs 500.\n\n"
        "Le 3 mars 2026 à 10:40 UTC, Alice Martin a écrit :\n\n"
        "Le disque est nettoyé, tout est rentré dans l'ordre.\n",
        "fil-forge.md",
    )
    assert times(pm) == ["2026-03-03 08:12", "2026-03-03 10:40"]
    assert _window(pm) == ("2026-03-03 08:12", "2026-03-03 10:40")
