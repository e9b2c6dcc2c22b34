"""The Markdown body as blocks with file line numbers: headings, tables,
lists, paragraphs and code fences, from one CommonMark parse by pulldown-cmark
(Rust, through pyromark), about seven times faster than markdown-it-py's
block rules in Python, the largest single cost of reading.

The reader needs structure and line numbers, not HTML: texts stay as written,
inline Markdown raw (see text.plain), cut from the source as markdown-it's
block parse cut them (a list item's continuation lines without its indent, a
quote's lines without their `>`), so the blocks are the ones the reader was
written against. Where the two parsers read the same text differently in a
way an author meets (a table right under a paragraph's line), markdown-it's
reading is kept.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import pyromark


def only_comments(html: str) -> bool:
    r"""True when an HTML block is only comments and blanks: a template's guidance for the author.

    This is what the pattern `^\s*(?:<!--.*?-->\s*)+$` (DOTALL) accepted, since its `.*?` may
    run over a "-->": any stripped text from "<!--" to "-->". Written as string tests because
    that pattern tried every way to cut a run of empty comments: twice the time every 7 bytes.
    """
    text = html.strip()
    return len(text) >= 7 and text.startswith("<!--") and text.endswith("-->")


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

    # Indented code's lines, (file line, text stripped): a pasted postmortem indented by
    # mistake under a list is prose whose labels run together (read/run_together.py).
    lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Rule(Block):
    """A thematic break (`---`): layout, not content."""



_OPTIONS = pyromark.Options.ENABLE_TABLES


class _Lines:
    """UTF-8 byte offsets (pulldown-cmark's ranges) to file lines."""

    def __init__(self, data: bytes, first_line: int, inserted: list[int]) -> None:
        self.data = data
        self.first_line = first_line
        self.inserted = inserted  # indexes of the blank lines added before tables (see parse_blocks)
        self.shifted = [blank - position for position, blank in enumerate(inserted)]
        starts = [0]
        find = data.find
        position = find(b"\n")
        while position != -1:
            starts.append(position + 1)
            position = find(b"\n", position + 1)
        self.starts = starts

    def start_of(self, line: int) -> int:
        """The offset of a file line that `line` returned."""
        index = line - self.first_line
        # The blanks added at or before the line, counted by bisection: `inserted` rises by
        # one at least, so `blank - position` does not fall (a loop here was quadratic).
        return self.starts[index + bisect_right(self.shifted, index)]

    def line(self, offset: int) -> int:
        index = bisect_right(self.starts, offset) - 1
        if self.inserted:
            index -= bisect_right(self.inserted, index)
        return self.first_line + index

    def last_line(self, end: int) -> int:
        """The line of a block's last byte, its range ending at `end` (a following line's indent left out)."""
        data = self.data
        while end > 0 and data[end - 1 : end] in (b" ", b"\t"):
            end -= 1
        return self.line(max(end - 1, 0))


def _content_start(data: bytes, start: int, containers: _Containers) -> tuple[int, int]:
    """Where a continuation line's content starts, as markdown-it's getLines cuts it: after the
    `>` (and one space) of each quote around it, then up to the innermost item's indent; a tab
    counts to the next multiple of 4 columns, and what it has left over is given back as spaces
    (the second value). A quote's marker missing ends the markers: a lazy line."""
    position = _after_quote_markers(data, start, containers.quotes)
    innermost = containers[-1] if containers else _QUOTE
    if innermost is _QUOTE:
        return position, 0
    indent, column, shift = innermost.indent, 0, position - start  # shift: markdown-it's bsCount
    while column < indent:
        character = data[position : position + 1]
        if character == b" ":
            column += 1
        elif character == b"\t":
            column += 4 - (column + shift) % 4
        else:
            break
        position += 1
    return position, max(column - indent, 0)


def _after_quote_markers(data: bytes, start: int, quotes: int) -> int:
    """Where a line starts once the `>` (and one space) of up to `quotes` quotes are removed,
    stopping at the first marker missing. The work is bounded by the markers the line holds,
    whatever the depth of the items around them."""
    position = start
    for _ in range(quotes):
        probe = position
        while data[probe : probe + 1] in (b" ", b"\t"):
            probe += 1
        if data[probe : probe + 1] != b">":
            break
        probe += 1
        if data[probe : probe + 1] in (b" ", b"\t"):
            probe += 1
        position = probe
    return position


def _is_lazy(data: bytes, start: int, containers: _Containers) -> bool:
    """True when the line at `start` continues a paragraph lazily: a quote's `>` or an item's indent missing."""
    position = start
    for _ in range(containers.quotes):
        while data[position : position + 1] in (b" ", b"\t"):
            position += 1
        if data[position : position + 1] != b">":
            return True
        position += 1
        if data[position : position + 1] in (b" ", b"\t"):
            position += 1
    if containers and containers[-1] is not _QUOTE:
        indent = containers[-1].indent
        chunk = data[position : position + indent]
        return len(chunk) < indent or chunk.strip(b" \t") != b""
    return False


def _quotes_end(data: bytes, start: int, containers: _Containers) -> int:
    """Where a line starts once the markers of the quotes around it are removed (markdown-it's bMarks).

    Items nested in quotes on one line ("> - > - > - x") each ask for the same line with one
    quote more: the walk goes on from where the last one stopped, so a line is walked once."""
    wanted = containers.quotes + 1
    walked, position, stopped = containers.walks.get(start, (0, start, False))
    if walked < wanted and not stopped:
        after = _after_quote_markers(data, position, wanted - walked)
        # Fewer markers than asked for: the walk stopped at the first one missing.
        stopped = _after_quote_markers(data, after, 1) == after
        walked, position = wanted, after
        containers.walks[start] = (walked, position, stopped)
    elif walked > wanted:
        position = _after_quote_markers(data, start, wanted)
    return position


class _Containers(list):
    """The quotes and items open around a point, outermost first, and how many are quotes:
    counted as they open and close, so no line walks every container to find them."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes = 0
        self.walks: dict[int, tuple[int, int, bool]] = {}  # line start: (quotes asked, where, stopped early)

    def append(self, container) -> None:
        super().append(container)
        self.quotes += container is _QUOTE

    def pop(self):
        container = super().pop()
        self.quotes -= container is _QUOTE
        return container


class _OpenItem:
    __slots__ = ("base", "indent", "item")

    def __init__(self, item: Item, base: int) -> None:
        self.item = item
        self.base = base  # where its first line's content may start, its outer markers removed
        self.indent = -1  # columns of its content, known from its first text


_QUOTE = object()


class _Leaf:
    """The inline text of a paragraph, a heading, a cell or a tight item, with where each line starts."""

    __slots__ = ("after_break", "end", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.end = -1
        self.after_break = True

    def add(self, data: bytes, start: int, end: int) -> None:
        if self.after_break:
            if start > 0 and data[start - 1 : start] == b"\\":
                start -= 1  # an escape's text starts after its backslash
            self.starts.append(start)
            self.after_break = False
        self.end = max(self.end, end)

    def text(self, data: bytes, containers: list) -> str:
        if not self.starts:
            return ""
        first, end = self.starts[0], self.end
        while end > first and data[end - 1 : end] in b" \t\n":
            end -= 1
        chunk = data[first:end]
        if b"\n" not in chunk:
            return chunk.decode("utf-8").strip()
        parts = []
        line_start, pad = first, 0
        for line_end_offset in _newlines(data, first, end):
            parts.append(b" " * pad + data[line_start:line_end_offset])
            line_start, pad = _content_start(data, line_end_offset + 1, containers)
        parts.append(b" " * pad + data[line_start:end])
        return b"\n".join(parts).decode("utf-8").strip()


def _newlines(data: bytes, start: int, end: int):
    position = data.find(b"\n", start, end)
    while position != -1:
        yield position
        position = data.find(b"\n", position + 1, end)


_INLINE_STARTS = frozenset(("Emphasis", "Strong", "Strikethrough", "Link", "Image", "Superscript", "Subscript"))


def parse_blocks(text: str, first_line: int) -> list[Block]:
    """The top-level blocks of `text`, whose first line is the file's `first_line`."""
    if "\r" in text or "\0" in text:  # what markdown-it's normalize rule did
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the Rust parser takes only valid text
        text = text.encode("utf-8", "replace").decode("utf-8")
        data = text.encode("utf-8")
    headers: list[int] = []
    blocks = _parse(text, data, first_line, [], headers)
    if not headers:
        return blocks
    # A table whose header row follows a paragraph's line starts a table for markdown-it (and for
    # GitHub), not for pulldown-cmark: a blank line before it, numbered away, makes it one there too.
    source = text.split("\n")
    rows = sorted({header - first_line for header in headers})
    inserted = [index + count for count, index in enumerate(rows)]  # where the blank lines are in the new text
    for index in reversed(rows):
        source.insert(index, "")
    text = "\n".join(source)
    return _parse(text, text.encode("utf-8"), first_line, inserted, [])


def _header_rows(texts: list[str]) -> list[int]:
    """Indexes (never 0) of lines that, with the line after them, make a table's head as markdown-it
    reads one: a row with a pipe, then a delimiter row with as many cells, each `-`s between optional colons."""
    rows = []
    for index in range(1, len(texts) - 1):
        header, delimiter = texts[index].strip(), texts[index + 1].strip()
        if "|" not in header or "-" not in delimiter or delimiter[0] not in "|-:":
            continue
        aligns = _cells(delimiter)
        if aligns and all(_is_align(cell) for cell in aligns) and len(_cells(header)) == len(aligns):
            rows.append(index)
    return rows


def _cells(row: str) -> list[str]:
    cells = [cell.strip() for cell in row.replace("\\|", "\0").split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _is_align(cell: str) -> bool:
    core = cell.removeprefix(":")
    core = core.removesuffix(":")
    return bool(core) and core.count("-") == len(core)


def _parse(text: str, data: bytes, first_line: int, inserted: list[int], headers: list[int]) -> list[Block]:
    """The blocks; `headers` gets the file lines where markdown-it would have started a table
    inside a paragraph."""
    lines = _Lines(data, first_line, inserted)

    def note_headers(first: int, content: str) -> None:
        if "|" not in content or "\n" not in content:
            return
        for index in _header_rows(content.split("\n")):
            if not any(_is_lazy(data, lines.start_of(first + index + step), containers) for step in (0, 1)):
                headers.append(first + index)

    blocks: list[Block] = []
    heading: Heading | None = None
    table: Table | None = None
    row: Row | None = None
    lists: list[ListBlock] = []
    list_kinds: list[bool] = []  # ordered or not, innermost last
    open_items: list[_OpenItem] = []
    containers = _Containers()  # quotes and items, outermost first
    leaf: _Leaf | None = None
    leaf_kind = ""  # "paragraph", "heading", "cell" or "item" (a tight item's text)
    whole_leaf = False  # a paragraph or a cell: its text is its range, its inline events are skipped
    fence: Fence | None = None
    fence_text: list[str] = []
    html: list[str] | None = None
    html_range = (0, 0)

    def close_item_text() -> None:
        nonlocal leaf, leaf_kind
        if leaf is not None and leaf.starts:
            owner = open_items[-1]
            first, content = lines.line(leaf.starts[0]), leaf.text(data, containers)
            owner.item.paragraphs.append((first, content))
            note_headers(first, content)
        leaf, leaf_kind = None, ""

    for event, span in pyromark.events_with_range(text, options=_OPTIONS):
        if type(event) is str:
            if event == "SoftBreak" or event == "HardBreak":
                if leaf is not None:
                    leaf.after_break = True
            elif event == "Rule":
                if leaf_kind == "item":
                    close_item_text()
                blocks.append(Rule(lines.line(span["start"]), lines.last_line(span["end"])))
            continue
        if "Text" in event or "Code" in event or "InlineHtml" in event:
            if fence is not None:
                fence_text.append(event["Text"])
                continue
            if whole_leaf:
                continue  # a paragraph's or a cell's text is cut from its range
            start = span["start"]
            if leaf is None:
                if not open_items:
                    continue
                leaf, leaf_kind = _Leaf(), "item"
                if open_items[-1].indent < 0:
                    open_items[-1].indent = start - open_items[-1].base
            leaf.add(data, start, span["end"])
            continue
        start, end = span["start"], span["end"]
        if "Html" in event:
            if html is not None:
                html.append(event["Html"])
            continue
        if "Start" in event:
            tag = event["Start"]
            name = tag if type(tag) is str else next(iter(tag))
            if name in _INLINE_STARTS:
                if whole_leaf:
                    continue
                if leaf is None and open_items:
                    leaf, leaf_kind = _Leaf(), "item"
                    if open_items[-1].indent < 0:
                        open_items[-1].indent = start - open_items[-1].base
                if leaf is not None:
                    leaf.add(data, start, end)
                continue
            if leaf_kind == "item":
                close_item_text()
            if name == "Paragraph":
                leaf, leaf_kind, whole_leaf = _Leaf(), "paragraph", True
                leaf.starts.append(start)
                leaf.end = end
                if open_items and open_items[-1].indent < 0:
                    open_items[-1].indent = start - open_items[-1].base
            elif name == "Heading":
                heading = Heading(lines.line(start), lines.last_line(end), level=int(tag["Heading"]["level"][1]))
                leaf, leaf_kind = _Leaf(), "heading"
            elif name == "TableCell":
                leaf, leaf_kind, whole_leaf = _Leaf(), "cell", True
                leaf.starts.append(start)
                leaf.end = end
            elif name == "Table":
                table = Table(lines.line(start), lines.last_line(end))
            elif name in ("TableHead", "TableRow"):
                row = Row(lines.line(start), [])
            elif name == "List":
                if not lists:
                    lists.append(ListBlock(lines.line(start), lines.last_line(end)))
                else:
                    lists.append(lists[-1])  # nested lists belong to the outer block
                list_kinds.append(tag["List"] is not None)  # a number: the first of an ordered list
            elif name == "Item":
                if data[start : start + 1] == b"\n":  # pulldown-cmark starts an item indented by a tab on the line before
                    start += 1
                item = Item(lines.line(start), depth=len(lists) - 1, ordered=list_kinds[-1])
                lists[-1].items.append(item)
                opened = _OpenItem(item, _quotes_end(data, lines.start_of(item.line), containers))
                open_items.append(opened)
                containers.append(opened)
            elif name == "BlockQuote":
                containers.append(_QUOTE)
            elif name == "CodeBlock":
                kind = tag["CodeBlock"]
                if type(kind) is dict:
                    fence = Fence(lines.line(start), lines.last_line(end), info=kind["Fenced"].strip())
                    fence.content_line = fence.line + 1
                    fence_text = []
                elif not open_items and table is None:
                    first = lines.line(start)
                    code = data[start:end].decode("utf-8").split("\n")
                    blocks.append(Other(first, lines.last_line(end),
                                        lines=[(first + index, part.strip()) for index, part in enumerate(code)]))
            elif name == "HtmlBlock":
                html = []
                html_range = (start, end)
            continue
        if "End" in event:
            tag = event["End"]
            name = tag if type(tag) is str else next(iter(tag))
            if name in _INLINE_STARTS:
                if leaf is not None and not whole_leaf:
                    leaf.end = max(leaf.end, end)
                continue
            if leaf_kind == "item":
                close_item_text()
            if name == "Paragraph":
                if leaf is not None and leaf.starts:
                    first = lines.line(leaf.starts[0])
                    content = leaf.text(data, containers)
                    note_headers(first, content)
                    if open_items:
                        open_items[-1].item.paragraphs.append((first, content))
                    else:
                        last = lines.last_line(end)
                        blocks.append(
                            Paragraph(first, last, lines=[(first + i, line.strip()) for i, line in enumerate(content.split("\n"))])
                        )
                leaf, leaf_kind, whole_leaf = None, "", False
            elif name == "Heading":
                if heading is not None:
                    heading.text = leaf.text(data, containers).strip() if leaf is not None else ""
                    blocks.append(heading)
                heading, leaf, leaf_kind = None, None, ""
            elif name == "TableCell":
                if row is not None and leaf is not None:
                    row.cells.append(data[leaf.starts[0] : leaf.end].decode("utf-8").strip().replace("\\|", "|"))
                leaf, leaf_kind, whole_leaf = None, "", False
            elif name in ("TableHead", "TableRow"):
                if table is not None and row is not None:
                    if name == "TableHead":
                        table.header = row.cells
                    else:
                        table.rows.append(row)
                row = None
            elif name == "Table":
                if table is not None:
                    blocks.append(table)
                table = None
            elif name == "List":
                list_kinds.pop()
                finished = lists.pop()
                if not lists:
                    blocks.append(finished)
            elif name == "Item":
                open_items.pop()
                containers.pop()
            elif name == "BlockQuote":
                containers.pop()
            elif name == "CodeBlock":
                if fence is not None:
                    fence.content = "".join(fence_text)
                    blocks.append(fence)
                fence = None
            elif name == "HtmlBlock":
                content = "".join(html or ())
                if not only_comments(content) and not open_items and table is None:
                    blocks.append(Other(lines.line(html_range[0]), lines.last_line(html_range[1])))
                html = None
    return blocks
