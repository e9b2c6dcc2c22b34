"""A cross-file suggestion: PM604, an earlier incident that reads like this one and is not linked.

It reads the handbook's similarity (`learning/similarity.py`), computed once
per build for the pages too; switched off, it is not computed for the check.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..incident import incident_day
from ..learning.similarity import VERY_SIMILAR, is_earlier, similarity_of
from ..model import WARNING, Postmortem
from .context import Finding
from .rule import HANDBOOK, rule


@rule(
    "PM604",
    "similar-incident-not-related",
    WARNING,
    scope=HANDBOOK,
    default_off=True,
    silence_hint="it is off by default; `warning` switches it on",
    example_settings={"rules": {"PM604": "warning"}},
)
def similar_incident_not_related(pms: Sequence[Postmortem]) -> Iterator[tuple[Postmortem, Finding]]:
    """an earlier incident reads very much like this one and is not in `related`

    ## What it checks

    An earlier postmortem of the site is very similar to this one (a similarity
    score of at least 0.45, from the words of their summaries, root causes,
    contributing factors and 5 Whys, and their shared services and tags) and
    neither names the other in `related:`. The message gives the score and the
    words they share. Off by default: switch it on with
    `rules: {PM604: warning}`.

    ## Why it matters

    An incident that has happened before is the most useful thing a postmortem
    can tell its readers, and the `related` links are how the handbook groups
    incidents into families and back-links them. Authors often do not know the
    older postmortem exists.

    ## Example

    Fails:

    ```yaml
    related: []
    # docs/postmortems/2025-11-20-webhook-secret-expired.md
    started: 2025-11-20 09:00
    detected: 2025-11-20 09:12
    acknowledged: 2025-11-20 09:20
    mitigated: 2025-11-20 09:45
    resolved: 2025-11-20 10:10
    published: 2025-11-21
    ```

    Passes:

    ```yaml
    related: [2025-11-20-webhook-secret-expired]
    # docs/postmortems/2025-11-20-webhook-secret-expired.md
    started: 2025-11-20 09:00
    detected: 2025-11-20 09:12
    acknowledged: 2025-11-20 09:20
    mitigated: 2025-11-20 09:45
    resolved: 2025-11-20 10:10
    published: 2025-11-21
    ```

    ## How to fix it

    Read the earlier postmortem. If it is the same kind of incident, add its
    `id` to `related:` (and say in the lessons why it happened again); if it
    is not, ignore the rule in this file with `postmortem: {ignore: [PM604]}`.
    """
    similarity = similarity_of(pms)
    for pm in pms:
        linked = {str(other) for other in pm.related}
        for match in similarity.of(pm):
            other = match.other
            if match.score < VERY_SIMILAR or not is_earlier(other, pm):
                continue
            if other.id in linked or pm.id in {str(back) for back in other.related}:
                continue
            day = incident_day(other)
            words = ", ".join(match.terms)
            yield pm, Finding(
                pm.field_lines.get("related") or pm.field_lines.get("title") or 1,
                f"`{other.id}` ({day.isoformat() if day else 'no date'}) reads very much like this incident "
                f"(similarity {match.score:.2f}; shared words: {words}); if it is the same kind of incident, "
                f"add `{other.id}` to `related:`",
            )
