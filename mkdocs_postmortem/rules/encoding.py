"""PM104: text that looks mis-encoded (UTF-8 read as Mac Roman or Latin-1 once).

The reader repairs such text (with ftfy) so that the rest of the pipeline
reads "Résumé", and records what it repaired. This rule tells the author, with
the repaired text, so the file can be saved again as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, quote


def pm104(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    if any(problem.code == "PM104" for problem in pm.problems) or not pm.repaired:
        return  # the reader said the file is not UTF-8 at all, or there is nothing to say
    # One diagnostic per file: a file decoded with the wrong encoding is wrong
    # everywhere, and a warning per line would drown every other problem.
    line, found, repaired = pm.repaired[0]
    found, repaired = _excerpts(found, repaired)
    others = len(pm.repaired) - 1
    more = f" (and {others} more line{'s' * (others != 1)})" if others else ""
    yield Finding(
        "PM104", line,
        f"text looks mis-encoded: {quote(found)} reads {quote(repaired)}{more}; "
        "the handbook shows the repaired text, re-save the file as UTF-8 to fix it at the source",
    )


def _excerpts(before: str, after: str, width: int = 50) -> tuple[str, str]:
    """The same stretch of both texts, around the first repaired character."""
    start = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), 0)
    start = max(0, before.rfind(" ", 0, max(0, start - 10)) + 1)
    def cut(text: str) -> str:
        part = text[start : start + width].strip()
        return ("…" if start else "") + part + ("…" if len(text) > start + width else "")
    return cut(before), cut(after)


CHECKS = {"PM104": pm104}
