"""Text from files made safe for a terminal and a CI log, in one place.

A diagnostic is one line: `path:line: CODE message`. Paths and messages quote
what files hold (a YAML error, a `related` value, a file name), and a newline
there would forge a second diagnostic, an escape sequence would clear or
recolour the terminal, and a bidirectional override would show the line in
another order than it is read. They are shown as escapes instead; JSON output
keeps the exact text.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Control, format (bidi overrides, zero-width), line and paragraph separators,
# lone surrogates (undecodable file names) and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})


def one_line(text: str) -> str:
    """`text` with every character that could break or disguise a log line escaped."""
    if text.isprintable():
        return text
    return "".join(_shown(ch) for ch in text)


def _shown(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    if unicodedata.category(ch) not in _HIDDEN_CATEGORIES:
        return ch  # no-break and other spaces are printable text
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
