"""The feed and the calendars in an MkDocs build: files added to the site beside the generated
pages, and the `<link rel="alternate">` that lets browsers and readers find the feed.

Their content is made when the files are planned (`on_files`), from the same
handbook as the pages; their paths come from the `pages` options (`feed`,
`calendar`) under the postmortem folder, as the pages' do. Links inside them
are absolute when the site has a `site_url` (calendar applications need that),
else relative to the file.
"""

from __future__ import annotations

import json
import posixpath
from html import escape
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ...history import status_changes
from ...model import Postmortem
from ...render.action_anchors import action_anchor, has_anchor
from ...render.calendar import Deadline, calendar, deadlines, owner_slugs
from ...render.feed import FeedSite, atom_feed, published
from ...render.memo import RenderMemo
from ...render.stored import StoredRenders
from ...render.views.base import OVERVIEW, Pages
from .pages import placing


class SiteFeeds:
    def __init__(
        self,
        pages: Pages,
        options,
        config,
        language: str,
        memo: RenderMemo | None = None,
        stored: StoredRenders | None = None,
        model_keys: dict[str, str] | None = None,
    ) -> None:
        """`memo` keeps the calendars across serve rebuilds, `stored` between builds, under
        the entry keys of their items' models (`model_keys`, by source URI): see `_calendar`."""
        self.pages = pages
        self.memo = memo or RenderMemo()
        self.stored = stored or StoredRenders()
        self.model_keys = model_keys or {}
        self.settings = pages.handbook.settings
        self.site_url = config.site_url or ""
        self.site_name = config.site_name
        self.site_author = config.site_author or config.site_name
        self.language = language
        place = placing(options["folder"], {"feed": options["pages"]["feed"], "calendar": options["pages"]["calendar"]})
        self.feed_path = place("feed", page=False) if self.settings.feed else None
        self.calendar_path = place("calendar", page=False) if self.settings.calendar else None
        self.files: dict[str, bytes] = {}

    def add_files(self, files: Files, config, url_of) -> None:
        """Make the files and add them to the site; tell the views where they are."""
        self.url_of = url_of
        handbook = self.pages.handbook
        if self.feed_path and files.get_file_from_path(self.feed_path) is None:
            self.files[self.feed_path] = self._feed()
            self.pages.feed_path = self.feed_path
        if self.calendar_path and files.get_file_from_path(self.calendar_path) is None:
            items = deadlines(handbook)
            self.files[self.calendar_path] = self._calendar(items, None)
            self.pages.calendar_paths[None] = self.calendar_path
            stem, suffix = posixpath.splitext(self.calendar_path)
            slugs = owner_slugs(handbook)
            for owner in sorted({item.action.owner for item in items if item.action.owner}):
                path = f"{stem}-{slugs[owner]}{suffix or '.ics'}"
                if files.get_file_from_path(path) is None:
                    self.files[path] = self._calendar([i for i in items if i.action.owner == owner], owner)
                    self.pages.calendar_paths[owner] = path
        for path, content in self.files.items():
            files.append(File.generated(config, path, content=content))

    def head_link(self, page_url: str) -> str:
        """The `<link>` for the `<head>` of a page at `page_url` (the overview)."""
        if not self.pages.feed_path:
            return ""
        href = self._absolute(self.feed_path) or get_relative_url(self.feed_path, page_url)
        title = self.pages.labels["feed_title"].format(site=self.site_name)
        # "alternate feed", not "alternate" alone: Material's instant navigation takes every
        # `link[rel=alternate]` (an exact match) for the page in another language and fetches a
        # sitemap.xml beside it, a 404 here. Readers and browsers read rel as a set of words.
        return (
            f'<link rel="alternate feed" type="application/atom+xml" title="{escape(title, quote=True)}" '
            f'href="{escape(href, quote=True)}">'
        )

    # --- contents -----------------------------------------------------------------

    def _absolute(self, url: str | None) -> str | None:
        return urljoin(self.site_url.rstrip("/") + "/", url) if self.site_url and url is not None else None

    def _from(self, here: str, url: str | None) -> str | None:
        """A URL of the site as written in the file at `here`: absolute with a site_url, else relative."""
        if url is None:
            return None
        return self._absolute(url) or get_relative_url(url, here)

    def _feed(self) -> bytes:
        here = self.feed_path
        overview = self.url_of(self.pages.uri(OVERVIEW)) if self.pages.uri(OVERVIEW) else None

        def page_url(pm: Postmortem) -> str | None:
            return self._from(here, self.url_of(pm.src_uri))

        site = FeedSite(
            title=self.pages.labels["feed_title"].format(site=self.site_name),
            feed_url=self._absolute(here) or posixpath.basename(here),
            overview_url=self._from(here, overview),
            page_url=page_url,
            site_key=self.site_url or self.site_name,
            author=self.site_author,
            language=self.language,
        )
        listed = published(self.pages.handbook, self.settings.feed_entries)
        changed = status_changes([(pm.path, _status_line(pm)) for pm in listed])
        return atom_feed(
            listed, site, updated_of=lambda pm: changed.get(pm.path), build_date=self.settings.build_date
        )

    def _calendar(self, items: list[Deadline], owner: str | None) -> bytes:
        labels = self.pages.labels
        name = (
            labels["owner_calendar_name"].format(site=self.site_name, owner=owner)
            if owner else labels["calendar_name"].format(site=self.site_name)
        )

        def page_url(item: Deadline) -> str | None:
            url = self._absolute(self.url_of(item.pm.src_uri))
            if url is None:
                return None  # a calendar needs absolute links: none without a site_url
            index = item.pm.actions.index(item.action) + 1
            return f"{url}#{action_anchor(index)}" if has_anchor(item.pm, index) else url

        def make() -> bytes:
            return calendar(
                items, name=name, build_date=self.settings.build_date, page_url=page_url,
                labels=labels, ticket_urls=self.settings.ticket_urls,
            )

        labels_key = json.dumps(labels, sort_keys=True, ensure_ascii=False, default=str)
        links = [page_url(item) for item in items]

        def kept() -> bytes:
            # Between builds: each item by its model's entry key (the model is made from the file's
            # bytes and the settings, which the store's environment holds) and its place in it.
            keys = [self.model_keys.get(item.pm.src_uri) for item in items]
            if not self.stored.enabled or None in keys:
                return make()
            listed = "\n".join(
                f"{key}\t{item.pm.actions.index(item.action)}\t{item.action.line}\t{item.uid}\t{link}"
                for key, item, link in zip(keys, items, links)
            )
            parts = (name, self.settings.build_date.isoformat(), repr(self.settings.ticket_urls), labels_key, listed)
            # A calendar is UTF-8 text (calendar.calendar encodes it so): kept as text, given back as the same bytes.
            return self.stored.text("calendar", parts, lambda: make().decode("utf-8")).encode("utf-8")

        # A calendar is made from its items' models and actions (never changed once read: a serve
        # rebuild keeps those of unchanged files), their links, the labels, day and ticket URLs.
        key = (
            "calendar",
            name,
            self.settings.build_date,
            self.settings.ticket_urls,
            labels_key,
            tuple((item.uid, id(item.action), link) for item, link in zip(items, links)),
        )
        return self.memo.get_with(key, [item.pm for item in items], kept)


def _status_line(pm: Postmortem) -> str | None:
    """The line the postmortem's status is written on, as written."""
    line = pm.source_lines.get("status") or pm.field_lines.get("status")
    lines = pm.text.split("\n") if pm.text else []
    return lines[line - 1] if line and line <= len(lines) else None
