"""PM103: template placeholders left in a postmortem.

The patterns live in `data/placeholders.yml`. Prose is checked line by line
outside code; each line gets at most one diagnostic, quoting every placeholder
found on it. Front matter is checked by value, not by line, since its YAML
flow lists (`services: [a, b]`) look like bracketed placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..model import ERROR, Postmortem
from ..read.vocabulary import vocabulary
from ..settings import Settings
from ..text import fold, fold_keeping_punctuation, load_data
from .context import (
    Context,
    Finding,
    GatedPattern,
    gated_patterns,
    is_table_row,
    quote,
    table_cells,
)
from .rule import rule

# The look-behind comes after the literal "[" so the engine can jump from
# bracket to bracket instead of trying every position.
_BRACKET = re.compile(r"\[(?<![\\!\[\]]\[)([^\[\]\n]+)\](?![(\[:{])")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\*?\[([^\]]+)\]:")
_LIST_MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_LABELLED_VALUE = re.compile(r"^[^:]{1,80}?\s?:\s+(.+)$")
_EMPHASIS = "*_ \t"
# Brackets without a letter or digit are never a template's: ASCII art such as
# "[░░██░░]", or "[???]" where an author honestly marks what is unknown.
_NOT_PLACEHOLDER_BRACKET = re.compile(
    r"^(?:\s*|[xX]|\^.*|!.*|\d+|\d{4}-\d{2}-\d{2}.*|\d{1,2}:\d{2}.*|[^\w]+)$"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(any of the `anywhere` patterns, any whole value, bracket contents that are not placeholders)."""
    data = load_data("placeholders.yml")
    anywhere = re.compile("|".join(f"(?:{entry['pattern']})" for entry in data["anywhere"]))
    whole = re.compile("|".join(f"(?:{p})" for p in data["whole_value"]))
    exceptions = frozenset(fold_keeping_punctuation(str(e)) for e in data.get("bracket_exceptions", []))
    return anywhere, whole, exceptions


# A tag opens its title: one that far into a line is not at its start, and looking
# no further keeps a line of a thousand brackets linear.
_TITLE_REACH = 160
_TAG_FOLLOWED = re.compile(r"[ \t]{1,3}[^\W_]")  # the title's words after the tag
# A separator between the tag and the title's words ("[Personnels] // INFO ...", "[Réseau] | ...").
_TAG_SET_APART = re.compile(r"[ \t]{1,3}(?://?|\||·|•|–|—|-|::?)[ \t]{1,3}[^\W_]")


@cache
def _title_opening() -> re.Pattern[str]:
    """What may come before a tag on its line: heading marks, quote marks, mail prefixes
    and the tags a reply repeats ("RE: [sre] Re: [sre] ...")."""
    prefixes = "|".join(re.escape(str(p)) for p in load_data("placeholders.yml").get("subject_prefixes", []))
    return re.compile(
        rf"[ \t]{{0,3}}(?:>[ \t]?)*(?P<heading>#{{1,6}}[ \t]+)?(?P<mail>(?:[*_]{{0,3}}(?:{prefixes})[ \t]?:[*_]{{0,3}}[ \t]*(?:\[[^\[\]\s]{{1,40}}\][ \t]*)*)+)?",
        re.IGNORECASE,
    )


def _is_title_tag(match: re.Match[str], line: str, start: int) -> bool:
    """The bracket opens a heading or a mail subject, is followed by the title's
    words and has none of a stand-in's shapes: the title's tag or category
    ("Re: [infra] ...", "**Objet :** [DNum] Incident ...", "## [retro active] ...")."""
    content = match.group(1)
    after = start + len(match.group(0))
    if not (_TAG_SET_APART.match(line, after) or _TAG_FOLLOWED.match(line, after)):
        return False
    opening = _title_opening().fullmatch(line, 0, start)
    if opening is None or not (opening.group("heading") or opening.group("mail")):
        return False
    return not _has_stand_in_shape(content)


@cache
def _stand_in_shape() -> tuple[frozenset[str], tuple[str, ...], int]:
    """(words naming a value or addressing the author, stems of words telling the author
    what to do, the most words a title's tag holds)."""
    data = load_data("placeholders.yml")
    shape = data["stand_in_shape"]
    names = frozenset(fold(str(w)) + plural for w in shape["value_names"] for plural in ("", "s"))
    words = names | frozenset(fold(str(w)) for w in shape["addressed"])
    return words, tuple(fold(str(w)) for w in shape["instructions"]), int(data["title_tag_max_words"])


