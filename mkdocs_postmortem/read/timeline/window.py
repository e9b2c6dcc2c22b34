"""Stage 5 of the timeline pipeline, the window: the incident's window as the body states it in prose: "from 16:58 to 18:46
UTC", "Durée de l'incident : ~00:00 UTC → ~04:30 UTC", "(10:45 - 16:11 UTC)".

The patterns live in data/reading.yml (`window_lines`). Timeline and action
sections are not read here: their times are entries, not the window.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache

from ...model import WrittenFact
from ...text import fold, fold_same_length, load_data
from ...zones import Abbreviations
from ..sections import Body
from ..structure import Heading, ListBlock, Other, Paragraph
from ..text import plain
from ..values import read_duration
from ..vocabulary import vocabulary
from .clock import (
    date_pattern,
    read_written_time,
    weekday_pattern,
    written_dates,
    zone_pattern,
)
from .mentions import clock_mentions
from .relative_days import relative_days
from .scope import zone_of_line
from .times import range_clock
from .words import timeline_words

_SKIPPED = ("timeline", "actions")


@dataclass(frozen=True)
class Window:
    started: WrittenFact
    resolved: WrittenFact
    # The clock was written on the range or its paragraph ("15:05–15:47 UTC"), not
    # assumed from the document: a reading on an assumed clock yields to it.
    zone_written: bool = True


@lru_cache(maxsize=16)
def _patterns(zone_names: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str], tuple[str, ...]]:
    words = vocabulary()
    zone = zone_pattern(zone_names)
    clock = range_clock(zone)

    def dated(prefix: str) -> str:
        # Each end may carry its own date ("from 2025-11-04 14:43 UTC until 2025-11-04 15:30
        # UTC", "to May 2, 2025 02:00 UTC"): the window then crosses days as written.
        words = timeline_words()
        on = "|".join(re.escape(word) for word in words.date_connectors)
        # ... or after it ("between 21:47 UTC on 3 November 2025 and 02:15 UTC on 4 November").
        # A day's name may lead the date ("from Thursday 9 April 2026 14:07 UTC until Friday 17 April ...").
        return (rf"(?:(?:(?:{on})\s)?(?:{weekday_pattern()},?\s)?(?:{date_pattern(prefix)})"
                rf"(?:,?\s(?:{words.date_time_words})\s|,\s|\s-\s|\s|t))?{clock}"
                rf"(?:,?\s(?:(?:{on})\s)?(?:{date_pattern(prefix + 'after')}))?")

    named = tuple(
        re.compile(p.replace("{start}", f"(?P<start>{dated('s')})").replace("{end}", f"(?P<end>{dated('e')})"))
        for p in words.window_lines
    )
    bare = re.compile(rf"(?P<start>{clock})\s?(?:→|->|--|–|—|-|{timeline_words().range_words})\s?(?P<end>{clock})")
    return named, bare, words.window_range_words


_HHMM = r"(?:[01]\d|2[0-3])[0-5]\d"  # a clock in four digits, 0000-2359


@lru_cache(maxsize=16)
def _four_digit_ranges(zone_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Ranges of clocks written in four digits ("from 0914 to 1047 UTC", "between 1520 and
    1625 (all times in UTC)", "de 0740 à 0855 UTC"), read only where a zone follows the
    range, alone or in a remark of a few words: "between 2019 and 2021" or "between 1200
    and 1500 requests" are years and counts, not clocks."""
    zone = zone_pattern(zone_names)
    start = rf"(?<![\d/.:,-])(?P<start>{_HHMM})(?:\s?(?:{zone}))?"
    end = rf"(?P<end>{_HHMM})(?![\d:])"
    # The zone, on the range or in a parenthesis after it ("(all times in UTC)"); the range's clock.
    # Words may stand before the zone only inside the parenthesis: "de 1200 à 1800 et le service est"
    # counts connections, its "est" no zone (which must also be written in capitals: `_zone_written`).
    zoned = rf"(?=\s?(?:(?:hrs?|hours|heures?)\s)?(?:\((?:[a-z]+\s){{0,4}})?(?P<zone>{zone}))"
    led = "|".join(re.escape(fold(str(word))) for word in load_data("reading.yml")["window_four_digit_leads"])
    return (re.compile(rf"\b(?:{led})\s{start}\s?(?:-|–|—|and|et|{timeline_words().range_words})\s?{end}{zoned}"),
            re.compile(rf"{start}\s?(?:-|–|—|{timeline_words().range_words})\s?{end}{zoned}"))


