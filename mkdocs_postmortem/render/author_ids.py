"""Ids an author wrote, kept out of the theme's and the plugin's names (DOM clobbering).

An element's `id` names it for `getElementById` and `querySelector`, and for
scripts that read `window.<id>`: the first element with an id wins. Material
reads its configuration from `#__config` and names its own elements `__drawer`,
`__search`, `__palette_0`...; the plugin's charts read `window.Plotly` and land
the tracker's rows on `#action-3`. An author's `<div id="__config">` (or a
heading `{#__config}`, or one whose text slugs to it) would replace the theme's
copy and hand it a configuration of the author's choosing.

Author ids that could name something of theirs get GitHub's `user-content-`
prefix; plain heading and footnote ids (`summary`, `root-cause`, `fn:1`) stay as
written, so links to a section keep working. The same function renames the
page's ids, the links and labels that point at them, and its table of contents.
"""

from __future__ import annotations

import re

PREFIX = "user-content-"

# What Python-Markdown's slugs and footnotes give: starts with a letter or digit,
# then letters, digits, `_`, `-`, `:`, `.`. Material's names all start with `_`.
# No `%`: Material decodes a table of contents link and looks its id up in a CSS
# selector, so `#a%22b` becomes `[id="a"b"]`, which stops the theme's scripts.
_PLAIN = re.compile(r"[^\W_][\w:.\-]*", re.UNICODE)
_NOT_PLAIN = re.compile(r"[^\w:.\-]", re.UNICODE)
# The plugin's own anchors on a postmortem page (render/action_anchors.py).
_PLUGIN_ANCHOR = re.compile(r"action-[0-9]+", re.IGNORECASE)
# Globals that the plugin's scripts read while they may be unset: an element with
# that id would stand in for them (`window.Plotly` would be the element). Material's
# own such global, `mermaid`, it checks is no element itself.
_SCRIPT_GLOBALS = frozenset({"Plotly", "postmortemCharts"})


def is_reserved(raw: str) -> bool:
    """True when `raw`, as an id, could name an element or a global of the theme or the plugin."""
    return (
        _PLAIN.fullmatch(raw) is None
        or _PLUGIN_ANCHOR.fullmatch(raw) is not None
        or raw in _SCRIPT_GLOBALS
    )


def author_id(raw: str) -> str:
    """The id an author's element gets on the page.

    The result holds only letters, digits and `_-:.` (any other character
    becomes `-`), so it is safe as is in an HTML attribute, a URL fragment and
    a CSS selector; it never starts with `_`, and is its own `author_id`: the
    Markdown extension and the plugin may both run on a page.
    """
    if not is_reserved(raw):
        return raw
    return PREFIX + _NOT_PLAIN.sub("-", raw)


def escaped_id(raw: str) -> str:
    """`raw` as it is when plain, else with every other character made `-`: a link to it
    can then no longer break out of its attribute (nor find it)."""
    return raw if _PLAIN.fullmatch(raw) else _NOT_PLAIN.sub("-", raw)


def author_fragment(href: str) -> str:
    """A same-page link (`#section`) pointed at the renamed id; other links as they are.

    The fragment is compared as written, as the id it was made from (a permalink
    to the heading `a"b` is `#a"b` once its attribute is read)."""
    if not href.startswith("#") or len(href) == 1:
        return href
    return "#" + author_id(href[1:])
