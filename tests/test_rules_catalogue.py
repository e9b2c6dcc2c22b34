"""The rule catalogue, its checks and its reference pages stay in step."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_postmortem.rules import FILE_CHECKS, HANDBOOK_CHECKS, READER_ONLY, RULES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


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
        assert f"**Default level:** {rule.level}" in page, rule.code


def test_the_index_lists_every_rule_with_its_level_and_a_link():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| \[(PM\d{3})\]\(\1\.md\) \| `[\w-]+` \| (error|warning) \|", index, re.M)
    assert listed == [(rule.code, rule.level) for rule in RULES]


def test_every_rule_is_checked_somewhere_and_no_check_is_unlisted():
    checked = set(FILE_CHECKS) | set(HANDBOOK_CHECKS) | set(READER_ONLY)
    assert checked == {rule.code for rule in RULES}


def test_codes_names_and_levels_are_well_formed():
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"PM\d{3}", rule.code)
        assert re.fullmatch(r"[a-z0-9-]+", rule.name)
        assert rule.level in ("error", "warning")
