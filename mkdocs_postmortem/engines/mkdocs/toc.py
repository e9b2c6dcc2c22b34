"""Tables of contents: a generated page's, read back from its HTML; a postmortem's, made safe.

A generated page's Markdown is empty, so MkDocs found no headings: the
theme's "on this page" sidebar and search sections need them from the HTML.
A postmortem's comes from its headings, whose text and `{#id}` its author
wrote, and themes print both raw (`href="{{ toc_item.url }}"`).
"""

from __future__ import annotations

import functools
import re
from html import unescape

from mkdocs.structure.toc import TableOfContents, get_toc

from ...render.html_scan import headings, strip_tags
from ...render.safe_text import plain_text, safe_toc_id

_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Most headings of a handbook are the same few section names ("Summary", "Timeline"): each is
# sanitised once per process (about 20 a page, the largest cost of a warm postmortem page's table).
_plain_title = functools.lru_cache(maxsize=4096)(plain_text)


def toc_of(html: str) -> TableOfContents:
    return get_toc(toc_tokens(html))


def toc_tokens(html: str) -> list[dict]:
    tokens: list[dict] = []
    for level, attributes, inner in (match.groups() for match in headings(html)):
        found = _ID.search(attributes)
        if level not in ("2", "3") or not found:  # the pages' own h2/h3 headings
            continue
        # The text stays as the template escaped it: themes print toc names as HTML.
        name = " ".join(strip_tags(inner).split())
        token = {"level": int(level), "id": unescape(found.group(1) or found.group(2)), "name": name, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def make_safe(toc: TableOfContents, *, rename_ids: bool) -> None:
    """A postmortem's table of contents, in place: titles as text, ids as the sanitised body has them."""
    for item in toc:
        _make_safe(item, rename_ids)


def _make_safe(item, rename_ids: bool) -> None:
    item.title = _plain_title(item.title)
    item.id = safe_toc_id(item.id, rename=rename_ids)
    for child in item.children:
        _make_safe(child, rename_ids)
