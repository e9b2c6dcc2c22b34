"""Stage 2 of the timeline pipeline, the clock reader: times as people write them at the start of a timeline entry, a table cell
or a window line: `**16:58 UTC** - ...`, `[08:47] ...`, `04:49 PM UTC ...`,
`27-05-2025 13:44 – ...`, `2018-08-22, 03:26pm: ...`, `~16:45`, `16:35:xx`,
`13:55 PM PST Saturday Oct 30th: ...`, `Jan 14, 10:18 AM`, `09:00 - 11:00`,
and the honest unknowns `[???]` and `--:--`.

Text is matched on a copy folded to lower case without accents, character
for character, so that positions found there cut the original text.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, time, tzinfo
from functools import lru_cache

from ...text import fold, fold_same_length, load_data
from ...zones import Abbreviations
from ..text import plain
from ..vocabulary import vocabulary
from .relative_days import days_named
from .times import MERIDIEM, half_of_day, hour_words_fragment, meridiem
from .words import timeline_words
from .zone_names import zone_after_time

# Numeric dates whose order of day and month the text does not say.
DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
# The order decided for the whole document being read (read/timeline/date_order.py).
DOCUMENT_ORDER: ContextVar[str | None] = ContextVar("document_date_order", default=None)


@dataclass(frozen=True)
class WrittenDate:
    """A date as written; numeric dates may leave day and month open."""

    year: int | None
    first: int  # day or month, as the order says
    second: int
    named_month: bool  # "Oct 30th", "15 mars": the order is known
    order: str | None  # DAY_FIRST, MONTH_FIRST, or None when the numbers allow both
    text: str

    @property
    def day_only(self) -> bool:
        """A day's number without its month ("mercredi 8"): a day of the month of the entries around it."""
        return self.second == 0

    def resolve(self, preference: str | None, reference: date | None) -> tuple[date | None, bool]:
        """(the date, was the order of day and month a guess?). An order the caller
        prefers wins; else the one decided for the whole document."""
        decided = DOCUMENT_ORDER.get()
        order = self.order or preference or decided or DAY_FIRST
        day, month = (self.first, self.second) if order == DAY_FIRST else (self.second, self.first)
        year = self.year
        if year is None:
            if reference is None:
                return None, False
            year = reference.year
        try:
            found = date(year, month, day)
        except ValueError:
            return None, False
        if self.year is None and reference is not None and found < reference:
            try:
                found = date(year + 1, month, day)
            except ValueError:
                return None, False
        return found, self.order is None and preference is None and decided is None

    def resolve_on(self, weekday: int | None, day: date | None) -> tuple[date | None, bool]:
        """(the date, was the order a guess?) as `resolve_near` reads it, unless the day's
        name written with it (ISO `weekday`) falls on only one of the two orders of an
        ambiguous "3/5": "Thu 3/5" in 2026 is March 5th, a Thursday, not May 3rd."""
        if self.day_only:
            return self._named_day_of_month(weekday, day), False
        found, guessed = self.resolve_near(None, day)
        if not guessed or weekday is None:
            return found, guessed
        named = {on for order in (DAY_FIRST, MONTH_FIRST)
                 for on in [self.resolve_near(order, day)[0]] if on is not None and on.isoweekday() == weekday}
        return (named.pop(), False) if len(named) == 1 else (found, guessed)

    def _named_day_of_month(self, weekday: int | None, day: date | None) -> date | None:
        """"mardi 10" in a report of 20 March 2026: the latest 10th up to the report's day
        (else the nearest after it) that falls on a Tuesday, in the months around it. None
        without the day's name or the report's day: a number alone names no month. Further
        back, a name that does not fit its number is a slip of the author's, not last year."""
        if weekday is None or day is None:
            return None
        named = days_named(self.first, weekday, day)
        earlier = [candidate for candidate in named if candidate <= day]
        return max(earlier) if earlier else min(named, default=None)

    def resolve_near(self, preference: str | None, day: date | None) -> tuple[date | None, bool]:
        """(the date, was the order a guess?), a date without its year taking the year that
        puts it nearest `day`, the incident's day or the entry before it: "Feb 3rd" in a
        report of February 4, 2026 is 2026-02-03, "Jan 2" after Dec 31, 2025 is 2026-01-02."""
        if self.year is not None or day is None:
            return self.resolve(preference, day)
        found, guessed = self.resolve(preference, date(day.year - 1, 1, 1))
        if found is None:
            return None, False
        candidates = []
        for year in (day.year - 1, day.year, day.year + 1):
            try:
                candidates.append(found.replace(year=year))
            except ValueError:  # February 29th
                continue
        return min(candidates, key=lambda candidate: abs(candidate - day)), guessed




