"""Which canonical section a heading or a label is, in English or French.

Three steps, each with its words in data/: the names of data/headings.yml
and the questions of data/section_questions.yml, matched on the folded text
(see text.fold) whole and then by its parts, so a heading written in both
languages ("Ligne du temps (Timeline)") is recognised by either; then, for a
heading no list names, the cues of data/section_cues.yml: the words it is
made of, by their stems, so that "Blameless root cause", "What are we
changing?" or "POURQUOI C'EST ARRIVÉ" are recognised without being listed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold
from .text import label_candidates
from .vocabulary import CHOICE, NOT_A_SECTION, vocabulary


@lru_cache(maxsize=4096)
def heading_key(text: str) -> str:
    """The section key a heading is named by in data/headings.yml ("timeline",
    "actions"...), or "" when no name matches."""
    return _section_named(vocabulary().headings, text)


def cued_key(text: str) -> str:
    """The section a heading no list names stands for by its words
    (data/section_cues.yml), or "". Cues fill the gaps of a document: the reader
    uses them for a section the document names nowhere else. Of the sections a
    shared cue names, the last: the one it names when the first is stated elsewhere."""
    choices = cued_choices(text)
    return choices[-1] if choices else ""


@lru_cache(maxsize=4096)
def cued_choices(text: str) -> tuple[str, ...]:
    """The sections a heading's words name, in order of preference: one, or two for
    a cue that two sections share ("What went wrong": the cause, else a lesson)."""
    key = _cued(text)
    return tuple(key.split(CHOICE)) if key else ()


@lru_cache(maxsize=4096)
def question_key(text: str) -> str:
    """The section a question heading asks about ("What happened?": "summary"), or ""."""
    return _section_named(vocabulary().section_questions, text)


def names_no_section(text: str) -> bool:
    """A heading whose words say it is no postmortem section ("Appendix", "Sign-off")."""
    return any(cue_key(candidate) == NOT_A_SECTION for candidate in label_candidates(text))


def _section_named(names: dict[str, str], text: str) -> str:
    for candidate in label_candidates(text):
        key = names.get(candidate)
        if key:
            return key
    return ""


# A clock time or a date: such a heading is a moment of a timeline, not a section.
_MOMENT = re.compile(r"\d{1,2}[:h]\d{2}|\d{4}-\d{2}|\d{1,2}/\d{1,2}")


def _cued(text: str) -> str:
    if _MOMENT.search(text):
        return ""
    key = _cued_by_words(text) or _joined_section(text) or _asked_commitment(text)
    if key == "resolution" and _asks_a_commitment(text):
        # "What mitigation will we put in place?", "Quelles mesures de remédiation allons-nous
        # prendre ?": a resolution asked about the time to come is work to do.
        return "actions"
    return key


def _asks_a_commitment(text: str) -> bool:
    """A question holding one of the commitments a question asks ("will we", "allons nous")."""
    if not text.rstrip().endswith("?"):
        return False
    candidates = label_candidates(text)
    words = candidates[0].split() if candidates else []
    phrases = vocabulary().section_cues.asked_commitments
    return any(tuple(words[start : start + len(phrase)]) == phrase
               for start in range(len(words)) for phrase in phrases)


def _joined_section(text: str) -> str:
    """A heading joining names ("Response & Timeline", "Detection and timeline",
    "Contexte et chronologie") names the section its first part naming one
    names, when a part's words say it is none: each part is a heading of its own.
    A word of no section that qualifies another ("Detection events") joins nothing."""
    parts = _joined_parts(text)
    if len(parts) < 2:
        return ""
    for part in parts:
        key = cue_key(fold(part))
        if key and key != NOT_A_SECTION:
            return key
    return ""


@lru_cache(maxsize=4096)
def joined_keys(text: str) -> tuple[str, ...]:
    """Every section the parts of a joined heading name ("Incident summary and impact":
    the summary and the impact), in order; () for a heading that joins nothing, and
    none when a part's words say it is no section ("Detection and timeline")."""
    if _MOMENT.search(text):
        return ()
    parts = _joined_parts(text)
    if len(parts) < 2:
        return ()
    keys = [heading_key(part) or cue_key(fold(part)) for part in parts]
    if NOT_A_SECTION in keys:
        return ()
    return tuple(dict.fromkeys(key for key in keys if key and CHOICE not in key))


