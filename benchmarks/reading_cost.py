"""What each stage of reading costs, on the synthetic corpus, in one process.

    python benchmarks/reading_cost.py --count 1000

Writes the corpus (benchmarks/corpus.py), then reads and checks every file as
`mkdocs-postmortem check` does (`read_and_check`, no cache, one process) and
prints the process time spent in each stage: decoding, the front matter, the
block parse, the sections, timeline, facts, actions and 5 Whys readers, and the
single-file rules. Each stage is timed by wrapping the function the reader
calls, a few calls per file, so the figures are those of an unprofiled run.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import write_corpus
from mkdocs_postmortem import handbook, read
from mkdocs_postmortem.read import sections
from mkdocs_postmortem.settings import Settings

# (module, function, label): the stages as read_postmortem and read_and_check call them.
STAGES = (
    (read, "decode", "decoding (encoding.py, ftfy)"),
    (read, "read_front_matter", "front matter (YAML)"),
    (sections, "parse_blocks", "block parse (structure.py)"),
    (read, "read_body", "sections, block parse included"),
    (read, "read_facts", "summary facts"),
    (read, "read_timeline", "timeline"),
    (read, "body_actions", "action items"),
    (read, "body_whys", "5 Whys"),
    (handbook, "read_postmortem", "reading, all stages"),
    (handbook, "check_postmortem", "single-file rules"),
)


def timed(spent: Counter, label: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        paths = write_corpus(Path(folder), args.count, args.seed)
        sources = [
            handbook.Source(path=f"docs/postmortems/{path.name}", src_uri=f"postmortems/{path.name}", content=path.read_bytes())
            for path in paths
        ]
    spent: Counter = Counter()
    for module, name, label in STAGES:
        setattr(module, name, timed(spent, label, getattr(module, name)))
    settings = Settings()
    start = time.process_time()
    for source in sources:
        handbook.read_and_check(source, settings)
    total = time.process_time() - start
    print(f"{len(sources)} postmortems, {total:.2f} s of process time, {1000 * total / len(sources):.2f} ms per file")
    for _, _, label in STAGES:
        print(f"  {label:34} {spent[label]:6.2f} s  {1000 * spent[label] / len(sources):5.2f} ms per file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
