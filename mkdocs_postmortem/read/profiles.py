"""Other tools' front matter, read through the named profiles of
data/profiles.yml: the profile whose `detect` keys a file has is chosen
automatically, its keys are read as the plugin's fields where they map, and
the rest of its keys belong to the tool (no typo, no wrong value of ours)."""

from __future__ import annotations

import re
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
    updates: re.Pattern[str] | None  # a status update line of the tool's body


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    return tuple(
        Profile(
            name=str(name),
            detect=tuple(frozenset(str(key) for key in keys) for keys in spec["detect"]),
            fields={str(key): str(target) for key, target in spec["fields"].items()},
            keys=frozenset(str(key) for key in spec["keys"]) | frozenset(str(key) for key in spec["fields"]),
            updates=re.compile(spec["updates"]) if spec.get("updates") else None,
        )
        for name, spec in load_data("profiles.yml").items()
    )


def profile_named(name: str | None) -> Profile | None:
    return next((profile for profile in profiles() if profile.name == name), None)


def chosen_profile(front_matter: dict[str, Any]) -> Profile | None:
    """The first profile one of whose `detect` sets of keys the front matter has."""
    keys = {str(key) for key in front_matter}
    return next((p for p in profiles() if any(detect <= keys for detect in p.detect)), None)


def status_update_rows(profile: Profile, text: str, first_line: int) -> list[tuple[int, str, str, dict[str, str]]]:
    """The tool's status updates in the body, as timeline rows in time order:
    (line, time as written, "Label: text", {})."""
    if profile.updates is None:
        return []
    lines = text.split("\n")
    rows = []
    for index, line in enumerate(lines):
        match = profile.updates.match(line.strip())
        if match is None:
            continue
        said = match.groupdict().get("text")
        if said is None:
            said = next((later.strip() for later in lines[index + 1:] if later.strip()), "")
            said = "" if said.startswith(":::") else said
        rows.append((first_line + index, match["time"].strip(), f"{match['label'].strip()}: {said.strip()}", {}))
    return sorted(rows, key=lambda row: row[1])
