"""The reader never raises: whatever a file holds, it returns a model and
records what it could not read as problems with a rule code and a line."""

from __future__ import annotations

import time

import pytest

from mkdocs_postmortem.model import ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.encoding import decode
from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.settings import Settings

SETTINGS = Settings(default_timezone="UTC")


def read(source: bytes | str, name: str = "postmortems/2026-03-04-dns.md", settings: Settings = SETTINGS):
    return read_postmortem(source, path="docs/" + name, src_uri=name, settings=settings)


def codes(pm) -> list[tuple[ProblemKind, int]]:
    return [(problem.kind, problem.line) for problem in pm.problems]


GOOD = """---
title: DNS resolution failures
severity: P2
services: [dns, api]
started: 2026-03-04 14:05
resolved: 2026-03-04 15:10
---

# DNS resolution failures

## Summary

Resolvers dropped queries.

## Timeline

| Time | Event |
|------|-------|
| 14:05 | Incident began |
| 15:10 | Service restored |
"""


def test_empty_file_gives_a_model_with_a_front_matter_problem():
    pm = read(b"")
    assert pm.id == "2026-03-04-dns"
    assert codes(pm) == [(ProblemKind.UNREADABLE, 1)]
    assert pm.sections == [] and pm.timeline == [] and pm.actions == []


def test_binary_file_is_reported_not_raised():
    data = bytes(range(256)) * 40
    pm = read(data)
    assert {code for code, _ in codes(pm)} >= {ProblemKind.UNREADABLE}
    assert any("binary" in problem.message for problem in pm.problems)


def test_invalid_utf8_is_read_as_windows_1252_with_a_problem_on_its_line():
    data = "---\ntitle: Panne\nseverity: P3\n---\n\n## Résumé\n\nLe café est froid.\n".encode()
    data = data.replace("café".encode(), "café".encode("cp1252"))
    pm = read(data)
    assert (ProblemKind.NOT_UTF8, 8) in codes(pm)
    assert "café" in pm.text  # cp1252 read the accented letter right
    assert pm.title == "Panne" and pm.severity == "P3"


def test_front_matter_that_is_a_list_is_pm001_on_its_first_line():
    pm = read("---\n- one\n- two\n---\n\n# Title\n")
    assert codes(pm) == [(ProblemKind.UNREADABLE, 2)]
    assert "not a mapping" in pm.problems[0].message
    assert pm.front_matter == {}
    assert pm.title == "Title"


def test_yaml_syntax_error_points_at_the_line_of_the_error():
    pm = read("---\ntitle: ok\nseverity: P2\nservices: [api, db\nstarted: 2026-03-04 14:05\n---\n# T\n")
    assert [code for code, _ in codes(pm)] == [ProblemKind.UNREADABLE]
    assert pm.problems[0].line in (5, 6)  # the flow sequence is unterminated where the next key starts
    assert "YAML" in pm.problems[0].message


def test_front_matter_never_closed():
    pm = read("---\ntitle: x\n\n# Heading\n")
    assert codes(pm) == [(ProblemKind.UNREADABLE, 1)]
    assert "never closed" in pm.problems[0].message


def test_billion_laughs_is_refused_quickly():
    bomb = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [{','.join(['*' + previous] * 9)}]")
    bomb += ["title: boom", "---", "# Boom", ""]
    started = time.perf_counter()
    pm = read("\n".join(bomb))
    assert time.perf_counter() - started < 5  # generous: this guards against expansion, not speed
    assert [code for code, _ in codes(pm)] == [ProblemKind.UNREADABLE]
    assert "aliases" in pm.problems[0].message
    assert pm.front_matter == {}


def test_recursive_alias_is_refused():
    pm = read("---\nloop: &x [1, *x]\ntitle: t\n---\n")
    assert [code for code, _ in codes(pm)] == [ProblemKind.UNREADABLE]


def test_small_aliases_are_fine():
    pm = read("---\ntitle: t\nauthors: &people [ana, bo]\nreviewers: *people\n---\n")
    assert pm.problems == []
    assert pm.reviewers == ["ana", "bo"]


