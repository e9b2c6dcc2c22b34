"""Generated page bodies kept across `mkdocs serve` rebuilds.

A page body is keyed by its template (and the modification times of every
page template the theme folders hold), the URL it is rendered at, and a
digest of its context. The context is the key rather than the view's inputs
because it is exactly and only what the template reads: the inputs are the
whole handbook and every page's URL, of which each page shows a part (a
service page does not change when another service's incident is edited), and
the chart slots in it are content hashes of the charts. Computing it costs a
walk of the page's own rows; rendering it, which the key saves, costs far more.
The context is plain data (no helpers, no dates): a value JSON cannot write
is a bug of the view, not something to stringify.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import cached_property
from typing import Any

import jinja2
from mkdocs.structure.files import File

from ...render.memo import RenderMemo


class GeneratedPageFile(File):
    """The virtual file of a generated page."""

    unchanged = False  # set on a dirty rebuild when its body is the last build's

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


def context_digest(context: dict[str, Any]) -> str:
    data = json.dumps(context, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class PageCache:
    def __init__(self, memo: RenderMemo, env: jinja2.Environment) -> None:
        self.memo = memo
        self.env = env

    def body(self, here: File, template: str, context: dict[str, Any], render: Callable[[], str]) -> str:
        """The page's body HTML from the last build when its template and context are the same."""
        key = ("page html", here.src_uri, here.url, template, self._templates_stamp, context_digest(context))
        return self.memo.get(key, render)

    def note_unchanged(self, file: File, body_html: str) -> None:
        """On a `serve --dirty` rebuild, a generated page whose body is the same
        as the last build's is left as written: after one edit, most of them are.

        The body holds the slot keys of everything held back (content hashes), so
        a changed row or chart changes it too. Like every page MkDocs leaves
        alone on a dirty build, its navigation may be out of date.
        """
        digest = hashlib.sha256(body_html.encode("utf-8")).hexdigest()
        previous = self.memo.put(("page body", file.src_uri, file.dest_uri), digest)
        if isinstance(file, GeneratedPageFile):
            file.unchanged = previous == digest

    @cached_property
    def _templates_stamp(self) -> tuple:
        """Path and modification time of every page template the theme folders hold."""
        stamp = []
        for folder in getattr(self.env.loader, "searchpath", []):
            for root, _, names in os.walk(os.path.join(folder, "postmortem")):
                for name in sorted(names):
                    path = os.path.join(root, name)
                    stamp.append((path, os.path.getmtime(path)))
        return tuple(sorted(stamp))