@dataclass(frozen=True)
class WrittenTime:
    clock: time | None  # None: the author marked the time as unknown ("[???]", "--:--")
    date: WrittenDate | None
    zone: tzinfo | None
    zone_text: str | None  # as written, when it names a zone ("PDT", "UTC+2")
    unknown_zone: str | None  # an abbreviation that is in no table: a warning, never UTC
    approximate: bool
    rest: str  # the entry's text after the time, in its original case
    raw: str  # the time as written
    weekday: int | None = None  # the day's name written alone before the time ("Samedi 18h"), Monday 1

    @property
    def unknown(self) -> bool:
        return self.clock is None


@lru_cache(maxsize=2)
def _approx_pattern(name: str = "approx") -> str:
    """Marks and words of data/reading.yml that make the time after them approximate."""
    words = vocabulary()
    marks = "|".join(re.escape(mark) for mark in sorted(words.approximate_marks, key=len, reverse=True))
    said = "|".join(re.escape(word) for word in sorted(words.approximate_words, key=len, reverse=True))
    return rf"(?P<{name}>{marks}|(?:{said})\s)"


# A twelve-hour clock may write its minutes after a dot ("7.34pm") or none ("3pm").
_MERIDIEM_NEXT = rf"(?=\s?{MERIDIEM})"


@lru_cache(maxsize=1)
def _clock_pattern() -> str:
    """The time that leads an entry or fills a cell, in the forms of the time tokenizer (times.py)."""
    return (
        r"(?P<h>\d{1,2})(?:\s?[:h]\s?(?P<m>\d{2})(?::(?P<s>\d{2}|xx))?(?:\.\d+)?"
        rf"|\.(?P<m12>\d{{2}}){_MERIDIEM_NEXT}|{_MERIDIEM_NEXT}|\s?(?P<hour_only>h)(?![a-z\d])"
        rf"|{hour_words_fragment()})"
    )
_UNKNOWN = r"(?P<unknown>\?{1,3}|-{1,2}:-{1,2}|xx:xx|\?\?:\?\?)"
_ORDINAL = r"(?:st|nd|rd|th|er|e)?"


@lru_cache(maxsize=1)
def _month_pattern() -> str:
    names = sorted(vocabulary().months, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(name) for name in names) + r")\.?"


@lru_cache(maxsize=1)
def _only_capitalised() -> frozenset[str]:
    """Month names that are common words too, a month only when capitalised or with a year."""
    return frozenset(fold_same_length(str(word)).lower() for word in load_data("timeline.yml")["months_only_capitalised"])


