"""Front matter keys other tools use (`start_time`, `affected_services`,
`incident_id`) read as the plugin's fields.

The aliases are declared with the fields (field_table.py); a site extends
them with the `field_aliases` option. A field written under its own name
always wins over an alias.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..field_table import FIELDS, INCIDENT_DAY


@lru_cache(maxsize=16)
def alias_table(extra: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    """Lower-case alias -> field."""
    table: dict[str, str] = {}
    for field in (*FIELDS, INCIDENT_DAY):
        for alias in field.aliases:
            table.setdefault(alias.lower(), field.name)
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
