"""The ids MkDocs gives the headings of postmortem pages, so tracker rows can land on their section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions.toc import slugify as default_slugify

from ...model import Postmortem
from ...render.author_ids import author_id
from ...render.memo import RenderMemo


@dataclass(frozen=True)
class HeadingSlugifier:
    """The heading-id function the site's Markdown uses; `key` tells two configurations apart."""

    function: Callable[[str, str], str]
    separator: str

    @property
    def key(self) -> tuple:
        return (self.function, self.separator)

    def __call__(self, text: str) -> str:
        return self.function(text, self.separator)


def heading_slugifier(mdx_configs: dict) -> HeadingSlugifier:
    """The heading-id function of the site's toc extension (`slugify` and `separator`)."""
    toc = mdx_configs.get("toc") or {}
    return HeadingSlugifier(toc.get("slugify") or default_slugify, toc.get("separator", "-"))


class SectionAnchors:
    """`anchor_of(pm, line)`: the id of the heading of the section holding `line`, if it can be known."""

    def __init__(self, slugify_heading: HeadingSlugifier, memo: RenderMemo, *, rename_ids: bool = True) -> None:
        """`rename_ids`: the body is sanitised, so its ids are renamed as render/author_ids.py does."""
        self.slugify_heading = slugify_heading
        self.memo = memo
        self.rename_ids = rename_ids

    @property
    def key(self) -> tuple:
        """How anchors are made (what a row that links to one is kept under, views/rows.py)."""
        return (self.slugify_heading.key, self.rename_ids)

    def __call__(self, pm: Postmortem, line: int) -> str | None:
        if not pm.sections:
            return None
        # Keyed by the model itself: a serve rebuild keeps the models of unchanged files.
        anchors = self.memo.get(
            ("anchors", id(pm), self.slugify_heading.key, self.rename_ids),
            lambda: (pm, heading_ids(pm, self.slugify_heading, rename_ids=self.rename_ids)),
        )[1]
        inside = [(start, anchor) for start, end, anchor in anchors if start <= line <= end]
        return max(inside)[1] if inside else None


def _without_markup(title: str) -> str:
    r"""The title without emphasis and code marks nor a closing `{...}` attribute list: what
    `re.sub(r"[*`]|\{[^}]*\}\s*$", "", title)` left, without reading from every "{" to the
    next "}" (quadratic on a run of "{").

    The attribute list starts at the first "{" after the "}" before the last one.
    """
    last = title.rfind("}")
    if last >= 0 and not title[last + 1 :].strip():
        opening = title.find("{", title.rfind("}", 0, last) + 1, last)
        if opening >= 0:
            title = title[:opening]
    return title.replace("*", "").replace("`", "")


def heading_ids(
    pm: Postmortem, slugify_heading: Callable[[str], str], *, rename_ids: bool = True
) -> list[tuple[int, int, str]]:
    """(first line, last line, id) of each heading, numbered as Python-Markdown's toc does,
    and renamed as the sanitised body's are (`rename_ids`)."""
    seen: dict[str, int] = {}
    result = []
    for section in pm.sections:
        if section.labelled:
            continue  # a labelled paragraph has no heading, so no id
        base = slugify_heading(_without_markup(section.title).strip())
        if not base:
            continue
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchor = base if count == 0 else f"{base}_{count}"
        result.append((section.line, section.end_line, author_id(anchor) if rename_ids else anchor))
    return result
