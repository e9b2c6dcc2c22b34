"""The block structure the reader works on (read/structure.py): texts cut from the source as
the readers expect them, and the file's line numbers, on the shapes where a Markdown parser
could give something else (indents, quotes, escapes, tabs, a table right under a line)."""

from __future__ import annotations

from datetime import datetime, timezone

from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.structure import (
    Fence,
    Heading,
    ListBlock,
    Other,
    Paragraph,
    Rule,
    Table,
    parse_blocks,
)
from mkdocs_postmortem.settings import Settings

UTC = timezone.utc


def test_headings_paragraphs_and_rules_keep_the_file_line_numbers():
    body = "# Database failover\n\nThe primary *stopped*\n  answering at 09:12.\n\n---\n\nSetext title\n===\n"
    blocks = parse_blocks(body, 7)  # the body starts on the file's line 7, after the front matter
    assert [type(block) for block in blocks] == [Heading, Paragraph, Rule, Heading]
    title, paragraph, rule, setext = blocks
    assert (title.line, title.level, title.text) == (7, 1, "Database failover")
    assert paragraph.lines == [(9, "The primary *stopped*"), (10, "answering at 09:12.")]
    assert (rule.line, rule.end_line) == (12, 12)
    assert (setext.line, setext.end_line, setext.text) == (14, 15, "Setext title")


def test_a_list_item_keeps_its_raw_text_without_the_item_indent():
    body = "- **09:12** primary stopped\n  answering\n      deeper indent kept\n  - nested item\n"
    (block,) = parse_blocks(body, 1)
    assert isinstance(block, ListBlock)
    first, nested = block.items
    assert first.paragraphs == [(1, "**09:12** primary stopped\nanswering\n    deeper indent kept")]
    assert (first.depth, nested.depth, nested.line, nested.text) == (0, 1, 4, "nested item")


def test_an_item_that_starts_with_an_escape_keeps_its_backslash():
    (block,) = parse_blocks("- \\*not emphasis\n- `code` first\n", 1)
    assert [item.text for item in block.items] == ["\\*not emphasis", "`code` first"]


def test_ordered_and_loose_items():
    block, other = parse_blocks("1. First step\n\n   its second paragraph\n2) another list\n", 1)
    assert block.items[0].ordered and other.items[0].ordered  # "2)" after "1." starts another list
    assert block.items[0].paragraphs == [(1, "First step"), (3, "its second paragraph")]
    assert (other.line, other.items[0].text) == (4, "another list")
    assert isinstance(parse_blocks("* star\n", 1)[0], ListBlock)
    assert not parse_blocks("* star\n", 1)[0].items[0].ordered


def test_a_quote_loses_its_markers():
    blocks = parse_blocks("> - quoted item\n>   continued\n\n> a quoted\n> paragraph\n", 1)
    listed, paragraph = blocks
    assert listed.items[0].paragraphs == [(1, "quoted item\ncontinued")]
    assert paragraph.lines == [(4, "a quoted"), (5, "paragraph")]


def test_a_tab_indented_item_is_on_its_own_line():
    (block,) = parse_blocks("- parent\n\t- child\n", 1)
    assert [(item.line, item.depth, item.text) for item in block.items] == [(1, 0, "parent"), (2, 1, "child")]


def test_table_cells_header_and_row_lines():
    body = "| Time | Event |\n|---|---|\n| 09:12 | a \\| b |\n| 09:20 |\n"
    (table,) = parse_blocks(body, 3)
    assert isinstance(table, Table)
    assert table.header == ["Time", "Event"]
    assert [(row.line, row.cells) for row in table.rows] == [(5, ["09:12", "a | b"]), (6, ["09:20", ""])]
    assert (table.line, table.end_line) == (3, 6)


def test_a_table_right_under_a_paragraph_line_is_a_table():
    """Authors write "All times UTC." straight above the table, without a blank line: the
    table starts there (as markdown-it and GitHub read it), on its own file lines, with or
    without the outer pipes."""
    body = "All times UTC.\nTime | Event\n---|---\n09:12 | primary stopped\nAfter.\n"
    paragraph, table = parse_blocks(body, 10)
    assert paragraph.lines == [(10, "All times UTC.")]
    assert (table.line, table.header) == (11, ["Time", "Event"])
    assert [(row.line, row.cells) for row in table.rows] == [(13, ["09:12", "primary stopped"]), (14, ["After.", ""])]
    _, piped = parse_blocks("All times UTC.\n| Time | Event |\n|---|---|\n| 09:12 | stopped |\n", 1)
    assert (piped.line, piped.header, piped.rows[0].cells) == (2, ["Time", "Event"], ["09:12", "stopped"])


def test_a_table_under_a_paragraph_line_in_a_file_is_read_as_the_timeline():
    text = (
        "---\ntitle: Failover\nseverity: P2\ndate: 2026-03-04\n---\n\n# Failover\n\n## Timeline\n\nAll times UTC.\n"
        "Time | Event\n--- | ---\n09:12 | Primary stopped answering\n09:40 | Replica promoted, resolved\n"
    )
    pm = read_postmortem(text, path="docs/postmortems/x.md", src_uri="postmortems/x.md", settings=Settings())
    assert [(event.line, event.time) for event in pm.timeline] == [
        (14, datetime(2026, 3, 4, 9, 12, tzinfo=UTC)),
        (15, datetime(2026, 3, 4, 9, 40, tzinfo=UTC)),
    ]


def test_fences_comments_html_and_indented_code():
    body = "```yaml\nkey: 1\n```\n\n<!-- guidance for the author -->\n\n<div>raw</div>\n\n    indented code\n"
    fence, html, code = parse_blocks(body, 1)
    assert isinstance(fence, Fence)
    assert (fence.info, fence.content, fence.content_line, fence.end_line) == ("yaml", "key: 1\n", 2, 3)
    assert isinstance(html, Other) and html.line == 7
    assert isinstance(code, Other) and code.line == 9


def test_windows_line_endings_nul_and_lone_surrogates_do_not_stop_the_parse():
    assert parse_blocks("# Title\r\n\r\ntext\r\n", 1)[1].lines == [(3, "text")]
    assert parse_blocks("text\0more\n", 1)[0].lines == [(1, "text\ufffdmore")]
    (paragraph,) = parse_blocks("bad \udce9 byte\n", 1)
    assert paragraph.lines == [(1, "bad ? byte")]
