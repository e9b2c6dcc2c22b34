"""Table rows of the generated pages, rendered once per content across `mkdocs serve` rebuilds.

After one edit, the tracker, the service pages and the incident lists change
by a row or two, yet rendering them again whole renders thousands of rows that
are the same as last time (the tracker alone has one per action item of the
handbook). The row macros of `partials/macros.html` are called through
`kept_row(macro, *arguments)`: outside `serve` it only calls the macro; under
`serve` the row's HTML is kept under everything it is made from, which is its
arguments (plain data: the row's own fields and the table's switches), the
labels `t` it reads from the page's context and the templates it is rendered
from (`templates_key`, a digest of their contents). A row whose arguments
cannot be written as JSON is rendered every time: a repr could hide what
changed.

Rendered through `page_with_rows`, a page's rows are gathered apart as UTF-8
and the page's text holds a short token for each, put back when the page is
joined: a macro's output is one string made of its parts, so the tracker's
thousands of rows were held as a list of strings, then as the table's string,
then again as each enclosing macro's (the listing, the tracker's table), at
two bytes a character for a page of several MB. A site's own template that filters
a table's output ("| upper", "| truncate") makes a row's token unfindable: such a
page is rendered again as Jinja renders it, whole. A filter that keeps the token
as it is ("| striptags") sees the token, not the row: filter the rows' macro instead.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

import jinja2
from markupsafe import Markup

from .memo import RenderMemo
from .stored import context_digest


class _PageRows:
    """The rows of the page being rendered, as UTF-8, each stood for by a token in the page's text.

    A token carries a nonce drawn for this page: text an author wrote cannot spell one."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self.rows: list[bytes] = []
        self.put_back = 0
        self._token = re.compile("\x00" + self.nonce + "([0-9]+)\x00")

    def add(self, html: Any) -> Any:
        if not isinstance(html, str):
            return html
        self.rows.append(html.encode("utf-8", "surrogatepass"))
        return Markup(f"\x00{self.nonce}{len(self.rows) - 1}\x00")

    def write(self, chunk: str, into: bytearray) -> None:
        """`chunk` appended to `into` as UTF-8, each token replaced by its row."""
        if "\x00" not in chunk or not self.rows:
            into += chunk.encode("utf-8", "surrogatepass")
            return
        done = 0
        for match in self._token.finditer(chunk):
            index = int(match.group(1))
            if index >= len(self.rows):
                continue
            into += chunk[done : match.start()].encode("utf-8", "surrogatepass")
            into += self.rows[index]
            self.put_back += 1
            done = match.end()
        into += chunk[done:].encode("utf-8", "surrogatepass")


_PAGE_ROWS: ContextVar[_PageRows | None] = ContextVar("postmortem_page_rows", default=None)


def page_with_rows(chunks: Callable[[], Iterable[str]], utf8: bool = False) -> str | bytearray:
    """The page `chunks()` generates (a template's `generate`), its rows gathered apart as UTF-8
    while it renders (see the module's docstring) and put back in place: one string, or with
    `utf8` the page's UTF-8 (lone surrogates as they were), never made a string whole."""
    rows = _PageRows()
    data = bytearray()
    token = _PAGE_ROWS.set(rows)
    try:
        for chunk in chunks():
            rows.write(chunk, data)
    finally:
        _PAGE_ROWS.reset(token)
    if rows.put_back != len(rows.rows):
        # A filter in a site's own template ("| upper", "| truncate") changed, cut or repeated a
        # row's token: its rows would be lost or doubled. Rendered again as Jinja renders it.
        del data
        text = "".join(chunks())
        return bytearray(text.encode("utf-8", "surrogatepass")) if utf8 else text
    del rows
    return data if utf8 else data.decode("utf-8", "surrogatepass")


def _gathered(html: Any) -> Any:
    rows = _PAGE_ROWS.get()
    return html if rows is None else rows.add(html)


def kept_row(macro: Callable[..., Any], *arguments: Any) -> Any:
    """`{{ kept_row(incident_row, row, ...) }}` where nothing is kept: the macro's HTML."""
    return _gathered(macro(*arguments))


def remembering_rows(memo: RenderMemo, templates_key: str) -> Callable[..., Any]:
    """A `kept_row` for one build whose rows are kept in `memo` (which drops, at the start of
    the next build, the rows this build did not ask for)."""
    labels_digests: dict[int, tuple[object, str]] = {}

    def labels_digest(labels: object) -> str:
        # One labels mapping serves every page of a build: digested once, held so its id stays its own.
        held = labels_digests.get(id(labels))
        if held is None or held[0] is not labels:
            text = json.dumps(labels, sort_keys=True, ensure_ascii=False, default=str)
            held = labels_digests[id(labels)] = (labels, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        return held[1]

    @jinja2.pass_context
    def remembered(context: jinja2.runtime.Context, macro: Callable[..., Any], *arguments: Any) -> Any:
        # A digest, not the text: thousands of rows are kept, and their arguments run to a kilobyte each.
        digest = context_digest(arguments)
        if digest is None:
            return _gathered(macro(*arguments))
        name = getattr(macro, "name", None) or repr(macro)
        key = ("row", templates_key, name, labels_digest(context.get("t")), digest)
        return _gathered(memo.get(key, lambda: macro(*arguments)))

    return remembered
