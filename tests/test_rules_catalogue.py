"""The rule catalogue, its checks and its reference pages stay in step.

The pages of docs/rules/ are generated from each rule's declaration and
docstring (`python scripts/rule_docs.py`); the tests below fail when the
committed pages are stale.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs_postmortem.rules import FILE_CHECKS, HANDBOOK_CHECKS, RULES
from mkdocs_postmortem.rules.reference import reference_pages

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules"
RULE_MODULES = ROOT / "mkdocs_postmortem" / "rules"


def test_every_rule_has_a_page_and_every_page_a_rule():
    pages = {path.stem for path in DOCS.glob("PM*.md")}
    codes = {rule.code for rule in RULES}
    assert pages - codes == set(), "pages without a rule"
    assert codes - pages == set(), "rules without a page"


def test_each_page_explains_the_rule_and_how_to_silence_it():
    for rule in RULES:
        page = (DOCS / f"{rule.code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {rule.code}"), rule.code
        for heading in ("## What it checks", "## Why it matters", "## Example", "## How to silence it"):
            assert heading in page, (rule.code, heading)
        assert "Fails:" in page and "Passes:" in page, rule.code
        assert f"{rule.code}: \"off\"" in page and f"ignore: [{rule.code}]" in page, rule.code
        default = "off (switch it on with `error` or `warning`)" if rule.default_off else rule.level
        assert f"**Default level:** {default}" in page, rule.code


def test_the_index_lists_every_rule_with_its_level_and_a_link():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| \[(PM\d{3})\]\(\1\.md\) \| `[\w-]+` \| (error|warning|off) \|", index, re.M)
    assert listed == [(rule.code, "off" if rule.default_off else rule.level) for rule in RULES]


def test_every_rule_is_checked_somewhere_and_no_check_is_unlisted():
    assert set(FILE_CHECKS) | set(HANDBOOK_CHECKS) == {rule.code for rule in RULES}
    assert not set(FILE_CHECKS) & set(HANDBOOK_CHECKS)


def test_a_rule_off_by_default_checks_nothing_until_a_site_switches_it_on():
    from dataclasses import replace

    from test_rules_variants import EN, SETTINGS, check

    assert [rule.code for rule in RULES if rule.default_off] == ["PM306", "PM604"]
    # The good postmortem's open items have no ticket: silent by default, reported once switched on.
    assert "PM306" not in {d.code for d in check(EN)}
    switched_on = [d for d in check(EN, replace(SETTINGS, rules={"PM306": "warning"})) if d.code == "PM306"]
    assert len(switched_on) == 2 and {d.level for d in switched_on} == {"warning"}


def test_codes_names_and_levels_are_well_formed():
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"PM\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9-]+", rule.name)
        assert rule.level in ("error", "warning")  # the level once on; `default_off` says whether it starts off


def test_the_committed_rule_pages_are_the_generated_ones():
    generated = reference_pages()
    committed = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    assert sorted(committed) == sorted(generated)
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert stale == [], f"stale rule pages {stale}: run `python scripts/rule_docs.py`"


def test_the_generation_script_finds_a_stale_page_and_rewrites_it(tmp_path):
    script = ROOT / "scripts" / "rule_docs.py"
    fresh = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr

    copy = tmp_path / "rules"
    copy.mkdir()
    for name, text in reference_pages().items():
        (copy / name).write_text(text, encoding="utf-8")
    (copy / "PM301.md").write_text("# PM301: edited by hand\n", encoding="utf-8")
    (copy / "PM999.md").write_text("# PM999: a rule that no longer exists\n", encoding="utf-8")
    probe = (
        "import sys, runpy; from pathlib import Path; script = runpy.run_path(sys.argv[1]); "
        "folder = Path(sys.argv[2]); print(script['stale_pages'](folder)); script['write_pages'](folder); "
        "print(script['stale_pages'](folder))"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(script), str(copy)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["['PM301.md', 'PM999.md']", "[]"]
    assert not (copy / "PM999.md").exists()
    assert (copy / "PM301.md").read_text(encoding="utf-8").startswith("# PM301: action item without an owner")


def test_each_rule_is_declared_beside_its_check_with_its_documentation():
    for rule in RULES:
        assert rule.doc.startswith("## What it checks"), rule.code
        assert rule.check is not None, rule.code
        assert rule.check in (FILE_CHECKS.get(rule.code), HANDBOOK_CHECKS.get(rule.code)), rule.code
        assert rule.check.__name__ == rule.name.replace("-", "_"), (rule.code, "a check is named by its slug")


def _declares_rules(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "rule":
                    return True
    return False


def unregistered_modules(folder: Path) -> set[str]:
    """Modules of `folder` that declare rules without `catalogue.py` importing them: their
    rules would be checked only while another module happens to import them."""
    catalogue = ast.parse((folder / "catalogue.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(catalogue)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None
        for alias in node.names
    }
    return {path.stem for path in folder.glob("*.py") if _declares_rules(path)} - imported


def test_every_module_that_declares_rules_is_in_the_catalogue():
    assert unregistered_modules(RULE_MODULES) == set()
    declared = set()
    for path in RULE_MODULES.glob("*.py"):
        declared |= set(re.findall(r'^@rule\(\s*"(PM\d{3})"', path.read_text(encoding="utf-8"), re.M))
    assert declared == {rule.code for rule in RULES}


def test_a_rule_module_left_out_of_the_catalogue_is_found(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(RULE_MODULES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    catalogue = copy / "catalogue.py"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("    timeliness,\n", ""), encoding="utf-8")
    assert unregistered_modules(copy) == {"timeliness"}


def test_the_generation_script_lists_every_rule_page_in_the_nav(tmp_path):
    """A new rule is its module and the generated docs: the script writes its page and its nav entry."""
    script = ROOT / "scripts" / "rule_docs.py"
    config = tmp_path / "mkdocs.yml"
    committed = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "          - rules/PM502.md\n" in committed
    config.write_text(committed.replace("          - rules/PM502.md\n", ""), encoding="utf-8")
    probe = (
        "import sys, runpy; from pathlib import Path; script = runpy.run_path(sys.argv[1]); "
        "config = Path(sys.argv[2]); print(script['nav_is_stale'](config)); script['write_nav'](config); "
        "print(script['nav_is_stale'](config))"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(script), str(config)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["True", "False"]
    assert config.read_text(encoding="utf-8") == committed
