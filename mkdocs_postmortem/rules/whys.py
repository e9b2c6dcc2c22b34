"""PM201: the 5 Whys are not completed.

Not every team uses 5 Whys (some prefer contributing-factor analysis), so the
rule is one line of config away from off: `rules: {PM201: off}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ERROR
from .context import Context, Finding, quote
from .rule import rule

REQUIRED_WHYS = 5
_SILENCE = "(if the team uses another analysis, set `rules: {PM201: off}`)"


@rule("PM201", "five-whys-incomplete", ERROR, completeness=True, reads_body=True)
def five_whys_incomplete(ctx: Context) -> Iterator[Finding]:
    """5 Whys not completed: fewer than five why/answer pairs, or an empty answer

    ## What it checks

    The 5 Whys are not completed: fewer than five why/answer pairs, or a why
    whose answer is empty. Whys are read from a `5 Whys` / `5 Pourquoi` section, a
    numbered list of whys inside the root cause, or `five_whys:` in the front matter.

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    Stopping at the first or second why usually stops at a person or a symptom;
    the fifth is where the system change is found.

    Not every team uses 5 Whys: some prefer contributing-factor analysis and argue
    against a single root cause. If that is your team, switch this rule off for
    the whole site (below).

    ## Example

    Fails:

    ```markdown
    ### 5 Whys

    1. Why did orders stay pending? The shop rejected every webhook.
    2. Why were the webhooks rejected? The signing secret had expired.
    3. Why had it expired?
    ```

    Passes:

    ```markdown
    ### 5 Whys

    1. Why did orders stay pending? The shop rejected every webhook.
    2. Why were the webhooks rejected? The signing secret had expired.
    3. Why had it expired? The provider rotates secrets every 90 days.
    4. Why was the rotation not anticipated? Nothing tracked the expiry date.
    5. Why was nothing tracking it? The risk was not listed at set-up.
    ```

    ## How to fix it

    Complete the whys, or switch the rule off if the team uses another analysis.
    """
    pm = ctx.pm
    root_cause = pm.section("root_cause")
    five_whys = pm.section("five_whys")
    if not pm.whys and five_whys is None and (root_cause is None or not root_cause.has_content):
        return  # the missing or empty root cause section is PM101's or PM102's to report
    for why in pm.whys:
        if not why.answer.strip():
            yield Finding(
                why.line,
                f"why {quote(why.question)} has no answer; write the answer after the question",
            )
    if len(pm.whys) < REQUIRED_WHYS:
        anchor = five_whys or root_cause
        line = pm.whys_line or (anchor.line if anchor else pm.body_line)
        heading = quote(anchor.title) if anchor else "the root cause"
        found = f"only {len(pm.whys)}" if pm.whys else "no"
        yield Finding(
            line,
            f"5 Whys not completed: {found} why/answer pair{'s' * (len(pm.whys) != 1)} of "
            f"{REQUIRED_WHYS}; add numbered whys with their answers under {heading} {_SILENCE}",
        )

