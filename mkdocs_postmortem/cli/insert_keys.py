"""Front-matter keys inserted into a file's bytes, every other byte kept.

`fix` adds lines and changes nothing else: the new bytes are the old ones
with a block spliced in, encoded as the file is (UTF-8, with or without a
byte-order mark, or the Windows-1252 the reader falls back to) and ended as
its lines are (LF, CRLF or CR). Lines are counted as the reader counts them
(LF, CRLF and CR only), so a U+2028, U+0085 or form feed inside a line never
moves the insertion point. What cannot be written that way is refused with
the reason, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..read.frontmatter import YAML, front_matter_format, split_front_matter

UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian mark starts with UTF-16's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
LEGACY = "cp1252"  # what read/encoding.py reads a file in when it is not UTF-8
_LINE_END = re.compile(r"\r\n|\r|\n")


class CannotInsert(Exception):
    """Why the keys cannot be written into this file without changing anything else."""


def file_encoding(content: bytes) -> str:
    """`utf-8` or the legacy code page the reader used; refuses what the reader cannot read as text."""
    for mark, name in _WIDE_BOMS:
        if content.startswith(mark):
            raise CannotInsert(
                f"the file is {name} (it starts with a {name} byte-order mark), which postmortems cannot be: "
                f"convert it to UTF-8 (iconv -f {name} -t UTF-8) and run fix again"
            )
    if b"\x00" in content:
        raise CannotInsert("the file holds NUL bytes and looks binary, not Markdown; it was left alone")
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return LEGACY
    return "utf-8"


def with_keys(content: bytes, key_lines: Sequence[str]) -> bytes:
    """`content` with `key_lines` (one YAML `key: value` each) at the end of its front matter,
    or in a new front matter block at its top when it has none."""
    encoding = file_encoding(content)
    bom = UTF8_BOM if encoding == "utf-8" and content.startswith(UTF8_BOM) else b""
    text = content[len(bom):].decode(encoding, errors="surrogateescape")
    newline = _first_line_end(text)
    block = "".join(f"{line}{newline}" for line in key_lines)
    language = front_matter_format(_LINE_END.sub("\n", text))
    if language not in (None, YAML):
        raise CannotInsert(
            f"the front matter is {language.upper()}, another tool's; fix writes YAML and would add a second "
            f"front matter: add the fields to the {language.upper()} block by hand (show lists what the body states)"
        )
    _, body_line = split_front_matter(_LINE_END.sub("\n", text))
    if body_line == -1:
        raise CannotInsert(
            "line 1 opens a front matter ('---') that is never closed; fix would add a second one: "
            "add the closing '---' line after the last YAML field (check shows the file as the build reads it)"
        )
    if body_line == 1:  # no front matter: a block of its own at the top
        at, block = 0, f"---{newline}{block}---{newline}"
    else:  # before the closing `---`, on line body_line - 1
        at = _line_start(text, body_line - 1)
    try:
        inserted = block.encode(encoding)
    except UnicodeEncodeError as problem:
        raise CannotInsert(
            f"the file is not UTF-8 (it was read as Windows-1252) and the new keys hold "
            f"{problem.object[problem.start:problem.end]!r}, which Windows-1252 cannot write: "
            "save the file as UTF-8 and run fix again"
        ) from None
    offset = len(bom) + len(text[:at].encode(encoding, errors="surrogateescape"))
    return content[:offset] + inserted + content[offset:]


def _first_line_end(text: str) -> str:
    found = _LINE_END.search(text)
    return found.group() if found else "\n"


def _line_start(text: str, line: int) -> int:
    """Where line `line` (1-based, lines ended by LF, CRLF or CR) starts in `text`."""
    position = 0
    for _, found in zip(range(line - 1), _LINE_END.finditer(text)):
        position = found.end()
    return position
