"""A postmortem saved as Windows-1252: the plugin reads it and warns (PM104), but
`zensical build` reads pages as UTF-8 and fails on it. On a site set up for Zensical,
`check` says so as an error before the build does; under MkDocs it stays a warning."""

from __future__ import annotations

import json

from conftest import run_cli, write_site
from test_cli_check import good
from test_zensical import zensical_build, zensical_site

LATIN = (
    "---\ntitle: Panne du paiement à l'été\nid: 2026-03-05-panne\nseverity: P3\nstatus: draft\n"
    "services: [paiement]\nstarted: 2026-03-05 10:00\nresolved: 2026-03-05 11:00\n---\n"
    "# Panne du paiement à l'été\n\n## Résumé\n\nLes paiements ont échoué.\n"
).encode("cp1252")
PATH = "docs/postmortems/2026-03-05-panne.md"


def pm104(result) -> list[dict]:
    return [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "PM104" and d["path"] == PATH]


def test_check_on_a_zensical_site_says_the_build_will_fail(tmp_path):
    zensical_site(tmp_path, {**good(), "2026-03-05-panne.md": LATIN})
    built = zensical_build(tmp_path)
    assert built.returncode != 0, "zensical now reads Windows-1252: the error below would be wrong"

    checked = run_cli("check", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 1
    [diagnostic] = pm104(checked)
    assert diagnostic["level"] == "error" and diagnostic["line"] == 2
    assert "`zensical build` reads pages as UTF-8 and fails on it" in diagnostic["message"]
    text = run_cli("check", cwd=tmp_path)
    assert f"{PATH}:2: PM104 [error]" in text.stdout

    # Saved as UTF-8, as the message says: check passes and the build works.
    (tmp_path / PATH).write_bytes(LATIN.decode("cp1252").encode("utf-8"))
    assert not pm104(run_cli("check", "--format", "json", cwd=tmp_path))
    assert zensical_build(tmp_path).returncode == 0


def test_under_mkdocs_it_stays_the_warning(tmp_path):
    write_site(tmp_path, {**good(), "2026-03-05-panne.md": LATIN})
    [diagnostic] = pm104(run_cli("check", "--format", "json", cwd=tmp_path))
    assert diagnostic["level"] == "warning"
