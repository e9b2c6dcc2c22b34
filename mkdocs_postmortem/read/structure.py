"""The Markdown body as blocks with file line numbers: headings, tables,
lists, paragraphs and code fences, from one block-level markdown-it parse.

Inline parsing is switched off: the reader needs structure and line numbers,
not HTML, and inline rules are most of markdown-it's time. Inline Markdown
therefore stays raw in the texts below (see text.plain).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt


def only_comments(html: str) -> bool:
    r"""True when an HTML block is only comments and blanks: a template's guidance for the author.

    This is what the pattern `^\s*(?:<!--.*?-->\s*)+$` (DOTALL) accepted, since its `.*?` may
    run over a "-->": any stripped text from "<!--" to "-->". Written as string tests because
    that pattern tried every way to cut a run of empty comments: twice the time every 7 bytes.
    """
    text = html.strip()
    return len(text) >= 7 and text.startswith("<!--") and text.endswith("-->")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


_MD = _parser()


@dataclass
class Block:
    line: int  # first file line, 1-based
    end_line: int  # last file line


@dataclass
class Heading(Block):
    level: int = 1
    text: str = ""


@dataclass
class Paragraph(Block):
    lines: list[tuple[int, str]] = field(default_factory=list)  # (file line, text) per source line


@dataclass
class Row:
    line: int
    cells: list[str]


@dataclass
class Table(Block):
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class Item:
    line: int
    depth: int  # 0 for a top-level list
    ordered: bool
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (first line, text) of its own paragraphs

    @property
    def text(self) -> str:
        return self.paragraphs[0][1] if self.paragraphs else ""


@dataclass
class ListBlock(Block):
    items: list[Item] = field(default_factory=list)  # nested items included, in document order


@dataclass
class Fence(Block):
    info: str = ""
    content: str = ""
    content_line: int = 0  # file line of the content's first line


@dataclass
class Other(Block):
    """A block that is content but nothing the reader reads: HTML, indented code."""


@dataclass
class Rule(Block):
    """A thematic break (`---`): layout, not content."""


def parse_blocks(text: str, first_line: int) -> list[Block]:
    """The top-level blocks of `text`, whose first line is the file's `first_line`."""
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    offset = first_line
    heading: Heading | None = None
    table: Table | None = None
    row: Row | None = None
    in_header = False
    lists: list[ListBlock] = []
    items: list[Item] = []
    quote_depth = 0
    for token in tokens:
        kind = token.type
        start = offset + token.map[0] if token.map else None
        end = offset + token.map[1] - 1 if token.map else None
        if kind == "heading_open":
            heading = Heading(start, end, level=int(token.tag[1]))
        elif kind == "heading_close":
            if heading is not None:
                blocks.append(heading)
            heading = None
        elif kind == "table_open":
            table = Table(start, end)
        elif kind == "table_close":
            if table is not None:
                blocks.append(table)
            table = None
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = Row(start or (table.line if table else offset), [])
        elif kind == "tr_close":
            if table is not None and row is not None:
                if in_header:
                    table.header = row.cells
                else:
                    table.rows.append(row)
            row = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                lists.append(ListBlock(start, end))
            else:
                lists.append(lists[-1])  # nested lists belong to the outer block
        elif kind in ("bullet_list_close", "ordered_list_close"):
            finished = lists.pop()
            if not lists:
                blocks.append(finished)
        elif kind == "list_item_open":
            item = Item(start, depth=len(lists) - 1, ordered=token.markup in (".", ")"))
            items.append(item)
            lists[-1].items.append(item)
        elif kind == "list_item_close":
            items.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "inline":
            content = token.content
            if heading is not None:
                heading.text = content.strip()
            elif row is not None:
                row.cells.append(content.strip())
            elif items:
                items[-1].paragraphs.append((start, content))
            elif start is not None:
                lines = content.split("\n")
                blocks.append(
                    Paragraph(start, end, lines=[(start + i, line.strip()) for i, line in enumerate(lines)])
                )
        elif kind == "fence":
            blocks.append(
                Fence(start, end, info=token.info.strip(), content=token.content, content_line=start + 1)
            )
        elif kind == "html_block" and only_comments(token.content):
            continue  # a template's guidance for the author is not content
        elif kind in ("code_block", "html_block") and not items and table is None:
            blocks.append(Other(start, end))
        elif kind == "hr":
            blocks.append(Rule(start, end))
    return blocks
