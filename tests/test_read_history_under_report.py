"""A status page's update history copied below (or above) the report posted days after
the incident: each line of status, message and stamp runs in one paragraph, the report
is an update of its own ("Postmortem", "Post-mortem") and no entry of the timeline, and
the times the report states without a date are on the incident's day, the day of the
updates, not on the day the report was posted. Each text is our own."""

from __future__ import annotations

from reading_helpers import read, times, utc


def _window(pm) -> tuple[str | None, str | None]:
    return utc(pm.started), utc(pm.resolved)


def test_a_report_posted_days_later_over_copied_updates():
    pm = read(
        "Storage cluster unavailable\n"
        "Incident Report for Example Hosting\n\n"
        "Postmortem\n"
        "The outage began at 08:05 UTC and was resolved by 10:40 UTC. A controller\n"
        "firmware update rebooted both storage heads at once.\n"
        "Posted Mar 12, 2026 - 16:00 UTC\n\n"
        "Resolved\n"
        "Storage is fully available again.\n"
        "Posted Mar 9, 2026 - 10:52 UTC\n\n"
        "Identified\n"
        "Both storage heads rebooted; we are bringing them back one at a time.\n"
        "Posted Mar 9, 2026 - 09:15 UTC\n\n"
        "Investigating\n"
        "Volumes are unreachable from several hosts.\n"
        "Posted Mar 9, 2026 - 08:20 UTC\n",
        "storage-cluster.md",
    )
    assert times(pm) == ["2026-03-09 08:20", "2026-03-09 09:15", "2026-03-09 10:52"]
    assert _window(pm) == ("2026-03-09 08:05", "2026-03-09 10:40")


def test_a_french_report_below_its_updates():
    pm = read(
        "# Messagerie indisponible\n\n"
        "Enquête en cours\n"
        "Les envois de courriels échouent.\n"
        "Publié le 3 mars 2026 à 08:30 UTC\n\n"
        "Résolu\n"
        "Les envois fonctionnent de nouveau.\n"
        "Publié le 3 mars 2026 à 11:45 UTC\n\n"
        "Post-mortem\n"
        "La panne a commencé à 08:10 UTC et s'est terminée à 11:30 UTC : un certificat expiré\n"
        "bloquait les connexions au relais.\n"
        "Publié le 10 mars 2026 à 09:00 UTC\n",
        "messagerie.md",
    )
    assert times(pm) == ["2026-03-03 08:30", "2026-03-03 11:45"]
    assert _window(pm) == ("2026-03-03 08:10", "2026-03-03 11:30")


def test_paragraphs_opening_on_a_status_word_without_stamps_are_prose():
    pm = read(
        "# Cache eviction storm\n\n"
        "## Summary\n\nResolved\nwithin the hour, the storm cost us the cache hit rate.\n\n"
        "## Timeline\n\n- 10:05 UTC alerts fire\n- 10:50 UTC cache warm again\n",
        "2026-02-02-cache.md",
    )
    assert times(pm) == ["2026-02-02 10:05", "2026-02-02 10:50"]
