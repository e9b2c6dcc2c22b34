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
        return  # the reader already said it in its own words, or there is nothing to say
    # One diagnostic per file: a file decoded with the wrong encoding is wrong
    # everywhere, and a warning per line would drown every other problem.
    line, found, repaired = pm.repaired[0]
    others = len(pm.repaired) - 1
    more = f" (and {others} more line{'s' * (others != 1)})" if others else ""
    yield Finding(
        "PM104", line,
        f"text looks mis-encoded: {quote(found)} reads {quote(repaired)}{more}; "
        "the handbook shows the repaired text, re-save the file as UTF-8 to fix it at the source",
    )


CHECKS = {"PM104": pm104}
