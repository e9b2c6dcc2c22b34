"""Every generated page kind in one table, each declared once by its row.

A row says how the kind's pages are planned, its template and its view, the
`pages` option that places it and its default path, the label of its title,
where it goes in MkDocs' navigation and in the bar at the foot of every
generated page. The plugin's options (engines/mkdocs/config.py), the MkDocs
navigation (engines/mkdocs/nav.py), the bar (`nav_links`), `mkdocs serve` and
`mkdocs-postmortem generate` all read this table.

The order of the table is the order pages are planned in, which is the order
of the files MkDocs is given and of the pages `generate` writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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

# (pages, place, its title or None) -> None: adds the kind's pages to a Pages.
Plan = Callable[[Pages, Place, "str | None"], None]


def _later(module: str, name: str) -> Callable[..., Any]:
    """`module.name` of this package, imported when first called. The plugin's options read
    this table's paths (engines/mkdocs/config.py), and `mkdocs-postmortem check` reads the
    options on every run: it makes no page, and need not import the views, the handbook and
    the reader behind them to learn where pages go."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"{__package__}.{module}"), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call



@dataclass(frozen=True)
class View:
    kind: str
    template: str
    context: Callable[[Pages, PagePlan, Links], dict[str, Any]]
    # The `pages` option giving the path of its page (or of its folder of pages), relative to the
    # postmortem folder. Rows may share one: the first that has a `default_path` declares it.
    option: str
    default_path: str | None = None
    # The label (data/labels.yml) of its page's title; `pages.titles.<option>` replaces it.
    title: str | None = None
    # None: one page at its option's path, titled `title`. Otherwise a function that plans its pages.
    plan: Plan | None = None
    # Its place in MkDocs' navigation, when it builds one from the files (1 first); None: left where MkDocs puts it.
    nav: int | None = None
    # The label of the navigation section of its folder of pages.
    section: str | None = None
    # Its place in the bar of links at the foot of every generated page; None: not in the bar.
    bar: int | None = None
    # The label of its link in the bar (default: `title`), or its links there when it has several pages.
    bar_label: str | None = None
    bar_links: Callable[[Pages, Links], list[dict]] | None = None


VIEWS: tuple[View, ...] = (
    View(
        OVERVIEW, "postmortem/overview.html", _later("overview", "context"), "overview", "index.md", "overview",
        nav=1, bar=1,
    ),
    View(
        SEVERITY, "postmortem/severity.html", _later("severity", "context"), "severity", "severity",
        plan=_later("severity", "plan"), nav=2, section="by_severity", bar=2,
        bar_links=_later("severity", "bar_links"),
    ),
    View(
        SERVICES, "postmortem/services.html", _later("services", "index_context"), "services", "services",
        "services_page",
        plan=_later("services", "plan_index"), nav=3, section="by_service", bar=3, bar_label="by_service",
    ),
    View(
        SERVICE, "postmortem/service.html", _later("services", "service_context"), "services",
        plan=_later("services", "plan_service_pages"),
    ),
    View(
        FAMILIES, "postmortem/families.html", _later("families", "context"), "families", "related.md", "families",
        nav=4, bar=4,
    ),
    View(
        ACTIONS, "postmortem/actions.html", _later("actions", "context"), "actions", "actions.md", "actions",
        nav=5, bar=7,
    ),
    View(
        REPEATS, "postmortem/repeats.html", _later("similar", "context"), "repeats", "repeats.md", "repeats",
        nav=6, bar=5,
    ),
    View(
        THEMES, "postmortem/themes.html", _later("themes", "context"), "themes", "themes.md", "themes",
        nav=7, bar=6,
    ),
)
# Parts of postmortem pages, rendered from views.header, views.families.related_box and views.similar.similar_box.
HEADER_TEMPLATE = "postmortem/header.html"
RELATED_BOX_TEMPLATE = "postmortem/related-box.html"
SIMILAR_BOX_TEMPLATE = "postmortem/similar-box.html"


def view_of(kind: str) -> View:
    return next(view for view in VIEWS if view.kind == kind)


def page_paths() -> dict[str, str]:
    """Each `pages` option and its default path, in the order of the table."""
    paths: dict[str, str] = {}
    for view in VIEWS:
        if view.default_path is not None:
            paths.setdefault(view.option, view.default_path)
    return paths


def kinds_of(option: str) -> list[str]:
    """The kinds of page one `pages` option places (the services' index and each service's page)."""
    return [view.kind for view in VIEWS if view.option == option]


def in_nav_order() -> list[View]:
    """The rows MkDocs' navigation places, first to last."""
    return sorted((view for view in VIEWS if view.nav is not None), key=lambda view: view.nav)


def plan_pages(pages: Pages, place: Place, titles: dict[str, str] | None = None) -> Pages:
    """Every generated page of the handbook, planned into `pages`; `titles` may
    replace the labels' page titles by the option keys (`overview`, `services`, ...)."""
    titles = titles or {}
    for view in VIEWS:
        title = titles.get(view.option, pages.labels[view.title]) if view.title else None
        if view.plan is None:
            pages.add(view.kind, place(view.option), title)
        else:
            view.plan(pages, place, title)
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
    context.update(view_of(page.kind).context(pages, page, links))
    return context


def nav_links(pages: Pages, links: Links) -> dict:
    """The links every generated page has to the others: `bar`, the links of the bar in its
    order (name, url), and the URL of each kind's page by its kind (`nav.actions`)."""
    nav: dict[str, Any] = {
        view.kind: links.to(pages.uri(view.kind)) for view in VIEWS if view.title and pages.uri(view.kind)
    }
    bar: list[dict] = []
    for view in sorted((view for view in VIEWS if view.bar is not None), key=lambda view: view.bar):
        if view.bar_links is not None:
            bar.extend(view.bar_links(pages, links))
        elif pages.uri(view.kind):
            bar.append({"name": pages.labels[view.bar_label or view.title], "url": links.to(pages.uri(view.kind))})
    nav["bar"] = bar
    return nav
