"""Front matter keys other tools use (`start_time`, `affected_services`,
`incident_id`) read as the plugin's fields.

The table lives in data/field_aliases.yml; a site extends it with the
`field_aliases` option. A field written under its own name always wins over
an alias.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Fields an alias may stand for: the table's keys. `incident_date` gives the
# day of a timeline written with times only.
ALIASED_FIELDS = (
    "title", "id", "severity", "status", "services", "started", "detected", "acknowledged",
    "mitigated", "resolved", "published", "authors", "timezone", "incident_date",
)


@lru_cache(maxsize=16)
def alias_table(extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Lower-case alias -> field."""
    text = resources.files("mkdocs_postmortem").joinpath("data", "field_aliases.yml").read_text("utf-8")
    table: dict[str, str] = {}
    for target, aliases in (yaml.safe_load(text) or {}).items():
        for alias in aliases:
            table.setdefault(str(alias).lower(), str(target))
    for alias, target in extra:
        table[alias.lower()] = target
    return table


def resolve_aliases(data: dict[str, Any], extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """field -> the key of `data` that holds it under another name, for fields
    not written under their own name (the first alias written wins)."""
    table = alias_table(extra)
    found: dict[str, str] = {}
    for key in data:
        target = table.get(str(key).lower())
        if target is None or str(key) == target:
            continue
        if target in data and data[target] not in (None, ""):
            continue
        if data[key] in (None, "", [], {}):
            continue
        found.setdefault(target, str(key))
    return found
