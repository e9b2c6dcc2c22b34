"""HTML kept out of `page.content` until the page is written.

Search plugins (Material's, MkDocs' own) index `page.content` between the
content and post-page events. Two things the plugin puts on pages do not
belong in a search index:

- charts: their JSON would be indexed as the text of the timeline section,
  and their numbers tables repeat the page's own timeline;
- the rows of the generated listings (incident tables, the action tracker):
  every row points to a postmortem page that is indexed itself, so indexing
  them again puts each incident in the results up to five times, and parsing
  thousands of rows is most of what search costs on a large handbook.

Such HTML is replaced by a keyed comment, which search parsers skip, and put
back by `fill` in `on_post_page`. Keys are content hashes, so the same inputs
give the same site, byte for byte. It waits as UTF-8: a Python string with
one emoji or arrow in it takes two to four bytes per character, and a
thousand charts wait from the first page's content event to the last page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

LISTING_START = "<!-- postmortem:listing -->"
LISTING_END = "<!-- /postmortem:listing -->"

_SLOT = re.compile(r"<!-- postmortem:held ([0-9a-f]{20}) -->")
_LISTING = re.compile(re.escape(LISTING_START) + r"(.*?)" + re.escape(LISTING_END), re.DOTALL)


class HeldBack:
    def __init__(self) -> None:
        self._html: dict[str, bytes] = {}
        self._later: dict[str, Callable[[], str]] = {}

    def slot(self, html: str | bytes) -> str:
        """A placeholder for `html` (str, or UTF-8 bytes), which joins the page in `fill`."""
        data = html if isinstance(html, bytes) else html.encode("utf-8")
        key = hashlib.sha256(data).hexdigest()[:20]
        self._html[key] = data
        return f"<!-- postmortem:held {key} -->"

    def slot_later(self, name: str, make: Callable[[], str]) -> str:
        """A placeholder for the HTML `make()` returns when the page is written.

        `name` must be unique in the site and the same from build to build (a
        page's path and what it shows): the key is made from it.
        """
        key = hashlib.sha256(name.encode("utf-8")).hexdigest()[:20]
        self._later[key] = make
        return f"<!-- postmortem:held {key} -->"

    def hold_listings(self, page_html: str) -> str:
        """Every part between the listing markers the templates write, held back.

        A site's own template without the markers simply has its rows indexed.
        """
        if LISTING_START not in page_html:
            return page_html
        return _LISTING.sub(lambda match: self.slot(match.group(1)), page_html)

    @staticmethod
    def disarm(page_html: str) -> str:
        """A page's own HTML with any placeholder-like comment made inert, so that
        text an author wrote cannot pull another page's charts or rows in."""
        return page_html.replace("<!-- postmortem:held ", "<!-- postmortem held ")

    def fill(self, page_html: str) -> str:
        if "<!-- postmortem:held " not in page_html:
            return page_html
        return _SLOT.sub(lambda match: self._take(match.group(1)), page_html)

    def _take(self, key: str) -> str:
        make = self._later.pop(key, None)
        if make is not None:
            return make()
        return self._html.get(key, b"").decode("utf-8")
