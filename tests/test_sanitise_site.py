"""No author text runs in a reader's browser, on MkDocs and on Zensical.

Two dozen postmortems carry script payloads in every place an author controls
(tests/payload_site.py): body, each front-matter key the theme prints,
headings and the table of contents, `title` attributes and abbreviations with
Material's `content.tooltips` on, and ids of the theme's own elements. One site
is built per engine, with the sample handbook's configuration plus tooltips,
the `tags` plugin and `in_nav`; its HTML is read back, then Chromium opens
every page, searches, hovers and clicks, and counts the scripts that ran and
the dialogs that opened: none may.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, run_cli, run_mkdocs, write_site
from payload_site import EXTENSIONS, OPTIONS, THEME_FEATURES, hostile_postmortems
from test_zensical import add_config, zensical_build

COUNT = 24
ENGINES = ["mkdocs", "zensical"]


def sample_config(root: Path) -> None:
    """The repository's mkdocs.yml, for a site of hostile postmortems: its theme, features and
    extensions, plus tooltips, the tags plugin and `in_nav`; its own nav is the handbook's."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav")
    config["site_name"] = "Hostile handbook"
    config["theme"]["features"] = [*config["theme"]["features"], *THEME_FEATURES]
    listed = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    config["markdown_extensions"] += [e for e in EXTENSIONS if (e if isinstance(e, str) else next(iter(e))) not in listed]
    postmortem = next(p["postmortem"] for p in config["plugins"] if isinstance(p, dict) and "postmortem" in p)
    postmortem.update(OPTIONS)
    config["plugins"] = ["search", "tags", {"postmortem": postmortem}]
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def build(root: Path, engine: str) -> Path:
    write_site(root, hostile_postmortems(COUNT))
    sample_config(root)
    if engine == "mkdocs":
        built = run_mkdocs("build", cwd=root)
        assert built.returncode == 0, built.stderr
    else:
        generated = run_cli("generate", cwd=root)
        assert generated.returncode == 0, generated.stderr
        add_config(root / "mkdocs.yml", generated.stdout)
        built = zensical_build(root)
        assert built.returncode == 0, built.stdout + built.stderr
    return root / "site"


@pytest.fixture(scope="module", params=ENGINES)
def payload_site(request, tmp_path_factory) -> tuple[str, Path]:
    engine = request.param
    return engine, build(tmp_path_factory.mktemp(f"payloads-{engine}"), engine)


def postmortem_pages(site: Path) -> list[Path]:
    return sorted((site / "postmortems").glob("2026-*/index.html"))


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_no_author_text_becomes_markup_anywhere_on_the_page(payload_site):
    """Head, nav, tags, table of contents and body: no handler, no author script, no author image."""
    engine, site = payload_site
    pages = postmortem_pages(site)
    assert len(pages) == COUNT
    # The other pages print the postmortems' titles and subtitles in their nav, and list them.
    others = [site / path / "index.html" for path in generated_pages(engine)]
    for page in pages + others:
        document = soup(page)
        for element in document.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (page, str(element)[:300])
            # Chart data (`application/json`) holds the titles as inert JSON; no other script holds a payload.
            if element.name == "script" and element.get("type") != "application/json":
                assert "__ran" not in (element.string or ""), page
        # The front matter's image payloads are text wherever the theme prints them.
        for image in document.find_all("img"):
            assert image.get("src") != "x" or image.find_parent("article") is not None, (page, image.parent.name)


def test_front_matter_the_theme_prints_shows_as_written(payload_site):
    _, site = payload_site
    page = site / "postmortems" / "2026-03-04-outage-3" / "index.html"
    document = soup(page)
    description = document.select_one('meta[name="description"]')
    assert description["content"].startswith('Payments failed " onmouseover="window.__ran'), description
    assert set(description.attrs) == {"name", "content"}
    author = document.select_one('meta[name="author"]')
    assert author["content"].startswith('Ana " onfocus='), author
    assert set(author.attrs) == {"name", "content"}
    assert "<img src=x onerror=" in document.title.get_text()
    subtitles = [small.get_text() for small in document.select("nav small")]
    assert any(text.startswith("<img src=x onerror=") for text in subtitles), subtitles
    tags = [tag.get_text().strip() for tag in document.select(".md-tags .md-tag")]
    assert any(text.startswith("<img src=x onerror=") for text in tags), tags
    assert any(text.startswith('x" onmouseover=') for text in tags), tags


