"""Serve-style rebuilds in one process, and where postmortems sit in the nav."""

from __future__ import annotations

import logging
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import run_mkdocs, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

FIXTURES = Path(__file__).parent / "fixtures" / "build"


def postmortems() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}


def text_of(path: Path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")


def load(config_file: Path, site: Path):
    # MkDocs keeps one instance of a plugin that defines on_startup across the
    # configs it loads in one process: that is how `mkdocs serve` rebuilds.
    return load_config(str(config_file), site_dir=str(site))


def first_serve_build(tmp_path: Path, monkeypatch, *, dirty: bool):
    """The fixture site built once the way `mkdocs serve --dirty` starts; (config file, site, plugin)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    config_file = write_site(tmp_path, postmortems())
    site = tmp_path / "site"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    first = load(config_file, site)
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, dirty=dirty)
    return config_file, site, first.plugins["postmortem"]


def test_an_edit_between_two_builds_rereads_only_that_file(tmp_path, monkeypatch):
    config_file, site, plugin = first_serve_build(tmp_path, monkeypatch, dirty=False)
    assert plugin.cache.reads == 2
    p2_page = site / "postmortems" / "severity" / "p2" / "index.html"
    p3_page = site / "postmortems" / "severity" / "p3" / "index.html"
    assert "DNS resolution failures" in text_of(p2_page)
    assert "DNS resolution failures" not in text_of(p3_page)

    source = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    edited = source.read_text(encoding="utf-8").replace("severity: P2", "severity: P3")
    source.write_text(edited.replace("title: DNS resolution failures in eu-west", "title: DNS resolution failures (edited)"), "utf-8")

    second = load(config_file, site)
    assert second.plugins["postmortem"] is plugin
    build(second, dirty=True)
    assert plugin.cache.reads == 3, "only the edited file is parsed again"
    assert "DNS resolution failures (edited)" in text_of(p3_page)
    assert "DNS resolution failures" not in text_of(p2_page)
    page = BeautifulSoup((site / "postmortems" / "2026-03-04-dns" / "index.html").read_text("utf-8"), "html.parser")
    assert "DNS resolution failures (edited)" in page.title.get_text()


def nav_titles(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select("nav.md-nav--primary a.md-nav__link")]


def test_postmortems_stay_out_of_the_nav_unless_asked(tmp_path):
    out = tmp_path / "out"
    write_site(out, postmortems())
    assert run_mkdocs("build", "--strict", cwd=out).returncode == 0
    titles = nav_titles(out / "site" / "index.html")
    assert "DNS resolution failures in eu-west" not in titles
    assert "Resolver cache exhaustion" not in titles

    inside = tmp_path / "in"
    write_site(inside, postmortems(), options={"in_nav": True})
    result = run_mkdocs("build", "--strict", cwd=inside)
    assert result.returncode == 0, result.stderr
    titles = nav_titles(inside / "site" / "index.html")
    assert "DNS resolution failures in eu-west" in titles
    assert "Resolver cache exhaustion" in titles


def test_a_dirty_rebuild_rewrites_only_the_generated_pages_that_changed(tmp_path, monkeypatch):
    import mkdocs_postmortem.render.embed as embed

    charts_made = []
    real_trend_chart = embed.trend_chart

    def counting_trend_chart(incidents, **options):
        charts_made.append(sorted(pm.id for pm, _ in incidents))
        return real_trend_chart(incidents, **options)

    monkeypatch.setattr(embed, "trend_chart", counting_trend_chart)
    config_file, site, _ = first_serve_build(tmp_path, monkeypatch, dirty=True)
    pages = {path: path.stat().st_mtime_ns for path in (site / "postmortems").rglob("index.html")}
    p1_page = site / "postmortems" / "severity" / "p1" / "index.html"
    p3_page = site / "postmortems" / "severity" / "p3" / "index.html"
    assert p1_page in pages and p3_page in pages
    first_charts = len(charts_made)
    assert first_charts >= 3

    source = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    source.write_text(source.read_text(encoding="utf-8").replace("severity: P2", "severity: P3"), "utf-8")
    second = load(config_file, site)
    build(second, dirty=True)

    rewritten = {path for path, mtime in pages.items() if path.stat().st_mtime_ns != mtime}
    assert p3_page in rewritten and "DNS resolution failures" in text_of(p3_page)
    assert p1_page not in rewritten, "a severity page the edit did not touch is left as written"
    assert site / "postmortems" / "2026-03-04-dns" / "index.html" in rewritten
    # Trend charts are made again only for groups holding the edited incident.
    again = charts_made[first_charts:]
    assert again and all("2026-03-04-dns" in ids for ids in again)
