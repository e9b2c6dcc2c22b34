"""What the timeline chart costs per postmortem page.

    python benchmarks/chart_cost.py --count 300 --repeat 3

Builds the same synthetic handbook (benchmarks/corpus.py) twice, each in its
own `mkdocs build` process: with the plugin's defaults, and with
`timeline_chart: false`. Both builds have the generated pages and their trend
charts, so the difference is the timeline charts alone. Prints build time
(the run with the least CPU time of --repeat, wall and CPU), the difference per postmortem page, the
ratio, and the bytes a chart adds to a page's HTML. Nothing is timed inside
the plugin: only public tools (mkdocs, the standard library).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import best_builds, prepare

PLUGIN = {
    "charts": "plugins:\n  - search\n  - postmortem\n",
    "no-charts": "plugins:\n  - search\n  - postmortem:\n      timeline_chart: false\n",
}
CHART_JSON = re.compile(r'<script type="application/json">(.*?)</script>', re.DOTALL)


def postmortem_pages(site: Path, sources: list[Path]) -> list[Path]:
    return [site / "postmortems" / source.stem / "index.html" for source in sources]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="postmortems in the handbook (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind; the fastest counts (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work folder and print its path")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="chart-cost-"))
    try:
        prepare(root, args.count, args.seed, PLUGIN)
        sources = sorted((root / "docs" / "postmortems").glob("*.md"))
        timings = best_builds(root, args.repeat, PLUGIN)
        pages = {key: postmortem_pages(root / f"site-{key}", sources) for key in PLUGIN}
        sizes = {key: [page.stat().st_size for page in pages[key]] for key in PLUGIN}
        charted = [page for page in pages["charts"] if 'postmortem-chart--timeline' in page.read_text(encoding="utf-8")]
        json_sizes = [
            len(match.group(1))
            for page in charted
            for match in CHART_JSON.finditer(page.read_text(encoding="utf-8"))
        ]
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    with_charts, without = timings["charts"], timings["no-charts"]
    n = len(sources)
    print(f"{n} postmortems, {len(charted)} with a timeline chart; least CPU time of {args.repeat} builds each, alternating")
    print(f"{'':28}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}")
    for label, result in (("with timeline charts", with_charts), ("timeline_chart: false", without)):
        print(f"{label:28}{result.seconds:9.2f}{result.cpu:9.2f}{result.peak_mb:9.0f}")
    wall_extra = (with_charts.seconds - without.seconds) / n * 1000
    cpu_extra = (with_charts.cpu - without.cpu) / n * 1000
    print(f"cost per postmortem page:   {wall_extra:.1f} ms wall, {cpu_extra:.1f} ms CPU")
    print(f"ratio with / without:       {with_charts.seconds / without.seconds:.2f} wall, "
          f"{with_charts.cpu / without.cpu:.2f} CPU")
    added = statistics.median(a - b for a, b in zip(sizes["charts"], sizes["no-charts"]))
    print(f"HTML added per page:        {added / 1024:.1f} KB median "
          f"(page {statistics.median(sizes['no-charts']) / 1024:.1f} KB without the chart)")
    if json_sizes:
        print(f"figure JSON per chart:      {statistics.median(json_sizes) / 1024:.1f} KB median, "
              f"{max(json_sizes) / 1024:.1f} KB largest (plotly's default template alone is ~6.5 KB)")
    if args.keep:
        print(f"work folder: {root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
