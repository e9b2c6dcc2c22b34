"""`generate` stages its folder, then swaps it in, touching only what it made; `new` says
plainly when the postmortem folder is a file. Run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli, write_site
from test_cli_check import good
from test_cli_fix_safety import _cli, snapshot
from test_robustness import _without_root_powers

GENERATED = Path("docs/postmortems/_generated")


def test_generate_keeps_a_folder_named_like_its_staging_folder(tmp_path):
    write_site(tmp_path, good())
    for name in ("._generated.new", "._generated.old"):
        mine = tmp_path / "docs" / "postmortems" / name
        mine.mkdir()
        (mine / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    for name in ("._generated.new", "._generated.old"):
        assert (tmp_path / "docs" / "postmortems" / name / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    left = sorted(p.name for p in (tmp_path / "docs" / "postmortems").iterdir() if p.name.startswith("._generated"))
    assert left == ["._generated.new", "._generated.old"], "a staging or retired folder stayed behind"


def test_a_previous_output_that_cannot_be_emptied_is_swapped_whole(tmp_path):
    """The old run removed the previous folder file by file first: a folder in it that
    could not be listed left the output half gone and the run failed."""
    write_site(tmp_path, good())
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    out = tmp_path / GENERATED
    before = snapshot(out)
    locked = out / "services"
    assert locked.is_dir()
    locked.chmod(0)
    try:
        result = _without_root_powers([*_cli(), "generate"], tmp_path)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr
        assert "could not be removed entirely; remove it yourself" in result.stderr
        after = snapshot(out)
        assert after == before, "the new output is not the whole output"
        retired = [p for p in out.parent.iterdir() if p.name.startswith("._generated.") and p.name.endswith(".old")]
        assert len(retired) == 1 and retired[0].name in result.stderr
    finally:
        for folder in [locked, *out.parent.glob("._generated.*.old/services")]:
            folder.chmod(0o755)


def test_a_failed_run_leaves_the_previous_output_intact(tmp_path):
    write_site(tmp_path, good())
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    out = tmp_path / GENERATED
    before = snapshot(out)
    folder = tmp_path / "docs" / "postmortems"
    folder.chmod(0o555)
    try:
        result = _without_root_powers([*_cli(), "generate"], tmp_path)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "cannot write the generated pages" in result.stderr
    assert snapshot(out) == before
    assert [p.name for p in folder.iterdir() if p.name.startswith("._generated")] == []


def test_new_says_when_the_postmortem_folder_is_a_file(tmp_path):
    write_site(tmp_path, {})
    folder = tmp_path / "docs" / "postmortems"
    folder.rmdir()
    folder.write_text("not a folder\n", encoding="utf-8")
    result = run_cli("new", "Checkout outage", "--date", "2026-03-05", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/postmortems: the postmortem folder is a file" in result.stderr
    assert "already exists" not in result.stderr
    assert folder.read_text(encoding="utf-8") == "not a folder\n"
