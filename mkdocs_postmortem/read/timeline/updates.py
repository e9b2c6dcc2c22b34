"""A status page's incident history, whatever tool exported it (Statuspage, Instatus,
cState, a feed, a copied web page): a sequence of updates, each a status word
("Investigating", "Resolved", "Enquête en cours", "Résolu") and a stamp, the dated
time the update was posted, standing on a line of its own ("Posted Mar 12, 2026 -
15:40 UTC", "April 3, 2026 at 9:02 AM UTC", "Résolu le 5 mai 2026 à 15:30 UTC").

The parts compose, in either order: the status in a heading above the update or
leading the stamp's line; the stamp before the message or after it; the updates
newest first or oldest first. An update is the unit its heading opens (a feed's
items each repeat the incident's name), or, where one heading holds several
stamps, the stamp and the message on its side of it: after a stamp its status
word leads, before one it does not. An update that posts a report on top of the
updates (a postmortem) is not an entry. Each update is a timeline entry, its
time when it was posted; the words it holds may state the impact's window, which
the window reader prefers (see read/__init__)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ...text import fold, fold_same_length, load_data
from ...zones import Abbreviations
from ..sections import Body
from ..structure import Heading, Paragraph
from ..text import plain
from ..vocabulary import vocabulary
from .clock import WrittenTime
from .entries import canonical, posted_time
from .rows import oldest_first
from .words import timeline_words

# A history has at least this many updates: one stamp alone is a line of prose.
_ENOUGH = 2
# A post's byline: its author is a name and a handle, and the whole line is short.
_AUTHOR_WORDS = 4
_BYLINE_LONGEST = 160


class _Piece(NamedTuple):
    """One line of a unit: its text, and its stamp and status word when it has them."""

    line: int
    text: str
    stamp: WrittenTime | None
    status: str | None
    leads: bool  # the stamp leads the message after it (a status word or a post's byline)


@dataclass
class _Unit:
    """The blocks a heading opens (or the body's start): its status, if its heading
    names one, its stamps and its lines of message, in order."""

    status: str | None
    pieces: list[_Piece] = field(default_factory=list)


@dataclass(frozen=True)
class _Words:
    statuses: tuple[str, ...]  # folded, longest first
    reports: frozenset[str]
    connectors: re.Pattern[str]
    byline_separators: re.Pattern[str]
    byline_said: tuple[str, ...]  # folded, longest first
    byline_lead: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_data("timeline.yml")
    reports = timeline_words().report_stages
    statuses = {*vocabulary().section_cues.status_updates, *reports,
                *(fold(str(word)) for word in data["update_statuses"])}
    connectors = "|".join(re.escape(fold(str(word))) for word in data["stamp_connectors"])
    separators = "|".join(re.escape(str(sign)) for sign in data["byline_separators"])
    said = [fold(str(word)) for word in data["byline_said"]]
    leads = "|".join(re.escape(fold(str(word))) for word in data["byline_leads"])
    return _Words(tuple(sorted(statuses, key=len, reverse=True)), reports,
                  re.compile(rf"^(?:{connectors})\s{{1,3}}"),
                  re.compile(rf"\s(?:{separators})\s"),
                  tuple(sorted(said, key=len, reverse=True)),
                  re.compile(rf"^(?:{leads})\s"))


def status_history(body: Body, zones: Abbreviations) -> list[tuple[int, str, str, dict[str, str]]]:
    """The updates of a status page's history, as timeline rows in time order:
    (line of the stamp, the stamp in the form the rows' reader takes, "Status: message", {}); none when the
    body holds fewer than two updates."""
    units = _units(body, zones)
    # Each unit's stamps found once: a history of thousands of updates stays linear.
    stamped = [(unit, [i for i, piece in enumerate(unit.pieces) if piece.stamp is not None]) for unit in units]
    stamps = [(unit, indexes, index) for unit, indexes in stamped for index in indexes]
    if len(stamps) < _ENOUGH:
        return []
    if not all(unit.status or unit.pieces[index].leads for unit, _, index in stamps) and not all(
        len(indexes) == 1 for _, indexes, _ in stamps
    ):
        return []  # dated lines in prose: neither a status nor an update of their own names them
    rows = []
    for unit, indexes, index in stamps:
        line, _, written, status, _ = unit.pieces[index]
        status = status or unit.status
        if status is not None and fold(status) in _words().reports:
            continue
        message = _message(unit, indexes, index)
        text = f"{status[:1].upper()}{status[1:]}: {message}" if status else message
        day = written.date.resolve(None, None)[0] if written.date is not None else None
        rows.append((line, canonical(written, day), text.strip(), {}))
    return oldest_first(rows) if len(rows) >= _ENOUGH else []


def _units(body: Body, zones: Abbreviations) -> list[_Unit]:
    units = [_Unit(None)]
    for block in body.blocks:
        if isinstance(block, Heading):
            units.append(_Unit(_status(plain(block.text))))
        elif isinstance(block, Paragraph):
            lines = [(line, plain(text).strip()) for line, text in block.lines]
            lines = [(line, flat) for line, flat in lines if flat]
            if lines and (status := _status(lines[0][1])) is not None:
                # A copied status page runs the status, the message and the stamp together
                # ("Resolved / This incident has been resolved. / Posted Apr 28, 2026 - 17:41 EDT"):
                # the status line opens the update as a heading would.
                units.append(_Unit(status))
                lines = lines[1:]
            for index, (line, flat) in enumerate(lines):
                said = _stamp(flat, zones) if len(lines) == 1 or index == len(lines) - 1 else None
                written, status = said if said is not None else (None, None)
                # A post opens on its byline, alone or over its message in one paragraph.
                byline = _byline(flat, zones) if written is None and index == 0 else None
                units[-1].pieces.append(_Piece(line, flat, written or byline, status, status is not None or byline is not None))
    return units


def _byline(text: str, zones: Abbreviations) -> WrittenTime | None:
    """The stamp of a line that opens a post with its author: "Shardfall @shardfall · Apr 12,
    2026 · 9:41 AM", "modo_julie — 3 mars 2026 à 08:12 UTC", "On Mar 3, 2026 at 08:12 UTC,
    Jane Doe wrote:". The author is a few words, never a sentence: a dated line of prose is
    no byline."""
    if len(text) > _BYLINE_LONGEST:
        return None
    words = _words()
    folded = fold_same_length(text)
    said = _author_said(folded)
    if said is not None:
        lead = words.byline_lead.match(folded)
        return posted_time(text[lead.end() if lead else 0:said], zones)
    cuts = [(m.start(), m.end()) for m in words.byline_separators.finditer(folded)]
    if not cuts:
        return None
    author = text[:cuts[0][0]].strip()
    if not author or len(author.split()) > _AUTHOR_WORDS or any(ch in author for ch in ".,;:!?"):
        return None
    parts = [text[end:cuts[i + 1][0] if i + 1 < len(cuts) else len(text)] for i, (_, end) in enumerate(cuts)]
    return posted_time(" ".join(part.strip() for part in parts), zones)


def _author_said(folded: str) -> int | None:
    """Where the author of a quoted mail's opening line begins ("…, Jane Doe wrote:"), or None."""
    line = folded.rstrip(" :")
    for word in _words().byline_said:
        if line.endswith(f" {word}"):
            comma = line.rfind(",", 0, len(line) - len(word))
            author = line[comma + 1:len(line) - len(word)].split() if comma > 0 else []
            return comma if 0 < len(author) <= _AUTHOR_WORDS else None
    return None


def _message(unit: _Unit, stamps: list[int], index: int) -> str:
    """The words of the update whose stamp is piece `index` (`stamps`: the unit's stamps, rising):
    the unit's own lines when it holds one stamp; else those after a stamp its status word
    leads, or those since the stamp before it."""
    pieces = unit.pieces
    if len(stamps) == 1:
        chosen = [piece for i, piece in enumerate(pieces) if i != index]
    elif pieces[index].leads:
        after = bisect_right(stamps, index)
        chosen = pieces[index + 1:stamps[after] if after < len(stamps) else len(pieces)]
    else:
        before = bisect_left(stamps, index)
        chosen = pieces[(stamps[before - 1] if before else -1) + 1:index]
    return " ".join(piece.text for piece in chosen if not _a_link(piece.text))


def _a_link(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text


def _status(text: str) -> str | None:
    """The status word a heading or a label is made of ("Resolved", "Identifié"), as written."""
    return text.strip(" :*_-–—") if fold(text).strip(" :*_-–—") in _words().statuses else None


def _stamp(text: str, zones: Abbreviations) -> tuple[WrittenTime, str | None] | None:
    """(the dated time, the status word leading it) of a line made of a stamp:
    "Posted Mar 12, 2026 - 15:40 UTC", "Resolved Jun 2, 2026 at 09:25am UTC",
    "INVESTIGATING - Jul 8, 2026 at 5:20 PM UTC", "Publié le 5 mai 2026 à 14:02 UTC",
    "RESOLVED about 1 year ago - at 04/26/2026 10:16PM"."""
    if not any(ch.isdigit() for ch in text):
        return None
    found = _status_at_start(text)
    # The status as written: folding keeps the text's length, so its place is the folded word's.
    status, rest = (text[found[1] - len(found[0]):found[1]], text[found[1]:].lstrip(" :-–—|·*_")) if found \
        else (None, text)
    if status is not None:
        age = timeline_words().posted_age.match(fold_same_length(rest))
        rest = rest[age.end():] if age else rest
        connector = _words().connectors.match(fold_same_length(rest))
        if connector:
            rest = rest[connector.end():]
    written = posted_time(rest, zones)
    return (written, status) if written is not None else None


def as_status_updates(rows: list[tuple[int, str, str, dict[str, str]]]) -> list | None:
    """The rows of a timeline whose every entry opens on a status word
    ("investigating May 15, 2026, 12:04 PM UTC" / its message), a status page's
    updates: without the update that posts a report on top of them. None when the
    rows are not all updates."""
    if len(rows) < _ENOUGH:
        return None
    said = [_leading_status(text) for _, _, text, _ in rows]
    if not all(said):
        return None
    kept = [row for row, status in zip(rows, said) if fold(status) not in _words().reports]
    return kept if len(kept) >= _ENOUGH else None


def _leading_status(text: str) -> str | None:
    found = _status_at_start(plain(text))
    return found[0] if found else None


def _status_at_start(text: str) -> tuple[str, int] | None:
    """(the status word `text` opens on, where it ends in `text`)."""
    folded = fold_same_length(text).replace("-", " ")
    begin = len(folded) - len(folded.lstrip(" *_–—:"))
    for word in _words().statuses:
        end = begin + len(word)
        if folded.startswith(word, begin) and not folded[end:end + 1].isalpha():
            return word, end
    return None
