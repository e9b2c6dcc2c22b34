"""PM103's patterns, line by line: the seeds' placeholders are found, ordinary prose is not."""

from __future__ import annotations

import pytest

from mkdocs_postmortem.rules.placeholders import (
    is_placeholder_value,
    placeholders_in_line,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# 📝 Postmortem – [Nom de l'incident]", ["[Nom de l'incident]"]),
        ("# Post-Mortem: [Titre de l'incident]", ["[Titre de l'incident]"]),
        ("- **Date de début :** YYYY-MM-DD HH:mm", ["YYYY-MM-DD HH:mm"]),
        ("**Incident Date**: [YYYY-MM-DD]  ", ["[YYYY-MM-DD]"]),
        ("- **Durée totale :** XX minutes", ["XX minutes"]),
        ("**Durée**: [X heures Y minutes]", ["[X heures Y minutes]"]),
        ("| HH:MM | Première alerte | Notification reçue | [Nom] |", ["HH:MM", "[Nom]"]),
        ("| High | [Action 1] | [Name] | [Date] | Pending |", ["[Action 1]", "[Name]", "[Date]"]),
        ("| Action 1 | [Owner] | TBD | To Do |", ["Action 1", "[Owner]", "TBD"]),
        ("**Report Author**: [Your Name]  ", ["[Your Name]"]),
        ("- Total number: X", ["X"]),
        ("- Percentage: Y%", ["Y%"]),
        ("- Revenue loss: $X", ["$X"]),
        ("- Nombre d'utilisateurs impactés : …", ["…"]),
        ("- ......", ["......"]),
        ("- Perte de données : Oui / Non", ["Oui / Non"]),
        ("- **Data Loss**: Yes/No", ["Yes/No"]),
        ("**Impact**: Critique | Majeur | Mineur", ["Critique | Majeur | Mineur"]),
        ("- **Severity**: P1/P2/P3", ["P1/P2/P3"]),
        ("- [Link to incident channel]", ["[Link to incident channel]"]),
        ("- Logs de l'incident : [📎 lien]", ["[📎 lien]"]),
        ("1. Lesson 1", ["Lesson 1"]),
        ("- Point positif 1", ["Point positif 1"]),
        ("1. Leçon 2", ["Leçon 2"]),
        ("| Heure (UTC+X) | Événement |", ["UTC+X"]),
        ("- [ ] Fix the root cause - Owner: [Name]", ["[Name]"]),
        ("The fix ships on a date still TBD by the vendor.", ["TBD"]),
    ],
)
def test_seed_placeholders_are_found(line, expected):
    assert placeholders_in_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The proxy dropped the X-Forwarded-For header of 3% of requests.",
        "See the [runbook](https://example.com/runbook) and [the dashboard][dash].",
        "- [ ] Add a canary - Owner: Ana Lopez - Due: 2026-04-01",
        "- [x] Double the cache size - Owner: Li Wei",
        "A footnote[^1] and a citation [1] are fine.",
        "| 14:32 | Déclenchement du script erroné |",
        "We moved from the TBDX scheduler to cron; the TBD-free plan is done.",
        "Checkout latency rose from 120 ms to 4 s for P1 customers.",
        "- **Duration**: 47 minutes",
        "| **Sévérité** | P1 |",
        "Incidents P1/P2 must be written within 5 days.",
        "> [!NOTE] Times are UTC.",
        "- Perte de données : Non",
        "The X axis of the latency graph is in seconds.",
        "Around 14:00 the queue held 10 000 messages...",
    ],
)
def test_ordinary_prose_is_not_a_placeholder(line):
    assert placeholders_in_line(line) == []


def test_placeholder_values():
    for value in ("HH:MM", "[Owner]", "TBD", "…", "[Date]", "YYYY-MM-DD"):
        assert is_placeholder_value(value), value
    for value in ("14:32", "Ana Lopez", "2026-03-04", "soon", ""):
        assert not is_placeholder_value(value), value


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # "X %" (a stand-in percentage) starts inside "XX", the words of another pattern's gate.
        ("The error rate reached XX % at the peak.", ["XX %"]),
        ("Latency rose by YY % during the window.", ["YY %"]),
        ("| Heure (UTC+X) | Événement |", ["UTC+X"]),
        ("- **Severity**: P1/P2/P3", ["P1/P2/P3"]),
    ],
)
def test_a_placeholder_whose_words_start_inside_another_patterns_words_is_found(line, expected):
    assert placeholders_in_line(line) == expected


def test_the_words_found_in_one_scan_are_those_an_in_test_finds():
    from mkdocs_postmortem.rules.context import _WordsPresent

    words = ["XX", "X %", "X ", "YYYY", "/P", "/ P", "TBD", "TBDX", "[", "+X"]
    present = _WordsPresent(words)
    for text in ["XX %", "XXX %", "a TBDX b", "/ P1", "YYYYY", "[+X", "X", "", "xx %", "P1 / P2 / P3"]:
        assert present(text) == {word for word in words if len(word) > 1 and word in text}, text