def _scoped_lines(
    body: Body, entries: frozenset[int] = frozenset(), posted: bool = False, source: list[str] | None = None
) -> list[tuple[int, str, str]]:
    """(line, text, the text of the paragraph or item that holds it) outside the
    timeline and the action items (and the lines of `entries`, a timeline found
    under another heading): a zone a paragraph names ("..., heure de Paris")
    governs every time of that paragraph. `posted`: the timeline is a status
    page's updates, whose times are when each was posted; the messages between
    them are prose that may state the window ("Between 15:17 UTC and 09:04 UTC,
    ..."), and are read, an update's message indented under its stamp too (`source`:
    the file's lines, where an indented block's text is read)."""
    skipped: set[int] = set()
    for key in _SKIPPED[1:] if posted else _SKIPPED:
        for section in body.sections_keyed(key):
            skipped.update(body.block_range(section.line + 1, section.end_line))
    lines: list[tuple[int, str, str]] = []
    for index, block in enumerate(body.blocks):
        if index in skipped:
            continue
        if isinstance(block, Paragraph):
            whole = " ".join(text for _, text in block.lines)
            lines.extend((line, text, whole) for line, text in block.lines if line not in entries)
        elif posted and source is not None and isinstance(block, Other) and _under_an_update(body, index, entries):
            said = [(line, source[line - 1].strip()) for line in range(block.line, min(block.end_line, len(source)) + 1)
                    if source[line - 1].strip()]
            whole = " ".join(text for _, text in said)
            lines.extend((line, text, whole) for line, text in said)
        elif isinstance(block, ListBlock):
            for item in block.items:
                text = " ".join(item.text.split("\n"))
                if item.line not in entries:
                    lines.append((item.line, text, text))
                elif posted:
                    # An update's item: its stamp is the entry, the paragraphs below it its message.
                    lines.extend((line, " ".join(said.split("\n")), " ".join(said.split("\n")))
                                 for line, said in item.paragraphs[1:])
    if body.title is not None:
        lines.insert(0, (body.title.line, body.title.text, body.title.text))
    return lines


def _under_an_update(body: Body, index: int, entries: frozenset[int]) -> bool:
    """Whether the block at `index` (an indented block a copied page makes of an
    update's message) stands right under a list item that is a timeline entry."""
    above = body.blocks[index - 1] if index else None
    return isinstance(above, ListBlock) and any(item.line in entries for item in above.items)


def stated_windows(
    body: Body, zones: Abbreviations, day: date | None, tz: tzinfo, entries: frozenset[int] = frozenset(),
    moments: tuple[datetime, ...] = (), posted: bool = False, post_day: date | None = None,
    source: list[str] | None = None,
) -> list[Window]:
    """The windows the first line that states one states, each range apart ("from
    10:05am to 10:47am Central Time (15:05–15:47 UTC)" states two readings of one
    window). A time written without its date is on the date its paragraph
    states, else on the day of the timeline's entry at that clock (`moments`:
    the timeline's times), else on `day`. `post_day`: the day the document was
    posted, from which "yesterday" counts. `source`: the file's lines, from which an
    update's message indented under its stamp is read."""
    named, bare, range_words = _patterns(tuple(zones.zones))
    found: list[Window] = []
    for line, text, scope in _scoped_lines(body, entries, posted, source):
        raw = plain(text)
        folded = fold_same_length(raw)
        if not any(ch.isdigit() for ch in folded):
            continue
        first = next((m for m in (p.search(folded) for p in named) if m), None)
        matches = [first] if first else []
        if any(word in folded for word in range_words) or matches:
            taken = [(m.start(), m.end()) for m in matches]
            sentences = _Sentences(folded)
            matches += [found_range for found_range in bare.finditer(folded)
                        if not any(start < found_range.end() and found_range.start() < end for start, end in taken)
                        and (matches or sentences.names_any(found_range.start(), range_words))]
            matches += _four_digit_matches(raw, folded, zones, matches, sentences, range_words)
        else:
            matches = _four_digit_matches(raw, folded, zones, matches, None, range_words)
        first_match = None
        for match in sorted(matches, key=lambda m: m.start()):
            window = _window_of(match, raw, scope, zones, day, tz, moments, line, post_day)
            if window is not None:
                found.append(window)
                first_match = first_match or match
        if found:
            periods = _Periods(named, bare, zones, day, tz, moments, line, post_day)
            last = periods.last_after(first_match, found[0], raw, scope)
            if last is not None:
                # "de 4 h 10 à 7 h 45, puis de 23 h 30 à 23 h 55 (heure de Paris)": a zone written
                # after the last period is the clock of the whole account.
                return [Window(found[0].started, last.resolved,
                               zone_written=found[0].zone_written or last.zone_written)]
            return found
    return found


