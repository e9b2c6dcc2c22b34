"""Rendering results kept across `mkdocs serve` rebuilds.

A dirty rebuild after one edit re-renders every generated page (they list the
whole handbook), but most of what those pages are made of did not change:
the trend chart of a service nobody touched, the heading anchors of the 999
files that were not edited, the compiled page templates. Each value is keyed
by everything it is computed from, so a stale value cannot be served; values
a build did not ask for are dropped at the start of the next one, so the
memo stays the size of one build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class RenderMemo:
    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._used: set[Hashable] = set()

    def start_build(self) -> None:
        self._values = {key: value for key, value in self._values.items() if key in self._used}
        self._used = set()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        self._used.add(key)
        if key in self._values:
            return self._values[key]
        value = self._values[key] = make()
        return value

    def get_with(self, key: Hashable, objects: Sequence[object], make: Callable[[], T]) -> T:
        """`make()` kept under `key` and the identity of `objects` (models, which never
        change once read: a serve rebuild keeps those of unchanged files). The objects
        are held with the value, so an id is never that of another object."""
        objects = tuple(objects)
        full_key = (key, tuple(map(id, objects)))
        self._used.add(full_key)
        held = self._values.get(full_key)
        if held is not None and all(a is b for a, b in zip(held[0], objects)):
            return held[1]
        value = make()
        self._values[full_key] = (objects, value)
        return value

    def put(self, key: Hashable, value: Any) -> Any:
        """Keep `value` under `key`; the value it replaces, None if none."""
        self._used.add(key)
        previous = self._values.get(key)
        self._values[key] = value
        return previous
