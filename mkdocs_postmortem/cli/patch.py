"""A change to one file as a unified diff that `patch -p1` and `git apply` accept.

The diff is made of the file's bytes, split at LF as both tools split them,
so CRLF endings, a legacy encoding and characters such as U+2028 come out
exactly as they are on disk; a last line without a newline gets the
"\\ No newline at end of file" marker. A path that needs it is quoted the
way git quotes it, so a newline in a file name cannot start a line of its own.

A patch cannot escape its lines, and GitHub Actions reads a context line
(" ::error ...") of a postmortem as a workflow command: in a GitHub Actions
job the patch is printed between `::stop-commands::` and its resume line,
which `patch` and `git apply` skip as text around the patch.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import secrets
from collections.abc import Iterator
from typing import BinaryIO

NO_NEWLINE = b"\\ No newline at end of file\n"


def unified_patch(path: str, old: bytes, new: bytes) -> bytes:
    """The diff that turns `old` into `new`, for the file at `path` (relative, forward slashes)."""
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        _lf_lines(old),
        _lf_lines(new),
        fromfile=quoted_path("a/" + path),
        tofile=quoted_path("b/" + path),
    )
    return b"".join(_marked(lines))


def _lf_lines(data: bytes) -> list[bytes]:
    """Lines ended by LF only (a CR stays inside its line, as patch reads it)."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _marked(lines: Iterator[bytes]) -> Iterator[bytes]:
    for line in lines:
        if line.startswith((b"---", b"+++")) and not line.endswith(b"\n"):
            yield line + b"\n"  # difflib leaves the header lines unended
        elif line.endswith(b"\n"):
            yield line
        else:
            yield line + b"\n" + NO_NEWLINE


def quoted_path(path: str) -> bytes:
    """The path as git writes it in a diff header: as is when plain, else in double
    quotes with C escapes and every byte outside printable ASCII in octal."""
    raw = path.encode("utf-8", errors="surrogateescape")
    if all(0x20 < byte < 0x7F and byte not in b'"\\' for byte in raw):
        return raw
    escaped = bytearray(b'"')
    for byte in raw:
        if byte in b'"\\':
            escaped += b"\\" + bytes([byte])
        elif byte in _C_ESCAPES:
            escaped += _C_ESCAPES[byte]
        elif 0x20 <= byte < 0x7F:
            escaped.append(byte)
        else:
            escaped += b"\\%03o" % byte
    return bytes(escaped + b'"')


_C_ESCAPES = {0x07: b"\\a", 0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0B: b"\\v", 0x0C: b"\\f", 0x0D: b"\\r"}


@contextlib.contextmanager
def workflow_commands_paused(stream: BinaryIO) -> Iterator[None]:
    """Within the block, GitHub Actions runs no workflow command printed to `stream`."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        yield
        return
    token = secrets.token_hex(16)
    stream.write(f"::stop-commands::{token}\n".encode())
    try:
        yield
    finally:
        stream.write(f"::{token}::\n".encode())
