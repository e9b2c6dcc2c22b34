"""All postmortems of a site: read once, checked, measured and grouped.

This is the one object the plugin and the CLI share, so `mkdocs build` and
`mkdocs-postmortem check` can never disagree. Everything that needs all
postmortems (groups, families, aggregates, cross-file rules) is computed here
once per build, never per page.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone
from functools import cached_property, partial
from typing import TYPE_CHECKING

from .cache import ModelCache
from .incident import incident_day, is_archived
from .learning.terms import incident_lines
from .logs import logger
from .metrics import incident_metrics, summarise
from .model import (
    ERROR,
    ActionItem,
    Diagnostic,
    Metrics,
    Postmortem,
)
from .parallel import map_shared, worker_count
from .read import read_postmortem
from .rules import DATED, DATELESS, check_handbook, check_postmortem, merge_diagnostics
from .settings import Settings
from .shared_strings import SharedStrings
from .sources import Source
from .verdict import Verdict

if TYPE_CHECKING:
    # Similar incidents, repeats and themes are the pages' (and PM604's), imported when
    # asked for: `check` reads and checks without them.
    from .learning.repeats import Repeat
    from .learning.similarity import Similarity
    from .learning.themes import Theme

log = logger(__name__)


@dataclass
class _Entry:
    digest: bytes  # of the file's bytes, as read (the bytes themselves are not kept)
    reading: Settings  # the settings it was read with, build date left out
    postmortem: Postmortem
    diagnostics: list[Diagnostic]  # the file's own checks that do not depend on the day


def _reading(settings: Settings) -> Settings:
    """The settings a model and its dateless diagnostics depend on: all but the build date."""
    return replace(settings, build_date=date.min)


@dataclass
class ReadCache:
    """Models (and their own dateless diagnostics) of files whose content has not
    changed, kept across `mkdocs serve` rebuilds, in front of the cache on disk."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    reads: int = 0  # how many files were parsed (not served from a cache), for tests and benchmarks
    loaded: int = 0  # how many models came from the cache on disk
    # Short strings the models read here repeat kept once (shared_strings.py): for a build, which keeps them
    # to its end; `check` lets them go once checked and would only pay for the walk.
    shares_strings: bool = False

    def _fresh(self, source: Source, reading: Settings) -> _Entry | None:
        entry = self.entries.get(source.src_uri)
        # A model moved to another path is read again: its diagnostics name the path.
        if entry is None or entry.digest != _digest(source.content) or entry.postmortem.path != source.path:
            return None
        return entry if entry.reading == reading else None

    def read_missing(
        self, sources: Sequence[Source], settings: Settings, workers: int | None, store: ModelCache | None = None
    ) -> None:
        """Take from `store` or read and check, on several CPUs when there are many, every file not held yet."""
        reading = _reading(settings)
        missing = [source for source in sources if self._fresh(source, reading) is None]
        if store is not None and missing:
            store.prepare()
            unknown = []
            for source in missing:
                found = store.get(source.path, source.src_uri, source.content)
                if found is None:
                    unknown.append(source)
                else:
                    self.entries[source.src_uri] = _Entry(_digest(source.content), reading, *found)
                    self.loaded += 1
            missing = unknown
        count = worker_count(workers, len(missing))
        results = map_shared(
            partial(read_and_check, settings=settings, store=store), missing, count,
            packed=(partial(read_and_check_pickled, settings=settings, store=store), pickle.loads),
        )
        if self.shares_strings:
            SharedStrings().share(part for checked in results for part in checked)  # each model and its diagnostics
        for source, (pm, diagnostics) in zip(missing, results):
            self.entries[source.src_uri] = _Entry(_digest(source.content), reading, pm, diagnostics)
            self.reads += 1
        if store is not None:
            log.debug(f"{len(sources) - len(missing)} postmortems from the cache, {len(missing)} read")
            if missing:
                store.prune()

    def checked(self, source: Source, settings: Settings) -> tuple[Postmortem, list[Diagnostic]]:
        """The model and all its single-file diagnostics, those that depend on the day checked now."""
        entry = self._fresh(source, _reading(settings))
        if entry is None:  # not read by `read_missing` (a caller that skipped it)
            self.read_missing([source], settings, workers=1)
            entry = self.entries[source.src_uri]
        dated = check_postmortem(entry.postmortem, settings, DATED)
        return entry.postmortem, merge_diagnostics(entry.diagnostics, dated) if dated else entry.diagnostics

    def forget_missing(self, present: Iterable[str]) -> None:
        keep = set(present)
        for uri in [uri for uri in self.entries if uri not in keep]:
            del self.entries[uri]


