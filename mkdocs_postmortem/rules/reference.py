"""The rule reference (`docs/rules/`), written from the rules themselves.

Each page is the rule's docstring under a heading that gives its code, summary,
default level and slug, followed by how to change its level or ignore it. The
index lists every rule. `scripts/rule_docs.py` writes the pages; a test fails
when the committed ones are stale.
"""

from __future__ import annotations

import textwrap

from .catalogue import RULES
from .examples import BASE, BUILD_DATE
from .rule import Rule

_INDEX_INTRO = """\
# Rules

Every postmortem is checked against these rules at build time (`mkdocs build`,
`mkdocs serve`) and by `mkdocs-postmortem check`. Each problem is reported as
`path:line: CODE message`; errors fail the build, warnings fail it only under
`--strict`.

| Code | Name | Level | Checks |
|------|------|-------|--------|
"""

_INDEX_END = """
## Levels, `off`, and per-file ignores

Change a rule's level, or switch it off, for the whole site:

```yaml
plugins:
  - postmortem:
      rules:
        PM201: "off"      # the team does not use 5 Whys
        PM401: error      # blaming language fails the build
```

Ignore rules in one postmortem, in its front matter:

```yaml
postmortem:
  ignore: [PM401, PM304]
```

## Drafts

A postmortem with `status: draft` (or `brouillon`) is still being written: the
rules that check the body is complete ({completeness})
report warnings instead of errors on it, and `--strict` does not fail on those
warnings (the build logs them as `INFO`). `started` and `resolved` are not
required on a draft (PM002). PM502 warns when a P1/P2 draft stays a draft past
the publication deadline.

## The examples

Each rule's page shows a postmortem that fails it and one that passes, and the
test suite checks both. Most are excerpts of the postmortem below (built on
{build_date}): a `yaml` excerpt gives fields that replace the postmortem's own
(`# docs/postmortems/NAME.md` lines start another file of the same site), and a
`markdown` excerpt that starts with a heading replaces the sections of the same
titles, while a few lines without a heading are added to its summary. An
example that starts with a front matter and goes on with a body, or with a
`# Title`, is a whole file.

??? example "The postmortem the examples complete"

    ```markdown
{base}
    ```
"""


def default_level(rule: Rule, short: bool = False) -> str:
    """The level a site gets without configuring the rule: `off` for a rule it must switch on."""
    if short or not rule.default_off:
        return rule.default_setting
    return "off (switch it on with `error` or `warning`)"


def rule_markdown(rule: Rule) -> str:
    """The rule's page in the rule reference."""
    return f"""\
# {rule.code}: {rule.summary}

**Default level:** {default_level(rule)} · **Name:** `{rule.name}`

{rule.doc}

## How to silence it

For the whole site, in `mkdocs.yml` ({rule.silence_hint}):

```yaml
plugins:
  - postmortem:
      rules:
        {rule.code}: "off"   # or warning, or error
```

For one postmortem, in its front matter:

```yaml
postmortem:
  ignore: [{rule.code}]
```
"""


def index_markdown() -> str:
    rows = "".join(
        f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {default_level(rule, short=True)} | {rule.summary} |\n"
        for rule in RULES
    )
    completeness = ", ".join(rule.code for rule in RULES if rule.completeness)
    base = textwrap.indent(BASE.rstrip("\n"), "    ", lambda line: line.strip() != "")
    return _INDEX_INTRO + rows + _INDEX_END.format(
        completeness=completeness, build_date=BUILD_DATE.isoformat(), base=base
    )


def reference_pages() -> dict[str, str]:
    """File name under `docs/rules/` -> its Markdown, for every page of the rule reference."""
    pages = {f"{rule.code}.md": rule_markdown(rule) for rule in RULES}
    pages["index.md"] = index_markdown()
    return pages
