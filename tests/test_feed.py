"""`postmortems/feed.xml`: an Atom feed of published postmortems, read back with `feedparser`
from a real build, found from the overview's <head>, escaped against hostile authors, and
dated by the commit that changed each postmortem's status."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import run_mkdocs, write_site
from test_rules_variants import EN

BUILD = {"build_date": "2026-06-01"}


def incident(ident: str, day: int, status: str = "approved", **replace: str) -> str:
    text = EN.replace("id: 2026-03-04-webhook-secret", f"id: {ident}").replace("status: approved", f"status: {status}")
    text = text.replace("2026-03-04", f"2026-03-{day:02d}").replace("published: 2026-03-06", f"published: 2026-03-{day + 2:02d}")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


HOSTILE_TITLE = 'Checkout </title><script>alert(1)</script> & "friends"'
POSTMORTEMS = {
    "a.md": incident("alpha", 2),
    "b.md": incident("bravo", 10, status="closed"),
    "c.md": incident("charlie", 14, status="in-review"),
    "d.md": incident("delta", 18, status="draft"),
    "e.md": incident(
        "echo", 20,
        **{
            "title: Checkout orders stuck after the payment webhook secret expired": f"title: '{HOSTILE_TITLE}'",
            "services: [checkout, payments]": r'services: ["<b>checkout</b>", "pay\x01ments"]',
        },
    ),
}


def build(root: Path, options: dict | None = None, extra: dict | None = None) -> Path:
    write_site(root, POSTMORTEMS, options={**BUILD, **(options or {})}, extra=extra)
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("feed"), extra={"site_url": "https://handbook.example.com/ops/"})


def test_the_feed_is_valid_atom_with_one_entry_per_published_postmortem_newest_first(site):
    feed = feedparser.parse((site / "postmortems" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Test handbook: postmortems"
    assert feed.feed.links[0].href == "https://handbook.example.com/ops/postmortems/feed.xml"
    # Approved and closed only: not the one in review, not the draft.
    assert [entry.link for entry in feed.entries] == [
        "https://handbook.example.com/ops/postmortems/e/",
        "https://handbook.example.com/ops/postmortems/b/",
        "https://handbook.example.com/ops/postmortems/a/",
    ]
    bravo = feed.entries[1]
    assert bravo.title == "Checkout orders stuck after the payment webhook secret expired"
    assert bravo.published.startswith("2026-03-12")
    assert [tag.term for tag in bravo.tags] == ["P2", "checkout", "payments"]
    assert bravo.summary.startswith("Severity P2 · Services: checkout, payments · Status: Closed")
    assert "webhook" in bravo.summary.split("\n\n", 1)[1].lower()
    assert [author.name for author in bravo.authors] == ["Ana Lopez"]
    assert len({entry.id for entry in feed.entries}) == 3 and all(e.id.startswith("urn:uuid:") for e in feed.entries)


def test_author_text_stays_text(site):
    raw = (site / "postmortems" / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw and "\u0001" not in raw
    feed = feedparser.parse(raw.encode("utf-8"))
    echo = feed.entries[0]
    assert echo.title == HOSTILE_TITLE
    assert echo.title_detail.type == "text/plain" and echo.summary_detail.type == "text/plain"
    assert [tag.term for tag in echo.tags] == ["P2", "<b>checkout</b>", "payments"]


def test_the_overview_links_the_feed_in_its_head_and_body(site):
    page = BeautifulSoup((site / "postmortems" / "index.html").read_text(encoding="utf-8"), "html.parser")
    (link,) = page.head.select('link[rel~="alternate"][type="application/atom+xml"]')
    assert link["href"] == "https://handbook.example.com/ops/postmortems/feed.xml"
    # Not rel="alternate" alone, which Material's instant navigation takes for another language's page.
    assert link["rel"] == ["alternate", "feed"]
    assert page.select_one(".postmortem-feed a")["href"] == "feed.xml"
    other = BeautifulSoup((site / "postmortems" / "actions" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not other.head.select('link[type="application/atom+xml"]')


def test_without_site_url_links_are_relative_and_the_feed_still_parses(tmp_path):
    site = build(tmp_path)
    feed = feedparser.parse((site / "postmortems" / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].links[0].href == "e/"
    # No git history here: an entry is dated by its `published` day.
    assert [(entry.published, entry.updated) for entry in feed.entries][1] == ("2026-03-12T00:00:00Z",) * 2
    head = BeautifulSoup((site / "postmortems" / "index.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.select_one('link[type="application/atom+xml"]')["href"] == "feed.xml"


def test_options_switch_the_feed_off_limit_it_and_move_it(tmp_path):
    off = build(tmp_path / "off", {"feed": False})
    assert not (off / "postmortems" / "feed.xml").exists()
    overview = (off / "postmortems" / "index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in overview

    moved = build(tmp_path / "moved", {"feed_entries": 2, "pages": {"feed": "news/atom.xml"}})
    feed = feedparser.parse((moved / "postmortems" / "news" / "atom.xml").read_bytes())
    assert [entry.link for entry in feed.entries] == ["../e/", "../b/"]
    head = BeautifulSoup((moved / "postmortems" / "index.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.select_one('link[type="application/atom+xml"]')["href"] == "news/atom.xml"


def test_a_bad_feed_entries_value_is_a_clear_error(tmp_path):
    write_site(tmp_path, POSTMORTEMS, options={**BUILD, "feed_entries": 0})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "feed_entries" in result.stderr


def _git(root: Path, *args: str, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_an_entry_is_updated_when_its_status_changes_not_when_other_lines_do(tmp_path):
    write_site(tmp_path, POSTMORTEMS, options=BUILD)
    _git(tmp_path, "init", "-q", when="2026-04-01T10:00:00+00:00")
    _git(tmp_path, "add", ".", when="2026-04-01T10:00:00+00:00")
    _git(tmp_path, "commit", "-qm", "postmortems", when="2026-04-01T10:00:00+00:00")
    alpha = tmp_path / "docs" / "postmortems" / "a.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("status: approved", "status: closed"), encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "alpha closed", when="2026-05-02T08:30:00+00:00")
    bravo = tmp_path / "docs" / "postmortems" / "b.md"
    bravo.write_text(bravo.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "bravo edited", when="2026-05-20T08:30:00+00:00")

    assert run_mkdocs("build", cwd=tmp_path).returncode == 0
    feed = feedparser.parse((tmp_path / "site" / "postmortems" / "feed.xml").read_bytes())
    updated = {entry.link: entry.updated for entry in feed.entries}
    assert updated["a/"] == "2026-05-02T08:30:00Z"  # the commit that closed it
    assert updated["b/"] == "2026-04-01T10:00:00Z"  # edited since, but its status did not change
    assert feed.feed.updated == "2026-05-02T08:30:00Z"
    first = (tmp_path / "site" / "postmortems" / "feed.xml").read_bytes()
    assert run_mkdocs("build", cwd=tmp_path).returncode == 0
    assert (tmp_path / "site" / "postmortems" / "feed.xml").read_bytes() == first
