"""Write the rule reference, docs/rules/*.md, from the rules' declarations and docstrings.

    python scripts/rule_docs.py           rewrite the pages
    python scripts/rule_docs.py --check   exit 1, naming them, when the committed pages are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs_postmortem.rules.reference import reference_pages

RULE_DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def stale_pages(folder: Path = RULE_DOCS) -> list[str]:
    """Pages that differ from what the rules generate, or that no rule generates any more."""
    pages = reference_pages()
    stale = [name for name, text in pages.items()
             if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    stale += [path.name for path in folder.glob("*.md") if path.name not in pages]
    return sorted(stale)


def write_pages(folder: Path = RULE_DOCS) -> None:
    pages = reference_pages()
    for path in folder.glob("*.md"):
        if path.name not in pages:
            path.unlink()
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        stale = stale_pages()
        if stale:
            print(f"stale rule pages in docs/rules/: {', '.join(stale)}; run `python scripts/rule_docs.py`")
            return 1
        return 0
    if argv:
        print(__doc__)
        return 2
    write_pages()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
