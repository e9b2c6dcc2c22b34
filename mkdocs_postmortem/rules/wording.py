"""PM401: blaming language, English and French.

A blameless postmortem describes what the system allowed, not who slipped.
The phrases and their system-focused rewordings live in `data/blame.yml`.
Names are only blame as the subject of a failure ("Thomas forgot to"); a name
in an Owner column or as an author is how work gets done, and is never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .context import Context, Finding, GatedPattern, fold, gated_patterns, load_data, quote

# A capitalised word that starts a word; the look-behind follows the first
# letter so that the engine can skip to capitals quickly.
_NAME = r"(?P<name>[A-ZÀ-ÖØ-Þ](?<![\w'][A-ZÀ-ÖØ-Þ])[\w'-]*)"


@dataclass(frozen=True)
class _Blame:
    phrases: tuple[GatedPattern, ...]
    suggestions: tuple[str, ...]
    person: GatedPattern  # a capitalised name followed by a verb of failure
    not_people: frozenset[str]
    person_instead: dict[str, str]


@cache
def _blame() -> _Blame:
    data = load_data("blame.yml")
    verbs = data["person_failures"]
    person = re.compile(rf"{_NAME}\s+(?:(?P<en>(?i:{verbs['en']}))|(?P<fr>(?i:{verbs['fr']})))(?![\w])")
    words = tuple(str(word).lower() for word in data["person_failures_words"])
    return _Blame(
        phrases=gated_patterns(data["phrases"], ignore_case=True),
        suggestions=tuple(entry["instead"] for entry in data["phrases"]),
        person=GatedPattern(person, words, ignore_case=True),
        not_people=frozenset(data.get("not_people", [])),
        person_instead=data["person_instead"],
    )


def pm401(ctx: Context) -> Iterator[Finding]:
    blame = _blame()
    for line, match, index in ctx.search(blame.phrases):
        yield Finding(
            "PM401", line,
            f"blaming language {quote(match.group(0))}; instead, {blame.suggestions[index]}",
        )
    services = {fold(part) for service in ctx.pm.services for part in str(service).split()}
    for line, match, _ in ctx.search((blame.person,)):
        name = match.group("name")
        if name in blame.not_people or "'" in name or name.isupper() or fold(name) in services:
            continue
        language = "en" if match.group("en") else "fr"
        yield Finding(
            "PM401", line,
            f"{quote(match.group(0))} names a person as the cause of a failure; "
            f"instead, {blame.person_instead[language]}",
        )


CHECKS = {"PM401": pm401}
