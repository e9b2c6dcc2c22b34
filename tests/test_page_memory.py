"""A large generated page (the action tracker) is rendered, keyed, stored and held without being
made a string whole: its rows gathered as UTF-8 (render/kept_rows.page_with_rows), its context
digested piece by piece (render/stored.context_digest), the page stored and its listing held
from its UTF-8. What readers get is the same, character for character."""

from __future__ import annotations

import gc
import hashlib
import json
import sys
import tracemalloc
import types

import jinja2
import pytest
from conftest import run_mkdocs, write_site
from test_cache import postmortems, store_of

from mkdocs_postmortem.cache import RenderStore
from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.render.embed import TrendCharts
from mkdocs_postmortem.render.kept_rows import kept_row, page_with_rows
from mkdocs_postmortem.render.slots import (
    LISTING_END,
    LISTING_START,
    PageSlots,
    jinja_globals,
)
from mkdocs_postmortem.render.stored import context_digest
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import read_source

# The shape of the package's tables (partials/macros.html): rows through kept_row, inside a
# call block, inside a macro, inside a block of a page that extends a layout.
TEMPLATES = {
    "layout.html": "<article>{% block body %}{% endblock %}</article>",
    "macros.html": (
        "{% macro listing(kind) -%}{{ listing_start }}<table data-kind=\"{{ kind }}\">{{ caller() }}</table>"
        "{{ listing_end }}{%- endmacro %}"
        "{% macro row(item) -%}<tr data-id=\"{{ item.id }}\"><td>{{ item.text }}</td></tr>{%- endmacro %}"
        "{% macro table(items) -%}{% call listing('tracker') %}<tbody>"
        "{%- for item in items %}\n  {{ kept_row(row, item) }}{%- endfor %}</tbody>{% endcall %}{%- endmacro %}"
    ),
    "page.html": (
        "{% extends 'layout.html' %}{% import 'macros.html' as tables with context %}"
        "{% block body %}<h2 id=\"open\">Open — ouvertes</h2>{{ tables.table(items) }}"
        "<p>{{ kept_row(tables.row, items[0]) }} {{ note }}</p>{% endblock %}"
    ),
}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)
    env.globals.update({**jinja_globals(), "kept_row": kept_row})
    return env


def items(count: int, width: int = 40) -> list[dict]:
    words = ["Rotate the certificate <now>", "Réparer l'alerte", "日本語", "🚒 drill", "a \ud800 b", "\x00" + "7" * 3]
    return [{"id": f"pm-{index}", "text": f"{words[index % len(words)]} {'x' * width} {index}"} for index in range(count)]


def test_a_page_rendered_with_its_rows_apart_is_the_page_jinja_renders():
    env = environment()
    context = {"items": items(300), "note": "\x00" + "0" * 16 + "1\x00 <b>"}  # token-like text an author wrote
    expected = env.get_template("page.html").render(context)
    assert expected.count("<tr ") == 301
    made = page_with_rows(lambda: env.get_template("page.html").generate(context))
    assert made == expected
    as_utf8 = page_with_rows(lambda: env.get_template("page.html").generate(context), utf8=True)
    assert bytes(as_utf8) == expected.encode("utf-8", "surrogatepass")
    # Outside page_with_rows, kept_row is the macro itself: nothing waits for a page.
    assert kept_row(lambda: "<tr></tr>") == "<tr></tr>"


def test_a_listing_held_from_the_pages_utf8_is_the_listing_held_from_its_text():
    env = environment()
    context = {"items": [item for item in items(2000) if "\ud800" not in item["text"]], "note": "après \ud800"}
    text = env.get_template("page.html").render(context)
    from_text, from_utf8 = PageSlots(), PageSlots()
    held = from_text.hold_listings(text)
    held_utf8 = from_utf8.hold_listings(page_with_rows(lambda: env.get_template("page.html").generate(context), utf8=True))
    assert held_utf8 == held and len(held) < 2000
    assert from_utf8.held_in(held_utf8.encode("utf-8", "surrogatepass"))[0].startswith(b'<table data-kind="tracker">')
    whole = text.replace(LISTING_START, "").replace(LISTING_END, "")
    assert from_utf8.fill(held_utf8) == whole == from_text.fill(held)
    # A lone surrogate in a listing held from the text (a part read back from the cache) passes
    # through as it does from UTF-8; it stopped the build before.
    slots = PageSlots()
    odd = f"<h2>x</h2>{LISTING_START}<td>a \ud800 b</td>{LISTING_END}"
    assert slots.fill(slots.hold_listings(odd)) == "<h2>x</h2><td>a \ud800 b</td>"


