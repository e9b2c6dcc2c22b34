"""The front matter fields (design section 3), declared once.

Each field has a name, a kind (how its value is written), whether it is
required, its allowed values, the keys other tools write it under, a
description for editors, notes for the reference, and examples. Three
readers of this table map every kind to what they do with it:

- the reader (`read/fields.py`) maps a kind to a reading function;
- the JSON Schema (`schema.py`) maps a kind to a schema;
- the reference in `docs/front-matter.md` (`field_reference.py`, written by
  `scripts/field_docs.py`) maps a kind to the type it shows.

To add a field, add it to `FIELDS`, then run `python scripts/field_docs.py`.
A field of a new kind also needs its reading function, its schema and its
type in the reference; the tests fail until all three know it.

Aliases are the keys other tools and templates use for a field
(`start_time`, `affected_services`): read as the field when the field itself
is not written, never reported as typos (PM005). A site adds its own with the
`field_aliases` option.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a field's value is written."""

    TEXT = "text"
    NAMES = "list of texts"  # a list, or one text of comma-separated names
    SEVERITY = "severity level"  # a level of the site, or an alias of one
    STATUS = "document status"
    TIMEZONE = "time zone"  # an IANA name, UTC or an offset
    DATETIME = "date and time"  # ISO 8601, in the postmortem's time zone without an offset
    DATE = "date"
    MAPPING = "mapping"  # the keys below, and any other
    RULE_SETTINGS = "rule settings"  # {ignore: [rule codes]}
    RECORDS = "list of objects or texts"  # read with the body's tables, after the front matter
    PAGE_TEMPLATE = "page template"  # a template of the site's theme


class KeyKind(Enum):
    """How the value of a key inside a mapping or a record is written."""

    TEXT = "text"
    TEXT_OR_NUMBER = "text or number"  # a label that may be a number: priority 1
    FIGURE = "number or text"  # a figure that may be a text: users "about 2000"
    FLAG = "true or false"
    RULE_CODES = "rule codes"


class Required(Enum):
    NO = "no"
    ALWAYS = "yes"
    # A draft is opened while facts are still being gathered.
    OUTSIDE_DRAFTS = "yes, outside drafts"


@dataclass(frozen=True)
class Key:
    """A key of a mapping field or of a record field's objects."""

    name: str
    kind: KeyKind = KeyKind.TEXT
    description: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    # Plain text, one or two sentences: what an editor shows on hover.
    description: str
    # Markdown for the reference's notes column: links, rules, defaults.
    notes: str
    examples: tuple
    required: Required = Required.NO
    # The values a field of a fixed vocabulary allows, as they are written
    # (the reader also takes them in any case and without accents).
    values: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keys: tuple[Key, ...] = ()
    # A record written as one text instead of an object, e.g. "14:05 what happened".
    record_as_text: str = ""


def _phase(name: str, minute: int, description: str, notes: str, required: Required = Required.NO,
           aliases: tuple[str, ...] = ()) -> Field:
    return Field(
        name, Kind.DATETIME, description, notes,
        examples=(f"2026-03-04 14:{minute:02d}", "2026-03-04T13:05:00Z"), required=required, aliases=aliases,
    )


