"""Action items: every table, list, checklist and labelled paragraph under the
action sections (their sub-sections included), or the front matter's `actions:` list.

Statuses are normalised to open / in-progress / done / wont-do; deadlines
are read as dates, with day/month deadlines ("22/02") placed in the
incident's year (or the next, when earlier than the incident).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from ..model import ActionItem, ProblemKind, ReadProblem
from ..text import fold
from .labelled import run_in_label
from .run_together import Span, span_items, span_sentences
from .sections import Body
from .structure import ListBlock, Paragraph, Table
from .text import is_placeholder, plain
from .tickets import references_in
from .values import read_action_status, read_date
from .vocabulary import vocabulary
from .work_items import (
    CHECKBOX,
    is_instruction,
    is_outcome,
    is_work_under_way,
    status_label,
)

_ROLES = ("action", "owner", "due", "status", "done", "priority", "number", "ticket")


def body_actions(body: Body, incident_day: date | None) -> list[ActionItem]:
    items: list[ActionItem] = []
    seen: set[int] = set()
    for section in body.sections_keyed("actions"):
        spans = body.spans.get((section.line, section.key))
        if spans is not None:
            items.extend(item for span in spans for item in _span_items(span))
            continue
        own = _labelled_item(body, section)
        if own is not None:
            items.append(own)
            continue
        label: tuple[int, str] | None = None  # a bold line such as "**Target: Q4 2025**" above the items
        blocks = [block for block in _own_blocks(body, section) if id(block) not in seen]  # a sub-section: read once
        # Where a section lists its items, its sentences are about them ("We are very sorry"), not more items.
        prose = not any(isinstance(block, (ListBlock, Table)) for block in blocks)
        named_work: set[int] = set()
        for block in blocks:
            seen.add(id(block))
            group = _group(body, block.line, section.line)
            if isinstance(block, Paragraph):
                found = group_label(block)
                if found and not _paragraph_items(block, None, incident_day):
                    label = (block.line, found)
                    continue
                heading = body.nearest_heading(block.line)
                if label is not None and (heading is None or heading.line < label[0]):
                    group = label[1]
                found_items = _paragraph_items(block, group, incident_day, prose)
                if prose and found_items and heading is not None and heading.line != section.line:
                    # A sub-heading over sentences committing to work names that work: one item,
                    # however many sentences tell it ("### Daily backups" / "We will back up ...").
                    if heading.line not in named_work:
                        named_work.add(heading.line)
                        items.append(replace(found_items[0], line=heading.line, text=plain(heading.title)))
                    continue
                items.extend(found_items)
                continue
            heading = body.nearest_heading(block.line)
            if label is not None and (heading is None or heading.line < label[0]):
                group = label[1]
            if isinstance(block, Table):
                items.extend(_table_items(block, group, incident_day))
            elif isinstance(block, ListBlock):
                items.extend(_list_items(block, group, incident_day))
    return items


def _span_items(span: Span) -> list[ActionItem]:
    """The items of a section whose label runs together with others in one block: its
    inline list's items, less those that tell what was done; else its sentences that
    commit to work or tell what to do ("Improve planning around upgrades.")."""
    listed = span_items(span)
    if listed:
        found = [(line, text) for line, text in listed if not is_outcome(plain(text))]
    else:
        phrases = vocabulary().section_cues.commitments
        found = [(line, text) for line, text in span_sentences(span)
                 if not text.endswith(":") and (is_instruction(plain(text)) or is_work_under_way(text) or any(
                     f" {fold(text)} ".startswith(f" {phrase} ") for phrase in phrases))]
    return [ActionItem(line=line, text=plain(text).rstrip("."), group=None, source="paragraph",
                       references=references_in(text)) for line, text in found if plain(text)]


def _own_blocks(body: Body, section) -> list:
    """The blocks under an action section, less those of a label's own section inside it
    ("**Resolved** - ..." updates under "What we're doing")."""
    others = [(other.line, other.end_line) for other in body.sections
              if other.labelled and other.key and other.key != "actions" and section.line < other.line <= section.end_line]
    return [block for block in body.blocks_under(section)
            if not any(first <= block.line <= last for first, last in others)]


def _group(body: Body, line: int, top_line: int) -> str | None:
    """The sub-heading an item sits under, below the action section itself."""
    nearest = body.nearest_heading(line)
    if nearest is None or nearest.line == top_line:
        return None
    return plain(nearest.title) or None


def _table_items(
    table: Table, group: str | None, incident_day: date | None
) -> list[ActionItem]:
    words = vocabulary()
    columns: dict[str, int] = {}
    for index, header in enumerate(table.header):
        role = words.column_role(header, _ROLES) or ("number" if header.strip() == "#" else None)
        if role and role not in columns:
            columns[role] = index
    if "action" not in columns:
        # "| Ticket | Description |": under an action heading, a column that describes
        # is the action's; else "| Improvement | Who | When |": the first column not
        # named for another role holds the action.
        described = [index for index, header in enumerate(table.header)
                     if index not in columns.values() and words.column_role(header, ("event",))]
        free = [index for index in range(len(table.header)) if index not in columns.values()]
        if described and set(columns) & {"ticket", "number", "owner", "due", "status"}:
            columns["action"] = described[0]
        elif not free or free[0] != 0 or not set(columns) & {"owner", "due", "status"}:
            return []
        else:
            columns["action"] = 0
    items = []
    for row in table.rows:
        def cell(role: str) -> str:
            index = columns.get(role)
            return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

        text = plain(cell("action"))
        if not text:
            continue
        references = references_in(f"{cell('action')} {cell('ticket')}")
        item = ActionItem(line=row.line, text=text, group=group, source="table", references=references)
        item = _filled(item, cell("owner"), cell("due"), cell("status"), cell("priority"), incident_day)
        items.append(_with_done(item, cell("done"), incident_day))
    return items


def _list_items(
    block: ListBlock, group: str | None, incident_day: date | None
) -> list[ActionItem]:
    """Checklist items ("- [ ] Fix it - Owner: Ana - Due: 2026-03-01"), and plain
    or numbered list items: an item without an owner or a deadline is still an
    action item. Plain sub-items are details of the item above."""
    items = []
    for entry in block.items:
        text = entry.text.split("\n")[0].strip()
        references = references_in(text)
        box = CHECKBOX.match(text)
        if box:
            text = text[box.end() :]
        # "DONE: test the timeout path" is a status leading the item, read before the fields
        # ("- Done: 2026-03-18" after the text is the day it was done).
        labelled_status, text = status_label(text)
        fields, text = split_fields(text)
        if not box and not fields and entry.depth > 0:
            continue
        if labelled_status and "status" not in fields:
            fields["status"] = labelled_status
        text = plain(text)
        if not text or is_placeholder(text) and not box:
            continue
        if not box and not fields and is_outcome(text):
            continue  # "The queue was drained": what was done, not work to do
        ticked = bool(box and box.group(1) != " ")
        item = ActionItem(
            line=entry.line, text=text, group=group, source="checklist", status_raw="[x]" if ticked else None,
            references=references,
        )
        status = fields.get("status", "")
        if ticked:
            status = status or "done"
        item = _filled(item, fields.get("owner", ""), fields.get("due", ""), status, fields.get("priority", ""),
                       incident_day)
        if ticked and not fields.get("status"):
            item = replace(item, status="done")
        items.append(_with_done(item, fields.get("done", ""), incident_day))
    return items


# A marker that enumerates an item Markdown does not make a list of: a letter or a
# roman number before ")" or ".", or between parentheses ("a) ...", "(b) ...", "C. ...",
# "iv) ...").
_ENUMERATED = re.compile(r"^(?:\((?:[A-Za-z]|[ivxIVX]{1,4})\)|(?:[A-Za-z]|[ivxIVX]{1,4})[.)])[ \t]+(?=\S)")


def _paragraph_items(
    block: Paragraph, group: str | None, incident_day: date | None, prose: bool = True,
) -> list[ActionItem]:
    """Lines of a paragraph that are items of their own: a status word leads them ("Done: ...", "À faire : ..."),
    they carry an owner, a deadline or a status ("**Add a queue** — Owner: Orders"), or a
    letter enumerates them ("a) Add a queue"). A sentence without them is prose about the
    items, not one."""
    items = []
    for line, written in block.lines:
        written = written.strip()
        enumerated = _ENUMERATED.match(written)
        if enumerated:
            written = written[enumerated.end():]
        labelled_status, text = status_label(written)
        fields, text = split_fields(text)
        if labelled_status and "status" not in fields:
            fields["status"] = labelled_status
        if not enumerated and not fields.keys() & {"owner", "due", "status"}:
            continue
        text = plain(text)
        if not text or is_placeholder(text):
            continue
        item = ActionItem(line=line, text=text, group=group, source="paragraph", references=references_in(written))
        item = _filled(item, fields.get("owner", ""), fields.get("due", ""), fields.get("status", ""),
                       fields.get("priority", ""), incident_day)
        items.append(_with_done(item, fields.get("done", ""), incident_day))
    if items or not prose:
        return items
    return _committed_sentences(block, group) or _instruction_led(block, group) or _run_in(block, group)


def _run_in(block: Paragraph, group: str | None) -> list[ActionItem]:
    """"**Tooling:** make the removal script refuse ..." under an action heading or the
    sentence that introduces it: a paragraph its own label leads is one item, the label
    saying what the work is about."""
    if not block.lines:
        return []
    labelled = run_in_label(block.lines[0][1].strip())
    if labelled is None:
        return []
    text = plain(" ".join([labelled[1], *(written.strip() for _, written in block.lines[1:])])).strip()
    if not text or is_placeholder(text):
        return []
    line = block.lines[0][0]
    return [ActionItem(line=line, text=text, group=group or labelled[0], source="paragraph",
                       references=references_in(" ".join(written for _, written in block.lines)))]


def _labelled_item(body: Body, section) -> ActionItem | None:
    """A section that is only its labelled paragraph ("Fix: we now run a test ...", one of
    a run of them): the paragraph's text after its label is one item."""
    if not section.labelled:
        return None
    for index in body.block_range(section.line, section.line):
        block = body.blocks[index]
        if isinstance(block, Paragraph) and block.end_line >= section.end_line:
            found = _run_in(block, None)
            return replace(found[0], group=None) if found else None
    return None


def _instruction_led(block: Paragraph, group: str | None) -> list[ActionItem]:
    """A paragraph under an action heading whose first sentence is an instruction
    ("**Rate-limit pulls per client.** A single CI provider must not ...", "Ajouter une
    alerte sur la mémoire. Elle préviendra ..."): an item, the rest of the paragraph its
    detail. Only the first line counts: a hard-wrapped line may open on any word; a bold
    line of its own ("**Improve monitoring**") is a label grouping the items below it."""
    if not block.lines or group_label(block):
        return []
    line, written = block.lines[0]
    sentence = _SENTENCE_END.split(plain(written).strip(), maxsplit=1)[0].strip()
    if not sentence or sentence.endswith(":") or not is_instruction(sentence):
        return []
    return [ActionItem(line=line, text=sentence, group=group, source="paragraph", references=references_in(written))]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _committed_sentences(block: Paragraph, group: str | None) -> list[ActionItem]:
    """Sentences of a paragraph under an action heading that commit to work ("We will add
    an alert on the queue depth. Nous déplacerons aussi les workers."): an item each. A
    sentence that introduces a list ("We will make these changes:") is not one."""
    phrases = vocabulary().section_cues.commitments
    items = []
    for line, written in block.lines:
        references = None  # the line's, found once: a line of a thousand sentences was read a thousand times
        for sentence in _SENTENCE_END.split(plain(written).strip()):
            sentence = sentence.strip()
            folded = f" {fold(sentence)} "
            if sentence.endswith(":") or not (
                    any(folded.startswith(f" {phrase} ") for phrase in phrases) or is_work_under_way(sentence)):
                continue
            if references is None:
                references = references_in(written)
            items.append(ActionItem(line=line, text=sentence.rstrip("."), group=group, source="paragraph",
                                    references=references))
    return items


