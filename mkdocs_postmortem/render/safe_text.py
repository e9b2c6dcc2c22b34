"""Text from postmortems, made safe for places that themes treat as HTML.

MkDocs, Material and Zensical print a page's front matter (`page.meta`) and
its table of contents into the page without escaping: `<meta name="description"
content="{{ page.meta.description }}">`, the nav's subtitle, the tags, the
"on this page" links (`href="{{ toc_item.url }}"`). On a postmortem page every
one of those strings was written by its author, so each is made text here
before a theme sees it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape, unescape
from typing import Any

import nh3

from ..model import Postmortem
from .author_ids import author_id, escaped_id
from .sanitise import sanitise


def page_title(pm: Postmortem) -> str:
    """The title as the theme should print it.

    MkDocs and Material insert `page.title` into the nav, the header and
    `<title>` without escaping, on every page of the site: a title such as
    `Latency <5ms` would break them and `<img onerror=...>` would run.
    """
    return escape(pm.display_title, quote=True)


def text(value: str) -> str:
    """`value` as HTML text, quotes included (it may land in an attribute)."""
    return escape(value, quote=True)


# Keys whose value a theme puts in a URL (Material's redirect.html: `location`), where
# escaping is not enough: a `javascript:` URL has nothing to escape.
_URL_KEYS = frozenset({"location"})
_SAFE_URL = re.compile(r"(?:https?://|/|\./|\.\./|#|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def safe_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A postmortem page's front matter as a theme may print it: every string
    escaped (in lists and mappings too), URLs limited to web and relative ones.
    Numbers, booleans and dates stay as they are: they hold no markup."""
    safe: dict[str, Any] = {}
    for key, value in meta.items():
        if key in _URL_KEYS and not (isinstance(value, str) and _SAFE_URL.match(value.strip())):
            continue
        safe[key] = _safe_value(value)
    return safe


def _safe_value(value: Any) -> Any:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, Mapping):
        return {_safe_value(key): _safe_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_safe_value(item) for item in value]
    return value


# Text the HTML parser gives back as it is: no tag, no character reference, none of the
# characters its input stream rewrites (CR, NUL, a leading BOM), no lone surrogate.
_NOTHING_TO_PARSE = re.compile(r"[^<&\r\x00\ufeff\ud800-\udfff]*")


def plain_text(html: str) -> str:
    """HTML made text: tags removed (scripts and styles with what they hold), then escaped."""
    if _NOTHING_TO_PARSE.fullmatch(html):
        return text(html)  # the same, without a parser and a cleaner per heading of every page
    return text(unescape(nh3.clean(html, tags=set())))


def safe_toc_id(raw: str, *, rename: bool) -> str:
    """A heading's id as the table of contents links to it: renamed as the body's ids
    are (`rename`, when the body is sanitised), else only made safe in an attribute."""
    return author_id(raw) if rename else escaped_id(raw)


def safe_toc_tokens(tokens: list[dict], *, rename_ids: bool) -> None:
    """Python-Markdown's `toc_tokens`, made safe in place: names and labels as text, the
    heading's HTML sanitised, ids as the body has them. Zensical prints all of them raw."""
    for token in tokens:
        token["id"] = safe_toc_id(str(token.get("id", "")), rename=rename_ids)
        token["name"] = plain_text(str(token.get("name", "")))
        if token.get("data-toc-label"):
            token["data-toc-label"] = plain_text(str(token["data-toc-label"]))
        if "html" in token:
            token["html"] = sanitise(str(token["html"]), titles_as_html=True)
        safe_toc_tokens(token.get("children", []), rename_ids=rename_ids)
