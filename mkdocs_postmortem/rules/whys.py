"""PM201: the 5 Whys are not completed.

Not every team uses 5 Whys (some prefer contributing-factor analysis), so the
rule is one line of config away from off: `rules: {PM201: off}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, quote

REQUIRED_WHYS = 5
_SILENCE = "(if the team uses another analysis, set `rules: {PM201: off}`)"


def pm201(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    root_cause = pm.section("root_cause")
    five_whys = pm.section("five_whys")
    if not pm.whys and five_whys is None and (root_cause is None or not root_cause.has_content):
        return  # the missing or empty root cause section is PM101's or PM102's to report
    for why in pm.whys:
        if not why.answer.strip():
            yield Finding(
                "PM201", why.line,
                f"why {quote(why.question)} has no answer; write the answer after the question",
            )
    if len(pm.whys) < REQUIRED_WHYS:
        anchor = five_whys or root_cause
        line = pm.whys_line or (anchor.line if anchor else pm.body_line)
        heading = quote(anchor.title) if anchor else "the root cause"
        found = f"only {len(pm.whys)}" if pm.whys else "no"
        yield Finding(
            "PM201", line,
            f"5 Whys not completed: {found} why/answer pair{'s' * (len(pm.whys) != 1)} of "
            f"{REQUIRED_WHYS}; add numbered whys with their answers under {heading} {_SILENCE}",
        )


CHECKS = {"PM201": pm201}