def read_and_check(
    source: Source, settings: Settings, store: ModelCache | None = None
) -> tuple[Postmortem, list[Diagnostic]]:
    """One file's model and its own diagnostics that do not depend on the day, stored
    in `store` when given (run in a worker process for large handbooks)."""
    checked = _read_and_check(source, settings)
    if store is not None:
        store.put(source.path, source.src_uri, source.content, checked)
    return checked


def read_and_check_pickled(source: Source, settings: Settings, store: ModelCache | None = None) -> bytes:
    """`read_and_check` as a worker process sends it back: pickled once, for the pipe
    and for `store` alike."""
    payload = pickle.dumps(_read_and_check(source, settings), protocol=pickle.HIGHEST_PROTOCOL)
    if store is not None:
        store.put_pickled(source.path, source.src_uri, source.content, payload)
    return payload


def _read_and_check(source: Source, settings: Settings) -> tuple[Postmortem, list[Diagnostic]]:
    pm = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings)
    diagnostics = check_postmortem(pm, settings, DATELESS)
    return replace(pm, text=text_read_later(pm)), diagnostics


def _digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def text_read_later(pm: Postmortem) -> str:
    """`pm.text` with only the lines read once the file's own checks have run, every
    other line left empty so that line numbers stay true: the lines the similarity
    terms read (learning/terms.py), the Summary section (a feed entry's summary) and
    the line the status is written on (the action calendars). A checked model kept
    for a whole build holds these, not its whole text (docs/performance.md).
    """
    if not pm.text:
        return pm.text
    lines = pm.text.split("\n")
    kept = set(incident_lines(pm))
    summary = pm.section("summary")
    if summary is not None:
        kept.update(range(summary.line + 1, summary.end_line + 1))
    status = pm.source_lines.get("status") or pm.field_lines.get("status")
    if status:
        kept.add(status)
    return "\n".join(line if number in kept else "" for number, line in enumerate(lines, start=1))


