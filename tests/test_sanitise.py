"""Postmortem bodies run nothing: payloads pasted from an incident (log lines,
user agents, request bodies) in every place a postmortem can carry them, built
with Material's extensions, then read back as HTML and opened in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import free_port, run_mkdocs, write_site

from mkdocs_postmortem.render.sanitise import sanitise


def payload(place: str) -> str:
    """JavaScript that leaves a trace and opens a dialog if it ever runs."""
    return f"window.__ran='{place}';alert('{place}')"  # no `|`: payloads sit in table cells


def html_payloads(place: str) -> str:
    run = payload(place)
    return (
        f"<img src=x onerror=\"{run}\"> <svg onload=\"{run}\"><path d='M0 0'/></svg> "
        f"<script>{run}</script> <iframe srcdoc=\"<script>parent.{run}</script>\"></iframe> "
        f"<details open ontoggle=\"{run}\">d</details> <a href=\"javascript:{run}\">raw-link-{place}</a> "
        f"<object data=\"javascript:{run}\"></object> <input autofocus onfocus=\"{run}\"> "
        f"<style>body{{display:none}}</style> <a href=\"data:text/html,<script>{run}</script>\">data-{place}</a>"
    )


def md_link(place: str) -> str:
    return f"[md-link-{place}](javascript:{payload(place)})"


EXTENSIONS = [
    "admonition",
    "attr_list",
    "tables",
    "footnotes",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.highlight",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"pymdownx.tasklist": {"custom_checkbox": True}},
]

HOSTILE = f"""---
title: "Checkout outage <img src=x onerror=alert('title')>"
severity: P2
status: approved
services: ["<img src=x onerror=alert('service')>", checkout]
authors: ["<script>alert('author')</script>"]
timezone: UTC
started: 2026-04-02 10:00
resolved: 2026-04-02 10:45
published: 2026-04-03
---

# Checkout outage

## Summary

The gateway logged {html_payloads("summary")} and {md_link("summary")}.

!!! warning "Pasted from the incident channel"
    {html_payloads("admonition")}

=== "Before"
    The request body was `<script>alert(1)</script>`.

=== "After"
    {html_payloads("tab")}

```html
<script>alert('code')</script>
```

A footnote[^1].

[^1]: {html_payloads("footnote")}

## Timeline

| Time  | Event |
|-------|-------|
| 10:00 | First table {html_payloads("timeline1")} {md_link("timeline1")} |
| 10:45 | Recovered |

| Time  | Event |
|-------|-------|
| 10:10 | Second table {html_payloads("timeline2")} {md_link("timeline2")} |

> | Time  | Event |
> |-------|-------|
> | 10:20 | Quoted table {html_payloads("timeline3")} |

## Impact

Checkout failed for 45 minutes.

### Scope <img src=x onerror="{payload('heading')}">

Every region.

## Root Cause

A retry storm.

### 5 Whys

1. Why did checkout fail? {html_payloads("why1")}
2. Why? {md_link("why2")} the pool was exhausted.
3. Why? Retries multiplied the load.
4. Why? The client had no backoff.
5. Why? The library default was used.

## Action Items

| Action | Owner | Due | Status |
|--------|-------|-----|--------|
| Add backoff {html_payloads("action")} {md_link("action")} | Ana Lopez | 2026-06-01 | Done |

- [x] Cap retries {html_payloads("checklist")} {md_link("checklist")} - Owner: Li Wei - Due: 2026-06-15
- [ ] Load test the client - Owner: Li Wei - Due: 2026-07-01

## Lessons Learned

