"""MkDocs events, wired to the pipeline. No postmortem logic lives here."""

from __future__ import annotations

from dataclasses import replace
from functools import wraps
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ...cache import ModelCache, RenderStore, cache_folder, entry_key
from ...handbook import Handbook, ReadCache
from ...learning.similarity import similarity_of
from ...model import ERROR, Diagnostic
from ...one_line import one_line
from ...read.frontmatter import without_other_front_matter
from ...render.body import kept_postmortem_body
from ...render.embed import TrendCharts, after_title, switched_on
from ...render.index_json import FILE_NAME as INDEX_JSON
from ...render.index_json import postmortems_json_parts
from ...render.language import postmortem_language
from ...render.memo import RenderMemo
from ...render.problems import problems_admonition
from ...render.safe_text import page_title, safe_meta
from ...render.slots import PageSlots
from ...render.stored import StoredRenders, offer_stored_similarity, offer_stored_terms
from ...render.timeline_rows import escape_timeline_rows
from ...render.views.base import OVERVIEW
from ...rules.catalogue import rule_page
from ...settings import SettingsError, settings_from_config
from ...sources import (
    Source,
    display_path,
    is_postmortem_uri,
    read_source,
    unreadable_folders,
)
from ...text import chart_labels
from ...theme_templates import template_names
from ..language import site_language
from ..zensical.standalone import is_generated_folder
from .assets import (
    add_chart_assets,
    add_page_assets,
    with_chart_scripts,
    with_plotly_preload,
)
from .config import PostmortemConfig
from .feeds import SiteFeeds
from .nav import arrange
from .pages import GeneratedPages
from .toc import make_safe as make_toc_safe

log = get_plugin_logger(__name__)


