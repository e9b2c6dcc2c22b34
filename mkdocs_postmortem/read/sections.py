"""Sections from headings: which heading is the title, where each section
ends, which part of the file is the postmortem's body.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..model import SECTIONS, Section
from .headings import (
    cued_choices,
    cued_key,
    heading_key,
    joined_keys,
    names_no_section,
    question_key,
    summarised_key,
)
from .labelled import inline_labels, section_labels
from .run_together import Span, run_together_spans, span_items
from .structure import (
    Block,
    Fence,
    Heading,
    ListBlock,
    Other,
    Paragraph,
    Rule,
    Table,
    parse_blocks,
)
from .text import is_placeholder, plain
from .work_items import is_checklist_item, is_work_to_do, lists_instructions


@dataclass
class Body:
    """The blocks of the Markdown the reader reads, with its sections."""

    blocks: list[Block]
    sections: list[Section]
    title: Heading | None
    first_line: int
    last_line: int
    headings: list[Heading] = field(default_factory=list)
    # First lines of `blocks` and `sections`, for bisection: files with
    # thousands of headings must not cost sections x blocks.
    _block_lines: list[int] = field(default_factory=list)
    _section_lines: list[int] = field(default_factory=list)
    # What a walk of the whole document found, for the stages that read it again
    # (the zones its headings name, the dates its datelines write): one walk a file.
    walks: dict = field(default_factory=dict, repr=False, compare=False)
    # The spans of blocks whose labels run together, by the section each opens (line, key).
    spans: dict[tuple[int, str], list[Span]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.blocks.sort(key=lambda block: block.line)
        self._block_lines = [block.line for block in self.blocks]
        self._section_lines = [section.line for section in self.sections]

    def block_range(self, first: int, last: int) -> range:
        """Indexes of the blocks starting between lines `first` and `last`, both included."""
        return range(bisect_left(self._block_lines, first), bisect_right(self._block_lines, last))

    def blocks_under(self, section: Section) -> Iterator[Block]:
        """Blocks of a section and its sub-sections, headings excluded."""
        for index in self.block_range(section.line + 1, section.end_line):
            block = self.blocks[index]
            if not isinstance(block, Heading):
                yield block

    def sections_keyed(self, key: str) -> list[Section]:
        return [section for section in self.sections if section.key == key]

    def nearest_heading(self, line: int) -> Section | None:
        """The innermost section a line belongs to: the last one started before it that still runs."""
        for index in range(bisect_right(self._section_lines, line) - 1, -1, -1):
            section = self.sections[index]
            if section.end_line >= line and section.line < line:
                return section
        return None

    def recognised(self) -> int:
        return sum(1 for section in self.sections if section.key in SECTIONS)


def read_body(text: str, first_line: int) -> Body:
    blocks = parse_blocks(text, first_line)
    last_line = first_line + text.count("\n")
    return _body_of(blocks, first_line, last_line)


_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def headings_body(text: str, first_line: int) -> Body:
    """Only the headings of a body too large to parse whole (`max_file_size`):
    one pass over its lines, skipping code fences. What the sections hold is
    not read, so they count as filled."""
    blocks: list[Block] = []
    fence: str | None = None
    for offset, line in enumerate(text.split("\n")):
        opener = _FENCE_LINE.match(line)
        if opener:
            marker = opener.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker):].strip():
                fence = None
            continue
        if fence is None:
            heading = _ATX_HEADING.match(line)
            if heading:
                number = first_line + offset
                blocks.append(Heading(number, number, len(heading.group(1)), (heading.group(2) or "").strip()))
    # Only headings were read: nothing can say a section is empty.
    return _body_of(blocks, first_line, first_line + text.count("\n"), content_known=False)


def _body_of(blocks: list[Block], first_line: int, last_line: int, content_known: bool = True) -> Body:
    blocks.sort(key=lambda block: block.line)
    headings = [block for block in blocks if isinstance(block, Heading)]
    title = None
    if headings and headings[0].level == 1 and not _section_name_alone(headings[0].text) and not _flat_section(
            headings):
        # A leading `# ...` names the document; it is one of its sections only when
        # it is a section's own name ("# Summary"), not by its words ("# Incident de paiement"),
        # nor when a name of the genre leads the subject ("# Retour d'expérience : la coupure ...").
        title = headings[0]
    section_headings = [h for h in headings if h is not title]
    end_lines = _end_lines(section_headings, last_line)
    named = [heading_key(heading.text) for heading in section_headings]
    keys = _question_keys(section_headings, named, end_lines)
    if "actions" not in keys:
        keys = ["actions" if key == "prevention" else key for key in keys]
    # Content counts before each block, so that every section's check is one subtraction.
    block_lines = [block.line for block in blocks]
    counts = [0]
    for block in blocks:
        counts.append(counts[-1] + (not isinstance(block, Heading) and _is_content(block)))

    def has_content(heading: Heading, end_line: int) -> bool:
        if not content_known:
            return True
        start, stop = bisect_left(block_lines, heading.line + 1), bisect_right(block_lines, end_line)
        return counts[stop] > counts[start]

    sections = [
        Section(
            key=key,
            title=heading.text,
            level=heading.level,
            line=heading.line,
            end_line=end_line,
            has_content=has_content(heading, end_line),
        )
        for heading, key, end_line in zip(section_headings, keys, end_lines)
    ]
    if content_known:
        sections += _labelled_sections(blocks, headings, last_line, has_content, sections, frozenset(named))
        missing = set(SECTIONS) - {section.key for section in sections}
        sections += [
            Section(key=label.key, title=label.text, level=_LABEL_LEVEL, line=label.line, end_line=label.line,
                    has_content=True, labelled=True)
            for label in inline_labels(blocks, missing)
        ]
        run_together = _run_together_sections(blocks, sections)
        sections += [section for section, _ in run_together]
        sections += _also_named(sections)
        sections.sort(key=lambda section: section.line)
        if "actions" not in {section.key for section in sections}:
            sections = [replace(s, key="actions") if s.key == "prevention" else s for s in sections]
        if "actions" not in {section.key for section in sections}:
            sections = _work_listed_as_fixes(sections, blocks)
        if "actions" not in {section.key for section in sections} and any(s.key in SECTIONS for s in sections):
            # Only in a postmortem: a specification's checklists are its requirements.
            sections = _work_checked_off(sections, blocks)
        spans = {(section.line, section.key): owned for section, owned in run_together}
        return Body(blocks, sections, title, first_line, last_line, headings, spans=spans)
    return Body(blocks, sections, title, first_line, last_line, headings)


def _run_together_sections(blocks: list[Block], sections: list[Section]) -> list[tuple[Section, list[Span]]]:
    """Sections no heading or label states, opened by labels that run together in one block
    (read/run_together.py), each with the spans it reads: for a key, the spans its name opens,
    else those its words open ("Immediate remediation" is work only where no "Preventive
    actions" names it). A resolution whose items are all work still to do is the action
    items of a document that names none, as under a heading."""
    spans = run_together_spans(blocks)
    if not spans:
        return []
    present = {section.key for section in sections}
    by_key: dict[str, list[Span]] = {}
    for span in spans:
        by_key.setdefault(span.key, []).append(span)
    if "actions" not in present and "actions" not in by_key:
        work = [span for span in by_key.get("resolution", ()) if _lists_work(span)]
        if work:
            by_key["actions"] = work
    found = []
    for key, owned in by_key.items():
        if key in present or key not in SECTIONS:
            continue
        owned = [span for span in owned if span.named] or owned
        first = owned[0]
        section = Section(key=key, title=first.label, level=_LABEL_LEVEL, line=first.line,
                          end_line=first.end_line, has_content=bool(first.text), labelled=True)
        found.append((section, owned))
    return found


def _lists_work(span: Span) -> bool:
    items = span_items(span)
    return bool(items) and all(is_work_to_do(text) for _, text in items)


# What separates a heading's leading name from the subject after it.
_SUBJECT_AFTER = re.compile(r"\s{0,3}(?::|\s[-–—]\s)\s{0,3}")


def _section_name_alone(text: str) -> bool:
    """Whether a heading is a section's name ("Summary", "Lessons learned (REX)"),
    not a name that leads a subject ("Retour d'expérience : la coupure des données",
    "Postmortem – checkout outage"): the subject names no section."""
    if not heading_key(text):
        return False
    parts = _SUBJECT_AFTER.split(plain(text), maxsplit=1)
    return len(parts) == 1 or not parts[1].strip() or bool(heading_key(parts[1]))


def _also_named(sections: list[Section]) -> list[Section]:
    """A heading joining the names of two sections ("Incident summary and impact",
    "Résumé et impact") is each of them: the second, when no other heading names
    it, is the same lines under its own key, marked as no heading of the page of its
    own (the page's anchors and charts count each heading once)."""
    present = {section.key for section in sections}
    extra: list[Section] = []
    for section in sections:
        summarised = summarised_key(section.title) if section.key == "summary" else ""
        if summarised and summarised not in present:
            # "Summary of impact", "**Résumé de l'impact :**": the summary states that section too.
            present.add(summarised)
            extra.append(replace(section, key=summarised, labelled=True))
        if not section.key or section.labelled:
            continue
        for key in joined_keys(section.title):
            if key in SECTIONS and key not in present:
                present.add(key)
                extra.append(replace(section, key=key, labelled=True))
    return extra


def _work_listed_as_fixes(sections: list[Section], blocks: list[Block]) -> list[Section]:
    """"## Fixes" above "- Keep the previous table when a reload fails": a resolution
    section whose list is work still to do is the action items of a document that
    names none. A list of what was done ("Rolled back the release", "The queue was
    drained") keeps it the resolution."""
    # The lists found once, by line: a history of thousands of "## Resolved" headings looked
    # through every block for each of them.
    all_lists = [block for block in blocks if isinstance(block, ListBlock)]
    lines = [block.line for block in all_lists]
    for index, section in enumerate(sections):
        if section.key != "resolution":
            continue
        lists = all_lists[bisect_right(lines, section.line):bisect_right(lines, section.end_line)]
        items = [item.text for block in lists for item in block.items]
        if items and all(is_work_to_do(item) for item in items):
            return [*sections[:index], replace(section, key="actions"), *sections[index + 1 :]]
    return sections


def _work_checked_off(sections: list[Section], blocks: list[Block]) -> list[Section]:
    """"### Ce qui change" above "- [x] Limiter les connexions" / "- [ ] Tester la
    configuration": a checklist tracks work, so under a heading no word names (or a
    resolution's) it is the action items of a document that names none; so is a list
    of instructions under a heading no word names ("## Hardening" above "- Renew
    certificates before they expire"), or one only its words cue as lessons ("## What
    can we do better next time?" above "1. Make the health checks stricter"): what it
    answers with is work to do. A heading whose words say it is no section ("Sign-off",
    "Validation"), or one named as lessons ("## Lessons learned"), keeps its lists."""
    starts = sorted(section.line for section in sections if not section.labelled)
    found = []
    for section in sections:
        if section.key in ("", "resolution", "lessons") and not section.labelled and not names_no_section(section.title):
            # Its own lists, above its first sub-section: a sub-section says what it holds.
            index = bisect_right(starts, section.line)
            own_end = min(section.end_line, starts[index] - 1) if index < len(starts) else section.end_line
            lists = [block for block in blocks
                     if isinstance(block, ListBlock) and section.line < block.line <= own_end]
            checklist = section.key != "lessons" and any(
                is_checklist_item(item.text) for block in lists for item in block.items)
            if checklist or (
                (not section.key or _cued_lessons(section)) and lists
                and all(lists_instructions([item.text for item in block.items]) for block in lists)
            ):
                section = replace(section, key="actions")
        found.append(section)
    return found


def _cued_lessons(section: Section) -> bool:
    """A lessons section named by no list of names nor questions, only by its words' cues."""
    return section.key == "lessons" and not heading_key(section.title) and not question_key(section.title)


_FLAT_SIBLINGS = 2  # named sections at level one that make a document's headings flat


def _flat_section(headings: list[Heading]) -> bool:
    """A document whose every heading is at level one ("# Issue description", "# Impact",
    "# Timeline"): its first heading is a section like the others when its question or
    words name one, not the document's title."""
    if any(heading.level != 1 for heading in headings):
        return False
    siblings = sum(1 for heading in headings[1:] if _names_section(heading.text))
    first = headings[0].text
    return siblings >= _FLAT_SIBLINGS and _names_section(first)


def _names_section(text: str) -> bool:
    return (heading_key(text) or question_key(text) or cued_key(text)) in SECTIONS


_LABEL_LEVEL = 7  # below every heading: a labelled section ends at the next heading or label


def _labelled_sections(
    blocks: list[Block], headings: list[Heading], last_line: int, has_content, around: list[Section],
    named: frozenset[str],
) -> list[Section]:
    """Sections opened by a labelled paragraph ("**Root Causes:** ..."), each running
    to the next heading or labelled paragraph. A label inside a section of its own
    kind ("**TL;DR:**" under "## Summary") opens nothing new."""
    labels = []
    for label in section_labels(blocks, named):
        if any(s.key == label.key and s.line < label.line <= s.end_line for s in around):
            continue
        if (labels and labels[-1].key == label.key and not (label.own_item or labels[-1].own_item)
                and not _heading_between(headings, labels[-1].line, label.line)):
            # "**Lessons Learned**" then "**What went well**": one section, its parts; "In the
            # short term:" and "Over the coming months:" above lists of work: one list of actions.
            if labels[-1].last_line is not None:
                labels[-1] = replace(labels[-1], last_line=label.last_line)
            continue
        labels.append(label)
    if not labels:
        return []
    stops = sorted([heading.line for heading in headings] + [label.line for label in labels])
    label_lines = {label.line for label in labels}
    # Labels that are a title on a line of their own: no text after them, no sentence.
    alone = {label.line for label in labels
             if not label.has_text and ":" not in label.text and not label.text.endswith((".", "!", "?"))}
    sections = []
    for label in labels:
        index = bisect_right(stops, label.line)
        end_line = stops[index] - 1 if index < len(stops) else last_line
        if label.last_line is not None:
            end_line = min(end_line, label.last_line)
        marker = Heading(label.line, label.line, _LABEL_LEVEL, label.text)
        if (label.line in alone and not has_content(marker, end_line) and index < len(stops)
                and stops[index] in label_lines and not _section_name_alone(label.text)):
            # "**RCA – Elevated request times**" over "**Summary:** ..." and "**Root cause:** ...":
            # a label with a subject, or read by its words, with only labels under it is their title.
            continue
        sections.append(
            Section(
                key=label.key,
                title=label.text,
                level=_LABEL_LEVEL,
                line=label.line,
                end_line=end_line,
                has_content=label.has_text or has_content(marker, end_line),
                labelled=True,
            )
        )
    return sections


def _heading_between(headings: list[Heading], first: int, last: int) -> bool:
    return any(first < heading.line < last for heading in headings)


# Sections a sub-heading names by its words even under a section of another kind, when
# the document states them nowhere else ("## Summary" > "### Customers affected"): a
# part of the account that stands for a whole section. Action items and timelines
# need their own place.
_NESTED_KEYS = frozenset({"impact", "root_cause", "lessons"})


def _question_keys(headings: list[Heading], keys: list[str], end_lines: list[int]) -> list[str]:
    """Keys with the headings no list names read by their meaning (a question,
    "What happened?", or words, "Blameless root cause"), unless they stand under a
    heading that already names a section: there they are its questions and parts
    ("## Root cause" > "### Why it happened"), but for a section of another kind
    the document states nowhere else. A cue two sections share ("What went wrong")
    names the first unless another heading names or cues it."""
    named = list(keys)
    by_name = set(keys)
    choices = [() if key else cued_choices(heading.text) for heading, key in zip(headings, keys)]
    firm = by_name | {found[0] for found in choices if len(found) == 1}
    nested: list[tuple[int, str]] = []
    open_named: list[int] = []  # indexes of keyed headings whose section is still running
    wrappers = _wrappers(headings, keys, end_lines)
    for index, heading in enumerate(headings):
        while open_named and end_lines[open_named[-1]] < heading.line:
            open_named.pop()
        if index in wrappers:
            continue
        if not named[index]:
            options = choices[index]
            cued = next((key for key in options if key not in firm), options[-1] if options else "")
            if not open_named:
                named[index] = question_key(heading.text) or (cued if cued not in by_name else "")
            elif cued in _NESTED_KEYS and cued not in {named[parent] for parent in open_named}:
                nested.append((index, cued))
        if named[index]:
            open_named.append(index)
    stated = set(named)
    for index, cued in nested:
        if cued not in stated:
            named[index] = cued
            stated.add(cued)
    return named


_WRAPPED_SECTIONS = 2  # sub-headings naming sections that make a heading the document's title level


def _wrappers(headings: list[Heading], keys: list[str], end_lines: list[int]) -> set[int]:
    """Headings no list names that hold several headings naming sections
    ("## Signing incident retrospective summary" > "### Root cause", "### Impact"):
    a title below the title, whatever its words cue, whose sub-headings are the
    document's sections, not its parts. Each heading looks at its own
    sub-headings only: the cost is the headings times the depth of nesting."""
    wrappers = set()
    for index in range(len(headings)):
        if keys[index]:
            continue
        naming = 0
        for inner in range(index + 1, len(headings)):
            if headings[inner].line > end_lines[index]:
                break
            if keys[inner] or _names_section(headings[inner].text):
                naming += 1
                if naming >= _WRAPPED_SECTIONS:
                    wrappers.add(index)
                    break
    return wrappers


def _end_lines(headings: list[Heading], last_line: int) -> list[int]:
    """Where each section ends: before the next heading of the same or a higher
    level (one pass with a stack of the sections still open), else at the last line."""
    end_lines = [last_line] * len(headings)
    still_open: list[int] = []
    for index, heading in enumerate(headings):
        while still_open and headings[still_open[-1]].level >= heading.level:
            end_lines[still_open.pop()] = heading.line - 1
        still_open.append(index)
    return end_lines


def _is_content(block: Block) -> bool:
    if isinstance(block, Rule):
        return False
    if isinstance(block, Paragraph):
        return any(text and not is_placeholder(text) for _, text in block.lines)
    if isinstance(block, ListBlock):
        return any(item.text.strip() and not is_placeholder(item.text) for item in block.items)
    if isinstance(block, Table):
        return any(any(cell.strip() for cell in row.cells) for row in block.rows)
    if isinstance(block, Fence):
        return bool(block.content.strip())
    return isinstance(block, Other)


# --- a postmortem embedded in a ```markdown fence --------------------------
#
# Specifications and wikis often show their postmortem inside a ```markdown
# fence (seed 002 is such a spec: its worked example is the postmortem). When
# the file's own headings name no postmortem section, the reader reads the
# fence's content as the body instead, with the file's real line numbers.
#
# Authors nest plain ``` fences inside a ``` fence, which CommonMark closes at
# the first inner fence; the fence's real end is found below by pairing the
# inner fences.

_OPENER = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(?:markdown|md)\s*$", re.IGNORECASE)


def embedded_body(text: str, first_line: int) -> Body | None:
    """The best postmortem inside a markdown fence, or None when there is none."""
    lines = text.split("\n")
    best: Body | None = None
    for index, line in enumerate(lines):
        opener = _OPENER.match(line)
        if not opener:
            continue
        fence = opener.group(1)
        close = _closing_line(lines, index, fence[0], len(fence))
        content = "\n".join(lines[index + 1 : close])
        body = read_body(content, first_line + index + 1)
        if body.recognised() and (best is None or body.recognised() > best.recognised()):
            best = body
    return best


def _closing_line(lines: list[str], opener: int, char: str, length: int) -> int:
    """Index of the line that closes the fence opened at `opener` (len(lines) if none)."""
    candidates: list[int] = []
    inner_open = False
    for index in range(opener + 1, len(lines)):
        stripped = lines[index].lstrip(" ")
        if len(lines[index]) - len(stripped) > 3 or not stripped.startswith(char * 3):
            continue
        run = len(stripped) - len(stripped.lstrip(char))
        bare = not stripped[run:].strip()
        if inner_open:
            if bare:
                inner_open = False
            continue
        if bare and run >= length:
            if length > 3:  # a longer outer fence nests properly: its first close is the close
                return index
            candidates.append(index)
        inner_open = True
    if not candidates:
        return len(lines)
    for index in candidates:
        # The outer fence is closed where the document goes on with a heading
        # (or ends); an inner fence is followed by code.
        following = next((line for line in lines[index + 1 :] if line.strip()), None)
        if following is None or following.startswith(("# ", "## ")) or _OPENER.match(following):
            return index
    return candidates[-1]
