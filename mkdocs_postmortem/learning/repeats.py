"""Repeats: incidents that happened again, as groups of incidents similar enough
(`similarity.REPEAT`) to each other, directly or through others of the group."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..incident import incident_day
from ..model import Postmortem
from .similarity import REPEAT, Similarity, is_earlier

GROUP_TERMS = 6


@dataclass(frozen=True)
class Repeat:
    incidents: tuple[Postmortem, ...]  # newest first
    gaps: tuple[int | None, ...]  # per incident, days since the one below it (the next older); None for the oldest
    terms: tuple[str, ...]  # the words its pairs share most
    span_days: int | None  # from the oldest to the newest

    @property
    def size(self) -> int:
        return len(self.incidents)


def repeat_groups(postmortems: Sequence[Postmortem], similarity: Similarity, threshold: float = REPEAT) -> list[Repeat]:
    """Groups of two or more incidents, the group with the newest incident first.

    `postmortems` is in the handbook's order (newest first), which every group keeps.
    """
    order = {pm.src_uri: index for index, pm in enumerate(postmortems)}
    by_uri = {pm.src_uri: pm for pm in postmortems}
    parent = {uri: uri for uri in order}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    strong = [(pair, match) for pair, match in similarity.pairs.items() if match.score >= threshold]
    for (a, b), _ in strong:
        if a in parent and b in parent:
            first, second = root(a), root(b)
            if first != second:
                parent[max(first, second, key=order.get)] = min(first, second, key=order.get)
    members: dict[str, list[str]] = {}
    for uri in order:
        members.setdefault(root(uri), []).append(uri)
    words: dict[str, Counter] = {}
    for (a, _), match in strong:
        if a in parent:
            words.setdefault(root(a), Counter()).update(match.terms)
    groups = []
    for key, uris in members.items():
        if len(uris) < 2:
            continue
        incidents = tuple(sorted((by_uri[uri] for uri in uris), key=lambda pm: order[pm.src_uri]))
        gaps = tuple(_days_between(newer, older) for newer, older in pairwise(incidents)) + (None,)
        terms = tuple(term for term, _ in sorted(words.get(key, Counter()).items(), key=lambda item: (-item[1], item[0])))
        groups.append(Repeat(incidents, gaps, terms[:GROUP_TERMS], _days_between(incidents[0], incidents[-1])))
    return sorted(groups, key=lambda group: order[group.incidents[0].src_uri])


def _days_between(newer: Postmortem, older: Postmortem) -> int | None:
    new_day, old_day = incident_day(newer), incident_day(older)
    if new_day is None or old_day is None:
        return None
    return (new_day - old_day).days


def resembles_earlier(pm: Postmortem, similarity: Similarity, threshold: float = REPEAT) -> bool:
    """Whether an incident before this one is similar enough to call this one a repeat."""
    return any(match.score >= threshold and is_earlier(match.other, pm) for match in similarity.of(pm))


class RepeatsMemo:
    """`repeat_groups` kept across the builds of one process (`mkdocs serve` rebuilds).

    The groups are made from the strong pairs (the same while the similarity's
    `generation` is: the pairs were reused, as after a severity or status edit),
    the handbook's order and each incident's day. When those are the last
    call's, its groups are given again with this call's models in them.
    """

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._groups: list[Repeat] = []

    def __call__(self, postmortems: Sequence[Postmortem], similarity: Similarity) -> list[Repeat]:
        if not similarity.generation:
            return repeat_groups(postmortems, similarity)
        key = (similarity.generation, tuple((pm.src_uri, incident_day(pm)) for pm in postmortems))
        if key != self._key:
            self._key, self._groups = key, repeat_groups(postmortems, similarity)
            return self._groups
        by_uri = {pm.src_uri: pm for pm in postmortems}
        return [replace(group, incidents=tuple(by_uri[pm.src_uri] for pm in group.incidents)) for group in self._groups]


repeats_of = RepeatsMemo()
