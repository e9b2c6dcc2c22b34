"""The words an incident is about: stemmed terms of the parts of a postmortem
that say what happened and why, without the wording every postmortem shares.

Read from the model (never from the page): the summary, the root cause with
its sub-sections (contributing factors often sit there), a section of
contributing factors wherever it is, the 5 Whys, the title, and the
`contributing_factors` front matter list. Left out: headings, HTML comments
(a template's guidance), code blocks, table header rows, the labels of summary
tables, grammar words of English and French, and the stock wording of the
templates (`data/similarity.yml`).

Each document is stemmed with the stemmer of its own language (English or
French, by which language's grammar words it uses most), so "timeouts" and
"timed out", "saturée" and "saturation" meet.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Postmortem
from ..text import fold, load_data, strip_accents

# Letters only: a word is a run of letters (any script), at least three of them.
_WORD = re.compile(r"[^\W\d_]{3,}")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")  # on a stripped line
# `[^{}]` and `[^%]`, not `.*?`: each opening stops at the next, so a run of `{{` costs one pass.
_JINJA = re.compile(r"\{\{[^{}]*\}\}|\{%[^%]*%\}")
# A section of its own, outside the root cause, that holds contributing factors.
_FACTOR_HEADINGS = ("contributing factor", "facteurs contributifs", "facteur contributif", "facteurs aggravants")
_TEXT_SECTIONS = ("summary", "root_cause", "five_whys")
LANGUAGES = ("en", "fr")
_STEMMER_NAMES = {"en": "english", "fr": "french"}


@dataclass(frozen=True, slots=True)
class DocumentTerms:
    """The terms of one incident: stem -> how often, and the word a reader would recognise for each stem."""

    counts: Counter
    shown: dict[str, str]
    language: str


def terms_text(document: DocumentTerms) -> str:
    """`document` as JSON text (a cache keeps it); `terms_from_text` gives it back equal, in the same order."""
    return json.dumps([list(document.counts.items()), list(document.shown.items()), document.language],
                      ensure_ascii=False)


def terms_from_text(text: str) -> DocumentTerms:
    counts, shown, language = json.loads(text)
    return DocumentTerms(Counter(dict(counts)), dict(shown), language)


@cache
def _stemmer(language: str):
    # Imported when a word is stemmed: `check` keeps the lines the terms are read from
    # (`incident_lines`) without stemming any.
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMER_NAMES[language])


@cache
def stop_words() -> dict[str, frozenset[str]]:
    words = load_data("similarity.yml")["stop_words"]
    return {language: frozenset(fold(str(word)) for word in words[language]) for language in LANGUAGES}


@cache
def stock_stems() -> frozenset[str]:
    """Stems of the wording templates and habits put in every postmortem, in both languages."""
    texts: list[str] = [str(phrase) for phrase in load_data("similarity.yml")["stock"]]
    texts.extend(_strings(load_data("headings.yml")))
    reading = load_data("reading.yml")
    for key in ("columns", "checklist_fields", "facts", "facts_when_readable", "action_statuses", "document_statuses"):
        texts.extend(_strings(reading.get(key, {})))
    templates = resources.files("mkdocs_postmortem") / "templates" / "new"
    for language in LANGUAGES:
        template = (templates / f"{language}.md").read_text(encoding="utf-8")
        texts.append(_JINJA.sub(" ", without_comments(template.split("\n---", 1)[-1])))
    stems: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text.lower()):
            folded = fold(word)
            for language in LANGUAGES:
                stems.add(_stem(language, folded))
    return frozenset(stems)


def _strings(value: object) -> Iterable[str]:
    """Every string in a nest of mappings and lists (data files)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


@cache
def _stem(language: str, folded_word: str) -> str:
    # Cached: the vocabulary of a handbook is small next to its word count.
    return _stemmer(language).stemWord(folded_word)


def _wanted_lines(pm: Postmortem) -> set[int]:
    """The lines of the sections that say what happened and why, their own headings included."""
    wanted: set[int] = set()
    if pm.body_read:
        for section in pm.sections:
            folded_title = fold(section.title)
            if section.key in _TEXT_SECTIONS or any(words in folded_title for words in _FACTOR_HEADINGS):
                wanted.update(range(section.line + 1, section.end_line + 1))
    return wanted