_PERIOD_GAP = 80  # characters from one period's end to the word that says another follows
_PERIOD_LEAD = 40  # characters from that word to the next period's range
_PERIOD_REACH = 240  # characters a period's range, with its dates, may take


@lru_cache(maxsize=2)
def _period_words(key: str) -> re.Pattern[str]:
    """The words of data/reading.yml's `key` (`window_repeat_words`, `window_next_period_words`), folded."""
    return _word_alternation(tuple(fold(str(word)) for word in load_data("reading.yml")[key]))


_NO_WORD = re.compile(r"[^\W\d_]")


_CLAUSE_END = re.compile(r"[,;.!?()]")
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_WORDS = 3  # "le 4 juin 2026", "followed": a date or a verb; more is a clause of its own


def _goes_on_about_another_matter(folded: str, at: int) -> bool:
    """Whether the clause after a later range (from `at` to its comma or full stop) has a subject
    and verb of its own that name no impact ("... we monitored the error rate closely")."""
    end = _CLAUSE_END.search(folded, at, at + _PERIOD_REACH)
    tail = folded[at:end.start() if end else min(len(folded), at + _PERIOD_REACH)]
    return len(_WORD.findall(tail)) >= _CLAUSE_WORDS and _impact_words().search(tail) is None


@dataclass(frozen=True)
class _Periods:
    """The later periods of an account of several ("between 6:10 and 8:25 am PT, and again
    between 11:05 am and 12:40 pm PT"): each a range that a word of repetition joins to
    the period before it, in the same sentence, starting after it ended."""

    named: tuple[re.Pattern[str], ...]
    bare: re.Pattern[str]
    zones: Abbreviations
    day: date | None
    tz: tzinfo
    moments: tuple[datetime, ...]
    line: int
    post_day: date | None

    def last_after(self, first, window: Window, raw: str, scope: str) -> Window | None:
        """The last period after the one `first` (a match on the line `raw`) reads as
        `window`, looked for in the paragraph `scope` (a period may wrap onto the next
        line); None when no other period follows."""
        paragraph = plain(scope)
        folded = fold_same_length(paragraph)
        at = _offset_in(paragraph, raw) + first.end()
        last = None
        previous = window
        while True:
            following = self._next_range(folded, at)
            if following is None:
                return last
            period = _window_of(following, paragraph, paragraph, self.zones, self.day, self.tz, self.moments,
                                self.line, self.post_day)
            if period is None or period.started.value < previous.resolved.value:
                return last  # overlapping ranges are readings of one period or a part of it, not a later one
            last = previous = period
            at = following.end()

    def _next_range(self, folded: str, at: int):
        """The range after `at` that a word of repetition introduces, in the same sentence."""
        stop = _SENTENCE_END.search(folded, at, at + _PERIOD_GAP + _PERIOD_LEAD)
        limit = stop.start() if stop else len(folded)
        said = _period_words("window_repeat_words").search(folded, at, min(limit, at + _PERIOD_GAP))
        ordinal = said is None
        if ordinal:
            said = _period_words("window_next_period_words").search(folded, at, min(limit, at + _PERIOD_GAP))
            if said is None:
                return None
        reach = min(len(folded), said.end() + _PERIOD_LEAD + _PERIOD_REACH)
        candidates = [m for m in (p.search(folded, said.end(), reach) for p in (*self.named, self.bare)) if m]
        nearest = min(candidates, key=lambda m: m.start(), default=None)
        if nearest is None or nearest.start() - said.end() > _PERIOD_LEAD or nearest.start() >= limit:
            return None
        between = folded[said.end():nearest.start()]  # a range's lead word ("between", "entre") is its own
        if ordinal and _NO_WORD.search(between) is not None and _impact_words().search(between) is None:
            return None  # "a second canary ran between ...": another matter, not another outage
        if ordinal and _goes_on_about_another_matter(folded, nearest.end()):
            return None  # "then from 11:00 to 12:00 UTC we monitored the error rate": what the team did next
        return nearest


