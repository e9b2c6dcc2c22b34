"""Paragraphs that open a section by their label rather than by a heading.

The SRE book's template writes `**Summary:** ...`, `**Impact:** ...` and
`**Root Causes:** ...` as labelled paragraphs; status pages write
`**Updates:**` or `Next steps:` on a line of their own above a list. A
paragraph opens a section when it starts with a bold label that ends with a
colon, or is one line that is only a label and a colon, or only a bold label
("**Lessons Learned**" on its own, as a heading would be), and the label names
a section (read/headings.py, as headings do). What follows the label on its
own paragraph is the section's first content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import SECTIONS
from ..text import fold
from .headings import cued_key, heading_key, joined_keys, question_key
from .structure import Block, ListBlock, Paragraph, Table
from .text import is_placeholder, plain
from .vocabulary import vocabulary
from .work_items import lists_instructions

# Bounded label lengths keep both patterns linear whatever the line holds.
# An emoji or a symbol may come first ("ℹ️ **Executive summary**" opening a callout).
_BOLD_LABEL = re.compile(r"^(?:[^\s*_]{1,3}[ \t]{1,2})?(\*\*|__)([^*_\n]{1,90})(?:\*\*|__)[ \t]*(:?)[ \t]*(.*)$")
_LINE_LABEL = re.compile(r"^([^:\n]{1,60}?)[ \t]{0,3}:[ \t]*$")
# "Root cause: a lock was never released." A plain label leading a paragraph's
# text opens a section only when the label is a section's own name.
_LEADING_LABEL = re.compile(r"^([^:*_|>#\n]{1,40}?)[ \t]{0,3}:[ \t]+(\S.*)$")
_LEADING_LABEL_WORDS = 4
# A plain label of at most this many words is a name, read by its words; a longer
# line is a sentence ("The lessons we drew were these:").
_PLAIN_CUED_WORDS = 3
# A label read by its words opens a section only before a statement, not before a
# name or two ("This incident affected: Uploads" is a status page's component list).
_STATEMENT_WORDS = 3


@dataclass(frozen=True)
class Label:
    line: int
    text: str  # the label as written, without emphasis and colon
    key: str  # the section it names
    has_text: bool  # the paragraph goes on after the label
    inline: bool = False  # a list item or a table row: the section is that one line
    last_line: int | None = None  # where the section ends when it is not at the next heading or label
    own_item: bool = False  # one of a run of paragraphs led by one label: each is an item of its own


def section_labels(blocks: list[Block], named: frozenset[str] = frozenset()) -> list[Label]:
    """The labelled paragraphs of a body that name a section, in order. A bold
    label is also read by its words (read/headings.py), for a section no heading
    of the document names (`named`)."""
    found: list[Label] = []
    stages: list[Label] = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not block.lines:
            continue
        line = block.lines[0][0]
        text, rest, bold = _paragraph_label(blocks, index, named)
        if text is None:
            continue
        if _is_stage(text):
            stages.append(Label(line, text, "timeline", True))
        # A plain line ending in a colon is often a sentence that introduces a list
        # ("The root cause was a race between two writers:"): only a section's own
        # names open one there; a bold label, or a plain one of a few words
        # ("Actions prévues :", "So, lessons: ..."), is read by its words as a heading is.
        key = heading_key(text) or question_key(text)
        if not key and (bold or len(fold(text).split()) <= _PLAIN_CUED_WORDS):
            cued = cued_key(text)
            key = cued if cued not in named and (bold or not rest or cued in _INLINE_KEYS) else ""
        key = _section_of(key, named)
        if key not in SECTIONS:
            key = _joined_key(text, named) or key
        last_line = None
        following = blocks[index + 1 :]
        if key not in SECTIONS and "actions" not in named and (
            (not key and _introduces_commitments(text, following)) or _lists_commitments(following[:1])
        ):
            key, last_line = "actions", _introduced_end(following)  # what the label introduces
        if key in SECTIONS:  # "**Incident Date**:" or "**Severity**:" is a fact, not a section
            more = bool(rest) or any(later.strip() for _, later in block.lines[1:])
            found.append(Label(line, text, key, more, last_line=last_line))
    found = _with_closing_introductions(found, blocks, named)
    if "actions" not in named:
        found = _with_repeated_labels(found, blocks)
    if len({fold(stage.text) for stage in stages}) >= 2:  # a status page's updates, one stage each
        staged = {stage.line for stage in stages}
        found = sorted([label for label in found if label.line not in staged] + stages, key=lambda label: label.line)
    return found


def _paragraph_label(blocks: list[Block], index: int, named: frozenset[str]) -> tuple[str | None, str, bool]:
    """The label a paragraph opens with, in any of the shapes a section's label takes:
    (label, text after it on the paragraph, whether it stands as a heading would)."""
    block = blocks[index]
    first = block.lines[0][1].strip()
    text, rest, bold = _label(first)
    if text is None:
        text, rest = _named_line(first)
    if text is None:
        text, rest = _run_in_section(first, named)
        bold = text is not None
    if text is None:
        text, rest = _dashed_stage(first)
        bold = text is not None
    if text is None and len(block.lines) == 1 and _in_capitals(first):
        text, bold = first.rstrip(" :"), True  # "DETAILED DESCRIPTION OF IMPACT" stands as a heading
    if text is None and len(block.lines) == 1 and len(first.split()) <= _LEADING_LABEL_WORDS:
        # A short line of its own above a list that commits to work ("Mitigation"),
        # or a status page's update stage ("Resolved", "Identifié") on its own line.
        if _lists_commitments(blocks[index + 1 : index + 2]) or _is_stage(first):
            text = first
    if text is None and len(block.lines) == 1 and index + 1 < len(blocks) and _stands_alone(first):
        text, bold = first, True  # "How It Happened" above its paragraph, as a heading would be
    if text is None and len(block.lines) > 1 and _names_its_lines(first, block.lines[1][1].strip(), named):
        text = first  # "Impact" with the text going on below it, no blank line between
    return text, rest, bold


def _names_its_lines(first: str, second: str, named: frozenset[str]) -> bool:
    """"Customers affected" on the first line of a paragraph whose next line opens a
    sentence: a section's name or its words, a few, as a label on its own line would be;
    "Riders were affected" going on with "in every station" is the sentence's start."""
    if not second[:1].isupper() or not _stands_alone(first) or len(fold(first).split()) > _PLAIN_CUED_WORDS:
        return False
    if first.rstrip().endswith(":"):
        return False  # a label with a colon is read as one already
    key = heading_key(first) or cued_key(first)
    return _section_of(key, named) in SECTIONS and key not in named


