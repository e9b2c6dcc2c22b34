"""`postmortems/actions.ics` and one calendar per owner: the deadlines of open action items,
as iCalendar (RFC 5545) files that calendar applications subscribe to.

One all-day event per open or in-progress item with a deadline, on its due day.
Written by hand rather than with a library: the part of RFC 5545 used is small
(an all-day VEVENT), and the tests read the files back with the `icalendar`
library, an independent parser, rather than with the code that wrote them.

- Lines end with CRLF and are folded at 75 octets (never inside a UTF-8
  character); TEXT values escape backslash, semicolon, comma and newlines.
- UIDs are stable across builds: made from the postmortem id and the item's text
  (numbered when the same text repeats), not from its line or position, so an
  item keeps its event when lines are added above it.
- DTSTAMP is the build day (`build_date`, from SOURCE_DATE_EPOCH when set) at
  00:00 UTC: the same sources build the same bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..handbook import Handbook
from ..incident import is_open
from ..model import ActionItem, Postmortem
from ..read.tickets import ticket_links
from ..text import fold
from .slugs import unique_slugs

PRODUCT = "-//mkdocs-postmortem//Action items//EN"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Deadline:
    pm: Postmortem
    action: ActionItem
    uid: str


def deadlines(handbook: Handbook) -> list[Deadline]:
    """Open items with a deadline, by due day, then postmortem and line."""
    found = [(pm, action) for pm, action in handbook.actions if is_open(action) and action.due]
    found.sort(key=lambda row: (row[1].due, row[0].id, row[1].line))
    seen: Counter[tuple[str, str]] = Counter()
    result = []
    for pm, action in found:
        key = (pm.id, fold(action.text) or action.text)
        seen[key] += 1
        digest = hashlib.sha256(f"{key[0]}\0{key[1]}\0{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
        result.append(Deadline(pm, action, f"{digest[:32]}@mkdocs-postmortem"))
    return result


def owner_slugs(handbook: Handbook) -> dict[str, str]:
    """Owner -> the slug of their calendar file: the tracker's owner anchors use the same names."""
    return unique_slugs({action.owner for _, action in handbook.actions if action.owner})


def calendar(
    items: Iterable[Deadline],
    *,
    name: str,
    build_date: date,
    page_url: Callable[[Deadline], str | None],
    labels: dict,
    ticket_urls: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """The iCalendar file of `items`; `page_url` gives the link to an item on its postmortem's page."""
    stamp = f"{build_date:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for item in items:
        pm, action = item.pm, item.action
        facts = [
            f"{labels['owner']}: {action.owner}" if action.owner else "",
            f"{labels['postmortem']}: {pm.display_title}",
            f"{labels['severity']} {pm.severity}" if pm.severity else "",
            f"{labels['services']}: {', '.join(dict.fromkeys(pm.services))}" if pm.services else "",
            f"{labels['status']}: {labels['action_status'].get(action.status, action.status)}",
            *(f"{ticket.label}: {ticket.url}" for ticket in ticket_links(action.references, ticket_urls) if ticket.url),
        ]
        url = page_url(item)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{action.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{action.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(action.text)}",
            f"DESCRIPTION:{escape_text(chr(10).join(fact for fact in facts if fact))}",
            *([f"URL:{_uri(url)}"] if url else []),
            "TRANSP:TRANSPARENT",  # a deadline, not a meeting: the day stays free
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines).encode("utf-8")


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped,
    control characters the format cannot hold dropped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(char for char in text if char == "\t" or _holdable(char))


def _holdable(char: str) -> bool:
    code = ord(char)
    return code >= 0x20 and code != 0x7F and not 0xD800 <= code <= 0xDFFF


def _uri(url: str) -> str:
    """A URI value: no character that would end the line or the property."""
    return "".join(char for char in url if char != " " and _holdable(char))


def fold_line(line: str) -> str:
    """The content line folded (RFC 5545 3.1): at most 75 octets a line, a continuation starts
    with one space, and a UTF-8 character is never cut in two."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)