def _window_of(match, raw: str, scope: str, zones: Abbreviations, day: date | None, tz: tzinfo,
               moments: tuple[datetime, ...], line: int, post_day: date | None = None) -> Window | None:
    start = read_written_time(_written_clock(match, "start", zones), zones, whole=True)
    end = read_written_time(_written_clock(match, "end", zones), zones, whole=True)
    if start is None or end is None or start.unknown or end.unknown:
        return None
    start_zone = start.zone or end.zone or tz
    end_zone = end.zone or start.zone or tz
    paragraph_day = _paragraph_day(plain(scope), raw, match.start(), day, post_day)
    if start.date is None and _dated_after_its_end(match):
        # "entre 01 h 05 et 02 h 30 UTC le 4 juin": the date after the range dates both ends,
        # whatever other date the paragraph writes nearer its start.
        paragraph_day = _written_day(end, day)
        if paragraph_day is not None and start.clock > end.clock:
            paragraph_day -= timedelta(days=1)  # "from 23:10 to 01:05 UTC on 5 May" began on the 4th
    start_day = (_written_day(start, day) or paragraph_day
                 or _timeline_day(start.clock, start_zone, moments) or day)
    end_day = _written_day(end, start_day) or (
        None if paragraph_day else _timeline_day(end.clock, end_zone, moments, start_day)) or start_day
    if start_day is None or end_day is None:
        return None
    begin = datetime.combine(start_day, start.clock).replace(tzinfo=start_zone)
    finish = datetime.combine(end_day, end.clock).replace(tzinfo=end_zone)
    if finish < begin and end.date is None:
        finish += timedelta(days=1)  # "23:10 → 01:05": past midnight
    return Window(WrittenFact(begin.astimezone(tz), raw, line), WrittenFact(finish.astimezone(tz), raw, line),
                  zone_written=start.zone is not None or end.zone is not None)


def _four_digit_matches(raw: str, folded: str, zones: Abbreviations, matches: list, sentences, range_words) -> list:
    """The ranges of four-digit clocks of a line (`raw`, and `folded` one character for one) that no
    other range covers: led by "from" or "between", or, bare, in a sentence that names the impact
    (`sentences`, when one of `range_words` is on the line); their zone written in capitals."""
    led, bare = _four_digit_ranges(tuple(zones.zones))
    found = [m for m in led.finditer(folded) if _zone_written(raw, m)]
    if sentences is not None:
        found += [m for m in bare.finditer(folded) if _zone_written(raw, m)
                  and (matches or sentences.names_any(m.start(), range_words))]
    # One sweep: the other ranges are found left to right and do not overlap, nor do those kept.
    taken = sorted((m.start(), m.end()) for m in matches)
    kept: list = []
    at = 0
    for candidate in sorted(found, key=lambda m: m.start()):
        while at < len(taken) and taken[at][1] <= candidate.start():
            at += 1
        if at < len(taken) and taken[at][0] < candidate.end():
            continue
        if kept and candidate.start() < kept[-1].end():
            continue
        kept.append(candidate)
    return kept


def _zone_written(raw: str, match) -> bool:
    """Whether the zone of a range of four-digit clocks is written as zones are, in capitals
    ("UTC", "CET", "Z"): in lower case, "est" and "west" are words."""
    written = raw[match.start("zone"):match.end("zone")]
    return written.isupper()


_FOUR_DIGITS = re.compile(r"^(\d\d)(\d\d)")


def _written_clock(match, name: str, zones: Abbreviations) -> str:
    """An end of a range as the clock reader reads it: a clock in four digits with its colon
    ("0914 utc" -> "09:14 utc"), only for a range of such clocks (a date leads "2026-03-10 ...")."""
    written = _without_connector(match[name])
    if match.re in _four_digit_ranges(tuple(zones.zones)):
        clock = _FOUR_DIGITS.sub(r"\1:\2", written)
        # The end takes the zone written after the range ("1625 (all times in UTC)").
        return f"{clock} {match['zone']}" if name == "end" else clock
    return written


def _dated_after_its_end(match) -> bool:
    """Whether a named range writes its date after its end's time ("... and 02:30 UTC on 4 June")."""
    return any(value for name, value in match.groupdict().items() if name.startswith("eafter"))


class _Sentences:
    """Where the sentences of a line start and stop, found once: searched again for each
    time or range, a long paragraph of short timed sentences would cost the square of its
    length."""

    def __init__(self, folded: str) -> None:
        self.folded = folded
        cuts = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(folded)]
        self.starts = [start for start, _ in cuts]
        self.ends = [end for _, end in cuts]
        self._named: dict[tuple[int, int], bool] = {}

    def around(self, position: int) -> tuple[int, int]:
        """(start, stop) of the sentence holding `position`."""
        before = bisect_right(self.ends, position)
        start = self.ends[before - 1] if before else 0
        after = bisect_left(self.starts, position)
        return start, self.starts[after] if after < len(self.starts) else len(self.folded)

    def names_any(self, position: int, words) -> bool:
        """Whether the sentence that holds `position` holds one of `words`: a bare range
        ("01:07-01:08") is the window only when its own sentence names the impact. Asked
        once per sentence, however many ranges it holds."""
        bounds = self._bounds(position)
        if bounds not in self._named:
            sentence = self.folded[bounds[0]:bounds[1]]
            self._named[bounds] = any(word in sentence for word in words)
        return self._named[bounds]

    def _bounds(self, position: int) -> tuple[int, int]:
        """A mark just before `position` ends the sentence before it, as a mark at the end
        of the text does."""
        start, stop = self.around(position)
        if position > 0 and self.folded[position - 1] in _SENTENCE_MARKS:
            start = position
        return start, stop


