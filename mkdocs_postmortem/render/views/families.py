"""Families of related incidents: the families page, and the "Related incidents" box of a postmortem."""

from __future__ import annotations

from ...model import Postmortem
from .base import FAMILIES, Links, PagePlan, Pages
from .rows import incident_row

RELATED_BOX_LIMIT = 20  # incidents listed in one page's "Related incidents" box



def family_anchor(number: int) -> str:
    return f"family-{number}"


def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    return {
        "families": [
            {
                "number": number,
                "anchor": family_anchor(number),
                "title": pages.labels["family_title"].format(number=number, count=len(members)),
                "incidents": [incident_row(pages, pm, links) for pm in members],
            }
            for number, members in enumerate(pages.handbook.families, start=1)
        ]
    }


def related_box(pages: Pages, pm: Postmortem, links: Links) -> dict | None:
    """What one postmortem's "Related incidents" box shows; None when it has no family.

    A family can be large (a recurring cause links dozens of incidents);
    the box lists the directly linked ones first and stops at
    RELATED_BOX_LIMIT, so every member page stays small and the build
    linear. The families page has the full list.
    """
    others = pages.handbook.family_of.get(pm.src_uri)
    if not others:
        return None
    direct = pages.direct_links.get(pm.id, set())
    ordered = sorted(others, key=lambda other: other.id not in direct)  # stable: newest first inside
    shown = ordered[:RELATED_BOX_LIMIT]
    number = pages.family_number[pm.src_uri]
    return {
        "t": pages.labels,
        "incidents": [incident_row(pages, other, links) for other in shown],
        "more": len(others) - len(shown),
        "families_url": links.to(pages.uri(FAMILIES), family_anchor(number)),
    }
