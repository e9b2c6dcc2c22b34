"""Every rule the plugin knows, in code order: the one list the checks, the
configuration, the `check` CLI and the rule reference (`docs/rules/`) agree on.

Each rule is declared beside its check with `@rule(...)` (see `rule.py`);
importing the modules below registers them.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a module registers its rules
    actions,
    consistency,
    encoding,
    frontmatter,
    links,
    placeholders,
    sections,
    similar,
    size,
    tickets,
    timeline,
    timeliness,
    whys,
    wording,
)
from .rule import REGISTERED, Rule

RULES: tuple[Rule, ...] = tuple(sorted(REGISTERED.values(), key=lambda rule: rule.code))

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

RULE_PAGES = "rules"  # the rule reference in the plugin's docs: docs/rules/PM301.md


def rule_page(code: str) -> str | None:
    """The rule's page in the rule reference, relative to the docs folder."""
    return f"{RULE_PAGES}/{code}.md" if code in BY_CODE else None
