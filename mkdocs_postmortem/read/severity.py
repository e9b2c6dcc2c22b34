"""A severity stated by a section or a word rather than a "Severity: P1"
line: `## Severity` followed by `**Critical** - complete outage`, or `SEV2`
in the title. A section that says no severity applies ("None critical")
leaves the severity unknown; it is not a wrong value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import WrittenFact
from ..settings import Settings
from ..text import fold, load_data
from .facts import split_label
from .sections import Body
from .structure import ListBlock, Paragraph
from .text import label_candidates, plain
from .values import read_severity
from .vocabulary import vocabulary

_LEADING_WORDS = re.compile(r"^[\w-]+(?:\s[\w-]+)?")
_SEV_WORD = re.compile(r"\b(?:SEV|Sev|sev)[-\s]?\d\b|\bP[0-5]\b")


def stated_severity(body: Body, settings: Settings) -> dict[str, WrittenFact]:
    labels = vocabulary().facts
    for section in body.sections:
        if not any(labels.get(c) == "severity" for c in label_candidates(section.title)):
            continue
        for block in body.blocks_under(section):
            text, line = _first_text(block)
            if text is None:
                continue
            level = _leading_level(text, settings)
            if level is not None:
                return {"severity": WrittenFact(level, text, line)}
            break  # the section's first words name no level: unknown, not wrong
    if body.title is not None:
        match = _SEV_WORD.search(body.title.text)
        if match:
            level = read_severity(match.group(0), settings)
            if level is not None:
                return {"severity": WrittenFact(level, match.group(0), body.title.line)}
    return _sentence_severity(body, settings)


def _sentence_severity(body: Body, settings: Settings) -> dict[str, WrittenFact]:
    """"This was a severity 2 incident.", "Gravité : critique": the first sentence of
    the body that names exactly one level after a severity word. A sentence naming
    two ("a report for every severity 1 or severity 2 incident") states none."""
    for block in body.blocks:
        if not isinstance(block, Paragraph):
            continue
        for line, text in block.lines:
            if _severity_field(text):
                continue  # a field of its own, read (or found to state no level) as a field
            for sentence in _SENTENCE_END.split(text):
                flat = plain(sentence)
                folded = fold(flat).lower()
                levels = {_mentioned_level(match.group(1), settings) for match in _severity_mentions().finditer(folded)}
                levels |= {_mentioned_level(match.group(1) or match.group(2), settings)
                           for match in _severity_numbers().finditer(folded)}
                # "We declared a SEV1": the level's own token; a bare "P1" may be anything else.
                levels |= {read_severity(match.group(0), settings) for match in _SEV_TOKEN.finditer(flat)}
                levels -= {None}
                if len(levels) == 1:
                    return {"severity": WrittenFact(levels.pop(), sentence.strip(), line)}
    return {}


def _severity_field(text: str) -> bool:
    """Whether a line is a severity field ("**Severity:** S2-Minor", "Gravité — majeure")."""
    pair = split_label(text)
    labels = vocabulary().facts
    return pair is not None and any(labels.get(c) == "severity" for c in label_candidates(pair[0]))


_SEV_TOKEN = re.compile(r"\b(?:SEV|Sev|sev)-?\d\b")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


@lru_cache(maxsize=1)
def _severity_mentions() -> re.Pattern[str]:
    """A severity word of data/reading.yml's facts, then the word that may be its level."""
    words = sorted((word for word, key in vocabulary().facts.items() if key == "severity"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\s{1,3}(\w{1,12})\b")


@lru_cache(maxsize=1)
def _severity_numbers() -> re.Pattern[str]:
    """A word of data/reading.yml's `severity_number_words` and a level's number, naming the incident:
    "a priority 1 incident", "un incident de priorité 2" (`severity_number_nouns`)."""
    data = load_data("reading.yml")

    def one_of(key: str) -> str:
        return "|".join(re.escape(fold(str(word))) for word in sorted(data[key], key=len, reverse=True))

    words, nouns = one_of("severity_number_words"), one_of("severity_number_nouns")
    return re.compile(rf"\b(?:{words})\s{{1,3}}(\d)\s{{1,3}}(?:{nouns})\b"
                      rf"|\b(?:{nouns})\s{{1,3}}(?:de|of|d)\s{{1,3}}(?:{words})\s{{1,3}}(\d)\b")


def _mentioned_level(word: str, settings: Settings) -> str | None:
    return read_severity(f"sev {word}" if word.isdigit() else word, settings)


def _first_text(block) -> tuple[str | None, int]:
    if isinstance(block, Paragraph) and block.lines:
        return block.lines[0][1], block.lines[0][0]
    if isinstance(block, ListBlock) and block.items:
        return block.items[0].text.split("\n")[0], block.items[0].line
    return None, block.line


def _leading_level(text: str, settings: Settings) -> str | None:
    flat = plain(text).strip()
    whole = read_severity(flat, settings)
    if whole is not None:
        return whole
    match = _LEADING_WORDS.match(flat)
    if match is None:
        return None
    for words in (match.group(0), match.group(0).split()[0]):
        level = read_severity(words, settings)
        if level is not None:
            return level
    return None