Retries need a budget.
"""

def build_hostile(root: Path, extra: dict | None = None, **options) -> None:
    write_site(
        root,
        {"2026-04-02-checkout.md": HOSTILE},
        # Payload text is no placeholder and its words are no blame; those rules are not this test's subject.
        options={"build_date": "2026-04-10", "rules": {"PM103": "off", "PM401": "off"}, **options},
        theme={"name": "material", "font": False, "features": ["navigation.instant"]},
        extra={"markdown_extensions": EXTENSIONS, **(extra or {})},
    )
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("sanitised")
    base = f"http://127.0.0.1:{free_port()}/"
    build_hostile(root, extra={"site_url": base})
    return root, base


def article(root: Path) -> BeautifulSoup:
    html = (root / "site" / "postmortems" / "2026-04-02-checkout" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def test_no_payload_survives_in_the_built_page(hostile_site):
    root, _ = hostile_site
    body = article(root)
    # The only scripts are the plugin's own chart data and loader, none from the body.
    assert all("window.__ran" not in (script.string or "") for script in body.find_all("script"))
    assert body.find_all(["iframe", "object", "embed", "style"]) == []
    for element in body.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        for name in ("href", "src", "data", "action", "formaction", "xlink:href"):
            value = str(element.get(name, "")).strip().lower()
            assert not value.startswith(("javascript:", "data:")), element
    text = body.get_text()
    # Links lose their unsafe target but keep their text.
    for place in ("summary", "timeline1", "timeline2", "why2", "action", "checklist"):
        assert f"md-link-{place}" in text
    # Timeline rows the reader read show their HTML as text, as before.
    assert "First table <img src=x" in text and "Second table" in text


def test_material_markup_is_kept(hostile_site):
    root, _ = hostile_site
    body = article(root)
    assert body.select_one(".admonition.warning .admonition-title").get_text() == "Pasted from the incident channel"
    tabs = body.select_one(".tabbed-set.tabbed-alternate")
    assert [label.get_text() for label in tabs.select(".tabbed-labels label")] == ["Before", "After"]
    assert len(tabs.select("input[type=radio]")) == 2
    assert len(body.select(".task-list-item input[type=checkbox][disabled]")) == 2
    assert "<script>alert('code')</script>" in body.select_one(".highlight code").get_text()
    assert body.select_one("h2#summary a.headerlink")["href"] == "#summary"
    assert body.select_one("sup a.footnote-ref")["href"].startswith("#fn:")
    assert body.select("table")  # tables kept


def test_allow_raw_html_keeps_todays_behaviour(tmp_path):
    build_hostile(tmp_path, allow_raw_html=True)
    body = article(tmp_path)
    assert body.select("iframe") and body.select("a[href^='javascript:']")
    # Rows of the timeline table the reader read are still shown as text.
    assert "First table <img src=x" in body.get_text()


def test_sanitiser_keeps_chart_markers_and_drops_what_runs():
    kept = sanitise('<p>Chart:</p>\n<!-- postmortem:timeline -->\n<table><tr><td style="text-align: right;">1</td></tr></table>')
    assert "<!-- postmortem:timeline -->" in kept and 'style="text-align:right"' in kept
    assert sanitise('<div style="background:url(javascript:x)">s</div>') == "<div>s</div>"
    assert sanitise('<input type="text" onfocus="x()">') == "<input>"
    assert sanitise('<input type="checkbox" disabled checked>') == '<input type="checkbox" disabled="" checked="">'


@pytest.fixture
def watched(browser):
    """A Chromium page and the dialogs it opened (each dismissed)."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs
    context.close()


@pytest.mark.browser
def test_no_script_runs_and_no_dialog_opens_in_chromium(hostile_site, watched, serve_folder):
    root, _ = hostile_site
    base = serve_folder(root / "site")
    page, dialogs = watched
    for path in ("postmortems/2026-04-02-checkout/", "postmortems/", "postmortems/severity/p2/",
                 "postmortems/actions/", "postmortems/services/checkout/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran === undefined"), (path, page.evaluate("window.__ran"))
    page.goto(base + "postmortems/2026-04-02-checkout/")
    page.wait_for_load_state("networkidle")
    # Material still renders what authors use: an admonition, tabs that switch, a task list, a code block.
    assert page.locator(".admonition.warning").is_visible()
    page.locator(".tabbed-labels label", has_text="After").click()
    page.locator(".tabbed-block").nth(1).wait_for(state="visible", timeout=5_000)
    page.locator(".tabbed-block").nth(0).wait_for(state="hidden", timeout=5_000)
    assert page.locator(".task-list-item").count() == 2
    assert "<script>alert('code')</script>" in page.locator(".highlight code").first.inner_text()
    # Links that carried javascript: are plain text now: clicking them runs nothing.
    for place in ("summary", "action", "checklist"):
        page.get_by_text(f"md-link-{place}").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran === undefined")
    assert dialogs == []


