"""The 5 Whys, in the forms the seeds use:

- a numbered list with question and answer on one line
  ("1. Pourquoi l'incident s'est produit ? Parce que ..."),
- bold questions followed by their answer ("**Pourquoi … ?** answer", or the
  answer on the next line or in a nested list),
- a fenced block of "1. Pourquoi ... ?" lines each followed by "→ answer",
- a plain list of questions without answers (answers left empty),
- or the front matter's `five_whys:` list.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..model import ProblemKind, ReadProblem, Section, Why
from ..text import fold
from .sections import Body
from .structure import Fence, ListBlock, Paragraph
from .text import plain
from .vocabulary import vocabulary

_NUMBER = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s+")
_ARROW = re.compile(r"^\s*(?:→|->|=>|⇒|➜|➔)\s*")


@lru_cache(maxsize=1)
def _answer_label() -> re.Pattern[str]:
    """"Réponse :", "Because:" (data/reading.yml `answer_labels`) before an answer."""
    labels = "|".join(re.escape(label) for label in sorted(vocabulary().answer_labels, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{labels})\s*[:：]\s*", re.IGNORECASE)
_BOLD_QUESTION = re.compile(r"^\s*(\*\*|__)(?P<q>.+?)(\1)\s*(?P<rest>.*)$", re.DOTALL)


def is_why(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[0] in ("why", "pourquoi")


def body_whys(body: Body) -> tuple[list[Why], int | None]:
    """(whys, line where they were looked for)."""
    for key in ("five_whys", "root_cause"):
        for section in body.sections_keyed(key):
            whys = _whys_in(body, section, every_item=key == "five_whys")
            if whys:
                return whys, section.line
    five = body.sections_keyed("five_whys")
    if five:
        return [], five[0].line
    root = body.sections_keyed("root_cause")
    return [], root[0].line if root else None


def _whys_in(body: Body, section: Section, every_item: bool) -> list[Why]:
    """The first why-list, why-fence or run of bold why-paragraphs in a section."""
    from_paragraphs: list[Why] = []
    for block in body.blocks_under(section):
        if isinstance(block, Paragraph):
            _add_paragraph_whys(block, from_paragraphs)
            continue
        if from_paragraphs:
            return from_paragraphs
        found: list[Why] = []
        if isinstance(block, ListBlock):
            found = _from_list(block, every_item)
        elif isinstance(block, Fence):
            found = _from_fence(block)
        if found:
            return found
    return from_paragraphs


def _from_list(block: ListBlock, every_item: bool) -> list[Why]:
    whys: list[Why] = []
    top = min((item.depth for item in block.items), default=0)
    for item in block.items:
        text = item.text.strip()
        if item.depth > top:  # a nested item answers the question above it
            if whys and not whys[-1].answer:
                whys[-1] = replace(whys[-1], answer=_clean_answer(text))
            continue
        if not text or not fold(text):  # "- ......"
            continue
        if not (every_item or is_why(plain(text))):
            continue
        question, answer = split_question(text)
        if not answer and len(item.paragraphs) > 1:
            answer = _clean_answer(item.paragraphs[1][1])
        whys.append(Why(line=item.line, question=question, answer=answer))
    return whys


def _from_fence(block: Fence) -> list[Why]:
    whys: list[Why] = []
    for offset, raw in enumerate(block.content.split("\n")):
        line = block.content_line + offset
        text = raw.strip()
        if not text:
            continue
        arrow = _ARROW.match(text) or _answer_label().match(text)
        if arrow:
            if whys:
                answer = text[arrow.end() :].strip()
                whys[-1] = replace(whys[-1], answer=f"{whys[-1].answer} {answer}".strip())
            continue
        body = _NUMBER.sub("", text)
        if is_why(body):
            question, answer = split_question(body)
            whys.append(Why(line=line, question=question, answer=answer))
        elif whys and not whys[-1].answer:
            whys[-1] = replace(whys[-1], answer=text)
    return whys


def _add_paragraph_whys(block: Paragraph, whys: list[Why]) -> None:
    """Bold questions as paragraph lines, each followed by its answer."""
    for line, text in block.lines:
        if not text:
            continue
        if is_why(plain(_NUMBER.sub("", text))):
            question, answer = split_question(_NUMBER.sub("", text))
            whys.append(Why(line=line, question=question, answer=answer))
        elif whys and not whys[-1].answer:
            whys[-1] = replace(whys[-1], answer=_clean_answer(text))


def split_question(text: str) -> tuple[str, str]:
    """("Pourquoi X ?", "answer") from "Pourquoi X ? answer", "**Pourquoi X ?** answer",
    "Pourquoi X ? → answer" or "**Why 1:** Why X?\\nanswer"."""
    text = text.strip()
    bold = _BOLD_QUESTION.match(text)
    if bold and "?" in bold.group("q"):
        return plain(bold.group("q")), _clean_answer(bold.group("rest"))
    mark = text.find("?")
    if mark == -1:
        first, _, rest = text.partition("\n")
        return plain(first), _clean_answer(rest)
    return plain(text[: mark + 1]), _clean_answer(text[mark + 1 :])


def _clean_answer(text: str) -> str:
    text = " ".join(text.split())
    text = _ARROW.sub("", text)
    text = _answer_label().sub("", text)
    return plain(text).strip(" -–—:")


def front_matter_whys(value: Any, lines: list[int], default_line: int) -> tuple[list[Why], list[ReadProblem]]:
    """`five_whys:` as strings ("Why? Because") or {why, because} / {question, answer} mappings."""
    if not isinstance(value, list):
        return [], [ReadProblem(ProblemKind.WRONG_VALUE, default_line, "five_whys must be a list of {why: ..., because: ...} entries")]
    whys: list[Why] = []
    problems: list[ReadProblem] = []
    for index, entry in enumerate(value):
        line = lines[index] if index < len(lines) else default_line
        if isinstance(entry, str):
            question, answer = split_question(entry)
            whys.append(Why(line=line, question=question, answer=answer))
        elif isinstance(entry, dict):
            question = _pick(entry, ("why", "question", "pourquoi", "q"))
            answer = _pick(entry, ("because", "answer", "reponse", "réponse", "parce que", "a"))
            whys.append(Why(line=line, question=question, answer=answer))
        else:
            problems.append(ReadProblem(ProblemKind.WRONG_VALUE, line, "a five_whys entry must be a text or {why: ..., because: ...}"))
    return whys, problems


def _pick(entry: dict, keys: tuple[str, ...]) -> str:
    for key in keys:
        if entry.get(key) not in (None, ""):
            return str(entry[key]).strip()
    return ""
