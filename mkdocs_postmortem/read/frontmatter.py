"""Front matter: split it from the body and parse it ourselves, so a YAML
error has the file's line number and every top-level key keeps its line.

python-frontmatter would hide both, and a YAML "billion laughs" document
(aliases nesting aliases) would expand to gigabytes in whoever walks the
result; here aliases are counted before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import ProblemKind, ReadProblem

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


@dataclass
class FrontMatter:
    present: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list-valued key -> line of each item
    body_line: int = 1  # first line of the body in the file
    problems: list[ReadProblem] = field(default_factory=list)


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