def _paragraph_day(paragraph: str, line: str, position: int, reference: date | None,
                   post_day: date | None = None) -> date | None:
    """The date written in the paragraph that holds a window, nearest the window
    ("On March 3rd our API went down ... from 09:10 until 11:45"): it dates the
    times the window writes without one."""
    dates = _paragraph_dates(paragraph, post_day or reference, reference)
    if not dates:
        return None
    at = _offset_in(paragraph, line) + position
    # The nearest is the last date before `at` or the first after it, found by halving: a
    # paragraph of many windows reads its dates once, not once per window.
    here = bisect_left(dates, at, key=lambda pair: pair[0])
    nearest = min((dates[i] for i in (here - 1, here) if 0 <= i < len(dates)), key=lambda pair: abs(pair[0] - at))[1]
    if isinstance(nearest, date):
        return nearest
    return nearest.resolve(None, reference.replace(month=1, day=1) if reference else None)[0]


@lru_cache(maxsize=8)
def _offset_in(paragraph: str, line: str) -> int:
    """Where `line` stands in its paragraph, found once for all the windows of the line
    (each search of a long line in its paragraph costs the length of both)."""
    return max(paragraph.find(line), 0)


@lru_cache(maxsize=8)
def _paragraph_dates(paragraph: str, post_day: date | None, reference: date | None) -> list:
    """The dates a paragraph writes, absolute and relative to the post, in order."""
    found = [*written_dates(paragraph), *relative_days(fold_same_length(paragraph), post_day, reference)]
    return sorted(found, key=lambda pair: pair[0])


def _timeline_day(clock, zone: tzinfo, moments: tuple[datetime, ...], after: date | None = None) -> date | None:
    """The day of the timeline's entry at `clock` in `zone` (not before `after`): a
    time a sentence writes bare is the moment the dated timeline gives that clock."""
    for moment in moments:
        local = moment.astimezone(zone)
        if (local.hour, local.minute) == (clock.hour, clock.minute) and (after is None or local.date() >= after):
            return local.date()
    return None


def _without_connector(text: str) -> str:
    """An end of the window without the word before its date ("le 3 mars 2025 23h10")."""
    first, _, rest = text.partition(" ")
    return rest if rest and first in timeline_words().date_connectors else text


def _written_day(written, reference: date | None) -> date | None:
    """The day a window's end writes with its time, when it writes one."""
    if written.date is None:
        return None
    return written.date.resolve(None, reference.replace(month=1, day=1) if reference else None)[0]


# --- a start and an end stated apart ------------------------------------------------------


def _one_of(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))


