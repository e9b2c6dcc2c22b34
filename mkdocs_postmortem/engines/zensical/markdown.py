"""`mkdocs_postmortem.markdown`: the timeline chart of postmortem pages, as a Python-Markdown extension.

For engines that run Python-Markdown extensions but no MkDocs plugin
(Zensical). List it under `markdown_extensions`; it finds the site's
`properdocs.yml` or `mkdocs.yml` in the working folder (or the one given as
`config_file`), reads the postmortem folder with the plugin's own reader, and
puts each postmortem's timeline chart under its timeline heading, from the
same model and the same figure code as the plugin.

Which file is being converted: Zensical hands its extensions the page (its
path, its front matter and the site's folder) through a context preprocessor,
and the page is looked up by its path. Plain Python-Markdown tells an
extension nothing, so there a page is recognised by its text: the body of each
file of the docs folder (what follows its front matter) is indexed by a hash.
The folder is read again only when a page is not found or its file changed,
as under `zensical serve`.

It fails closed. A page is left as the engine made it only when it is known
not to be a postmortem: a page of the docs folder outside the postmortem
folder, or a generated page. Every other page (a postmortem, a text that
matches two files or none, any page when the site's config cannot be found)
gets its body sanitised, its table of contents, title and front matter made
text, as the plugin does for postmortems.

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

from ...handbook import Handbook, ReadCache
from ...model import Postmortem
from ...read.frontmatter import (
    body_text,
    split_front_matter,
    without_other_front_matter,
)
from ...render.body import postmortem_body
from ...render.safe_text import page_title, safe_meta, safe_toc_tokens, text
from ...render.sanitise import sanitise
from ...render.timeline_rows import escape_timeline_rows
from ...sources import is_postmortem_uri
from ...text import chart_labels

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


# What a page is, as far as the extension can tell.
TRUSTED = "trusted"  # a page of the site that is no postmortem: left as the engine made it
UNKNOWN = "unknown"  # anything it cannot prove trusted: sanitised, whatever the options say


@dataclass
class Library:
    """The site's postmortems and its other pages, by path and by the key of their text;
    read again when a page is not found or the docs folder changed."""

    config_file: str | None
    cache: ReadCache = field(default_factory=ReadCache)
    by_body: dict[str, _Found | str] = field(default_factory=dict)
    by_path: dict[str, _Found] = field(default_factory=dict)
    trusted_paths: frozenset[str] = frozenset()
    language: str = "en"
    timeline_chart: bool = True
    allow_raw_html: bool = False
    ticket_urls: tuple[tuple[str, str], ...] = ()
    problem_reported: bool = False

    docs_dir: Path | None = None
    docs_stamp: tuple | None = None

    def find(self, text: str, path: str | None = None) -> _Found | str:
        """The postmortem of the page at `path` (given by Zensical) or with this `text`,
        or TRUSTED, or UNKNOWN."""
        found = self._look_up(text, path)
        if isinstance(found, _Found) and _stamp(found.path) == found.stamp:
            return found
        if found == TRUSTED:
            return found
        # Not found, or its file changed: the folder is read again only if it changed.
        if self.docs_stamp is None or _folder_stamp(self.docs_dir) != self.docs_stamp:
            self.reload()
        return self._look_up(text, path)

    def _look_up(self, text: str, path: str | None) -> _Found | str:
        if path is None:
            return self.by_body.get(body_key(text), UNKNOWN)
        if path in self.by_path:
            return self.by_path[path]
        return TRUSTED if path in self.trusted_paths else UNKNOWN

    def reload(self) -> None:
        # Imported here: the site's config reader loads MkDocs' option classes, which the
        # extension needs only once it reads a site.
        from ..config_file import SiteError, load_site
        from ..postmortem_files import collect_sources

        self.by_body, self.by_path, self.trusted_paths = {}, {}, frozenset()
        self.docs_dir, self.docs_stamp = None, ()
        try:
            site = load_site(self.config_file)
            if site.config_file is None:
                raise SiteError(
                    f"no properdocs.yml or mkdocs.yml in {os.getcwd()}: build from the site's folder, or give "
                    "its config to the extension (`- mkdocs_postmortem.markdown: {config_file: path/to/mkdocs.yml}`)"
                )
            sources = collect_sources(site, []) if site.folder.is_dir() else []
        except SiteError as problem:
            if not self.problem_reported:
                log.warning(
                    f"mkdocs_postmortem.markdown: no timeline charts, and every page is sanitised "
                    f"as a postmortem would be: {problem}"
                )
                self.problem_reported = True
            return
        self.docs_dir = site.docs_dir
        self.docs_stamp = _folder_stamp(site.docs_dir)
        self.language = site.language
        self.timeline_chart = site.options.timeline_chart
        self.allow_raw_html = site.options.allow_raw_html
        self.ticket_urls = site.settings.ticket_urls
        handbook = Handbook.load(sources, site.settings, self.cache, workers=1)
        keys: dict[str, list[_Found | str]] = {}
        postmortem_paths: set[str] = set()
        for source in sources:
            postmortem_paths.add(source.src_uri)
            pm = handbook.get(source.src_uri)
            if pm is None:
                continue  # unreadable: its page, if the engine makes one, is sanitised
            path = site.docs_dir / source.src_uri
            found = _Found(pm, path, _stamp(path))
            self.by_path[source.src_uri] = found
            keys.setdefault(body_key(file_body(source.content)), []).append(found)
        trusted = set()
        for src_uri, path in _pages(site.docs_dir):
            if src_uri in postmortem_paths or is_postmortem_uri(src_uri, site.settings.folder):
                continue
            trusted.add(src_uri)
            try:
                keys.setdefault(body_key(file_body(path.read_bytes())), []).append(TRUSTED)
            except OSError:
                continue
        self.trusted_paths = frozenset(trusted)
        # A text that two files share cannot be told apart: it is known only if both are trusted pages.
        self.by_body = {
            key: owners[0] if len(owners) == 1 or all(owner == TRUSTED for owner in owners) else UNKNOWN
            for key, owners in keys.items()
        }


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


def _pages(docs_dir: Path):
    """(src_uri, path) of every Markdown file of the docs folder."""
    for root, dirs, names in os.walk(docs_dir):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(".md"):
                path = Path(root, name)
                yield path.relative_to(docs_dir).as_posix(), path


def _folder_stamp(folder: Path | None) -> tuple:
    if folder is None:
        return ()
    return tuple((src_uri, _stamp(path)) for src_uri, path in _pages(folder))


# One library per site config for the whole process: engines make a Markdown
# instance, and may load the extension again, for every page.
_LIBRARIES: dict[str, Library] = {}


def library_for(config_file: str | None) -> Library:
    key = os.path.abspath(config_file) if config_file else f"{os.getcwd()}/"
    library = _LIBRARIES.get(key)
    if library is None:
        library = _LIBRARIES[key] = Library(config_file)
    return library


def _engine_page(md: Markdown):
    """Zensical's page being rendered (path, front matter, title) and its site config, if any."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if page is not None and hasattr(page, "rendered_metadata_title") and hasattr(page, "path"):
            config = getattr(processor, "config", None)
            return page, config if isinstance(config, dict) else {}
    return None, {}


