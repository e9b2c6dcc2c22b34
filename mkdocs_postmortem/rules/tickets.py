"""PM306: an open action item without a ticket, for sites that track follow-ups in an issue tracker.

Off by default: many teams track actions in the postmortem itself. A site that
wants every commitment in its tracker switches it on (`rules: {PM306: error}`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..incident import is_open
from ..model import ERROR, ActionItem
from ..read.tickets import ticket_links
from .actions import _committed
from .context import Context, Finding, quote
from .rule import rule

_EXAMPLE_TRACKER = (("OPS", "https://jira.example.com/browse/{id}"),)


@rule(
    "PM306", "action-without-ticket", ERROR, reads_body=True, default_off=True,
    silence_hint="it is off unless the site switches it on; `warning` shows it without failing the build",
    example_settings={"rules": {"PM306": "error"}, "ticket_urls": _EXAMPLE_TRACKER},
)
def action_without_ticket(ctx: Context) -> Iterator[Finding]:
    """open action item without a ticket

    ## What it checks

    An action item still open or in progress links to no ticket: no GitHub,
    GitLab or Jira issue URL in its row, and no short reference (`#123`,
    `OPS-123`) that the site's `ticket_url` turns into a link. The reference may
    sit in the action's text, in a Ticket / Issue / Jira column, after
    `- Ticket:` on a checklist item, or under `ticket:` in front matter. Items
    done or won't do, and items under a backlog sub-heading, need none.

    This rule is **off by default**: switch it on with `rules: {PM306: error}`
    (or `warning`).

    ## Why it matters

    Where a team plans its work in an issue tracker, an action that is not in
    it is not planned: nobody sees it in a sprint, and it is forgotten. A link
    in both directions lets the tracker page show where each item stands.

    ## Example

    On a site with `ticket_url: {OPS: "https://jira.example.com/browse/{id}"}`
    and `rules: {PM306: error}`:

    Fails:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status |
    |-----------------------------------|-----------|------------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do  |
    ```

    Passes:

    ```markdown
    ## Action Items

    | Action                            | Owner     | Due        | Status | Ticket |
    |-----------------------------------|-----------|------------|--------|--------|
    | Alert on the webhook failure rate | Ana Lopez | 2026-09-01 | To Do  | OPS-42 |

    - [ ] Track secret expiry dates - Owner: Li Wei - Due: 2026-10-01 - Ticket: https://github.com/acme/ops/issues/7
    ```

    ## How to fix it

    Open a ticket for the item and write its reference in the row: the issue's
    URL, or `#123` / `OPS-123` when the site's `ticket_url` says where those
    point.
    """
    templates = ctx.settings.ticket_urls
    for action in _committed(ctx):
        if not is_open(action) or _linked(action, templates):
            continue
        unlinked = [reference for reference in action.references if not reference.startswith("http")]
        hint = (
            f"; {quote(unlinked[0])} links nowhere: set the plugin's `ticket_url` for it, or write the issue's URL"
            if unlinked else "; write the issue's URL, or its short reference (#123, OPS-123), in the row"
        )
        yield Finding(action.line, f"open action item {quote(action.text)} has no ticket{hint}")


def _linked(action: ActionItem, templates) -> bool:
    return any(ticket.url for ticket in ticket_links(action.references, templates))
