"""Text that every stage shares: folding for comparison, durations, period keys
and the words of the generated pages and charts.

It sits at the bottom of the package: it imports nothing of the project and
nothing of MkDocs, so the reader, the rules, the metrics, the render stage and
the CLI can all use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

# --- folding --------------------------------------------------------------------------
# Four ways of making two spellings compare equal; each has its own name because
# each keeps something the others drop.

# Letters NFKD does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o"})
_NOT_WORD = re.compile(r"[\W_]+")


class _CharacterTable(dict):
    """A `str.translate` table filled as characters are met: each character's replacement is
    worked out once per process, and the loop over a text's characters stays in C."""

    def __init__(self, replacement: Callable[[str], str]) -> None:
        super().__init__()
        self._replacement = replacement

    def __missing__(self, code: int) -> str:
        value = self._replacement(chr(code))
        if len(self) < _TABLE_MOST:  # a file of every character fills no table without end
            self[code] = value
        return value


_TABLE_MOST = 4096


def _without_accents(ch: str) -> str:
    return "".join(part for part in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(part))


# Character by character is the same as NFKD of the whole text: decomposition is per
# character, and the reordering NFKD does moves only combining marks, which are dropped.
_WITHOUT_ACCENTS = _CharacterTable(_without_accents)


def strip_accents(text: str) -> str:
    """`Résumé` -> `Resume`: every letter without its accents, nothing else changed
    (letters such as `œ` or `ø` that carry no separable accent stay)."""
    if text.isascii():  # NFKD leaves ASCII as it is: most labels, values and lines
        return text
    return text.translate(_WITHOUT_ACCENTS)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case, no accents, no emoji, punctuation as single spaces.

    Headings, column headers, labels and statuses are all compared folded, so
    "📖 Résumé de l’incident", "resume de l'incident" and "RÉSUMÉ DE L INCIDENT"
    are the same words. Cached: the same headers recur in every file.
    """
    return _NOT_WORD.sub(" ", strip_accents(text.translate(_LIGATURES)).lower()).strip()


def fold_keeping_punctuation(text: str) -> str:
    """Case-folded without accents, every other character kept: `Équipe-A [x]` -> `equipe-a [x]`.

    For names a rule compares as written (backlog sections, services, bracket
    exceptions), where `-`, `[` or `!` tell two names apart.
    """
    return strip_accents(text).casefold()


def fold_same_length(text: str) -> str:
    """Lower case without accents, one character for one, so positions found in
    the folded copy cut the original text."""
    if text.isascii():
        return text.lower()
    return text.translate(_SAME_LENGTH)


def _folded_alone(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


_SAME_LENGTH = _CharacterTable(_folded_alone)


def letters_and_digits(text: str) -> str:
    """Only the letters and digits, case-folded, accents kept: `🔍 **Timeline**`
    and `🔍 Timeline¶` agree. For finding a heading or an item of the model again
    in the HTML a theme rendered from it."""
    text = unicodedata.normalize("NFKC", text)
    # filter() keeps the loop over characters in C: a cold build asks this of every
    # block element of every page whose action items get anchors.
    return "".join(filter(str.isalnum, text.casefold()))


# --- durations --------------------------------------------------------------------------
# All durations are minutes (see metrics.py). `labels` are the words of
# `labels_for` or `chart_labels`: both hold `units` and `no_value`.


def duration_text(minutes: float | None, labels: dict[str, Any], *, unknown: str | None = None) -> str:
    """`47 min`, `2 h 5 min`, `3 d 4 h`: whole minutes, the two largest units,
    a negative duration signed (`-5 min`); None is `unknown` (labels' `no_value`
    by default), never zero."""
    if minutes is None:
        return labels["no_value"] if unknown is None else unknown
    sign = "-" if minutes < 0 else ""
    return sign + _two_largest_units(int(round(abs(minutes))), labels["units"])


def duration_text_floored(minutes: float | None, labels: dict[str, Any]) -> str:
    """The generated pages' durations: as `duration_text` for every duration of
    zero or more, but a negative one is split by floor division (-5 -> `-1 d 23 h`),
    as those pages have always shown it. Kept apart so that moving the formatters
    here changed no page; a negative duration means timestamps out of order,
    which the PM5xx rules report."""
    if minutes is None:
        return labels["no_value"]
    return _two_largest_units(int(round(minutes)), labels["units"])


def _two_largest_units(total: int, units: dict[str, str]) -> str:
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} {units['day']}" + (f" {hours} {units['hour']}" if hours else "")
    if hours:
        return f"{hours} {units['hour']}" + (f" {mins} {units['minute']}" if mins else "")
    return f"{mins} {units['minute']}"


def minutes_text(minutes: float | None, unknown: str = "-") -> str:
    """The exact number of minutes, short: `95 min`, `12.5 min` (the CLI's `show`)."""
    return unknown if minutes is None else f"{minutes:g} min"


def minutes_in_full(minutes: float) -> str:
    """The exact number of minutes for a message, with hours and minutes from two
    hours up: `95 minutes`, `150 minutes (2 h 30)`."""
    whole = round(minutes)
    if abs(minutes - whole) < 0.01:
        minutes = whole
    if minutes >= 120:
        hours, rest = divmod(round(minutes), 60)
        return f"{minutes:g} minutes ({hours} h {rest:02d})"
    return f"{minutes:g} minutes"


# --- periods ----------------------------------------------------------------------------
# A period is named by its key: `2026-03` (a month) or `2026-Q1` (a quarter).
# The key is read from the moment's own fields, so an incident is counted in the
# month of its own time zone: 00:30 on 1 January in Paris is in January even
# though it is still December in UTC.


def month_key(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def quarter_key(moment: datetime) -> str:
    return f"{moment.year:04d}-Q{(moment.month - 1) // 3 + 1}"


PERIOD_KEY: dict[str, Callable[[datetime], str]] = {"month": month_key, "quarter": quarter_key}


def period_keys(first: str, last: str, period: str) -> list[str]:
    """Every key from `first` to `last`, both included, empty periods too: a chart
    shows them as gaps, not as if the periods either side were adjacent."""
    if period == "month":
        year, month = map(int, first.split("-"))
        end = tuple(map(int, last.split("-")))
        keys = []
        while (year, month) <= end:
            keys.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return keys
    year, quarter = int(first[:4]), int(first[-1])
    end_year, end_quarter = int(last[:4]), int(last[-1])
    keys = []
    while (year, quarter) <= (end_year, end_quarter):
        keys.append(f"{year:04d}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return keys


# --- words ------------------------------------------------------------------------------

FALLBACK_LANGUAGE = "en"


@cache
def load_data(name: str) -> Any:
    """A YAML file of `mkdocs_postmortem/data/`, read once per process."""
    text = resources.files("mkdocs_postmortem").joinpath("data", name).read_text(encoding="utf-8")
    # LibYAML's parser when there (8 times faster on these files, same values: the constructors are the safe ones).
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def language_of(language: str | None) -> str:
    """`fr`, `fr_FR`, `fr-CA` -> `fr`; a language without page words -> English."""
    code = str(language or FALLBACK_LANGUAGE).replace("-", "_").split("_")[0].lower()
    return code if code in load_data("labels.yml") else FALLBACK_LANGUAGE


def labels_for(language: str | None) -> dict[str, Any]:
    """The words of the generated pages (data/labels.yml) in a site language."""
    return _words("labels.yml", language)


def chart_labels(language: str | None = None) -> dict[str, Any]:
    """The words of the charts (data/chart_labels.yml) in a site language."""
    return _words("chart_labels.yml", language)


def _words(name: str, language: str | None) -> dict[str, Any]:
    """A copy of the merged words (one level deep, as they nest): each caller owns its own."""
    merged = _merged_words(name, language_of(language))
    return {key: dict(value) if isinstance(value, dict) else value for key, value in merged.items()}


@cache
def _merged_words(name: str, language: str) -> dict[str, Any]:
    """One language's words, English filling any key it lacks (one level deep);
    keys only that language has (plotly's French month names) are kept. Merged
    once per process: every postmortem page asks for them."""
    everything = load_data(name)
    english = everything[FALLBACK_LANGUAGE]
    chosen = everything.get(language, english)
    merged: dict[str, Any] = {}
    for key, value in english.items():
        own = chosen.get(key, value)
        merged[key] = {**value, **own} if isinstance(value, dict) else own
    merged.update({key: value for key, value in chosen.items() if key not in merged})
    return merged
