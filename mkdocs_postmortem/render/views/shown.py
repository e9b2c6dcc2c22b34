"""What each part of a page shows of the postmortems, as keys: a part whose key did not change
is the part a build before rendered, found without working out its context.

A postmortem's `shown_key` is a digest of every field of its model but those of its body alone
(its text, its timeline, its 5 Whys, what was read of its prose): the listings, headers, boxes,
charts and counts of the generated pages show its front matter, its dates, metrics and action
items, and link an item written in the front matter to the heading of its section, never its
prose. The fields left out are named, so a field added to the model is shown until said
otherwise: a stale page is worse than a slow one. A part's inputs are the shown keys of the
postmortems it lists, in its order, and what it shows that is made from several of them (a
family's number, repeats, similar incidents); what every part reads of the site (the day,
labels, settings, URLs) is in the key the caller puts around them.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import fields
from typing import TYPE_CHECKING

from ...model import Metrics, Postmortem
from ..action_anchors import has_anchor
from .base import OVERVIEW, REPEATS, SERVICE, SEVERITY, AnchorOf, PagePlan, Pages

if TYPE_CHECKING:
    from ...learning.similarity import Match

# Fields of a model no part of a page shows: the prose and what was read from it. The metrics,
# which may come from the timeline, are added on their own, and so are the anchors of the
# headings an action item of the front matter links to (an item of the body has its own anchor).
BODY_ONLY = frozenset(
    {
        "text",
        "page_text",
        "timeline",
        "timeline_html_rows",
        "whys",
        "whys_line",
        "sections",
        "stated",
        "notes",
        "problems",
        "repaired",
        "line_count",
        "size",
    }
)
_SHOWN_FIELDS = tuple(field.name for field in fields(Postmortem) if field.name not in BODY_ONLY)


def shown_key(pm: Postmortem, metrics: Metrics | None, anchor_of: AnchorOf | None) -> str:
    """A digest of what any part of a page may show of `pm` (`metrics`: its metrics; `anchor_of`
    the heading anchors its action items link to, views.base.Pages.anchor_of).

    Pickled, not printed: five times faster. Pickled without its memo, so that a string shared by
    several fields or models (shared_strings.py shares them in a build's models, not in models read
    from the cache) is written each time: equal models pickle alike however their values are held."""
    shown = [getattr(pm, name) for name in _SHOWN_FIELDS]
    shown.append(metrics.as_dict() if metrics is not None else None)
    if anchor_of is not None:
        shown.append(
            [anchor_of(pm, action.line) for index, action in enumerate(pm.actions, start=1) if not has_anchor(pm, index)]
        )
    written = io.BytesIO()
    pickler = pickle.Pickler(written, protocol=5)
    pickler.fast = True  # no memo: models are trees, and a memo would write how values are shared
    pickler.dump(shown)
    return hashlib.sha256(written.getbuffer()).hexdigest()


class ShownKeys:
    """The shown keys of a build's postmortems, each worked out once (`pages.row_memo`, under serve,
    keeps them across rebuilds under the model object, its metrics and how anchors are made)."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self._keys: dict[str, str] = {}

    def __call__(self, pm: Postmortem) -> str:
        key = self._keys.get(pm.src_uri)
        if key is None:
            metrics = self.pages.handbook.metrics.get(pm.src_uri)
            memo = self.pages.row_memo
            if memo is not None:  # the metrics are worked out again on each rebuild: keyed by value
                values = tuple(metrics.as_dict().items()) if metrics is not None else None
                anchors = getattr(self.pages.anchor_of, "key", None)
                key = memo.get_with(
                    ("shown key", pm.src_uri, values, anchors),
                    (pm,),
                    lambda: shown_key(pm, metrics, self.pages.anchor_of),
                )
            else:
                key = shown_key(pm, metrics, self.pages.anchor_of)
            self._keys[pm.src_uri] = key
        return key

    def of(self, postmortems) -> list[str]:
        return [self(pm) for pm in postmortems]


def page_inputs(pages: Pages, plan: PagePlan, shown: ShownKeys) -> list:
    """What a generated page shows of the handbook: a severity's or a service's page its incidents,
    every other page the whole handbook; the overview also whether each incident resembles an
    earlier one, the repeats page its groups."""
    handbook = pages.handbook
    if plan.kind == SEVERITY:
        from .severity import incidents_of

        return shown.of(incidents_of(pages, plan.key))
    if plan.kind == SERVICE:
        return shown.of(handbook.by_service.get(plan.key, []))
    inputs: list = [shown.of(handbook.postmortems)]
    if plan.kind == OVERVIEW:
        similarity = handbook.similarity
        inputs.append([[_match(match) for match in similarity.of(pm)] for pm in handbook.postmortems])
    elif plan.kind == REPEATS:
        inputs.append(
            [
                ([pm.src_uri for pm in group.incidents], group.gaps, group.terms, group.span_days)
                for group in handbook.repeats
            ]
        )
    return inputs


def header_inputs(pm: Postmortem, shown: ShownKeys) -> list:
    """A postmortem's header shows its own fields only."""
    return [shown(pm)]


def related_inputs(pages: Pages, pm: Postmortem, shown: ShownKeys) -> list:
    """The "Related incidents" box: its family, how its members link, and the family's number."""
    family = pages.handbook.family_of.get(pm.src_uri)
    if not family:
        return []
    return [shown(pm), shown.of(family), pages.family_number[pm.src_uri]]


def similar_inputs(pages: Pages, pm: Postmortem, shown: ShownKeys) -> list:
    """The "Similar incidents" box: its matches, the incidents they name and its family (left out)."""
    matches = pages.handbook.similarity.of(pm)
    family = [other.src_uri for other in pages.handbook.family_of.get(pm.src_uri, [])]
    return [[(_match(match), shown(match.other)) for match in matches], family]


def _match(match: Match) -> tuple:
    return (match.other.src_uri, repr(match.score), match.terms, match.services, match.tags)
