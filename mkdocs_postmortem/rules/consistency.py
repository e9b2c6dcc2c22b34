"""PM603: a duration or metric written in the body disagrees with the timestamps.

Authors often write "Durée : 47 minutes" or a metrics table by hand; when the
timestamps say otherwise, one of them is wrong. Tolerance: one minute, or, for
a value written as approximate ("about 1 hour", "environ 1 h 10", "~45 min"),
what rounding explains: a tenth of the value, at least five minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..metrics import incident_metrics, minutes_between
from ..model import WARNING
from ..read.vocabulary import vocabulary
from ..text import fold, minutes_in_full
from .context import Context, Finding, quote
from .rule import rule

TOLERANCE_MINUTES = 1.0
# A value written as approximate is rounded by its author ("about 1 hour" for 64 minutes).
APPROXIMATE_SHARE = 0.1
APPROXIMATE_FLOOR_MINUTES = 5.0

# The two moments each metric is computed from (TTR's first one is `ttr_from`).
_MOMENTS = {
    "duration": ("started", "resolved"),
    "ttd": ("started", "detected"),
    "tta": ("detected", "acknowledged"),
    "ttm": ("started", "mitigated"),
    "ttr": ("{ttr_from}", "resolved"),
}

_NAMES = {
    "duration": ("duration", "resolved − started"),
    "ttd": ("time to detect (TTD)", "detected − started"),
    "tta": ("time to acknowledge (TTA)", "acknowledged − detected"),
    "ttm": ("time to mitigate (TTM)", "mitigated − started"),
    "ttr": ("time to resolve (TTR)", "resolved − {ttr_from}"),
}


@rule("PM603", "stated-metric-mismatch", WARNING, reads_body=True)
def stated_metric_mismatch(ctx: Context) -> Iterator[Finding]:
    """a duration or metric written in the body disagrees with the timestamps

    ## What it checks

    A duration or metric written in the body disagrees by more than one minute with
    the one computed from the timestamps: `Duration` / `Durée` (resolved − started),
    and `TTD`, `TTA`, `TTM`, `TTR` (or `MTTD`...) in a summary list or metrics table.
    TTR is measured from `started`, or from `detected` with `ttr_from: detected`.
    A value written as approximate ("about 1 hour", "environ 1 h 10", "~45 min")
    may be off by what rounding explains: a tenth of it, at least five minutes.

    ## Why it matters

    Readers quote the number they see in the text; the charts use the timestamps.
    When they disagree, one of them is wrong.

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

    - **Duration**: 90 minutes
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

    - **Duration**: 70 minutes
    ```

    ## How to fix it

    Correct the text or the timestamps, whichever is wrong.
    """
    pm = ctx.pm
    computed = incident_metrics(pm, ctx.settings.ttr_from).as_dict()
    computed["duration"] = minutes_between(pm.started, pm.resolved)
    for key, (label, formula) in _NAMES.items():
        stated = pm.stated.get(key)
        actual = computed.get(key)
        if stated is None or actual is None or not isinstance(stated.value, (int, float)):
            continue
        if abs(float(stated.value) - actual) <= _tolerance(stated.raw, actual):
            continue
        first, second = (name.format(ttr_from=ctx.settings.ttr_from) for name in _MOMENTS[key])
        if _one_entry(pm, first, second):
            continue
        formula = formula.format(ttr_from=ctx.settings.ttr_from)
        hint = ""
        if key == "ttr":
            hint = " (TTR is measured from `ttr_from` in the plugin config)"
        yield Finding(
            stated.line,
            f"{label} written as {quote(stated.raw)} but the timestamps give "
            f"{minutes_in_full(actual)} ({formula}){hint}; correct the text or the timestamps",
        )


def _tolerance(raw: str, actual: float) -> float:
    """Minutes a written value may be off: one, or what rounding explains when the text
    says the value is approximate."""
    marked = any(mark in raw for mark in vocabulary().approximate_marks)  # folding drops "~"
    if not marked and _approximate_word().search(fold(raw)) is None:
        return TOLERANCE_MINUTES
    return max(APPROXIMATE_FLOOR_MINUTES, abs(actual) * APPROXIMATE_SHARE)


@lru_cache(maxsize=1)
def _approximate_word() -> re.Pattern[str]:
    said = "|".join(re.escape(word) for word in sorted(vocabulary().approximate_words, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s(*_])(?:{said})(?=\s)")


def _one_entry(pm, first: str, second: str) -> bool:
    """Both moments are one moment read off one body line (a timeline's first entry
    taken for the start is also the alert that detected it): the zero they give is
    the reader's guess, not a number the text can contradict. A line that states
    two moments ("10:45 - 16:11 UTC") is compared as usual."""
    line = pm.source_lines.get(first)
    return (
        line is not None
        and pm.field_sources.get(first) == "body"
        and pm.field_sources.get(second) == "body"
        and pm.source_lines.get(second) == line
        and getattr(pm, first, None) == getattr(pm, second, None)
    )
