"""Write the rule reference, docs/rules/*.md, from the rules' declarations and docstrings,
and its list of pages under "Every rule" in the nav of mkdocs.yml.

    python scripts/rule_docs.py           rewrite the pages and the nav's list
    python scripts/rule_docs.py --check   exit 1, naming them, when the committed pages or the list are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs_postmortem.rules.reference import reference_pages

ROOT = Path(__file__).resolve().parents[1]
RULE_DOCS = ROOT / "docs" / "rules"
CONFIG = ROOT / "mkdocs.yml"
NAV_HEADING = "- Every rule:"


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


def with_rule_nav(config: str) -> str:
    """`config` (mkdocs.yml's text) with the entries under "Every rule" listing every rule
    page in code order; the rest of the file as it was, byte for byte."""
    lines = config.splitlines(keepends=True)
    heading = next((i for i, line in enumerate(lines) if line.strip() == NAV_HEADING), None)
    if heading is None:
        raise SystemExit(f"{CONFIG.name} has no `{NAV_HEADING}` entry in its nav to list the rule pages under")
    indent = " " * (len(lines[heading]) - len(lines[heading].lstrip()) + 4)
    end = heading + 1
    while end < len(lines) and lines[end].startswith(indent + "- "):
        end += 1
    pages = sorted(name for name in reference_pages() if name != "index.md")
    listed = [f"{indent}- rules/{name}\n" for name in pages]
    return "".join(lines[: heading + 1] + listed + lines[end:])


def nav_is_stale(config: Path = CONFIG) -> bool:
    text = config.read_text(encoding="utf-8")
    return with_rule_nav(text) != text


def write_nav(config: Path = CONFIG) -> None:
    config.write_text(with_rule_nav(config.read_text(encoding="utf-8")), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        stale = stale_pages()
        if stale:
            print(f"stale rule pages in docs/rules/: {', '.join(stale)}; run `python scripts/rule_docs.py`")
        if nav_is_stale():
            print(f"the rule pages under `{NAV_HEADING}` in {CONFIG.name} are stale; run `python scripts/rule_docs.py`")
        return 1 if stale or nav_is_stale() else 0
    if argv:
        print(__doc__)
        return 2
    write_pages()
    write_nav()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
