"""What sanitising postmortem pages costs (nh3, after Markdown, before charts).

    python benchmarks/sanitise_cost.py --count 300 --repeat 3

Builds the same synthetic handbook (benchmarks/corpus.py) in separate
`mkdocs build` processes: with the plugin's defaults (bodies sanitised) and
with `allow_raw_html: true` (not sanitised), alternating, and prints the
build with the least CPU time of each, the difference per postmortem page and
the ratio. Nothing is timed inside the plugin: only public tools.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import best_builds, best_cpu, prepare
from mkdocs_postmortem.render.sanitise import sanitise

VARIANTS = {
    "sanitised": "plugins:\n  - search\n  - postmortem\n",
    "raw-html": "plugins:\n  - search\n  - postmortem:\n      allow_raw_html: true\n",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300, help="postmortems in the handbook (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind; the fastest counts (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="sanitise-cost-"))
    try:
        prepare(root, args.count, args.seed, VARIANTS)
        timings = best_builds(root, args.repeat, VARIANTS)
        bodies = [_article(page) for page in sorted((root / "site-raw-html" / "postmortems").glob("*/index.html"))]
        bodies = [body for body in bodies if body]
    finally:
        shutil.rmtree(root, ignore_errors=True)

    sanitised, raw = timings["sanitised"], timings["raw-html"]
    n = args.count
    print(f"{n} postmortems; least CPU time of {args.repeat} builds each, alternating")
    print(f"{'':28}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}")
    for label, result in (("sanitised (default)", sanitised), ("allow_raw_html: true", raw)):
        print(f"{label:28}{result.seconds:9.2f}{result.cpu:9.2f}{result.peak_mb:9.0f}")
    print(f"cost per postmortem page:   {(sanitised.seconds - raw.seconds) / n * 1000:.2f} ms wall, "
          f"{(sanitised.cpu - raw.cpu) / n * 1000:.2f} ms CPU")
    print(f"ratio sanitised / raw:      {sanitised.seconds / raw.seconds:.3f} wall, {sanitised.cpu / raw.cpu:.3f} CPU")
    # The builds differ by less than a shared machine's noise; the sanitiser's own
    # time on the same pages says what it costs: the best of five passes over all of them.
    def sanitise_all() -> None:
        for body in bodies:
            sanitise(body)

    least = best_cpu(5, sanitise_all)
    sizes = sorted(len(body) for body in bodies)
    print(f"sanitise() alone:           {least / len(bodies) * 1000:.3f} ms CPU per page "
          f"({len(bodies)} pages, median {sizes[len(sizes) // 2] / 1024:.1f} KB of body HTML), "
          f"{least / raw.cpu * 100:.2f} % of the raw build's CPU")
    return 0


def _article(page: Path) -> str:
    """The rendered body MkDocs wrote for a postmortem (what the plugin sanitises)."""
    html = page.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.rfind("</article>")
    return html[html.find(">", start) + 1 : end] if start != -1 and end != -1 else ""


if __name__ == "__main__":
    raise SystemExit(main())
