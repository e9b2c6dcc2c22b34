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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import jinja2

from .memo import RenderMemo
from .stored import context_digest


def kept_row(macro: Callable[..., Any], *arguments: Any) -> Any:
    """`{{ kept_row(incident_row, row, ...) }}` where nothing is kept: the macro's HTML."""
    return macro(*arguments)


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
            return macro(*arguments)
        name = getattr(macro, "name", None) or repr(macro)
        key = ("row", templates_key, name, labels_digest(context.get("t")), digest)
        return memo.get(key, lambda: macro(*arguments))

    return remembered
