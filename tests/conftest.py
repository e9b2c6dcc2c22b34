"""Shared test helpers: real sites in temporary folders, the real commands, the real browser."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # plain `pytest` as well as `python -m pytest`
    sys.path.insert(0, str(ROOT))

# One definition each, shared with the benchmarks.
from benchmarks.measure import (  # noqa: E402 - importable once the path is set
    CHROMIUM,
    SAMPLES_WRITTEN_EPOCH,
    cli_command,
    free_port,
    static_server,
)

SEEDS = ROOT.parent / "shared" / "seeds"

# Fuzzing (tests/test_fuzz.py): the default profile is what CI affords, the same
# cases every run; `--hypothesis-profile=long` searches far wider with new cases.
_FUZZ_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
hypothesis_settings.register_profile(
    "default", max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=_FUZZ_HEALTH
)
hypothesis_settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=_FUZZ_HEALTH)
hypothesis_settings.load_profile("default")


# Kinds of tests that are slow by nature; `-m "not slow"` leaves them out with the rest.
SLOW_KINDS = ("browser", "engine", "fuzz")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for the browser is a browser test, marked or not; every
    browser, engine and fuzz test is slow."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker(pytest.mark.slow)


def _environment(extra: dict | None) -> dict:
    # Builds and checks run on the day the samples were written; a test that needs another day passes its own.
    return {**os.environ, "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH, **(extra or {})}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The project's seed postmortems, kept beside its own checkouts (../shared/seeds), not in
    the repository. A clone elsewhere skips the tests that read them; CI, which has them, fails."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed postmortems are missing under CI: .ci/run expects them in {SEEDS}")
        pytest.skip("the seed postmortems are not beside this checkout (../shared/seeds); they exist only on the project's machines")
    return SEEDS


# The engine the build and serve tests drive: MkDocs, or ProperDocs (its maintained fork)
# when POSTMORTEM_ENGINE=properdocs; .ci/run runs those tests under both.
ENGINE = os.environ.get("POSTMORTEM_ENGINE", "mkdocs")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*cli_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_environment(env),
        timeout=300,
    )


def run_mkdocs(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", ENGINE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_environment(env),
        timeout=600,
    )


def write_site(
    root: Path,
    postmortems: dict[str, str | bytes],
    *,
    options: dict | None = None,
    theme: str | dict = "material",
    extra: dict | None = None,
    pages: dict[str, str] | None = None,
) -> Path:
    """A site in `root` with `docs/postmortems/<name>` files; returns the mkdocs.yml path."""
    docs = root / "docs"
    (docs / "postmortems").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Handbook\n\nHome.\n", encoding="utf-8")
    for name, content in (pages or {}).items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    for name, content in postmortems.items():
        path = docs / "postmortems" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    config = {
        "site_name": "Test handbook",
        "theme": {"name": theme} if isinstance(theme, str) else theme,
        "plugins": ["search", {"postmortem": options or {}}],
        "markdown_extensions": ["admonition", "tables"],
        **(extra or {}),
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


@contextmanager
def mkdocs_serve(root: Path, *options: str, engine: str | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """The real `mkdocs serve` (or `properdocs serve`) on a free loopback port; yields (base URL, process)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", engine or ENGINE, "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, what: str, server: subprocess.Popen, timeout: float = 60):
    """Poll `condition` until it returns something truthy, failing if the server stops."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve stopped while waiting for {what}"
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def serve_folder():
    """Serve a built site over local HTTP; yields a function folder -> base URL."""
    with ExitStack() as servers:
        yield lambda folder: servers.enter_context(static_server(folder))


@pytest.fixture(scope="session")
def browser():
    """Playwright driving Debian's Chromium. Skips on a developer machine without it;
    under CI a missing browser is a failure, never a skip."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed under CI")
        pytest.skip("playwright not installed")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        yield instance
        instance.close()
