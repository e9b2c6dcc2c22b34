"""`mkdocs_postmortem.markdown`: the timeline chart of postmortem pages, as a Python-Markdown extension.

For engines that run Python-Markdown extensions but no MkDocs plugin
(Zensical). List it under `markdown_extensions`; it finds the site's
`properdocs.yml` or `mkdocs.yml` in the working folder (or the one given as
`config_file`), reads the postmortem folder with the plugin's own reader, and
puts each postmortem's timeline chart under its timeline heading, from the
same model and the same figure code as the plugin.

Python-Markdown does not tell an extension which file it converts, so a page
is recognised by its text: the body of each postmortem file (what follows its
front matter) is indexed by a hash, and the folder is read again only when a
page's text is not found or its file changed, as under `zensical serve`.

The chart scripts are loaded by the site's `extra_javascript`, which
`mkdocs-postmortem generate` prints. Under MkDocs with the plugin enabled the
extension is not needed; if it is listed anyway, the plugin adds no second
chart.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .handbook import Handbook, ReadCache
from .model import Postmortem
from .read.frontmatter import body_text, split_front_matter
from .render.body import postmortem_body
from .render.safe_text import page_title
from .render.timeline_rows import escape_timeline_rows
from .text import chart_labels

log = logging.getLogger("mkdocs_postmortem.markdown")


def body_key(text: str) -> str:
    """The same key for a page's Markdown whichever engine stripped its front matter."""
    normalized = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def file_body(content: bytes) -> str:
    text = content.decode("utf-8", errors="replace").lstrip("\ufeff")
    yaml_text, body_line = split_front_matter(text)
    if yaml_text is None or body_line < 1:
        return text
    return body_text(text, body_line)


@dataclass
class _Found:
    postmortem: Postmortem
    path: Path
    stamp: tuple[int, int]


@dataclass
class Library:
    """The site's postmortems, by the key of their page text; read again when a page is not found."""

    config_file: str | None
    cache: ReadCache = field(default_factory=ReadCache)
    by_body: dict[str, _Found | None] = field(default_factory=dict)
    language: str = "en"
    timeline_chart: bool = True
    allow_raw_html: bool = False
    ticket_urls: tuple[tuple[str, str], ...] = ()
    problem_reported: bool = False

    folder: Path | None = None
    folder_stamp: tuple | None = None

    def find(self, text: str) -> _Found | None:
        key = body_key(text)
        found = self.by_body.get(key)
        if found is not None and _stamp(found.path) == found.stamp:
            return found
        # A page that is no postmortem is not found either: the folder is read again only if it changed.
        if self.folder_stamp is None or _folder_stamp(self.folder) != self.folder_stamp:
            self.reload()
        return self.by_body.get(key)

    def reload(self) -> None:
        # Imported here: the CLI's site reader, not loaded for pages of a site without postmortems.
        from .cli.site import SiteError, collect_sources, load_site

        try:
            site = load_site(self.config_file)
            sources = collect_sources(site, []) if site.folder.is_dir() else []
        except SiteError as problem:
            if not self.problem_reported:
                log.warning(f"mkdocs_postmortem.markdown: no timeline charts: {problem}")
                self.problem_reported = True
            self.by_body = {}
            self.folder, self.folder_stamp = None, ()
            return
        self.folder = site.folder
        self.folder_stamp = _folder_stamp(site.folder)
        self.language = site.language
        self.timeline_chart = site.options.timeline_chart
        self.allow_raw_html = site.options.allow_raw_html
        self.ticket_urls = site.settings.ticket_urls
        handbook = Handbook.load(sources, site.settings, self.cache, workers=1)
        by_body: dict[str, _Found | None] = {}
        docs = site.docs_dir
        for source in sources:
            pm = handbook.get(source.src_uri)
            if pm is None:
                continue
            path = docs / source.src_uri
            key = body_key(file_body(source.content))
            # Two files with the same text cannot be told apart: neither gets a chart it may not own.
            by_body[key] = None if key in by_body else _Found(pm, path, _stamp(path))
        self.by_body = by_body


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


def _folder_stamp(folder: Path | None) -> tuple:
    if folder is None:
        return ()
    stamps = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        stamps.extend((root, name, _stamp(Path(root, name))) for name in sorted(names) if name.lower().endswith(".md"))
    return tuple(stamps)


# One library per site config for the whole process: engines make a Markdown
# instance, and may load the extension again, for every page.
_LIBRARIES: dict[str, Library] = {}


def library_for(config_file: str | None) -> Library:
    key = os.path.abspath(config_file) if config_file else f"{os.getcwd()}/"
    library = _LIBRARIES.get(key)
    if library is None:
        library = _LIBRARIES[key] = Library(config_file)
    return library


class _RememberPage(Preprocessor):
    """Runs first, on the text as the engine passed it, and notes which postmortem it is."""

    def __init__(self, md: Markdown, library: Library) -> None:
        super().__init__(md)
        self.library = library

    def run(self, lines: list[str]) -> list[str]:
        found = self.md.postmortem_page = self.library.find("\n".join(lines))  # type: ignore[attr-defined]
        self.md.postmortem_document_ready = False  # type: ignore[attr-defined]
        if found is None:
            return lines
        _set_safe_title(self.md, page_title(found.postmortem))
        # As under the plugin: HTML in a timeline row is shown as the text it is.
        return escape_timeline_rows("\n".join(lines), found.postmortem.timeline_html_rows).split("\n")


def _set_safe_title(md: Markdown, title: str) -> None:
    """Zensical, like MkDocs, prints a front matter title into the nav and header as HTML. It
    hands extensions its page through a context preprocessor, whose `rendered_metadata_title`
    replaces the front matter title: the title goes there as safe text, as the plugin does."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if page is not None and hasattr(page, "rendered_metadata_title"):
            page.rendered_metadata_title = title
            return


class _DocumentReady(Treeprocessor):
    """Runs after every other tree processor. Before it, postprocessors also run on pieces
    of the page (the toc extension renders each heading's text through them)."""

    def run(self, root) -> None:
        self.md.postmortem_document_ready = True  # type: ignore[attr-defined]


class _TimelineChart(Postprocessor):
    """Runs last, on the page's HTML: the body is made as under the plugin (render/body.py)."""

    def __init__(self, md: Markdown, library: Library) -> None:
        super().__init__(md)
        self.library = library

    def run(self, text: str) -> str:
        found: _Found | None = getattr(self.md, "postmortem_page", None)
        if found is None or not getattr(self.md, "postmortem_document_ready", False):
            return text
        self.md.postmortem_document_ready = False  # type: ignore[attr-defined]  # once, on the whole page
        return postmortem_body(
            text,
            found.postmortem,
            chart_labels(self.library.language),
            allow_raw_html=self.library.allow_raw_html,
            timeline_chart=self.library.timeline_chart,
            ticket_urls=self.library.ticket_urls,
        )


class PostmortemExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "config_file": ["", "the site's properdocs.yml or mkdocs.yml (default: found in the working folder)"],
        }
        super().__init__(**kwargs)
        self.library = library_for(self.getConfig("config_file") or None)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_RememberPage(md, self.library), "postmortem_page", 1000)
        md.treeprocessors.register(_DocumentReady(md), "postmortem_document_ready", -100)
        # After every other postprocessor (raw HTML is back in place at 30): the chart's HTML is final.
        md.postprocessors.register(_TimelineChart(md, self.library), "postmortem_timeline_chart", 1)


def makeExtension(**kwargs) -> PostmortemExtension:  # noqa: N802 (Python-Markdown's name)
    return PostmortemExtension(**kwargs)

