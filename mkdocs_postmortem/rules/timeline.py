"""PM701: a timeline entry whose time or date cannot be read for certain.

Placing a row in time needs the table's time zone, the incident's date and the
day roll-over, which the reader works out while reading the timeline: it
records each entry it could not place for certain (`pm.problems`), and this
rule reports them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import WARNING, ProblemKind
from .context import Context, Finding
from .placeholders import is_placeholder_value
from .rule import rule


@rule("PM701", "timeline-unreadable", WARNING, capped=False,
      silence_hint="`error` makes every such entry fail the build")
def timeline_unreadable(ctx: Context) -> Iterator[Finding]:
    """timeline entry whose time or date cannot be read for certain, or entries out of order

    ## What it checks

    Each timeline entry (a table row, a list item or a paragraph) on its own:

    - a time that cannot be read (`soon`, `25:99`);
    - a numeric date whose order of day and month neither the date itself nor the
      file's other dates decide (`03-04-2025`): the message says how it was read;
    - a zone abbreviation the plugin does not know (`06:00 XYZ`): the time is read
      on the timeline's clock, never silently as UTC;
    - entries whose full timestamps go backwards.

    Times are read as people write them: `14:05`, `14h05`, `**16:58 UTC**`,
    `[08:47]`, `04:49 PM UTC`, `~16:45` (approximate), `16:35:xx`,
    `Jan 14, 10:18 AM`, `27-05-2025 13:44`, `2018-08-22, 03:26pm`. A range
    `09:00 - 11:00` is an entry at 09:00. `[???]` and `--:--` mark a time the
    author did not know: the entry is kept without a time, and nothing is
    reported.

    It is a warning, one per entry, never an error for the whole timeline: an
    entry that cannot be placed is left out of the chart, and the rest of the
    timeline still counts.

    ## Why it matters

    The timeline chart and the phase times read from the timeline need every row's
    time; a row that cannot be placed is left out of the chart.

    ## Example

    Fails:

    ```markdown
    ## Timeline

    | Time  | Event                        |
    |-------|------------------------------|
    | 14:00 | The secret expires           |
    | soon  | The pending-orders alert fires |
    ```

    Passes:

    ```markdown
    ## Timeline

    | Time  | Event                          |
    |-------|--------------------------------|
    | 14:00 | The secret expires             |
    | 14:12 | The pending-orders alert fires |
    ```

    ## How to fix it

    Write the time as HH:MM or YYYY-MM-DD HH:MM, and keep the rows in time order.
    """
    # A template's "HH:MM" row is one problem, a placeholder (PM103), not two.
    template_rows = {event.line for event in ctx.pm.timeline if is_placeholder_value(event.raw_time)}
    for finding in ctx.seen(ProblemKind.UNCERTAIN_TIME):
        if finding.line not in template_rows:
            yield finding
