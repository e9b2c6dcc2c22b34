"""The generated pages as Markdown files, for engines that run no MkDocs plugin (Zensical).

The pages are rendered by the same `GeneratedPages` the plugin uses, from the
same views (`render.views`) and templates (a site's `theme.custom_dir` still
overrides them); only what the plugin gets from MkDocs at build time is made
here instead: the site's file list, to compute the links between pages, and
the Jinja environment.
Each page becomes a Markdown file holding a front matter title and the page's
HTML, which Python-Markdown passes through as one raw HTML block.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify
from mkdocs.structure.files import File, Files

from ...handbook import Handbook
from ...render.embed import TrendCharts
from ...render.index_json import FILE_NAME as INDEX_JSON
from ...render.index_json import postmortems_json
from ...render.views.registry import page_paths
from ...text import labels_for
from ..mkdocs.anchors import HeadingSlugifier
from ..mkdocs.environment import package_page_env
from ..mkdocs.pages import GeneratedPages
from ..mkdocs.serve_cache import GeneratedPageFile

# The first line of the folder's .gitignore: how `generate` and the plugin know the folder is generated.
OWNER_MARK = "# Written by `mkdocs-postmortem generate`; everything here is made again on each run."
# MkDocs wants a site folder to compute file destinations; only URLs are used here.
_NO_SITE_DIR = "site"


@dataclass(frozen=True)
class StandalonePage:
    src_uri: str  # relative to the docs folder
    title: str
    markdown: str


def is_generated_folder(folder: Path) -> bool:
    try:
        return (folder / ".gitignore").read_text(encoding="utf-8").startswith(OWNER_MARK)
    except OSError:
        return False


def standalone_pages(
    handbook: Handbook,
    options,
    *,
    folder: str,
    language: str,
    use_directory_urls: bool = True,
    custom_dir: Path | None,
) -> tuple[list[StandalonePage], str]:
    """Every generated page under `folder` (relative to the docs folder), and postmortems.json.

    `options` are the plugin's options: page paths and titles, as in a plugin build;
    `use_directory_urls` is the site's, for the page URLs in postmortems.json.
    """
    pages_options = options["pages"]
    pages = GeneratedPages(
        handbook,
        folder=folder,
        paths={option: pages_options[option] for option in page_paths()},
        titles=dict(pages_options["titles"]),
        labels=labels_for(language),
        env=package_page_env(custom_dir),
        # The heading ids Python-Markdown's toc extension gives by default, which Zensical keeps.
        slugify_heading=HeadingSlugifier(slugify, "-"),
        trend_charts=TrendCharts(language),
        json_path=posixpath.join(folder, INDEX_JSON),
    )
    source_links = _files(handbook, pages, markdown_links=True)
    rendered = [
        StandalonePage(
            src_uri,
            plan.title,
            # Like MkDocs, Zensical prints a page's title into the nav and <title> as HTML.
            _as_markdown(pages.title_html(src_uri), pages.render(src_uri, source_links.src_uris[src_uri], source_links)),
        )
        for src_uri, plan in pages.plans.items()
    ]
    pages.site_files = _files(handbook, pages, markdown_links=False, use_directory_urls=use_directory_urls)
    return rendered, postmortems_json(handbook, pages.url_of)


def _files(handbook: Handbook, pages: GeneratedPages, *, markdown_links: bool, use_directory_urls: bool = False) -> Files:
    """The site's pages as MkDocs files: with `markdown_links`, each file's URL is its own
    path, so pages link to `../2025-10-07-outage.md` as an author would, and the engine
    turns that into the page's URL whatever its URL scheme (Zensical resolves the
    links of raw HTML relative to the Markdown file, as it does Markdown links)."""

    def file(src_uri: str, kind: type[File] = File) -> File:
        if markdown_links:
            return kind(src_uri, None, _NO_SITE_DIR, False, dest_uri=src_uri)
        return kind(src_uri, None, _NO_SITE_DIR, use_directory_urls)

    return Files(
        [
            *(file(pm.src_uri) for pm in handbook.postmortems),
            *(file(src_uri, GeneratedPageFile) for src_uri in pages.plans),
        ]
    )


def _as_markdown(title: str, html: str) -> str:
    """Front matter with the page title, then the HTML as one block starting at the first column."""
    front_matter = yaml.safe_dump({"title": title}, allow_unicode=True, default_flow_style=False)
    return f"---\n{front_matter}---\n\n{html.strip()}\n"
