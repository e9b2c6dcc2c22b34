"""The table of contents of a generated page, read back from its HTML.

Its Markdown is empty, so MkDocs found no headings: the theme's "on this
page" sidebar and search sections need them from the HTML.
"""

from __future__ import annotations

import re
from html import unescape

from mkdocs.structure.toc import TableOfContents, get_toc

# The pages' own h2/h3 headings. A regular expression rather than an HTML
# parser: html.parser took seconds on a tracker of thousands of rows, and
# these are headings the templates wrote, not arbitrary HTML.
_HEADING = re.compile(r"<h([23])\b([^>]*)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<[^>]*>")


def toc_of(html: str) -> TableOfContents:
    return get_toc(toc_tokens(html))


def toc_tokens(html: str) -> list[dict]:
    tokens: list[dict] = []
    for level, attributes, inner in _HEADING.findall(html):
        found = _ID.search(attributes)
        if not found:
            continue
        # The text stays as the template escaped it: themes print toc names as HTML.
        name = " ".join(_TAG.sub("", inner).split())
        token = {"level": int(level), "id": unescape(found.group(1) or found.group(2)), "name": name, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens
