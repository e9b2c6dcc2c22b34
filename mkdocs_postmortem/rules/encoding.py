"""PM104: text that is not UTF-8, or looks mis-encoded (UTF-8 read as Mac Roman or Latin-1 once).

The reader reads bytes that are not UTF-8 as Windows-1252 and repairs
mojibake (with ftfy) so that the rest of the pipeline reads "Résumé"; it
records both. This rule tells the author, with the repaired text, so the file
can be saved again as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import WARNING, ProblemKind
from .context import Context, Finding, quote
from .rule import rule


@rule("PM104", "mis-encoded-text", WARNING)
def mis_encoded_text(ctx: Context) -> Iterator[Finding]:
    """text looks mis-encoded (mojibake); shows the repaired text

    ## What it checks

    Text that looks mis-encoded: UTF-8 that was once decoded as Mac Roman or
    Latin-1, such as `R√©sum√©` for `Résumé` or `Ã©` for `é`. The reader repairs it
    (with ftfy) so the handbook shows the right text; this warning quotes the first
    repaired line and its repaired text, and says how many lines were affected.

    ## Why it matters

    The page looks right only because the plugin repairs it; other tools (search
    in the repository, diffs, editors) still see the broken text.

    ## Example

    Fails:

    ```markdown
    ## R√©sum√© ex√©cutif
    ```

    Passes:

    ```markdown
    ## Résumé exécutif
    ```

    ## How to fix it

    Open the file in an editor, check the text, and save it as UTF-8.
    """
    not_utf8 = list(ctx.seen(ProblemKind.NOT_UTF8))
    if not_utf8:
        yield from not_utf8  # the whole file was read in another encoding: that says it all
        return
    pm = ctx.pm
    if not pm.repaired:
        return
    # One diagnostic per file: a file decoded with the wrong encoding is wrong
    # everywhere, and a warning per line would drown every other problem.
    line, found, repaired = pm.repaired[0]
    found, repaired = _excerpts(found, repaired)
    others = len(pm.repaired) - 1
    more = f" (and {others} more line{'s' * (others != 1)})" if others else ""
    yield Finding(
        line,
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

