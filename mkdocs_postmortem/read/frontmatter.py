"""Front matter: split it from the body and parse it ourselves, so a YAML
error has the file's line number and every top-level key keeps its line.

Static-site generators also write front matter in TOML (between `+++`
lines: Hugo, Zola) and in JSON (an object opening on line 1: Hugo). Those are
front matter too, read with the standard library's parsers: never body, whose
`[taxonomies]` would look like placeholders. The plugin itself writes YAML.

python-frontmatter would hide both, and a YAML "billion laughs" document
(aliases nesting aliases) would expand to gigabytes in whoever walks the
result; here aliases are counted before anything is built.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import ProblemKind, ReadProblem

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, published apart before Python 3.11
    import tomli as tomllib

try:  # the C parser is several times faster; fall back to pure Python
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

# How many values the front matter may hold once aliases are expanded. A real
# front matter holds a few dozen; the budget only stops alias bombs.
MAX_EXPANDED_VALUES = 10_000


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that keeps an impossible date ("2026-02-30") as the text written.

    PyYAML would raise while building the whole document, losing every other
    field; the field checks report the bad date on its own line instead.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _number_or_clock(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """YAML 1.1 reads `14:23` as the base-60 number 863; authors mean a time of day."""
    if ":" in str(node.value):
        return loader.construct_scalar(node)
    if node.tag.endswith(":int"):
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    return yaml.SafeLoader.construct_yaml_float(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _number_or_clock)
_Loader.add_constructor("tag:yaml.org,2002:float", _number_or_clock)


YAML, TOML, JSON = "yaml", "toml", "json"


@dataclass
class FrontMatter:
    present: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list-valued key -> line of each item
    body_line: int = 1  # first line of the body in the file
    problems: list[ReadProblem] = field(default_factory=list)
    format: str = YAML  # the language the front matter is written in

# The line that opens a front matter in each other language, and the line that closes it.
_FENCES = {TOML: ("+++", "+++"), JSON: ("{", "}")}


def front_matter_format(text: str) -> str | None:
    """The language of the front matter that opens the text (`yaml`, `toml`,
    `json`), None when the text opens with none."""
    first = text[: text.find("\n")] if "\n" in text else text
    if first.rstrip() == "---":
        return YAML
    for name, (opening, _) in _FENCES.items():
        if first.rstrip() == opening:
            return name
    return None


def _split_fenced(text: str, closing: str) -> tuple[str, int]:
    """(the lines between line 1 and the closing line, first body line); ("", -1) when never closed."""
    first_end = text.find("\n")
    position, line = first_end + 1, 2
    while first_end != -1 and position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end == -1 else text[position:end]
        if current.rstrip() == closing:
            return text[first_end + 1 : position], line + 1
        if end == -1:
            break
        position, line = end + 1, line + 1
    return "", -1


def split_front_matter(text: str) -> tuple[str | None, int]:
    """(YAML text or None, first body line). Front matter is `---` on line 1 up to `---` or `...`."""
    if not text.startswith("---"):
        return None, 1
    first_end = text.find("\n")
    if first_end == -1 or text[3:first_end].strip():
        return None, 1
    position = first_end + 1
    line = 2
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end == -1 else text[position:end]
        if current.rstrip() in ("---", "..."):
            return text[first_end + 1 : position], line + 1
        if end == -1:
            break
        position = end + 1
        line += 1
    return "", -1  # opened, never closed


def without_other_front_matter(markdown: str) -> str:
    """The Markdown after a TOML or JSON front matter (which MkDocs, reading only
    YAML, leaves in a page's text); the Markdown as it is otherwise."""
    language = front_matter_format(markdown)
    if language not in _FENCES:
        return markdown
    _, body_line = _split_fenced(markdown, _FENCES[language][1])
    return markdown if body_line == -1 else body_text(markdown, body_line)


def body_text(text: str, body_line: int) -> str:
    """The text from line `body_line` on (the whole text for line 1): the Markdown
    body after the front matter. Cut at the newline before it, not split into lines."""
    position = -1
    for _ in range(body_line - 1):
        position = text.find("\n", position + 1)
        if position == -1:
            return ""
    return text[position + 1 :]


def read_front_matter(text: str) -> FrontMatter:
    language = front_matter_format(text)
    if language in _FENCES:
        return _read_other_language(text, language)
    yaml_text, body_line = split_front_matter(text)
    result = FrontMatter()
    if yaml_text is None:
        result.problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                1,
                "no front matter: start the file with a '---' line, the YAML fields "
                "(title, severity, services, started, resolved...), and a closing '---' line",
            )
        )
        return result
    if body_line == -1:
        result.problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                1,
                "the front matter opened by '---' on line 1 is never closed: "
                "add a '---' line after the last YAML field",
            )
        )
        result.body_line = 2
        return result
    result.present = True
    result.body_line = body_line
    offset = 2  # the YAML text starts on the file's line 2
    try:
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            if node is not None:
                # Aliases need an anchor (`&name`): without one there is nothing to count.
                problem = _alias_problem(node, offset) if "&" in yaml_text else None
                if problem:
                    result.problems.append(problem)
                    return result
                data = loader.construct_document(node)
            else:
                data = None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = offset + mark.line if mark else offset
        what = error.problem or error.context or "invalid YAML"
        result.problems.append(
            ReadProblem(ProblemKind.UNREADABLE, line, f"front matter is not valid YAML: {what}; fix the YAML on this line")
        )
        return result
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        result.problems.append(
            ReadProblem(ProblemKind.UNREADABLE, offset, f"front matter could not be read as YAML ({error}); simplify it")
        )
        return result
    if data is None:
        return result  # `---` `---`: present and empty; the field checks say what is missing
    if not isinstance(data, dict):
        kind = type(data).__name__
        result.problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                offset,
                f"front matter is a {_kind_name(kind)}, not a mapping of fields: "
                "write one 'field: value' per line (title: ..., severity: ...)",
            )
        )
        return result
    result.data = data
    for key_node, value_node in node.value:
        key = _scalar_key(key_node)
        if key is None:
            continue
        result.key_lines.setdefault(key, offset + key_node.start_mark.line)
        if isinstance(value_node, yaml.SequenceNode):
            result.item_lines[key] = [offset + item.start_mark.line for item in value_node.value]
    return result


