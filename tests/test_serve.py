"""The real `mkdocs serve`: a broken postmortem shows its problems on its page,
the server never stops, and fixing the file clears them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "build"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, what: str, server: subprocess.Popen, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve stopped while waiting for {what}"
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def served_site(tmp_path):
    postmortems = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.md")}
    write_site(tmp_path, postmortems)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/postmortems/2026-03-04-dns/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


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
