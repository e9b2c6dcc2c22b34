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
    organisation_nouns: frozenset[str]
    negations: frozenset[str] = frozenset()
    negation_window: int = 0
    of_people: frozenset[int] = frozenset()  # phrases that blame only when said of a person
    people: frozenset[str] = frozenset()
    subject_window: int = 0


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
        organisation_nouns=frozenset(str(noun).lower() for noun in data.get("organisation_nouns", [])),
        negations=frozenset(str(word).lower() for word in data.get("negations", [])),
        negation_window=int(data.get("negation_window", 0)),
        of_people=frozenset(index for index, entry in enumerate(data["phrases"]) if entry.get("subject") == "person"),
        people=frozenset(str(word).lower() for word in data.get("people", [])),
        subject_window=int(data.get("subject_window", 0)),
    )


_SENTENCE_START = re.compile(r"[.!?;:]\s")
_WORDS = re.compile(r"[^\W\d_]+(?:'t)?|n't", re.UNICODE)
_LOOK_BACK = 80  # characters before a phrase where its sentence's negation stands


def _denied(match: re.Match[str], blame: _Blame) -> bool:
    """The sentence denies the phrase: "not a human error", "no one was careless"."""
    before = match.string[max(0, match.start() - _LOOK_BACK) : match.start()]
    starts = [found.end() for found in _SENTENCE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    words = [word.lower() for word in _WORDS.findall(clause.replace("\u2019", "'"))]
    recent = words[-blame.negation_window :] if blame.negation_window else []
    return any(word in blame.negations or word.endswith("n't") for word in recent)


_CLAUSE_START = re.compile(r"[.!?;:,]\s")
_SUBJECT_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


def _said_of_a_thing(match: re.Match[str], text: str, blame: _Blame) -> bool:
    """No person or team among the words before the phrase in its clause: "the
    check should have caught it" tells what a thing was meant to do."""
    before = match.string[max(0, match.start() - _LOOK_BACK) : match.start()]
    starts = [found.end() for found in _CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    words = _SUBJECT_WORDS.findall(clause)[-blame.subject_window :] if blame.subject_window else []
    for word in words:
        for part in word.replace("’", "'").split("'"):  # "L'équipe", "someone's"
            if part.lower() in blame.people:
                return False
            if part[:1].isupper() and part not in blame.not_people and not is_product(part, text, blame):
                return False
    return True


_SENTENCE_END = re.compile(r"[.!?\n]")
_LOOK_AHEAD = 200  # characters after a phrase where its sentence ends


def _asked(match: re.Match[str]) -> bool:
    """The sentence asks the question ("Was it caused by human error?", a
    template's prompt): asking whether someone is to blame blames nobody."""
    after = match.string[match.end() : match.end() + _LOOK_AHEAD]
    end = _SENTENCE_END.search(after)
    return end is not None and end.group() == "?"


_PRODUCT_SHAPE = re.compile(r"[a-z][A-Z]|\d")  # GitHub, OVHcloud, S3


def is_product(name: str, text: str, blame: _Blame) -> bool:
    """A capitalised subject that is a company or product, not a person: listed,
    written as product names are, or used as one elsewhere in the text."""
    if name in blame.organisations or _PRODUCT_SHAPE.search(name):
        return True
    if f"the {name} " in text or f"{name}'s " in text or f"{name}’s " in text:
        return True
    if any(f"{name} {noun}" in text for noun in blame.product_nouns):
        return True
    return _introduced_as_organisation(name, text, blame.organisation_nouns)


_APPOSITIVE_WORDS = 6  # "Postwing, our transactional email provider,": the words after the comma that may name it


def _introduced_as_organisation(name: str, text: str, nouns: frozenset[str]) -> bool:
    """The text calls the name a provider, a vendor, a partner...: right before it
    ("our email provider Postwing") or in an apposition after it ("Postwing, our
    email provider")."""
    start = text.find(name)
    while start != -1:
        before = text[max(0, start - 60):start].lower().split()[-3:]
        if any(word.strip(",;:()") in nouns for word in before):
            return True
        after = text[start + len(name):start + len(name) + 80]
        if after.startswith((", ", " (")):
            phrase = after[2:].split(",")[0].split(")")[0].split(".")[0]
            words = [word.strip(",;:()").lower() for word in phrase.split()[:_APPOSITIVE_WORDS]]
            if any(word in nouns for word in words) or " ".join(words[-2:]) in nouns:
                return True
        start = text.find(name, start + len(name))
    return False


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
    "should have been" (the passive voice) blames no one, nor does "should have" or
    "aurait dû" said of a machine, a check or a service ("the check should have
    caught it": only a person or a team is blamed), nor a sentence that
    denies the phrase ("This was not a human error") or asks it, as a template's
    prompt does ("Was it caused by human error?").
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
        if _denied(match, blame) or _asked(match):
            continue
        if index in blame.of_people and _said_of_a_thing(match, ctx.pm.text, blame):
            continue
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

