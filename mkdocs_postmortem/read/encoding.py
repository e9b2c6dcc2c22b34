"""From the bytes on disk to the text the reader works on.

Files arrive as UTF-8, sometimes with a byte-order mark, Windows line endings,
in a legacy code page, or as UTF-8 that was once decoded as Mac Roman or
Windows-1252 ("R√©sum√©" for "Résumé", seed 002). The text is normalised
so that line numbers stay those of the file, and mojibake is repaired with
ftfy, remembering which lines changed so the author can be told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ftfy
from ftfy.badness import BADNESS_RE

from ..model import ProblemKind, ReadProblem


@dataclass
class Decoded:
    text: str
    problems: list[ReadProblem] = field(default_factory=list)
    repaired: list[tuple[int, str, str]] = field(default_factory=list)


def decode(source: bytes | str) -> Decoded:
    problems: list[ReadProblem] = []
    if isinstance(source, bytes):
        text, problem = _decode_bytes(source)
        if problem:
            problems.append(problem)
    else:
        text = source
    text = text.removeprefix("\ufeff")
    # markdown-it counts lines by "\n" only, so every other line ending
    # becomes one; "\r\n" first so that it counts once.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                line,
                "the file contains NUL bytes and looks binary, not Markdown; "
                "keep only text postmortems in the postmortem folder",
            )
        )
        text = text.replace("\x00", "\ufffd")
    # What was repaired is recorded (the rules' PM104 tells the author); the text read on is repaired.
    text, repaired = repair_mojibake(text)
    return Decoded(text, problems, repaired)


def _decode_bytes(data: bytes) -> tuple[str, ReadProblem | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    # Not UTF-8: most often a French file saved as Windows-1252 / Latin-1,
    # which cp1252 reads correctly; undefined bytes become U+FFFD.
    return data.decode("cp1252", errors="replace"), ReadProblem(
        ProblemKind.NOT_UTF8,
        line,
        "the file is not valid UTF-8 (first bad byte on this line); it was read as "
        "Windows-1252, check accented letters and save the file as UTF-8",
    )


def _mojibake_clue() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(Where to look, what to look for): a cheap necessary condition for ftfy to find anything to repair.

    A UTF-8 character read through a one-byte code page becomes a lead
    character (bytes C2-F4) followed by continuation characters (bytes
    80-BF), both in the code page it was read through, one of those ftfy
    tries; ftfy also restores a lead character whose continuation became a
    space ("Ã " for "à"), and C1 control characters. Text with none of these
    cannot hold mojibake, and skipping ftfy's scoring for it saves most of the
    reader's time on ordinary French files (one "é" at a time is not a clue).
    A lead and a continuation are taken from the same code page: "créé" is a
    Latin-1 lead followed by a Mac Roman continuation, which no reading of
    UTF-8 through one code page writes (a clue in 4 of 10 French files
    before, 1.1 ms of ftfy's scoring each).
    """
    import ftfy.chardata  # registers ftfy's "sloppy-windows-*" codecs

    def rendered(codec: str, values: range | tuple[int, ...]) -> set[str]:
        found = set()
        for value in values:
            try:
                found.add(bytes([value]).decode(codec))
            except UnicodeDecodeError:
                continue
        return found - {chr(c) for c in range(128)}

    def chars(found: set[str]) -> str:
        return "".join(re.escape(ch) for ch in sorted(found))

    codecs = list(ftfy.chardata.CHARMAP_ENCODINGS)
    sequences = [
        f"[{chars(rendered(codec, range(0xC2, 0xF5)))}][{chars(rendered(codec, range(0x80, 0xC0)) | {chr(0xFFFD), chr(0x1A)})}]"
        for codec in codecs
    ]
    before_space = set().union(*(rendered(c, (0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9)) for c in codecs if c != "macroman"))
    others = [f"[{chars(before_space)}] ", "[\x80-\x9f]"]
    # Ten alternatives tried at every character are slow: one pair of classes, the leads and
    # continuations of every code page together, finds where to try them.
    any_lead = set().union(*(rendered(codec, range(0xC2, 0xF5)) for codec in codecs))
    any_continuation = set().union(*(rendered(codec, range(0x80, 0xC0)) for codec in codecs)) | {chr(0xFFFD), chr(0x1A)}
    # The same three alternatives behind one class of every character that can open them, each
    # told apart by a look back at that character: a pattern that opens with a class lets the
    # regex engine skip in C to the next character of it (none in most of an English or French
    # text), where alternatives opening with classes were tried at every character.
    openings = any_lead | before_space | {chr(c) for c in range(0x80, 0xA0)}
    candidates = (
        f"[{chars(openings)}](?:(?<=[{chars(any_lead)}])[{chars(any_continuation)}]"
        f"|(?<=[{chars(before_space)}]) |(?<=[\x80-\x9f]))"
    )
    return re.compile(candidates), re.compile("|".join([*sequences, *others]))


_CANDIDATE, _MOJIBAKE_CLUE = _mojibake_clue()


def _maybe_mojibake(text: str) -> bool:
    found = _CANDIDATE.search(text)
    while found is not None:
        if _MOJIBAKE_CLUE.match(text, found.start()):
            return True
        found = _CANDIDATE.search(text, found.start() + 1)
    return False


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
# Every sequence ftfy's badness pattern matches holds a character outside ASCII among its
# first three (tests/test_read_encoding.py checks it of the installed ftfy's pattern).
_BADNESS_REACH = 2


def _looks_bad(text: str) -> bool:
    """`ftfy.badness.is_bad(text)`, the pattern tried only where a match can start: at most
    `_BADNESS_REACH` characters before a character outside ASCII. ftfy repairs nothing in a
    text that does not look bad, and its own search tries its forty alternatives at every
    character of the file (1 ms of a French file where "jusqu’à" is a clue, 0.2 ms here)."""
    tried = -1
    for found in _NOT_ASCII.finditer(text):
        position = found.start()
        for start in range(max(position - _BADNESS_REACH, tried + 1), position + 1):
            if BADNESS_RE.match(text, start):
                return True
        tried = position
    return False


def repair_mojibake(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Text with mojibake repaired, and the (line, before, after) of each changed line.

    ftfy.fix_encoding works on the whole text (it needs the context) and only
    undoes mis-decoding: unlike fix_text it keeps curly quotes, emoji and
    everything else a clean file holds, so clean files come back unchanged.
    """
    if text.isascii() or not _maybe_mojibake(text) or not _looks_bad(text):
        return text, []  # what ftfy.fix_encoding gives back
    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return text, []
    before_lines = text.split("\n")
    after_lines = fixed.split("\n")
    if len(before_lines) != len(after_lines):
        # A repair that merged or split lines would shift every line number:
        # repair line by line instead.
        after_lines = [ftfy.fix_encoding(line) for line in before_lines]
        fixed = "\n".join(after_lines)
    repaired = [
        (number, before, after)
        for number, (before, after) in enumerate(zip(before_lines, after_lines), start=1)
        if before != after
    ]
    return fixed, repaired