@lru_cache(maxsize=1)
def _joiners() -> str:
    """The words between a day's number and its month ("11th of June"), data/timeline.yml's."""
    words = load_data("timeline.yml")["day_month_joiners"]
    return "|".join(re.escape(fold_same_length(str(word)).lower()) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _day_range() -> str:
    """The second day of a night or a run of days ("3 au 4 février", "8th to the 9th of
    March", "March 8-9"): a joiner of data/timeline.yml's `day_range_words`, a weekday
    maybe ("du mardi 3 au mercredi 4"), and a day's number that is no time ("3 to 10:00")."""
    words = load_data("timeline.yml")["day_range_words"]
    joiners = "|".join(r"\s".join(re.escape(fold_same_length(part).lower()) for part in str(word).split())
                       for word in sorted(words, key=len, reverse=True))
    return rf"(?:\s?(?:{joiners})\s?(?:{_weekday_pattern()},?\s)?{_DAY}{_ORDINAL}(?![\d:.h]))"


# A day of the month, no more: "55 au lundi 30 mars" holds no date before "30 mars".
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
# A day's number that is not the minutes of a French time before it ("8 h 55 au 30 mars").
_NOT_MINUTES = r"(?<!\dh\s)(?<!\d\sh\s)"


@lru_cache(maxsize=8)
def _date_pattern(prefix: str, without_year: bool = False) -> str:
    """`without_year`: also "4/21", a numeric date with no year, which only a time
    right after it ("4/21 9:05 PM") tells from a fraction or "24/7" in prose."""
    month = _month_pattern()
    short = rf"|(?P<{prefix}short>\d{{1,2}}/\d{{1,2}})(?![/\d])" if without_year else ""
    days = _day_range()
    return (
        rf"(?P<{prefix}iso>\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})"
        rf"|(?P<{prefix}num>\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}}))"
        rf"{short}"
        rf"|(?P<{prefix}md>{month}\s{_DAY}{_ORDINAL}{days}?(?:,?\s\d{{4}})?)"
        # "15. August 2026": the day's number with a dot, as German and Nordic writers put it.
        rf"|{_NOT_MINUTES}(?P<{prefix}dm>{_DAY}(?:{_ORDINAL}{days}?|\.)\s(?:(?:{_joiners()})\s)?{month}(?:,?\s\d{{4}})?)"
    )


def date_pattern(prefix: str) -> str:
    """A written date as a pattern on folded text, its groups named after `prefix`."""
    return _date_pattern(prefix)


@lru_cache(maxsize=1)
def _weekday_pattern() -> str:
    names = sorted(vocabulary().weekdays, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(name) for name in names) + r")\.?"


def weekday_pattern() -> str:
    """A day's name ("Thursday", "jeudi", "Thu."), as a pattern on folded text."""
    return _weekday_pattern()


def zone_pattern(zone_names: tuple[str, ...]) -> str:
    """A zone after a time, in folded text: a UTC or GMT offset, one of `zone_names`,
    or a region or city of data/timeline.yml's `zone_cities` ("9:02 PM Pacific",
    "10:15 Eastern Time"), which names the zone only where the phrase ends there or
    says "time" ("10:00 central services" is no zone)."""
    zones = "|".join(re.escape(name.lower()) for name in sorted(zone_names, key=len, reverse=True))
    return rf"(?:(?:utc|gmt)\s?[+−-]\s?\d{{1,2}}(?::?\d{{2}})?|{zones}|{_region_pattern()})(?![a-z])"


@lru_cache(maxsize=1)
def _region_pattern() -> str:
    names = sorted(timeline_words().cities, key=len, reverse=True)
    regions = "|".join(r"\s".join(re.escape(word) for word in name.split()) for name in names)
    return (rf"(?:{regions})(?:\s(?:(?:standard|daylight|summer|local)\s)?time(?![a-z])"
            rf"|(?=\s?(?:[^\w\s]|$)))|{_clock_phrases(names)}")


# Between the words of a clock's phrase after a time: a blank, a hard wrap joined as two
# blanks, an elided article ("heure de l'Est", "heure d'Europe").
_PHRASE_GAP = r"[\s'’]{1,3}"


def _clock_phrases(cities: list[str]) -> str:
    """A city's clock in words after a time ("10 h 05 (heure de Paris)", "heure de l'Est",
    "heure locale de Montréal"): the phrases of data/timeline.yml's `city_zone_phrases`
    that start with a word of their own and name the city with no other word of any kind
    (`{words}`); those that start with the city ("Paris time") are the region's forms."""
    city = "|".join(_PHRASE_GAP.join(re.escape(word) for word in name.split()) for name in cities)
    phrases = []
    for phrase in load_data("timeline.yml")["city_zone_phrases"]:
        words = fold_same_length(str(phrase)).lower().split()
        if words[0].startswith("{") or "{words}" in words:
            continue
        phrases.append(_PHRASE_GAP.join(f"(?:{city})" if word == "{city}" else re.escape(word) for word in words))
    return "|".join(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=32)
def _entry_regex(zone_names: tuple[str, ...]) -> re.Pattern[str]:
    zone = zone_pattern(zone_names)
    weekday = _weekday_pattern()
    words = timeline_words()
    connectors = "|".join(re.escape(word) for word in words.date_connectors)
    return re.compile(
        # Each optional part takes its own blanks after it: `\s*[\[(]?\s*(approx)?\s*` tried every
        # way to share a run of blanks between three `\s*` (cubic time).
        rf"^\s*(?:[\[(]\s*)?(?:{_approx_pattern()}\s*)?"
        # A day's name and its number, no month ("mercredi 8, 15 h"): a day of the incident's month.
        rf"(?:(?P<weekday>{weekday},?\s+)(?:(?P<dayonly>\d{{1,2}}){_ORDINAL},?\s(?=\d))?)?"
        rf"(?:(?P<date1>{_date_pattern('a', True)})\s?(?:,|\s(?:{words.date_time_words}|[-–—])|t)?\s?"
        rf"(?:{_approx_pattern('approx2')}\s?)?)?"  # "2025-05-18 ~22h": the mark after the date
        rf"(?:{_clock_pattern()}|{_UNKNOWN})(?:\s?(?P<ampm>{meridiem()}))?"
        rf"(?:\s?\(?(?P<zone>{zone})\)?)?"
        rf"(?:\s?(?:-|–|—|→|->|{words.range_words})\s?~?\s?(?P<until>\d{{1,2}}[:h]\d{{2}})(?:\s?(?:am|pm))?"
        rf"(?:\s?(?P<zone2>{zone}))?)?"
        rf"(?:,?\s(?:(?:{connectors})\s)?(?:{weekday},?\s?)?(?P<date2>{_date_pattern('b')}))?"
        r"\s?[\])]?"
        r"(?P<sep>\s?(?:[-–—:|,]+|\.(?=\s))\s?|\s|$)"
    )


_TRAILING_ZONE = re.compile(r"^\s?\(?(?P<name>[A-Z]{2,5})\)?(?=\s?[-–—:|\])]|$|(?P<clause>[,.;]))")


@lru_cache(maxsize=1)
def _elapsed_remark() -> re.Pattern[str]:
    """The time elapsed since the incident's start, in brackets beside a time ("(+5 min)",
    "(T+1h30)", "[+2 h 15]"): a remark that leaves the time as it is. An offset in days
    ("(+1 day)", "(J+1)") moves the moment to another day and is no remark."""
    units = vocabulary().duration_units
    within_day = "|".join(re.escape(word) for word in sorted(
        (word for word, unit in units.items() if unit in ("hours", "minutes", "seconds")), key=len, reverse=True))
    amount = rf"\d{{1,3}}(?:[:h]\d{{2}})?\s?(?:(?:{within_day})(?![a-z]))?"
    return re.compile(rf"^[(\[]\s?(?:t\s?)?\+\s?{amount}(?:\s?\d{{1,2}}\s?(?:(?:{within_day})(?![a-z]))?)?\s?[)\]]$")


def read_written_time(text: str, zones: Abbreviations, whole: bool = False) -> WrittenTime | None:
    """The time an entry starts with, or None when it does not start with one.

    `whole`: the text must be the time and nothing else (a table cell).
    """
    original = plain(text)
    folded = fold_same_length(original)
    match = _entry_regex(tuple(zones.zones)).match(folded)
    if not match:
        return None
    rest = original[match.end():].strip()
    unknown_zone = None
    zone_group = "zone" if match["zone"] else "zone2" if match["zone2"] else None
    # As written, not folded: the resolver reads some names only in capitals ("ET").
    zone_text = original[match.start(zone_group):match.end(zone_group)] if zone_group else None
    zone = zone_after_time(zone_text, zones) if zone_text else None
    if not zone_text:
        # An upper-case word right after the time, before the separator: a zone only in
        # capitals ("09:05 ET"), or one no table knows (a warning, never UTC).
        trailing = _TRAILING_ZONE.match(original[match.start("sep"):] if match["sep"].strip() == "" else "")
        if trailing and trailing["clause"] and zones.get(trailing["name"]) is None:
            trailing = None  # "At 10:05 AWS, ...": before a comma, only a zone the table knows is a zone
        if trailing and trailing["name"] not in ("AM", "PM"):
            zone = zones.get(trailing["name"])
            zone_text, unknown_zone = (trailing["name"], None) if zone is not None else (None, trailing["name"])
            rest = original[match.start("sep") + trailing.end():].strip().lstrip("-–—:|]) ").strip()
    if whole and rest and _elapsed_remark().match(fold_same_length(rest).lower()):
        rest = ""  # "14:07 UTC (+5 min)": the time since the start, beside the time it leads to
    if whole and rest:
        return None
    rest = rest.lstrip("-–—:|.,] ").strip()
    raw = original[: match.start("sep")].strip()
    approximate = bool(match["approx"] or match["approx2"]) or (match["s"] == "xx")
    if match["unknown"]:
        return WrittenTime(None, _written_date(match, original), zone, zone_text, unknown_zone, approximate, rest, raw)
    clock = _clock(match)
    if clock is None:
        return None
    date = _written_date(match, original)
    if date is None and match["dayonly"]:
        date = WrittenDate(None, int(match["dayonly"]), 0, True, DAY_FIRST, original[match.start("weekday"):match.end("dayonly")])
    if (match["hour_only"] or match["hour_word"]) and not (whole or date or approximate or match["weekday"]):
        # "22h" or "17 heures" alone is a time in a cell, or with its date, its day's name
        # ("Samedi 18h") or "~"; "3h later, ...", "3 heures plus tard" are durations
        return None
    weekday = None
    if match["weekday"]:
        # Alone ("Samedi 18h") it names the day; before a date ("Thu 3/5", "mardi 10") it
        # tells day from month, or which month.
        weekday = vocabulary().weekday_numbers.get(fold(match["weekday"].strip(" ,.\t\n")))
    return WrittenTime(clock, date, zone, zone_text, unknown_zone, approximate, rest, raw, weekday)


def _clock(match: re.Match[str]) -> time | None:
    hour, minute = int(match["h"]), int(match["m"] or match["m12"] or match["mw"] or 0)
    second = int(match["s"]) if match["s"] and match["s"] != "xx" else 0
    ampm = half_of_day(match["ampm"])
    if ampm and 1 <= hour <= 12:  # "13:55 PM" means 13:55: only a 12-hour clock is converted
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def _written_date(match: re.Match[str], original: str, prefixes: tuple[str, ...] = ("a", "b")) -> WrittenDate | None:
    """The date of the first of `_date_pattern`'s groups (by prefix) that matched."""
    for prefix in prefixes:
        for form in ("iso", "num", "short", "md", "dm"):
            group = f"{prefix}{form}"
            if group in match.re.groupindex and match[group]:
                return parse_written_date(match[group], form, original[match.start(group):match.end(group)])
    return None


_NUMBERS = re.compile(r"\d+")


def parse_written_date(text: str, form: str, as_written: str | None = None) -> WrittenDate | None:
    """The date of `text` (folded) in one of the forms of `_date_pattern`; `as_written` is kept for messages."""
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    shown = as_written or text
    if form == "iso":
        return WrittenDate(numbers[0], numbers[2], numbers[1], True, DAY_FIRST, shown)
    if form in ("num", "short"):
        first, second, year = numbers if form == "num" else (*numbers, None)
        if year is not None and year < 100:
            year += 2000
        order = DAY_FIRST if first > 12 else MONTH_FIRST if second > 12 else None
        return WrittenDate(year, first, second, False, order, shown)
    months = vocabulary().months
    words = re.findall(r"[a-z]+", text)
    month_word = next((w for w in words if w in months), None)
    if month_word is None:
        return None
    month = months[month_word]
    # A night or a run of days ("3 au 4 février 2026") is its first day; the year has four digits.
    day = numbers[0]
    year = numbers[-1] if len(numbers) > 1 and numbers[-1] >= 1000 else None
    if year is None and month_word in _only_capitalised() and re.search(rf"\b{month_word}\b", shown):
        return None  # "us-west-1 may also see errors": the word, not the month
    return WrittenDate(year, day, month, True, DAY_FIRST, shown)


@lru_cache(maxsize=1)
def _date_search() -> re.Pattern[str]:
    return re.compile(rf"(?<![\d\w])(?:{_date_pattern('a')})(?![\d])")


def find_written_date(text: str) -> WrittenDate | None:
    """The first date anywhere in a text ("# February 5th, 2019 outage", "5-26-21 website outage")."""
    original = plain(text)
    match = _date_search().search(fold_same_length(original))
    if not match:
        return None
    return _written_date(match, original, ("a",))


@lru_cache(maxsize=1)
def _month_year_search() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?P<month>{_month_pattern()})\s(?P<year>\d{{4}})(?!\d)")


