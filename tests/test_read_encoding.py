"""Mojibake found where ftfy would find it, without running ftfy's search over every character."""

from __future__ import annotations

import random
import re._parser as regex_parser

from ftfy.badness import BADNESS_RE, is_bad

from mkdocs_postmortem.read import encoding
from mkdocs_postmortem.read.encoding import decode


def _can_be_ascii(op, av) -> bool:
    if op is regex_parser.LITERAL:
        return av < 128
    if op is regex_parser.IN:
        for kind, value in av:
            if kind is regex_parser.LITERAL and value < 128:
                return True
            if kind is regex_parser.RANGE and value[0] < 128:
                return True
            if kind in (regex_parser.CATEGORY, regex_parser.NEGATE):
                return True
        return False
    return True  # anything else (any character, a group): counted as possibly ASCII


def _non_ascii_within(branch, reach: int) -> bool:
    """Whether every match of the branch has a character outside ASCII among its first `reach`."""
    consumed = 0
    for op, av in branch:
        if op is regex_parser.AT:
            continue  # an anchor takes no character
        if op in (regex_parser.MAX_REPEAT, regex_parser.MIN_REPEAT):
            low, high, item = av
            if high != 1 or len(item) != 1:
                return False
            if low == 1 and not _can_be_ascii(*item[0]):
                return True
            consumed += 1  # optional: counted as taken, the later characters come no sooner
        elif not _can_be_ascii(op, av):
            return True
        else:
            consumed += 1
        if consumed >= reach:
            return False
    return False


def test_every_sequence_ftfy_calls_bad_starts_near_a_character_outside_ascii():
    # The reader tries ftfy's pattern only near characters outside ASCII: that holds
    # while each of the pattern's alternatives has one among its first three characters.
    [(op, (_, branches))] = regex_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is regex_parser.BRANCH
    reach = encoding._BADNESS_REACH + 1
    assert [branch.data for branch in branches if not _non_ascii_within(branch.data, reach)] == []


def test_looking_bad_is_what_ftfy_says_on_mixes_of_its_own_characters():
    pieces = ["Ã", "Â", "©", "é", "’", "à", " ", "a", "Z", "\n", "°", "√", "±", "вЂ", "¦", "ç", "ГўВЂВ", "x", ".", "œ"]
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 12)))
        assert encoding._looks_bad(text) == is_bad(text), text


def test_a_clean_french_file_with_a_clue_is_left_as_it_is_and_mojibake_is_still_repaired():
    clean = "Le service a été rétabli jusqu’à l’aube, à 14h05.\n" * 40
    assert decode(clean.encode("utf-8")).text == clean
    assert decode(clean.encode("utf-8")).repaired == []
    broken = "R√©sum√© de l‚Äôincident\nLe service a √©t√© r√©tabli.\n"
    repaired = decode(broken.encode("utf-8"))
    assert repaired.text == "Résumé de l’incident\nLe service a été rétabli.\n"
    assert [line for line, _, _ in repaired.repaired] == [1, 2]


def test_the_quick_scan_for_a_clue_finds_every_clue_the_full_pattern_finds():
    # The scan skips to characters that can open a clue; it must miss none the slow pattern finds.
    import ftfy.chardata

    code_page_characters = sorted(
        {
            bytes([value]).decode(codec, errors="ignore")
            for codec in ftfy.chardata.CHARMAP_ENCODINGS
            for value in range(0x80, 0x100)
        }
        - {""}
    )
    pieces = [*code_page_characters, " ", "a", "é", "\n", "\ufffd", "\x1a", "\x85"]
    generator = random.Random(11)
    for _ in range(20000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 6)))
        assert encoding._maybe_mojibake(text) == bool(encoding._MOJIBAKE_CLUE.search(text)), repr(text)
