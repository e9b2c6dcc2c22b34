"""What every check receives, and the few helpers several checks share.

Checks never parse Markdown again: they read the model the reader built and,
for wording rules, the lines of `pm.text` outside code. Those lines are
computed once per postmortem and shared by every check that needs them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from ..model import Postmortem, ProblemKind
from ..settings import Settings


class Finding(NamedTuple):
    """A problem before its level is decided (configuration, ignore list, draft).
    It carries no code: the rules stage gives it the code of the rule that found it."""

    line: int
    message: str


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_TYPOGRAPHIC_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class GatedPattern:
    """A regular expression tried only when one of its `words` is in the text.

    Searching for a literal is many times cheaper than running a pattern that
    starts with `\\b` and an alternation, and most files contain none of the
    words: the gate is what keeps wording rules cheap at thousands of files.
    """

    regex: re.Pattern[str]
    words: tuple[str, ...]
    ignore_case: bool = False

    def may_match(self, text: str, lowered: str) -> bool:
        haystack = lowered if self.ignore_case else text
        return not self.words or any(map(haystack.__contains__, self.words))


class _WordsPresent:
    """Which of many words a text holds, in one scan: a literal alternation finds each place
    a word starts (longest first), and the words the found one starts with are there too.

    For the case-sensitive gates: their words begin with capitals and signs ("YYYY", "XX",
    "/P", "TBD") a text rarely holds, so the scan skips from one candidate to the next in
    C, where one `in` per word read the whole text forty times. Words of one character are
    left to `in`, which finds them by `memchr`.
    """

    def __init__(self, words: Iterable[str]) -> None:
        longest_first = sorted({word for word in words if len(word) > 1}, key=lambda word: (-len(word), word))
        self._finder = re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        self._with_prefixes = {word: frozenset(w for w in longest_first if word.startswith(w)) for word in longest_first}

    def __call__(self, text: str) -> frozenset[str]:
        if self._finder is None:
            return frozenset()
        found: set[str] = set()
        match = self._finder.search(text)
        while match is not None:
            found |= self._with_prefixes[match.group()]
            # From the next character, not the match's end: a word may start inside another.
            match = self._finder.search(text, match.start() + 1)
        return frozenset(found)


@lru_cache(maxsize=64)
def _words_present(patterns: tuple[GatedPattern, ...]) -> _WordsPresent:
    return _WordsPresent(word for pattern in patterns if not pattern.ignore_case for word in pattern.words)


def gated_patterns(entries: Iterable[dict[str, Any]], ignore_case: bool = False) -> tuple[GatedPattern, ...]:
    result = []
    for entry in entries:
        folded = bool(entry.get("ignore_case", ignore_case))
        words = tuple(str(word).lower() if folded else str(word) for word in entry.get("words", ()))
        flags = re.IGNORECASE if ignore_case else 0
        result.append(GatedPattern(re.compile(entry["pattern"], flags), words, folded))
    return tuple(result)


def quote(text: str, limit: int = 60) -> str:
    """Text from the file as a message shows it: double-quoted, one line, not too long."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