def _word_alternation(names: tuple[str, ...],
                      compounds: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> re.Pattern[str]:
    """Any of `names`, or a verb of `compounds[0]` and a state of `compounds[1]` (the
    compound first, the longer reading), as whole words: a family composed, not listed."""
    verbs, states = compounds
    joined = f"(?:{_one_of(verbs)}) (?:{_one_of(states)})|" if verbs and states else ""
    return re.compile(r"\b(?:" + joined + _one_of(names) + r")\b")


@lru_cache(maxsize=1)
def _end_word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = vocabulary()
    return (_word_alternation(words.window_start_words, words.window_start_compounds),
            _word_alternation(words.window_end_words, words.window_end_compounds))


@lru_cache(maxsize=1)
def _recovery_words() -> re.Pattern[str]:
    return _word_alternation(vocabulary().window_recovery_words)


_LOOK_BACK = 80  # characters before a time where the word that says which end it is may stand
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_SENTENCE_MARKS = ".;!?"


def end_said_before(folded: str, position: int, floor: int = 0) -> str | None:
    """"started" or "resolved" for the window word that stands last before
    `position` in its sentence (not before `floor`), or None: "since about 10:41",
    "depuis 10 h 15", "resolved by 14:30"."""
    before = folded[max(floor, position - _LOOK_BACK):position]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    return _which_end(before[cut[-1]:] if cut else before)


def _which_end(before: str) -> str | None:
    """"started" or "resolved" for the last window word of `before` (folded), or None."""
    starts, ends = _end_word_patterns()
    prepositions = vocabulary().window_start_prepositions
    last_start = max((m.end() for m in starts.finditer(before)), default=-1)
    last_ended = max(ends.finditer(before), key=lambda m: m.end(), default=None)
    last_end = last_ended.end() if last_ended else -1
    if last_ended is not None and 0 <= last_start <= last_ended.start() and _a_return_under_way(
            before[last_start:last_ended.start()], last_ended.group()):
        return None  # "began restoring it at 14:00", "a commencé en rétablissant": the return only began
    tail = " " + before.rstrip()[-20:].replace("'", " ").replace("\u2019", " ")  # "jusqu'à", folded "jusqu a"
    if tail.endswith(tuple(f" {word}" for word in vocabulary().window_end_prepositions)) and last_start >= 0:
        return "resolved"  # "failed to start, and it stayed offline until 22:00"
    if last_start < 0 and last_end < 0:
        return None
    if last_start > last_end >= 0 and before[:last_start].rstrip().endswith(prepositions):
        # "back to normal since 16:40", "revenus à la normale depuis 11 h 05": the
        # preposition says since when the state the word before it names holds.
        between = before[last_end:last_start].split()
        if len(between) <= 2:
            return "resolved"
    if last_start > last_end:
        return None if _a_recovery_began(before, starts, prepositions) else "started"
    return "resolved"


_UNDER_WAY_ENDINGS = ("ing", "ant")  # "restoring", "rétablissant": a return still going on
_UNDER_WAY_JOINERS = ("", "to", "a", "en", "by")  # "began restoring", "started by restoring", "commencé en rétablissant"


def _a_return_under_way(between: str, said: str) -> bool:
    """Whether an end word that says a return was going on ("restoring") stands right
    after a word that says something began: the return began, it did not end."""
    return said.endswith(_UNDER_WAY_ENDINGS) and between.strip() in _UNDER_WAY_JOINERS


def _a_recovery_began(before: str, starts: re.Pattern[str], prepositions: tuple[str, ...]) -> bool:
    """Whether what began, by the words before a time, is the recovery ("un début de
    mieux à partir de 11:50", "began to improve from 11:50", "recovering since
    11:50"): a word of recovery after the last word that says something began, or
    anywhere before the time when only a preposition ("since") introduces it."""
    began = [m for m in starts.finditer(before) if m.group() not in prepositions]
    return _recovery_words().search(before, began[-1].end() if began else 0) is not None


def says_it_ended(text: str) -> bool:
    """Whether the last window word of an entry's text says something ended ("the
    server was restored and the bot was back online"), not that it began."""
    return _which_end(fold_same_length(plain(text))) == "resolved"


def _nearest_date(dates, folded: str, start: int, end: int):
    """The date written nearest a time in its sentence, else the first of the line."""
    if not dates:
        return None
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(folded, 0, start)), default=0)
    stop = _SENTENCE_END.search(folded, end)
    sentence_end = stop.start() if stop else len(folded)
    near = [(min(abs(position - start), abs(position - end)), written)
            for position, written in dates if sentence_start <= position < sentence_end]
    if near:
        return min(near, key=lambda pair: pair[0])[1]
    return dates[0][1]


def _line_zone(line: int, text: str, zones: Abbreviations) -> tzinfo | None:
    """The zone a paragraph names for all its times ("(all times are US/Pacific)", "heure de Paris")."""
    found, _, _ = zone_of_line([(line, text)], zones, vocabulary().timezone_lines)
    return found


# --- a heading that gives the start and how long it lasted --------------------------------

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def heading_window(
    body: Body, zones: Abbreviations, day: date | None, tz: tzinfo
) -> tuple[WrittenFact | None, WrittenFact | None]:
    """The window a heading states with a date, a time and how long it lasted
    ("## March 4 09:40 UTC (lasting 48 minutes)", "### 12 mai, 14h05 (durée : 1 h 10)"),
    the form of monthly availability reports. A heading without a year takes the
    incident's, or the one its title names ("# Availability report: March 2025")."""
    words = timeline_words()
    title_year = _YEAR.search(plain(body.title.text)) if body.title is not None else None
    reference = day.replace(month=1, day=1) if day else (
        date(int(title_year.group()), 1, 1) if title_year else None)
    for block in body.blocks:
        if not isinstance(block, Heading):
            continue
        raw = plain(block.text)
        written = read_written_time(raw, zones)
        if written is None or written.unknown or written.date is None:
            continue
        folded = fold_same_length(written.rest)
        said = words.duration_word.search(folded)
        if said is None:
            continue
        minutes = read_duration(written.rest[said.end():].strip(" :(").split(")")[0])
        on, _ = written.date.resolve(None, reference)
        if minutes is None or on is None:
            continue
        begin = datetime.combine(on, written.clock).replace(tzinfo=written.zone or tz)
        return (WrittenFact(begin.astimezone(tz), raw, block.line),
                WrittenFact((begin + timedelta(minutes=minutes)).astimezone(tz), raw, block.line))
    return None, None


