"""Diagnostics on pages: the rules write `code spans` for terminals; the problem
box and the overview's "Needs attention" show them as <code>, and what the author
wrote inside a message stays text."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import fetch, mkdocs_serve, run_mkdocs, wait_for, write_site

from mkdocs_postmortem.render.message_html import message_html

FIXTURES = Path(__file__).parent / "fixtures" / "build"
HOSTILE_ACTION = "Rotate the `<img src=x onerror=alert(1)>` key & `vault` job"


def postmortems() -> dict[str, str]:
    files = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md")}
    # No `published:` on a P2 resolved long before the build: PM501 asks for `published: YYYY-MM-DD`.
    files["2026-03-04-dns.md"] = (
        files["2026-03-04-dns.md"]
        .replace("published: 2026-03-06\n", "")
        .replace("| Use the production upstreams in staging  | Ana Lopez | 2027-01-15 |",
                 f"| {HOSTILE_ACTION} | Ana Lopez | 2026-04-01 |")
    )
    return files


def test_code_spans_become_code_after_the_message_is_escaped():
    html = str(message_html('action item "a `<b>` & `x`" lacks `owner:`; add `published: YYYY-MM-DD`'))
    assert html == (
        "action item &quot;a <code>&lt;b&gt;</code> &amp; <code>x</code>&quot; lacks <code>owner:</code>; "
        "add <code>published: YYYY-MM-DD</code>"
    )
    assert str(message_html("an unpaired ` stays a backtick")) == "an unpaired ` stays a backtick"


def test_needs_attention_on_the_overview_shows_code(tmp_path):
    write_site(tmp_path, postmortems(), options={"rules": {"PM501": "warning"}})
    built = run_mkdocs("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    overview = BeautifulSoup((tmp_path / "site" / "postmortems" / "index.html").read_text("utf-8"), "html.parser")
    (late,) = overview.select('li[data-code="PM501"]')
    assert "`" not in late.get_text(), late
    assert "published: YYYY-MM-DD" in [code.get_text() for code in late.select("code")], late


def test_the_problem_box_shows_code_and_keeps_author_text_as_text(tmp_path):
    write_site(tmp_path, postmortems(), options={"rules": {"PM501": "warning"}})
    with mkdocs_serve(tmp_path) as (base, server):
        url = base + "postmortems/2026-03-04-dns/"
        page = wait_for(lambda: (p := fetch(url)) and "postmortem-problems" in p and p, "the problem box", server)
    box = BeautifulSoup(page, "html.parser").select_one(".postmortem-problems")
    assert "`" not in box.get_text(), box
    codes = [code.get_text() for code in box.select("li span code")]
    assert "published: YYYY-MM-DD" in codes, box
    # The author's markup, quoted in PM304's message, stays text, never an element.
    assert "Rotate the <img src=x onerror=alert(1)> key & vault job" in box.get_text(), box
    assert not box.select("img"), box