def _bugs_reported(event):
    """An unexpected failure of ours ends a build with one clear message (the
    traceback goes to `mkdocs build --verbose`), never a traceback on its own."""

    @wraps(event)
    def reported(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except Exception as error:  # noqa: BLE001
            log.debug("postmortem plugin failed in %s", event.__name__, exc_info=True)
            raise PluginError(
                f"postmortem: internal error in {event.__name__} ({type(error).__name__}: {one_line(str(error))}); "
                "this is a bug in mkdocs-postmortem, not a problem in your postmortems: please report it to its "
                "maintainers with the output of `mkdocs build --verbose`"
            ) from None

    return reported


TEMPLATES = Path(__file__).parents[2] / "templates"


class PostmortemPlugin(BasePlugin[PostmortemConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (the plugin defines on_startup, so
        # MkDocs reuses this instance): models of unchanged files are not re-read.
        self.cache = ReadCache(shares_strings=True)
        self.serving = False
        self.dirty = False
        self.handbook: Handbook | None = None
        self.pages: GeneratedPages | None = None
        self.feeds: SiteFeeds | None = None
        self.slots = PageSlots()
        self.memo = RenderMemo()
        self.titles_as_html = True
        self.store: ModelCache | None = None
        self.stored = StoredRenders()
        self.model_keys: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # `mkdocs serve --dirty`: pages MkDocs finds unmodified are not written again.
        self.dirty = self.serving and dirty
        # What only a later rebuild would use is let go in a one-off build.
        similarity_of.keeps_terms = self.serving

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state is reset here: self.config is reloaded on every serve rebuild.
        self.handbook = None
        self.pages = None
        self.feeds = None
        self.slots = PageSlots()  # a slot of one build is never filled in another
        self.memo.start_build()
        if not self.config.enabled:
            return config
        try:
            self.settings = settings_from_config(self.config)
        except SettingsError as problem:
            raise PluginError(f"postmortem plugin: {problem}") from None
        # Material's `content.tooltips` shows `title` attributes with innerHTML.
        self.titles_as_html = "content.tooltips" in (config.theme.get("features") or ())
        # Appended, not prepended: a site's custom_dir still overrides our templates.
        config.theme.dirs.append(str(TEMPLATES))
        self.settings = replace(self.settings, page_templates=template_names(config.theme.dirs))
        self.store = self._model_cache(config)
        # Rendered parts: on disk beside the models, and in memory across serve rebuilds.
        self.stored = StoredRenders(
            RenderStore(self.store) if self.store is not None else None, self.memo if self.serving else None
        )
        return config

    def _model_cache(self, config: MkDocsConfig) -> ModelCache | None:
        if not self.config.cache:
            return None
        try:
            folder = cache_folder(config.config_file_path, self.config.cache_dir, config.docs_dir)
        except SettingsError as problem:
            raise PluginError(f"postmortem plugin: {problem}") from None
        return ModelCache.open(folder, self.settings) if folder is not None else None

    @event_priority(50)  # before other plugins see the file list (search, blog)
    @_bugs_reported
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        self._drop_generated_folder(files, config)
        postmortem_files = [
            file
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if is_postmortem_uri(file.src_uri, self.settings.folder)
        ]
        real_folders: dict[str, str] = {}  # each folder's links resolved once, not once per file
        sources = [self._source(file, config, real_folders) for file in postmortem_files]
        for file, source in zip(list(postmortem_files), sources):
            if source.unreadable is not None:
                files.remove(file)  # reported instead; MkDocs would fail on it with a traceback
                postmortem_files.remove(file)
        self.model_keys = {
            source.src_uri: entry_key(source.path, source.src_uri, source.content).hex()
            for source in sources
            if source.unreadable is None
        }
        sources += unreadable_folders(Path(config.docs_dir, self.settings.folder), config.docs_dir)
        self.handbook = Handbook.load(sources, self.settings, self.cache, workers=self.config.workers, store=self.store)
        offer_stored_terms(self.handbook.postmortems, self.model_keys, self.stored)
        offer_stored_similarity(self.handbook.postmortems, self.model_keys, self.stored)
        for file in postmortem_files:
            pm = self.handbook.get(file.src_uri)
            if not self.config.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if pm is not None and pm.page_text is not None:
                # Mojibake repaired, refused front matter left out (read/page_text.py); only the in-memory copy changes.
                file.content_string = pm.page_text
        language = self.language = site_language(config.theme)
        self.pages = GeneratedPages.for_site(
            self.handbook,
            self.config,
            config,
            trend_charts=TrendCharts(language, self.slots, self.memo if self.serving else None, self.stored),
            memo=self.memo,
            reuse_bodies=self.serving,
            stored=self.stored,
            model_keys=self.model_keys,
        )
        self.pages.add_files(files, config)
        self.feeds = SiteFeeds(
            self.pages.planned, self.config, config, language, self.memo, self.stored, self.model_keys
        )
        self.feeds.add_files(files, config, self.pages.url_of)
        if self.handbook.postmortems:
            add_chart_assets(files, config, self.config.plotly_js)
            add_page_assets(files, config)
        self._report(self.handbook)
        return files

    @staticmethod
    def _source(file: File, config: MkDocsConfig, real_folders: dict[str, str]) -> Source:
        if file.abs_src_path:
            return read_source(
                file.abs_src_path, src_uri=file.src_uri, docs_dir=config.docs_dir, real_folders=real_folders
            )
        return Source(path=file.src_uri, src_uri=file.src_uri, content=file.content_bytes)

    def _drop_generated_folder(self, files: Files, config: MkDocsConfig) -> None:
        """Pages `mkdocs-postmortem generate` wrote for Zensical: this build makes them itself."""
        folder = f"{self.settings.folder}/{self.config.generated_folder.strip('/')}".lstrip("/")
        if is_generated_folder(Path(config.docs_dir, folder)):
            for file in [file for file in files if file.src_uri.startswith(folder + "/")]:
                files.remove(file)

    @_bugs_reported
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if self.pages is not None and config.nav is None:
            arrange(nav, self.pages.planned)
        return nav

    @event_priority(50)  # before other plugins read page.meta (tags, blog)
    @_bugs_reported
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.pages is not None and self.pages.get(page.file.src_uri):
            page.meta["title"] = self.pages.title_html(page.file.src_uri)
            return markdown
        pm = self.handbook.get(page.file.src_uri) if self.handbook else None
        if pm is None:
            return markdown
        # Themes print page.meta (description, author, subtitle, tags...) into the page as raw HTML,
        # and meta["title"] into the nav, header and <title>: the author's strings become text.
        meta = safe_meta(page.meta)
        page.meta.clear()
        page.meta.update(meta)
        page.meta["title"] = page_title(pm)
        if "template" in page.meta:
            # A template the theme lacks, or no name at all, is PM003 and left out: MkDocs would fail on it.
            if pm.template is None:
                del page.meta["template"]
            else:
                page.meta["template"] = pm.template
        if pm.front_matter_format != "yaml":  # MkDocs strips only YAML front matter
            markdown = without_other_front_matter(markdown)
        return escape_timeline_rows(markdown, pm.timeline_html_rows)

    @_bugs_reported
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.pages is not None and self.pages.get(page.file.src_uri):
            # Rendered here, before the search plugin reads page.content: titles and headings of
            # generated pages are searchable, their rows (held back) are not.
            html = self.pages.render_page(page, files, self.slots)
            if self.dirty:
                self.pages.note_unchanged(page.file, html)
            return self._with_chart_scripts(html, page)
        pm = self.handbook.get(page.file.src_uri) if self.handbook else None
        if pm is None:
            return html
        # Charts and header speak the postmortem's language, whatever the site's.
        language = postmortem_language(pm, self.language)
        html = kept_postmortem_body(
            html,
            pm,
            chart_labels(language),
            model_key=self.model_keys.get(pm.src_uri, ""),
            language=language,
            stored=self.stored if pm.src_uri in self.model_keys else StoredRenders(),
            slots=self.slots,
            allow_raw_html=self.config.allow_raw_html,
            timeline_chart=self.config.timeline_chart,
            titles_as_html=self.titles_as_html,
            ticket_urls=self.settings.ticket_urls,
        )
        # Built from the author's headings before this event: ids renamed as the body's are.
        make_toc_safe(page.toc, rename_ids=not self.config.allow_raw_html)
        if self.pages is not None and switched_on(pm, "header", self.config.header):
            # Made from the model, never from the body, and held back: it joins the page in
            # on_post_page, after anything that rewrites or indexes page.content.
            html = after_title(html, self.slots.reserve(self.pages.header(pm, page.file, files, language), packed=True))
        if self.serving:
            html = problems_admonition(self.handbook.diagnostics_for(pm), self._rule_url(page, files)) + html
        if self.pages is not None:
            # Held back like the header: they list other incidents, each found by search on its own
            # page; indexed here too, every incident came up again under each of its look-alikes.
            boxes = self.pages.related_box(pm, page.file, files) + self.pages.similar_box(
                pm, page.file, files, language
            )
            if boxes:
                html += self.slots.reserve(boxes, packed=True)
        return self._with_chart_scripts(html, page)

    @staticmethod
    def _rule_url(page: Page, files: Files):
        """Links to the site's own rule pages (`rules/PM301.md`), when it has the rule reference."""

        def url(code: str) -> str | None:
            target = files.src_uris.get(rule_page(code) or "")
            return target.url_relative_to(page.file) if target is not None else None

        return url

    def _with_chart_scripts(self, html: str, page: Page) -> str:
        return with_chart_scripts(html, page.url, self.config.plotly_js, self.config.plotly_js_cdn_url)

    @event_priority(100)  # before plugins that minify pages (and drop HTML comments) see them
    @_bugs_reported
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # Charts and listing rows join the page only now, after search plugins have read page.content.
        src_uri = page.file.src_uri
        if self.feeds is not None and self.pages is not None and src_uri == self.pages.planned.uri(OVERVIEW):
            # Browsers and feed readers find the feed from the overview's <head>.
            link = self.feeds.head_link(page.url)
            if link and "</head>" in output:
                output = output.replace("</head>", f"  {link}\n</head>", 1)
        if (self.pages is not None and self.pages.get(src_uri)) or (self.handbook and self.handbook.get(src_uri)):
            # The preload goes in before the held HTML: on the page without it, which is small.
            output = with_plotly_preload(output, page.url, self.config.plotly_js, self.config.plotly_js_cdn_url)
            return self.slots.fill(output)
        return output

    @_bugs_reported
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.handbook is None or self.pages is None:
            return
        if self.serving:  # each rebuild follows an edit: kept entry by entry in memory instead
            parts = postmortems_json_parts(self.handbook, self.pages.url_of, self.memo)
        else:
            parts = self.pages.handbook_file(
                INDEX_JSON, lambda: postmortems_json_parts(self.handbook, self.pages.url_of)
            )
        target = Path(config.site_dir, INDEX_JSON)
        try:
            with open(target, "w", encoding="utf-8") as out:
                out.writelines(parts)
        except OSError as problem:
            raise PluginError(
                f"postmortem: cannot write {display_path(target)} ({(problem.strerror or str(problem)).lower()}); "
                "make the site folder writable, or remove what stands at that path"
            ) from None
        # Under serve the next rebuild follows an edit, which changes the handbook's key: the list
        # of parts is kept in memory, not written on every rebuild for nothing.
        self.pages.keep_parts(on_disk=not self.serving)
        if self.stored.enabled:
            log.debug(f"postmortem: {self.stored.found} rendered parts from the cache, {self.stored.made} rendered")
            if self.stored.store is not None and self.stored.made:
                self.stored.store.prune()

    def _report(self, handbook: Handbook) -> None:
        for diagnostic in handbook.diagnostics:
            _log_at_level(diagnostic)(diagnostic.format())
        if handbook.errors and not self.serving:
            raise PluginError(f"postmortem: {handbook.summary_line()}")
        if handbook.diagnostics:
            log.info(f"postmortem: {handbook.summary_line()}")


def _log_at_level(diagnostic: Diagnostic):
    """MkDocs' `--strict` fails on every warning logged under `mkdocs.`: the warnings
    it must let pass (a draft's gaps, the accepted archive) are logged as info, still shown."""
    if diagnostic.level == ERROR:
        return log.error
    return log.warning if diagnostic.fails_strict else log.info
