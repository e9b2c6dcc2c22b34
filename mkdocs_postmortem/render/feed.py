"""`postmortems/feed.xml`: an Atom feed (RFC 4287) of the handbook's published postmortems,
for feed readers and the chat tools that post new entries to a channel.

An entry per published postmortem (approved or closed: the review is over), the
newest incidents first, as many as `feed_entries`. Each has its title, a summary
(the first paragraph of its Summary section, as text), its severity and services
(as categories and in the summary), its authors and a link to its page.

`<published>` is the day the postmortem says it was published (`published:`),
else the day the incident was resolved. `<updated>` is when its status last
changed: the commit that last changed its status line (history.py); without a
history, its `published` day. Readers show an entry again when `<updated>` moves.

Written with ElementTree: every text and attribute is escaped by the serializer,
whatever an author wrote (an author of a postmortem can be an attacker of every
subscriber). Ids are `urn:uuid:` names made from the site and the postmortem id,
so they survive a move of the site or of the page.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from ..handbook import Handbook
from ..model import Postmortem
from ..read.text import plain
from ..text import labels_for

ATOM = "http://www.w3.org/2005/Atom"
PUBLISHED_STATUSES = ("approved", "closed")
SUMMARY_LENGTH = 600
# Characters XML 1.0 cannot hold at all, even escaped: dropped from author text.
_NOT_XML = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])


@dataclass(frozen=True)
class FeedSite:
    """Where the feed and its pages are: URLs absolute when the site has a `site_url`."""

    title: str
    feed_url: str  # the feed's own URL (absolute, or relative to the site root)
    overview_url: str | None
    page_url: Callable[[Postmortem], str | None]  # a postmortem's page, as the feed links it
    site_key: str  # names the site in entry ids (its site_url, else its name)
    author: str  # the feed's author: the site's `site_author`, else its name
    language: str = "en"


def published(handbook: Handbook, entries: int) -> list[Postmortem]:
    """The postmortems the feed lists: published ones, newest incident first."""
    return [pm for pm in handbook.postmortems if pm.status in PUBLISHED_STATUSES][:entries]


def atom_feed(
    postmortems: list[Postmortem],
    site: FeedSite,
    *,
    updated_of: Callable[[Postmortem], datetime | None],
    build_date: date,
) -> bytes:
    """The feed document. `updated_of(pm)` is when its status last changed, when known."""
    ET.register_namespace("", ATOM)
    labels = labels_for(site.language)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.language})
    _text(feed, "id", _urn(site.site_key, "feed"))
    _text(feed, "title", site.title)
    _link(feed, site.feed_url, "self", "application/atom+xml")
    if site.overview_url:
        _link(feed, site.overview_url, "alternate", "text/html")
    _text(feed, "generator", "mkdocs-postmortem")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site.author)
    entries = [(_entry_updated(pm, updated_of), pm) for pm in postmortems]
    newest = max((stamp for stamp, _ in entries), default=_midnight(build_date))
    updated = ET.Element(f"{{{ATOM}}}updated")
    updated.text = _stamp(newest)
    feed.insert(2, updated)
    for stamp, pm in entries:
        feed.append(_entry(pm, stamp, site, labels))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(pm: Postmortem, updated: datetime, site: FeedSite, labels: dict) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    _text(entry, "id", _urn(site.site_key, f"postmortem/{pm.id}"))
    _text(entry, "title", pm.display_title)
    url = site.page_url(pm)
    if url:
        _link(entry, url, "alternate", "text/html")
    _text(entry, "published", _stamp(_published(pm) or updated))
    _text(entry, "updated", _stamp(updated))
    for name in pm.authors or [site.author]:
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", name)
    if pm.severity:
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": _clean(pm.severity), "label": _clean(f"{labels['severity']} {pm.severity}")})
    for service in dict.fromkeys(pm.services):
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": _clean(service), "label": _clean(f"{labels['service']}: {service}")})
    facts = " · ".join(
        part
        for part in (
            f"{labels['severity']} {pm.severity}" if pm.severity else "",
            f"{labels['services']}: {', '.join(dict.fromkeys(pm.services))}" if pm.services else "",
            f"{labels['status']}: {labels['document_status'].get(pm.status, pm.status)}" if pm.status else "",
        )
        if part
    )
    summary = summary_text(pm)
    _text(entry, "summary", f"{facts}\n\n{summary}" if summary else facts, type="text")
    return entry


def summary_text(pm: Postmortem) -> str:
    """The first paragraph of the Summary section, as plain text, at most SUMMARY_LENGTH characters."""
    section = pm.section("summary")
    if section is None or not pm.text:
        return ""
    lines = pm.text.split("\n")[section.line : section.end_line]
    paragraph: list[str] = []
    in_code = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or stripped.startswith(("|", "#", "<!--", "!!!", "???")):
            if paragraph:
                break
            continue
        if not stripped:
            if paragraph:
                break
            continue
        paragraph.append(stripped.lstrip(">-*+ ").strip())
    text = plain(" ".join(paragraph))
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _entry_updated(pm: Postmortem, updated_of: Callable[[Postmortem], datetime | None]) -> datetime:
    return updated_of(pm) or _published(pm) or (pm.resolved or pm.started or _midnight(date(1970, 1, 1)))


def _published(pm: Postmortem) -> datetime | None:
    if pm.published is not None:
        return _midnight(pm.published)
    return pm.resolved


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _stamp(moment: datetime) -> str:
    """RFC 3339, in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(site_key: str, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_key}#{name}')}"


def _clean(text: str) -> str:
    return str(text).translate(_NOT_XML)


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    element.text = _clean(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": media_type, "href": _clean(href)})
