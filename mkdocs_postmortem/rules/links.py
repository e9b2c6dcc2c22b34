"""Cross-file rules: PM601 (a related id that does not exist), PM602 (an id used twice).

They need every postmortem of the site, so `check_handbook` runs them once
per build rather than once per file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from ..model import Postmortem
from .context import Finding


def pm601(pms: Sequence[Postmortem]) -> Iterator[tuple[Postmortem, Finding]]:
    known = {pm.id for pm in pms}
    for pm in pms:
        for other in dict.fromkeys(str(related) for related in pm.related):
            if other in known:
                continue
            close = difflib.get_close_matches(other, known, n=1, cutoff=0.75)
            hint = f"did you mean `{close[0]}`? " if close else ""
            yield pm, Finding(
                "PM601", pm.field_lines.get("related", 1),
                f"related incident `{other}` does not exist; {hint}use the `id` of another "
                "postmortem (by default its file name without .md)",
            )


def pm602(pms: Sequence[Postmortem]) -> Iterator[tuple[Postmortem, Finding]]:
    first_with: dict[str, Postmortem] = {}
    # The same order as the handbook's `by_id`: the first by path keeps the id.
    for pm in sorted(pms, key=lambda pm: pm.src_uri):
        first = first_with.setdefault(pm.id, pm)
        if first is pm:
            continue
        yield pm, Finding(
            "PM602", pm.field_lines.get("id", 1),
            f"id `{pm.id}` is already used by {first.path}; give this postmortem its own `id:` "
            "(links and generated pages need ids to be unique)",
        )


HANDBOOK_CHECKS = {"PM601": pm601, "PM602": pm602}
