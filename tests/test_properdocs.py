"""ProperDocs, the maintained fork of MkDocs 1.x: the plugin loads from ProperDocs' own entry
point group, `properdocs build` and `properdocs serve` run it on a `properdocs.yml` site, and the
CLI reads `properdocs.yml` as it reads `mkdocs.yml`. (.ci/run also runs the build and serve
tests under ProperDocs with POSTMORTEM_ENGINE=properdocs.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import (
    ROOT,
    SAMPLES_WRITTEN_EPOCH,
    fetch,
    mkdocs_serve,
    run_cli,
    wait_for,
    write_site,
)
from test_cli_check import good, line_of, without_owner

pytestmark = pytest.mark.engine

HOSTILE_TITLE = "Outage <script>alert('title')</script> <img src=x onerror=alert(1)>"


def properdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    try:
        import properdocs  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("properdocs is not installed under CI: it is in the test extra of pyproject.toml")
        pytest.skip("properdocs not installed (pip install -e '.[test]' installs it)")
    return subprocess.run(
        [sys.executable, "-m", "properdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH},
        timeout=600,
    )


def as_properdocs_site(config_file: Path) -> Path:
    """The same site under the file name ProperDocs prefers."""
    renamed = config_file.with_name("properdocs.yml")
    config_file.rename(renamed)
    return renamed


def test_the_plugin_is_registered_for_properdocs():
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="properdocs.plugins") if e.name == "postmortem"]
    assert entry.value == "mkdocs_postmortem.engines.mkdocs.plugin:PostmortemPlugin"
    # ProperDocs prefers its own group over the MkDocs fallback when both name the plugin.
    found = properdocs("--version", cwd=ROOT)  # skips when ProperDocs is absent
    assert found.returncode == 0
    listed = subprocess.run(
        [sys.executable, "-c", "from properdocs.plugins import get_plugins; print(get_plugins()['postmortem'].group)"],
        capture_output=True,
        text=True,
    )
    assert listed.stdout.strip() == "properdocs.plugins", listed.stderr


def test_properdocs_builds_the_sample_handbook(tmp_path):
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("_generated"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "properdocs.yml")
    result = properdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # No message about a legacy file name or a plugin loaded through the MkDocs fallback.
    assert "legacy" not in result.stderr.lower() and "WARNING" not in result.stderr, result.stderr
    site = tmp_path / "site"
    overview = (site / "postmortems" / "index.html").read_text(encoding="utf-8")
    assert 'class="postmortem-generated postmortem-overview"' in overview
    assert 'class="postmortem-chart postmortem-chart--trend"' in overview
    for level in ("p1", "p2", "p3", "p4"):
        assert (site / "postmortems" / "severity" / level / "index.html").is_file()
    assert (site / "postmortems" / "actions" / "index.html").is_file()
    for source in sorted((tmp_path / "docs" / "postmortems").glob("*.md")):
        page = (site / "postmortems" / source.stem / "index.html").read_text(encoding="utf-8")
        assert page.count('class="postmortem-chart postmortem-chart--timeline"') == 1, source.name
    incidents = json.loads((site / "postmortems.json").read_text(encoding="utf-8"))
    assert len(incidents["incidents"]) == len(list((tmp_path / "docs" / "postmortems").glob("*.md")))


def test_properdocs_fails_on_an_invalid_postmortem_and_keeps_hostile_text_as_text(tmp_path):
    dns = without_owner(good()["2026-03-04-dns.md"]).replace(
        "title: DNS resolution failures in eu-west", f'title: "{HOSTILE_TITLE}"', 1
    )
    config = write_site(tmp_path, {**good(), "2026-03-04-dns.md": dns}, options={"rules": {"PM103": "off"}})
    as_properdocs_site(config)
    failed = properdocs("build", cwd=tmp_path)
    assert failed.returncode == 1
    line = line_of(dns, "| Alert on SERVFAIL")
    assert f"docs/postmortems/2026-03-04-dns.md:{line}: PM301 " in failed.stderr, failed.stderr
    assert "Traceback" not in failed.stderr

    # The same site with that error made a warning: it builds, and --strict counts the warning.
    fixed = yaml.safe_load((tmp_path / "properdocs.yml").read_text(encoding="utf-8"))
    fixed["plugins"][1]["postmortem"]["rules"]["PM301"] = "warning"
    (tmp_path / "properdocs.yml").write_text(yaml.safe_dump(fixed), encoding="utf-8")
    built = properdocs("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert properdocs("build", "--strict", cwd=tmp_path).returncode == 1
    html = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('title')</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html


def test_properdocs_serve_shows_an_edit(tmp_path):
    properdocs("--version", cwd=tmp_path)  # skips when ProperDocs is absent
    as_properdocs_site(write_site(tmp_path, good()))
    source = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    text = source.read_text(encoding="utf-8")
    with mkdocs_serve(tmp_path, engine="properdocs") as (base, server):
        url = base + "postmortems/2026-03-04-dns/"
        page = wait_for(lambda: fetch(url), "the first build", server)
        assert "postmortem-problems" not in page and "postmortem-chart--timeline" in page
        source.write_text(text.replace("| Ana Lopez | 2027-01-15 |", "|           | 2027-01-15 |"), encoding="utf-8")
        page = wait_for(lambda: (p := fetch(url)) and "PM301" in p and p, "the problem of the edit", server)
        overview = wait_for(lambda: fetch(base + "postmortems/"), "the overview", server)
        assert "postmortem-overview" in overview
        source.write_text(text.replace("resolved: 2026-03-04 15:10", "resolved: 2026-03-04 16:10"), encoding="utf-8")
        page = wait_for(lambda: (p := fetch(url)) and "PM301" not in p and p, "the fix", server)
        assert re.search(r"16:10", page)
        assert server.poll() is None


# --- the CLI reads properdocs.yml ------------------------------------------------


def site_with_folder(root: Path, name: str, folder: str) -> None:
    config = {"site_name": name, "plugins": [{"postmortem": {"folder": folder}}]}
    (root / name).write_text(yaml.safe_dump(config), encoding="utf-8")


def test_the_cli_reads_properdocs_yml_and_f_wins(tmp_path):
    docs = tmp_path / "docs"
    broken = {**good(), "2026-03-04-dns.md": without_owner(good()["2026-03-04-dns.md"])}
    for folder, files in (("incidents", good()), ("other", broken)):
        (docs / folder).mkdir(parents=True)
        for name, text in files.items():
            (docs / folder / name).write_text(text, encoding="utf-8")
    site_with_folder(tmp_path, "properdocs.yml", "incidents")

    checked = run_cli("check", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["files"] == 2
    stats = json.loads(run_cli("stats", "--format", "json", cwd=tmp_path).stdout)
    assert sorted(incident["path"] for incident in stats["incidents"]) == [
        "docs/incidents/2026-02-10-resolver.md",
        "docs/incidents/2026-03-04-dns.md",
    ]
    created = run_cli("new", "Queue backlog", "--date", "2026-05-01", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert list((docs / "incidents").glob("2026-05-01-*.md"))

    # With both files, ProperDocs' name is read, as `properdocs build` does; -f picks the other.
    site_with_folder(tmp_path, "mkdocs.yml", "other")
    preferred = json.loads(run_cli("check", "--format", "json", cwd=tmp_path).stdout)
    assert preferred["files"] == 3  # the incidents folder: two postmortems and the new one
    assert all(d["path"].startswith("docs/incidents/") for d in preferred["diagnostics"]), preferred
    chosen = run_cli("check", "-f", "mkdocs.yml", cwd=tmp_path)
    assert chosen.returncode == 1 and "docs/other/2026-03-04-dns.md" in chosen.stdout
