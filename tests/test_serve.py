"""The real `mkdocs serve`: a broken postmortem shows its problems on its page,
the server never stops, and fixing the file clears them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fetch, mkdocs_serve, wait_for, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "build"


@pytest.fixture
def served_site(tmp_path):
    postmortems = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md")}
    write_site(tmp_path, postmortems)
    with mkdocs_serve(tmp_path) as (base, server):
        yield tmp_path, base + "postmortems/2026-03-04-dns/", server


def test_problems_appear_and_clear_while_serving(served_site):
    root, url, server = served_site
    source = root / "docs" / "postmortems" / "2026-03-04-dns.md"
    good = source.read_text(encoding="utf-8")

    page = wait_for(lambda: fetch(url), "the first build", server)
    assert "postmortem-problems" not in page

    source.write_text(good.replace("severity: P2", "severity: [P2"), encoding="utf-8")
    page = wait_for(lambda: (p := fetch(url)) and "postmortem-problems" in p and p, "the YAML error", server)
    assert "PM001" in page and "line " in page

    source.write_text(
        good.replace("| Ana Lopez | 2027-01-15 |", "|           | 2027-01-15 |"), encoding="utf-8"
    )
    page = wait_for(lambda: (p := fetch(url)) and "PM301" in p and p, "the action table problem", server)
    assert "PM001" not in page

    source.write_text(good, encoding="utf-8")
    page = wait_for(lambda: (p := fetch(url)) and "postmortem-problems" not in p and p, "the fix", server)
    assert "DNS resolution failures" in page
    assert server.poll() is None
