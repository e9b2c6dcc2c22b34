"""HTML kept out of `page.content` until the page is written: the page's slots.

Search plugins (Material's, MkDocs' own) index `page.content` between the
content and post-page events. Two things the plugin puts on pages do not
belong in a search index:

- charts: their JSON would be indexed as the text of the timeline section,
  and their numbers tables repeat the page's own timeline;
- the rows of the generated listings (incident tables, the action tracker):
  every row points to a postmortem page that is indexed itself, so indexing
  them again puts each incident in the results up to five times, and parsing
  thousands of rows is most of what search costs on a large handbook.

Such HTML is reserved a slot, a keyed comment which search parsers skip, and
put back by `fill` in `on_post_page`. Keys are content hashes, so the same
inputs give the same site, byte for byte. It waits as UTF-8: a Python string
with one emoji or arrow in it takes two to four bytes per character, and a
thousand charts wait from the first page's content event to the last page.

The markers are defined here only: templates get the listing markers as Jinja
globals (`jinja_globals`), never spelled out.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Callable

from markupsafe import Markup

LISTING_START = "<!-- postmortem:listing -->"
LISTING_END = "<!-- /postmortem:listing -->"
_SLOT_PREFIX = "<!-- postmortem:held "
_INERT_PREFIX = "<!-- postmortem held "
_KEY_LENGTH = 20

_SLOT = re.compile(re.escape(_SLOT_PREFIX) + f"([0-9a-f]{{{_KEY_LENGTH}}}) -->")
_SLOT_UTF8 = re.compile(_SLOT.pattern.encode("ascii"))


def _slot_keys(page_html: str | bytes | bytearray) -> list[str]:
    """The keys of the markers in a page, given as a string or as UTF-8."""
    if isinstance(page_html, str):
        return _SLOT.findall(page_html)
    return [key.decode("ascii") for key in _SLOT_UTF8.findall(page_html)]


def slot_marker(key: str) -> str:
    return f"{_SLOT_PREFIX}{key} -->"


def jinja_globals() -> dict[str, Markup]:
    """What page templates write around a listing whose rows stay out of the search index."""
    return {"listing_start": Markup(LISTING_START), "listing_end": Markup(LISTING_END)}


_ENCODED_AT_ONCE = 1 << 16  # characters: a slice of a large page is copied this much at a time


def _encoded(html: str, start: int, end: int) -> bytes:
    """`html[start:end]` as UTF-8, without a copy of the whole slice as a string first."""
    return b"".join(
        html[at : min(at + _ENCODED_AT_ONCE, end)].encode("utf-8", "surrogatepass") for at in range(start, end, _ENCODED_AT_ONCE)
    )


def _key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:_KEY_LENGTH]


class Packed:
    """HTML that waits compressed: rows and boxes are markup repeated thousands of times, and wait
    from their page's content event to its writing, the generated pages' behind every postmortem;
    a page's charts wait for the list of parts written at the build's end."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = zlib.compress(data, 1)  # the fastest level already takes rows to a sixth or less

    def unpacked(self) -> bytes:
        return zlib.decompress(self.data)


def _unpacked(held: bytes | Packed) -> bytes:
    return held.unpacked() if isinstance(held, Packed) else held