def find_year(text: str) -> int | None:
    """The year of the first date or month written with its year ("in April 2026",
    "en mars 2026", "2026-03-10"): the year of the dates a document writes without one."""
    folded = fold_same_length(plain(text))
    candidates = []
    month_year = _month_year_search().search(folded)
    if month_year:
        candidates.append((month_year.start(), int(month_year["year"])))
    written = _date_search().search(folded)
    if written:
        found = _written_date(written, folded, ("a",))
        if found is not None and found.year is not None:
            candidates.append((written.start(), found.year))
    return min(candidates)[1] if candidates else None


def written_dates(text: str) -> list[tuple[int, WrittenDate]]:
    """Every date of a line of prose, with where it starts ("... 23h50 le 12 janvier 2025. Il s'est
    terminé le 13 janvier à 02h05"): a time takes the date written nearest to it."""
    original = plain(text)
    found = []
    for match in _date_search().finditer(fold_same_length(original)):
        written = _written_date(match, original, ("a",))
        if written is not None:
            found.append((match.start(), written))
    return found


def date_order(dates: list[WrittenDate]) -> str | None:
    """The order of day and month a document's numeric dates show (an impossible
    value such as 27-05 or 02-13 decides), or None when they show none or both."""
    orders = {d.order for d in dates if not d.named_month and d.order}
    return orders.pop() if len(orders) == 1 else None