def _section_of(key: str, named: frozenset[str]) -> str:
    """A prevention heading or label is the action items of a document that names none."""
    return "actions" if key == "prevention" and "actions" not in named else key


def _named_line(line: str) -> tuple[str | None, str]:
    """A plain line that is only a section's own name ("Summary", "Root cause"), as a
    heading would be, or a plain label leading the paragraph's text ("Impact: 300
    invoices late", or by its words in a few: "So, lessons: ..."): (label, text after
    it), or (None, "")."""
    if len(line) <= 60 and (heading_key(line) or question_key(line)):
        return line.rstrip(" :"), ""
    leading = _LEADING_LABEL.match(line)
    if leading and len(leading.group(1).split()) <= _LEADING_LABEL_WORDS:
        label = leading.group(1).strip()
        text = leading.group(2).strip()
        if heading_key(label) or question_key(label) or (
            len(fold(label).split()) <= _PLAIN_CUED_WORDS and cued_key(label) in _INLINE_KEYS
            and len(text.split()) >= _STATEMENT_WORDS
        ):
            return label, text
    return None, ""


# A line of at most this many words, every letter a capital and no sentence's end,
# is a heading typed without Markdown ("REMEDIATION AND PREVENTION").
_CAPITALS_WORDS = 8


def _in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and len(line.split()) <= _CAPITALS_WORDS
        and not line.rstrip().endswith((".", "!", "?"))
    )