def test_toc_links_land_on_the_renamed_ids_and_theme_ids_are_the_themes(payload_site):
    engine, site = payload_site
    document = soup(site / "postmortems" / "2026-03-04-outage-3" / "index.html")
    article = document.select_one("article")
    ids = {element["id"] for element in article.find_all(id=True)}
    # Zensical's template puts the target of its "skip to content" link in the article.
    skip = article.select_one("a#__skip:empty")
    assert engine == "zensical" or skip is None
    ids -= {"__skip"} if skip is not None else set()
    # The theme reads its configuration from the first #__config: it is the theme's script.
    assert document.select_one("#__config").name == "script"
    assert [e.name for e in document.find_all(id="__config")] == ["script"]
    assert not [i for i in ids if i.startswith("_") or i in ("Plotly", "__search", "__drawer")], ids
    assert {"user-content-__config", "user-content-__search", "user-content-__drawer", "user-content-Plotly"} <= ids
    # Plain heading and footnote ids are kept: links to a section keep working.
    assert "summary" in ids and "timeline" in ids and "fn:1" in ids
    assert article.select_one("a.footnote-ref")["href"] == "#fn:1"
    toc = document.select('[data-md-component="toc"] a.md-nav__link')
    hrefs = [link["href"] for link in toc]
    assert "#summary" in hrefs and "#user-content-__config" in hrefs and "#user-content-__drawer" in hrefs
    for link in toc:
        assert link["href"].startswith("#"), link
        # Python-Markdown leaves its placeholder for HTML (`\x02wzxhzdk:N\x03`) in the toc's copy of an
        # id holding a tag, not in the heading's: that link never resolved, before or after.
        assert link["href"][1:] in ids or "wzxhzdk" in link["href"], link
        assert not link.find_all(True, recursive=True) or not link.find("img"), link
    titles = [" ".join(link.get_text().split()) for link in toc]
    assert any(title.startswith("Scope") for title in titles), titles


def test_titles_and_abbreviations_stay_text_under_html_tooltips(payload_site):
    _, site = payload_site
    article = soup(site / "postmortems" / "2026-03-04-outage-3" / "index.html").select_one("article")
    titled = article.find_all(title=True)
    assert len(titled) >= 5  # spans, a link, a bold, the abbreviation
    for element in titled:
        # Material puts a title into its tooltip with innerHTML: it must hold no tag.
        assert "<" not in element["title"], element
    assert article.select_one("abbr")["title"].startswith("&lt;img src=x")


def test_tracker_links_still_land_on_their_action_items(payload_site):
    engine, site = payload_site
    tracker = site / "postmortems" / ("actions" if engine == "mkdocs" else "_generated/actions") / "index.html"
    links = [a["href"] for a in soup(tracker).select("a[href$='outage-3/#action-2']")]
    assert links, "no deep link to the postmortem's second action item"
    article = soup(site / "postmortems" / "2026-03-04-outage-3" / "index.html").select_one("article")
    # The author's own `action-2`, earlier on the page, was renamed and never steals the link.
    assert article.find(id="action-2").name == "tr"
    assert "Cap retries 3" in article.find(id="action-2").get_text()
    assert article.find(id="user-content-action-2").name == "span"


# --- in Chromium -------------------------------------------------------------------------------

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser fixture skips (or fails under CI) without Playwright
    PlaywrightTimeout = TimeoutError

RAN = "window.__ran === undefined ? [] : window.__ran"


def generated_pages(engine: str) -> list[str]:
    base = "postmortems/" if engine == "mkdocs" else "postmortems/_generated/"
    return ["", base, f"{base}actions/", f"{base}severity/p2/", f"{base}services/svc-3/", f"{base}related/"]


def hover_all(page, selector: str, limit: int) -> int:
    """Hovers the visible elements; those a scrolled sidebar keeps out of reach are left."""
    hovered = 0
    for element in page.locator(selector).all():
        if hovered == limit:
            break
        if not element.is_visible():  # the nav's copy of the table of contents, at this width
            continue
        try:
            element.hover(timeout=1_000)
        except PlaywrightTimeout:
            continue
        hovered += 1
    return hovered


# What carries an author's title on a postmortem page: spans, bold, links, abbreviations.
TITLED = "article abbr, article span[title], article b[title], article a[title]:not(.headerlink)"