def _site_config(configured: str | None, engine_config: dict) -> str | None:
    """The extension's `config_file`, else the config in the folder of the engine's own config
    (Zensical's `-f`), else None: the working folder's."""
    if configured:
        return configured
    from ..config_file import CONFIG_NAMES

    root = engine_config.get("root_dir")
    if root:
        for name in CONFIG_NAMES:
            if Path(root, name).is_file():
                return str(Path(root, name))
    return None


@dataclass
class _Verdict:
    found: _Found | None  # the postmortem, when the page is one
    sanitise: bool  # its body, table of contents, title and front matter made safe
    allow_raw_html: bool = False
    titles_as_html: bool = True


class _RememberPage(Preprocessor):
    """Runs first, on the text as the engine passed it, and decides what the page is."""

    def __init__(self, md: Markdown, configured: str | None) -> None:
        super().__init__(md)
        self.configured = configured

    def run(self, lines: list[str]) -> list[str]:
        page, engine_config = _engine_page(self.md)
        library = library_for(_site_config(self.configured, engine_config))
        self.md.postmortem_library = library  # type: ignore[attr-defined]
        self.md.postmortem_document_ready = False  # type: ignore[attr-defined]
        text = "\n".join(lines)
        found = library.find(text, getattr(page, "path", None))
        # Material's `content.tooltips` shows titles as HTML; when the engine does not say, assume it does.
        features = (engine_config.get("theme") or {}).get("features") if page is not None else None
        titles_as_html = "content.tooltips" in features if isinstance(features, (list, tuple)) else True
        if found == TRUSTED:
            self.md.postmortem_page = _Verdict(None, sanitise=False)  # type: ignore[attr-defined]
            return lines
        if found == UNKNOWN:
            self.md.postmortem_page = _Verdict(None, sanitise=True, titles_as_html=titles_as_html)  # type: ignore[attr-defined]
            if page is not None:
                _make_page_safe(page, title=None)
            return lines
        pm = found.postmortem
        self.md.postmortem_page = _Verdict(  # type: ignore[attr-defined]
            found, sanitise=True, allow_raw_html=library.allow_raw_html, titles_as_html=titles_as_html
        )
        if page is not None:
            _make_page_safe(page, title=page_title(pm))
        if pm.front_matter_format != "yaml":  # the engine strips only YAML front matter, as MkDocs does
            text = without_other_front_matter(text)
        # As under the plugin: HTML in a timeline row is shown as the text it is.
        return escape_timeline_rows(text, pm.timeline_html_rows).split("\n")