def test_impossible_date_is_pm003_on_its_line_and_other_fields_survive():
    pm = read("---\ntitle: t\nseverity: P1\nstarted: 2026-02-30\npublished: 2026-02-30\n---\n")
    assert codes(pm) == [(ProblemKind.WRONG_VALUE, 4), (ProblemKind.WRONG_VALUE, 5)]
    assert pm.started is None and pm.published is None
    assert pm.title == "t" and pm.severity == "P1"
    assert pm.front_matter["started"] == "2026-02-30"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("severity", "P9", "not a known level"),
        ("status", "active", "not a document status"),
        ("timezone", "Mars/Olympus", "not a time zone"),
        ("services", "{a: 1}", "list of names"),
        ("impact", "[1, 2]", "mapping"),
        ("title", "[a, b]", "single text"),
        ("started", "yesterday", "not a date and time"),
        ("started", "2026-03-04", "no time"),
        ("published", "soon", "not a date"),
    ],
)
def test_wrong_field_values_are_pm003_on_the_key_line(field, value, expected):
    pm = read(f"---\ntitle: t\n{field}: {value}\n---\n") if field != "title" else read(f"---\ntitle: {value}\n---\n")
    line = 3 if field != "title" else 2
    assert codes(pm) == [(ProblemKind.WRONG_VALUE, line)], pm.problems
    assert expected in pm.problems[0].message


def test_invalid_timezone_falls_back_to_the_default():
    pm = read("---\ntimezone: Nowhere/Land\nstarted: 2026-03-04 14:05\n---\n")
    assert pm.timezone == "UTC"
    assert pm.started.utcoffset().total_seconds() == 0


def test_crlf_line_endings_keep_line_numbers():
    crlf = GOOD.replace("\n", "\r\n").encode("utf-8")
    unix = read(GOOD)
    windows = read(crlf)
    assert [(s.key, s.line, s.end_line) for s in windows.sections] == [
        (s.key, s.line, s.end_line) for s in unix.sections
    ]
    assert [s.line for s in windows.sections] == [11, 15]
    assert [e.line for e in windows.timeline] == [19, 20]
    assert windows.field_lines["started"] == 5
    assert "\r" not in windows.text


def test_crlf_keeps_yaml_error_lines():
    pm = read(b"---\r\ntitle: ok\r\nbad: [\r\n---\r\n")
    assert [code for code, _ in codes(pm)] == [ProblemKind.UNREADABLE]
    assert pm.problems[0].line in (3, 4)


def test_bom_is_dropped():
    pm = read("\ufeff" + GOOD)
    assert pm.front_matter_present and pm.title == "DNS resolution failures"


def _five_megabytes() -> str:
    log = "\n".join(f"2026-03-04T14:{i % 60:02d}:00Z ERROR upstream timeout id={i}" for i in range(100_000))
    text = GOOD + "\n## Logs\n\n```\n# not a heading\n" + log + "\n```\n\n## Lessons learned\n\nWatch the resolvers.\n"
    assert len(text.encode()) > 5_000_000
    return text


def test_five_megabyte_file_is_read_whole_under_a_raised_limit():
    text = _five_megabytes()
    pm = read(text.encode(), settings=Settings(default_timezone="UTC", max_file_size=6_000_000))
    assert pm.problems == []
    assert [s.key for s in pm.sections] == ["summary", "timeline", "", "lessons"]
    assert pm.sections[-1].line == text.count("\n", 0, text.index("## Lessons learned")) + 1
    assert len(pm.timeline) == 2


def test_file_over_the_size_limit_is_read_for_front_matter_and_headings_only():
    text = _five_megabytes()
    pm = read(text.encode())
    assert codes(pm) == [] and not pm.body_read and pm.size == len(text.encode())
    found = [d for d in check_postmortem(pm, SETTINGS) if d.code == "PM105"]
    assert [d.line for d in found] == [1] and f"{len(text.encode()):,} bytes" in found[0].message
    assert pm.title == "DNS resolution failures" and pm.severity == "P2" and pm.services == ["dns", "api"]
    # Headings outside code fences, with their file lines; the one inside the log fence is not a heading.
    assert [s.key for s in pm.sections] == ["summary", "timeline", "", "lessons"]
    assert pm.sections[-1].line == text.count("\n", 0, text.index("## Lessons learned")) + 1
    assert pm.body_read is False and pm.timeline == [] and pm.actions == []


