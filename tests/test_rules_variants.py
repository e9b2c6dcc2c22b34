"""Each rule, broken alone: a good postmortem (English and French) with one small
edit gets exactly that rule's code, at the line the edit touched.

Everything goes through the real reader (`read_postmortem`) and the real rules.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import check_handbook, check_postmortem
from mkdocs_postmortem.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
BUILD_DAY = date(2026, 6, 1)
SETTINGS = Settings(build_date=BUILD_DAY)


def good(lang: str) -> str:
    return (FIXTURES / f"good_{lang}.md").read_text(encoding="utf-8")


def read(text: str, settings: Settings = SETTINGS, name: str = "incident.md"):
    return read_postmortem(
        text.encode("utf-8"), path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", settings=settings
    )


def check(text: str, settings: Settings = SETTINGS):
    return check_postmortem(read(text, settings), settings)


def line_of(text: str, needle: str) -> int:
    matches = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(matches) == 1, f"{needle!r} is on lines {matches}"
    return matches[0]


def body_line(text: str) -> int:
    lines = text.split("\n")
    return lines.index("---", 1) + 2


def edit(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


def between(text: str, start: str, end: str, new: str) -> str:
    """Replace what lies between `start` and `end` (both kept)."""
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return head + start + new + end + tail


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_good_postmortems_pass_without_any_diagnostic(lang):
    assert check(good(lang)) == []


EN, FR = good("en"), good("fr")

# (name, source after the edit, code, text on the expected line or a line number)
CASES = [
    ("PM002 severity", edit(EN, ("severity: P2\n", "")), "PM002", 1),
    ("PM003 severity", edit(EN, ("severity: P2", "severity: P9")), "PM003", "severity: P9"),
    ("PM003 zone", edit(FR, ("timezone: Europe/Paris", "timezone: Europe/Pariss")), "PM003", "timezone:"),
    ("PM004", edit(EN, ("acknowledged: 2026-03-04 14:20", "acknowledged: 2026-03-04 14:05")), "PM004", "acknowledged:"),
    ("PM005", edit(EN, ("severity: P2\n", "severity: P2\nseveritiy: P2\n")), "PM005", "severitiy"),
    ("PM101 en", EN.split("## Lessons Learned")[0], "PM101", "BODY"),
    ("PM101 fr", FR.split("## Leçons apprises")[0], "PM101", "BODY"),
    ("PM102 en", between(EN, "## Impact\n", "## Root Cause", "\n"), "PM102", "## Impact"),
    ("PM102 fr", between(FR, "## Impact\n", "## Causes racines", "\n"), "PM102", "## Impact"),
    ("PM103 en owner", edit(EN, ("| Ana Lopez | 2026-09-01 |", "| [Owner]   | 2026-09-01 |")), "PM103", "[Owner]"),
    ("PM103 fr owner", edit(FR, ("| Camille Roux | 2026-09-01 |", "| [Nom]        | 2026-09-01 |")), "PM103", "[Nom]"),
    ("PM103 en duration", edit(EN, ("**Duration**: 70 minutes", "**Duration**: XX minutes")), "PM103", "XX minutes"),
    ("PM103 fr duration", edit(FR, ("**Durée** : 70 minutes", "**Durée** : XX minutes")), "PM103", "XX minutes"),
    ("PM103 en deadline", edit(EN, ("| Li Wei    | 2026-10-01 |", "| Li Wei    | TBD        |")), "PM103", "| TBD "),
    # A file saved as UTF-8 and once read back as Mac Roman, as seed 002 arrived.
    ("PM104 fr", FR.encode("utf-8").decode("mac_roman"), "PM104", 2),
    ("PM201 en count", edit(EN, ("5. Why was there no monitor? The expiry was not listed as a risk when the integration was set up.\n", "")), "PM201", "### 5 Whys"),
    ("PM201 fr count", edit(FR, ("5. Pourquoi n'y avait-il aucune sonde ? L'expiration n'avait pas été identifiée comme un risque lors de l'intégration.\n", "")), "PM201", "### Analyse des 5 Pourquoi"),
    ("PM201 en answer", edit(EN, ("5. Why was there no monitor? The expiry was not listed as a risk when the integration was set up.", "5. Why was there no monitor?")), "PM201", "5. Why"),
    ("PM201 fr answer", edit(FR, ("5. Pourquoi n'y avait-il aucune sonde ? L'expiration n'avait pas été identifiée comme un risque lors de l'intégration.", "5. Pourquoi n'y avait-il aucune sonde ?")), "PM201", "5. Pourquoi"),
    ("PM301 en", edit(EN, ("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |")), "PM301", "Alert on the webhook"),
    ("PM301 fr", edit(FR, ("| Camille Roux | 2026-09-01 |", "|              | 2026-09-01 |")), "PM301", "Alerter sur le taux"),
    ("PM302 en", edit(EN, ("| Li Wei    | 2026-10-01 |", "| Li Wei    |            |")), "PM302", "Track secret expiry"),
    ("PM302 fr", edit(FR, ("| Lucas Martin | 2026-10-01 |", "| Lucas Martin |            |")), "PM302", "Suivre les dates"),
    ("PM303 not a date", edit(EN, ("| Li Wei    | 2026-10-01 |", "| Li Wei    | someday    |")), "PM303", "Track secret expiry"),
    ("PM303 before", edit(FR, ("| Lucas Martin | 2026-10-01 | À faire  |", "| Lucas Martin | 2025-10-01 | Fait     |")), "PM303", "Suivre les dates"),
    ("PM304", edit(EN, ("| 2026-09-01 | In Progress |", "| 2026-04-01 | In Progress |")), "PM304", "Alert on the webhook"),
    ("PM305 en", between(EN, "## Action Items\n", "## Lessons Learned", "\nThe new secret is deployed; nothing else is planned.\n\n"), "PM305", "## Action Items"),
    ("PM305 fr", between(FR, "## Plan d'action\n", "## Leçons apprises", "\nLe nouveau secret est déployé ; rien d'autre n'est prévu.\n\n"), "PM305", "## Plan d'action"),
    ("PM401 en phrase", edit(EN, ("The signing secret of", "Due to human error, the signing secret of")), "PM401", "human error"),
    ("PM401 fr phrase", edit(FR, ("Le secret de signature du webhook du prestataire", "Suite à une erreur humaine, le secret de signature du webhook du prestataire")), "PM401", "erreur humaine"),
    ("PM401 en name", edit(EN, ("expiry date of ours.", "expiry date of ours. Thomas forgot to renew it.")), "PM401", "Thomas forgot"),
    ("PM401 fr name", edit(FR, ("suivait la date d'expiration du nôtre.", "suivait la date d'expiration du nôtre. Marie a oublié de le renouveler.")), "PM401", "Marie a oublié"),
    ("PM401 fr should", edit(FR, ("suivait la date d'expiration du nôtre.", "suivait la date d'expiration du nôtre ; l'équipe aurait dû le voir.")), "PM401", "aurait dû"),
    ("PM501 late", edit(EN, ("published: 2026-03-06", "published: 2026-03-20")), "PM501", "published:"),
    ("PM501 no date", edit(FR, ("published: 2026-03-06\n", "")), "PM501", "status:"),
    ("PM502", edit(EN, ("status: approved", "status: draft")), "PM502", "status: draft"),
    ("PM603 en duration", edit(EN, ("**Duration**: 70 minutes", "**Duration**: 90 minutes")), "PM603", "**Duration**"),
    ("PM603 fr ttd", edit(FR, ("| Temps de détection (TTD) | 12 minutes |", "| Temps de détection (TTD) | 25 minutes |")), "PM603", "(TTD)"),
    ("PM701", edit(EN, ("| 14:12 | The pending-orders alert", "| soon  | The pending-orders alert")), "PM701", "| soon"),
]


@pytest.mark.parametrize(("source", "code", "where"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_postmortem_breaking_one_rule_gets_exactly_that_code_at_the_right_line(source, code, where):
    if where == "BODY":
        line = body_line(source)
    elif isinstance(where, int):
        line = where
    else:
        line = line_of(source, where)
    found = {(d.code, d.line) for d in check(source)}
    assert found == {(code, line)}, [d.format() for d in check(source)]


# Without readable front matter its facts are missing (PM002) and timeline
# times have no date (PM701): nothing else may be reported.
CONSEQUENCES_OF_PM001 = {"PM001", "PM002", "PM701"}


def test_pm001_points_at_the_yaml_error_and_the_rest_follows_from_it():
    broken = edit(EN, ("title: Checkout orders stuck", "title: Checkout: orders stuck"))
    diagnostics = check(broken)
    assert ("PM001", line_of(broken, "title: Checkout:")) in {(d.code, d.line) for d in diagnostics}
    assert {d.code for d in diagnostics} <= CONSEQUENCES_OF_PM001


def test_pm001_without_front_matter():
    body_only = EN.split("---\n", 2)[2]
    diagnostics = check(body_only)
    assert ("PM001", 1) in {(d.code, d.line) for d in diagnostics}
    assert {d.code for d in diagnostics} <= CONSEQUENCES_OF_PM001


def test_pm601_unknown_related_id_is_reported_on_the_related_line_with_a_suggestion():
    other = read(FR, name="other.md")
    source = edit(EN, ("reviewers: [Li Wei]\n", "reviewers: [Li Wei]\nrelated: [2026-03-04-secret-webhok]\n"))
    pm = read(source)
    diagnostics = check_handbook([pm, other], SETTINGS)
    assert [(d.path, d.line, d.code) for d in diagnostics] == [(pm.path, line_of(source, "related:"), "PM601")]
    assert "2026-03-04-secret-webhook" in diagnostics[0].message
    linked = read(edit(EN, ("reviewers: [Li Wei]\n", "reviewers: [Li Wei]\nrelated: [2026-03-04-secret-webhook]\n")))
    assert check_handbook([linked, other], SETTINGS) == []


def test_pm602_duplicate_id_is_reported_on_every_file_after_the_first_naming_it():
    first = read(EN, name="a.md")
    second = read(EN, name="b.md")
    third = read(EN, name="c.md")
    diagnostics = check_handbook([third, second, first], SETTINGS)
    assert [(d.path, d.code, d.line) for d in diagnostics] == [
        ("docs/postmortems/b.md", "PM602", line_of(EN, "id:")),
        ("docs/postmortems/c.md", "PM602", line_of(EN, "id:")),
    ]
    assert all("docs/postmortems/a.md" in d.message for d in diagnostics)


def test_messages_say_what_is_wrong_and_what_to_do_in_the_authors_terms():
    source = edit(EN, ("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |"))
    (diagnostic,) = check(source)
    assert diagnostic.message == (
        'action item "Alert on the webhook failure rate" has no owner; add one in the Owner column'
    )
    assert diagnostic.level == "error" and diagnostic.path == "docs/postmortems/incident.md"
    blamed = check(edit(EN, ("expiry date of ours.", "expiry date of ours. Thomas forgot to renew it.")))
    assert '"Thomas forgot to"' in blamed[0].message and "instead" in blamed[0].message
    assert blamed[0].level == "warning"
    stated = check(edit(EN, ("**Duration**: 70 minutes", "**Duration**: 90 minutes")))
    assert '"90 minutes"' in stated[0].message and "70 minutes" in stated[0].message


@pytest.mark.parametrize(("written", "flagged"), [
    ("75 minutes", True),  # exact: one minute of tolerance
    ("about 75 minutes", False),  # approximate: rounded by its author, not wrong
    ("~75 minutes", False),
    ("environ 75 minutes", False),
    ("about 90 minutes", True),  # 20 minutes off is more than rounding
])
def test_a_duration_written_as_approximate_may_be_off_by_what_rounding_explains(written, flagged):
    source = edit(EN, ("**Duration**: 70 minutes", f"**Duration**: {written}"))
    assert ("PM603" in {d.code for d in check(source)}) is flagged
