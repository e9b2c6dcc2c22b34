"""Other tools' front matter, read through the named profiles of
data/profiles.yml: every profile whose `detect` condition a file meets is
chosen automatically (a status page's keys and a site generator's keys can
meet in one file), its keys are read as the plugin's fields where they map,
and the rest of its keys belong to the tool (no typo, no wrong value of ours)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text import fold, load_data

_JOIN = "+"  # "statuspage+site-generator": the names of the profiles a file was read with


@dataclass(frozen=True)
class Condition:
    """All of `keys` present, and each of `values` (key -> folded words) holding one of its words."""

    keys: frozenset[str]
    values: tuple[tuple[str, frozenset[str]], ...] = ()

    def met(self, front_matter: dict[str, Any], keys: set[str]) -> bool:
        if not self.keys <= keys:
            return False
        return all(
            isinstance(front_matter.get(key), (str, int)) and fold(str(front_matter[key])) in words
            for key, words in self.values
        )


@dataclass(frozen=True)
class Profile:
    name: str
    detect: tuple[Condition, ...]  # any of which chooses the profile
    fields: dict[str, str]  # the tool's key -> the plugin's field
    keys: frozenset[str]  # every key of the tool
    updates: re.Pattern[str] | None  # a status update line of the tool's body
    formats: frozenset[str] = frozenset()  # front matter languages only the tool writes (toml, json)


def _condition(spec: list[Any]) -> Condition:
    """["affected", "section"] or ["status=resolved|monitoring"]."""
    keys: set[str] = set()
    values: list[tuple[str, frozenset[str]]] = []
    for entry in spec:
        key, _, words = str(entry).partition("=")
        keys.add(key)
        if words:
            values.append((key, frozenset(fold(word) for word in words.split("|"))))
    return Condition(frozenset(keys), tuple(values))


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    return tuple(
        Profile(
            name=str(name),
            detect=tuple(_condition(keys) for keys in spec["detect"]),
            fields={str(key): str(target) for key, target in (spec.get("fields") or {}).items()},
            keys=frozenset(str(key) for key in spec["keys"]) | frozenset(str(key) for key in spec.get("fields") or {}),
            updates=re.compile(spec["updates"]) if spec.get("updates") else None,
            formats=frozenset(str(language) for language in spec.get("formats") or ()),
        )
        for name, spec in load_data("profiles.yml").items()
    )


def profile_named(name: str | None) -> Profile | None:
    """The profile a file was read with, by the name `chosen_profile` gave it."""
    if not name:
        return None
    parts = [p for p in profiles() if p.name in name.split(_JOIN)]
    return _merged(parts) if parts else None


def chosen_profile(front_matter: dict[str, Any], language: str = "yaml") -> Profile | None:
    """Every profile one of whose conditions the front matter meets, or that
    writes front matter in its language (TOML, JSON: never the plugin's),
    merged in the order of data/profiles.yml: the first to map a key maps it."""
    keys = {str(key) for key in front_matter}
    chosen = [
        p for p in profiles()
        if language in p.formats or any(condition.met(front_matter, keys) for condition in p.detect)
    ]
    return _merged(chosen) if chosen else None


def _merged(chosen: list[Profile]) -> Profile:
    if len(chosen) == 1:
        return chosen[0]
    fields: dict[str, str] = {}
    for profile in chosen:
        for key, target in profile.fields.items():
            fields.setdefault(key, target)
    return Profile(
        name=_JOIN.join(profile.name for profile in chosen),
        detect=tuple(condition for profile in chosen for condition in profile.detect),
        fields=fields,
        keys=frozenset().union(*(profile.keys for profile in chosen)),
        updates=next((profile.updates for profile in chosen if profile.updates is not None), None),
        formats=frozenset().union(*(profile.formats for profile in chosen)),
    )


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