def test_yaml_that_is_only_a_scalar_or_empty():
    assert codes(read("---\njust text\n---\n")) == [(ProblemKind.UNREADABLE, 2)]
    assert read("---\n---\n# T\n").problems == []


def test_placeholder_timeline_row_is_pm701_not_a_crash():
    pm = read(GOOD.replace("| 14:05 |", "| HH:MM |"))
    assert codes(pm) == [(ProblemKind.UNCERTAIN_TIME, 19)]
    assert pm.timeline[0].time is None and pm.timeline[1].time is not None


def test_rows_out_of_order_are_pm701():
    text = GOOD.replace("| 15:10 | Service restored |", "| 14:00 | Service restored |")
    pm = read(text)
    assert codes(pm) == [(ProblemKind.UNCERTAIN_TIME, 20)]
    assert "earlier than the row above" in pm.problems[0].message


def test_deadline_that_is_not_a_date_is_pm303_on_its_row():
    text = GOOD + (
        "\n## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
        "| Add resolver alerts | Ana | next week |\n| Cache TTL | Bo | 2026-02-30 |\n| Docs | Cy | [Date] |\n"
    )
    pm = read(text)
    # The reader records what is written; the rules say what is wrong with it.
    assert codes(pm) == []
    assert [a.due_raw for a in pm.actions] == ["next week", "2026-02-30", "[Date]"]
    assert all(a.due is None for a in pm.actions)
    found = [(d.code, d.line) for d in check_postmortem(pm, SETTINGS) if d.code == "PM303"]
    assert found == [("PM303", 26), ("PM303", 27)]  # "[Date]" is a placeholder (PM103)


def test_clean_text_is_left_identical_by_decoding():
    text = "# Titre\n\n« Résumé » — l’équipe a dit “ok” 🎉\n"
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text and decoded.repaired == [] and decoded.problems == []


@pytest.mark.parametrize(
    "garbage",
    [
        "---\n: : :\n---\n",
        "---\n? [a, b]\n: c\n---\n",
        "---\ntitle: !!python/object:os.system echo\n---\n",
        "---\nactions: 3\nfive_whys: {a: 1}\ntimeline: yes\n---\n",
        "---\nactions: [1, [2], {owner: x}]\nfive_whys: [1, {why: w}]\ntimeline: [3, {time: '25:99'}]\n---\n",
        "| a |\n|---|\n| b |\n" * 50,
        "#" * 7 + " x\n" + "> " * 200 + "deep\n",
        "- " * 500 + "nested\n",
        "## Timeline\n\n| Time |\n|---|\n| 14:00 |\n|  |\n| 99:99 |\n",
        "## Action items\n\n- [x]\n- [ ] - Owner: - Due:\n| Action |\n|---|\n|  |\n",
        "## 5 Whys\n\n```\n→ orphan answer\n1. Pourquoi ?\n```\n",
        "```markdown\n## Timeline\n```\n```\n",
        "\x00\x01\x02" * 100,
        "\u2028\u2029\x0b\x0c\x1c\x85 text\n## Summary\n\u2028x\n",
    ],
)
def test_odd_inputs_never_raise(garbage):
    for source in (garbage, garbage.encode("utf-8")):
        pm = read(source)
        assert pm.id == "2026-03-04-dns"
        assert all(isinstance(problem.kind, ProblemKind) and problem.line >= 1 for problem in pm.problems)
        assert not any("could not be read completely" in problem.message for problem in pm.problems), pm.problems


def test_a_deadline_without_a_year_on_an_undated_incident_says_so():
    pm = read("# X\n\n## Action items\n\n- [ ] Add alerts - Owner: Ana - Due: 22/02\n", name="postmortems/x.md")
    found = [d for d in check_postmortem(pm, SETTINGS) if d.code == "PM303"]
    assert [d.line for d in found] == [5]
    assert "has no year and the incident date is unknown" in found[0].message
