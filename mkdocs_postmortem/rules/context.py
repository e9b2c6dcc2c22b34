"""What every check receives, and the few helpers several checks share.

Checks never parse Markdown again: they read the model the reader built and,
for wording rules, the lines of `pm.text` outside code. Those lines are
computed once per postmortem and shared by every check that needs them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, cached_property
from importlib import resources
from typing import Any, NamedTuple

import yaml

from ..config import Settings
from ..model import Postmortem


class Finding(NamedTuple):
    """A problem before its level is decided (configuration, ignore list, draft)."""

    code: str
    line: int
    message: str


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_TYPOGRAPHIC_APOSTROPHE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def fold(text: str) -> str:
    """Lower case without accents, for comparing names written by people."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def load_data(name: str) -> dict[str, Any]:
    """A YAML file of `mkdocs_postmortem/data/`, read once per process."""
    text = resources.files("mkdocs_postmortem").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def quote(text: str, limit: int = 60) -> str:
    """Text from the file as a message shows it: double-quoted, one line, not too long."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'


class Context:
    def __init__(self, pm: Postmortem, settings: Settings) -> None:
        self.pm = pm
        self.settings = settings

    @cached_property
    def lines(self) -> list[str]:
        return self.pm.text.split("\n")

    @cached_property
    def prose(self) -> list[tuple[int, str]]:
        """(line number, text) of body lines outside code blocks and HTML comments.

        Inline code spans are blanked out with spaces, so positions stay
        true; typographic apostrophes become plain ones so that one pattern
        matches both `n'a` and `n’a`.
        """
        result: list[tuple[int, str]] = []
        fence: str | None = None
        in_comment = False
        for number in range(max(self.pm.body_line, 1), len(self.lines) + 1):
            line = self.lines[number - 1]
            opening = _FENCE.match(line)
            if fence is not None:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    if not line.strip()[len(opening.group(1)):].strip():
                        fence = None
                continue
            if opening:
                fence = opening.group(1)
                continue
            if in_comment:
                end = line.find("-->")
                if end < 0:
                    continue
                line = " " * (end + 3) + line[end + 3:]
                in_comment = False
            line = _blank_comments(line)
            if "<!--" in line:
                in_comment = True
                line = line[: line.index("<!--")]
            line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
            result.append((number, line.translate(_TYPOGRAPHIC_APOSTROPHE)))
        return result

    @cached_property
    def people(self) -> set[str]:
        """Names this postmortem gives to people: authors, reviewers, action owners."""
        pm = self.pm
        names = [*pm.authors, *pm.reviewers, *(action.owner or "" for action in pm.actions)]
        found: set[str] = set()
        for name in names:
            for part in re.split(r"[\s,;/&]+", str(name)):
                part = part.strip("@()[]*_")
                if part[:1].isupper():
                    found.add(part)
        return found


_COMMENT = re.compile(r"<!--.*?-->")


def _blank_comments(line: str) -> str:
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), line)


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def table_cells(line: str) -> list[str]:
    """Cells of a Markdown table row; [] for the |---|---| rule line."""
    if _TABLE_RULE.match(line):
        return []
    stripped = line.strip()
    if stripped.startswith("|"):
        stripped = stripped[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", stripped)]