_LABEL_LINE = re.compile(r"^(?:\*\*|__)(?P<bold>[^*_]{1,60}?)(?:\*\*|__):?$|^(?P<label>[^:]{1,30}:\s*[^:]{1,30})$")


def group_label(block: Paragraph) -> str | None:
    """"Target: Q4 2025" or "**Short term**" on a line of its own: the items below are one group."""
    if len(block.lines) != 1:
        return None
    match = _LABEL_LINE.match(block.lines[0][1].strip())
    if not match:
        return None
    return plain(match["bold"] or match["label"]).strip(" :") or None


# The blanks before a label are taken whole (a look-ahead and its back-reference: an atomic
# group), from the first blank of their run: handing some of them to the label never helps, yet
# a long run of blanks was tried every way between the `\s+`, the label and the `\s*` after it,
# from each of its blanks, in cubic time.
_FIELD = re.compile(
    r"(?:^|(?<!\s)(?=(\s+))\1[-–—|,;(](?=(\s*))\2|(?<!\s)(?=(\s+))\3)"
    r"(?:\*\*|__)?(?P<label>[A-Za-zÀ-ÿ' ]{1,20}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?"
)


def split_fields(text: str) -> tuple[dict[str, str], str]:
    """({"owner": "Ana", "due": "2026-03-01"}, "Fix it") from "Fix it - Owner: Ana - Due: 2026-03-01"."""
    labels = vocabulary().checklist_fields
    matches = [m for m in _FIELD.finditer(text) if fold(m.group("label")) in labels]
    if not matches:
        return {}, text
    fields: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip().rstrip(")").strip(" -–—|,;*_")
        fields.setdefault(labels[fold(match.group("label"))], value)
    if "owner" in fields and "due" not in fields:
        fields["owner"], due = _owner_and_deadline(fields["owner"])
        if due:
            fields["due"] = due
    return fields, text[: matches[0].start()].strip(" -–—|,;")


