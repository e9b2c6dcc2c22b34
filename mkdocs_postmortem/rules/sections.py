"""Section rules: PM101 (a mandatory section is missing), PM102 (it is empty)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, load_data, quote


def heading_hint(key: str) -> str:
    names = load_data("rule_hints.yml")["section_headings"].get(key, {})
    english, french = names.get("en", key), names.get("fr", key)
    if english == french:
        return f'"## {english}"'
    return f'"## {english}" (in French: "## {french}")'


def has_five_whys(ctx: Context) -> bool:
    """The 5 Whys may be a section of their own or a numbered why-list inside the root cause."""
    return ctx.pm.section("five_whys") is not None or bool(ctx.pm.whys)


def pm101(ctx: Context) -> Iterator[Finding]:
    pm = ctx.pm
    for key in ctx.settings.mandatory_sections:
        present = has_five_whys(ctx) if key == "five_whys" else pm.section(key) is not None
        if not present:
            yield Finding(
                "PM101", pm.body_line,
                f"mandatory section {heading_hint(key)} is missing; add it with what the team "
                "knows, even if short",
            )


def pm102(ctx: Context) -> Iterator[Finding]:
    for key in ctx.settings.mandatory_sections:
        section = ctx.pm.section(key)
        if section is not None and not section.has_content:
            yield Finding(
                "PM102", section.line,
                f"section {quote(section.title)} is empty; write what the team knows under it",
            )


CHECKS = {"PM101": pm101, "PM102": pm102}