class Context:
    def __init__(self, pm: Postmortem, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings

    def seen(self, kind: ProblemKind) -> Iterator[Finding]:
        """What the reader saw of `kind`, with the reader's line and words."""
        return (Finding(problem.line, problem.message) for problem in self.pm.problems if problem.kind is kind)

    @cached_property
    def lines(self) -> list[str]:
        return self.pm.text.split("\n")

    @cached_property
    def prose(self) -> list[tuple[int, str]]:
        """(line number, text) of body lines outside code blocks and HTML comments.

        Inline code spans are blanked out with spaces, so positions stay
        true; typographic apostrophes become plain ones so that one pattern
        matches both `n'a` and `n’a`.
        """
        result: list[tuple[int, str]] = []
        fence: str | None = None
        in_comment = False
        for number in range(max(self.pm.body_line, 1), len(self.lines) + 1):
            line = self.lines[number - 1]
            # Cheap string tests first: most lines have no fence, comment or code span.
            opening = _FENCE.match(line) if ("```" in line or "~~~" in line) else None
            if fence is not None:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    if not line.strip()[len(opening.group(1)):].strip():
                        fence = None
                continue
            if opening:
                fence = opening.group(1)
                continue
            if in_comment:
                end = line.find("-->")
                if end < 0:
                    continue
                line = " " * (end + 3) + line[end + 3:]
                in_comment = False
            if "<!--" in line:
                line = _blank_comments(line)
                if "<!--" in line:
                    in_comment = True
                    line = line[: line.index("<!--")]
            if "`" in line:
                line = _blank_code_spans(line)
            if "\u2019" in line or "\u2018" in line or "\u02bc" in line:
                line = line.translate(_TYPOGRAPHIC_APOSTROPHE)
            result.append((number, line))
        return result

    @cached_property
    def prose_text(self) -> str:
        """The prose lines joined by newlines, to search with one pass per pattern."""
        return "\n".join(line for _, line in self.prose)

    @cached_property
    def prose_lowered(self) -> str:
        return self.prose_text.lower()

    @cached_property
    def _prose_starts(self) -> list[int]:
        starts, offset = [], 0
        for _, line in self.prose:
            starts.append(offset)
            offset += len(line) + 1
        return starts

    @cached_property
    def _start_of_line(self) -> dict[int, int]:
        return {number: start for (number, _), start in zip(self.prose, self._prose_starts)}

    def offset_of(self, line: int) -> int:
        """Where a prose line starts in `prose_text`."""
        return self._start_of_line[line]

    def line_at(self, offset: int) -> int:
        """The file line of a position in `prose_text`."""
        return self.prose[bisect_right(self._prose_starts, offset) - 1][0]

    def search(self, patterns: Iterable[GatedPattern]) -> Iterator[tuple[int, re.Match[str], int]]:
        """(file line, match, index of the pattern) of every match in the prose."""
        patterns = tuple(patterns)
        text, lowered = self.prose_text, None
        present = _words_present(patterns)(text)
        for index, pattern in enumerate(patterns):
            if pattern.ignore_case:
                if lowered is None:
                    lowered = self.prose_lowered
                tried = pattern.may_match(text, lowered)
            else:
                tried = not pattern.words or any(word in present if len(word) > 1 else word in text for word in pattern.words)
            if tried:
                for match in pattern.regex.finditer(text):
                    yield self.line_at(match.start()), match, index


def _blank_comments(line: str) -> str:
    """Each `<!-- ... -->` of the line as spaces. String search, not `<!--.*?-->`: that pattern
    read to the end of the line from every "<!--" of a run of unclosed ones."""
    parts: list[str] = []
    done = 0
    start = line.find("<!--")
    while start >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            break  # no comment closes from here on
        parts += [line[done:start], " " * (end + 3 - start)]
        done = end + 3
        start = line.find("<!--", done)
    parts.append(line[done:])
    return "".join(parts)


def _blank_code_spans(line: str) -> str:
    r"""Each inline code span of the line as spaces, as `(`+)(?!`)(.+?)(?<!`)\1(?!`)` found them:
    an opening run of backticks (or the end of one) up to the next run of the same length.

    Runs are listed once and each is looked up by length, where that pattern read to the end of
    the line from every backtick that opened nothing.
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    parts: list[str] = []
    done = 0
    index = 0
    while index < len(runs):
        start, end = runs[index]
        closing = None
        for length in range(end - start, 0, -1):  # the whole run opens first, then its shorter tails
            later = by_length.get(length, ())
            at = bisect_right(later, index)
            if at < len(later):
                closing = later[at]
                break
        if closing is None:
            index += 1
            continue
        opened = end - length
        parts += [line[done:opened], " " * (runs[closing][1] - opened)]
        done = runs[closing][1]
        index = closing + 1
    parts.append(line[done:])
    return "".join(parts)


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


# `\s*(?:\|\s*)?` where `\s*\|?\s*` tried every way to share a run of blanks between two `\s*`.
_TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")


def table_cells(line: str) -> list[str]:
    """Cells of a Markdown table row; [] for the |---|---| rule line."""
    if _TABLE_RULE.match(line):
        return []
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", stripped)]