def _make_page_safe(page, title: str | None) -> None:
    """Zensical, like MkDocs, prints the front matter (title, description, tags...) into the
    page as HTML. Its page's `meta` is what the theme gets, and `rendered_metadata_title`
    replaces the title: both become text, as the plugin makes them."""
    if title is None and page.title is not None:
        # Not known as a postmortem: its own title (front matter, else the one the engine found) as text.
        title = text(str(page.title))
    meta = safe_meta(page.meta)
    page.meta.clear()
    page.meta.update(meta)
    page.rendered_metadata_title = title


class _DocumentReady(Treeprocessor):
    """Runs after every other tree processor. Before it, postprocessors also run on pieces
    of the page (the toc extension renders each heading's text through them)."""

    def run(self, root) -> None:
        self.md.postmortem_document_ready = True  # type: ignore[attr-defined]


class _SafeBody(Postprocessor):
    """Runs last, on the page's HTML: a postmortem's body is made as under the plugin
    (render/body.py), any other page not known to be safe is sanitised."""

    def run(self, html: str) -> str:
        verdict: _Verdict | None = getattr(self.md, "postmortem_page", None)
        if verdict is None or not verdict.sanitise or not getattr(self.md, "postmortem_document_ready", False):
            return html
        self.md.postmortem_document_ready = False  # type: ignore[attr-defined]  # once, on the whole page
        rename_ids = not verdict.allow_raw_html
        if hasattr(self.md, "toc_tokens"):
            safe_toc_tokens(self.md.toc_tokens, rename_ids=rename_ids)
        if verdict.found is None:
            return sanitise(html, titles_as_html=verdict.titles_as_html)
        library: Library = self.md.postmortem_library  # type: ignore[attr-defined]
        return postmortem_body(
            html,
            verdict.found.postmortem,
            chart_labels(library.language),
            allow_raw_html=verdict.allow_raw_html,
            timeline_chart=library.timeline_chart,
            titles_as_html=verdict.titles_as_html,
            ticket_urls=library.ticket_urls,
        )


class PostmortemExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "config_file": ["", "the site's properdocs.yml or mkdocs.yml (default: found in the working folder)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_RememberPage(md, self.getConfig("config_file") or None), "postmortem_page", 1000)
        md.treeprocessors.register(_DocumentReady(md), "postmortem_document_ready", -100)
        # After every other postprocessor (raw HTML is back in place at 30): the chart's HTML is final.
        md.postprocessors.register(_SafeBody(md), "postmortem_timeline_chart", 1)


def makeExtension(**kwargs) -> PostmortemExtension:  # noqa: N802 (Python-Markdown's name)
    return PostmortemExtension(**kwargs)
