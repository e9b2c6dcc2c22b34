"""What the rules cost per postmortem, apart from reading.

    python benchmarks/rules_cost.py --count 1000 --repeat 3

Writes the synthetic corpus (benchmarks/corpus.py), reads every file once with
the public reader, then runs `check_postmortem` on all of them and
`check_handbook` once, --repeat times. Prints the best CPU time per file for
all rules together and for each rule alone (its share), so that a slow
pattern shows up by name. Reading is measured too, for scale.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import write_corpus
from benchmarks.measure import best_cpu
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import FILE_CHECKS, RULES, check_handbook, check_postmortem
from mkdocs_postmortem.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    settings = Settings()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.count, args.seed)
        sources = [(path.name, path.read_bytes()) for path in paths]
    pms = []

    def read_all() -> None:
        pms[:] = [
            read_postmortem(content, path=name, src_uri=f"postmortems/{name}", settings=settings)
            for name, content in sources
        ]

    reading = best_cpu(1, read_all)

    def check_all(chosen: Settings) -> None:
        for pm in pms:
            check_postmortem(pm, chosen)
        check_handbook(pms, chosen)

    everything = best_cpu(args.repeat, lambda: check_all(settings))
    per_file = 1000 / len(pms)
    print(f"{len(pms)} postmortems, CPU time per file (best of {args.repeat}):")
    print(f"  reading            {reading * per_file:7.3f} ms")
    print(f"  all rules          {everything * per_file:7.3f} ms")
    for code in FILE_CHECKS:
        # One rule alone: every other rule off.
        alone = replace(settings, rules={rule.code: "off" for rule in RULES if rule.code != code})
        cost = best_cpu(args.repeat, lambda alone=alone: check_all(alone))
        print(f"  {code} alone       {cost * per_file:7.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
