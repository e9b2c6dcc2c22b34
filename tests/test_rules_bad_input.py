"""Bad input reaches the rules without a traceback, and every problem names the file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_rules_variants import EN, SETTINGS

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import check_handbook, check_postmortem

BOMB = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
) + "---\n# Bomb\n"

BAD = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "invalid-utf8": EN.encode("utf-8").replace(b"Checkout orders", b"Checkout \xff\xfe orders"),
    "alias-bomb": BOMB.encode("utf-8"),
    # 5 MB of prose, and a placeholder on its very last line.
    "big": (EN + "\nMore prose about the incident, line after line.\n" * 105_000 + "Reviewed by [Name]\n").encode("utf-8"),
    "impossible-date": EN.replace("started: 2026-03-04 14:00", "started: 2026-02-30 14:00").encode("utf-8"),
    "list-front-matter": b"---\n- a\n- b\n---\n# Title\n",
    "crlf": EN.replace("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |").replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_diagnostics_naming_the_file_not_a_traceback(name):
    path = f"docs/postmortems/{name}.md"
    pm = read_postmortem(BAD[name], path=path, src_uri=f"postmortems/{name}.md", settings=SETTINGS)
    diagnostics = check_postmortem(pm, SETTINGS) + check_handbook([pm], SETTINGS)
    assert diagnostics
    assert all(d.path == path and d.line >= 1 for d in diagnostics)


def test_crlf_line_endings_keep_line_numbers():
    pm = read_postmortem(BAD["crlf"], path="x.md", src_uri="postmortems/x.md", settings=SETTINGS)
    (diagnostic,) = check_postmortem(pm, SETTINGS)
    row = next(n for n, line in enumerate(EN.split("\n"), 1) if line.startswith("| Alert on the webhook"))
    assert (diagnostic.code, diagnostic.line) == ("PM301", row)


def test_a_5_mb_file_is_checked_to_its_last_line_under_a_raised_limit():
    assert len(BAD["big"]) > 5_000_000
    raised = replace(SETTINGS, max_file_size=10_000_000)
    pm = read_postmortem(BAD["big"], path="big.md", src_uri="postmortems/big.md", settings=raised)
    (diagnostic,) = check_postmortem(pm, raised)
    assert (diagnostic.code, diagnostic.line) == ("PM103", BAD["big"].count(b"\n"))


def test_a_5_mb_file_over_the_default_limit_is_one_warning_not_a_full_check():
    pm = read_postmortem(BAD["big"], path="big.md", src_uri="postmortems/big.md", settings=SETTINGS)
    (diagnostic,) = check_postmortem(pm, SETTINGS)
    assert (diagnostic.code, diagnostic.level, diagnostic.line) == ("PM105", "warning", 1)
