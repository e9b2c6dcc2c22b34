"""PM701: a timeline row whose time cannot be read, or rows out of order.

The reader reports what it sees while reading the table; this check adds
what the model still shows (a row without a time, full timestamps going
backwards) and never repeats a row the reader already reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, quote
from .placeholders import is_placeholder_value


def pm701(ctx: Context) -> Iterator[Finding]:
    previous = None
    for event in ctx.pm.timeline:
        if event.time is None:
            if event.raw_time.strip() and not is_placeholder_value(event.raw_time):
                yield Finding(
                    "PM701", event.line,
                    f"timeline time {quote(event.raw_time)} cannot be read; write HH:MM "
                    "(on the incident's date) or YYYY-MM-DD HH:MM",
                )
            continue
        if previous is not None and event.time < previous.time:
            yield Finding(
                "PM701", event.line,
                f"timeline row {quote(event.raw_time)} is earlier than the row above it "
                f"({quote(previous.raw_time)}); put the rows in time order",
            )
        previous = event


CHECKS = {"PM701": pm701}
