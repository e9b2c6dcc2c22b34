"""Similar incidents: the "Similar incidents" box of a postmortem, and the Repeats page."""

from __future__ import annotations

from datetime import timedelta

from ...learning.repeats import resembles_earlier
from ...model import Postmortem
from .base import FAMILIES, REPEATS, Links, PagePlan, Pages
from .rows import incident_row

SIMILAR_BOX_LIMIT = 3  # incidents in one page's "Similar incidents" box



def repeat_anchor(number: int) -> str:
    return f"repeat-{number}"


def context(pages: Pages, page: PagePlan, links: Links) -> dict:
    labels = pages.labels
    groups = []
    for number, group in enumerate(pages.handbook.repeats, start=1):
        rows = []
        for pm, gap in zip(group.incidents, group.gaps):
            row = incident_row(pages, pm, links)
            row["gap_days"] = gap
            row["gap"] = labels["repeat_gap"].format(days=gap) if gap is not None else ""
            rows.append(row)
        groups.append(
            {
                "number": number,
                "anchor": repeat_anchor(number),
                "title": labels["repeat_title"].format(number=number, count=group.size),
                "span_days": group.span_days,
                "span": labels["repeat_span"].format(days=group.span_days) if group.span_days is not None else "",
                "terms": list(group.terms),
                "incidents": rows,
            }
        )
    return {"groups": groups, "families_url": links.to(pages.uri(FAMILIES))}


def similar_box(pages: Pages, pm: Postmortem, links: Links) -> dict | None:
    """What one postmortem's "Similar incidents" box shows; None when nothing is similar.

    Incidents of its related-incident family are in the "Related incidents"
    box already: this box lists the others, best first, each with why.
    """
    family = {other.src_uri for other in pages.handbook.family_of.get(pm.src_uri, [])}
    matches = [match for match in pages.handbook.similarity.of(pm) if match.other.src_uri not in family]
    if not matches:
        return None
    rows = []
    for match in matches[:SIMILAR_BOX_LIMIT]:
        row = incident_row(pages, match.other, links)
        row.update(
            {
                "score": f"{match.score:.2f}",
                "terms": list(match.terms),
                "shared_services": list(match.services),
                "shared_tags": list(match.tags),
            }
        )
        rows.append(row)
    return {"t": pages.labels, "incidents": rows, "repeats_url": links.to(pages.uri(REPEATS))}


def repeats_glance(pages: Pages, since_days: int) -> dict:
    """For the overview: how many incidents of the last `since_days` days resemble an earlier one."""
    since = pages.today - timedelta(days=since_days - 1)
    recent = [pm for pm in pages.handbook.postmortems if pm.phase_day and since <= pm.phase_day <= pages.today]
    similarity = pages.handbook.similarity
    return {"incidents": len(recent), "repeats": sum(1 for pm in recent if resembles_earlier(pm, similarity))}
