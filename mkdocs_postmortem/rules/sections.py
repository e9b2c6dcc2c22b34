"""Section rules: PM101 (a mandatory section is missing), PM102 (it is empty)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ERROR
from ..text import load_data
from .context import Context, Finding, quote
from .rule import rule


def heading_hint(key: str) -> str:
    names = load_data("rule_hints.yml")["section_headings"].get(key, {})
    english, french = names.get("en", key), names.get("fr", key)
    if english == french:
        return f'"## {english}"'
    return f'"## {english}" (in French: "## {french}")'


def has_five_whys(ctx: Context) -> bool:
    """The 5 Whys may be a section of their own or a numbered why-list inside the root cause."""
    return ctx.pm.section("five_whys") is not None or bool(ctx.pm.whys)


@rule("PM101", "section-missing", ERROR, completeness=True)
def section_missing(ctx: Context) -> Iterator[Finding]:
    """mandatory section missing

    ## What it checks

    A mandatory section is missing. By default: summary, timeline, impact,
    root_cause, actions and lessons (`mandatory_sections` in the config; add
    `five_whys` to require a 5 Whys section, which may also be a numbered list of
    whys inside the root cause). Headings are recognised in English and French after
    folding case, accents, emoji and punctuation: `## 📖 Résumé de l'incident`,
    `## Executive summary`, `## TL;DR` are all the summary.

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    A postmortem is read by people who were not there. Each section answers one of
    their questions: what happened, when, to whom, why, and what changes now.

    ## Example

    Fails:

    ```markdown
    ---
    title: Checkout orders stuck after the payment webhook secret expired
    severity: P2
    services: [checkout, payments]
    started: 2026-03-04 14:00
    resolved: 2026-03-04 15:10
    ---

    ## Summary

    The webhook signing secret expired; orders stayed pending for 70 minutes.

    ## Timeline

    | Time  | Event                                           |
    |-------|-------------------------------------------------|
    | 14:00 | The webhook signing secret expires              |
    | 15:10 | Pending orders are confirmed; incident resolved |

    ## Impact

    About 300 orders stayed pending; no payment was lost.

    ## Root Cause

    Nothing tracked the expiry date of the secret.

    ## Action Items

    - [ ] Alert on the webhook failure rate - Owner: Ana Lopez - Due: 2026-09-01
    ```

    Passes:

    ```markdown
    ---
    title: Checkout orders stuck after the payment webhook secret expired
    severity: P2
    services: [checkout, payments]
    started: 2026-03-04 14:00
    resolved: 2026-03-04 15:10
    ---

    ## Summary

    The webhook signing secret expired; orders stayed pending for 70 minutes.

    ## Timeline

    | Time  | Event                                           |
    |-------|-------------------------------------------------|
    | 14:00 | The webhook signing secret expires              |
    | 15:10 | Pending orders are confirmed; incident resolved |

    ## Impact

    About 300 orders stayed pending; no payment was lost.

    ## Root Cause

    Nothing tracked the expiry date of the secret.

    ## Action Items

    - [ ] Alert on the webhook failure rate - Owner: Ana Lopez - Due: 2026-09-01

    ## Lessons Learned

    Every secret needs a known expiry date.
    ```

    ## How to fix it

    Add the section named in the message, even with a short text.
    """
    pm = ctx.pm
    for key in ctx.settings.mandatory_sections:
        present = has_five_whys(ctx) if key == "five_whys" else pm.section(key) is not None
        if key == "timeline" and not present:
            present = _timeline_by_content(pm)
        if not present:
            yield Finding(
                pm.body_line,
                f"mandatory section {heading_hint(key)} is missing; add it with what the team "
                "knows, even if short",
            )


_BODY_TIMELINE = 2  # entries the body must hold for its timeline to stand without a heading naming it


def _timeline_by_content(pm) -> bool:
    """Entries led by times under a heading no word names ("Comment avons-nous rétabli
    les services ?"), or a status page's updates: the body holds its timeline."""
    stage = pm.timeline_source.get("stage")
    return stage not in (None, "front_matter") and len(pm.timeline) >= _BODY_TIMELINE


@rule("PM102", "section-empty", ERROR, completeness=True, reads_body=True)
def section_empty(ctx: Context) -> Iterator[Finding]:
    """mandatory section present but empty

    ## What it checks

    A mandatory section is present but has nothing under it (sub-sections count as
    content). The diagnostic points at the heading.

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    An empty heading reads as if the question had been answered. It usually means
    the template was copied and the section forgotten.

    ## Example

    Fails:

    ```markdown
    ## Impact

    ## Root Cause
    ```

    Passes:

    ```markdown
    ## Impact

    About 300 orders stayed pending for up to 70 minutes; no payment was lost.
    ```

    ## How to fix it

    Write what the team knows under the heading, even "No customer impact: the failover absorbed all traffic."
    """
    for key in ctx.settings.mandatory_sections:
        section = ctx.pm.section(key)
        if section is not None and not section.has_content:
            yield Finding(
                section.line,
                f"section {quote(section.title)} is empty; write what the team knows under it",
            )