def exercise(page) -> dict:
    """Hovers what has a title or a tooltip, opens what opens, clicks what links within the page."""
    seen = {"tooltips": 0, "hovered": 0}
    for element in page.locator(TITLED).all()[:8]:
        if not element.is_visible():
            continue
        try:
            element.hover(timeout=1_000)
        except PlaywrightTimeout:  # hidden meanwhile (a closed tab)
            continue
        seen["hovered"] += 1
        # Material puts the title into a tooltip on hover: proof that the hover reached it.
        try:
            page.wait_for_selector(".md-tooltip2", state="attached", timeout=800)
            seen["tooltips"] += 1
        except PlaywrightTimeout:  # a title the theme shows no tooltip for
            pass
    seen["hovered"] += hover_all(page, "[data-md-component=toc] a, .md-tags .md-tag", limit=12)
    for label in page.locator("article .tabbed-labels label").all()[:2]:
        if label.is_visible():
            label.click(timeout=2_000)
    for summary in page.locator("article details summary").all()[:2]:
        if summary.is_visible():
            summary.click(timeout=2_000)
    # Links whose unsafe target was removed, footnotes and section links stay on the page.
    for link in page.locator("article a:not([href]), article a.footnote-ref, [data-md-component=toc] a").all()[:8]:
        if link.is_visible():
            link.click(timeout=2_000)
    page.wait_for_timeout(100)
    return seen


# Where each engine's theme takes a query and lists its results (Zensical's search is a dialog
# in a shadow root, which Playwright's selectors enter).
SEARCH = {
    "mkdocs": (".md-search__input", "input.md-search__input", ".md-search-result__item"),
    "zensical": (".md-search__button", "dialog input[role=combobox]", "ol[role=listbox] li"),
}


def search(page, engine: str, query: str) -> int:
    """Types `query` into the theme's search, hovers the results; returns how many were listed."""
    opener, box, result = SEARCH[engine]
    page.locator(opener).first.click()
    field = page.locator(box).first
    field.fill("")
    field.type(query, delay=10)
    try:
        page.locator(result).first.wait_for(timeout=10_000)
    except PlaywrightTimeout:  # counted as no result
        return 0
    hover_all(page, result, limit=8)
    count = page.locator(result).count()
    page.keyboard.press("Escape")
    return count


@pytest.mark.browser
def test_no_payload_runs_in_chromium(payload_site, browser, serve_folder):
    engine, site = payload_site
    base = serve_folder(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran: list[str] = []
    tooltips = hovered = 0
    postmortems = [p.parent.relative_to(site).as_posix() + "/" for p in postmortem_pages(site)]
    try:
        for number, path in enumerate(postmortems + generated_pages(engine)):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            # The theme read its own configuration, not an author's copy.
            assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT", path
            # Every page is opened; every postmortem carries the same payloads, so a quarter of them,
            # and every other page, is also hovered and clicked through (the test stays within minutes).
            if number % 4 == 0 or number >= len(postmortems):
                seen = exercise(page)
                tooltips += seen["tooltips"]
                hovered += seen["hovered"]
            ran += page.evaluate(RAN)
        page.goto(base + "postmortems/2026-03-04-outage-3/")
        page.wait_for_load_state("networkidle")
        found = [search(page, engine, query) for query in ("searchword3", "onerror", "img src")]
        ran += page.evaluate(RAN)
    finally:
        context.close()
    assert ran == [] and dialogs == [], (ran[:10], dialogs[:10])
    # And the test reached what it meant to: the search listed results, the tooltips were on and
    # shown (with the payloads in them as text), the pages had their titles, headings and tags.
    assert found[0] >= 1 and found[1] >= 1, found
    assert tooltips >= COUNT, tooltips  # at least four a page
    assert hovered >= 3 * COUNT, hovered


def test_no_title_attribute_of_any_page_holds_a_tag_under_html_tooltips(payload_site):
    """The generated pages too (themes, repeats, tracker, services...): Material puts every
    `title` into a tooltip with innerHTML, so one made of author text must hold no tag."""
    _, site = payload_site
    for page in sorted(site.rglob("*.html")):
        for element in soup(page).find_all(title=True):
            assert "<" not in element["title"], (page.relative_to(site), str(element)[:200])
