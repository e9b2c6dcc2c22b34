"""The benchmark keeps working: its corpus is valid and varied, and the runner completes.

No timing is asserted here; speed is measured by `python benchmarks/run.py`
and reported in docs/performance.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "corpus.py"
RUNNER = ROOT / "benchmarks" / "run.py"
ROW_LABELS = (
    "(a) Material, postmortems in nav",
    "(b) Material, not in nav",
    "(c) Material + postmortem plugin",
    "(c) warm: nothing changed",
    "(c) warm: one postmortem changed",
    "check: `mkdocs-postmortem check`",
    "check warm: nothing changed",
    "serve (b): one edit",
    "serve (c): one edit",
)


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    done = subprocess.run(
        [sys.executable, str(CORPUS), "--count", str(count), "--seed", str(seed), "--out", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return sorted(folder.glob("*.md"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "postmortems", 150)


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path, corpus):
    again = write_corpus(tmp_path / "again", 150)
    assert [p.name for p in again] == [p.name for p in corpus]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, corpus))
    other = write_corpus(tmp_path / "other", 150, seed=2)
    assert [p.name for p in other] != [p.name for p in corpus]


def test_corpus_mixes_every_structure_language_severity_and_service(corpus):
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    metas = [front_matter(p) for p in corpus]
    # One marker heading per seed structure.
    markers = {
        "fr-emoji": "## 🛡️ Actions préventives (Follow-up / Prevention)",
        "fr-executive": "## Plan d'action",
        "spec": "### 5 Whys\n\n```",
        "en-overview": "## Incident Overview",
        "en-details": "## Incident Details",
    }
    counts = {name: sum(marker in text for text in texts) for name, marker in markers.items()}
    assert all(count >= 10 for count in counts.values()), counts
    assert sum(counts.values()) == len(texts)
    assert sum("## 📋 Résumé Exécutif" in t for t in texts) and sum("## 📋 Executive Summary" in t for t in texts)
    assert set(Counter(m["severity"] for m in metas)) == {"P1", "P2", "P3", "P4"}
    assert len({s for m in metas for s in m["services"]}) == 15
    ids = {m["id"] for m in metas}
    assert len(ids) == len(metas)
    linked = [m for m in metas if m.get("related")]
    assert len(linked) > len(metas) // 5
    assert all(set(m["related"]) <= ids for m in linked)
    sizes = [p.stat().st_size for p in corpus]
    assert 3000 <= min(sizes) and max(sizes) <= 6200, (min(sizes), max(sizes))


def test_corpus_has_no_template_placeholders_and_future_deadlines(corpus):
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        for placeholder in ("[Nom", "[Name]", "[Date]", "TBD", "XX", "YYYY", "HH:MM", "…"):
            assert placeholder not in text, (path.name, placeholder)
        meta = front_matter(path)
        for phase in ("started", "detected", "acknowledged", "mitigated", "resolved"):
            assert meta[phase].tzinfo is not None, (path.name, phase)
        times = [meta[p] for p in ("started", "detected", "acknowledged", "mitigated", "resolved")]
        assert times == sorted(times), path.name
        if meta["severity"] in ("P1", "P2"):
            assert (meta["published"] - meta["resolved"].date()).days <= 5, path.name


def test_check_finds_no_problem_in_the_corpus(corpus):
    """The corpus is valid by the project's own rules, so the plugin's build is comparable."""
    done = run_cli("check", "--strict", "--format", "json", str(corpus[0].parent))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


@pytest.mark.slow
def test_benchmark_runs_at_30_and_prints_every_row(tmp_path):
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--sizes", "30", "--workdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in done.stdout.splitlines() if line.startswith("| ")}
    for label in ROW_LABELS:
        row = next((line for name, line in rows.items() if name.startswith(label)), None)
        assert row is not None, f"no row for {label}:\n{done.stdout}"
        seconds = row.split("|")[2].strip()
        assert float(seconds) > 0, row
    for name in ("(c)/(b) time", "(a)/(c) time", "check/(b) time", "serve (c)/(b) rebuild after one edit",
                 "(c) warm/(b) time, nothing changed", "(c) warm/(b) time, one postmortem changed",
                 "check warm/(b) time"):
        assert float(rows[name].split("|")[2]) > 0, rows[name]
    assert "### N = 30" in done.stdout
    assert not list(tmp_path.iterdir()), "the runner leaves no corpus or site behind without --keep"


@pytest.mark.slow
def test_sanitiser_benchmark_runs_and_prints_its_ratio():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "sanitise_cost.py"), "--count", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    for label in ("sanitised (default)", "allow_raw_html: true", "cost per postmortem page:", "ratio sanitised / raw:",
                  "sanitise() alone:"):
        assert label in done.stdout, done.stdout
