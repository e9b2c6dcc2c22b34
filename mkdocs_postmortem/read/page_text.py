"""What the page should show of a file, decided once while the file is read.

Rendering needs two things the file's text gives, and takes them from the
model rather than working them out again for every page:

- the text MkDocs should render instead of the file's bytes, when the two
  differ: mojibake shown repaired, undecodable bytes replaced, front matter
  the reader refused (not YAML, not a mapping, an alias bomb) left out, since
  MkDocs would otherwise parse it again itself, expand the bomb, or show the
  broken YAML as page text;
- the source lines of timeline rows that hold HTML, which the page shows as
  text (see render/timeline_rows.py).
"""

from __future__ import annotations

from ..model import ProblemKind
from .frontmatter import body_text
from .working import WorkingPostmortem


def page_text(pm: WorkingPostmortem, source: bytes | str) -> str | None:
    """The text MkDocs should render, or None when the file's own bytes will do."""
    text = pm.text
    if any(problem.kind is ProblemKind.UNREADABLE for problem in pm.problems):
        text = body_text(text, pm.body_line)
    if isinstance(source, str):
        return None if text == source else text
    return None if text.encode("utf-8") == source else text


def timeline_html_rows(pm: WorkingPostmortem) -> tuple[str, ...]:
    """The timeline rows, as written, that hold HTML."""
    if not pm.timeline or "<" not in pm.text:
        return ()
    lines = pm.text.split("\n")
    return tuple(
        dict.fromkeys(
            lines[event.line - 1]
            for event in pm.timeline
            if 0 < event.line <= len(lines) and "<" in lines[event.line - 1]
        )
    )
