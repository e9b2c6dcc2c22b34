"""`mkdocs serve --dirty` after one edit writes what a clean build of the edited files writes.

A dirty rebuild keeps, in the plugin instance that `serve` reuses, the rows
of the listings, the contexts of those rows and the entries of
postmortems.json of every unchanged model; it renders again only what the
edit changed. Two dirty builds into one site folder, as `serve` makes them,
are compared file by file with a clean build, in a process of its own, of
the same edited files. MkDocs itself does not write again, under `--dirty`,
a page whose source did not change (it calls `File.is_modified()`), nor
index in search the pages it skipped: the other postmortem pages and
`search/search_index.json` are left out of the comparison, and the other
postmortem pages must be the first build's, byte for byte.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path

from conftest import run_mkdocs, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.corpus import write_corpus
from benchmarks.measure import SOURCE_DATE_EPOCH

COUNT = 40
SITE_URL = "https://handbook.example.org/"  # calendars hold absolute links only with one
SKIPPED_BY_MKDOCS = {"search/search_index.json", "sitemap.xml.gz"}  # the index of rebuilt pages; a gzip time


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def clean_build(root: Path, docs: Path) -> dict[str, bytes]:
    """`mkdocs build` of `docs` in a process of its own, without the plugin's cache."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(docs, root / "docs")
    write_site(root, {}, options={"cache": False}, extra={"site_url": SITE_URL})
    result = run_mkdocs("build", "--strict", cwd=root, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.returncode == 0, result.stderr
    return site_files(root / "site")


def page_of(path: Path) -> str:
    """The built page of a postmortem file (directory URLs)."""
    return f"postmortems/{path.stem}/index.html"


class DirtyServe:
    """Dirty builds into one site folder with one plugin instance, as `mkdocs serve --dirty` rebuilds."""

    def __init__(self, config_file: Path, site: Path) -> None:
        self.config_file = config_file
        self.site = site
        self.plugin = None

    def build(self):
        # MkDocs keeps the instance of a plugin that defines on_startup across the configs
        # it loads in one process; serve builds every time with dirty=True into one folder.
        config = load_config(str(self.config_file), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        plugin = config.plugins["postmortem"]
        assert self.plugin is None or plugin is self.plugin, "serve reuses the plugin instance"
        self.plugin = plugin
        return site_files(self.site)


def same_but_unread_titles(served: bytes, clean: bytes) -> bool:
    """The same page, but for the navigation's title of a page MkDocs did not read in this dirty
    build: MkDocs prints `None` for it (the home page's "Handbook" here), plain sites alike."""
    if served == clean:
        return True
    served_lines, clean_lines = served.decode("utf-8").split("\n"), clean.decode("utf-8").split("\n")
    return len(served_lines) == len(clean_lines) and all(
        a == b or (a.strip(), b.strip()) == ("None", "Handbook") for a, b in zip(served_lines, clean_lines)
    )


def assert_as_clean(served: dict[str, bytes], before: dict[str, bytes], clean: dict[str, bytes], edited: Path,
                    postmortems: list[Path]) -> None:
    others = {page_of(path) for path in postmortems if path != edited}
    compared = set(clean) - SKIPPED_BY_MKDOCS - others
    assert set(served) == set(clean), sorted(set(served) ^ set(clean))
    different = sorted(name for name in compared if not same_but_unread_titles(served[name], clean[name]))
    assert not different, different
    # Pages MkDocs left alone are the first build's, not half-written nor written by us.
    assert all(served[name] == before[name] for name in others)


def test_dirty_rebuilds_after_a_body_edit_and_a_listed_field_edit_write_the_clean_site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    root = tmp_path / "served"
    config_file = write_site(root, {}, extra={"site_url": SITE_URL})  # the plugin's cache on, as by default
    postmortems = write_corpus(root / "docs" / "postmortems", COUNT)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    serve = DirtyServe(config_file, tmp_path / "site")
    first = serve.build()

    # (a) A sentence added to a body: no listing shows it, the page itself does.
    body_edited = postmortems[COUNT // 2]
    text = body_edited.read_text(encoding="utf-8")
    heading = re.search(r"^## .+$", text, re.MULTILINE)
    assert heading is not None
    sentence = "A sentence only this edit wrote, about the stale DNS cache."
    body_edited.write_text(text[: heading.end()] + f"\n\n{sentence}\n" + text[heading.end():], encoding="utf-8")
    served = serve.build()
    assert sentence in served[page_of(body_edited)].decode("utf-8")
    rows = serve.plugin.memo
    assert any(key[0] == "row" for key in rows._values if isinstance(key, tuple)), "rows are kept under serve"
    assert_as_clean(served, first, clean_build(tmp_path / "clean-body", root / "docs"), body_edited, postmortems)

    # (b) A severity changed: the tracker, the overview, the severity and service pages list it,
    # postmortems.json holds it; each must show the new level.
    field_edited = next(
        path for path in postmortems[COUNT // 3:]
        if re.search(r"^severity: P[23]$", path.read_text(encoding="utf-8"), re.MULTILINE)
    )
    text = field_edited.read_text(encoding="utf-8")
    old = re.search(r"^severity: (P[23])$", text, re.MULTILINE)
    new_level = "P3" if old.group(1) == "P2" else "P2"
    field_edited.write_text(text.replace(old.group(0), f"severity: {new_level}", 1), encoding="utf-8")
    before = served
    served = serve.build()
    entry = next(
        incident for incident in json.loads(served["postmortems.json"])["incidents"]
        if incident["path"] == f"postmortems/{field_edited.name}"
    )
    assert entry["severity"] == new_level
    # Every row that shows its severity (the service pages, the overview's lists) shows the new one.
    rows = [
        row
        for name, content in served.items() if name.endswith(".html")
        for row in re.findall(rf'<tr data-incident-id="{re.escape(entry["id"])}">.*?</tr>', content.decode("utf-8"), re.S)
        if 'data-label="Severity"' in row
    ]
    assert rows and all(f">{new_level}<" in row for row in rows), rows
    assert_as_clean(served, before, clean_build(tmp_path / "clean-field", root / "docs"), field_edited, postmortems)
