"""The generated pages in an MkDocs build: planned from the views, given virtual files, rendered.

They exist on no disk. `GeneratedPages` is made once per build from the
Handbook: it plans every page (path, title) through the views' registry,
hands MkDocs virtual files, and renders each page's body HTML from the
package's Jinja templates when MkDocs renders that page. Everything that
needs all postmortems (groups, overdue items, late postmortems) is computed
once (`views.base.Pages`); rendering one page only walks that page's own rows.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from collections.abc import Callable, Iterable, Iterator
from html import escape

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from ...cache import settings_digest
from ...handbook import Handbook
from ...model import Postmortem
from ...render.embed import TrendCharts
from ...render.index_json import FILE_NAME as INDEX_JSON
from ...render.kept_rows import kept_row, page_with_rows, remembering_rows
from ...render.memo import RenderMemo
from ...render.slots import Packed, PageSlots
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
from ...render.views.shown import (
    ShownKeys,
    header_inputs,
    page_inputs,
    related_inputs,
    similar_inputs,
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
        slots: PageSlots | None = None,
        model_keys: dict[str, str] | None = None,
        site_key: str | None = None,
    ) -> None:
        """`paths` are the plugin's `pages` options (one per row of the views' registry),
        relative to the postmortem `folder`; `titles` may
        replace the labels' page titles by the same keys. `env` must autoescape
        (see site.environment); `memo` keeps results across serve rebuilds,
        listing rows too with `reuse_bodies`; `rename_heading_ids` when postmortem bodies
        are sanitised (their heading ids then renamed, see render/author_ids.py).
        `stored` keeps rendered templates between builds, keyed by their context and
        `templates_key` (every template the theme folders hold that they may use).
        With `model_keys` (each postmortem's cache.entry_key) and `site_key` (the plugin's options
        and the site's settings the views read), a part is first looked up by the whole handbook
        (`handbook_key`), which a build where nothing changed finds without making its context;
        `slots` holds what such a part's markers stand for (its trend charts)."""
        self.stored = stored or StoredRenders()
        self.templates_key = templates_key
        self.slots = slots
        self.model_keys = model_keys
        self.site_key = site_key
        self._handbook_key: tuple[object, str | None] = (None, None)
        self._site_key: tuple[object, str | None] = (None, None)
        self._parts: dict | None = None  # the parts listed under the handbook's key by a build before
        self._last: dict | None = None  # the parts the last build listed, each with what it shows
        self._parts_used: dict[str, list] = {}
        self._parts_changed = False
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
        self.shown = ShownKeys(self.planned)  # what each part shows of the postmortems (views/shown.py)

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
        model_keys: dict[str, str] | None = None,
    ) -> GeneratedPages:
        """From the plugin's options and the MkDocs config of this build."""
        pages = options["pages"]
        memo = memo or RenderMemo()
        language = site_language(config.theme)
        # What the views read of the site besides the handbook and the files' URLs (handbook_key).
        site_key = json.dumps(
            [dict(options), config.site_url, config.use_directory_urls, language, config.theme.locale],
            sort_keys=True, ensure_ascii=False, default=str,
        )
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
            slots=trend_charts.slots if trend_charts is not None else None,
            model_keys=model_keys,
            site_key=site_key,
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
        html = self._page(src_uri, here, files)
        return html if isinstance(html, str) else html.decode("utf-8", "surrogatepass")

    def _page(self, src_uri: str, here: File, files: Files) -> str | bytearray:
        plan = self.plans[src_uri]
        template = view_of(plan.kind).template
        # Under serve the stored parts keep the body in memory across rebuilds.
        return self._part(
            template,
            here,
            files,
            lambda: page_context(self.planned, plan, FileLinks(here, files)),
            lambda: page_inputs(self.planned, plan, self.shown),
            utf8=True,
        )

    def _part(
        self,
        template: str,
        here: File,
        files: Files,
        make_context: Callable[[], dict | None],
        shows: Callable[[], list],
        utf8: bool = False,
    ) -> str | bytearray:
        """`template` rendered with `make_context()` for the page of `here` ("" when that gives no context);
        with `utf8`, as made when it is made here: UTF-8 (a page of several MB, never made a string whole).

        When the whole handbook is the same as in a build before (`handbook_key`), what that build
        rendered is found without making the context: the key of the part it rendered (its
        context's digest) and the HTML its markers stood for (trend charts), held again here. The
        build's parts are listed in one entry (`keep_parts`), read once. Otherwise, a part that
        shows the same of the postmortems (`shows()`, views/shown.py) and of the site as in the
        last build's list is found the same way."""
        whole = self.handbook_key(files)
        name = f"{template}\t{here.src_uri}\t{here.url}"
        if whole is not None:
            found = self._parts_found(whole).get(name)
            if found is not None:
                html = self._found_part(template, here, found)
                if html is not None:
                    self._parts_used[name] = found
                    return html
        site = self.site_key_of(files)
        shown = _digest((site, name, json.dumps(shows(), ensure_ascii=False, default=str))) if site else None
        if shown is not None:
            found = self._last_parts().get(name)
            if isinstance(found, list) and len(found) == 3 and found[2] == shown:
                html = self._found_part(template, here, found)
                if html is not None:
                    self._parts_used[name] = found
                    self._parts_changed = True  # a list under a new key of the whole handbook
                    return html
        context = make_context()
        digest = context_digest(context) if context and self.stored.enabled else None
        html = self._rendered(template, context, here, digest, utf8) if context else ""
        if whole is None and shown is None:
            return html
        held = self.slots.held_in(html) if self.slots is not None else []
        if (not context or digest is not None) and held is not None:
            # Packed: the trend charts of a page would otherwise wait raw to the build's end, after their page.
            self._parts_used[name] = [digest, [Packed(piece) for piece in held], shown]
        self._parts_changed = True  # a part not listed is made again by the next build
        return html

    def _parts_found(self, whole: str) -> dict:
        if self._parts is None:
            self._parts = self._parts_list(whole)
        return self._parts

    def _parts_list(self, whole: str) -> dict:
        text = self.stored.find("parts", (self.templates_key, whole))
        try:
            found = json.loads(text) if text is not None else {}
        except ValueError:
            found = {}
        return found if isinstance(found, dict) else {}

    def _last_parts(self) -> dict:
        """The parts the last build listed (in memory under serve, else the list `keep_parts` last wrote)."""
        if self._last is None:
            held = self.memo.get(("last parts", self.templates_key), dict)
            last = self.stored.find("last parts", (self.templates_key,)) if not held else None
            self._last = held or (self._parts_list(last) if last else {})
        return self._last

    def _found_part(self, template: str, here: File, found: object) -> str | None:
        """The part a build before rendered, as `_part` listed it, or None when it cannot be had."""
        if not (isinstance(found, list) and len(found) in (2, 3)):
            return None
        digest, held = found[:2]
        if digest is None:
            return ""
        if isinstance(held, list):  # under serve, the last build's list is this process's own, its pieces packed
            held = [piece.unpacked() if isinstance(piece, Packed) else piece for piece in held]
        # Held pieces are text when read back from disk, the UTF-8 held when kept in memory under serve.
        if not isinstance(digest, str) or not isinstance(held, list) or not all(isinstance(p, (str, bytes)) for p in held):
            return None
        try:
            html = self.stored.text(
                "template", (self.templates_key, template, here.src_uri, here.url, digest), _missing_part
            )
        except _NotKept:
            return None  # the part itself was pruned
        if self.slots is not None and not self.slots.hold_again(html, held):
            return None
        return html

    def keep_parts(self, on_disk: bool = True) -> None:
        """The parts this build used, listed for the next build (written only when one of them was
        made): on disk under the whole handbook's key, which the last list names; under serve, where
        each rebuild follows an edit and the whole handbook's key changes, in memory only."""
        if not on_disk:
            self.memo.put(("last parts", self.templates_key), self._parts_used)
            return
        whole = self._handbook_key[1]
        if whole is not None and self._parts_changed:
            self.stored.keep("parts", (self.templates_key, whole), _parts_json(self._parts_used))
            self.stored.keep("last parts", (self.templates_key,), whole)

    def handbook_file(self, name: str, make: Callable[[], Iterable[str]]) -> Iterator[str]:
        """The text of a file made from the whole handbook (`postmortems.json`), in pieces: as a build
        before made it for the same whole handbook (`handbook_key`), in one piece, else `make()`,
        kept for the next build.

        One entry per file name, the handbook's key written in it: a build after an edit replaces
        the entry (several MB at thousands of incidents) rather than adding one more."""
        whole = self.handbook_key(self.site_files) if self.site_files is not None else None
        if whole is None:
            yield from make()
            return
        found = self.stored.find("handbook file", (name,))
        kept_for, _, text = found.partition("\n") if found is not None else ("", "", "")
        if found is not None and kept_for == whole:
            yield text
            return
        kept = bytearray(f"{whole}\n".encode())  # as UTF-8, piece by piece: the file is several MB
        for piece in make():
            kept += piece.encode("utf-8", "surrogatepass")
            yield piece
        self.stored.keep("handbook file", (name,), kept)

    def handbook_key(self, files: Files) -> str | None:
        """A digest of everything the generated pages and the parts of postmortem pages are made
        from: every model (its entry key), in order, every diagnostic, and what `site_key` holds.
        None when there is no cache on disk, some postmortem has no entry key or the anchors cannot
        say how they are made."""
        held_for, key = self._handbook_key
        if held_for is files:
            return key
        key = None
        handbook, keys = self.planned.handbook, self.model_keys
        site = self.site_key_of(files)
        if self.stored.store is not None and keys is not None and site is not None:
            models = [(pm.src_uri, keys.get(pm.src_uri)) for pm in handbook.postmortems]
            if all(model_key is not None for _, model_key in models):
                key = _digest((site, json.dumps(models), "\n".join(map(repr, handbook.diagnostics))))
        self._handbook_key = (files, key)
        return key

    def site_key_of(self, files: Files) -> str | None:
        """A digest of what every part reads besides the postmortems: the day, the settings, the
        site's options and settings (`site_key`, `Pages.rows_key`), how anchors are made and every
        file's URL. None when the anchors cannot say how they are made, or no store keeps parts."""
        held_for, key = self._site_key
        if held_for is files:
            return key
        key = None
        anchors = _anchors_key(self.planned.anchor_of)
        if self.stored.enabled and self.site_key is not None and anchors is not None:
            pages, handbook = self.planned, self.planned.handbook
            key = _digest(
                (
                    self.site_key,
                    anchors,
                    json.dumps(
                        [pages.labels, sorted(pages.deadline_days.items()), sorted(pages.severity_uri.items()),
                         sorted(pages.service_uri.items()), handbook.settings.ticket_urls],
                        sort_keys=True, ensure_ascii=False, default=str,
                    ),
                    settings_digest(handbook.settings),
                    handbook.settings.build_date.isoformat(),
                    "\n".join(f"{file.src_uri}\t{file.url}" for file in files),
                )
            )
        self._site_key = (files, key)
        return key

    def _rendered(
        self, template: str, context: dict, here: File, digest: str | None, utf8: bool = False
    ) -> str | bytearray:
        """`template` rendered with `context` for the page of `here`, or as rendered before with the
        same templates, context and page URL. The context holds what the page shows of the day
        (overdue counts, dates), so the key changes with it. `digest`: the context's, worked out
        once by the caller (the tracker's takes a while); None when it cannot be written, or
        nothing is stored: rendered, never stored."""
        def render() -> str | bytearray:
            return page_with_rows(lambda: self.env.get_template(template).generate(context), utf8)

        if digest is None or not self.stored.enabled:
            return render()
        return self.stored.text("template", (self.templates_key, template, here.src_uri, here.url, digest), render)

    def render_page(self, page, files: Files, slots: PageSlots) -> str:
        """The body of a generated page, its listings' rows held in `slots` (they stay out of the search
        index); also gives it a table of contents, from its headings (no listing holds one)."""
        html = slots.hold_listings(self._page(page.file.src_uri, page.file, files))
        page.toc = toc_of(html)
        return html

    def note_unchanged(self, file: File, body_html: str) -> None:
        """See PageCache.note_unchanged (a dirty `serve` rebuild)."""
        self.cache.note_unchanged(file, body_html)

    def related_box(self, pm: Postmortem, here: File, files: Files) -> str:
        """The "Related incidents" box for one postmortem's page ("" when it has no family)."""
        return self._part(
            RELATED_BOX_TEMPLATE,
            here,
            files,
            lambda: related_box(self.planned, pm, FileLinks(here, files)),
            lambda: related_inputs(self.planned, pm, self.shown),
        )

    def similar_box(self, pm: Postmortem, here: File, files: Files, language: str) -> str:
        """The "Similar incidents" box for one postmortem's page, in its language ("" when none is similar)."""

        def make_context() -> dict | None:
            context = similar_box(self.planned, pm, FileLinks(here, files))
            if context is not None:
                context["t"] = labels_for(language)
            return context

        return self._part(
            SIMILAR_BOX_TEMPLATE,
            here,
            files,
            make_context,
            lambda: [language, similar_inputs(self.planned, pm, self.shown)],
        )

    def header(self, pm: Postmortem, here: File, files: Files, language: str) -> str:
        """The header of one postmortem's page, in the postmortem's language."""
        return self._part(
            HEADER_TEMPLATE,
            here,
            files,
            lambda: header(self.planned, pm, FileLinks(here, files), labels_for(language)),
            lambda: [language, header_inputs(pm, self.shown)],
        )

    def title_html(self, src_uri: str) -> str:
        """The page title as MkDocs and themes print it: they do not escape it."""
        return escape(self.plans[src_uri].title, quote=True)


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _parts_json(parts_used: dict[str, list]) -> bytearray:
    """`json.dumps(parts_used, ensure_ascii=False)` as UTF-8, packed pieces unpacked (lone surrogates as they
    were, which the store refuses), written part by part: whole, as a string and then its UTF-8, the list (each part's held
    HTML, the trend charts of a thousand postmortems) was the build's peak at 1000 postmortems."""
    out = bytearray(b"{")
    for index, (name, (digest, held, *shown)) in enumerate(parts_used.items()):
        out += (", " if index else "").encode("ascii")
        out += f"{json.dumps(name, ensure_ascii=False)}: [{json.dumps(digest)}, [".encode("utf-8", "surrogatepass")
        for number, piece in enumerate(held):
            if isinstance(piece, Packed):
                piece = piece.unpacked()
            text = piece if isinstance(piece, str) else piece.decode("utf-8", "surrogatepass")
            out += ((", " if number else "") + json.dumps(text, ensure_ascii=False)).encode("utf-8", "surrogatepass")
        out += b"]"
        out += "".join(f", {json.dumps(key)}" for key in shown).encode("ascii")
        out += b"]"
    out += b"}"
    return out


def _anchors_key(anchor_of: object) -> str | None:
    """How section anchors are made, the same from one process to the next (`SectionAnchors.key` holds
    the slug function itself): its module and name, and a partial's arguments. None when unknown."""
    if anchor_of is None:
        return "no anchors"
    slugifier = getattr(anchor_of, "slugify_heading", None)
    function = getattr(slugifier, "function", None)
    arguments: list = []
    if isinstance(function, functools.partial):
        arguments = [function.args, sorted(function.keywords.items())]
        function = function.func
    module, name = getattr(function, "__module__", None), getattr(function, "__qualname__", None)
    if not module or not name or "<" in name:  # a lambda or a function made inside another: no stable name
        return None
    try:
        return json.dumps([module, name, arguments, slugifier.separator, getattr(anchor_of, "rename_ids", None)])
    except (TypeError, ValueError):
        return None


class _NotKept(Exception):
    """A part not found."""


def _missing_part() -> str:
    raise _NotKept


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