def _has_stand_in_shape(content: str) -> bool:
    """Whether a bracket's text is what a template leaves to fill in: it names the value
    to write ("Service name", "Nom du service"), tells the author what to do ("insert
    ...", "Décrire ..."), speaks to the author ("Your team") or gives a format."""
    names, instructions, most_words = _stand_in_shape()
    words = re.findall(r"[^\W\d_][\w'-]*", fold(content))
    if not words or len(words) > most_words or "..." in content or "…" in content:
        return True
    if _patterns()[0].search(content) or _patterns()[1].fullmatch(content.strip()):
        return True
    return any(word in names or word.startswith(instructions) for word in words)


@cache
def _gated() -> tuple[GatedPattern, ...]:
    """The `anywhere` patterns one by one, each behind its words, and the bracket pattern."""
    brackets = GatedPattern(_BRACKET, ("[",))
    return (brackets, *gated_patterns(load_data("placeholders.yml")["anywhere"]))


def is_placeholder_value(value: str) -> bool:
    """True when a value, as a whole, is a template stand-in ("HH:MM", "[Owner]", "TBD", "…")."""
    anywhere, whole, _ = _patterns()
    text = value.strip().strip(_EMPHASIS)
    if not text:
        return False
    if whole.fullmatch(text) or anywhere.fullmatch(text):
        return True
    bracket = _BRACKET.fullmatch(text)
    return bool(bracket) and _is_placeholder_bracket(bracket.group(1), frozenset())


def _is_placeholder_bracket(content: str, references: frozenset[str], beside_words: bool = False) -> bool:
    """`beside_words`: the bracket stands before or after an item's own words, where a
    helpdesk writes the item's status ("- [COMPLETED] Raise ...", "... [Scheduled]");
    alone, or as a label's value ("Owner: [To do]"), a status word is the template's."""
    if _NOT_PLACEHOLDER_BRACKET.match(content):
        return False
    text = content.strip()
    folded = fold_keeping_punctuation(text)
    if folded in _patterns()[2] or folded in references:
        return False
    return not (_is_link_text(text) or (beside_words and _is_known_status(text)))


_LABEL_REACH = 60


def _beside_words(line: str, start: int, end: int) -> bool:
    """Whether the bracket at line[start:end] stands where an item's status does: beside
    words of the line, or as the value of a label that asks for a status ("Statut du
    document : [Brouillon]"); not as the value of another label ("Owner: [To do]")."""
    before = line[:start].rstrip(" \t*_")
    if before.endswith(":"):
        # A label is a few words: reading no further back keeps a line of many labels linear.
        label = before[max(0, len(before) - _LABEL_REACH) : -1]
        return any(word in _status_labels() for word in re.findall(r"\w+", fold(label)))
    marker = _LIST_MARKER.match(before)
    before = before[marker.end():] if marker else before
    return any(ch.isalpha() for ch in before) or any(ch.isalpha() for ch in line[end:])


@cache
def _status_labels() -> frozenset[str]:
    return frozenset(fold(str(word)) for word in load_data("placeholders.yml").get("status_labels", []))


@cache
def _link_marks() -> tuple[str, ...]:
    return tuple(str(mark) for mark in load_data("placeholders.yml").get("bracket_link_marks", []))


def _is_link_text(text: str) -> bool:
    """A link's text whose target was lost: "[Read the provider's update →]"."""
    return text.endswith(_link_marks())


def _is_known_status(text: str) -> bool:
    """A value, not a stand-in: an action's or a document's status ("[Scheduled]", "[Brouillon]")."""
    if len(text) > 24:
        return False
    words = vocabulary()
    folded = fold(text)
    return folded in words.action_statuses or folded in words.document_statuses


def _values(line: str) -> list[str]:
    """The parts of a line that a template leaves to fill in: cells, list items, labelled values."""
    if is_table_row(line):
        return table_cells(line)
    marker = _LIST_MARKER.match(line)
    text = line[marker.end():] if marker else line
    flat = text.replace("**", "").replace("__", "").strip() if ("*" in text or "_" in text) else text.strip()
    values = [flat] if marker else []
    if ":" in flat:
        labelled = _LABELLED_VALUE.match(flat)
        if labelled:
            values.append(labelled.group(1))
    return values


def placeholders_in_line(line: str) -> list[str]:
    """Placeholders of one line of Markdown prose, in order, without repeats."""
    ctx = Context(Postmortem(path="", src_uri="", id="", text=line), Settings())
    return _found_in_prose(ctx).get(1, [])


