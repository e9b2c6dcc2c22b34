"""`mkdocs-postmortem stats`: incident metrics, per incident and aggregated."""

from __future__ import annotations

import argparse
import json

from ..handbook import Handbook
from ..metrics import METRIC_NAMES, Aggregate, PERIODS, summarise
from .site import collect_sources, load_site


def register(commands) -> None:
    parser = commands.add_parser(
        "stats",
        help="print TTD / TTA / TTM / TTR per incident and aggregated",
        description="Incident metrics in minutes: per incident, and count / median / p90 / mean "
        "per severity, service and quarter.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the configured postmortem folder)")
    parser.add_argument("-f", "--config-file", metavar="FILE", help="the site's mkdocs.yml (default: ./mkdocs.yml when present)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    site = load_site(args.config_file)
    handbook = Handbook.load(collect_sources(site, args.paths), site.settings, workers=site.options.workers)
    print(as_json(handbook) if args.format == "json" else as_text(handbook))
    return 0


def incidents(handbook: Handbook) -> list[dict]:
    rows = []
    for pm in handbook.postmortems:
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


def groups(handbook: Handbook) -> list[tuple[str, str, list]]:
    """(by, key, postmortems) for the whole handbook, each severity, service and quarter."""
    result = [("all", "all", handbook.postmortems)]
    result += [("severity", level, pms) for level, pms in handbook.by_severity.items() if pms]
    if handbook.unknown_severity:  # its own group, last
        result.append(("severity", "unknown", handbook.unknown_severity))
    result += [("service", name, pms) for name, pms in handbook.by_service.items()]
    quarters: dict[str, list] = {}
    for pm in handbook.postmortems:
        if pm.started is not None:
            quarters.setdefault(PERIODS["quarter"](pm.started), []).append(pm)
    result += [("quarter", key, quarters[key]) for key in sorted(quarters)]
    return result


def aggregates(handbook: Handbook) -> list[dict]:
    rows = []
    for by, key, pms in groups(handbook):
        summary = summarise(handbook.metrics[pm.src_uri] for pm in pms)
        rows.append(
            {"by": by, "key": key, "incidents": len(pms), **{n: summary[n].as_dict() for n in METRIC_NAMES}}
        )
    return rows


def as_json(handbook: Handbook) -> str:
    return json.dumps(
        {"incidents": incidents(handbook), "aggregates": aggregates(handbook)},
        ensure_ascii=False,
        indent=2,
    )


def _minutes(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _median_p90(aggregate: Aggregate) -> str:
    if not aggregate.count:
        return "-"
    return f"{_minutes(aggregate.median)} / {_minutes(aggregate.p90)}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return lines


def as_text(handbook: Handbook) -> str:
    lines = [f"{len(handbook.postmortems)} incidents; durations in minutes"]
    lines.append("")
    lines += _table(
        ["id", "severity", "started", "ttd", "tta", "ttm", "ttr"],
        [
            [
                pm.id,
                pm.severity or "?",
                pm.started.strftime("%Y-%m-%d %H:%M %Z").strip() if pm.started else "-",
                *(_minutes(getattr(handbook.metrics[pm.src_uri], n)) for n in METRIC_NAMES),
            ]
            for pm in handbook.postmortems
        ],
    )
    titles = {"all": "All incidents", "severity": "By severity", "service": "By service", "quarter": "By quarter"}
    current = None
    rows: list[list[str]] = []

    def flush() -> None:
        if current is not None:
            lines.extend(["", f"{titles[current]} (median / p90)"])
            lines.extend(_table([current if current != "all" else "", "n", *METRIC_NAMES], rows))

    for row in aggregates(handbook):
        if row["by"] != current:
            flush()
            current, rows = row["by"], []
        rows.append(
            [row["key"], str(row["incidents"])]
            + [_median_p90(Aggregate(**row[n])) for n in METRIC_NAMES]
        )
    flush()
    return "\n".join(lines)
