"""The field reference of `docs/front-matter.md`, written from the field table.

The page is written by hand around two generated tables: the fields, and the
keys other tools write them under. Each sits between a start and an end
comment; `scripts/field_docs.py` rewrites what is between them, and a test
fails when the committed page differs from what the table gives.
"""

from __future__ import annotations

import re

from .field_table import FIELDS, INCIDENT_DAY, Field, Kind

# The type a reader of the reference is told, as YAML would have it.
TYPE_NAMES = {
    Kind.TEXT: "str",
    Kind.NAMES: "list of str",
    Kind.SEVERITY: "str",
    Kind.STATUS: "str",
    Kind.TIMEZONE: "str",
    Kind.DATETIME: "datetime",
    Kind.DATE: "date",
    Kind.MAPPING: "mapping",
    Kind.RULE_SETTINGS: "mapping",
    Kind.RECORDS: "list",
    Kind.PAGE_TEMPLATE: "str",
}

_SOURCE = "generated from mkdocs_postmortem/field_table.py by scripts/field_docs.py"


def fields_table() -> str:
    rows = [
        f"| `{field.name}` | {TYPE_NAMES[field.kind]} | {field.required.value} | {field.notes} |" for field in FIELDS
    ]
    return "\n".join(["| field | type | required | notes |", "|---|---|---|---|", *rows])


def aliases_table() -> str:
    rows = [f"| `{field.name}` | {_aliases(field)} |" for field in FIELDS if field.aliases]
    rows.append(f"| (the incident's day) | {_aliases(INCIDENT_DAY)}: {INCIDENT_DAY.notes} |")
    return "\n".join(["| field | aliases read |", "|---|---|", *rows])


def _aliases(field: Field) -> str:
    return ", ".join(f"`{alias}`" for alias in field.aliases)


# Region name -> its generated Markdown.
REGIONS = {"fields": fields_table, "field aliases": aliases_table}


def _markers(region: str) -> tuple[str, str]:
    return f"<!-- {region}: start, {_SOURCE} -->", f"<!-- {region}: end -->"


class MissingMarkers(ValueError):
    """The page lacks a region's start or end comment."""


def refreshed(page: str) -> str:
    """The page with every generated region rewritten from the table."""
    for region, generate in REGIONS.items():
        start, end = _markers(region)
        pattern = re.compile(re.escape(start) + r"\n.*?\n" + re.escape(end), re.DOTALL)
        if not pattern.search(page):
            raise MissingMarkers(f"no `{start}` ... `{end}` region")
        generated = f"{start}\n\n{generate()}\n\n{end}"
        page = pattern.sub(lambda _, text=generated: text, page, count=1)  # the text as it is, no escapes
    return page