def _read_other_language(text: str, language: str) -> FrontMatter:
    """A TOML or JSON front matter: its mapping, each top-level key's line, the body after it."""
    opening, closing = _FENCES[language]
    inner, body_line = _split_fenced(text, closing)
    result = FrontMatter(format=language)
    name = language.upper()
    if body_line == -1:
        result.problems.append(
            ReadProblem(
                ProblemKind.UNREADABLE,
                1,
                f"the {name} front matter opened by '{opening}' on line 1 is never closed: "
                f"add a '{closing}' line after its last field",
            )
        )
        result.body_line = 2
        return result
    result.present = True
    result.body_line = body_line
    try:
        data = tomllib.loads(inner) if language == TOML else json.loads("{\n" + inner + "}")
    except tomllib.TOMLDecodeError as error:
        line = 1 + (getattr(error, "lineno", None) or 1)
        what = getattr(error, "msg", None) or str(error)
        result.problems.append(
            ReadProblem(ProblemKind.UNREADABLE, line, f"front matter is not valid TOML: {what}; fix the TOML on this line")
        )
        return result
    except (json.JSONDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", 1)  # the object's `{` is line 1, as it was parsed
        result.problems.append(
            ReadProblem(ProblemKind.UNREADABLE, line, f"front matter is not valid JSON ({error}); fix the JSON on this line")
        )
        return result
    if not isinstance(data, dict):
        result.problems.append(
            ReadProblem(ProblemKind.UNREADABLE, 2, f"front matter is {name} but not a mapping of fields")
        )
        return result
    result.data = data
    result.key_lines = _top_level_key_lines(inner, data, language)
    return result


def _top_level_key_lines(inner: str, data: dict[str, Any], language: str) -> dict[str, int]:
    """The file line of each top-level key: the first line that starts with it
    (`key =`, `[key]`, `"key":`); the fence is line 1."""
    lines: dict[str, int] = {}
    wanted = {str(key) for key in data}
    for number, line in enumerate(inner.split("\n"), start=2):
        stripped = line.strip()
        if language == TOML:
            head = stripped[1:].split("]")[0].split(".")[0] if stripped.startswith("[") else stripped.split("=")[0]
        else:
            head = stripped.split(":")[0]
        key = head.strip().strip('"').strip("'")
        if key in wanted:
            lines.setdefault(key, number)
    return lines


def _scalar_key(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return None


def _kind_name(kind: str) -> str:
    return {"list": "list", "str": "single text", "int": "number", "float": "number", "bool": "boolean"}.get(
        kind, kind
    )


def _alias_problem(root: yaml.Node, offset: int) -> ReadProblem | None:
    """A problem when aliases expand beyond MAX_EXPANDED_VALUES or refer to themselves.

    Counts each node's expanded size once (post-order, iteratively: deep
    nesting must not hit the recursion limit), so the count is linear in the
    document even when the expansion would not be.
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            in_progress.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_EXPANDED_VALUES:
                return ReadProblem(
                    ProblemKind.UNREADABLE,
                    offset + node.start_mark.line,
                    f"front matter expands to more than {MAX_EXPANDED_VALUES} values through "
                    "YAML anchors and aliases (&name / *name); write the values out instead",
                )
            continue
        if key in sizes:
            continue
        if key in in_progress:
            return ReadProblem(
                ProblemKind.UNREADABLE,
                offset + node.start_mark.line,
                "front matter has a YAML alias that contains itself; remove the anchor (&name) or alias (*name)",
            )
        in_progress.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) not in sizes:
                if id(child) in in_progress:
                    return ReadProblem(
                        ProblemKind.UNREADABLE,
                        offset + child.start_mark.line,
                        "front matter has a YAML alias that contains itself; "
                        "remove the anchor (&name) or alias (*name)",
                    )
                stack.append((child, False))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
