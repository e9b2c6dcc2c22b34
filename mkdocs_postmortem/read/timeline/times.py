"""The time tokenizer: every written form of a time of day, in English and French, as one pattern fragment
and one function that turns its groups into a clock.

Forms: `14:20`, `14:20:05`, `14h20`, `14 h 30`, `14h`, `16H30` (text is folded to
lower case), `2:20 PM`, `2:20 p.m.`, `3pm`, `7.34pm`; and, only where the text puts
them in a time position (one of data/timeline.yml's `time_prepositions` before
them, or a zone or am/pm after them), a dotted time (`at 16.40`, `by 1.45am`),
hours in words (`à 7 heures 30`, `vers 14 heures`) and named times (`at noon`,
`jusqu'à minuit`). A dotted number elsewhere ("version 2.10", "3.25 %") is no time.

The fragment is matched on text folded one character for one
(`fold_same_length`), so that positions found there cut the original text.
Its alternatives are fixed words and bounded digit runs: linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from ...text import fold_same_length, load_data

# "pm", "p.m.": every reader of the clock reads the same forms.
MERIDIEM = r"(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"


@lru_cache(maxsize=1)
def meridiem() -> str:
    """am or pm after a time, in every spelling (`pm`, `p.m.`) and in words that name the
    half of the day (data/timeline.yml's `day_halves`: "du matin", "in the evening"), on
    folded text; `half_of_day` says which."""
    halves = load_data("timeline.yml")["day_halves"]
    words = _alternation(word for words in halves.values() for word in words)
    return rf"(?:a\.m\.|p\.m\.|am|pm|{words})(?![a-z])"


@lru_cache(maxsize=1)
def _halves() -> dict[str, str]:
    halves = load_data("timeline.yml")["day_halves"]
    found = {" ".join(fold_same_length(str(word)).lower().split()): half for half, words in halves.items()
             for word in words}
    return found | {"am": "am", "pm": "pm"}


def half_of_day(written: str | None) -> str:
    """"am", "pm" or "" for what `meridiem` matched ("p.m.", "du soir")."""
    if not written:
        return ""
    return _halves().get(" ".join(written.replace(".", "").lower().split()), "")


@dataclass(frozen=True)
class TimeWords:
    named: dict[str, time]  # "noon", "minuit", folded
    hour_words: str  # an alternation, folded ("heures|heure")
    prepositions: str  # an alternation, folded one character for one
    approximately: str  # the words of data/reading.yml that may stand between the preposition and the time
    written_prepositions: frozenset[str]  # as data writes them, lower case
    accented_prepositions: frozenset[str]  # folded forms of the words that carry an accent ("a" for "à")


def _alternation(words) -> str:
    folded = {fold_same_length(str(word)).lower() for word in words}
    return "|".join(r"\s".join(re.escape(part) for part in word.split()) for word in sorted(folded, key=len, reverse=True))


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    data = load_data("timeline.yml")
    named = {fold_same_length(word).lower(): time.fromisoformat(value) for word, value in data["named_times"].items()}
    approximately = _alternation(w for w in load_data("reading.yml")["approximate_words"] if w.isalpha())
    written = frozenset(str(word).lower() for word in data["time_prepositions"])
    accented = frozenset(fold_same_length(word) for word in written if fold_same_length(word) != word)
    return TimeWords(named, _alternation(data["hour_words"]), _alternation(data["time_prepositions"]), approximately,
                     written, accented)


def clock_fragment(zone: str) -> str:
    """A time of day in prose, its groups named: `h`/`m` (colon or h), `hd`/`md` (dotted), `hw`/`mw` (hours in words), `named`,
    `h4`/`m4` (four digits, before a zone only), `ampm`, `zone`."""
    words = time_words()
    named = _alternation(words.named)
    return (
        r"(?<![\d:/.-])"
        # French typography spaces the h ("14 h 15"); a colon takes no blank after it.
        # A twelve-hour clock may write its minutes after a dot ("7.34pm") or none ("3pm").
        rf"(?:(?P<h>\d{{1,2}})(?:(?:\s?:|\s?h\s?)(?P<m>\d{{2}})(?::\d{{2}})?(?![\d])"
        r"|(?:\.(?P<m12>\d{2}))?(?=\s?(?:a\.m\.|p\.m\.|am|pm)(?![a-z]))"
        # A French hour without minutes: "à 5 h du matin", "vers 15h" (not "48 heures").
        r"|\s?h(?![\w]))"
        # A dotted time, "16.40": not a decimal, a version or a percentage.
        r"|(?P<hd>[01]?\d|2[0-3])\.(?P<md>[0-5]\d)(?![\d%]|[.,]\d|\s?%)"
        # Hours in words: "7 heures 30", "17 heures".
        rf"|(?P<hw>[01]?\d|2[0-3])\s(?:{words.hour_words})(?![a-z])(?:\s(?P<mw>[0-5]\d)(?!\d))?"
        rf"|(?<![a-z])(?P<named>{named})(?![a-z])"
        # Four digits with no colon ("around 0520 UTC"): a time only with the zone after it.
        rf"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s?\(?(?:{zone}|z(?![a-z]))))"
        rf"(?:\s?(?P<ampm>{meridiem()}))?"
        rf"(?:\s?\(?(?P<zone>{zone}|z(?![a-z]))\)?)?"
    )


def clock_of(match: re.Match[str], original: str) -> time | None:
    """The clock of a match of `clock_fragment` on the folded `original`, or None
    when it is no time here: a dotted time, hours in words or a named time with no
    time word before it and no zone or am/pm after it, or hours and minutes out of range."""
    in_position = bool(match["zone"] or match["ampm"]) or (
        (match["named"] or match["hd"] is not None or match["hw"] is not None)
        and _time_word_before(original, clock_start(match)))
    if match["named"]:
        return time_words().named[match["named"]] if in_position else None
    if match["h4"]:
        return time(int(match["h4"]), int(match["m4"]))
    if match["hd"] is not None or match["hw"] is not None:
        if not in_position:
            return None
        hour = int(match["hd"] if match["hd"] is not None else match["hw"])
        minute = int(match["md"] if match["hd"] is not None else (match["mw"] or 0))
    else:
        hour, minute = int(match["h"]), int(match["m"] or match["m12"] or 0)
    ampm = half_of_day(match["ampm"])
    if ampm and 1 <= hour <= 12:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def clock_start(match: re.Match[str]) -> int:
    """Where the time itself starts."""
    for group in ("h", "hd", "hw", "named", "h4"):
        if match[group] is not None:
            return match.start(group)
    return match.start()


@lru_cache(maxsize=1)
def _time_word_pattern() -> re.Pattern[str]:
    words = time_words()
    return re.compile(rf"(?:^|[^a-z'])(?P<prep>{words.prepositions})\s(?:(?:{words.approximately})\s|~\s?)?$")


def _time_word_before(original: str, start: int) -> bool:
    """Whether a time word stands right before `start` (looked for only before the
    forms that need one, in the few characters before them). Text is folded, so a word
    that is a time word only with its accent must be written with it: "à", not the
    English article "a" ("a midday meeting"); "dès", not "des"."""
    before = original[max(0, start - 40):start]
    found = _time_word_pattern().search(fold_same_length(before).lower())
    if found is None:
        return False
    written = before[found.start("prep"):found.end("prep")].lower()
    words = time_words()
    return written in words.written_prepositions or written not in words.accented_prepositions


def hour_words_fragment() -> str:
    """Hours in words after the hour's number, with their minutes ("7 heures 30"), as
    the entry and range readers write it: the group `hour_word`, then `mw`."""
    return rf"\s(?P<hour_word>{time_words().hour_words})(?![a-z])(?:\s(?P<mw>[0-5]\d)(?!\d))?"


def range_clock(zone: str) -> str:
    """A time as a window range writes it ("from 16:58 to 18:46 UTC", "entre 7 heures
    30 et 10 heures", "between about 06:40 and 07:55"), no group named: the range
    reader cuts its ends and reads each with the entry reader."""
    words = time_words()
    meridiem_next = rf"(?=\s?{MERIDIEM})"
    return (rf"(?:(?:{words.approximately})\s)?~?\s?\d{{1,2}}"
            rf"(?:(?::|\s?h\s?)\d{{2}}|(?:\.\d{{2}})?{meridiem_next}|\s(?:{words.hour_words})(?![a-z])(?:\s[0-5]\d(?!\d))?)"
            rf"(?:\s?(?:{meridiem()}))?(?:\s?\(?{zone}\)?)?")
