"""The admonition `mkdocs serve` shows above a postmortem that has problems."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..model import ERROR, Diagnostic
from .message_html import message_html


def problems_admonition(diagnostics: list[Diagnostic], rule_url: Callable[[str], str | None] = lambda code: None) -> str:
    """HTML in the markup of Python-Markdown's admonition extension; each code links
    to its rule page where `rule_url` knows one (a site that has the rule reference).

    Written as HTML rather than Markdown so it renders the same whether or not
    the site enables the `admonition` extension; Material and the mkdocs theme
    both style `.admonition`.
    """
    if not diagnostics:
        return ""
    errors = sum(1 for diagnostic in diagnostics if diagnostic.level == ERROR)
    warnings = len(diagnostics) - errors
    kind = "failure" if errors else "warning"
    counts = ", ".join(
        part
        for part in (
            f"{errors} error{'s' * (errors != 1)}" if errors else "",
            f"{warnings} warning{'s' * (warnings != 1)}" if warnings else "",
        )
        if part
    )
    items = "\n".join(
        f'<li><code>line {diagnostic.line}</code> <strong>{_code(diagnostic.code, rule_url)}</strong> '
        f'<span class="postmortem-problem-{escape(diagnostic.level)}">'
        f"{message_html(diagnostic.message)}</span></li>"
        for diagnostic in diagnostics
    )
    return (
        f'<div class="admonition {kind} postmortem-problems" role="alert">\n'
        f'<p class="admonition-title">This postmortem has problems: {counts}</p>\n'
        f"<ul>\n{items}\n</ul>\n</div>\n"
    )


def _code(code: str, rule_url: Callable[[str], str | None]) -> str:
    url = rule_url(code)
    if url is None:
        return escape(code)
    return f'<a href="{escape(url, quote=True)}">{escape(code)}</a>'
