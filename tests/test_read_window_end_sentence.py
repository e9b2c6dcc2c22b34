"""An end stated by a sentence of its own, without a range: a clause that says service was
given back ("..., restoring full functionality at 17:31 ET", "rétablissant le service à
15 h 26"), a fix or a repair ("le problème a été corrigé vers 18 h", "the link was repaired
at 11:05") (thirteenth pass). Texts of our own, English and French; and what is no end:
a recovery that only began ("engineers began restoring the database at 14:00")."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str, name: str) -> tuple[str | None, str | None]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


def test_a_participle_clause_restoring_service_ends_the_window():
    assert _window("# Chat outage\n\nOn May 4, 2026 at 09:12 UTC the chat service stopped responding. Restarts did "
                   "not hold, so we moved the traffic to the standby cluster, restoring full functionality at 10:40 UTC.\n",
                   "chat.md") == ("2026-05-04 09:12", "2026-05-04 10:40")


def test_french_retablissant_le_service():
    assert _window("# Panne de la messagerie\n\nLe 3 juin 2026, la messagerie a cessé de répondre à 13 h 05 UTC. "
                   "L'équipe a basculé sur le site de secours, rétablissant le service à 15 h 26 UTC.\n",
                   "messagerie.md") == ("2026-06-03 13:05", "2026-06-03 15:26")


def test_french_corrige_vers_une_heure():
    assert _window("# Bug des rendez-vous\n\nLe 21 février 2026, le module est tombé en panne vers 08 h 15 UTC. "
                   "La plateforme affirme que le problème a été corrigé vers 17 h 00 UTC.\n", "rdv.md") == (
        "2026-02-21 08:15", "2026-02-21 17:00")


def test_a_link_repaired_at_a_time():
    assert _window("# Fibre cut\n\nOn 2026-07-02 the fibre link went down at 05:40 UTC. The link was repaired at "
                   "11:05 UTC.\n", "fibre.md") == ("2026-07-02 05:40", "2026-07-02 11:05")


def test_a_recovery_that_began_is_no_end():
    assert _window("# Database outage\n\nOn 2026-08-11 the database went down at 13:20 UTC. Engineers began "
                   "restoring it from backups at 14:00 UTC, and the site was back online at 16:10 UTC.\n",
                   "db.md") == ("2026-08-11 13:20", "2026-08-11 16:10")


def test_a_fix_that_began_is_no_end():
    assert _window("# Panne réseau\n\nLe 9 avril 2026, le réseau est tombé en panne à 01 h 18 UTC. Les équipes ont "
                   "commencé à réparer à 01 h 50 UTC ; le réseau est revenu en ligne à 02 h 40 UTC.\n",
                   "reseau.md") == ("2026-04-09 01:18", "2026-04-09 02:40")


def test_the_time_a_restore_began_is_not_read_as_the_end():
    assert _window("# Database outage\n\nOn 2026-08-11 the database went down at 13:20 UTC. Engineers began "
                   "restoring it from backups at 14:00 UTC.\n", "db-open.md") == ("2026-08-11 13:20", None)
