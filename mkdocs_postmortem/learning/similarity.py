"""Incidents that resemble each other, from their words, services and tags.

TF-IDF over the stemmed terms of each incident (`terms.py`), compared by
cosine, plus the overlap of services and tags. Deterministic and offline: the
same files give the same scores, with no model to download. Computed once per
build for the whole handbook (`Handbook.similarity`), never per page.

Fast at thousands of incidents: each incident keeps its `TERMS_KEPT` heaviest
terms, terms found in more than `MOST_COMMON` of the incidents of a large
handbook are that handbook's stock wording and are dropped, and each incident
is compared in full only with the `CANDIDATES` incidents that share most of
its `TERMS_INDEXED` heaviest terms (an inverted index, each word proposing
at most the `POSTING_LIMIT` incidents it weighs most in), so the cost grows
with the handbook, not with its square.

Two incidents are similar only when their texts share terms: a shared service
or tag alone makes nothing similar, it only adds to a score and to the why.
"""

from __future__ import annotations

import heapq
import itertools
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..incident import incident_day
from ..model import Postmortem
from .terms import DocumentTerms, document_terms, incident_text

_GENERATIONS = itertools.count(1)

TERMS_KEPT = 40
TERMS_INDEXED = 12  # heaviest terms of an incident through which its candidates are found
CANDIDATES = 10  # incidents compared in full with each incident
POSTING_LIMIT = 32  # incidents a word can propose as candidates
MOST_COMMON = 0.3  # share of incidents above which a term says nothing (handbooks of MIN_FOR_COMMON or more)
MIN_FOR_COMMON = 20
TEXT_WEIGHT, META_WEIGHT = 0.75, 0.25
MIN_TEXT = 0.08  # text cosine under which two incidents are not compared further
MIN_SHARED_TERMS = 2
SIMILAR = 0.2  # listed as similar on the page and in postmortems.json
REPEAT = 0.3  # a repeat: grouped on the Repeats page, counted on the overview
VERY_SIMILAR = 0.45  # the rule suggests a `related` link
LISTED = 5  # similar incidents kept per incident
WHY_TERMS = 5


@dataclass(frozen=True, slots=True)
class Match:
    """One incident found similar to another, and why."""

    other: Postmortem
    score: float
    terms: tuple[str, ...]  # shared words, heaviest first, as the incidents write them
    services: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def why(self) -> list[str]:
        """The reasons as short strings (postmortems.json)."""
        return [
            *(f"term:{term}" for term in self.terms),
            *(f"service:{name}" for name in self.services),
            *(f"tag:{name}" for name in self.tags),
        ]


@dataclass
class Similarity:
    """Every incident's similar incidents, best first, and the pairs that score as repeats."""

    similar: dict[str, list[Match]] = field(default_factory=dict)  # src_uri -> matches, best first
    pairs: dict[tuple[str, str], Match] = field(default_factory=dict)  # (src_uri, src_uri) sorted -> match
    # Which working-out of the pairs this is (0: not said). A copy pointing at newer models keeps it,
    # so what is made from the pairs alone can be kept under it (learning/repeats.py).
    generation: int = field(default=0, compare=False)

    def of(self, pm: Postmortem) -> list[Match]:
        return self.similar.get(pm.src_uri, [])



