"""The words of the timeline pipeline, from data/timeline.yml: labels and
words that lead the time of an entry, zones named by a city, words that
introduce a duration. Patterns are built here once, from the data, and are
linear: alternations of fixed words, no nested repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from functools import lru_cache

from ...text import fold, fold_same_length, load_data
from ...zones import zone


@dataclass(frozen=True)
class TimelineWords:
    entry_lead: re.Pattern[str]  # a label or a word before the time of an entry, on folded text
    date_connectors: tuple[str, ...]
    city_zone: re.Pattern[str]  # "heure de paris", "paris time", on folded text
    cities: dict[str, tzinfo]
    duration_word: re.Pattern[str]
    date_time_words: str  # an alternation, on text folded one character for one ("at|a|@")
    range_words: str
    unknown_times: frozenset[str]  # folded cells that say a time is not known ("Pre-existing")
    posted: re.Pattern[str] = re.compile("(?!)")  # the word before a status update's time ("Posted")
    posted_age: re.Pattern[str] = re.compile("(?!)")  # how long ago, before it ("about 1 year ago - ")
    log_fences: frozenset[str] = frozenset()
    recovery_sign: re.Pattern[str] = re.compile("(?!)")  # an entry saying things work again, folded
    partial_recovery: re.Pattern[str] = re.compile("(?!)")  # a recovery of part of the service, folded
    city_zone_cues: tuple[str, ...] = ()  # a word of each city phrase: a text with none names no city's clock
    report_stages: frozenset[str] = frozenset()  # folded: an update posting the report ("postmortem")


def _words(text: str) -> str:
    """Folded words, each escaped, one to three blanks between them."""
    return r"\s{1,3}".join(re.escape(word) for word in fold(text).split())


def _alternation(words) -> str:
    return "|".join(_words(word) for word in sorted(set(words), key=len, reverse=True))


def _trie_alternation(words) -> str:
    """Folded words as one pattern that branches on each letter in turn: a long list of
    places is tried letter by letter, not name by name at every position. A name that
    is the start of a longer one still lets the longer match first."""
    trie: dict = {}
    for word in {" ".join(fold(str(word)).split()) for word in words}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [(r"\s{1,3}" if char == " " else re.escape(char)) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a name ends here: the longer one first, then this one
        return f"(?:{body})?"
    return body


def _same_length_alternation(words) -> str:
    """Words as an alternation on text folded one character for one (punctuation kept):
    `jusqu'à` is `jusqu'a`."""
    folded = {fold_same_length(str(word)) for word in words}
    return "|".join(r"\s".join(re.escape(part) for part in word.split()) for word in sorted(folded, key=len, reverse=True))


# "{words}" in a phrase: one to three words of any kind, each bounded, so the pattern stays linear.
# As few as will do, so that the longest place takes the words it is named with: "all times are in
# Australian Eastern" is Australia's clock, not "Eastern" after three words.
_SOME_WORDS = r"[a-z]{1,20}(?:\s{1,3}[a-z]{1,20}){0,2}?"


def _phrase(phrase: str, index: int, city: str) -> str:
    """"heure de {city}" as a pattern; each phrase names its city group apart (a name is used once)."""
    before, _, after = phrase.partition("{city}")
    before_pieces = [_SOME_WORDS if part == "{words}" else _words(part) for part in before.split()]
    pieces = [*before_pieces, f"(?P<city{index}>{city})", _words(after)]
    return r"\s{1,3}".join(piece for piece in pieces if piece)


def _posted_age(data: dict) -> str:
    """How long ago an update was posted ("3 days ago", "il y a 2 jours"), as an
    alternation on text folded one character for one: each phrase's `{count}` a
    number or a word of `posted_age_counts`, its `{unit}` one of `posted_age_units`."""
    # "about 2 hours ago": a word of approximation may stand before the count.
    approximate = _same_length_alternation(load_data("reading.yml")["approximate_words"])
    count = rf"(?:(?:{approximate})\s{{1,3}})?(?:\d{{1,4}}|{_same_length_alternation(data['posted_age_counts'])})"
    unit = _same_length_alternation(data["posted_age_units"])
    phrases = []
    for phrase in data["posted_ages"]:
        pieces = [count if word == "{count}" else rf"(?:{unit})" if word == "{unit}" else re.escape(
            fold_same_length(word)) for word in phrase.split()]
        phrases.append(r"\s{1,3}".join(pieces) + r"(?![a-z])")
    return "|".join(phrases)


@lru_cache(maxsize=1)
def timeline_words() -> TimelineWords:
    data = load_data("timeline.yml")
    leads = [fold(str(word)) for word in (*data["entry_labels"], *data["entry_lead_words"])]
    # "At approximately 22:05, ...": the word that makes the time approximate may stand between.
    approximate = _alternation(fold(str(word)) for word in load_data("reading.yml")["approximate_words"])
    cities = {fold(name): zone(value) for name, value in data["zone_cities"].items()}
    cities = {name: found for name, found in cities.items() if found is not None}
    city = _trie_alternation(cities)
    phrases = "|".join(_phrase(phrase, index, city) for index, phrase in enumerate(data["city_zone_phrases"]))
    return TimelineWords(
        entry_lead=re.compile(
            rf"^(?P<lead>[\[(*_]{{0,4}})(?:{_alternation(leads)})[\s:]{{1,3}}(?=[\d~\[(*_]|(?:{approximate})\s{{1,3}}\d)"
        ),
        date_connectors=tuple(fold(str(word)) for word in data["date_connectors"]),
        city_zone=re.compile(rf"(?<![a-z])(?:{phrases})(?![a-z])"),
        cities=cities,
        date_time_words=_same_length_alternation(data["date_time_words"]),
        range_words=_same_length_alternation(data["range_words"]),
        unknown_times=frozenset(fold(str(word)) for word in data["unknown_times"]) | {"?"},
        posted=re.compile(
            rf"^\s{{0,3}}(?:{_same_length_alternation(data['posted_words'])})\s{{0,3}}:?\s{{0,3}}"
            rf"(?:(?:{_posted_age(data)})\s{{0,3}}[.,;:\-–—]?\s{{0,3}})?"
        ),
        posted_age=re.compile(rf"^(?:{_posted_age(data)})\s{{0,3}}[.,;:\-–—]?\s{{0,3}}"),
        recovery_sign=re.compile("|".join(f"(?:{pattern})" for pattern in data["recovery_signs"])),
        partial_recovery=re.compile("|".join(f"(?:{pattern})" for pattern in data["partial_recovery"])),
        log_fences=frozenset(str(word).lower() for word in data["log_fences"]) | {""},
        duration_word=re.compile(rf"(?<![a-z])(?:{_alternation(fold(w) for w in data['duration_words'])})(?![a-z])"),
        city_zone_cues=_cues(data["city_zone_phrases"]),
        report_stages=frozenset(" ".join(fold(str(stage)).split()) for stage in data["report_stages"]),
    )


def _cues(phrases) -> tuple[str, ...]:
    """One word each phrase cannot be written without ("time", "heure"), the fewest:
    a word that holds another ("times", "heures") is left to the shorter."""
    words = {max((fold(word) for word in phrase.split() if "{" not in word), key=len) for phrase in phrases}
    return tuple(sorted(word for word in words if not any(other != word and other in word for other in words)))


def city_zone(text: str) -> tuple[tzinfo, str, int] | None:
    """The zone a text names by a city ("heure de Paris", "Paris time"): (zone, as written, position)."""
    words = timeline_words()
    folded = fold_same_length(text)
    if not any(cue in folded for cue in words.city_zone_cues):
        return None  # the common case, a line with no clock word: no pattern run
    folded = _spaced(folded)
    match = words.city_zone.search(folded)
    if match is None:
        return None
    name = next(value for key, value in match.groupdict().items() if key.startswith("city") and value)
    # The pattern lets a city's words stand a few blanks apart ("San  Francisco", a tab);
    # the table's keys have one space.
    return words.cities[" ".join(name.split())], text[match.start():match.end()], match.start()


def _spaced(folded: str) -> str:
    """Punctuation as blanks, one for one ("heure d'été", "heure de paris)")."""
    return "".join(ch if ch.isalnum() else " " for ch in folded)


def region_in_words(text: str) -> tuple[tzinfo, str, int] | None:
    """A region or a city of `zone_cities` written anywhere in a short text as a
    whole word ("US Eastern", "Pacific"): what a field that names the zone holds."""
    words = timeline_words()
    folded = _spaced(fold_same_length(text))
    match = _region_search().search(folded)
    if match is None:
        return None
    return words.cities[" ".join(match.group().split())], text[match.start():match.end()], match.start()


@lru_cache(maxsize=1)
def _region_search() -> re.Pattern[str]:
    # No argument: a key of every place's name would be hashed again at each call.
    return re.compile(rf"(?<![a-z])(?:{_trie_alternation(timeline_words().cities)})(?![a-z])")