class Handbook(Verdict):
    def __init__(
        self,
        postmortems: Sequence[Postmortem],
        settings: Settings,
        file_diagnostics: Iterable[Diagnostic] | None = None,
    ) -> None:
        """`file_diagnostics`: the single-file checks, when the caller already has them."""
        self.settings = settings
        # Newest first, then by id: a stable order makes builds reproducible.
        self.postmortems: list[Postmortem] = sorted(postmortems, key=_newest_first)
        self.metrics: dict[str, Metrics] = {
            pm.src_uri: incident_metrics(pm, settings.ttr_from) for pm in self.postmortems
        }
        if file_diagnostics is None:
            file_diagnostics = [d for pm in self.postmortems for d in check_postmortem(pm, settings)]
        diagnostics = list(file_diagnostics)
        diagnostics.extend(check_handbook(self.postmortems, settings))
        super().__init__(sorted(diagnostics, key=_diagnostic_order))
        self._by_uri = {pm.src_uri: pm for pm in self.postmortems}
        self._diagnostics_by_path: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.diagnostics:
            self._diagnostics_by_path.setdefault(diagnostic.path, []).append(diagnostic)

    @classmethod
    def load(
        cls,
        sources: Iterable[Source],
        settings: Settings,
        cache: ReadCache | None = None,
        workers: int | None = None,
        store: ModelCache | None = None,
    ) -> Handbook:
        """`workers`: processes that share the reading (0 or None: one per CPU, 1: none);
        `store`: the cache on disk (cache.py), None to read every file."""
        cache = cache if cache is not None else ReadCache()
        sources = list(sources)
        readable = [source for source in sources if source.unreadable is None]
        cache.forget_missing(source.src_uri for source in readable)
        cache.read_missing(readable, settings, workers, store)
        checked = [cache.checked(source, settings) for source in readable]
        unreadable = [_unreadable(source, settings) for source in sources if source.unreadable is not None]
        return cls(
            [pm for pm, _ in checked],
            settings,
            file_diagnostics=[d for _, diagnostics in checked for d in diagnostics] + unreadable,
        )

    # --- lookups -----------------------------------------------------------

    def get(self, src_uri: str) -> Postmortem | None:
        return self._by_uri.get(src_uri)

    def diagnostics_for(self, pm: Postmortem) -> list[Diagnostic]:
        return self._diagnostics_by_path.get(pm.path, [])

    @cached_property
    def by_id(self) -> dict[str, Postmortem]:
        """First postmortem of each id (a duplicate is PM602's business, not a crash)."""
        result: dict[str, Postmortem] = {}
        for pm in sorted(self.postmortems, key=lambda pm: pm.src_uri):
            result.setdefault(pm.id, pm)
        return result

    # --- groups (computed once per build) ---------------------------------

    @cached_property
    def by_severity(self) -> dict[str, list[Postmortem]]:
        groups: dict[str, list[Postmortem]] = {level: [] for level in self.settings.severities}
        for pm in self.postmortems:
            if pm.severity in groups:
                groups[pm.severity].append(pm)
        return groups

    @cached_property
    def unknown_severity(self) -> list[Postmortem]:
        """Postmortems whose severity is not stated (or not a level of the site)."""
        return [pm for pm in self.postmortems if pm.severity not in self.settings.severities]

    @cached_property
    def by_service(self) -> dict[str, list[Postmortem]]:
        groups: dict[str, list[Postmortem]] = {}
        for pm in self.postmortems:
            for service in dict.fromkeys(pm.services):
                groups.setdefault(service, []).append(pm)
        return dict(sorted(groups.items(), key=lambda item: item[0].casefold()))

    @cached_property
    def families(self) -> list[list[Postmortem]]:
        """Connected groups of `related` links, in either direction, transitively.

        Only links to ids that exist count (a dangling id is PM601's business).
        Families of one are not families. Largest first, then by newest member.
        """
        parent: dict[str, str] = {pm.id: pm.id for pm in self.by_id.values()}

        def root(node: str) -> str:
            while parent[node] != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        for pm in self.by_id.values():
            for other in pm.related:
                if other in parent and other != pm.id:
                    a, b = root(pm.id), root(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        members: dict[str, list[Postmortem]] = {}
        for pm in self.postmortems:
            if self.by_id.get(pm.id) is pm:
                members.setdefault(root(pm.id), []).append(pm)
        families = [group for group in members.values() if len(group) > 1]
        return sorted(families, key=lambda group: (-len(group), _newest_first(group[0])))

    @cached_property
    def family_of(self) -> dict[str, list[Postmortem]]:
        """src_uri -> the other members of its family (empty when alone)."""
        result: dict[str, list[Postmortem]] = {}
        for family in self.families:
            for pm in family:
                result[pm.src_uri] = [other for other in family if other is not pm]
        return result

    @cached_property
    def similarity(self) -> Similarity:
        """Every incident's similar incidents (learning/similarity.py), computed once per build."""
        from .learning.similarity import similarity_of

        return similarity_of(self.postmortems)

    @cached_property
    def repeats(self) -> list[Repeat]:
        """Groups of incidents that happened again (learning/repeats.py), the newest group first."""
        from .learning.repeats import repeats_of

        return repeats_of(self.postmortems, self.similarity)

    @cached_property
    def themes(self) -> list[Theme]:
        """Tags and contributing factors across incidents (learning/themes.py), growing ones first."""
        from .learning.themes import find_themes

        return find_themes(self.postmortems, self.settings.build_date)

    @cached_property
    def actions(self) -> list[tuple[Postmortem, ActionItem]]:
        return [(pm, action) for pm in self.postmortems for action in pm.actions]

    @cached_property
    def counts(self) -> dict[str, Counter]:
        return {
            "severity": Counter(pm.severity or "unknown" for pm in self.postmortems),
            "status": Counter(pm.status or "unknown" for pm in self.postmortems),
        }

    @cached_property
    def archived(self) -> list[Postmortem]:
        """Postmortems under the `enforce_from` cut-off (their problems are warnings)."""
        return [pm for pm in self.postmortems if is_archived(pm, self.settings)]

    def aggregates_of(self, postmortems: Iterable[Postmortem]):
        return summarise(self.metrics[pm.src_uri] for pm in postmortems)


def _unreadable(source: Source, settings: Settings) -> Diagnostic:
    level = settings.rules.get("PM001", ERROR)
    return Diagnostic(source.path, 1, "PM001", ERROR if level == "off" else level, source.unreadable or "")


def _newest_first(pm: Postmortem) -> tuple:
    start = pm.started or pm.detected or pm.resolved
    if start is not None:
        timestamp = start.timestamp()
    else:
        # No start: the day its timeline, title or file name gives ("2019-02-05-...").
        day = incident_day(pm)
        timestamp = datetime.combine(day, time(), timezone.utc).timestamp() if day else float("-inf")
    return (-timestamp, pm.id, pm.src_uri)


def _diagnostic_order(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.path, diagnostic.line, diagnostic.code, diagnostic.message)
