"""What finding similar incidents costs on a large handbook, apart from reading.

    python benchmarks/similarity_cost.py --count 3000 --repeat 3

Writes the synthetic corpus (benchmarks/corpus.py), reads every file once with
the public reader, then runs the similarity step (`learning.similarity.find_similar`,
which a build runs once) on all of them. Prints its CPU time on the first run
(word stems not cached yet, as in a fresh `mkdocs build`) and the best of
--repeat, and the first run as a share of a plugin build of the same size
(`--plugin-build`, seconds; default: row (c) at 3000 in docs/performance.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import write_corpus
from benchmarks.measure import best_cpu
from mkdocs_postmortem.learning.repeats import repeat_groups
from mkdocs_postmortem.learning.similarity import find_similar
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings

PLUGIN_BUILD_AT_3000 = 88.1  # seconds, docs/performance.md, (c) Material + postmortem plugin, N = 3000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plugin-build", type=float, default=PLUGIN_BUILD_AT_3000,
                        help="seconds a plugin build of the same corpus takes (default: %(default)s, N = 3000)")
    args = parser.parse_args(argv)
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.count, args.seed)
        sources = [(path.name, path.read_bytes()) for path in paths]
    pms = [
        read_postmortem(content, path=name, src_uri=f"postmortems/{name}", settings=settings)
        for name, content in sources
    ]
    start = time.process_time()
    similarity = find_similar(pms)
    repeats = repeat_groups(pms, similarity)
    first = time.process_time() - start
    best = best_cpu(args.repeat, lambda: repeat_groups(pms, find_similar(pms)))
    listed = sum(1 for pm in pms if similarity.of(pm))
    print(f"{len(pms)} postmortems: similarity and repeats, CPU seconds")
    print(f"  first run (cold stem cache)  {first:7.2f} s")
    print(f"  best of {args.repeat}                    {best:7.2f} s")
    print(f"  share of a {args.plugin_build:.1f} s plugin build  {100 * first / args.plugin_build:5.1f} %")
    print(f"  incidents with similar ones listed: {listed}; repeat groups: {len(repeats)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