_OWNER_DEADLINE = re.compile(
    r"^(?P<owner>[^,;]{1,80}?)[ \t]{0,3}[,;][ \t]{0,3}(?P<label>[^\W\d][\w' ]{0,15}?)[ \t]{0,3}[:：]?[ \t]{1,3}"
    r"(?P<due>\S.{0,40})$"
)


def _owner_and_deadline(owner: str) -> tuple[str, str]:
    """("payments team", "2024-08-01") from "payments team, due 2024-08-01": an owner
    text that carries its deadline under a deadline label (data/reading.yml)."""
    match = _OWNER_DEADLINE.match(owner.strip())
    if match and vocabulary().checklist_fields.get(fold(match["label"])) == "due":
        return match["owner"].strip(), match["due"].strip()
    return owner, ""


def _filled(
    item: ActionItem,
    owner: str,
    due: str,
    status: str,
    priority: str,
    incident_day: date | None,
) -> ActionItem:
    """The item with its owner, deadline, status and priority read from the cells as written."""
    words = vocabulary()
    owner = plain(owner)
    if not due.strip():  # "payments team, due 2024-08-01" in an Owner cell or field: an owner and a deadline
        owner, due = _owner_and_deadline(owner)
    priority = plain(priority)
    changes: dict[str, Any] = {
        "owner": owner if owner and not words.is_empty_word(owner) else None,
        "priority": priority if priority and not words.is_empty_word(priority) else None,
    }
    due = plain(due)
    if due:
        changes["due_raw"] = due
        if not words.is_empty_word(due) and not is_placeholder(due):
            changes["due"] = read_date(due, incident_day)
    if status:
        changes["status_raw"] = item.status_raw or plain(status)
        changes["status"] = read_action_status(status) or "open"
    return replace(item, **changes)


def _with_done(item: ActionItem, done: str | date, incident_day: date | None) -> ActionItem:
    """The item with the day it was done, when written. A completion date with no
    status written means done; a status written wins (an item reopened keeps its date)."""
    if isinstance(done, date):
        day = done if type(done) is date else done.date()
        changes: dict[str, Any] = {"done": day, "done_raw": day.isoformat()}
    else:
        written = plain(done)
        if not written or vocabulary().is_empty_word(written) or is_placeholder(written):
            return item
        changes = {"done_raw": written, "done": read_date(written, incident_day)}
    if changes["done"] is not None and item.status_raw is None:
        changes["status"] = "done"
    return replace(item, **changes)


def front_matter_actions(
    value: Any, lines: list[int], default_line: int, incident_day: date | None
) -> tuple[list[ActionItem], list[ReadProblem]]:
    """Items from `actions:` in the front matter: mappings {action, owner, due, status, priority, done}."""
    problems: list[ReadProblem] = []
    if not isinstance(value, list):
        return [], [ReadProblem(ProblemKind.WRONG_VALUE, default_line, "actions must be a list of {action, owner, due, status} entries")]
    items = []
    for index, entry in enumerate(value):
        line = lines[index] if index < len(lines) else default_line
        if isinstance(entry, str):
            entry = {"action": entry}
        if not isinstance(entry, dict):
            problems.append(
                ReadProblem(ProblemKind.WRONG_VALUE, line, "an action must be a mapping such as {action: ..., owner: ..., due: YYYY-MM-DD}")
            )
            continue
        text = _text(entry, ("action", "text", "title", "task", "tache", "tâche"))
        item = ActionItem(
            line=line, text=text, source="front-matter", group=_text(entry, ("group",)) or None,
            references=references_in(" ".join(_texts(entry, ("ticket", "tickets", "issue", "issues")))),
        )
        due_value = entry.get("due", entry.get("deadline", entry.get("echeance", entry.get("échéance"))))
        if isinstance(due_value, date):
            due_day = due_value if type(due_value) is date else due_value.date()
            item = replace(item, due=due_day, due_raw=due_value.isoformat())
            due_text = ""
        else:
            due_text = "" if due_value is None else str(due_value)
        item = _filled(
            item,
            _text(entry, ("owner", "responsable", "assignee")),
            due_text,
            _text(entry, ("status", "statut", "etat", "état")),
            _text(entry, ("priority", "priorite", "priorité")),
            incident_day,
        )
        done_value = next((entry[key] for key in _DONE_KEYS if entry.get(key) not in (None, "")), "")
        items.append(_with_done(item, done_value if isinstance(done_value, date) else str(done_value), incident_day))
    return items, problems


def _texts(entry: dict, keys: tuple[str, ...]) -> list[str]:
    """Every value under `keys`, a list's items one by one."""
    values: list[str] = []
    for key in keys:
        value = entry.get(key)
        items = value if isinstance(value, list) else [value]
        values.extend(str(item) for item in items if item not in (None, ""))
    return values


_DONE_KEYS = ("done", "done_on", "completed", "completed_on", "fait_le", "termine_le", "terminé_le")


def _text(entry: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = entry.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""
