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
give the same site, byte for byte.
"""

from __future__ import annotations

import hashlib
import re

LISTING_START = "<!-- postmortem:listing -->"
LISTING_END = "<!-- /postmortem:listing -->"

_SLOT = re.compile(r"<!-- postmortem:held ([0-9a-f]{20}) -->")
_LISTING = re.compile(re.escape(LISTING_START) + r"(.*?)" + re.escape(LISTING_END), re.DOTALL)


class HeldBack:
    def __init__(self) -> None:
        self._html: dict[str, str] = {}

    def slot(self, html: str) -> str:
        """A placeholder for `html`, which joins the page in `fill`."""
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()[:20]
        self._html[key] = html
        return f"<!-- postmortem:held {key} -->"

    def hold_listings(self, page_html: str) -> str:
        """Every part between the listing markers the templates write, held back.

        A site's own template without the markers simply has its rows indexed.
        """
        if LISTING_START not in page_html:
            return page_html
        return _LISTING.sub(lambda match: self.slot(match.group(1)), page_html)

    def fill(self, page_html: str) -> str:
        if "<!-- postmortem:held " not in page_html:
            return page_html
        return _SLOT.sub(lambda match: self._html.get(match.group(1), ""), page_html)
