"""Where the generated pages sit in a navigation MkDocs built from the files.

With no `nav` in mkdocs.yml, MkDocs makes one section per folder, titled from
the folder's name and sorted by file name. This names the postmortem folder's
section and its sub-sections in the site's language and puts the pages in
reading order, the `nav` order of the views' registry (overview, by severity,
by service, families, actions, repeats, themes). A site with an explicit `nav`
is left alone: it lists the pages it wants.
"""

from __future__ import annotations

from html import escape

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ...render.views.base import SERVICES, Pages
from ...render.views.registry import in_nav_order, kinds_of


def _pages_in(item) -> list[Page]:
    if isinstance(item, Page):
        return [item]
    if isinstance(item, Section):
        return [page for child in item.children for page in _pages_in(child)]
    return []


def _holding(items: list, src_uris: set[str]) -> tuple[list, object] | None:
    """(the list, the item in it) whose pages are all among `src_uris`, searched depth first."""
    for item in items:
        pages = _pages_in(item)
        if pages and all(page.file.src_uri in src_uris for page in pages):
            return items, item
        if isinstance(item, Section):
            found = _holding(item.children, src_uris)
            if found:
                return found
    return None


def arrange(nav: Navigation, generated: Pages) -> Navigation:
    labels = generated.labels
    first_view, *other_views = in_nav_order()
    overview = _holding(nav.items, _paths_of(generated, first_view.option))
    if overview is None:
        return nav
    siblings, overview_page = overview
    first = [overview_page]
    for view in other_views:
        found = _holding(siblings, _paths_of(generated, view.option))
        if not found:
            continue
        if view.section and isinstance(found[1], Section):
            found[1].title = escape(labels[view.section])
        if view.kind == SERVICES and isinstance(found[1], Section):
            # MkDocs sorts by file name (slug); the index of services sorts by name.
            by_name = [generated.service_uri[name] for name in generated.handbook.by_service]
            rank = {uri: n for n, uri in enumerate([*generated.paths[SERVICES], *by_name])}
            found[1].children.sort(
                key=lambda item: rank.get(item.file.src_uri, len(rank)) if isinstance(item, Page) else len(rank)
            )
        if found[0] is siblings and found[1] not in first:
            first.append(found[1])
    siblings[:] = first + [item for item in siblings if item not in first]
    parent = overview_page.parent
    if parent is not None and siblings is parent.children:
        parent.title = escape(labels["section"])
    _relink(nav)
    return nav


def _paths_of(generated: Pages, option: str) -> set[str]:
    """Every page planned under one `pages` option (the services' index and each service's page)."""
    return {path for kind in kinds_of(option) for path in generated.paths.get(kind, [])}


def _relink(nav: Navigation) -> None:
    """Previous / next links follow the new order, as MkDocs sets them for its own."""
    pages = [page for item in nav.items for page in _pages_in(item)]
    for before, after in zip([None, *pages], pages):
        after.previous_page = before
        if before is not None:
            before.next_page = after
    if pages:
        pages[-1].next_page = None
    nav.pages = pages
