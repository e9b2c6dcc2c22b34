"""One copy of each short string a set of checked models repeats.

Every model names the same fields (`field_lines`, `source_keys`, its front
matter's keys), states, sources, services, owners and phases. Read in one
process, each file's reading makes its own copies; sent back from a worker,
each model is unpickled on its own, with its own copies again. A build keeps
every model to its end: on the benchmark's 1000 postmortems the copies were
about 4.8 MB of the 12 MB the 500 models sent back by a worker take.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, is_dataclass

# Longer strings are text (a title, an action, a line of the file): seldom the same twice,
# and each would cost a hash to look up.
_LONGEST_SHARED = 64


class SharedStrings:
    """Replaces, inside the objects given, every short `str` by the first equal one seen."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._fields: dict[type, tuple[str, ...]] = {}  # a record's field names, by its class (none for any other object)

    def share(self, objects: Iterable[object]) -> None:
        for item in objects:
            self._visit(item)

    def _string(self, value: str) -> str:
        if len(value) > _LONGEST_SHARED:
            return value
        return self._first.setdefault(value, value)

    def _value(self, value: object) -> object:
        """`value` with its strings shared: the same object, except a string or a tuple made again."""
        kind = type(value)
        if kind is str:
            return self._string(value)  # type: ignore[arg-type]
        if kind is tuple:
            return tuple(self._value(item) for item in value)  # type: ignore[union-attr]
        if kind in (int, float, bool) or value is None:
            return value
        self._visit(value)
        return value

    def _visit(self, value: object) -> None:
        """Shares the strings held inside a list, dict or dataclass instance, in place."""
        kind = type(value)
        if kind is list:
            value[:] = [self._value(item) for item in value]  # type: ignore[index]
        elif kind is dict:
            items = [(self._value(key), self._value(item)) for key, item in value.items()]  # type: ignore[union-attr]
            value.clear()  # type: ignore[union-attr]
            value.update(items)  # type: ignore[union-attr]
        else:
            names = self._fields.get(kind)
            if names is None:
                names = self._fields[kind] = (
                    tuple(field.name for field in fields(value)) if is_dataclass(value) and not isinstance(value, type) else ()
                )
            for name in names:
                current = getattr(value, name, None)
                shared = self._value(current)
                if shared is not current:
                    object.__setattr__(value, name, shared)  # frozen records too
