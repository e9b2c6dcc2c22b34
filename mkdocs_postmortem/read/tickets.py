"""Ticket references in action items: the issue an item is tracked in.

The reader keeps each reference as written (`references_in`): a full URL of a
GitHub, GitLab or Jira issue, or a short reference, `#123` or `ABC-123`. What a
reference links to depends on the site (`ticket_url`), so it is decided when
pages and rules need it (`ticket_links`), never stored in the model.

Every expression here runs in linear time on any input: each is a plain
alternation of character classes with no nested or overlapping repetition,
and a match never rescans what it consumed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A URL ends at white space, or at what Markdown and tables put around one.
_URL = r"https?://[^\s<>()\[\]|\"'`]{1,2000}"
_REFERENCE = re.compile(
    rf"(?P<url>{_URL})"
    # `#123`, not inside a word, a path or an HTML entity (`&#123;`).
    r"|(?<![\w/#&])#(?P<number>\d{1,9})(?![\w-])"
    # `ABC-123`, the Jira form: a project key of capitals and digits.
    r"|(?<![\w/-])(?P<key>[A-Z][A-Z0-9_]{1,9})-(?P<key_number>\d{1,9})(?![\w-])"
)
_TRAILING = ".,;:!?*_"
# `[OPS-7](https://jira.example.com/browse/OPS-7)`: the link's target is the reference, not its text.
_MARKDOWN_LINK = re.compile(r"\[[^\[\]]{0,500}\]\(\s{0,20}<?([^()\s<>]{1,2000})>?[^()]{0,500}\)")

# Recognised issue URLs, on any host (GitHub Enterprise, a self-managed GitLab, Jira Cloud or Server).
# Anchored: each is matched on one URL the reader found, and `^` keeps a search from retrying
# the rest of a long text at every `http`.
_GITLAB = re.compile(r"^https?://[^/]+/(?P<project>(?:[\w.-]+/)+)-/(?P<kind>issues|merge_requests|work_items)/(?P<number>\d+)")
_GITHUB = re.compile(r"^https?://[^/]+/(?P<project>[\w.-]+/[\w.-]+)/(?P<kind>issues|pull)/(?P<number>\d+)")
_JIRA = re.compile(r"^https?://[^?#]*?/(?:browse|issues)/(?P<key>[A-Z][A-Z0-9_]{1,9}-\d{1,9})(?![\w-])")
_JIRA_SELECTED = re.compile(r"^https?://[^?#]*\?(?:[^#]*&)?selectedIssue=(?P<key>[A-Z][A-Z0-9_]{1,9}-\d{1,9})(?![\w-])")

NUMBER = "#"  # the key of `ticket_url` for `#123` references
ANY = "*"  # the key of `ticket_url` for every short reference without its own


@dataclass(frozen=True)
class Ticket:
    label: str  # as the pages show it: "acme/ops#12", "OPS-7", "#12"
    url: str | None  # None: a short reference the site gives no URL for


def references_in(text: str) -> tuple[str, ...]:
    """The references written in `text`, in order, each once."""
    found: list[str] = []
    for match in _REFERENCE.finditer(_MARKDOWN_LINK.sub(r" \1 ", text)):
        if match["url"]:
            reference = match["url"].rstrip(_TRAILING)
            if not issue_label(reference):
                continue  # a link to a dashboard or a document, not a ticket
        else:
            reference = match.group(0)
        if reference not in found:
            found.append(reference)
    return tuple(found)


def issue_label(url: str) -> str | None:
    """`acme/ops#12` for a GitHub issue, `group/project!3` for a GitLab merge request,
    `OPS-7` for a Jira issue; None for a URL that is no issue."""
    gitlab = _GITLAB.match(url)
    if gitlab:
        mark = "!" if gitlab["kind"] == "merge_requests" else "#"
        return f"{gitlab['project'].rstrip('/')}{mark}{gitlab['number']}"
    github = _GITHUB.match(url)
    if github:
        return f"{github['project']}#{github['number']}"
    jira = _JIRA.match(url) or _JIRA_SELECTED.match(url)
    return jira["key"] if jira else None


def ticket_links(references: Iterable[str], templates: Sequence[tuple[str, str]]) -> list[Ticket]:
    """Each reference as a link. `templates` are the site's `ticket_url` as (key, template)
    pairs: `#` for `#123`, a project key (`OPS`) for its own references, `*` for the rest;
    `{id}` in a template is the reference without its `#`."""
    by_key = dict(templates)
    tickets = []
    for reference in references:
        if reference.startswith(("http://", "https://")):
            tickets.append(Ticket(issue_label(reference) or reference, reference))
            continue
        if reference.startswith("#"):
            template = by_key.get(NUMBER, by_key.get(ANY))
            ident = reference[1:]
        else:
            template = by_key.get(reference.rsplit("-", 1)[0], by_key.get(ANY))
            ident = reference
        tickets.append(Ticket(reference, template.replace("{id}", ident) if template else None))
    return tickets


def template_problem(key: str, template: str) -> str | None:
    """Why a `ticket_url` entry cannot be used, or None."""
    if not template.startswith(("https://", "http://")):
        return f"ticket_url: {key}: {template!r} is not an http(s) URL"
    if "{id}" not in template:
        return f"ticket_url: {key}: {template!r} has no {{id}}; write where the reference goes, e.g. https://jira.example.com/browse/{{id}}"
    if key not in (NUMBER, ANY) and not re.fullmatch(r"[A-Z][A-Z0-9_]{1,9}", key):
        return f"ticket_url: {key!r} is not a project key (capitals, e.g. OPS), '#' or '*'"
    return None
