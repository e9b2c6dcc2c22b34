"""Where the generated pages sit in a navigation MkDocs built from the files.

With no `nav` in mkdocs.yml, MkDocs makes one section per folder, titled from
the folder's name and sorted by file name. This names the postmortem folder's
section and its sub-sections in the site's language and puts the pages in
reading order: overview, by severity, by service, families, actions, repeats, themes. A site
with an explicit `nav` is left alone: it lists the pages it wants.
"""

from __future__ import annotations

from html import escape

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ...render.views.base import Pages


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
    overview = _holding(nav.items, {generated.overview_uri})
    if overview is None:
        return nav
    siblings, overview_page = overview
    severity = _holding(siblings, set(generated.severity_uri.values()))
    services = _holding(siblings, {generated.services_uri, *generated.service_uri.values()})
    families = _holding(siblings, {generated.families_uri})
    actions = _holding(siblings, {generated.actions_uri})
    repeats = _holding(siblings, {generated.repeats_uri})
    themes = _holding(siblings, {generated.themes_uri})
    if severity and isinstance(severity[1], Section):
        severity[1].title = escape(labels["by_severity"])
    if services and isinstance(services[1], Section):
        services[1].title = escape(labels["by_service"])
        # MkDocs sorts by file name (slug); the index of services sorts by name.
        names = generated.handbook.by_service
        rank = {uri: n for n, uri in enumerate([generated.services_uri, *(generated.service_uri[s] for s in names)])}
        services[1].children.sort(
            key=lambda item: rank.get(item.file.src_uri, len(rank)) if isinstance(item, Page) else len(rank)
        )
    first = [overview_page]
    for found in (severity, services, families, actions, repeats, themes):
        if found and found[0] is siblings and found[1] not in first:
            first.append(found[1])
    siblings[:] = first + [item for item in siblings if item not in first]
    parent = overview_page.parent
    if parent is not None and siblings is parent.children:
        parent.title = escape(labels["section"])
    _relink(nav)
    return nav


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
