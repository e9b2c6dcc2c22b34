"""How good the similar-incident suggestions are, on postmortems whose authors declared `related` links.

    python benchmarks/similarity_quality.py docs/postmortems tests/fixtures/learning

For each folder, reads every postmortem, finds similar incidents as a build
does, and compares the top three suggestions of each incident with the links
its authors declared (`related`, in either direction):

- recall at 3: of the declared links (counted from each end), how many have
  the linked incident among the top three suggestions of the other;
- unrelated in the top 3: of the suggestions in the top three, how many are
  in no declared relation with the incident (neither linked nor in its
  family), whether or not a reader would call them alike.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.learning.similarity import find_similar
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source, is_postmortem_uri

TOP = 3


def measure(folder: Path) -> dict:
    sources = [
        Source(path.as_posix(), f"postmortems/{path.name}", path.read_bytes())
        for path in sorted(folder.glob("*.md"))
        if is_postmortem_uri(f"postmortems/{path.name}", "postmortems")
    ]
    handbook = Handbook.load(sources, Settings(), workers=1)
    similarity = find_similar(handbook.postmortems)
    linked: dict[str, set[str]] = {}
    for pm in handbook.postmortems:
        for other in pm.related:
            if other in handbook.by_id and other != pm.id:
                linked.setdefault(pm.id, set()).add(other)
                linked.setdefault(other, set()).add(pm.id)
    family = {pm.id: {other.id for other in others} for pm in handbook.postmortems
              for others in [handbook.family_of.get(pm.src_uri, [])]}
    declared = found = suggested = unrelated = 0
    for pm in handbook.postmortems:
        top = [match.other.id for match in similarity.of(pm)[:TOP]]
        for other in linked.get(pm.id, ()):
            declared += 1
            found += other in top
        suggested += len(top)
        unrelated += sum(1 for other in top if other not in linked.get(pm.id, set()) | family.get(pm.id, set()))
    return {
        "folder": folder.as_posix(),
        "postmortems": len(handbook.postmortems),
        "declared": declared,
        "found": found,
        "suggested": suggested,
        "unrelated": unrelated,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    print("| corpus | postmortems | declared links (from each end) | in the top 3 | suggestions in the top 3 | unrelated |")
    print("|---|---|---|---|---|---|")
    for folder in args.folders:
        row = measure(folder)
        recall = f"{row['found']} ({100 * row['found'] / row['declared']:.0f} %)" if row["declared"] else "-"
        noise = f"{row['unrelated']} ({100 * row['unrelated'] / row['suggested']:.0f} %)" if row["suggested"] else "-"
        print(f"| `{row['folder']}` | {row['postmortems']} | {row['declared']} | {recall} | {row['suggested']} | {noise} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