# Sections a summary may be of: "Summary of the timeline" or "of actions" is a summary.
_SUMMARISED = ("impact", "root_cause", "lessons")


@lru_cache(maxsize=4096)
def summarised_key(text: str) -> str:
    """"Summary of impact", "Résumé de l'impact": the section a summary heading or label
    says it summarises (data/section_cues.yml `summarised_by`), which it states too; ""
    for any other heading."""
    words = fold(text).split()
    marks = vocabulary().section_cues.summarised_by
    cut = next((index for index, word in enumerate(words) if word in marks), None)
    if cut is None or cut == 0 or cue_key(" ".join(words[:cut])) != "summary":
        return ""
    key = cue_key(" ".join(words[cut + 1 :]))
    return key if key in _SUMMARISED else ""


def _joined_parts(text: str) -> list[str]:
    """The parts of a heading between its joining words (data/section_cues.yml `joiners`)."""
    joiners = vocabulary().section_cues.joiners
    parts: list[list[str]] = [[]]
    for word in text.split():
        if word.casefold() in joiners:
            parts.append([])
        else:
            parts[-1].append(word)
    return [" ".join(words) for words in parts if words]


def _asked_commitment(text: str) -> str:
    """A question asking what we are doing or will do ("How are we making this
    less likely?", "Qu'allons-nous changer ?") names the action items when its
    words name no section where they count (a short heading's anywhere, a long
    one's at its opening) nor say it is none: one of the commitments data/section_cues.yml lists as
    a question asks them (`asked_commitments`) opens it, after its question word."""
    candidates = label_candidates(text)
    if not candidates:
        return ""
    if names_no_section(text):
        return ""  # "How are we responding?": its words say it is no section
    words = candidates[0].split()
    cues = vocabulary().section_cues
    if not text.rstrip().endswith("?"):
        return _stated_commitment(words, cues.commitments)
    for start in range(_OPENING_WORDS):
        for phrase in cues.asked_commitments:
            end = start + len(phrase)
            if end < len(words) and tuple(words[start:end]) == phrase:  # a verb follows: "will we ..."
                return "actions"
    return ""


# A stated commitment opens its heading after a few words at most: "Ce que nous
# faisons", "Here is what we will change"; deeper, it is a title's subject.
_STATED_OPENING = 4


def _stated_commitment(words: list[str], commitments: tuple[str, ...]) -> str:
    """A heading stating what we do or will do ("Ce que nous faisons", "Here is what we
    will change") names the action items, as the question asking it does."""
    if len(words) > vocabulary().section_cues.longest:
        return ""
    for start in range(min(_STATED_OPENING, len(words))):
        rest = f"{' '.join(words[start:])} "
        if any(rest.startswith(f"{phrase} ") for phrase in commitments):
            return "actions"
    return ""


def _without_remarks(text: str) -> str:
    """A heading without its bracketed remarks: "Latest updates (sorted newest first, times in
    UTC)" is named by "Latest updates"; the remark is context for what the section holds."""
    kept: list[str] = []
    depth = 0
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept).strip()


def _cued_by_words(text: str) -> str:
    if "(" in text or "[" in text:
        text = _without_remarks(text) or text
    candidates = label_candidates(text)
    longest = vocabulary().section_cues.longest
    if candidates and len(candidates[0].split()) > longest:
        # A sentence (a title, a timeline entry), whatever its parts say; but short
        # alternatives side by side are each a heading ("What went well / what went wrong").
        alternatives = [fold(part) for part in text.split("/")]
        if len(alternatives) < 2 or any(len(part.split()) > longest for part in alternatives):
            return _opening_cue(candidates[0], text.rstrip().endswith("?") or _asks(candidates[0]))
        candidates = tuple(alternatives)
    for candidate in candidates:  # the whole heading, then its parts around "/", "(", "-"
        key = cue_key(candidate)
        if key:
            return "" if key == NOT_A_SECTION else key
    return ""