def incident_lines(pm: Postmortem) -> list[int]:
    """The numbers of the lines of `pm.text` that `incident_text` reads, in order."""
    headings = {section.line for section in pm.sections}
    return [number for number in sorted(_wanted_lines(pm)) if number not in headings]


def incident_text(pm: Postmortem) -> list[str]:
    """The lines of the postmortem that say what happened and why (see the module's docstring)."""
    if not pm.text:
        return [pm.title or ""]
    lines = pm.text.split("\n")
    wanted = _wanted_lines(pm)
    chosen = [lines[number - 1] for number in incident_lines(pm) if number <= len(lines)]
    text = [pm.title or "", *_without_code_and_comments(chosen)]
    text.extend(f"{why.question} {why.answer}" for why in pm.whys if why.line not in wanted)
    text.extend(pm.contributing_factors)
    return text


def without_comments(text: str) -> str:
    """The text without its HTML comments (an unclosed one runs to the end, as in HTML).

    Found with str.find, not a lazy regular expression, which would scan to the end
    again from every "<!--" of a text that never closes one (quadratic on hostile input).
    """
    parts: list[str] = []
    position = 0
    while True:
        start = text.find("<!--", position)
        if start < 0:
            parts.append(text[position:])
            return "".join(parts)
        parts.append(text[position:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        # Keep the lines the comment spanned, so that table rows below it stay rows.
        parts.append("\n" * text.count("\n", start, end) + " ")
        position = end + 3


def _without_code_and_comments(lines: list[str]) -> list[str]:
    joined = without_comments("\n".join(lines))
    kept: list[str] = []
    in_code = False
    for line in joined.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            if _TABLE_RULE.match(stripped):
                # The row above was a table's header: its column names are labels, not content.
                if kept and kept[-1].lstrip().startswith("|"):
                    kept.pop()
                continue
            kept.append(_without_label_cell(stripped))
            continue
        kept.append(line)
    return kept


def _without_label_cell(row: str) -> str:
    """A two-column summary table row keeps its value, not its label ("| **Durée** | 57 minutes |")."""
    cells = [cell for cell in row.strip("|").split("|")]
    return " ".join(cells[1:]) if len(cells) == 2 else " ".join(cells)


def language_of_words(words: Counter) -> str:
    """English or French, by which language's grammar words the text uses more (English when even)."""
    stops = stop_words()
    english = sum(n for word, n in words.items() if word in stops["en"])
    french = sum(n for word, n in words.items() if word in stops["fr"])
    return "fr" if french > english else "en"


@cache
def _term(language: str, word: str) -> str:
    """The stem a lower-case word counts as in a document of `language`; "" for a word
    that never counts. Cached: a handbook's vocabulary is small next to its word count."""
    plain = strip_accents(word)
    if plain in _all_stop_words() or len(plain) < 3:
        return ""
    stem = _stem(language, plain)
    return "" if stem in stock_stems() or len(stem) < 3 else stem


@cache
def _all_stop_words() -> frozenset[str]:
    return stop_words()["en"] | stop_words()["fr"]


def document_terms(pm: Postmortem) -> DocumentTerms:
    """The incident's stemmed terms, with the most frequent word written for each stem."""
    words = Counter(word for line in incident_text(pm) for word in _WORD.findall(line.lower()))
    language = language_of_words(words)
    counts: Counter = Counter()
    shown: dict[str, tuple[int, str]] = {}  # stem -> (-uses, word): the most used spelling, then the first by sort
    for word, uses in words.items():
        stem = _term(language, word)
        if stem:
            counts[stem] += uses
            best = shown.get(stem)
            if best is None or (-uses, word) < best:
                shown[stem] = (-uses, word)
    # Interned: the terms of every incident are kept for the whole build (and across serve
    # rebuilds), and a handbook writes the same few thousand words again and again.
    return DocumentTerms(counts, {stem: sys.intern(word) for stem, (_, word) in shown.items()}, language)
