"""Write the field reference of docs/front-matter.md from the field table (mkdocs_postmortem/field_table.py).

    python scripts/field_docs.py           rewrite the generated tables of the page
    python scripts/field_docs.py --check   exit 1 when the committed page is stale

Only the tables between the page's `<!-- ...: start, generated ... -->` and
`<!-- ...: end -->` comments are written; the prose around them is the page's own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs_postmortem.field_reference import MissingMarkers, refreshed

FRONT_MATTER_PAGE = Path(__file__).resolve().parents[1] / "docs" / "front-matter.md"


def is_stale(page: Path = FRONT_MATTER_PAGE) -> bool:
    text = page.read_text(encoding="utf-8")
    return refreshed(text) != text


def write_page(page: Path = FRONT_MATTER_PAGE) -> None:
    page.write_text(refreshed(page.read_text(encoding="utf-8")), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__)
        return 2
    try:
        if argv == ["--check"]:
            if is_stale():
                print(f"stale field reference in {FRONT_MATTER_PAGE.name}; run `python scripts/field_docs.py`")
                return 1
            return 0
        write_page()
    except MissingMarkers as problem:
        print(f"{FRONT_MATTER_PAGE.name}: {problem}; put the comments back around the generated table")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
