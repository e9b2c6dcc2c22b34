"""The order of day and month of a document's numeric dates, decided once for the whole file.

`3/12/2026`, `03.12.2026` and `12-03-2026` fit both orders. Each stage of the
reader used to decide from what it saw (a table's column, a timeline's run, a
heading): the same file could read one date two ways. Here the decision is
taken once, from the evidence of the whole document, strongest first:

1. a numeric date in the file that fits one order only (`23/10/2026`);
2. a day the file names otherwise (a date with a written month, an ISO date,
   the front matter's start or the file name's date) that is one reading of
   an ambiguous date and not the other;
3. the document's language (data/timeline.yml `day_first_languages`,
   told from data/languages.yml's words);
4. the region of the zone the text names (`month_first_zones`, and
   `month_first_zone_words` written as an abbreviation or a region).

Every stage reads an ambiguous date through `WrittenDate.resolve`, which
takes this decision while the document is read (`reading_order`). `show`
prints it as a note, with its reason and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ...model import Note
from ...text import fold, load_data
from .clock import DAY_FIRST, DOCUMENT_ORDER, MONTH_FIRST, WrittenDate, written_dates
from .words import timeline_words


@dataclass(frozen=True)
class DocumentOrder:
    order: str  # DAY_FIRST or MONTH_FIRST
    reason: str  # as `show` prints it
    line: int | None

    def note(self) -> Note:
        return Note(self.line or 1, f"numeric dates are read {self.order} in this file: {self.reason}")


@contextmanager
def reading_order(decided: DocumentOrder | None) -> Iterator[None]:
    """Every ambiguous date resolved inside the block follows `decided`."""
    token = DOCUMENT_ORDER.set(decided.order if decided is not None else None)
    try:
        yield
    finally:
        DOCUMENT_ORDER.reset(token)


@dataclass(frozen=True)
class _Words:
    day_first_languages: frozenset[str]
    language_words: dict[str, frozenset[str]]
    month_first_zones: frozenset[str]
    month_first_abbreviation: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_data("timeline.yml")
    abbreviations = sorted((word.upper() for word in data["month_first_zone_words"] if len(word) <= 4), key=len, reverse=True)
    return _Words(
        frozenset(data["day_first_languages"]),
        {code: frozenset(words) for code, words in load_data("languages.yml").items()},
        frozenset(data["month_first_zones"]),
        # Upper case and beside a time or in brackets ("4:05 PM ET", "(CST)"): "et" is a French word.
        re.compile(rf"(?:\d\s?(?:[AaPp]\.?[Mm]\.?)?\s?|\()(?:{'|'.join(abbreviations)})(?![A-Za-z])"),
    )


def decide_date_order(
    lines: Iterable[tuple[int, str]], known_days: Iterable[tuple[date, str, int | None]] = (),
) -> DocumentOrder | None:
    """The order of the document whose lines are `lines` (line, text), or None when
    nothing says it; `known_days`: (day, where it was found, line) the file names
    outside its text (front matter, file name)."""
    lines = list(lines)
    if not any_ambiguous_date("\n".join(text for _, text in lines)):
        return None  # the order matters only to a date that fits both
    found = [(line, written) for line, text in lines for _, written in written_dates(text)]
    numeric = [(line, written) for line, written in found if not written.named_month]
    ambiguous = [(line, written) for line, written in numeric if written.order is None and written.year is not None]
    certain = {written.order for _, written in numeric if written.order is not None}
    if len(certain) == 1:
        line, written = next((line, w) for line, w in numeric if w.order is not None)
        order = certain.pop()
        return DocumentOrder(order, f"{written.text!r} (line {line}) fits no other order", line)
    if len(certain) > 1:
        return None  # the file writes both orders: each date is read on its own
    if not ambiguous:
        return None
    named = [(day, f"{written.text!r}", line) for line, written in found
             if written.named_month and written.year is not None
             for day in [written.resolve(DAY_FIRST, None)[0]] if day is not None]
    decided = _agreeing_day(ambiguous, [*named, *known_days])
    if decided is not None:
        return decided
    language = _language(lines)
    if language in _words().day_first_languages:
        return DocumentOrder(DAY_FIRST, f"the document is written in {language!r}", None)
    region = _month_first_region(lines)
    if region is not None:
        return DocumentOrder(MONTH_FIRST, f"its times are in {region[1]!r}, a region that writes the month first",
                             region[0])
    return None


# The second and third numbers of a numeric date with its year ("3/12/2026", "03.12.26");
# the first is read before the match. Starting at the separator keeps the scan of a
# whole file cheap (the ISO dates of a file match here and are set aside).
_DATE_TAIL = re.compile(r"[-/.](\d{1,2})[-/.]\d{2,4}(?!\d)")


def any_ambiguous_date(text: str) -> bool:
    """Whether `text` writes a numeric date whose day and month both fit either place."""
    for match in _DATE_TAIL.finditer(text):
        start = match.start()
        first = text[max(0, start - 2):start]
        if start >= 3 and text[start - 3].isdigit() or not first[-1:].isdigit():
            continue  # "2026-03-04", or no number before the separator
        first = first if first.isdigit() else first[-1]
        if 1 <= int(first) <= 12 and 1 <= int(match[1]) <= 12 and int(first) != int(match[1]):
            return True
    return False


def _agreeing_day(ambiguous: list[tuple[int, WrittenDate]], days) -> DocumentOrder | None:
    """The order in which an ambiguous date is a day the file names elsewhere."""
    known = {day: (source, line) for day, source, line in days}
    orders = set()
    evidence = None
    for line, written in ambiguous:
        for order in (DAY_FIRST, MONTH_FIRST):
            day, _ = written.resolve(order, None)
            other, _ = written.resolve(MONTH_FIRST if order == DAY_FIRST else DAY_FIRST, None)
            if day is not None and day in known and day != other:
                orders.add(order)
                source, known_line = known[day]
                evidence = evidence or DocumentOrder(
                    order, f"{written.text!r} (line {line}) is {day.isoformat()}, the day {source} names", known_line or line)
    return evidence if len(orders) == 1 else None


def _language(lines: list[tuple[int, str]]) -> str | None:
    """The language most of the document's known words belong to."""
    votes = dict.fromkeys(_words().language_words, 0)
    for _, text in lines[:80]:
        for word in fold(text).split():
            for code, words in _words().language_words.items():
                if word in words:
                    votes[code] += 1
    ranked = sorted(votes.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _month_first_region(lines: list[tuple[int, str]]) -> tuple[int, str] | None:
    """(line, as written) of a zone of a month-first region the text names."""
    words = _words()
    cities = timeline_words()
    for line, text in lines:
        said = cities.city_zone.search(fold(text))
        if said is not None:
            name = next((value for key, value in said.groupdict().items() if key.startswith("city") and value), None)
            zone = cities.cities.get(name) if name else None
            if getattr(zone, "key", None) in words.month_first_zones:
                return line, said.group()
        abbreviation = words.month_first_abbreviation.search(text)
        if abbreviation is not None:
            return line, abbreviation.group().lstrip("(0123456789 ").strip()
    return None
