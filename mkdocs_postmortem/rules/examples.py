"""The "Fails:" and "Passes:" examples of each rule's documentation, as postmortem files.

The examples are what a reader of the rule reference sees, so most are
excerpts. They are completed against one documented postmortem, `BASE`, that
breaks no rule, in this way (the rule reference's index says the same):

- a block whose text starts with a `---` front matter and goes on with a body,
  or starts with a `# Title`, is a whole file;
- a `yaml` block between `---` lines is the whole front matter, over the base's body;
- any other `yaml` block gives fields that replace or join the base's; comment
  lines `# docs/postmortems/NAME.md` split it into several files of one site,
  each the base with its own fields and, unless it sets one, the id of its name;
- a `markdown` block that starts with a heading replaces the base's sections
  of the same titles (each up to the next heading of its level), or is added
  at the end;
- any other `markdown` block is a few lines added to the base's summary.

The tests read each completed file with the real reader and check it with the
real rules: every "Fails" example must raise its rule, no "Passes" example may.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..settings import Settings
from .rule import Rule

BASE_NAME = "2026-03-04-webhook-secret.md"
# Where an example completed against the base is written, under the site folder.
BASE_PATH = f"docs/postmortems/{BASE_NAME}"

BASE = """\
---
title: Checkout orders stuck after the payment webhook secret expired
id: 2026-03-04-webhook-secret
severity: P2
status: approved
services: [checkout, payments]
timezone: Europe/Paris
started: 2026-03-04 14:00
detected: 2026-03-04 14:12
acknowledged: 2026-03-04 14:20
mitigated: 2026-03-04 14:45
resolved: 2026-03-04 15:10
published: 2026-03-06
authors: [Ana Lopez]
reviewers: [Li Wei]
---

# Checkout orders stuck after the payment webhook secret expired

## Summary

The signing secret of the payment provider's webhook expired. Payments were
accepted by the provider but never confirmed by the shop, so orders stayed
pending until a new secret was deployed.

- **Duration**: 70 minutes
- **Affected services**: checkout, payments

## Timeline

| Time  | Event                                           |
|-------|-------------------------------------------------|
| 14:00 | The webhook signing secret expires              |
| 14:12 | The pending-orders alert fires                  |
| 14:20 | The on-call engineer acknowledges the page      |
| 14:45 | A new secret is deployed; webhooks pass again   |
| 15:10 | Pending orders are confirmed; incident resolved |

## Impact

About 300 orders stayed pending for up to 70 minutes; no payment was lost.

## Root Cause

The provider rotates webhook secrets every 90 days and nothing tracked the
expiry date of ours.

### 5 Whys

1. Why did orders stay pending? The shop rejected every webhook with a 401.
2. Why were the webhooks rejected? The signing secret had expired.
3. Why had it expired? The provider rotates secrets every 90 days.
4. Why was the rotation not anticipated? No reminder or monitor tracked the expiry date.
5. Why was there no monitor? The expiry was not listed as a risk when the integration was set up.

## Action Items

| Action                                     | Owner     | Due        | Status      |
|--------------------------------------------|-----------|------------|-------------|
| Alert on the webhook failure rate          | Ana Lopez | 2026-09-01 | In Progress |
| Track secret expiry dates in the inventory | Li Wei    | 2026-10-01 | To Do       |
| Deploy a new signing secret                | Li Wei    |            | Done        |

## Lessons Learned

Third-party integrations need monitoring of their own, and every secret needs
a known expiry date.
"""

# The build date the examples are checked on, unless a rule says otherwise.
BUILD_DATE = date(2026, 6, 1)

_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
_HEADING = re.compile(r"^(#{1,6}) +(.+?) *$", re.M)
_FILE_COMMENT = re.compile(r"^# (docs/postmortems/[\w.-]+\.md)\s*$")


@dataclass(frozen=True)
class Example:
    code: str
    fails: bool  # a "Fails" example must raise the rule; a "Passes" one must not
    language: str  # the fenced block's language: markdown or yaml
    text: str

    def files(self) -> dict[str, str]:
        """The example as postmortem files: path under the docs folder -> text."""
        return complete(self.language, self.text)


def examples(rule: Rule) -> list[Example]:
    """The fenced blocks after "Fails:" and after "Passes:" in the rule's "## Example" section."""
    section = _example_section(rule.doc)
    found = []
    for part in re.split(r"^(?=Fails:|Passes:)", section, flags=re.M)[1:]:
        fails = part.startswith("Fails:")
        found += [Example(rule.code, fails, language, text) for language, text in _BLOCK.findall(part)]
    return found