def test_the_tracker_is_never_a_string_whole_while_it_is_rendered_and_held():
    """The peak while a page of several thousand rows is rendered and its listing held: under three
    times the page's UTF-8 (rows, the page's UTF-8 and the held listing). Rendered by Jinja as one
    string and then held, it was about twelve (each enclosing macro's copy, four bytes a character
    with one emoji in the page)."""
    env = environment()
    context = {"items": items(6000, width=400), "note": ""}
    size = len(env.get_template("page.html").render(context).encode("utf-8", "surrogatepass"))
    assert size > 2_500_000
    env.get_template("page.html")  # compiled before the trace
    slots = PageSlots()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = slots.hold_listings(page_with_rows(lambda: env.get_template("page.html").generate(context), utf8=True))
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert len(held) < 2000 and slots.held == 1
    assert peak < 3 * size, (peak, size)


def test_a_context_is_digested_piece_by_piece_as_its_json_whole():
    rows = [{"text": "Réparer", "due": None, "tags": ["a", 1, 2.5, True]}, ("tuple", "é"), {1: "int key"}, {"nested": {"a": [1]}}]
    for context in (
        {"items": rows, "t": {"title": "Actions ✓"}, "count": 3},
        rows,
        {},
        [],
        {"lone": "\ud800"},
        "text",
        {1: {"a": 1}},
        # Long lists are written a slice at a time: at, around and across the slices' bounds.
        *({"rows": [{"n": n, "t": "é"} for n in range(count)], "tail": tuple(range(count))} for count in (255, 256, 257, 513, 1000)),
        [["row", n] for n in range(600)],
        {"nested": {"rows": list(range(700))}, "empty": [], "one": [None]},
    ):
        whole = json.dumps(context, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")
        assert context_digest(context) == hashlib.sha256(whole).hexdigest(), context
    for unwritable in ({"items": [{"value": float("nan")}]}, {"items": [object()]}, [{"a": {1j: 2}}]):
        assert context_digest(unwritable) is None


def test_a_part_stored_as_utf8_is_read_back_and_one_with_a_lone_surrogate_is_not_stored(tmp_path):
    write_site(tmp_path, postmortems())
    store = RenderStore(store_of(tmp_path))
    page = "<h2>Actions — ouvertes 🚒</h2>" * 100
    store.put(b"k" * 32, bytearray(page.encode("utf-8")))
    assert store.get(b"k" * 32) == page
    store.put(b"s" * 32, ("<p>\ud800</p>" * 10).encode("utf-8", "surrogatepass"))
    assert store.get(b"s" * 32) is None
    assert not (store.folder / (b"s" * 32).hex()).exists()


def test_the_tracker_page_is_the_same_cold_and_warm(tmp_path):
    """Built from its rows' UTF-8 (cold) and from the stored part (warm), the tracker is one page."""
    write_site(tmp_path, postmortems())
    run_mkdocs("build", "-q", cwd=tmp_path)
    cold = (tmp_path / "site" / "postmortems" / "actions" / "index.html").read_bytes()
    assert cold.count(b"<tr data-postmortem-id=") >= 2
    run_mkdocs("build", "-q", cwd=tmp_path)
    assert (tmp_path / "site" / "postmortems" / "actions" / "index.html").read_bytes() == cold


def test_the_list_of_parts_is_written_as_its_json_whole():
    """The parts a build used, kept under the whole handbook's key, are written part by part as
    UTF-8: the same bytes as the list written whole, held HTML given as held (UTF-8) or as read back."""
    from mkdocs_postmortem.engines.mkdocs.pages import _parts_json

    chart = '<figure data-chart="{&quot;x&quot;: [1, 2]}">Évolution — 日本語 🚒</figure>'
    parts_used = {
        "postmortem/overview.html\tpostmortems/index.md\tpostmortems/": ["ab" * 32, [chart.encode("utf-8"), chart]],
        "postmortem/header.html\tpostmortems/a.md\tpostmortems/a/": ["cd" * 32, []],
        "postmortem/similar-box.html\tpostmortems/b.md\tpostmortems/b/": [None, []],
        'quote " and \\ in a name': ["ef" * 32, ["<p>\u2028</p>"]],
    }
    as_text = {name: [digest, [p if isinstance(p, str) else p.decode("utf-8") for p in held]] for name, (digest, held) in parts_used.items()}
    assert bytes(_parts_json(parts_used)) == json.dumps(as_text, ensure_ascii=False).encode("utf-8")
    assert bytes(_parts_json({})) == b"{}"



FILTERED = {
    "upper.html": "{% import 'macros.html' as tables with context %}"
                  "{% filter upper %}{{ tables.table(items) }}{% endfilter %}",
    "cut.html": "{% import 'macros.html' as tables with context %}{{ tables.table(items) | truncate(300) }}",
    "twice.html": "{% import 'macros.html' as tables with context %}{% set t = tables.table(items) %}{{ t }}{{ t }}",
}


@pytest.mark.parametrize("name", sorted(FILTERED))
def test_a_site_template_that_filters_a_table_gets_the_page_jinja_renders(name):
    """A filter over a table's output in a site's own template changes the rows' tokens (made
    capitals, cut, repeated): the rows were lost and a token's NUL and nonce reached the page."""
    env = environment()
    env.loader = jinja2.DictLoader({**TEMPLATES, **FILTERED})
    context = {"items": items(20), "note": ""}
    expected = env.get_template(name).render(context)
    made = page_with_rows(lambda: env.get_template(name).generate(context))
    assert made == expected
    assert "\x00" not in made.replace("\x00777", "").replace("\x00" + "7" * 3, "")
    as_utf8 = page_with_rows(lambda: env.get_template(name).generate(context), utf8=True)
    assert bytes(as_utf8) == expected.encode("utf-8", "surrogatepass")


def test_a_held_listing_waits_packed_and_comes_back_as_it_was():
    """Held rows wait from the page's content event to its writing, the tracker's behind a thousand
    postmortem pages: they wait compressed, and fill gives back the page as rendered."""
    env = environment()
    context = {"items": items(6000, width=40), "note": "fin"}
    text = env.get_template("page.html").render(context)
    listing = text[text.index(LISTING_START) + len(LISTING_START) : text.index(LISTING_END)]
    slots = PageSlots()
    tracemalloc.start()
    try:
        held = slots.hold_listings(page_with_rows(lambda: env.get_template("page.html").generate(context), utf8=True))
        waiting = tracemalloc.get_traced_memory()[0] - sys.getsizeof(held)
    finally:
        tracemalloc.stop()
    assert waiting < len(listing.encode("utf-8", "surrogatepass")) / 4, waiting
    assert slots.fill(held) == text.replace(LISTING_START, "").replace(LISTING_END, "")
    assert slots.held == 0


def test_a_trend_chart_of_a_one_off_build_is_let_go_once_its_page_is_written(tmp_path):
    """Each group's chart is asked for once in a build: kept by a memo, it waited to the build's end."""
    write_site(tmp_path, postmortems())
    docs = tmp_path / "docs"
    sources = [
        read_source(str(path), src_uri=f"postmortems/{path.name}", docs_dir=str(docs))
        for path in sorted((docs / "postmortems").glob("*.md"))
    ]
    handbook = Handbook.load(sources, Settings(), workers=1)
    slots = PageSlots()
    trend = TrendCharts("en", slots)  # as a build's: it lives to the build's end
    page = trend.html(handbook.postmortems, handbook, lambda uri: uri)
    charts = slots.held_in(page)
    assert charts
    filled = slots.fill(page)
    assert all(chart.decode("utf-8") in filled for chart in charts) and slots.held == 0
    # Held by `charts` alone: nothing else keeps them.
    for chart in charts:
        assert [held for held in gc.get_referrers(chart) if not isinstance(held, types.FrameType)] == [charts]
    assert trend.html(handbook.postmortems, handbook, lambda uri: uri) == page  # asked again, the same
