"""`mkdocs-postmortem stats`: incident metrics, per incident and aggregated."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Sequence
from datetime import date

from ..engines.config_file import SiteError, load_site
from ..engines.postmortem_files import collect_sources
from ..handbook import Handbook
from ..learning.followthrough import (
    MINIMUM,
    FollowThrough,
    by_owner,
    by_service,
    follow_through,
    per_quarter,
)
from ..metrics import METRIC_NAMES, Aggregate
from ..model import Postmortem
from ..one_line import one_line
from ..text import chart_labels, duration_text, quarter_key
from .site import add_cache_options, add_config_file_option, model_cache


def register(commands) -> None:
    parser = commands.add_parser(
        "stats",
        help="print TTD / TTA / TTM / TTR per incident and aggregated",
        description="Incident metrics in minutes: per incident, and count / median / p90 / mean "
        "per severity, service and quarter.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the configured postmortem folder)")
    add_config_file_option(parser)
    add_cache_options(parser)
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="text for people; json or csv (one row per incident, minutes) for tools")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only incidents that started on or after this day")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    since = _day(args.since) if args.since else None
    site = load_site(args.config_file)
    handbook = Handbook.load(
        collect_sources(site, args.paths), site.settings, workers=site.options.workers, store=model_cache(site, args),
    )
    chosen = [pm for pm in handbook.postmortems if since is None or (pm.phase_day is not None and pm.phase_day >= since)]
    print(FORMATS[args.format](handbook, chosen))
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SiteError(f"--since {text!r} is not a date; write it as YYYY-MM-DD") from None


def incidents(handbook: Handbook, chosen: Sequence[Postmortem]) -> list[dict]:
    rows = []
    for pm in chosen:
        metrics = handbook.metrics[pm.src_uri]
        rows.append(
            {
                "id": pm.id,
                "path": pm.path,
                "title": pm.title,
                "severity": pm.severity,
                "status": pm.status,
                "services": list(pm.services),
                "started": pm.started.isoformat() if pm.started else None,
                "resolved": pm.resolved.isoformat() if pm.resolved else None,
                **metrics.as_dict(),
            }
        )
    return rows


def groups(handbook: Handbook, chosen: Sequence[Postmortem]) -> list[tuple[str, str, list]]:
    """(by, key, postmortems) for the chosen incidents, each severity (unknown last), service and quarter."""
    result: list[tuple[str, str, list]] = [("all", "all", list(chosen))]
    result += [
        ("severity", level, [pm for pm in chosen if pm.severity == level])
        for level in handbook.settings.severities
        if any(pm.severity == level for pm in chosen)
    ]
    unknown = [pm for pm in chosen if pm.severity is None]
    if unknown:  # its own group, last
        result.append(("severity", "unknown", unknown))
    services: dict[str, list] = {}
    for pm in chosen:
        for name in dict.fromkeys(pm.services):
            services.setdefault(name, []).append(pm)
    result += [("service", name, services[name]) for name in sorted(services, key=lambda n: (n.casefold(), n))]
    quarters: dict[str, list] = {}
    for pm in chosen:
        if pm.started is not None:
            quarters.setdefault(quarter_key(pm.started), []).append(pm)
    result += [("quarter", key, quarters[key]) for key in sorted(quarters)]
    return result


def aggregates(handbook: Handbook, chosen: Sequence[Postmortem]) -> list[dict]:
    rows = []
    for by, key, pms in groups(handbook, chosen):
        summary = handbook.aggregates_of(pms)
        rows.append(
            {"by": by, "key": key, "incidents": len(pms), **{n: summary[n].as_dict() for n in METRIC_NAMES}}
        )
    return rows


def follow_through_figures(handbook: Handbook, chosen: Sequence[Postmortem]) -> dict:
    """Whether the chosen incidents' action items got done (learning/followthrough.py):
    each figure as {"value", "n"}, value null under MINIMUM items."""
    items = [(pm, action) for pm in chosen for action in pm.actions]
    today = handbook.settings.build_date
    return {
        "as_of": today.isoformat(),
        "minimum": MINIMUM,
        "units": {"done_by_deadline": "share", "days_to_done": "days", "overdue_days": "days"},
        "overall": follow_through(items, today).as_dict(),
        "by_service": {name: figure.as_dict() for name, figure in by_service(items, today).items()},
        "by_owner": {name: figure.as_dict() for name, figure in by_owner(items, today).items()},
        "per_quarter": [{"quarter": key, "done": done, "open": still_open} for key, done, still_open in per_quarter(items)],
    }


def as_json(handbook: Handbook, chosen: Sequence[Postmortem]) -> str:
    return json.dumps(
        {
            "incidents": incidents(handbook, chosen),
            "aggregates": aggregates(handbook, chosen),
            "follow_through": follow_through_figures(handbook, chosen),
        },
        ensure_ascii=False,
        indent=2,
    )


CSV_COLUMNS = ("id", "path", "title", "severity", "status", "services", "started", "resolved", *METRIC_NAMES)


def as_csv(handbook: Handbook, chosen: Sequence[Postmortem]) -> str:
    """One row per incident, durations in minutes (empty when unknown), services joined by `;`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in incidents(handbook, chosen):
        row["services"] = ";".join(row["services"])
        writer.writerow([_csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue().rstrip("\n")


# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    """The cell's text on one line (the csv module quotes commas and quotes; a raw line
    break, even quoted, would start a new line in a CI log). A text a spreadsheet would
    run as a formula (a title `=HYPERLINK(...)`) starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = one_line(str(value))
    return f"'{text}" if text.startswith(_FORMULA_START) else text


_WORDS = chart_labels("en")


def _duration(value: float | None) -> str:
    return duration_text(value, _WORDS, unknown="-")


def _median_p90_mean(aggregate: Aggregate) -> str:
    if not aggregate.count:
        return "-"
    return f"{_duration(aggregate.median)} / {_duration(aggregate.p90)} / {_duration(aggregate.mean)}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    header = [one_line(str(cell)) for cell in header]
    rows = [[one_line(str(cell)) for cell in row] for row in rows]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return lines


def as_text(handbook: Handbook, chosen: Sequence[Postmortem]) -> str:
    count = len(chosen)
    lines = [f"{count} incident{'s' * (count != 1)}"]
    lines.append("")
    lines += _table(
        ["id", "severity", "started", "ttd", "tta", "ttm", "ttr"],
        [
            [
                pm.id,
                pm.severity or "?",
                pm.started.strftime("%Y-%m-%d %H:%M %Z").strip() if pm.started else "-",
                *(_duration(getattr(handbook.metrics[pm.src_uri], n)) for n in METRIC_NAMES),
            ]
            for pm in chosen
        ],
    )
    titles = {"all": "All incidents", "severity": "By severity", "service": "By service", "quarter": "By quarter"}
    current = None
    rows: list[list[str]] = []

    def flush() -> None:
        if current is not None:
            lines.extend(["", f"{titles[current]} (median / p90 / mean)"])
            lines.extend(_table([current if current != "all" else "", "n", *METRIC_NAMES], rows))

    for row in aggregates(handbook, chosen):
        if row["by"] != current:
            flush()
            current, rows = row["by"], []
        rows.append(
            [row["key"], str(row["incidents"])]
            + [_median_p90_mean(Aggregate(**row[n])) for n in METRIC_NAMES]
        )
    flush()
    lines += ["", f"Follow-through of action items (no figure from fewer than {MINIMUM} items)"]
    items = [(pm, action) for pm in chosen for action in pm.actions]
    today = handbook.settings.build_date
    rows = [["all", *_follow_cells(follow_through(items, today))]]
    rows += [[f"service {name}", *_follow_cells(figure)] for name, figure in by_service(items, today).items()]
    rows += [[f"owner {name}", *_follow_cells(figure)] for name, figure in by_owner(items, today).items()]
    lines += _table(["", "items", "done", "done by deadline", "days to done (median)", "overdue days (median)"], rows)
    return "\n".join(lines)


def _follow_cells(figure: FollowThrough) -> list[str]:
    def shown(value: float | None, n: int, percent: bool = False) -> str:
        if value is None:
            return f"- (n={n})"
        return f"{round(100 * value)} % (n={n})" if percent else f"{round(value)} (n={n})"

    return [
        str(figure.items),
        str(figure.done),
        shown(figure.on_time.value, figure.on_time.n, percent=True),
        shown(figure.to_done.value, figure.to_done.n),
        shown(figure.overdue_age.value, figure.overdue_age.n),
    ]


FORMATS = {"text": as_text, "json": as_json, "csv": as_csv}
