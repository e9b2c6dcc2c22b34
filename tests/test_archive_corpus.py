"""An archive of postmortems written before the plugin, in the shapes real
teams use (lists and paragraphs for timelines, zone abbreviations, dates in
titles and file names, plain action bullets, other tools' front matter), read
through `mkdocs-postmortem show --format json` and compared with values an SRE
wrote down by hand (tests/fixtures/archive/expected.yml)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from conftest import run_cli

ARCHIVE = Path(__file__).parent / "fixtures" / "archive"
EXPECTED = yaml.safe_load((ARCHIVE / "expected.yml").read_text(encoding="utf-8"))
FRENCH = {"2025-06-03-panne-paiement.md", "2025-09-29-flags-down.md", "incident-dns-fr.md", "rapport-incident-stockage.md"}


@pytest.fixture(scope="module")
def shown() -> dict[str, dict]:
    result = run_cli("show", *sorted(str(ARCHIVE / name) for name in EXPECTED), "--format", "json", cwd=ARCHIVE)
    assert result.returncode == 0, result.stderr
    return {Path(entry["path"]).name: entry for entry in json.loads(result.stdout)["postmortems"]}


def _utc(value: str | None) -> str | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


def test_the_corpus_is_large_enough_and_has_french_files():
    files = {path.name for path in ARCHIVE.glob("*.md")}
    assert files == set(EXPECTED) and len(files) >= 25
    assert FRENCH <= files


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_show_reads_what_the_file_states(shown, name):
    expected = EXPECTED[name]
    entry = shown[name]
    got = {
        "severity": entry["severity"],
        "started": _utc(entry["started"]),
        "resolved": _utc(entry["resolved"]),
        "ttr": entry["ttr"],
        "timeline": len(entry["timeline"]),
        "actions": len(entry["actions"]),
    }
    assert got == expected
