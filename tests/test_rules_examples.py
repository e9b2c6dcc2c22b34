"""Every rule's documented examples run: each "Fails" example raises the rule,
no "Passes" example does.

The examples come from the rules' docstrings (the same text as the pages of
docs/rules/); excerpts are completed against the documented base postmortem
(`mkdocs_postmortem.rules.examples`). Each completed file goes through the
real reader and the real rules, across files too (PM601, PM602).
"""

from __future__ import annotations

import pytest

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import RULES, check_handbook, check_postmortem
from mkdocs_postmortem.rules.examples import BASE, BASE_NAME, example_settings, examples

EXAMPLES = [(rule, example) for rule in RULES for example in examples(rule)]


def codes_found(rule, files: dict[str, str]) -> list[tuple[str, int, str]]:
    settings = example_settings(rule)
    pms = [
        read_postmortem(text.encode("utf-8"), path=path, src_uri=path.removeprefix("docs/"), settings=settings)
        for path, text in files.items()
    ]
    diagnostics = [d for pm in pms for d in check_postmortem(pm, settings)] + check_handbook(pms, settings)
    return [(d.code, d.line, d.message) for d in diagnostics]


def test_every_rule_documents_a_failing_and_a_passing_example():
    for rule in RULES:
        kinds = {example.fails for example in examples(rule)}
        assert kinds == {True, False}, rule.code


def test_the_base_postmortem_breaks_no_rule():
    rule = RULES[0]
    assert codes_found(rule, {f"docs/postmortems/{BASE_NAME}": BASE}) == []


@pytest.mark.parametrize(
    ("rule", "example"),
    EXAMPLES,
    ids=[f"{rule.code}-{'fails' if ex.fails else 'passes'}-{i}" for i, (rule, ex) in enumerate(EXAMPLES)],
)
def test_documented_example(rule, example):
    found = codes_found(rule, example.files())
    raised = [item for item in found if item[0] == rule.code]
    if example.fails:
        assert raised, f"{rule.code} 'Fails' example raised only {found}"
    else:
        assert raised == [], f"{rule.code} 'Passes' example raised {raised}"
