"""The generated pages in an MkDocs build: planned from the views, given virtual files, rendered.

They exist on no disk. `GeneratedPages` is made once per build from the
Handbook: it plans every page (path, title) through the views' registry,
hands MkDocs virtual files, and renders each page's body HTML from the
package's Jinja templates when MkDocs renders that page. Everything that
needs all postmortems (groups, overdue items, late postmortems) is computed
once (`views.base.Pages`); rendering one page only walks that page's own rows.
"""

from __future__ import annotations

import posixpath
from html import escape

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ...handbook import Handbook
from ...model import Postmortem
from ...render.embed import TrendCharts
from ...render.index_json import FILE_NAME as INDEX_JSON
from ...render.kept_rows import kept_row, remembering_rows
from ...render.memo import RenderMemo
from ...render.stored import StoredRenders, context_digest
from ...render.views.base import PagePlan, Pages
from ...render.views.families import related_box
from ...render.views.header import header
from ...render.views.registry import (
    HEADER_TEMPLATE,
    RELATED_BOX_TEMPLATE,
    SIMILAR_BOX_TEMPLATE,
    page_context,
    page_paths,
    plan_pages,
    view_of,
)
from ...render.views.similar import similar_box
from ...text import labels_for
from ..language import site_language
from .anchors import HeadingSlugifier, SectionAnchors, heading_slugifier
from .environment import templates_digest, theme_page_env, with_page_globals
from .serve_cache import GeneratedPageFile, PageCache
from .toc import toc_of

log = get_plugin_logger(__name__)


def placing(folder: str, paths: dict[str, str]):
    """`place(option, page=True)`: where the `pages` option puts its page (or folder of pages)
    under the postmortem `folder`, never outside the docs folder."""
    base = folder.strip("/")

    def place(option: str, page: bool = True) -> str:
        path = paths[option]
        joined = posixpath.normpath(posixpath.join(base, path.strip("/")))
        if joined.startswith("..") or joined in (".", ""):
            raise PluginError(
                f"postmortem: pages option {path!r} leaves the docs folder; "
                "give a path inside it, e.g. actions.md"
            )
        if page and not joined.endswith(".md"):
            joined += ".md"  # a page MkDocs renders, not a static file
        return joined

    return place


