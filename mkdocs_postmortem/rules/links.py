"""Cross-file rules: PM601 (a related id that does not exist), PM602 (an id used twice).

They need every postmortem of the site, so `check_handbook` runs them once
per build rather than once per file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from ..model import ERROR, Postmortem
from .context import Finding
from .rule import HANDBOOK, rule


@rule("PM601", "related-id-unknown", ERROR, scope=HANDBOOK)
def related_id_unknown(pms: Sequence[Postmortem]) -> Iterator[tuple[Postmortem, Finding]]:
    """related incident id that does not exist

    ## What it checks

    `related:` names an incident id that no postmortem of the site has. The message
    suggests a close id when there is one.

    ## Why it matters

    Related-incident families and back-links are built from these ids; a wrong id
    silently breaks the family.

    ## Example

    Fails:

    ```yaml
    # docs/postmortems/2026-02-10-resolver.md
    title: Resolver timeouts after a DNS cache flush
    # docs/postmortems/2026-03-04-dns.md
    related: [2026-02-10-resolvr]
    ```

    Passes:

    ```yaml
    # docs/postmortems/2026-02-10-resolver.md
    title: Resolver timeouts after a DNS cache flush
    # docs/postmortems/2026-03-04-dns.md
    related: [2026-02-10-resolver]
    ```

    ## How to fix it

    Use the `id` of the other postmortem (by default its file name without `.md`).
    """
    known = {pm.id for pm in pms}
    for pm in pms:
        for other in dict.fromkeys(str(related) for related in pm.related):
            if other in known:
                continue
            close = difflib.get_close_matches(other, known, n=1, cutoff=0.75)
            hint = f"did you mean `{close[0]}`? " if close else ""
            yield pm, Finding(
                pm.field_lines.get("related", 1),
                f"related incident `{other}` does not exist; {hint}use the `id` of another "
                "postmortem (by default its file name without .md)",
            )


@rule("PM602", "duplicate-id", ERROR, scope=HANDBOOK)
def duplicate_id(pms: Sequence[Postmortem]) -> Iterator[tuple[Postmortem, Finding]]:
    """incident id used by more than one postmortem

    ## What it checks

    Two postmortems have the same `id`. The first one by path keeps it; every
    other file with the same id is reported, naming the first.

    ## Why it matters

    Ids are how `related:` links, the action tracker and `postmortems.json` refer
    to incidents; two incidents with one id are indistinguishable.

    ## Example

    Fails:

    ```yaml
    # docs/postmortems/2026-03-04-dns.md
    id: 2026-03-04-dns
    # docs/postmortems/2026-03-04-dns-eu.md
    id: 2026-03-04-dns
    ```

    Passes:

    ```yaml
    # docs/postmortems/2026-03-04-dns.md
    id: 2026-03-04-dns
    # docs/postmortems/2026-03-04-dns-eu.md
    id: 2026-03-04-dns-eu
    ```

    ## How to fix it

    Give one of the postmortems its own `id:` (or remove `id:` to use the file name).
    """
    first_with: dict[str, Postmortem] = {}
    # The same order as the handbook's `by_id`: the first by path keeps the id.
    for pm in sorted(pms, key=lambda pm: pm.src_uri):
        first = first_with.setdefault(pm.id, pm)
        if first is pm:
            continue
        yield pm, Finding(
            pm.field_lines.get("id", 1),
            f"id `{pm.id}` is already used by {first.path}; give this postmortem its own `id:` "
            "(links and generated pages need ids to be unique)",
        )

