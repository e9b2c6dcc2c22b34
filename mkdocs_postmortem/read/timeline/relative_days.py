"""Days written relative to the document's own date: "last night", "ce matin", a
weekday written alone ("on Wednesday at 14:20", "samedi à 10h15"). A post tells
its incident from the day it is written; its times take their day from the
document's date (timeline.yml's `relative_days`, the weekdays of reading.yml),
a weekday the nearest such day to the incident's. A weekday written with a date
("Tuesday 20 October") is left to the date. Abbreviations ("Mon", "Sat") are no
day here: in free text they are other words ("mon serveur", "Sat-Relay").
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
        elif not _DATE_AFTER.match(folded, match.end()):
            back = (near.isoweekday() - weekdays[word]) % 7
            found.append((match.start(), near - timedelta(days=back) if back <= 3 else near + timedelta(days=7 - back)))
    return found
