"""What every view reads: the planned pages of a build and the handbook they show.

A view is a pure function of a `Pages` (the handbook, the labels, the build
date, where every generated page sits), the `PagePlan` of the page it makes
and a `Links` that turns a page's path into a URL from the page being made.
Nothing here knows MkDocs: the site part supplies the links, the heading
anchors of postmortem pages and the trend charts; a test can supply its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import Markup

from ...model import ActionItem, Postmortem

if TYPE_CHECKING:
    from ...handbook import Handbook
    from ..embed import TrendCharts
    from ..memo import RenderMemo

OVERVIEW, SEVERITY, SERVICE, SERVICES, FAMILIES, ACTIONS = (
    "overview",
    "severity",
    "service",
    "services",
    "families",
    "actions",
)
REPEATS, THEMES = "repeats", "themes"
# The key of the page of postmortems whose severity is unknown (it slugs to "unknown").
UNKNOWN_SEVERITY = "unknown"


@dataclass(frozen=True)
class PagePlan:
    kind: str
    src_uri: str
    title: str
    key: str | None = None  # the severity level or service name the page is about


class Links(Protocol):
    """URLs from the page being made to other files of the site."""

    def to(self, src_uri: str, anchor: str | None = None) -> str | None:
        """A page of the site (None when the site has no such page)."""

    def to_output(self, path: str) -> str:
        """A file written into the built site, outside the site's list of pages."""


# (option, page=True) -> the path of a page (`page=True`) or of a folder of pages, from the plugin's
# `pages` options (one per row of views/registry.py: `overview`, `severity`, ...), relative to the docs folder.
Place = Callable[..., str]

# (postmortem, line) -> the id of the heading of the section holding that line, if known.
AnchorOf = Callable[[Postmortem, int], "str | None"]


class Pages:
    """The generated pages of one build (filled in by `views.registry.plan_pages`)
    and the facts of the handbook that several of them show, computed once."""

    def __init__(
        self,
        handbook: Handbook,
        *,
        labels: dict[str, Any],
        deadline_days: dict[str, int] | None = None,
        anchor_of: AnchorOf | None = None,
        trend_charts: TrendCharts | None = None,
        url_of: Callable[[str], str | None] | None = None,
        json_path: str = "postmortems.json",
        row_memo: RenderMemo | None = None,
    ) -> None:
        """`deadline_days` is the follow-up target per severity (P1 items due within
        30 days of the incident, say); `url_of` gives a page's URL from the site
        root, for the points of trend charts; `json_path` is where postmortems.json
        sits in the built site (`generate` writes it into its own folder); `row_memo` keeps
        the rows of listings across serve rebuilds (views/rows.py)."""
        self.handbook = handbook
        self.labels = labels
        self.today = handbook.settings.build_date
        self.deadline_days = dict(deadline_days or {})
        self.anchor_of = anchor_of
        self.trend_charts = trend_charts
        self.url_of = url_of or (lambda src_uri: None)
        self.json_path = json_path
        self.row_memo = row_memo
        self.plans: dict[str, PagePlan] = {}
        # Every path each kind planned, kept when the site's own page at a path replaces ours
        # (engines/mkdocs/pages.GeneratedPages.files): links and the nav still find that page there.
        self.paths: dict[str, list[str]] = {}
        self.severity_uri: dict[str, str] = {}
        self.service_uri: dict[str, str] = {}
        # Files beside the pages (engines/mkdocs/feeds.py): the feed, and the calendars of
        # deadlines by owner (None: every open item's), as paths in the built site.
        self.feed_path: str | None = None
        self.calendar_paths: dict[str | None, str] = {}

    def add(self, kind: str, src_uri: str, title: str, key: str | None = None) -> str:
        self.plans[src_uri] = PagePlan(kind, src_uri, title, key)
        self.paths.setdefault(kind, []).append(src_uri)
        return src_uri

    def uri(self, kind: str) -> str:
        """The path of the page of a kind that has one page ("" when it is not planned)."""
        return self.paths.get(kind, [""])[0]

    def charts(self, incidents: Sequence[Postmortem]) -> Markup:
        if self.trend_charts is None or not incidents:
            return Markup("")
        # The chart module escapes what it embeds (design section 9).
        return Markup(self.trend_charts.html(incidents, self.handbook, self.url_of))

    @cached_property
    def rows_key(self) -> str | None:
        """Everything a listing row reads besides its incident, its page and the URL of its incident's
        page (views/rows.py): the day, the labels, the severities' follow-up targets, where each
        severity and service page is, the ticket URLs and how section anchors are made. None
        when the anchors cannot say how they are made: rows are then made every time."""
        anchors = None if self.anchor_of is None else getattr(self.anchor_of, "key", None)
        if self.anchor_of is not None and anchors is None:
            return None
        data = [
            self.today.isoformat(),
            self.labels,
            sorted(self.deadline_days.items()),
            sorted(self.severity_uri.items()),
            sorted(self.service_uri.items()),
            self.handbook.settings.ticket_urls,
            anchors,
        ]
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def drafts(self) -> list[Postmortem]:
        return [pm for pm in self.handbook.postmortems if pm.is_draft]

    @cached_property
    def late(self) -> list[tuple[Postmortem, Any]]:
        # From the incidents themselves, not from diagnostics: a site that switches PM501 off,
        # or a file that ignores it, is still late, and the overview says so. Imported here, as
        # `is_overdue` below: the options read the registry of views on every `check` (registry.py).
        from ...incident import lateness

        found = ((pm, lateness(pm, self.handbook.settings)) for pm in self.handbook.postmortems)
        return sorted(((pm, late) for pm, late in found if late is not None), key=lambda row: (row[0].path, row[1].code))

    @cached_property
    def overdue(self) -> list[tuple[Postmortem, ActionItem]]:
        from ...incident import is_overdue

        late = [(pm, action) for pm, action in self.handbook.actions if is_overdue(action, self.today)]
        return sorted(late, key=lambda row: (row[1].due, row[0].id, row[1].line))

    @cached_property
    def direct_links(self) -> dict[str, set[str]]:
        """id -> ids it names in `related` or that name it."""
        result: dict[str, set[str]] = {}
        for pm in self.handbook.postmortems:
            for other in pm.related:
                result.setdefault(pm.id, set()).add(other)
                result.setdefault(other, set()).add(pm.id)
        return result

    @cached_property
    def family_number(self) -> dict[str, int]:
        return {
            pm.src_uri: number
            for number, members in enumerate(self.handbook.families, start=1)
            for pm in members
        }