class GeneratedPages:
    def __init__(
        self,
        handbook: Handbook,
        *,
        folder: str,
        paths: dict[str, str],
        titles: dict[str, str] | None,
        labels: dict,
        env: jinja2.Environment,
        slugify_heading: HeadingSlugifier | None = None,
        trend_charts: TrendCharts | None = None,
        memo: RenderMemo | None = None,
        reuse_bodies: bool = False,
        deadline_days: dict[str, int] | None = None,
        json_path: str = INDEX_JSON,
        rename_heading_ids: bool = True,
        stored: StoredRenders | None = None,
        templates_key: str = "",
    ) -> None:
        """`paths` are the plugin's `pages` options (one per row of the views' registry),
        relative to the postmortem `folder`; `titles` may
        replace the labels' page titles by the same keys. `env` must autoescape
        (see site.environment); `memo` keeps results across serve rebuilds,
        listing rows too with `reuse_bodies`; `rename_heading_ids` when postmortem bodies
        are sanitised (their heading ids then renamed, see render/author_ids.py).
        `stored` keeps rendered templates between builds, keyed by their context and
        `templates_key` (every template the theme folders hold that they may use)."""
        self.stored = stored or StoredRenders()
        self.templates_key = templates_key
        self.memo = memo or RenderMemo()
        self.env = env if env.autoescape is True else with_page_globals(env.overlay(autoescape=True))
        self.cache = PageCache(self.memo)
        self.reuse_bodies = reuse_bodies
        # Serve: the rows of listings are kept one by one (render/kept_rows.py), keyed by the templates' contents.
        # The environment lives across rebuilds: every build sets its own.
        self.env.globals["kept_row"] = (
            remembering_rows(self.memo, templates_key) if reuse_bodies and templates_key else kept_row
        )
        self.site_files: Files | None = None  # set by add_files
        self.planned = plan_pages(
            Pages(
                handbook,
                labels=labels,
                deadline_days=deadline_days,
                anchor_of=(
                    SectionAnchors(slugify_heading, self.memo, rename_ids=rename_heading_ids)
                    if slugify_heading is not None
                    else None
                ),
                trend_charts=trend_charts,
                url_of=self.url_of,
                json_path=json_path,
                row_memo=self.memo if reuse_bodies else None,
            ),
            placing(folder, paths),
            titles,
        )

    @classmethod
    def for_site(
        cls,
        handbook: Handbook,
        options,
        config,
        trend_charts: TrendCharts | None = None,
        memo: RenderMemo | None = None,
        reuse_bodies: bool = False,
        stored: StoredRenders | None = None,
    ) -> GeneratedPages:
        """From the plugin's options and the MkDocs config of this build."""
        pages = options["pages"]
        memo = memo or RenderMemo()
        return cls(
            handbook,
            folder=options["folder"],
            paths={option: pages[option] for option in page_paths()},
            titles=dict(pages["titles"]),
            labels=labels_for(site_language(config.theme)),
            env=theme_page_env(memo, config.theme.get_env, config.theme.dirs, config.theme.locale),
            slugify_heading=heading_slugifier(config.mdx_configs),
            trend_charts=trend_charts,
            memo=memo,
            reuse_bodies=reuse_bodies,
            deadline_days=dict(options["action_deadline_days"]),
            rename_heading_ids=not options["allow_raw_html"],
            stored=stored,
            templates_key=templates_digest(config.theme.dirs, config.theme.custom_dir, config.theme.locale)
            if stored is not None and stored.enabled
            else "",
        )

    @property
    def plans(self) -> dict[str, PagePlan]:
        return self.planned.plans

    def get(self, src_uri: str) -> PagePlan | None:
        return self.planned.plans.get(src_uri)

    # --- files ---------------------------------------------------------------

    def add_files(self, files: Files, config) -> None:
        """Add the virtual pages to the site's files.

        With an explicit `nav` they stay out of it unless the site lists them
        (MkDocs would otherwise report each as "not included in the nav").
        """
        self.site_files = files
        made, kept = self.files(config, files)
        for file in made:
            if config.nav is not None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for src_uri in kept:
            log.info(
                f"postmortem: {src_uri} is a page of the site, so it is kept and not generated; "
                "set the plugin's `pages` options to generate it elsewhere"
            )

    def url_of(self, src_uri: str) -> str | None:
        """A page's URL relative to the site root (for postmortems.json and chart points)."""
        # src_uris, not get_file_from_path: that one normalises the path through pathlib on every call.
        file = self.site_files.src_uris.get(src_uri) if self.site_files else None
        return file.url if file is not None else None

    def files(self, config, existing: Files) -> tuple[list[File], list[str]]:
        """Virtual files for every planned page, and the paths left to the site.

        A page the site already has (its own `postmortems/index.md`, say) is
        the site's: it is not replaced, and the caller says so.
        """
        made, kept = [], []
        for src_uri in self.plans:
            if existing.get_file_from_path(src_uri) is not None:
                kept.append(src_uri)
                continue
            # The Markdown is empty on purpose: the body is rendered from a
            # template when the page is rendered (see `render`).
            made.append(GeneratedPageFile.generated(config, src_uri, content=""))
        for src_uri in kept:
            del self.plans[src_uri]
        return made, kept

    # --- rendering -------------------------------------------------------------

    def render(self, src_uri: str, here: File, files: Files) -> str:
        plan = self.plans[src_uri]
        context = page_context(self.planned, plan, FileLinks(here, files))
        template = view_of(plan.kind).template

        # Under serve the stored parts keep the body in memory across rebuilds.
        return self._rendered(template, context, here)

    def _rendered(self, template: str, context: dict, here: File) -> str:
        """`template` rendered with `context` for the page of `here`, or as rendered before with the
        same templates, context and page URL. The context holds what the page shows of the day
        (overdue counts, dates), so the key changes with it."""
        def render() -> str:
            return self.env.get_template(template).render(context)

        digest = context_digest(context) if self.stored.enabled else None
        if digest is None:
            return render()
        return self.stored.text("template", (self.templates_key, template, here.src_uri, here.url, digest), render)

    def render_page(self, page, files: Files) -> str:
        """The body of a generated page; also gives it a table of contents."""
        html = self.render(page.file.src_uri, page.file, files)
        page.toc = toc_of(html)
        return html

    def note_unchanged(self, file: File, body_html: str) -> None:
        """See PageCache.note_unchanged (a dirty `serve` rebuild)."""
        self.cache.note_unchanged(file, body_html)

    def related_box(self, pm: Postmortem, here: File, files: Files) -> str:
        """The "Related incidents" box for one postmortem's page ("" when it has no family)."""
        context = related_box(self.planned, pm, FileLinks(here, files))
        return self._rendered(RELATED_BOX_TEMPLATE, context, here) if context else ""

    def similar_box(self, pm: Postmortem, here: File, files: Files, language: str) -> str:
        """The "Similar incidents" box for one postmortem's page, in its language ("" when none is similar)."""
        context = similar_box(self.planned, pm, FileLinks(here, files))
        if context is None:
            return ""
        context["t"] = labels_for(language)
        return self._rendered(SIMILAR_BOX_TEMPLATE, context, here)

    def header(self, pm: Postmortem, here: File, files: Files, language: str) -> str:
        """The header of one postmortem's page, in the postmortem's language."""
        context = header(self.planned, pm, FileLinks(here, files), labels_for(language))
        return self._rendered(HEADER_TEMPLATE, context, here)

    def title_html(self, src_uri: str) -> str:
        """The page title as MkDocs and themes print it: they do not escape it."""
        return escape(self.plans[src_uri].title, quote=True)


_NOT_LOOKED_UP = object()


class FileLinks:
    """URLs from the page being rendered to other files of the site (views.base.Links)."""

    def __init__(self, here: File, files: Files) -> None:
        self.here = here
        self.page = here.url  # rows kept under serve are kept per page (views/rows.py)
        self.files = files
        self._urls: dict[str, str | None] = {}  # a listing links the same service or level on many rows

    def to(self, src_uri: str, anchor: str | None = None) -> str | None:
        url = self._urls.get(src_uri, _NOT_LOOKED_UP)
        if url is _NOT_LOOKED_UP:
            target = self.files.src_uris.get(src_uri)
            url = self._urls[src_uri] = target.url_relative_to(self.here) if target is not None else None
        if url is None:
            return None
        return f"{url}#{anchor}" if anchor else url

    def to_output(self, path: str) -> str:
        return get_relative_url(path, self.here.url)
