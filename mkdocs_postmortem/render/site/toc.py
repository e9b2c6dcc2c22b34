"""The table of contents of a generated page, read back from its HTML.

Its Markdown is empty, so MkDocs found no headings: the theme's "on this
page" sidebar and search sections need them from the HTML.
"""

from __future__ import annotations

import re
from html import unescape

from mkdocs.structure.toc import TableOfContents, get_toc

from ..html_scan import headings, strip_tags

_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


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