# A line of its own of at most this many words, with no digit and no sentence's end,
# above more text, is a heading typed without Markdown ("Why It Won't Happen Again").
_STANDALONE_WORDS = 6


def _stands_alone(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _STANDALONE_WORDS
        and not any(ch.isdigit() for ch in line)
        and not line.rstrip().endswith((".", "!", ",", ";", "…"))
    )


def _is_stage(line: str) -> bool:
    """A status page's update stage standing alone ("Resolved", "**Monitoring**")."""
    return fold(line.strip(" *_:")) in vocabulary().section_cues.status_updates


def _introduces_commitments(text: str, following: list[Block]) -> bool:
    """"We will make the following changes:" above a list, or above paragraphs each led by
    a label ("**Tooling:** make the script refuse ..."): what it introduces is work to do."""
    if not following or not (isinstance(following[0], ListBlock) or _run_in_item(following[0])):
        return False
    folded = f" {fold(text)} "
    return any(f" {phrase} " in folded for phrase in vocabulary().section_cues.commitments)


def _introduced_end(following: list[Block]) -> int:
    """The last line of what a sentence ending in a colon introduces: the list below
    it, or the run of paragraphs each led by a label of its own."""
    end = following[0].end_line
    if isinstance(following[0], ListBlock):
        return end
    for block in following:
        if not _run_in_item(block):
            break
        end = block.end_line
    return end


# A label that runs into its sentence ("**Tooling:** make the script refuse ...",
# "Fix: we now run a test ...") is a few words; a longer one is a sentence's start.
_RUN_IN_WORDS = 4


def run_in_label(line: str) -> tuple[str, str] | None:
    """(label, text) of a line led by a short label and a colon, bold or plain, and
    followed by a statement of a few words; None for anything else."""
    bold = _BOLD_LABEL.match(line)
    if bold:
        inside = bold.group(2).strip()
        if not (inside.endswith(":") or bold.group(3)):
            return None
        label, text = inside.rstrip(" :").strip(), bold.group(4).strip()
    else:
        leading = _LEADING_LABEL.match(line)
        if not leading:
            return None
        label, text = leading.group(1).strip(), leading.group(2).strip()
    if not label or len(label.split()) > _RUN_IN_WORDS or any(ch.isdigit() for ch in label):
        return None
    if (heading_key(label) or cued_key(label)) not in ("", *_WORK_KEYS):
        return None  # "This incident affected: Editor, Dashboard" states another section
    if len(text.split()) < _STATEMENT_WORDS or text.endswith(":"):
        return None
    return label, text


def _run_in_item(block: Block) -> tuple[str, str] | None:
    if not isinstance(block, Paragraph) or not block.lines:
        return None
    return run_in_label(block.lines[0][1].strip())


def _run_in_section(line: str, named: frozenset[str]) -> tuple[str | None, str]:
    """"**Preventative Measures** To avoid similar incidents, ...": a bold label that
    runs into a new sentence without a colon opens the section it names, as it would
    with a colon; a bold word opening a sentence ("**Nobody** noticed") names none."""
    bold = _BOLD_LABEL.match(line)
    if not bold or bold.group(3):
        return None, ""
    label, rest = bold.group(2).strip(), bold.group(4).strip()
    if not rest or not rest[0].isupper() or label.endswith(":") or len(label.split()) > _RUN_IN_WORDS:
        return None, ""
    key = heading_key(label) or question_key(label) or cued_key(label) or _joined_key(label, named)
    return (label, rest) if key in SECTIONS and key not in named else (None, "")


_STAGE_DASHES = ("-", "–", "—")