# --- a start and how long the impact lasted, in a sentence ---------------------------------

_DURATION_STOP = re.compile(r"[.,;:()]")
_LONGEST_DURATION = 6  # words: "2 hours and 28 minutes", "1 h 10 min"


def _duration_after(text: str, position: int) -> float | None:
    """Minutes of the duration a duration word introduces in `text` (folded) at or
    after `position` ("lasting 2 hours and 28 minutes", "pendant 41 minutes"),
    before the sentence or the clause ends; None when none reads."""
    for said in timeline_words().duration_word.finditer(text, position):
        rest = text[said.end():said.end() + 80]
        stop = _DURATION_STOP.search(rest)
        clause = (rest[:stop.start()] if stop else rest).split()
        words = clause[:_LONGEST_DURATION]
        for count in range(len(words), 0, -1):
            minutes = read_duration(" ".join(words[:count]))
            if minutes:
                if _extends(clause[count:]):
                    break  # "restée dégradée pendant 39 minutes de plus": a part of the impact, not its length
                return minutes
    return None


def _extends(following: list[str]) -> bool:
    """Whether the words after a duration say it was added to another ("39 minutes
    de plus", "20 minutes longer")."""
    said = " ".join(following[:2])
    return any(said == word or said.startswith(f"{word} ") for word in _extension_words())


@lru_cache(maxsize=1)
def _extension_words() -> tuple[str, ...]:
    return tuple(fold(str(word)) for word in load_data("reading.yml")["duration_extensions"])


@lru_cache(maxsize=1)
def _impact_words() -> re.Pattern[str]:
    return _word_alternation(vocabulary().window_range_words)


@lru_cache(maxsize=1)
def _duration_joiners() -> frozenset[str]:
    return frozenset(fold(str(word)) for word in load_data("reading.yml")["duration_joiners"])


def _duration_beside_impact(sentence: str) -> float | None:
    """Minutes of a duration written as what the impact measured, right before or after
    a word that names it ("a 47 minute outage", "a 2-hour disruption", "une coupure de
    35 minutes", "an outage of 2 hours"), in `sentence` (folded, the start's own time
    blanked: "d'une durée de 3 h 18" is no start at 03:18)."""
    for said in _impact_words().finditer(sentence):
        before = sentence[max(0, said.start() - 40):said.start()].replace("-", " ").split()
        if before and before[-1] in _duration_joiners():
            before = before[:-1]  # "4 mins of downtime", "35 minutes d'indisponibilité"
        before = before[-_LONGEST_DURATION:]
        for count in range(len(before), 0, -1):
            minutes = read_duration(" ".join(before[-count:]))
            if minutes:
                return minutes
        after = sentence[said.end():said.end() + 60].replace("'", " ").split()
        if after and after[0] in _duration_joiners():
            words = after[1:_LONGEST_DURATION + 1]
            for count in range(len(words), 0, -1):
                minutes = read_duration(" ".join(words[:count]).rstrip(",.;:"))
                if minutes:
                    return minutes
    return None


class _Paragraph:
    """A paragraph folded once, where its sentences end found once, and the sentences whose
    first time was already tried: a paragraph of thousands of timed lines stays linear."""

    def __init__(self, scope: str) -> None:
        self.text = fold_same_length(plain(scope))
        stops = list(_SENTENCE_END.finditer(self.text))
        self.stop_starts = [m.start() for m in stops]
        self.stop_ends = [m.end() for m in stops]
        self.searched = 0  # lines come in order: each is looked for from the one before
        self.tried: set[int] = set()

    def duration(self, folded_line: str, mention) -> float | None:
        """The duration beside the impact in the sentence that holds the time `mention` of
        `folded_line`, the time itself blanked; None when an earlier time of that sentence was tried."""
        text = self.text
        offset = text.find(folded_line, self.searched)
        if offset < 0:
            offset = text.find(folded_line)
            if offset < 0:
                return None
        self.searched = offset
        start, end = offset + mention.start, offset + mention.end
        before = bisect_right(self.stop_ends, start)
        first = self.stop_ends[before - 1] if before else 0
        if first in self.tried:
            return None  # not the sentence's first time
        self.tried.add(first)
        after = bisect_left(self.stop_starts, end)
        last = self.stop_starts[after] if after < len(self.stop_starts) else len(text)
        return _duration_beside_impact(text[first:start] + " " * (end - start) + text[end:last])


