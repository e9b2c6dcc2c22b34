"""What one item of a list says, whatever section it stands in: a checklist box, a
status written before it ("DONE: ...", "[DOING] ..."), an instruction ("Renew the
certificates"), an outcome ("The queue was drained"), work still to do.

The section classifier asks it to tell an action list from a list of facts, and the
action reader to read each item; it reads only text and the vocabulary in `data/`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import fold
from .text import plain
from .values import read_action_status
from .vocabulary import vocabulary

# A task-list box, "[ ]" open, "[x]" ticked.
CHECKBOX = re.compile(r"^\[([ xX✓✔])\]\s*")


_STATUS_LABEL = re.compile(r"^(?:\*\*|__)?(?P<word>[A-Za-zÀ-ÿ' -]{2,16}?)(?:\*\*|__)?[ \t]{0,3}[:–—]\s+")


# A status set apart without a colon: "[DONE] add a test", "**DOING** - add a test",
# "OPEN add a test" (in capitals: a word in lower case there is the item's first word).
_STATUS_MARK = re.compile(
    r"^(?:\[(?P<bracket>[A-Za-zÀ-ÿ ]{2,12})\]|(?:\*\*|__)(?P<bold>[A-Za-zÀ-ÿ ]{2,12})(?:\*\*|__)|(?P<caps>[A-ZÀ-Ý]{2,12}))"
    r"[ \t]{0,3}(?:[-–—][ \t]{0,3})?(?=\S)"
)


def status_label(text: str) -> tuple[str | None, str]:
    """("done", "add a test") from "DONE: add a test", "[DONE] add a test" or "DONE add a
    test"; (None, text) when no status leads it."""
    match = _STATUS_LABEL.match(text)
    if match and read_action_status(match["word"]) and fold(match["word"]) in vocabulary().action_statuses:
        return match["word"], text[match.end():]
    mark = _STATUS_MARK.match(text)
    if mark:
        word = mark["bracket"] or mark["bold"] or mark["caps"]
        if read_action_status(word) and fold(word) in vocabulary().action_statuses:
            return word, text[mark.end():]
    return None, text


@lru_cache(maxsize=1)
def _outcome_pattern() -> re.Pattern[str]:
    auxiliaries = sorted(vocabulary().outcome_auxiliaries, key=len, reverse=True)
    # An auxiliary, at most one adverb, then a past participle (English -ed/-en/-t or
    # an irregular form ending in a consonant, French -é/-i/-u/-t/-s with agreement).
    words = "|".join(re.escape(word) for word in auxiliaries)
    return re.compile(rf"\b(?:{words})\s(?:[a-z]+ly\s)?[a-z]{{2,}}(?:ed|en|wn|t|e|es|ee|ees|i|is|ie|u|us|ue)\b")


_RELATIVE = frozenset({"what", "which", "that", "how", "whether", "if", "when", "qui", "que", "quand", "si", "comment"})


@lru_cache(maxsize=1)
def _active_outcome_pattern() -> re.Pattern[str]:
    auxiliaries = sorted(vocabulary().outcome_active_auxiliaries, key=len, reverse=True)
    words = "|".join(re.escape(word) for word in auxiliaries)
    # "avoir", at most one adverb, then a participle with its accent: "a remplacé", "ont déjà relancées".
    return re.compile(rf"(?<![\w'’])(?:{words})\s(?:\w{{2,20}}\s)?\w{{1,30}}(?:é|ée|és|ées)(?!\w)")


def is_outcome(text: str) -> bool:
    """An item that states what was done ("The queue was drained by 10:40", "l'hébergeur a
    remplacé l'onduleur"): the auxiliary ends its subject, in its first words, and no
    "what"/"that" makes it a clause of an instruction ("Document what was changed")."""
    folded = fold(text)
    match = _outcome_pattern().search(folded)
    if match is not None:
        subject = folded[: match.start()].split()
        if len(subject) <= 6 and not _RELATIVE.intersection(subject):
            return True
    lowered = text.lower()
    active = _active_outcome_pattern().search(lowered)
    if active is None:
        return False
    subject = fold(lowered[: active.start()]).split()
    return len(subject) <= 6 and not _RELATIVE.intersection(subject)


_MOST_OPENER_WORDS = 2  # "do not", "ne jamais"


def is_instruction(text: str) -> bool:
    """"Renew certificates before they expire", "Ajouter une alerte", "Never deploy by
    hand": an item that opens on a verb telling what to do (data/reading.yml), and
    states no outcome."""
    _, text = status_label(CHECKBOX.sub("", text.strip(), count=1))
    words = fold(plain(text)).split()
    openers = vocabulary().instruction_openers
    opens = any(" ".join(words[:count]) in openers for count in range(1, _MOST_OPENER_WORDS + 1))
    return opens and not is_outcome(text)


def is_work_under_way(text: str) -> bool:
    """"We're adding an end-to-end check", "We are moving the database": the team telling
    the work it is doing, a subject and a verb in the progressive (data/reading.yml)."""
    words = fold(plain(text)).split()
    found = vocabulary()
    for subject in found.progressive_subjects:
        size = len(subject)
        if tuple(words[:size]) == subject and len(words) > size and words[size].endswith(found.progressive_endings):
            return words[size] not in found.progressive_states  # "We are seeing no further errors": a status
    return False


def lists_instructions(items: list[str]) -> bool:
    """A list of two items or more, each an instruction: work to do."""
    return len(items) >= 2 and all(is_instruction(item.split("\n")[0]) for item in items)


def is_checklist_item(text: str) -> bool:
    """"[ ] Test the failover" or "[x] Renew the certificate": a task-list item."""
    return CHECKBOX.match(text.strip()) is not None


def is_work_to_do(text: str) -> bool:
    """A list item that reads as work still to do: a checkbox not ticked, or a line
    that states no outcome and does not open on a verb in the past tense
    ("Rolled back the release", "Redémarré le proxy")."""
    box = CHECKBOX.match(text.strip())
    if box:
        return box.group(1) == " "
    words = plain(text).lower().split()
    if not words or is_outcome(text):
        return False
    return not words[0].strip(".,;:").endswith(vocabulary().past_endings)
