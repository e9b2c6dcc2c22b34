"""Rendered parts kept between builds: on disk (cache.RenderStore), and in memory across serve rebuilds.

A warm build meets the same models, the same HTML from MkDocs and the same
templates as the last one, and would render the same parts again: postmortem
bodies, timeline charts, trend charts, page headers and the generated pages.
Each part is kept under a key made of everything it is made from, so a part
whose inputs changed is a miss and is rendered again; what depends on the day
of the build is either in the key (the contexts of templates hold the overdue
counts and dates they show) or computed outside the kept part.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import Any

from ..cache import RenderStore, render_key
from ..learning.similarity import (
    Similarity,
    similarity_from_text,
    similarity_input,
    similarity_of,
    similarity_text,
)
from ..learning.terms import document_terms, terms_from_text, terms_text
from ..model import Postmortem
from .memo import RenderMemo

# Libraries whose version changes a rendered part (the reader's are in the store's environment already).
RENDERING_LIBRARIES = ("nh3", "plotly", "jinja2", "markupsafe", "snowballstemmer", "markdown", "mkdocs")


@functools.cache
def libraries_key() -> str:
    versions = []
    for name in RENDERING_LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=")
    return " ".join(versions)


class StoredRenders:
    """`text(kind, parts, make)`: `make()`, or what it gave before for the same kind and parts.

    Without a store (`cache: false`) and without a memo, every part is made.
    """

    def __init__(self, store: RenderStore | None = None, memo: RenderMemo | None = None) -> None:
        self.store = store
        self.memo = memo
        self.made = 0  # parts rendered, not found (for tests and benchmarks)
        self.found = 0  # parts found on disk

    @property
    def enabled(self) -> bool:
        return self.store is not None or self.memo is not None

    def text(self, kind: str, parts: tuple[str | bytes, ...], make: Callable[[], str]) -> str:
        if not self.enabled:
            return make()
        key = render_key(kind, libraries_key(), *parts)
        if self.memo is not None:
            return self.memo.get(("stored", key), lambda: self._from_store(key, make))
        return self._from_store(key, make)

    def find(self, kind: str, parts: tuple[str | bytes, ...]) -> str | None:
        """What `keep` kept on disk under the same kind and parts, or None (never made here)."""
        if self.store is None:
            return None
        found = self.store.get(render_key(kind, libraries_key(), *parts))
        if found is not None:
            self.found += 1
        return found

    def keep(self, kind: str, parts: tuple[str | bytes, ...], text: str | bytes | bytearray) -> None:
        """`text` kept on disk under the kind and parts, for `find` in a later build."""
        if self.store is not None:
            self.made += 1
            self.store.put(render_key(kind, libraries_key(), *parts), text)

    def _from_store(self, key: bytes, make: Callable[[], str]) -> str:
        if self.store is not None:
            found = self.store.get(key)
            if found is not None:
                self.found += 1
                return found
        text = make()
        self.made += 1
        if self.store is not None:
            self.store.put(key, text)
        return text


def offer_stored_terms(postmortems: list[Postmortem], model_keys: dict[str, str], stored: StoredRenders) -> None:
    """Each model's terms for similar incidents (learning/terms.py) from `stored`, or worked out
    and stored, when similar incidents are worked out: they depend on the model alone, which
    `model_keys` names (cache.entry_key)."""
    if stored.store is None:
        return  # under serve without a cache on disk, the similarity's own memo keeps them
    for pm in postmortems:
        key = model_keys.get(pm.src_uri)
        if key is None or similarity_of.holds_terms(pm):
            continue
        similarity_of.offer_terms(
            pm, lambda pm=pm, key=key: terms_from_text(
                stored.text("terms", (key,), lambda: terms_text(document_terms(pm))))
        )


def offer_stored_similarity(postmortems: list[Postmortem], model_keys: dict[str, str], stored: StoredRenders) -> None:
    """The handbook's similar incidents from `stored`, or worked out and stored. They depend on
    what `similarity_input` gives of each model, in order, and on nothing else: a build after an
    edit that leaves every incident's words, services, tags and id as they were (a severity, a
    status, a date, an action item) finds the answer of the build before it, and reads no terms."""
    if stored.store is None or similarity_of.holds_result(postmortems):
        return
    if not postmortems or any(model_keys.get(pm.src_uri) is None for pm in postmortems):
        return  # a page without a file of its own (another plugin's): worked out when asked for
    inputs = hashlib.sha256()
    for pm in postmortems:
        data = similarity_input(pm).encode("utf-8", "surrogatepass")
        inputs.update(len(data).to_bytes(8, "big") + data)
    key = inputs.hexdigest()

    def load() -> Similarity | None:
        text = stored.text("similar incidents", (key,), lambda: similarity_text(similarity_of(postmortems)))
        if similarity_of.holds_result(postmortems):
            return None  # worked out just now
        return similarity_from_text(text, {pm.src_uri: pm for pm in postmortems})

    # Read back when first asked for: a build whose pages all come from the cache never asks.
    similarity_of.offer_later(postmortems, load, key)


def context_digest(context: Any) -> str | None:
    """A digest of a template's context (or a macro's arguments), None when it holds something JSON cannot write
    (then the part is rendered every time: a repr could hide what changed).

    The digest of `json.dumps(context)`, fed piece by piece: the tracker's context written whole
    was a string of several MB, two bytes a character with one accented letter in it, then its
    UTF-8 copy, at the build's peak. Each value of the context is written at once, a long list
    (rows, items) `_ROWS_AT_ONCE` items at a time: one piece per row, or per value of a value, cost a
    build after an edit a second of CPU at 1,000 postmortems (3,000 contexts of page parts, the
    tracker's 6,000 rows)."""
    digest = hashlib.sha256()
    try:
        # Keys in their order: a template that walks a mapping shows that order.
        for piece in _json_pieces(context):
            digest.update(piece.encode("utf-8", "surrogatepass"))
    except (TypeError, ValueError):
        return None
    return digest.hexdigest()


_ROWS_AT_ONCE = 256  # items of a long list written in one piece


def _json_pieces(context: Any) -> Iterator[str]:
    """`json.dumps(context, ensure_ascii=False, allow_nan=False)` in pieces: a mapping with string keys
    one value at a time, and each long list (tuple) in it or as it `_ROWS_AT_ONCE` items at a time."""
    if type(context) is dict and all(type(key) is str for key in context):
        yield "{"
        for index, (key, value) in enumerate(context.items()):
            yield (", " if index else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from _value_pieces(value)
        yield "}"
    else:
        yield from _value_pieces(context)


def _value_pieces(value: Any) -> Iterator[str]:
    if type(value) in (list, tuple) and len(value) > _ROWS_AT_ONCE:
        yield "["
        for start in range(0, len(value), _ROWS_AT_ONCE):
            # A slice's text without its brackets: the items as the whole list's text has them.
            chunk = json.dumps(value[start : start + _ROWS_AT_ONCE], ensure_ascii=False, allow_nan=False)
            yield (", " if start else "") + chunk[1:-1]
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=False, allow_nan=False)