# A long heading names a section only by the words it opens with: a question
# ("Pourquoi la panne a-t-elle duré trois jours ?") or a phrase of several cue
# words ("What we're doing to prevent this from happening again"). A cue word
# deeper in a long heading is what a title is about, not its section.
_OPENING_WORDS = 2  # "Why ...", "What we're ...": the cue starts at the first or second word
_OPENING_PHRASE = 3  # without a question mark, the opening cue needs this many words


def _asks(folded: str) -> bool:
    """A heading that opens with a question's word asks it, with or without "?"."""
    words = folded.split()
    return bool(words) and words[0] in vocabulary().section_cues.interrogatives


def _opening_cue(folded: str, question: bool) -> str:
    words = folded.split()
    cues = vocabulary().section_cues
    for tier in (cues.strong, cues.weak):
        found = _earliest(words, tier)
        if found is None:
            continue
        start, length, key = found
        if start < _OPENING_WORDS and (question or length >= _OPENING_PHRASE) and key != NOT_A_SECTION:
            return key
        return ""
    return ""


def cue_key(folded: str) -> str:
    """The section the cues found in a folded heading name ("" when none, NOT_A_SECTION
    when the first cue says the heading is no section): the first strong cue, else the
    first weak one."""
    words = folded.split()
    cues = vocabulary().section_cues
    if not words or len(words) > cues.longest:
        return ""
    return _first(words, cues.strong) or _first(words, cues.weak)


def _first(words: list[str], cues: tuple[tuple[tuple[str, ...], str], ...]) -> str:
    """The key of the cue found at the earliest word; at the same word, the longest cue."""
    found = _earliest(words, cues)
    return found[2] if found else ""


def _earliest(words: list[str], cues: tuple[tuple[tuple[str, ...], str], ...]) -> tuple[int, int, str] | None:
    """(first word, length, key) of the cue found at the earliest word; at the same word, the
    longest (of equal lengths, the first listed). Only the cues whose first word fits are tried
    at each word, so a heading of thousands of words costs thousands of lookups, not a pass per cue."""
    exact, starred, longest_prefix = _cues_by_first_word(cues)
    for start, word in enumerate(words):
        candidates = list(exact.get(word, ()))
        for length in range(1, min(len(word), longest_prefix) + 1):
            candidates += starred.get(word[:length], ())
        best: tuple[int, int, str] | None = None
        for _order, phrase, key in sorted(candidates):
            if start + len(phrase) <= len(words) and all(
                _word_matches(words[start + offset], part) for offset, part in enumerate(phrase)
            ):
                if best is None or len(phrase) > best[1]:
                    best = (start, len(phrase), key)
        if best is not None:
            return best
    return None


_INDEXED: dict[int, tuple[tuple, tuple[dict, dict, int]]] = {}


def _cues_by_first_word(cues: tuple[tuple[tuple[str, ...], str], ...]) -> tuple[dict, dict, int]:
    """The cues indexed by their first word: exact words, and the prefixes of starred ones
    ("caus*"), each cue with its place in the list; kept per list of cues (the vocabulary's
    lists live as long as the process)."""
    kept = _INDEXED.get(id(cues))
    if kept is not None and kept[0] is cues:
        return kept[1]
    exact: dict[str, list] = {}
    starred: dict[str, list] = {}
    for order, (phrase, key) in enumerate(cues):
        first = phrase[0]
        if first.endswith("*"):
            starred.setdefault(first[:-1], []).append((order, phrase, key))
        else:
            exact.setdefault(first, []).append((order, phrase, key))
    index = (exact, starred, max((len(prefix) for prefix in starred), default=0))
    _INDEXED[id(cues)] = (cues, index)
    return index


def _word_matches(word: str, cue: str) -> bool:
    return word.startswith(cue[:-1]) if cue.endswith("*") else word == cue
