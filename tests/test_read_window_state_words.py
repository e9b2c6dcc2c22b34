"""A start and an end told by the state the service entered or left, in English and
French, each as a family of inflections (issue 22, twelfth pass, second half): "became
unavailable", "sont devenus indisponibles", "est tombé", "sont apparus", "came back",
"a été rétablie", "remis en service", "relancés", "stable since". Texts of our own,
layouts none of the corpus has: one sentence per part, in prose and in a reply."""

from __future__ import annotations

from reading_helpers import read, utc


def _window(text: str, name: str) -> tuple[str, str]:
    pm = read(text, name)
    return utc(pm.started), utc(pm.resolved)


def test_became_unavailable_starts_and_came_back_ends():
    assert _window("# Gateway outage\n\nOn Tuesday, May 12, 2026, the gateway became unavailable at 10:05 UTC. "
                   "After a restart it came back at 10:50 UTC.\n", "gateway.md") == (
        "2026-05-12 10:05", "2026-05-12 10:50")


def test_went_unreachable_starts_and_was_back_in_service_ends():
    assert _window("# Queue outage\n\nOn 2026-06-03 the queue went unreachable at 08:12 UTC; "
                   "it was back in service at 09:40 UTC.\n", "queue.md") == (
        "2026-06-03 08:12", "2026-06-03 09:40")


def test_french_devenus_indisponibles_and_relances():
    assert _window("# Panne des serveurs\n\nLe 4 juin 2026, tous les services sont devenus indisponibles "
                   "à 21 h 10 UTC. Les serveurs ont été relancés vers 23 h 05 UTC.\n", "panne.md") == (
        "2026-06-04 21:10", "2026-06-04 23:05")


def test_french_feminine_retablie_and_errors_that_appeared():
    assert _window("# Messagerie\n\nLe 9 mars 2026, les premières erreurs sont apparues à 13 h 20 UTC. "
                   "La messagerie a été rétablie à 14 h 45 UTC.\n", "messagerie.md") == (
        "2026-03-09 13:20", "2026-03-09 14:45")


def test_french_est_tombee_and_remise_en_service():
    assert _window("# Réseau\n\nLe 2 avril 2026, la ligne est tombée à 06 h 15 UTC ; elle a été remise en "
                   "service à 08 h 00 UTC.\n", "reseau.md") == (
        "2026-04-02 06:15", "2026-04-02 08:00")


def test_users_experienced_errors_then_things_were_back_to_normal():
    assert _window("# Checkout\n\nOn March 3, 2026, users experienced errors at 16:02 UTC. "
                   "Everything was running normally again at 16:40 UTC.\n", "checkout.md") == (
        "2026-03-03 16:02", "2026-03-03 16:40")


def test_stable_since_a_time_is_an_end_not_a_start():
    assert _window("# Réseau mobile\n\nLe 8 mai 2026, la coupure a commencé à 03 h 00 UTC. "
                   "Le réseau est stable depuis 07 h 05 UTC.\n", "mobile.md") == (
        "2026-05-08 03:00", "2026-05-08 07:05")


def test_every_part_restored_after_a_first_return_is_the_full_recovery():
    assert _window("# Sign-in outage\n\nOn Friday, February 6, 2026, sign-in became unavailable at 14:00 UTC. "
                   "Sign-in came back at 14:30 UTC, but some settings were missing. Every part "
                   "of the system was restored at 15:10 UTC.\n", "sign-in.md") == ("2026-02-06 14:00", "2026-02-06 15:10")
