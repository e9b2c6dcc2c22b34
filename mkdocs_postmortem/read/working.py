"""The postmortem while it is being read: every field of `Postmortem`, writable.

Reading fills a model in steps (the front matter, then body facts where the
front matter is silent, then the timeline's phase times...), so the reader
works on this mutable copy and builds the frozen `Postmortem` once, at the
end. Its fields and defaults are `Postmortem`'s own, so a field is declared
in one place.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, field, fields, make_dataclass
from typing import Any

from ..model import Postmortem


def _writable(declared: Field) -> tuple[str, Any, Field] | tuple[str, Any]:
    if declared.default is not MISSING:
        return declared.name, declared.type, field(default=declared.default)
    if declared.default_factory is not MISSING:
        return declared.name, declared.type, field(default_factory=declared.default_factory)
    return declared.name, declared.type


def _build(self) -> Postmortem:
    """The finished model; the working copy is not read again after this."""
    return Postmortem(**{declared.name: getattr(self, declared.name) for declared in fields(Postmortem)})


WorkingPostmortem = make_dataclass(
    "WorkingPostmortem",
    [_writable(declared) for declared in fields(Postmortem)],
    namespace={"build": _build, "__module__": __name__},
)