class PageSlots:
    """Slots reserved in pages during the content pass and filled when each page is written.

    The plugin owns one per build (a slot of one build is never filled in another).
    Held HTML is let go once every marker `reserve` gave for it is filled: the
    rows of a large tracker would otherwise wait to the end of the build.
    """

    def __init__(self) -> None:
        self._html: dict[str, bytes | Packed] = {}
        self._markers_out: Counter[str] = Counter()  # markers given for each held HTML and not filled yet
        self._later: dict[str, Callable[[], str]] = {}

    def reserve(self, html: str | bytes, packed: bool = False) -> str:
        """A marker for `html` (str, or UTF-8 bytes), which replaces it in `fill`. `packed`: it waits
        compressed; for HTML nothing else holds (a chart is held by the memo and the list of parts too,
        so a packed copy would only add to it)."""
        data = html if isinstance(html, bytes) else html.encode("utf-8")
        key = _key(data)
        self._html[key] = Packed(data) if packed else data
        self._markers_out[key] += 1  # the same HTML on two pages (a chart, a box) has one key
        return slot_marker(key)

    def reserve_later(self, name: str, make: Callable[[], str]) -> str:
        """A marker for the HTML `make()` returns when the page is written.

        `name` must be unique in the site and the same from build to build (a
        page's path and what it shows): the key is made from it.
        """
        key = _key(name.encode("utf-8"))
        self._later[key] = make
        return slot_marker(key)

    @staticmethod
    def later_marker(name: str) -> str:
        """The marker `reserve_later(name, ...)` gives."""
        return slot_marker(_key(name.encode("utf-8")))

    def held_in(self, page_html: str | bytes | bytearray) -> list[bytes] | None:
        """The HTML held for each marker `reserve` gave that `page_html` holds, in order, one per
        marker, as the UTF-8 held (not a copy): `hold_again` of them reserves what those markers
        stand for in a later build. None when a marker is not one `reserve` gave (nothing then
        could hold it again)."""
        keys = _slot_keys(page_html)
        if any(key not in self._html for key in keys):
            return None
        return [_unpacked(self._html[key]) for key in keys]

    def hold_again(self, page_html: str | bytes | bytearray, pieces: list[str] | list[bytes]) -> bool:
        """Reserve each piece `held_in(page_html)` listed, when they are what its markers stand for (the
        markers are their content hashes); False, and nothing reserved, when they are not."""
        data = [piece if isinstance(piece, bytes) else piece.encode("utf-8") for piece in pieces]
        if [_key(item) for item in data] != _slot_keys(page_html):
            return False
        for item in data:
            self.reserve(item)
        return True

    def hold_listings(self, page_html: str | bytes | bytearray) -> str:
        """Every part between the listing markers the templates write, reserved a slot.

        A site's own template without the markers simply has its rows indexed. The page may be
        given as UTF-8: the rows are then held without the page ever being a string whole.
        """
        if not isinstance(page_html, str):
            return self._hold_listings_utf8(page_html)
        if LISTING_START not in page_html:
            return page_html
        # String search, not `START(.*?)END`: that read to the page's end from every start marker
        # left without an end (an author can write the marker in a code block).
        pieces: list[str] = []
        done = 0
        start = page_html.find(LISTING_START)
        while start >= 0:
            end = page_html.find(LISTING_END, start + len(LISTING_START))
            if end < 0:
                break  # no listing ends from here on
            pieces += [
                page_html[done:start],
                self.reserve(_encoded(page_html, start + len(LISTING_START), end), packed=True),
            ]
            done = end + len(LISTING_END)
            start = page_html.find(LISTING_START, done)
        pieces.append(page_html[done:])
        return "".join(pieces)

    def _hold_listings_utf8(self, page: bytes | bytearray) -> str:
        start_marker, end_marker = LISTING_START.encode("ascii"), LISTING_END.encode("ascii")
        view = memoryview(page)
        pieces: list[str] = []
        done = 0
        start = page.find(start_marker)
        while start >= 0:
            end = page.find(end_marker, start + len(start_marker))
            if end < 0:
                break
            pieces += [
                str(view[done:start], "utf-8", "surrogatepass"),
                self.reserve(bytes(view[start + len(start_marker) : end]), packed=True),
            ]
            done = end + len(end_marker)
            start = page.find(start_marker, done)
        pieces.append(str(view[done:], "utf-8", "surrogatepass"))
        view.release()
        return "".join(pieces)

    @staticmethod
    def disarm(page_html: str) -> str:
        """A page's own HTML with any marker-like comment made inert, so that
        text an author wrote cannot pull another page's charts or rows in."""
        return page_html.replace(_SLOT_PREFIX, _INERT_PREFIX)

    def fill(self, page_html: str) -> str:
        """`page_html` with every marker replaced by what it stands for.

        Joined as UTF-8 and decoded once: held pieces decoded one by one, then joined, held the
        filled page twice as a string (up to four bytes a character) at the build's peak, on the
        action tracker's page of several MB. Lone surrogates pass through as they were."""
        if _SLOT_PREFIX not in page_html:
            return page_html
        parts: list[bytes] = []
        done = 0
        for match in _SLOT.finditer(page_html):
            parts += [page_html[done : match.start()].encode("utf-8", "surrogatepass"), self._take(match.group(1))]
            done = match.end()
        parts.append(page_html[done:].encode("utf-8", "surrogatepass"))
        return b"".join(parts).decode("utf-8", "surrogatepass")

    @property
    def held(self) -> int:
        """How many pieces of HTML wait for their page."""
        return len(self._html) + len(self._later)

    def _take(self, key: str) -> bytes:
        make = self._later.pop(key, None)
        if make is not None:
            return make().encode("utf-8", "surrogatepass")
        data = self._html.get(key, b"")
        self._markers_out[key] -= 1
        if self._markers_out[key] <= 0:
            self._html.pop(key, None)
            del self._markers_out[key]
        return _unpacked(data)
