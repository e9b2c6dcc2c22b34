"""What a `mkdocs serve --dirty` rebuild leaves as the last build wrote it.

A generated page's body itself comes from the stored parts (render/stored.py,
kept in memory under `serve`); here a page whose body did not change is not
written again.
"""

from __future__ import annotations

import hashlib
import os

from mkdocs.structure.files import File

from ...render.memo import RenderMemo


class GeneratedPageFile(File):
    """The virtual file of a generated page."""

    unchanged = False  # set on a dirty rebuild when its body is the last build's

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


class PageCache:
    def __init__(self, memo: RenderMemo) -> None:
        self.memo = memo

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