def _example_section(doc: str) -> str:
    """The "## Example" section: up to the next heading of its level outside a code block."""
    lines, inside, fenced = [], False, False
    for line in doc.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith("## "):
            if inside:
                break
            inside = line.startswith("## Example")
        if inside:
            lines.append(line)
    return "\n".join(lines) + "\n"


def example_settings(rule: Rule) -> Settings:
    """The settings the rule's examples are checked with: the defaults, built on BUILD_DATE,
    with the rule's own `example_settings` over them."""
    return Settings(**{"build_date": BUILD_DATE, **rule.example_settings})


def complete(language: str, text: str) -> dict[str, str]:
    """An example's block as postmortem files, completed as the module's docstring says."""
    whole_file = text.startswith("---\n") and _split_front_matter(text)[1].strip()
    if whole_file or (language == "markdown" and text.startswith("# ")):
        return {BASE_PATH: text}
    if language == "yaml":
        if text.startswith("---\n"):
            return {BASE_PATH: text + _split_front_matter(BASE)[1]}
        return _with_fields(text)
    if _HEADING.match(text):
        return {BASE_PATH: _with_sections(BASE, text)}
    return {BASE_PATH: _with_sections(BASE, _summary_with(text))}


def _split_front_matter(text: str) -> tuple[str, str]:
    """(the front matter with its `---` lines, the rest)."""
    end = text.index("\n---\n", 3) + len("\n---\n")
    return text[:end], text[end:]


def _with_fields(text: str) -> dict[str, str]:
    parts: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.splitlines():
        named = _FILE_COMMENT.match(line)
        if named:
            parts.append((named.group(1), []))
        elif line.strip() and not line.lstrip().startswith("#"):
            parts[-1][1].append(line)
    return {
        path or BASE_PATH: _base_with(lines, keep_id=path is None)
        for path, lines in parts
        if path is not None or lines
    }


def _base_with(field_lines: list[str], keep_id: bool) -> str:
    """The base with these `field: value` lines written over its own, as the author wrote them."""
    front, body = _split_front_matter(BASE)
    fields = {line.split(":", 1)[0]: line for line in front.splitlines()[1:-1]}
    if not keep_id:
        del fields["id"]
    for line in field_lines:
        fields[line.split(":", 1)[0].strip()] = line
    return "---\n" + "\n".join(fields.values()) + "\n---\n" + body


def _summary_with(lines: str) -> str:
    summary = _sections(_split_front_matter(BASE)[1], 2)["Summary"]
    return summary.rstrip("\n") + "\n\n" + lines


def _sections(text: str, level: int) -> dict[str, str]:
    """Title -> the section's text, heading included, for the headings of `level`."""
    marks = [m for m in _HEADING.finditer(text) if len(m.group(1)) == level]
    found = {}
    for mark in marks:
        end = len(text)
        for later in _HEADING.finditer(text, mark.end()):
            if len(later.group(1)) <= level:
                end = later.start()
                break
        found[mark.group(2)] = text[mark.start():end]
    return found


def _with_sections(base: str, excerpt: str) -> str:
    level = len(_HEADING.match(excerpt).group(1))
    result = base
    for title, section in _sections(excerpt, level).items():
        section = section.rstrip("\n") + "\n\n"
        current = _sections(result, level).get(title)
        if current is None:
            result = result.rstrip("\n") + "\n\n" + section
        else:
            result = result.replace(current, section, 1)
    return result.rstrip("\n") + "\n"
