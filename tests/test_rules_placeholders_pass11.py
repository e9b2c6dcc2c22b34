"""The eleventh pass on PM103 (issue 22): a one-word bracket that opens a title and
is set apart from the title's words by a separator ("# [Personnels] // INFO ...",
"# [Réseau] | Coupure ...") is a category tag, whatever its case; a bracket running
into the title's words ("# [Service] outage") is still a template's stand-in."""

from __future__ import annotations

import pytest

from mkdocs_postmortem.rules.placeholders import placeholders_in_line


@pytest.mark.parametrize(
    "line",
    [
        "# [Personnels] // INFO 12.03.26 // Coupure de la messagerie",
        "# [Réseau] | Coupure du lien vers le campus nord",
        "## [Platform] – Search latency on Tuesday",
        "# [Students] · Portal down during enrolment",
    ],
)
def test_a_tag_set_apart_by_a_separator_is_no_placeholder(line):
    assert placeholders_in_line(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# [Service] outage on [Date]", ["[Service]", "[Date]"]),
        ("# [Service name] | outage", ["[Service name]"]),
        ("Le service [Personnels] // est coupé", ["[Personnels]"]),
    ],
)
def test_a_stand_in_running_into_the_title_is_still_found(line, expected):
    assert placeholders_in_line(line) == expected
