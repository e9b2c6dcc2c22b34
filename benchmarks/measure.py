"""Sites of the synthetic corpus, and the project's commands run and measured as a user runs them.

Shared by the benchmark scripts and by the tests (tests/conftest.py imports
its process and server helpers from here; nothing here imports the tests).
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.corpus import write_corpus

# A fixed build date, so that "overdue" and "late" judge the corpus the same whenever it runs.
SOURCE_DATE_EPOCH = "1796083200"  # 2026-12-01
# Builds of the sample handbook run "on" the day it was written, so that its open
# action items do not turn overdue (PM304) as the calendar moves on.
SAMPLES_WRITTEN_EPOCH = "1795392000"  # 2026-11-23T00:00:00Z
CHROMIUM = "/usr/bin/chromium"

COMMON_CONFIG = """\
site_name: Benchmark handbook
docs_dir: docs
site_dir: {site_dir}
theme:
  name: material
markdown_extensions:
  - admonition
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
  - pymdownx.tasklist:
      custom_checkbox: true
"""


@dataclass
class Result:
    seconds: float | None = None  # wall time, or MkDocs' rebuild time for serve rows
    cpu: float | None = None  # user + system CPU seconds of the process (of the rebuild for serve rows)
    peak_mb: float | None = None
    site_mb: float | None = None
    note: str = ""
    failed: bool = False


def cli_command() -> list[str]:
    """The installed `mkdocs-postmortem` console script, as a user runs it."""
    script = Path(sys.executable).parent / "mkdocs-postmortem"
    if script.exists():
        return [str(script)]
    found = shutil.which("mkdocs-postmortem")
    return [found] if found else [sys.executable, "-m", "mkdocs_postmortem"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# What GitHub Pages, Netlify and nginx's usual `gzip_types` compress; images and fonts are compressed already.
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _GzipHandler(_QuietHandler):
    """Files sent gzipped (level 6) to a browser that accepts it, as a compressing web server does."""

    packed: dict[Path, bytes]  # each file compressed once per server

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and kind.startswith(_COMPRESSED_TYPES)):
            return super().send_head()
        body = self.packed.get(path)
        if body is None:
            body = self.packed[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def static_server(folder: Path, port: int = 0, *, compress: bool = False) -> Iterator[str]:
    """A built site served over local HTTP; yields its base URL. Python's server sends files as
    they are; with `compress`, text files go gzipped as most real web servers send them."""
    handler = type("_Handler", (_GzipHandler,), {"packed": {}}) if compress else _QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def child_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONUNBUFFERED": "1", "NO_MKDOCS_2_WARNING": "1"}


def run_measured(command: list[str], cwd: Path, log: Path) -> tuple[Result, int]:
    """Wall and CPU seconds, peak resident memory (MB) and exit code of one child process.

    CPU time (user + system) is reported beside wall time because the machine
    may be shared: other processes stretch wall time far more than CPU time.
    """
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=child_env())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KB on Linux.
    return Result(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), process.returncode


def best_cpu(repeat: int, work) -> float:
    """The least CPU seconds (of this process) that `repeat` runs of `work()` took."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def log_tail(log: Path, lines: int = 8) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:])


def prepare(root: Path, count: int, seed: int, variants: dict[str, str]) -> Path:
    """A site folder with the corpus and one mkdocs-<key>.yml per variant of the plugins section."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    write_corpus(docs / "postmortems", count, seed)
    (docs / "index.md").write_text(
        "# Benchmark handbook\n\nSynthetic postmortems written by benchmarks/corpus.py.\n", encoding="utf-8"
    )
    for key, plugins in variants.items():
        (root / f"mkdocs-{key}.yml").write_text(COMMON_CONFIG.format(site_dir=f"site-{key}") + plugins, encoding="utf-8")
    return root


def build(root: Path, key: str) -> Result:
    """`mkdocs build` of one variant in its own process; a failure is noted, not raised."""
    log = root / f"build-{key}.log"
    result, code = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", f"mkdocs-{key}.yml"], root, log)
    if code != 0:
        result.note, result.failed = f"build failed (exit {code}), see {log}", True
    else:
        site = root / f"site-{key}"
        result.site_mb = sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) / 1_000_000
    return result


def best_builds(root: Path, repeat: int, variants: dict[str, str]) -> dict[str, Result]:
    """The build with the least CPU time of each variant; the variants alternate so that
    load on a shared machine falls on all alike."""
    runs: dict[str, list[Result]] = {key: [] for key in variants}
    for _ in range(repeat):
        for key in variants:
            result = build(root, key)
            if result.failed:
                raise SystemExit(f"{result.note}:\n{log_tail(root / f'build-{key}.log', 30)}")
            runs[key].append(result)
    return {key: min(results, key=lambda result: result.cpu) for key, results in runs.items()}
