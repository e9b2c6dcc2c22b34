"""A serve rebuild after one edit makes the same site as a cold build of the edited files.

The plugin instance lives across `mkdocs serve` rebuilds and keeps what it
worked out from the models of unchanged files (their similarity terms, the
pairs of similar incidents, the owners' calendars, rendered page bodies):
none of it may show in what is built.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from conftest import run_mkdocs, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.corpus import write_corpus
from benchmarks.measure import SOURCE_DATE_EPOCH

COUNT = 40  # the corpus draws from a few dozen stories: every incident has look-alikes
SITE_URL = "https://handbook.example.org/"  # calendars hold absolute links only with one
OPEN_ITEM_OWNER = re.compile(r"\| ([^|\n]+?) \| (20[3-9]\d-\d\d-\d\d|2027-\d\d-\d\d) \|")


def site_files(site: Path) -> dict[str, bytes]:
    # The sitemap's gzip header carries the time it was written, not what the site says.
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml.gz"
    }


def cold_build(root: Path, docs: Path) -> dict[str, bytes]:
    """The site of `docs` built by `mkdocs build` in a process of its own, without a cache."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(docs, root / "docs")
    write_site(root, {}, options={"cache": False}, extra={"site_url": SITE_URL})
    result = run_mkdocs("build", "--strict", cwd=root, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.returncode == 0, result.stderr
    return site_files(root / "site")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} does not hold {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_serve_rebuilds_after_one_edit_build_the_cold_build_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    served = tmp_path / "served"
    config_file = write_site(served, {}, options={"cache": False}, extra={"site_url": SITE_URL})
    files = write_corpus(served / "docs" / "postmortems", COUNT)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    def serve_build(site: Path):
        # MkDocs keeps one instance of a plugin that defines on_startup across the configs
        # it loads in one process: that is how `mkdocs serve` rebuilds.
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config)
        return config.plugins["postmortem"]

    plugin = serve_build(tmp_path / "site-first")
    assert plugin.handbook.similarity.similar, "the corpus has similar incidents"
    assert plugin.feeds.files, "the corpus has calendars"

    # A severity changed: the words of every incident are the same, the pages that list it are not.
    edited = files[COUNT // 2]
    severity = re.search(r"^severity: (P\d)$", edited.read_text(encoding="utf-8"), re.MULTILINE)
    assert severity is not None
    edit(edited, severity.group(0), "severity: P4" if severity.group(1) != "P4" else "severity: P3")
    assert serve_build(tmp_path / "site-severity") is plugin
    assert site_files(tmp_path / "site-severity") == cold_build(tmp_path / "cold-severity", served / "docs")

    # A title reworded and an open item's owner changed: other words, so other similar
    # incidents; another owner, so another calendar.
    other = next(path for path in files[COUNT // 3:] if OPEN_ITEM_OWNER.search(path.read_text(encoding="utf-8")))
    text = OPEN_ITEM_OWNER.sub(r"| Zoé Newcomer | \2 |", other.read_text(encoding="utf-8"), count=1)
    text = re.sub(r'^(title: "?)', r"\1Certificate rotation crash, ", text, count=1, flags=re.MULTILINE)
    other.write_text(text, encoding="utf-8")
    serve_build(tmp_path / "site-words")
    assert "Zoé Newcomer" in " ".join(action.owner or "" for _, action in plugin.handbook.actions)
    assert site_files(tmp_path / "site-words") == cold_build(tmp_path / "cold-words", served / "docs")