def duration_window(
    body: Body, zones: Abbreviations, day: date | None, tz: tzinfo, entries: frozenset[int] = frozenset()
) -> tuple[WrittenFact | None, WrittenFact | None]:
    """The window a sentence states with a time and how long the impact lasted
    ("On 12 May at 10:05 UTC a push took checkout down for 52 minutes", "Le 24
    juillet à 14h48, ... indisponible pendant 41 minutes"): the start, and the
    end of that duration. The time must be the sentence's first."""
    paragraphs: dict[str, _Paragraph] = {}  # for the sentences a hard wrap splits
    for line, text, scope in _scoped_lines(body, entries):
        raw = plain(text)
        mentions = clock_mentions(raw, zones) if any(ch.isdigit() for ch in raw) else []
        if not mentions:
            continue
        folded = fold_same_length(raw)
        # Where each sentence ends, found once: searched again before each time, a long
        # paragraph of short timed sentences cost the square of its length.
        sentence_ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
        for index, mention in enumerate(mentions):
            sentence_start = _sentence_start(folded, sentence_ends, mention.start)
            if index and mentions[index - 1].end > sentence_start:
                continue  # not the sentence's first time
            stop = _SENTENCE_END.search(folded, mention.end)
            sentence = folded[:stop.start()] if stop else folded
            minutes = _duration_after(sentence, mention.end)
            if minutes is None:
                # "a 40 minute outage of exports, starting at 06:02 UTC": the duration
                # the impact measured, anywhere in the time's sentence.
                sentence_start = _sentence_start(folded, sentence_ends, mention.start)
                blanked = sentence[:mention.start] + " " * (mention.end - mention.start) + sentence[mention.end:]
                minutes = _duration_beside_impact(blanked[sentence_start:])
            if minutes is None and scope != text:
                # The sentence a hard wrap split: "a 47 minute outage of webhooks, starting\nat 06:02".
                if scope not in paragraphs:
                    paragraphs[scope] = _Paragraph(scope)
                minutes = paragraphs[scope].duration(folded, mention)
            if minutes is None:
                continue
            written = _nearest_date(written_dates(raw), folded, mention.start, mention.end)
            on = mention.day or (written.resolve(None, day.replace(month=1, day=1) if day else None)[0]
                                 if written else None) or day
            if on is None:
                continue
            begin = datetime.combine(on, mention.clock).replace(tzinfo=mention.zone or _line_zone(line, plain(scope), zones) or tz)
            return (WrittenFact(begin.astimezone(tz), raw, line),
                    WrittenFact((begin + timedelta(minutes=minutes)).astimezone(tz), raw, line))
    return None, None


def _sentence_start(folded: str, sentence_ends: list[int], position: int) -> int:
    """Where the sentence holding `position` starts: the last sentence end before it, or
    `position` itself right after a stop ("v1.10:00" reads as "1." then a new sentence)."""
    if position and folded[position - 1] in ".;!?":
        return position
    return sentence_ends[bisect_right(sentence_ends, position) - 1] if sentence_ends and sentence_ends[0] <= position else 0


def stated_duration(body: Body, entries: frozenset[int] = frozenset()) -> WrittenFact | None:
    """How long the impact lasted, as a sentence of the prose states it ("had an
    outage lasting 2 hours and 28 minutes", "4 mins of downtime"): minutes, with the line. The sentence
    must name the impact (data/reading.yml's `window_range_words`): "logs are kept
    for 30 days" is no window."""
    impact = vocabulary().window_range_words
    for line, text, _ in _scoped_lines(body, entries):
        raw = plain(text)
        if not any(ch.isdigit() for ch in raw):
            continue
        folded = fold_same_length(raw)
        start = 0
        for stop in [*_SENTENCE_END.finditer(folded), None]:
            end = stop.start() if stop else len(folded)
            sentence = folded[start:end]
            start = stop.end() if stop else end
            if not any(ch.isdigit() for ch in sentence) or not any(word in sentence for word in impact):
                continue
            minutes = _duration_after(sentence, 0) or _duration_beside_impact(sentence)
            if minutes is not None:
                return WrittenFact(minutes, raw, line)
    return None