@rule("PM103", "placeholder-left", ERROR, completeness=True, reads_body=True)
def placeholder_left(ctx: Context) -> Iterator[Finding]:
    """template placeholder left in the text

    ## What it checks

    Template text left in the postmortem: bracketed stand-ins (`[Nom]`, `[Owner]`,
    `[Date]`, `[Titre de l'incident]`, `[📎 lien]`, `[Link to ...]`), date and time
    patterns (`YYYY-MM-DD HH:mm`, `[YYYY-MM-DD]`, `HH:MM` as a time), stand-in
    amounts (`XX minutes`, `[X heures Y minutes]`, and `X`, `Y%`, `$X` standing alone
    as a value), `TBD`, `…` or `......` as a whole value, choice lists copied from
    the template (`Oui / Non`, `Yes/No`, `Critique | Majeur | Mineur`, `P1/P2/P3`),
    and numbered stand-ins (`Lesson 1`, `Action 1`, `Point positif 1`).

    Ordinary prose is not flagged: `X-Forwarded-For`, a real `[link](url)`, a task
    checkbox `[ ]`, a footnote `[^1]`, a one-word tag opening a heading or a mail
    subject (`Re: [infra] The package repository is unavailable`, `# [RESOLVED] ...`;
    a title-case word opening a heading, `# [Service] outage`, is still a stand-in),
    a bracket holding a value rather than naming one (an item's status a helpdesk
    writes after it, `[Scheduled]`, `[En cours]`), a link's text whose target an
    export lost (`[Read the provider's update →]`), brackets without a letter or digit such as
    ASCII art (`[░░██░░]`) or `[???]`, where an author honestly marks what nobody
    knows. Code blocks and inline code are never
    checked. Each line is reported once, quoting every placeholder on it.
    The patterns live in `mkdocs_postmortem/data/placeholders.yml`.

    On a draft it is a warning: drafts are still being written.

    ## Why it matters

    A placeholder is a question the author has not answered yet. Published, it
    reads as if the answer were unknown, or makes the incident look fictional.

    ## Example

    Fails:

    ```markdown
    - **Duration**: XX minutes
    | Alert on the webhook failure rate | [Owner] | TBD | To Do |
    ```

    Passes:

    ```markdown
    - **Duration**: 70 minutes
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do |
    ```

    ## How to fix it

    Replace each quoted placeholder with the real value, or delete the line when it does not apply.
    """
    pm = ctx.pm
    for key, value in pm.front_matter.items():
        values = value if isinstance(value, list) else [value]
        stand_ins = [v for v in values if isinstance(v, str) and is_placeholder_value(v)]
        if stand_ins:
            yield _finding(pm.field_lines.get(str(key), 1), stand_ins, f"`{key}`")
    for number, stand_ins in _found_in_prose(ctx).items():
        yield _finding(number, stand_ins, "")


def _found_in_prose(ctx: Context) -> dict[int, list[str]]:
    """Line -> the placeholders quoted on it, for every prose line that has some."""
    references: frozenset[str] = frozenset()
    if "]:" in ctx.prose_text:
        references = frozenset(
            fold_keeping_punctuation(m.group(1).strip())
            for _, line in ctx.prose
            if (m := _REFERENCE_DEFINITION.match(line))
        )
    found: dict[int, list[tuple[int, str]]] = {}
    for line, match, index in ctx.search(_gated()):
        if index == 0:
            begin = ctx.offset_of(line)
            stop = ctx.prose_text.find("\n", begin)
            text = ctx.prose_text[begin : stop if stop != -1 else len(ctx.prose_text)]
            beside = _beside_words(text, match.start() - begin, match.end() - begin)
            if not _is_placeholder_bracket(match.group(1), references, beside):
                continue  # a link, a checkbox, a footnote, an item's status
            if match.start() - begin <= _TITLE_REACH and _is_title_tag(
                match, ctx.prose_text[begin : match.end() + _TITLE_REACH], match.start() - begin
            ):
                continue  # "Re: [infra] The package repository is unavailable"
        found.setdefault(line, []).append((match.start(), match.group(0)))
    whole = _patterns()[1]
    for number, text in ctx.prose:
        for value in _values(text):
            cleaned = value.strip().strip(_EMPHASIS).strip()
            if cleaned and whole.fullmatch(cleaned):
                position = ctx.offset_of(number) + text.find(cleaned)
                found.setdefault(number, []).append((position, cleaned))
    return {
        number: _distinct(found[number])
        for number in sorted(found)
        if not _REFERENCE_DEFINITION.match(ctx.lines[number - 1])
    }


def _distinct(found: list[tuple[int, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for _, text in sorted(found):
        # A placeholder inside another one already quoted ("XX minutes" in
        # "[XX minutes]") is the same stand-in.
        if not any(text in other for other in seen):
            seen[text] = None
    return list(seen)


def _finding(line: int, stand_ins: list[str], where: str) -> Finding:
    quoted = ", ".join(quote(s) for s in stand_ins)
    place = f" in {where}" if where else ""
    if len(stand_ins) == 1:
        message = f"template placeholder {quoted} left{place}; replace it with the real value, or delete the line if it does not apply"
    else:
        message = f"template placeholders {quoted} left{place}; replace them with the real values"
    return Finding(line, message)

