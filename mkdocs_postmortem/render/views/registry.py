"""Every generated page kind in one table: how its pages are planned, its template and its view.

The order of the table is the order pages are planned in, which is the order
of the files MkDocs is given and of the pages `generate` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import actions, families, overview, services, severity, similar, themes
from .base import (
    ACTIONS,
    FAMILIES,
    OVERVIEW,
    REPEATS,
    SERVICE,
    SERVICES,
    SEVERITY,
    THEMES,
    Links,
    PagePlan,
    Pages,
    Place,
)
from .rows import nav_links


@dataclass(frozen=True)
class View:
    kind: str
    plan: Callable[[Pages, Place, dict[str, str]], None]  # adds the kind's pages to a Pages
    template: str
    context: Callable[[Pages, PagePlan, Links], dict[str, Any]]


VIEWS: tuple[View, ...] = (
    View(OVERVIEW, overview.plan, "postmortem/overview.html", overview.context),
    View(SEVERITY, severity.plan, "postmortem/severity.html", severity.context),
    View(SERVICES, services.plan_index, "postmortem/services.html", services.index_context),
    View(SERVICE, services.plan_service_pages, "postmortem/service.html", services.service_context),
    View(FAMILIES, families.plan, "postmortem/families.html", families.context),
    View(ACTIONS, actions.plan, "postmortem/actions.html", actions.context),
    View(REPEATS, similar.plan, "postmortem/repeats.html", similar.context),
    View(THEMES, themes.plan, "postmortem/themes.html", themes.context),
)
VIEW_OF: dict[str, View] = {view.kind: view for view in VIEWS}
# Parts of postmortem pages, rendered from views.header, views.families.related_box and views.similar.similar_box.
HEADER_TEMPLATE = "postmortem/header.html"
RELATED_BOX_TEMPLATE = "postmortem/related-box.html"
SIMILAR_BOX_TEMPLATE = "postmortem/similar-box.html"


def plan_pages(pages: Pages, place: Place, titles: dict[str, str] | None = None) -> Pages:
    """Every generated page of the handbook, planned into `pages`; `titles` may
    replace the labels' page titles by the option keys (`overview`, `services`, ...)."""
    for view in VIEWS:
        view.plan(pages, place, titles or {})
    return pages


def page_context(pages: Pages, page: PagePlan, links: Links) -> dict[str, Any]:
    """What the page's template reads: its view's context and what every generated page has."""
    context = {
        "t": pages.labels,
        "page_title": page.title,
        "kind": page.kind,
        "nav": nav_links(pages, links),
        "today": pages.today.isoformat(),
    }
    context.update(VIEW_OF[page.kind].context(pages, page, links))
    return context

