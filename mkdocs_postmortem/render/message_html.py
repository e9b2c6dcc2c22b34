"""Diagnostic messages as HTML: the rules write them for terminals, with `code
spans` around what to type; pages show those spans as code.

A message quotes what the author wrote (titles, action items, phrases), so it is
escaped first and only then are its backtick spans turned into <code>: nothing
the author wrote becomes markup.
"""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

# A span opens at a backtick and closes at the next one; no backtracking beyond
# one scan to the next backtick, so linear in the message's length.
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def message_html(message: str) -> Markup:
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escape(message, quote=True)))