def _dashed_stage(line: str) -> tuple[str | None, str]:
    """"**Resolved** - All services are fully recovered.": a status page's update, its
    stage set apart from its message by a dash on the same line."""
    bold = _BOLD_LABEL.match(line)
    if not bold or bold.group(3) or not bold.group(4).startswith(_STAGE_DASHES) or not _is_stage(bold.group(2)):
        return None, ""
    return bold.group(2).strip(), bold.group(4).lstrip("".join(_STAGE_DASHES) + " \t")


def _joined_key(text: str, named: frozenset[str]) -> str:
    """"Mitigation steps and preventive measures": a label joining two names is each of
    them, as a joined heading is; the first part naming a section no heading names."""
    return next((key for key in joined_keys(text) if key in SECTIONS and key not in named), "")


# Paragraphs led by the same label at least this many times ("Fix: ...", "Correctif : ...")
# are items of one list written as paragraphs.
_REPEATED = 2


def _with_repeated_labels(found: list[Label], blocks: list[Block]) -> list[Label]:
    """"Fix: we now run a test ..." after each problem a section tells, "Correctif : ..."
    after each of its points: a label that leads paragraph after paragraph and names work
    (the action items, or the fix a resolution would be) makes each paragraph one item."""
    runs: dict[str, list[tuple[int, str, int]]] = {}
    for block in blocks:
        labelled = _run_in_item(block)
        if labelled:
            runs.setdefault(fold(labelled[0]), []).append((block.line, labelled[0], block.end_line))
    added = []
    for items in runs.values():
        label = items[0][1]
        key = heading_key(label) or cued_key(label)
        if len(items) >= _REPEATED and key in _WORK_KEYS:
            added += [Label(line, text, "actions", True, last_line=end, own_item=True) for line, text, end in items]
    repeated = {label.line for label in added}
    if not added or any(label.key == "actions" and label.line not in repeated for label in found):
        return found  # the document names its action items elsewhere
    lines = {label.line for label in added}
    return sorted([label for label in found if label.line not in lines] + added, key=lambda label: label.line)


_WORK_KEYS = ("actions", "resolution")


def _with_closing_introductions(found: list[Label], blocks: list[Block], named: frozenset[str]) -> list[Label]:
    """The labels found, and the sentences closing a paragraph that introduce a list of
    work to do ("Bottom line: we let you down. Here is what we plan to do:"), unless a
    label of that paragraph already opens the action items there."""
    added = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not block.lines:
            continue
        intro = _closing_introduction(block, blocks[index + 1 :], named)
        if intro and not any(
            block.line <= label.line <= block.end_line and (label.key == "actions" or label.line == intro.line)
            for label in found
        ):
            added.append(intro)
    return sorted(found + added, key=lambda label: label.line) if added else found


def _closing_introduction(block: Paragraph, following: list[Block], named: frozenset[str]) -> Label | None:
    """"... We are sorry. Here is what we plan to do:" above a list: the sentence that
    closes a paragraph with a colon introduces the list as a label on its own line
    would, so a list it introduces as work to do is the action items."""
    line, last = block.lines[-1]
    last = last.rstrip()
    if "actions" in named or not last.endswith(":") or len(block.lines) > _INTRODUCED_LINES:
        return None
    closing = _last_sentence(" ".join(text.strip() for _, text in block.lines))
    if not _introduces_commitments(closing, following):
        return None
    return Label(line, closing.rstrip(" :"), "actions", False, last_line=_introduced_end(following))


# A paragraph longer than this many lines is an article, not the list's introduction.
_INTRODUCED_LINES = 12
_SENTENCE_END = (". ", "! ", "? ", "… ")


def _last_sentence(text: str) -> str:
    start = max(text.rfind(end) for end in _SENTENCE_END)
    return text[start + 2 :] if start >= 0 else text


