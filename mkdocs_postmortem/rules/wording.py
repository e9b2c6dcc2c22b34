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

from ..model import WARNING
from ..text import fold_keeping_punctuation, load_data
from .context import Context, Finding, GatedPattern, gated_patterns, quote
from .rule import rule

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
    organisations: frozenset[str]
    product_nouns: tuple[str, ...]


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
        organisations=frozenset(data.get("organisations", [])),
        product_nouns=tuple(data.get("product_nouns", [])),
    )


_PRODUCT_SHAPE = re.compile(r"[a-z][A-Z]|\d")  # GitHub, OVHcloud, S3


def is_product(name: str, text: str, blame: _Blame) -> bool:
    """A capitalised subject that is a company or product, not a person: listed,
    written as product names are, or used as one elsewhere in the text."""
    if name in blame.organisations or _PRODUCT_SHAPE.search(name):
        return True
    if f"the {name} " in text or f"{name}'s " in text or f"{name}’s " in text:
        return True
    return any(f"{name} {noun}" in text for noun in blame.product_nouns)


@rule("PM401", "blaming-language", WARNING, reads_body=True)
def blaming_language(ctx: Context) -> Iterator[Finding]:
    """blaming language, or a person named as the subject of a failure

    ## What it checks

    Blaming language, in English and French: "human error", "operator error",
    "X's fault", "should have", "careless", "negligence", "erreur humaine",
    "la faute de", "négligence", "aurait dû", and a person's name as the subject of a
    failure ("Thomas forgot to", "Marie a oublié", "Bob broke"). The warning quotes the
    phrase and suggests a system-focused wording. Code blocks and inline code are not
    read, and names in an Owner column are how work is assigned, not blame. Words
    count only as whole words: their compound forms (`lazy-loaded`) do not, and
    "should have been" (the passive voice) blames no one.
    The phrases live in `mkdocs_postmortem/data/blame.yml`.

    ## Why it matters

    Blame makes people hide what they did, and the next postmortem learns less.
    Describing what the system allowed finds the change that prevents the next one.

    ## Example

    Fails:

    ```markdown
    The outage was caused by human error: Thomas forgot to renew the secret.
    ```

    Passes:

    ```markdown
    The secret expired because its renewal was a manual step with no reminder.
    ```

    ## How to fix it

    Reword as the message suggests: say what the system made easy or hard.
    """
    blame = _blame()
    for line, match, index in ctx.search(blame.phrases):
        yield Finding(
            line,
            f"blaming language {quote(match.group(0))}; instead, {blame.suggestions[index]}",
        )
    services = {fold_keeping_punctuation(part) for service in ctx.pm.services for part in str(service).split()}
    for line, match, _ in ctx.search((blame.person,)):
        name = match.group("name")
        if name in blame.not_people or "'" in name or name.isupper() or fold_keeping_punctuation(name) in services:
            continue
        if is_product(name, ctx.pm.text, blame):
            continue
        language = "en" if match.group("en") else "fr"
        yield Finding(
            line,
            f"{quote(match.group(0))} names a person as the cause of a failure; "
            f"instead, {blame.person_instead[language]}",
        )

