"""Other tools' front matter, read through the named profiles of
data/profiles.yml: the profile whose `detect` keys a file has is chosen
automatically, its keys are read as the plugin's fields where they map, and
the rest of its keys belong to the tool (no typo, no wrong value of ours)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text import load_data


@dataclass(frozen=True)
class Profile:
    name: str
    detect: tuple[frozenset[str], ...]  # sets of keys, any of which chooses the profile
    fields: dict[str, str]  # the tool's key -> the plugin's field
    keys: frozenset[str]  # every key of the tool


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    return tuple(
        Profile(
            name=str(name),
            detect=tuple(frozenset(str(key) for key in keys) for keys in spec["detect"]),
            fields={str(key): str(target) for key, target in spec["fields"].items()},
            keys=frozenset(str(key) for key in spec["keys"]) | frozenset(str(key) for key in spec["fields"]),
        )
        for name, spec in load_data("profiles.yml").items()
    )


def profile_named(name: str | None) -> Profile | None:
    return next((profile for profile in profiles() if profile.name == name), None)


def chosen_profile(front_matter: dict[str, Any]) -> Profile | None:
    """The first profile one of whose `detect` sets of keys the front matter has."""
    keys = {str(key) for key in front_matter}
    return next((p for p in profiles() if any(detect <= keys for detect in p.detect)), None)