FIELDS: tuple[Field, ...] = (
    Field(
        "title", Kind.TEXT, "The incident's title.",
        "The incident's title, shown in the page header and every index.",
        examples=("Checkout unavailable after a secret rotation",), required=Required.ALWAYS,
        aliases=("incident_title", "titre"),
    ),
    Field(
        "id", Kind.TEXT, "Unique id of the incident across the handbook (default: the file name without .md).",
        "Unique across the site (PM602). Default: the file name without `.md` "
        "(`2026-03-04-checkout-secret-rotation`). Other postmortems refer to it in `related`.",
        examples=("2026-03-04-checkout-secret-rotation",), aliases=("incident_id", "incident_number"),
    ),
    Field(
        "severity", Kind.SEVERITY,
        "Severity level of the site, or an alias (SEV1, critical/critique, major/majeur, minor/mineur, low/faible).",
        "A level from the `severities` option (default `P1`..`P4`) or one of its [aliases](#severity).",
        examples=("P1", "P2", "P3", "P4"), required=Required.ALWAYS,
        aliases=("sev", "severity_level", "incident_severity", "impact_level", "severite", "sévérité", "gravite",
                 "gravité"),
    ),
    Field(
        "status", Kind.STATUS,
        "Document status: draft, in-review, approved, closed (fr: brouillon, en révision, approuvé, clos).",
        "Where the document stands: `draft`, `in-review`, `approved`, `closed`, or their [French names](#status).",
        examples=("draft", "in-review", "approved", "closed"),
        values=("draft", "in-review", "approved", "closed", "brouillon", "en révision", "approuvé", "clos"),
        aliases=("postmortem_status", "statut"),
    ),
    Field(
        "services", Kind.NAMES, "Affected services; at least one.",
        "At least one affected service. Each service gets its own generated page.",
        examples=(["checkout", "payments-api"],), required=Required.OUTSIDE_DRAFTS,
        aliases=("services_affected", "affected_services", "service", "components", "component", "systems",
                 "affected_systems", "product", "products", "services_affectes", "services_affectés"),
    ),
    Field(
        "timezone", Kind.TIMEZONE, "IANA time zone of the times written without offset, e.g. Europe/Paris.",
        "IANA name (`Europe/Paris`, `America/New_York`, `Asia/Tokyo`) or `UTC`, `UTC+2`. Default: the "
        "`default_timezone` option (`UTC`). See [Times and time zones](#times-and-time-zones).",
        examples=("UTC", "Europe/Paris", "America/New_York"), aliases=("time_zone", "fuseau_horaire"),
    ),
    _phase("started", 5, "When the impact began (ISO 8601).", "When the impact began.",
           required=Required.OUTSIDE_DRAFTS,
           aliases=("start_time", "start", "started_at", "start_date", "incident_start", "begin", "began", "debut",
                    "début")),
    _phase("detected", 12, "When the incident was detected (ISO 8601).",
           "When the problem was noticed (alert, report).", aliases=("detected_at", "detection_time", "detection")),
    _phase("acknowledged", 19, "When someone acknowledged the alert (ISO 8601).",
           "When a responder took the incident.", aliases=("acknowledged_at", "ack", "ack_time")),
    _phase("mitigated", 26, "When the impact was mitigated (ISO 8601).",
           "When the impact stopped or was contained.", aliases=("mitigated_at", "mitigation_time")),
    _phase("resolved", 33, "When the incident was resolved (ISO 8601).", "When the incident was declared over.",
           required=Required.OUTSIDE_DRAFTS,
           aliases=("end_time", "end", "ended", "ended_at", "end_date", "resolved_at", "resolution_time",
                    "incident_end", "fin")),
    Field(
        "published", Kind.DATE, "The day the postmortem was completed (YYYY-MM-DD).",
        "When the postmortem was completed. P1/P2 postmortems must be published within 5 days after `resolved` "
        "(PM501, configurable).",
        examples=("2026-03-06",), aliases=("published_at", "publication_date", "written", "report_date"),
    ),
    Field("authors", Kind.NAMES, "Authors of the postmortem.", "Who wrote the postmortem.",
          examples=(["Ana Lima"],), aliases=("author", "auteur", "auteurs", "written_by")),
    Field("reviewers", Kind.NAMES, "Reviewers of the postmortem.", "Who reviewed it.", examples=(["Sofia Brandt"],)),
    Field("teams", Kind.NAMES, "Teams involved.", "Teams involved.", examples=(["payments"],)),
    Field("tags", Kind.NAMES, "Free tags.", "Free keywords. The [Themes](pages.md#themes) page groups incidents by them.",
          examples=(["postgres", "failover"],)),
    Field(
        "contributing_factors", Kind.NAMES,
        "Conditions that let the trigger turn into an incident, as short labels.",
        "Short labels of the conditions that made the incident possible or worse (`missing alert`, "
        "`untested failover`). The [Themes](pages.md#themes) page counts them across incidents, and "
        "[similar incidents](pages.md#similar-incidents-and-repeats) compare them.",
        examples=(["untested failover", "no keepalive on pooled connections"],),
        aliases=("factors", "facteurs_contributifs"),
    ),
    Field(
        "related", Kind.NAMES, "Ids of related incidents.",
        "`id`s of related incidents. Every id must exist (PM601). Links work in both directions: both pages show "
        "the family.",
        examples=(["2025-12-03-postgres-primary-wal-disk-full"],),
    ),
    Field(
        "impact", Kind.MAPPING, "Impact figures: users, revenue, data_loss, sla_breached, and any other key.",
        "`users` (number), `revenue` (number, in your reporting currency), `data_loss` (bool), `sla_breached` "
        "(bool), plus any free-text keys such as `notes`.",
        examples=({"users": 2318, "revenue": 9600, "data_loss": False, "sla_breached": True},),
        keys=(
            Key("users", KeyKind.FIGURE, "Users affected."),
            Key("revenue", KeyKind.FIGURE, "Revenue lost."),
            Key("data_loss", KeyKind.FLAG, "Was data lost?"),
            Key("sla_breached", KeyKind.FLAG, "Was an SLA breached?"),
        ),
    ),
    Field(
        "timeline", Kind.RECORDS, "Timeline events, when not written as a table under the Timeline heading.",
        "Timeline rows; when absent they are read from the Timeline section's table.",
        examples=([{"time": "14:05", "event": "Error rate of checkout rises to 12 %"}],),
        keys=(Key("time"), Key("event")), record_as_text="\"14:05 what happened\"",
    ),
    Field(
        "actions", Kind.RECORDS, "Action items, when not written as tables or checklists under the action headings.",
        "Action items; when absent they are read from the action sections' tables and checklists. `done` is the "
        "day an item was done: the tracker's follow-through figures read it.",
        examples=([{"action": "Alert on pool saturation", "owner": "Payments team", "due": "2026-04-03",
                    "status": "done", "done": "2026-03-30"}],),
        keys=(Key("action"), Key("owner"), Key("due"), Key("status"), Key("priority", KeyKind.TEXT_OR_NUMBER),
              Key("done", description="The day it was done (YYYY-MM-DD); without a status, the item is done.")),
    ),
    Field(
        "five_whys", Kind.RECORDS, "The 5 Whys, when not written under the root cause heading.",
        "Why/answer pairs; when absent they are read from the root-cause or 5 Whys section.",
        examples=([{"why": "Why did checkout fail?", "because": "The payment service timed out."}],),
        keys=(Key("why"), Key("because")), record_as_text="\"Why ...? Because ...\"",
    ),
    Field(
        "postmortem", Kind.RULE_SETTINGS, "Rule settings for this file, e.g. {ignore: [PM201]}.",
        "Per-file rule settings: `postmortem: {ignore: [PM401]}`.",
        examples=({"ignore": ["PM201"]},),
        keys=(Key("ignore", KeyKind.RULE_CODES, "Rule codes not to check in this file."),),
    ),
    Field(
        "template", Kind.PAGE_TEMPLATE, "A page template of the site's theme to render this postmortem with, "
        "e.g. main.html.",
        "A page template of the site's theme (MkDocs' own field), e.g. `main.html` or a file of your `custom_dir`. "
        "A name the theme lacks, or a value that is not a name, is PM003 and left out, so the page is rendered "
        "with the theme's page.",
        examples=("main.html",),
    ),
)

# Not a field of the model: the day of the incident, for a timeline written
# with times only. Only its aliases are written (`date: 2019-02-05`).
INCIDENT_DAY = Field(
    "incident_date", Kind.DATE, "The day of the incident.",
    "the day of a timeline written with times only", examples=("2026-03-04",),
    aliases=("date", "created", "occurred", "occurred_on"),
)

FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in FIELDS)
# Fields an alias may stand for, the site's `field_aliases` included.
ALIASED_FIELDS: tuple[str, ...] = tuple(field.name for field in (*FIELDS, INCIDENT_DAY) if field.aliases)


def required_fields(draft: bool) -> tuple[str, ...]:
    """The fields a postmortem must have (PM002), in the table's order."""
    wanted = (Required.ALWAYS,) if draft else (Required.ALWAYS, Required.OUTSIDE_DRAFTS)
    return tuple(field.name for field in FIELDS if field.required in wanted)
