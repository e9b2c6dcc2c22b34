"""`mkdocs-postmortem fix` loses nothing: it writes only postmortems it read, inside the
docs folder, keeps every byte it does not add (encoding, line endings, line separators),
refuses what it cannot edit that way and says why, and its `--diff` is a patch that
`patch` and `git apply` accept. Run as a user runs it, on files written here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_cli, write_site
from test_robustness import _without_root_powers

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings

BODY = (
    "# Checkout outage\n\nSeverity: P2\nServices: checkout, payments\n\n"
    "## Summary\n\nCard payments failed for twenty minutes.\n"
)
ADDED = "id: {id}\ntitle: Checkout outage\nseverity: P2\nservices: [checkout, payments]\n"


def site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    write_site(tmp_path, {name: text.encode("utf-8") if isinstance(text, str) else text for name, text in files.items()})
    return tmp_path / "docs" / "postmortems"


def fix(root: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_cli("fix", *args, cwd=root)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


def model(path: Path):
    return read_postmortem(path.read_bytes(), path=path.name, src_uri=f"postmortems/{path.name}", settings=Settings())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- files it did not read, or may not write ---------------------------------------------


def test_a_link_leading_outside_the_docs_folder_is_skipped_and_its_target_kept(tmp_path):
    folder = site(tmp_path, {"2024-05-02-checkout.md": BODY})
    victim = tmp_path / "elsewhere" / "notes.md"
    victim.parent.mkdir()
    victim.write_text("precious notes, not a postmortem\n", encoding="utf-8")
    (folder / "2024-05-03-linked.md").symlink_to(victim)
    (folder / "2024-05-04-gone.md").symlink_to(tmp_path / "elsewhere" / "nothing.md")

    result = fix(tmp_path, "docs/postmortems")
    assert result.returncode == 1, result.stdout + result.stderr
    assert victim.read_text(encoding="utf-8") == "precious notes, not a postmortem\n"
    assert not (tmp_path / "elsewhere" / "nothing.md").exists(), "a dangling link made a file outside the folder"
    assert "docs/postmortems/2024-05-03-linked.md: not fixed: is a symbolic link to" in result.stderr
    assert "outside the docs folder" in result.stderr
    assert "docs/postmortems/2024-05-04-gone.md: not fixed: is a symbolic link to" in result.stderr
    assert "does not exist" in result.stderr
    # The run went on: the real postmortem was fixed.
    assert (folder / "2024-05-02-checkout.md").read_text(encoding="utf-8").startswith("---\nid: 2024-05-02-checkout\n")
    assert result.stdout.strip().endswith("1 file changed, 2 files not fixed (reasons above)")


def test_a_link_inside_the_docs_folder_writes_its_target_there(tmp_path):
    folder = site(tmp_path, {})
    kept = tmp_path / "docs" / "drafts" / "2024-05-02-checkout.md"
    kept.parent.mkdir()
    kept.write_text(BODY, encoding="utf-8")
    (folder / "2024-05-02-checkout.md").symlink_to(kept)
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    assert (folder / "2024-05-02-checkout.md").is_symlink()
    assert kept.read_text(encoding="utf-8") == "---\n" + ADDED.format(id="2024-05-02-checkout") + "---\n" + BODY


def test_a_read_only_file_is_reported_and_the_run_goes_on(tmp_path):
    folder = site(tmp_path, {"2024-05-02-checkout.md": BODY, "2024-05-09-search.md": BODY})
    locked = folder / "2024-05-02-checkout.md"
    locked.chmod(0o444)
    try:
        result = fix(tmp_path, "docs/postmortems")
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert locked.read_text(encoding="utf-8") == BODY
    assert "docs/postmortems/2024-05-02-checkout.md: not fixed: is read-only" in result.stderr
    assert (folder / "2024-05-09-search.md").read_text(encoding="utf-8").startswith("---\nid: 2024-05-09-search\n")


def test_write_only_files_and_unlistable_folders_are_reported_not_written(tmp_path):
    folder = site(tmp_path, {"2024-05-02-checkout.md": BODY, "2024-05-09-search.md": BODY})
    write_only = folder / "2024-05-02-checkout.md"
    hidden = folder / "archive"
    hidden.mkdir()
    (hidden / "2019-01-01-old.md").write_text(BODY, encoding="utf-8")
    write_only.chmod(0o200)
    hidden.chmod(0)
    try:
        result = _without_root_powers([*_cli(), "fix", "docs/postmortems"], tmp_path)
    finally:
        write_only.chmod(0o644)
        hidden.chmod(0o755)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert write_only.read_text(encoding="utf-8") == BODY, "a file fix could not read was overwritten"
    assert (hidden / "2019-01-01-old.md").read_text(encoding="utf-8") == BODY
    assert "docs/postmortems/2024-05-02-checkout.md: not fixed: cannot be read (permission denied)" in result.stderr
    assert "docs/postmortems/archive: not fixed: this folder cannot be listed" in result.stderr
    assert (folder / "2024-05-09-search.md").read_text(encoding="utf-8").startswith("---\nid: 2024-05-09-search\n")


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "mkdocs-postmortem"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mkdocs_postmortem"]


# --- what is not a postmortem, or not an editable one --------------------------------------


def test_fix_on_the_docs_folder_touches_only_the_postmortems(tmp_path):
    """The sample handbook: its documentation pages are not postmortems for the plugin, nor for fix."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("_generated"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    pages = tmp_path / "docs"
    before = {name: data for name, data in snapshot(pages).items() if not name.startswith("postmortems/")}
    assert len([name for name in before if name.endswith(".md")]) > 20
    result = fix(tmp_path, "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    after = {name: data for name, data in snapshot(pages).items() if not name.startswith("postmortems/")}
    assert after == before

    named = fix(tmp_path, "docs/cli.md")
    assert named.returncode == 1
    assert "docs/cli.md: not fixed: not a postmortem of this site" in named.stderr
    assert (pages / "cli.md").read_bytes() == before["cli.md"]


def test_a_front_matter_never_closed_gets_no_second_block(tmp_path):
    text = "---\ntitle: Checkout outage\nowner: team-payments\n\n" + BODY
    folder = site(tmp_path, {"2024-05-02-checkout.md": text})
    result = fix(tmp_path, "docs/postmortems")
    assert result.returncode == 1
    assert (folder / "2024-05-02-checkout.md").read_text(encoding="utf-8") == text
    assert "never closed" in result.stderr and "2024-05-02-checkout.md: not fixed" in result.stderr


def test_a_front_matter_that_cannot_be_read_is_reported(tmp_path):
    text = "---\ntitle: [unclosed\n---\n" + BODY
    folder = site(tmp_path, {"2024-05-02-checkout.md": text})
    result = fix(tmp_path, "docs/postmortems")
    assert result.returncode == 1
    assert (folder / "2024-05-02-checkout.md").read_text(encoding="utf-8") == text
    assert "2024-05-02-checkout.md: not fixed: line 3: the front matter cannot be read" in result.stderr


# --- every byte it does not add is kept ----------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_in_the_front_matter_move_nothing(tmp_path, separator):
    """YAML and str.splitlines() break lines there; the reader and patch do not."""
    head = (
        "---\n"
        f'title: "Checkout{separator}outage"\n'
        f"# reviewed by{separator}# the payments team\n"
        f"summary: 'cards{separator}  refused'\n"
        "owner: team-payments\n"
        "---\n"
    )
    body = f"{separator}# Checkout outage\n\nSeverity: P2\n\nNext line{separator}of the author.\n"
    folder = site(tmp_path, {"2024-05-02-checkout.md": head + body})
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    path = folder / "2024-05-02-checkout.md"
    closing = head.rindex("---\n")
    expected = head[:closing] + "id: 2024-05-02-checkout\nseverity: P2\n" + head[closing:] + body
    assert path.read_bytes() == expected.encode("utf-8")
    pm = model(path)
    assert (pm.id, pm.severity, pm.front_matter.get("owner")) == ("2024-05-02-checkout", "P2", "team-payments")
    assert pm.front_matter.get("summary") and pm.title.startswith("Checkout")


@pytest.mark.parametrize("separator", ["\u2028", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"])
def test_line_separators_in_a_new_block_s_file_move_nothing(tmp_path, separator):
    text = f"# Checkout{separator}outage\n\nSeverity: P2\n\nA line{separator}with a separator.\n"
    folder = site(tmp_path, {"2024-05-02-checkout.md": text})
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    written = (folder / "2024-05-02-checkout.md").read_text(encoding="utf-8")
    assert written.endswith(text)
    block = written[: -len(text)]
    assert block.startswith("---\nid: 2024-05-02-checkout\n") and block.endswith("severity: P2\n---\n")
    assert all(line.isprintable() for line in block.split("\n")), "a raw separator in a written key"
    title = yaml.safe_load(block.split("---\n")[1])["title"]
    assert title.startswith("Checkout") and title.endswith("outage") and model(folder / "2024-05-02-checkout.md").title == title


def test_a_windows_1252_file_stays_windows_1252(tmp_path):
    text = "# Panne du paiement à l'été\n\nSévérité : P1\n\n## Résumé\n\nLes paiements ont échoué.\n"
    raw = text.encode("cp1252")
    folder = site(tmp_path, {"2024-07-01-panne.md": raw})
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    written = (folder / "2024-07-01-panne.md").read_bytes()
    assert written.endswith(raw)
    with pytest.raises(UnicodeDecodeError):
        written.decode("utf-8")
    head = written[: -len(raw)].decode("cp1252")
    assert yaml.safe_load(head.split("---\n")[1])["title"] == "Panne du paiement à l'été"


def test_crlf_and_cr_only_endings_and_a_bom_are_kept(tmp_path):
    lf = "---\nowner: team-payments\n---\n" + BODY
    files = {
        "2024-05-02-crlf.md": lf.replace("\n", "\r\n").encode("utf-8"),
        "2024-05-03-cr.md": lf.replace("\n", "\r").encode("utf-8"),
        "2024-05-04-bom.md": b"\xef\xbb\xbf" + BODY.encode("utf-8"),
    }
    folder = site(tmp_path, files)
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    for name, ending in (("2024-05-02-crlf.md", "\r\n"), ("2024-05-03-cr.md", "\r")):
        expected = "---\nowner: team-payments\n" + ADDED.format(id=name[:-3]) + "---\n" + BODY
        assert (folder / name).read_bytes() == expected.replace("\n", ending).encode("utf-8")
        assert model(folder / name).front_matter.get("owner") == "team-payments"
    expected = "\ufeff---\n" + ADDED.format(id="2024-05-04-bom") + "---\n" + BODY
    assert (folder / "2024-05-04-bom.md").read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf_16_and_32_files_are_refused_not_prefixed(tmp_path, encoding):
    raw = (BODY if encoding != "utf-16-be" else "\ufeff" + BODY).encode(encoding)
    folder = site(tmp_path, {"2024-05-02-checkout.md": raw})
    result = fix(tmp_path, "docs/postmortems")
    assert result.returncode == 1
    assert (folder / "2024-05-02-checkout.md").read_bytes() == raw
    assert f"the file is {encoding[:6].upper()}" in result.stderr and "convert it to UTF-8" in result.stderr


# --- --diff is a patch ---------------------------------------------------------------------


PATCHED = {
    "2024-05-02-lf.md": BODY.encode("utf-8"),
    "2024-05-03-crlf.md": ("---\nowner: x\n---\n" + BODY).replace("\n", "\r\n").encode("utf-8"),
    "2024-05-04-no-final-newline.md": b"# Checkout outage\n\nSeverity: P2",
    "2024-05-05-closing-line-last.md": b"---\nowner: x\n---",
    "2024-05-06-latin.md": "# Panne à l'été\n\nSévérité : P1".encode("cp1252"),
    "2024-05-07-cr.md": BODY.replace("\n", "\r").encode("utf-8"),
    "2024-05-08-separators.md": "---\ntitle: 'A\u2028  B'\n---\n# A\u2028B\n\nSeverity: P3\n".encode("utf-8"),
    "2024-05-09 with space.md": BODY.encode("utf-8"),
}


def _patch_command() -> str:
    found = shutil.which("patch")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("GNU patch is needed under CI (.ci/run installs it)")
        pytest.skip("the patch command is not installed")
    return found


def test_diff_is_a_patch_that_patch_and_git_apply_accept(tmp_path):
    patch = _patch_command()
    fixed, patched, checked = tmp_path / "fixed", tmp_path / "patched", tmp_path / "git"
    for root in (fixed, patched, checked):
        site(root, PATCHED)
    # Bytes, as a shell redirection writes them: the Windows-1252 file's lines are not UTF-8.
    diff = subprocess.run([*_cli(), "fix", "--diff", "docs/postmortems"], cwd=patched, capture_output=True, check=False)
    assert diff.returncode == 1, diff.stderr
    assert snapshot(patched / "docs") == snapshot(fixed / "docs"), "--diff wrote a file"
    assert fix(fixed, "docs/postmortems").returncode == 0
    patch_file = tmp_path / "fix.patch"
    patch_file.write_bytes(diff.stdout)
    assert b"\\ No newline at end of file\n" in patch_file.read_bytes()

    applied = subprocess.run([patch, "-p1", "--batch", "-i", str(patch_file)], cwd=patched, capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert snapshot(patched / "docs") == snapshot(fixed / "docs")

    subprocess.run(["git", "init", "-q"], cwd=checked, check=True)
    applied = subprocess.run(["git", "apply", str(patch_file)], cwd=checked, capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert snapshot(checked / "docs") == snapshot(fixed / "docs")


# --- exit codes, as ruff's --fix --------------------------------------------------------------


def test_fix_exits_0_when_it_wrote_what_it_could_so_fix_and_check_chain(tmp_path):
    folder = site(tmp_path, {"2024-05-02-checkout.md": BODY})
    first = fix(tmp_path, "docs/postmortems")
    assert (first.returncode, first.stdout.strip().splitlines()) == (
        0, ["docs/postmortems/2024-05-02-checkout.md: wrote id, title, severity, services", "1 file changed"])
    again = fix(tmp_path, "docs/postmortems")
    assert (again.returncode, again.stdout.strip()) == (0, "nothing to write")

    (folder / "2024-05-09-search.md").write_text(BODY, encoding="utf-8")
    strict = fix(tmp_path, "--exit-non-zero-on-fix", "docs/postmortems")
    assert strict.returncode == 1 and "1 file changed" in strict.stdout
    assert fix(tmp_path, "--exit-non-zero-on-fix", "docs/postmortems").returncode == 0
    help_text = run_cli("fix", "--help", cwd=tmp_path).stdout
    assert "--exit-non-zero-on-fix" in help_text


def test_in_github_actions_the_patch_runs_no_workflow_command(tmp_path):
    """GitHub reads ` ::error ...` (a context line) as a command: the patch is printed with
    commands paused, and patch and git apply still take it."""
    patch = _patch_command()
    text = "# Checkout outage\n::error file=a.md::forged by a postmortem\n\nSeverity: P2\n"
    fixed, patched = tmp_path / "fixed", tmp_path / "patched"
    for root in (fixed, patched):
        site(root, {"2024-05-02-checkout.md": text})
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    diff = subprocess.run([*_cli(), "fix", "--diff", "docs/postmortems"], cwd=patched, capture_output=True,
                          env=env, check=False)
    assert diff.returncode == 1, diff.stderr
    lines = diff.stdout.decode("utf-8").split("\n")
    assert lines[0].startswith("::stop-commands::") and len(lines[0]) > len("::stop-commands::") + 16
    token = lines[0].removeprefix("::stop-commands::")
    assert lines[-2:] == [f"::{token}::", ""]
    assert " ::error file=a.md::forged by a postmortem" in lines
    assert fix(fixed, "docs/postmortems").returncode == 0
    (tmp_path / "fix.patch").write_bytes(diff.stdout)
    applied = subprocess.run([patch, "-p1", "--batch", "-i", str(tmp_path / "fix.patch")], cwd=patched,
                             capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert snapshot(patched / "docs") == snapshot(fixed / "docs")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "fixed", check=True)
    checked = subprocess.run(["git", "apply", "--check", "-R", str(tmp_path / "fix.patch")], cwd=fixed,
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_a_fixed_file_keeps_its_permissions_and_leaves_no_temporary_file(tmp_path):
    folder = site(tmp_path, {"2024-05-02-checkout.md": BODY})
    path = folder / "2024-05-02-checkout.md"
    path.chmod(0o640)
    assert fix(tmp_path, "docs/postmortems").returncode == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["2024-05-02-checkout.md"]


def test_outside_any_site_a_file_that_is_a_link_is_not_followed(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(BODY, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "2024-05-02-checkout.md").symlink_to(secret)
    (archive / "2024-05-09-search.md").write_text(BODY, encoding="utf-8")
    result = fix(archive, ".")
    assert result.returncode == 1
    assert secret.read_text(encoding="utf-8") == BODY
    assert "2024-05-02-checkout.md: not fixed: is a symbolic link to" in result.stderr
    assert (archive / "2024-05-09-search.md").read_text(encoding="utf-8").startswith("---\nid: 2024-05-09-search\n")


def test_outside_any_site_a_folder_named_through_a_link_is_written(tmp_path):
    """As /tmp on macOS, which is a link to /private/tmp: the file named is the file written."""
    real = tmp_path / "real" / "archive"
    real.mkdir(parents=True)
    (real / "2024-05-02-checkout.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    result = fix(tmp_path, str(tmp_path / "alias" / "archive" / "2024-05-02-checkout.md"))
    assert result.returncode == 0, result.stderr
    assert (real / "2024-05-02-checkout.md").read_text(encoding="utf-8").startswith("---\nid: 2024-05-02-checkout\n")