def _lists_commitments(following: list[Block]) -> bool:
    """"Mitigation" above "- We will make the workers reload their credentials", or
    "Hardening:" above "- Renew certificates before they expire": a list whose every
    item commits to work or tells what to do is action items, whatever its label says."""
    if not following or not isinstance(following[0], ListBlock) or not following[0].items:
        return False
    phrases = vocabulary().section_cues.commitments
    items = [item.text for item in following[0].items]
    return lists_instructions(items) or all(
        any(f" {fold(text)} ".startswith(f" {phrase} ") for phrase in phrases) for text in items
    )


def _label(line: str) -> tuple[str | None, str, bool]:
    """(label, text after it, whether the label is bold), or (None, "", False)."""
    bold = _BOLD_LABEL.match(line)
    if bold:
        inside = bold.group(2).strip()
        if inside.endswith(":") or bold.group(3):
            return inside.rstrip(" :").strip() or None, bold.group(4).strip(), True
        if not bold.group(4).strip():  # a bold line of its own stands as a heading
            return inside.strip() or None, "", True
        return None, "", False
    plain_label = _LINE_LABEL.match(line)
    if plain_label and not plain_label.group(1).lstrip().startswith(("*", "_", "-", "|", ">")):
        return plain_label.group(1).strip(), "", False
    return None, "", False


# Sections a single labelled line can hold: "- **Impact:** searches failed for 95
# minutes", "| Root cause | an empty index |". A timeline or action items need more.
_INLINE_KEYS = ("summary", "impact", "root_cause", "lessons")
_INLINE_CUED_WORDS = 5  # a longer label read by its words is a sentence, not a section's name
_ITEM_LABEL = re.compile(r"^(?:\*\*|__)([^*_\n]{1,40}?)[ \t]{0,3}:?(?:\*\*|__)[ \t]{0,3}:?[ \t]{0,3}(\S.*)$|^([^:*_|\n]{1,40}?)[ \t]{0,3}:[ \t]{0,3}(\S.*)$")


def inline_labels(blocks: list[Block], missing: set[str]) -> list[Label]:
    """List items and key-value table rows that state a section the document has
    no heading or paragraph for, by its name or, for a short label, its words
    (read/headings.py): the line states it. Only for the `missing` sections, and
    never from a placeholder."""
    found: list[Label] = []
    wanted = missing.intersection(_INLINE_KEYS)
    for block in blocks:
        if not wanted:
            break
        for line, label, value in _labelled_lines(block):
            key = heading_key(label) or question_key(label)
            if not key and _short_name(label) and len(value.split()) >= _STATEMENT_WORDS:
                key = cued_key(label)  # "Causes identifiées de l'incident : ..."
            if key in wanted and value and not is_placeholder(value):
                found.append(Label(line, label, key, True, inline=True))
                wanted.discard(key)
    return found


def _short_name(label: str) -> bool:
    """Few words and no digits: "10:40 root cause identified" is a moment, not a name."""
    return len(fold(label).split()) <= _INLINE_CUED_WORDS and not any(ch.isdigit() for ch in label)


def _key_values(lines) -> list[tuple[int, str, str]]:
    found = []
    for line, text in lines:
        match = _ITEM_LABEL.match(text.strip())
        if match:
            label = match.group(1) or match.group(3)
            found.append((line, label.strip(), plain(match.group(2) or match.group(4)).strip()))
    return found


def _labelled_lines(block: Block) -> list[tuple[int, str, str]]:
    if isinstance(block, ListBlock):
        return _key_values((item.line, item.text.split("\n")[0]) for item in block.items)
    if isinstance(block, Paragraph) and len(block.lines) > 1:
        # A block of properties, one "Key : value" a line ("Impact : régions nord et est").
        return _key_values(block.lines)
    if isinstance(block, Table):
        lines = []
        # A key-value table puts its first pair in the header row: "| Incident ID | 2024-05-14 |".
        for line, row_cells in [(block.line, block.header), *((row.line, row.cells) for row in block.rows)]:
            cells = [plain(cell).strip(" :") for cell in row_cells]
            lines += [(line, cells[i], cells[i + 1]) for i in range(0, len(cells) - 1, 2) if cells[i]]
        return lines
    return []