@pytest.mark.browser
def test_the_payloads_do_run_when_raw_html_is_allowed(tmp_path, watched, serve_folder):
    """The control for the test above: the same page, unsanitised, opens dialogs,
    so a sanitiser that let anything through would be seen."""
    build_hostile(tmp_path, allow_raw_html=True)
    base = serve_folder(tmp_path / "site")
    page, dialogs = watched
    page.goto(base + "postmortems/2026-04-02-checkout/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is not None
    assert dialogs


def test_author_ids_keep_plain_anchors_and_leave_the_themes_names_alone():
    html = sanitise(
        '<h2 id="summary">S<a class="headerlink" href="#summary">¶</a></h2><div id="__config">{}</div>'
        '<a name="Plotly" href="#__config">x</a><span id="action-2">y</span><sup id="fnref:1"><a href="#fn:1">1</a></sup>'
        '<input type="radio" name="__tabbed_1" id="__tabbed_1_1"><label for="__tabbed_1_1">Tab</label>'
        '<a href="https://example.com/#__config">out</a>'
    )
    assert '<h2 id="summary">' in html and 'href="#summary"' in html  # links to a section keep working
    assert 'id="fnref:1"' in html and 'href="#fn:1"' in html  # footnotes too
    assert 'id="__config"' not in html and 'id="user-content-__config"' in html
    assert 'href="#user-content-__config"' in html  # a link to a renamed id follows it
    assert 'name="user-content-Plotly"' in html and 'id="user-content-action-2"' in html
    # Content tabs: the input, its group and its label renamed alike, so the label still switches it.
    assert 'name="user-content-__tabbed_1" id="user-content-__tabbed_1_1"' in html
    assert 'for="user-content-__tabbed_1_1"' in html
    assert 'href="https://example.com/#__config"' in html  # another page's anchors are that page's


def test_author_id_renames_once_and_gives_attribute_safe_names():
    from mkdocs_postmortem.render.author_ids import author_id

    for raw in ('__config', 'x" onmouseover="alert(1)', "Plotly", "action-12", "document$", "a<b>"):
        renamed = author_id(raw)
        assert renamed.startswith("user-content-") and author_id(renamed) == renamed
        assert not set(renamed) & set("\"'<>&` $()=%")
    for kept in ("summary", "5-whys", "fn:1", "fnref:2", "résumé", "root-cause_1"):
        assert author_id(kept) == kept


def test_titles_stay_text_when_the_theme_shows_them_as_html():
    html = '<abbr title="&lt;img src=x onerror=alert(1)&gt;">HTML</abbr><a href="https://x.org" title="Q&amp;A">l</a>'
    tooltips = sanitise(html, titles_as_html=True)
    assert 'title="&amp;lt;img src=x onerror=alert(1)&amp;gt;"' in tooltips and 'title="Q&amp;amp;A"' in tooltips
    # Without HTML tooltips the browser shows a title as text itself: it is left as written.
    assert 'title="Q&amp;A"' in sanitise(html) and 'title="&lt;img src=x onerror=alert(1)&gt;"' in sanitise(html)


def test_front_matter_strings_are_made_text_and_urls_web_only():
    from datetime import date

    from mkdocs_postmortem.render.safe_text import safe_meta

    meta = {
        "description": 'a " onmouseover="x" <b>',
        "tags": ["<img src=x>", 3],
        "search": {"boost": 2, "exclude": False},
        "social": {"cards_layout_options": {"title": "<i>t</i>"}},
        "published": date(2026, 3, 4),
        "location": "javascript:alert(1)",
    }
    safe = safe_meta(meta)
    assert safe["description"] == "a &quot; onmouseover=&quot;x&quot; &lt;b&gt;"
    assert safe["tags"] == ["&lt;img src=x&gt;", 3]
    assert safe["search"] == {"boost": 2, "exclude": False} and safe["published"] == date(2026, 3, 4)
    assert safe["social"]["cards_layout_options"]["title"] == "&lt;i&gt;t&lt;/i&gt;"
    assert "location" not in safe  # Material's redirect.html puts it in a script: escaping cannot help
    for url in ("https://example.com/a", "../other/", "page.md", "#anchor"):
        assert safe_meta({"location": url})["location"] == url
    for url in (" JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x"):
        assert "location" not in safe_meta({"location": url}), url


def test_headings_without_markup_are_made_text_as_the_parser_makes_them():
    """A table of contents' titles skip the HTML parser when there is nothing to parse: the
    text must be what the parser gives, for every character and every reference."""
    from html import unescape

    import nh3

    from mkdocs_postmortem.render.safe_text import plain_text, text

    def parsed(html: str) -> str:
        return text(unescape(nh3.clean(html, tags=set())))

    samples = ["Root cause", "Impact — clients \u00a0(EU)", "a\r\nb", "a\rb", "\ufeffTimeline", "a\x00b",
               "&lt;script&gt;", "AT&T", "&amp", "&#x3c;b&#62;", "<b>bold</b> text", "x > y", "\"quoted\" 'too'"]
    for code in range(0x3000):
        character = chr(code)
        samples += [character, f"a{character}b", character * 2]
    for sample in samples:
        assert plain_text(sample) == parsed(sample), repr(sample)
