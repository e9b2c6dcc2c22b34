"""PM401: blaming language, English and French.

A blameless postmortem describes what the system allowed, not who slipped.
The phrases and their system-focused rewordings live in `data/blame.yml`.
Names are only blame as the subject of a failure ("Thomas forgot to"); a name
in an Owner column or as an author is how work gets done, and is never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .context import Context, Finding, fold, quote, load_data

_NAME = r"(?<![\w'])(?P<name>[A-ZÀ-ÖØ-Þ][\w'-]*)"


@cache
def _patterns() -> tuple[re.Pattern[str], list[str], re.Pattern[str], frozenset[str], dict[str, str]]:
    data = load_data("blame.yml")
    phrases = data["phrases"]
    combined = re.compile(
        "|".join(f"(?P<p{i}>{entry['pattern']})" for i, entry in enumerate(phrases)), re.IGNORECASE
    )
    suggestions = [entry["instead"] for entry in phrases]
    verbs = data["person_failures"]
    person = re.compile(
        rf"{_NAME}\s+(?:(?P<en>(?i:{verbs['en']}))|(?P<fr>(?i:{verbs['fr']})))(?![\w])"
    )
    not_people = frozenset(data.get("not_people", []))
    return combined, suggestions, person, not_people, data["person_instead"]


def pm401(ctx: Context) -> Iterator[Finding]:
    combined, suggestions, person, not_people, person_instead = _patterns()
    services = {fold(part) for service in ctx.pm.services for part in str(service).split()}
    for number, line in ctx.prose:
        for match in combined.finditer(line):
            index = int(match.lastgroup[1:])
            yield Finding(
                "PM401", number,
                f"blaming language {quote(match.group(0))}; instead, {suggestions[index]}",
            )
        for match in person.finditer(line):
            name = match.group("name")
            if name in not_people or "'" in name or fold(name) in services or name.isupper():
                continue
            language = "en" if match.group("en") else "fr"
            yield Finding(
                "PM401", number,
                f"{quote(match.group(0))} names a person as the cause of a failure; "
                f"instead, {person_instead[language]}",
            )


CHECKS = {"PM401": pm401}
