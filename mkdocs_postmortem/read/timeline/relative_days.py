"""Days written relative to the document's own date: "last night", "ce matin", a
weekday written alone ("on Wednesday at 14:20", "samedi à 10h15"). A post tells
its incident from the day it is written; its times take their day from the
document's date (timeline.yml's `relative_days`, the weekdays of reading.yml),
a weekday the nearest such day to the incident's. A weekday written with a date
("Tuesday 20 October") is left to the date. Abbreviations ("Mon", "Sat") are no
day here: in free text they are other words ("mon serveur", "Sat-Relay").

A weekday with a day of the month but no month ("le mardi 15 à 11 h 40",
"Tuesday the 14th", "Mardi 14, 6 h 30") is that day in the month around the
incident's day, the one that falls on that weekday: the month the document is
in force in, checked by the weekday its author wrote.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ...text import fold_same_length, load_data


@lru_cache(maxsize=1)
def _relative() -> tuple[re.Pattern[str], dict[str, int], dict[str, int]]:
    offsets = {fold_same_length(str(word)): int(days)
               for days, words in load_data("timeline.yml")["relative_days"].items() for word in words}
    weekdays: dict[str, int] = {}
    for number, names in load_data("reading.yml")["weekdays"].items():
        folded = [fold_same_length(str(name)) for name in names]
        # A name in full is no other name's beginning: "thu" and "thurs" begin "thursday".
        weekdays.update({name: int(number) for name in folded
                         if not any(other != name and other.startswith(name) for other in folded)})
    words = sorted({*offsets, *weekdays}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s".join(map(re.escape, w.split())) for w in words)
                         + r")(?![\w-])")
    return pattern, offsets, weekdays


# What may follow a weekday when a date is written with it: "Tuesday 20 October", "Friday, 6 March".
_DATE_AFTER = re.compile(r"[\s,]{1,3}(?:the\s)?\d")
# A day of the month after a weekday, and the word after it: "mardi 15 à", "Tuesday the 14th,".
# The number is no day when a time's mark follows it ("mardi 14h30", "Tuesday 9 am", "14:05").
_DAY_AFTER = re.compile(
    r"[\s,]{1,3}(?P<the>the\s)?(?P<day>\d{1,2})(?P<ordinal>st|nd|rd|th|er|e)?(?![\d:h/-]|\.\d|\s?[ap]\.?m(?![a-z]))"
    r"(?:(?P<blank>[\s]{1,3})(?P<next>[a-z]{1,12}))?"
)
# A time right after a weekday ("mardi 14 h 30", "samedi 9h", "Tuesday 9 am", "Friday 14:05"):
# the weekday is written alone, the number is its hour.
_TIME_AFTER = re.compile(r"[\s,]{1,3}\d{1,2}(?:\s?h(?:eures?)?(?![a-z])|[:.]\d|\s?[ap]\.?m(?![a-z]))")
_NEAR_DAYS = 20  # a day of the month further than this from the incident's day is in no month near it


def relative_days(folded: str, post: date | None, near: date | None = None) -> list[tuple[int, date]]:
    """(where it starts, its day) of each day `folded` (text folded one character for
    one) writes relative to the document: "yesterday" counts back from `post`, the day
    it was posted; a weekday is the one nearest `near`, the incident's day (the week
    around it: "Thursday morning" after a title's Wednesday is the next day, "Saturday"
    in a letter of Tuesday the one before)."""
    near = near or post
    if post is None or near is None:
        return []
    pattern, offsets, weekdays = _relative()
    found = []
    for match in pattern.finditer(folded):
        word = match.group()
        if word in offsets:
            found.append((match.start(), post - timedelta(days=offsets[word])))
        elif not _DATE_AFTER.match(folded, match.end()) or _TIME_AFTER.match(folded, match.end()):
            back = (near.isoweekday() - weekdays[word]) % 7
            found.append((match.start(), near - timedelta(days=back) if back <= 3 else near + timedelta(days=7 - back)))
        elif not _in_a_day_range(folded, match.start(), match.end()):
            on = _day_of_month(folded, match.end(), weekdays[word], near)
            if on is not None:
                found.append((match.start(), on))
    return found


def _day_of_month(folded: str, at: int, weekday: int, near: date) -> date | None:
    """The day a weekday and a day of the month without a month name ("mardi 15 à 11 h"),
    in the month before, of or after `near` that puts it on that weekday, the nearest; None
    when a month follows the number (a date the date reader reads) or no month near puts
    the day on the weekday."""
    found = _DAY_AFTER.match(folded, at)
    if found is None or (found["next"] or "") in _months():
        return None
    if not (found["the"] or found["ordinal"]) and found["blank"] and found["next"] not in _day_followers():
        return None  # "On Tuesday 2 replicas were lost": the number counts what follows it
    # A weekday the day does not fall on in any month near: the author's two words disagree,
    # and neither is read.
    named = [on for on in days_named(int(found["day"]), weekday, near) if abs((on - near).days) <= _NEAR_DAYS]
    return min(named, key=lambda on: abs((on - near).days), default=None)


def days_named(number: int, weekday: int, near: date) -> list[date]:
    """The days `number` of the months before, of and after `near` that fall on `weekday`
    (ISO), oldest first: "mardi 15" near 20 March 2026 is none of them (no 15th of February,
    March or April 2026 is a Tuesday); the sentence's reader and the table's choose among them."""
    found = []
    for step in (-1, 0, 1):
        month, year = near.month + step, near.year
        if month < 1 or month > 12:
            month, year = (12, year - 1) if month < 1 else (1, year + 1)
        try:
            on = date(year, month, number)
        except ValueError:
            continue
        if on.isoweekday() == weekday:
            found.append(on)
    return found


def _in_a_day_range(folded: str, start: int, end: int) -> bool:
    """Whether a weekday and its day are one end of a range of days ("dans la nuit du mardi 10
    au mercredi 11", "from Saturday 21st to Sunday 22nd"): a time of that night is on either
    day, which its hour says, not the day written nearest it."""
    joined, joiner_before = _day_range()
    return joined.match(folded, end) is not None or joiner_before.search(folded, max(0, start - 16), start) is not None


@lru_cache(maxsize=1)
def _day_range() -> tuple[re.Pattern[str], re.Pattern[str]]:
    joiners = "|".join(r"\s".join(map(re.escape, fold_same_length(str(word)).split()))
                       for word in sorted(load_data("timeline.yml")["day_range_words"], key=len, reverse=True))
    names = "|".join(sorted((fold_same_length(str(name)) for names in load_data("reading.yml")["weekdays"].values()
                             for name in names), key=len, reverse=True))
    return (re.compile(rf"[\s,]{{1,3}}(?:the\s)?\d{{1,2}}(?:st|nd|rd|th|er|e)?\s{{0,3}}(?:{joiners})\s{{1,3}}(?:{names})(?![a-z])"),
            re.compile(rf"(?<![a-z])(?:{joiners})\s{{1,3}}$"))


@lru_cache(maxsize=1)
def _day_followers() -> frozenset[str]:
    return frozenset(fold_same_length(str(word)) for word in load_data("timeline.yml")["weekday_day_followers"])


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return frozenset(fold_same_length(str(name)) for names in load_data("reading.yml")["months"].values()
                     for name in names)