def similarity_text(similarity: Similarity) -> str:
    """`similarity` as JSON text, its incidents named by src_uri (kept between builds, render/stored.py)."""

    def row(match: Match) -> list:
        return [match.other.src_uri, match.score, list(match.terms), list(match.services), list(match.tags)]

    return json.dumps(
        {
            "similar": {uri: [row(match) for match in matches] for uri, matches in similarity.similar.items()},
            "pairs": [[first, second, *row(match)] for (first, second), match in similarity.pairs.items()],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def similarity_from_text(text: str, by_uri: dict[str, Postmortem]) -> Similarity | None:
    """What `similarity_text` wrote, pointing at the models of `by_uri`; None when it names an
    incident `by_uri` lacks or is not of that form (then it is worked out again)."""

    def match(row: list) -> Match:
        other, score, terms, services, tags = row
        if not isinstance(score, float):
            raise TypeError(score)
        return Match(by_uri[other], score, _strings(terms), _strings(services), _strings(tags))

    try:
        data = json.loads(text)
        return Similarity(
            similar={by_uri[uri].src_uri: [match(row) for row in rows] for uri, rows in data["similar"].items()},
            pairs={
                (by_uri[first].src_uri, by_uri[second].src_uri): match(rest) for first, second, *rest in data["pairs"]
            },
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _strings(values: list) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise TypeError(values)
    # Interned as the words worked out are (learning/terms.py): the same few thousand words on every match.
    return tuple(sys.intern(value) for value in values)


def is_earlier(a: Postmortem, b: Postmortem) -> bool:
    """Whether incident `a` happened on a day before incident `b`."""
    day_a, day_b = incident_day(a), incident_day(b)
    return day_a is not None and day_b is not None and day_a < day_b


def _pair_key(a: Postmortem, b: Postmortem) -> tuple[str, str]:
    return (a.src_uri, b.src_uri) if a.src_uri < b.src_uri else (b.src_uri, a.src_uri)


def _vectors(documents: list[DocumentTerms]) -> list[dict[str, float]]:
    """Each incident's TF-IDF vector over its heaviest terms, of length one."""
    count = len(documents)
    frequency: dict[str, int] = {}
    for document in documents:
        for term in document.counts:
            frequency[term] = frequency.get(term, 0) + 1
    most = MOST_COMMON * count if count >= MIN_FOR_COMMON else count + 1
    idf = {term: math.log((count + 1) / (df + 1)) + 1.0 for term, df in frequency.items() if df <= most}
    vectors = []
    for document in documents:
        weights = {term: (1.0 + math.log(n)) * idf[term] for term, n in document.counts.items() if term in idf}
        kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:TERMS_KEPT]
        norm = math.sqrt(sum(weight * weight for _, weight in kept)) or 1.0
        vectors.append({term: weight / norm for term, weight in kept})
    return vectors


def _labels(pm: Postmortem, attribute: str) -> dict[str, str]:
    """Folded name -> name as written, for services or tags."""
    values = getattr(pm, attribute)
    return {str(value).casefold(): str(value) for value in values if str(value).strip()}


def _overlap(a: dict[str, str], b: dict[str, str]) -> tuple[str, ...]:
    return tuple(a[key] for key in sorted(a.keys() & b.keys()))


def find_similar(postmortems: Sequence[Postmortem]) -> Similarity:
    """Similar incidents for every postmortem of a handbook (see the module's docstring)."""
    pms = list(postmortems)
    return _find_similar(pms, [document_terms(pm) for pm in pms])


def _find_similar(pms: Sequence[Postmortem], documents: list[DocumentTerms]) -> Similarity:
    vectors = _vectors(documents)
    # Candidates come from each incident's TERMS_INDEXED heaviest terms: two incidents that
    # share none of those cannot score as similar, and the postings stay short.
    heads = [list(vector)[:TERMS_INDEXED] for vector in vectors]
    postings: dict[str, list[tuple[int, float]]] = {}
    for index, vector in enumerate(vectors):
        for term in heads[index]:
            postings.setdefault(term, []).append((index, vector[term]))
    # A word among the heaviest of very many incidents finds candidates only among those it weighs
    # most in: the walk stays bounded as the handbook grows, and those are the likeliest matches.
    for posting in postings.values():
        if len(posting) > POSTING_LIMIT:
            posting.sort(key=lambda entry: (-entry[1], entry[0]))
            del posting[POSTING_LIMIT:]
    services = [_labels(pm, "services") for pm in pms]
    tags = [_labels(pm, "tags") for pm in pms]
    result = Similarity(generation=next(_GENERATIONS))
    seen: set[tuple[int, int]] = set()
    for index, vector in enumerate(vectors):
        partial: defaultdict[int, float] = defaultdict(float)
        for term in heads[index]:
            weight = vector[term]
            for other, other_weight in postings[term]:
                partial[other] += weight * other_weight
        partial.pop(index, None)
        closest = heapq.nsmallest(CANDIDATES, partial.items(), key=lambda item: (-item[1], item[0]))
        for other, _ in closest:
            pair = (index, other) if index < other else (other, index)
            if pair in seen:
                continue
            seen.add(pair)
            match = _compare(pair, pms, documents, vectors, services, tags)
            if match is not None:
                a, b = pms[pair[0]], pms[pair[1]]
                result.pairs[_pair_key(a, b)] = match
                result.similar.setdefault(a.src_uri, []).append(match)
                result.similar.setdefault(b.src_uri, []).append(replace(match, other=a))
    for matches in result.similar.values():
        matches.sort(key=lambda match: (-match.score, match.other.id, match.other.src_uri))
        del matches[LISTED:]
    return result


def _compare(pair, pms, documents, vectors, services, tags) -> Match | None:
    """The match of two incidents (`other` is the second), or None when they are not similar."""
    first, second = pair
    vector, other_vector = vectors[first], vectors[second]
    # Sorted: the sum is the same, to the last bit, whichever file was read first.
    shared = sorted(vector.keys() & other_vector.keys())
    if len(shared) < MIN_SHARED_TERMS:
        return None
    text = sum(vector[term] * other_vector[term] for term in shared)
    if text < MIN_TEXT:
        return None
    shared_services = _overlap(services[first], services[second])
    shared_tags = _overlap(tags[first], tags[second])
    union = len(services[first].keys() | services[second].keys()) + len(tags[first].keys() | tags[second].keys())
    meta = (len(shared_services) + len(shared_tags)) / union if union else 0.0
    score = round(TEXT_WEIGHT * text + META_WEIGHT * meta, 3)
    if score < SIMILAR:
        return None
    shared.sort(key=lambda term: (-vector[term] * other_vector[term], term))
    # The shorter-sorting of the two spellings: the same words whichever file is read first.
    words = tuple(min(documents[first].shown[term], documents[second].shown[term]) for term in shared[:WHY_TERMS])
    return Match(pms[second], score, words, shared_services, shared_tags)


class SimilarityMemo:
    """Similarity kept across the builds of one process (`mkdocs serve` rebuilds).

    The same list of models asked for again (the handbook's pages and a
    cross-file rule, in one build) gets the same answer. A serve rebuild after
    one edit asks for a new list in which most models are the objects of the
    last build: their terms are not worked out again, and when no incident's
    terms, services, tags, id or place in the list changed (a severity or a
    date edited), the last pairs are reused with the current models in them.
    The answer is the same as `find_similar`'s: it depends on nothing else.

    A process that builds once (`mkdocs build`) sets `keeps_terms` to False:
    the terms of every incident, worked out or read back (a Counter and the
    shown words for each, about 7 MB at 1,000 incidents), are then let go
    once the answer is had, instead of waiting for a rebuild that never comes.
    """

    def __init__(self) -> None:
        self.keeps_terms = True
        self._postmortems: tuple[Postmortem, ...] = ()
        self._result: Similarity | None = None
        self._terms: dict[int, tuple[Postmortem, DocumentTerms]] = {}  # id(model) -> (model, its terms)
        self._signature: list[tuple] = []
        self._offered: tuple[tuple[Postmortem, ...], Callable[[], Similarity | None], str | None] | None = None
        # The digest of what the held answer was worked out from (`similarity_input` of each model), when known.
        self._inputs: str | None = None

    def __call__(self, postmortems: Sequence[Postmortem]) -> Similarity:
        if self.holds_result(postmortems):
            return self._result
        if self._offered is not None:
            offered, load, inputs = self._offered
            self._offered = None  # asked once: `load` may work the answer out through this memo
            if _same_models(postmortems, offered):
                if inputs is not None and inputs == self._inputs and self._result is not None:
                    # A serve rebuild after an edit nothing here reads: the held answer, with this build's models.
                    self._postmortems = tuple(postmortems)
                    self._result = _with_models(self._result, {pm.src_uri: pm for pm in postmortems})
                    return self._result
                found = load()
                if found is not None:
                    self.offer_result(offered, found)
                if self.holds_result(postmortems):  # read back, or worked out by `load` itself
                    self._inputs = inputs
                    return self._result
        pms = tuple(postmortems)
        documents = self._documents(pms)
        signature = [_signature(pm, document) for pm, document in zip(pms, documents)]
        if self._result is not None and signature == self._signature:
            result = _with_models(self._result, {pm.src_uri: pm for pm in pms})
        else:
            result = _find_similar(pms, documents)
        self._postmortems, self._result, self._signature, self._inputs = pms, result, signature, None
        if not self.keeps_terms:
            self._terms, self._signature = {}, []
        return result

    def holds_result(self, postmortems: Sequence[Postmortem]) -> bool:
        return self._result is not None and _same_models(postmortems, self._postmortems)

    def offer_result(self, postmortems: Sequence[Postmortem], result: Similarity) -> None:
        """The answer for exactly this list of models, worked out before (a cache on disk)."""
        # No signature: a serve rebuild with another list works its answer out again.
        self._postmortems, self._result, self._signature, self._inputs = tuple(postmortems), result, [], None
        self._offered = None

    def offer_later(
        self, postmortems: Sequence[Postmortem], load: Callable[[], Similarity | None], inputs: str | None = None
    ) -> None:
        """`load()`: the answer for exactly this list of models (a cache on disk), or None, called
        only when that list is asked for. A warm build whose pages all come from the cache asks
        for none: reading the answer back cost it a fifth of a second at 1,000 incidents.
        `inputs`: a digest of what the answer is worked out from (`similarity_input` of each model, in
        order); when the answer held is for the same, it is kept (a serve rebuild) and `load` not called."""
        self._offered = (tuple(postmortems), load, inputs)

    def holds_terms(self, pm: Postmortem) -> bool:
        held = self._terms.get(id(pm))
        return held is not None and held[0] is pm

    def offer_terms(self, pm: Postmortem, document: DocumentTerms | Callable[[], DocumentTerms]) -> None:
        """`pm`'s terms worked out before (a cache on disk), taken if this very model comes in the next call;
        or how to read them back, called only then (a build whose pages all come from the cache asks for none)."""
        self._terms[id(pm)] = (pm, document)

    def _documents(self, pms: tuple[Postmortem, ...]) -> list[DocumentTerms]:
        """Each model's terms, from the last call when it is the same object (models never change)."""
        kept: dict[int, tuple[Postmortem, DocumentTerms]] = {}
        documents = []
        for pm in pms:
            held = self._terms.get(id(pm))
            document = held[1] if held is not None and held[0] is pm else document_terms(pm)
            if not isinstance(document, DocumentTerms):
                document = document()  # offered to be read back when asked for
            kept[id(pm)] = (pm, document)
            documents.append(document)
        self._terms = kept
        return documents


def _same_models(postmortems: Sequence[Postmortem], held: tuple[Postmortem, ...]) -> bool:
    return len(postmortems) == len(held) and all(a is b for a, b in zip(postmortems, held))


def similarity_input(pm: Postmortem) -> str:
    """All of one incident that `find_similar` reads, as text: its place in the handbook, id,
    services and tags, and the lines its terms are made from (`terms.incident_text`; the words
    those lines give depend on nothing else but the package's vocabulary). An edit of anything
    else (a severity, a status, a date, an action item) leaves it as it was."""
    return json.dumps(
        [pm.src_uri, pm.id, sorted(_labels(pm, "services").items()), sorted(_labels(pm, "tags").items()),
         incident_text(pm)],
        ensure_ascii=False,
    )


def _signature(pm: Postmortem, document: DocumentTerms) -> tuple:
    """All of one incident that `find_similar` reads, in a form compared by value."""
    return (pm.src_uri, pm.id, _labels(pm, "services"), _labels(pm, "tags"), document)


def _with_models(similarity: Similarity, by_uri: dict[str, Postmortem]) -> Similarity:
    """The same matches, pointing at the models of this build."""
    return Similarity(
        similar={
            uri: [replace(match, other=by_uri[match.other.src_uri]) for match in matches]
            for uri, matches in similarity.similar.items()
        },
        pairs={key: replace(match, other=by_uri[match.other.src_uri]) for key, match in similarity.pairs.items()},
        generation=similarity.generation,
    )


similarity_of = SimilarityMemo()
