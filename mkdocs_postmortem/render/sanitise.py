"""Postmortem bodies as HTML that runs nothing.

Postmortems quote log lines, user agents and request payloads from the
incident: text an attacker chose, pasted in good faith. Markdown passes raw
HTML and `javascript:` links through to the page, so the rendered body goes
through an allow-list sanitiser (nh3, the Python binding of Rust's ammonia)
before the plugin adds its own markup (charts, the problems box, related
incidents). The allow-list is what Python-Markdown and the pymdownx
extensions Material documents produce: admonitions, details, content tabs,
code highlighting, tables, task lists, footnotes, heading anchors, keys,
abbreviations, emoji and icons as inline SVG, math placeholders.

Two attributes are kept but changed on the way (see `_attribute`): ids, and
what points at them, are kept out of the theme's and the plugin's names
(render/author_ids.py); and when the theme shows `title` attributes as HTML
tooltips (Material's `content.tooltips` puts them in with `innerHTML`), a title
or an abbreviation's definition is escaped once more, so it stays the text the
author wrote.
"""

from __future__ import annotations

from functools import cache, partial
from html import escape

import nh3

from .author_ids import author_fragment, author_id

_TAGS = frozenset(nh3.ALLOWED_TAGS) | {
    "input", "label",  # content tabs (radio) and task lists (checkbox)
    "svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse",  # icons and emoji
    "tfoot",
}
_GLOBAL = {"class", "id", "title", "lang", "dir", "role", "aria-hidden", "aria-label", "tabindex"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading", "align"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span", "align"},
    "colgroup": {"span", "align"},
    "details": {"open"},
    "div": {"data-tabs"},
    "label": {"for"},
    "input": {"checked", "disabled", "name"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "abbr": set(),
    "svg": {"xmlns", "viewbox", "viewBox", "width", "height", "fill", "stroke", "stroke-width", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule", "stroke", "stroke-width", "transform"},
    "g": {"fill", "stroke", "transform"},
    "circle": {"cx", "cy", "r", "fill", "stroke"},
    "rect": {"x", "y", "width", "height", "rx", "ry", "fill", "stroke"},
    "line": {"x1", "y1", "x2", "y2", "stroke"},
    "polyline": {"points", "fill", "stroke"},
    "polygon": {"points", "fill", "stroke"},
    "ellipse": {"cx", "cy", "rx", "ry", "fill", "stroke"},
}
# Inputs only as the two kinds Markdown extensions write; never a text field or a button.
_VALUES = {"input": {"type": {"checkbox", "radio"}}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Python-Markdown's tables align cells with inline styles; nothing else may style.
_STYLES = {"text-align"}
# Dropped with everything inside them: their text is code or markup, not prose.
_DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "math"}


# Attributes that hold an id of the page (`name` groups the radio inputs of content tabs).
_ID_ATTRIBUTES = {"id", "for", "name"}


def _attribute(titles_as_html: bool, tag: str, name: str, value: str) -> str | None:
    if name in _ID_ATTRIBUTES:
        return author_id(value)
    if name == "href" and tag == "a":
        return author_fragment(value)
    if name == "title" and titles_as_html:
        return escape(value, quote=False)
    return value


@cache
def _cleaner(titles_as_html: bool) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_TAGS),
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        tag_attribute_values=_VALUES,
        url_schemes=_URL_SCHEMES,
        filter_style_properties=_STYLES,
        attribute_filter=partial(_attribute, titles_as_html),
        link_rel=None,  # links keep what the author wrote; only their scheme is checked
        # Comments run nothing, and `<!-- postmortem:timeline -->` is how an author places the chart.
        strip_comments=False,
    )


def sanitise(html: str, *, titles_as_html: bool = False) -> str:
    """The body's HTML with scripts, event handlers, `javascript:`/`data:` URLs,
    frames, objects and styles removed, and its ids out of the theme's names;
    Markdown's own markup kept. `titles_as_html`: the theme shows titles as HTML."""
    return _cleaner(titles_as_html).clean(html)
