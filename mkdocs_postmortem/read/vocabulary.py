"""The reader's words (headings, column names, statuses, phase markers, fact
labels, month names), loaded once from the package's data files.

They live in YAML rather than in code so that a language or a team's wording
is added by editing a list, not the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..text import fold, load_data

NOT_A_SECTION = "-"  # what the cues of data/section_cues.yml `none` say
CHOICE = "|"  # between the sections a `shared` cue names, first preferred


def _family_words(words: dict[str, Any], *names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(w) for name in names for w in words[name]))


def _folded_index(groups: dict[Any, list[Any]]) -> dict[str, Any]:
    """{"Résumé exécutif": ...} lists -> {"resume executif": key}; first key listed wins."""
    index: dict[str, Any] = {}
    for key, words in groups.items():
        for word in words:
            index.setdefault(fold(str(word)) or str(word), key)
    return index


@dataclass(frozen=True)
class SectionCues:
    """data/section_cues.yml: (phrase of folded words, section key) pairs, strong and weak."""

    longest: int  # headings of more words are sentences, never classified by cues
    strong: tuple[tuple[tuple[str, ...], str], ...]
    weak: tuple[tuple[tuple[str, ...], str], ...]
    commitments: tuple[str, ...] = ()  # folded: "we will", "nous allons" (a sentence that introduces work to do)
    status_updates: frozenset[str] = frozenset()  # folded: "resolved", "identifie" (a status page's stages)
    asked_commitments: frozenset[tuple[str, ...]] = frozenset()  # folded: ("will", "we"), a commitment asked
    joiners: frozenset[str] = frozenset()  # casefolded: "&", "and", "et" (between the names a heading joins)
    interrogatives: frozenset[str] = frozenset()  # folded: "why", "pourquoi" (a heading they open asks a question)
    summarised_by: frozenset[str] = frozenset()  # folded: "of", "de" (a summary of a section)


def _section_cues() -> SectionCues:
    data = load_data("section_cues.yml")
    groups = {**data["cues"], NOT_A_SECTION: data["none"]}

    def phrases(tier: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        return tuple(
            (tuple(fold(part) + ("*" if part.endswith("*") else "") for part in str(cue).split()), key)
            for key, tiers in groups.items() for cue in tiers.get(tier, [])
        )

    # A cue shared by two sections names both, in the order of preference (read/headings.py).
    shared = tuple(
        (tuple(fold(part) for part in str(cue).split()), CHOICE.join(keys))
        for cue, keys in (data.get("shared") or {}).items()
    )
    commitments = tuple(fold(str(phrase)) for phrase in data["commitments"])
    status_updates = frozenset(fold(str(stage)) for stage in data["status_updates"])
    asked = frozenset(tuple(fold(str(phrase)).split()) for phrase in data.get("asked_commitments") or ())
    return SectionCues(
        int(data["longest"]), phrases("strong") + shared, phrases("weak"), commitments, status_updates, asked,
        frozenset(str(word).casefold() for word in data.get("joiners") or ()),
        frozenset(fold(str(word)) for word in data.get("interrogatives") or ()),
        frozenset(fold(str(word)) for word in data.get("summarised_by") or ()),
    )


@dataclass(frozen=True)
class Vocabulary:
    headings: dict[str, str]  # folded heading -> section key
    columns: dict[str, dict[str, str]]  # role -> {folded header: role}
    checklist_fields: dict[str, str]  # folded label -> field
    action_statuses: dict[str, str]
    document_statuses: dict[str, str]
    phases: tuple[tuple[str, re.Pattern[str] | _EitherRegex], ...]  # one search per phase per row
    timezone_lines: tuple[re.Pattern[str], ...]
    facts: dict[str, str]  # folded label -> stated key
    facts_when_readable: dict[str, str]
    fact_end_words: frozenset[str]  # folded: "from", "du": labels that only say which end
    not_incident_facts: frozenset[str]
    months: dict[str, int]
    duration_units: dict[str, str]
    empty_words: frozenset[str]
    window_lines: tuple[str, ...] = ()  # regular expressions with {start} and {end} (read/timeline/window.py)
    window_range_words: tuple[str, ...] = ()
    section_questions: dict[str, str] = field(default_factory=dict)  # folded question heading -> section key
    window_start_words: tuple[str, ...] = ()  # folded words that make the time after them a start
    window_start_prepositions: tuple[str, ...] = ()  # start words that only introduce a time ("since")
    window_end_prepositions: tuple[str, ...] = ()  # words that end a state at the time after them ("until")
    window_end_words: tuple[str, ...] = ()
    # a verb joined to a state ("became unavailable", "est revenu en ligne"): (verbs, states)
    window_start_compounds: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    window_end_compounds: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    window_recovery_words: tuple[str, ...] = ()  # a recovery under way: "un début de mieux", "began to improve"
    fact_label_words: dict[str, frozenset[str]] = field(default_factory=dict)  # time / started / resolved -> words
    zone_labels: frozenset[str] = frozenset()  # folded labels of a field that gives the zone
    clock_line_words: frozenset[str] = frozenset()  # folded words of a line that gives its block's clock
    outcome_auxiliaries: tuple[str, ...] = ()  # folded: "was", "ont ete" (read/actions.py)
    outcome_active_auxiliaries: tuple[str, ...] = ()  # lower case, accents kept: "a", "avons"
    past_endings: tuple[str, ...] = ()  # folded endings of a verb in the past tense: "ed", "e"
    instruction_openers: frozenset[str] = frozenset()  # folded: "add", "never", "ajouter" (read/actions.py)
    progressive_subjects: tuple[tuple[str, ...], ...] = ()  # folded words: ("we", "re"), ("we", "are")
    progressive_endings: tuple[str, ...] = ()  # "ing"
    progressive_states: frozenset[str] = frozenset()  # folded: "seeing", "experiencing": no work
    approximate_marks: tuple[str, ...] = ()  # "~", "≈": before a time, it is approximate
    approximate_words: tuple[str, ...] = ()  # folded: "around", "vers"
    weekdays: tuple[str, ...] = ()  # folded day names and abbreviations
    weekday_numbers: dict[str, int] = field(default_factory=dict)  # folded day name -> ISO weekday (Monday 1)
    answer_labels: tuple[str, ...] = ()  # "Réponse :", "Because:" before a why's answer
    section_cues: SectionCues = field(default_factory=lambda: SectionCues(0, (), ()))
    # (header, roles) -> role: the same few headers are asked about by every reader of a table.
    _roles_of: dict[tuple[str, tuple[str, ...]], str | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def column_role(self, header: str, roles: tuple[str, ...]) -> str | None:
        key = (header, roles)
        if key in self._roles_of:
            return self._roles_of[key]
        role = self._column_role(header, roles)
        if len(self._roles_of) < _ROLES_REMEMBERED:  # an archive of ever new headers fills nothing without end
            self._roles_of[key] = role
        return role

    def _column_role(self, header: str, roles: tuple[str, ...]) -> str | None:
        from .text import label_candidates

        candidates = label_candidates(header)
        for candidate in candidates:
            for role in roles:
                if candidate in self.columns[role]:
                    return role
        for candidate in candidates:
            name = _without_zone(candidate)
            if name is not candidate:
                for role in roles:
                    if name in self.columns[role]:
                        return role
        return None

    def is_empty_word(self, text: str) -> bool:
        return text.strip().lower() in self.empty_words or fold(text) in self.empty_words


_ROLES_REMEMBERED = 4096


def _phase_regex(patterns: list[str]) -> re.Pattern[str] | _EitherRegex:
    """One search per row. Patterns anchored at the start ("^detection") are kept
    apart in their own regex, matched once at position 0: mixed into the alternation,
    they would make the regex engine give up its fast scan (five to ten times slower)."""
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    anywhere = "|".join(f"(?:{p})" for p in patterns if not p.startswith("^"))
    if not anchored:
        return re.compile(anywhere)
    return _EitherRegex(re.compile("|".join(f"(?:{p})" for p in anchored)), re.compile(anywhere))


class _EitherRegex:
    """`search` as one regex would: the anchored patterns at the start, else the others anywhere."""

    def __init__(self, at_start: re.Pattern[str], anywhere: re.Pattern[str]) -> None:
        self.at_start = at_start
        self.anywhere = anywhere

    def search(self, text: str) -> re.Match[str] | None:
        return self.at_start.match(text) or self.anywhere.search(text)


# Searched once: the first blank of a run starts it (from every blank, `\s+` read the run again).
_TRAILING_ZONE = re.compile(r"(?<!\s)\s+(?:in\s+|en\s+)?(?P<zone>[a-z]{1,5}(?:\s\d{1,2}(?:\s\d{2})?)?)$")


def _without_zone(folded: str) -> str:
    """"date and time in pst" -> "date and time": a header that names its clock's zone
    (the text itself, unchanged, when it names none)."""
    if " " not in folded:
        return folded
    from ..zones import abbreviations

    match = _TRAILING_ZONE.search(folded)
    if match and match["zone"].split()[0].upper() in abbreviations().zones:
        return folded[: match.start()]
    return folded


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    headings = load_data("headings.yml")
    words = load_data("reading.yml")
    return Vocabulary(
        headings=_folded_index(headings),
        columns={role: _folded_index({role: names}) for role, names in words["columns"].items()},
        checklist_fields=_folded_index(words["checklist_fields"]),
        action_statuses=_folded_index(words["action_statuses"]),
        document_statuses=_folded_index(words["document_statuses"]),
        phases=tuple((phase, _phase_regex(patterns)) for phase, patterns in words["phases"].items()),
        timezone_lines=tuple(re.compile(p, re.IGNORECASE) for p in words["timezone_lines"]),
        facts=_folded_index(words["facts"]),
        facts_when_readable=_folded_index(words["facts_when_readable"]),
        fact_end_words=frozenset(fold(str(w)) for w in words["fact_end_words"]),
        not_incident_facts=frozenset(fold(w) for w in words["not_incident_facts"]),
        months={fold(name): int(number) for number, names in words["months"].items() for name in names},
        duration_units=_folded_index(words["duration_units"]),
        empty_words=frozenset(
            {str(w).lower() for w in words["empty_words"]} | {fold(str(w)) for w in words["empty_words"]}
        )
        - {""},
        window_lines=tuple(words["window_lines"]),
        window_range_words=tuple(words["window_range_words"]),
        section_questions=_folded_index(load_data("section_questions.yml")),
        window_start_words=_family_words(words, "window_start_words", "window_onset_words"),
        window_start_compounds=(_family_words(words, "window_onset_verbs"), _family_words(words, "window_down_states")),
        window_start_prepositions=tuple(fold(w) for w in words["window_start_prepositions"]),
        window_end_prepositions=tuple(fold(w) for w in words["window_end_prepositions"]),
        window_end_words=_family_words(words, "window_end_words", "window_return_words"),
        window_end_compounds=(_family_words(words, "window_return_verbs"), _family_words(words, "window_up_states")),
        window_recovery_words=tuple(fold(w) for w in words["window_recovery_words"]),
        fact_label_words={key: frozenset(fold(str(w)) for w in names) for key, names in words["fact_label_words"].items()},
        zone_labels=frozenset(fold(str(w)) for w in words["zone_labels"]),
        clock_line_words=frozenset(fold(str(w)) for w in words["clock_line_words"]),
        outcome_auxiliaries=tuple(fold(w) for w in words["outcome_auxiliaries"]),
        outcome_active_auxiliaries=tuple(str(w).lower() for w in words["outcome_active_auxiliaries"]),
        past_endings=tuple(str(w) for w in words["past_endings"]),
        instruction_openers=frozenset(fold(str(w)) for w in words["instruction_openers"]),
        progressive_subjects=tuple(tuple(fold(str(w)).split()) for w in words["progressive_subjects"]),
        progressive_endings=tuple(str(w) for w in words["progressive_endings"]),
        progressive_states=frozenset(fold(str(w)) for w in words["progressive_states"]),
        approximate_marks=tuple(str(w) for w in words["approximate_marks"]),
        approximate_words=tuple(str(w).lower() for w in words["approximate_words"]),
        weekdays=tuple(fold(name) for names in words["weekdays"].values() for name in names),
        weekday_numbers={fold(name): int(number) for number, names in words["weekdays"].items() for name in names},
        answer_labels=tuple(str(w).lower() for w in words["answer_labels"]),
        section_cues=_section_cues(),
    )
