"""Postmortems written by an attacker: script payloads in every place an author controls.

Each payload calls `run(place)`: it adds `place` to `window.__ran` and opens a
dialog, so a test counts both. The places: the body's HTML and Markdown, each
front-matter key the theme prints (title, description, author, subtitle, tags),
headings and their `{#id}` and `data-toc-label` (the table of contents), `title`
attributes and abbreviation definitions (HTML tooltips under Material's
`content.tooltips`), and ids of the theme's own elements (`__config`).
"""

from __future__ import annotations

import json

# Material's sample features plus what makes author text reach the page in more places.
THEME_FEATURES = ["content.tooltips"]
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "tables",
    "footnotes",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    {"pymdownx.tasklist": {"custom_checkbox": True}},
]
# Payload text is no placeholder and its words are no blame: those rules are not the subject.
OPTIONS = {"build_date": "2026-04-10", "rules": {"PM103": "off", "PM401": "off"}, "in_nav": True}


def run(place: str) -> str:
    """JavaScript that leaves a trace in `window.__ran` and opens a dialog if it ever runs.

    No quotes, spaces, `|`, `<` or `>`: it fits in any attribute, table cell or YAML string."""
    name = f"/{place}/.source"
    return f"window.__ran=(window.__ran?window.__ran:[]).concat([{name}]);alert({name})"


def html_payloads(place: str) -> str:
    code = run(place)
    return (
        f"<img src=x onerror=\"{code}\"> <svg onload=\"{code}\"><path d='M0 0'/></svg> "
        f"<script>{code}</script> <iframe srcdoc=\"<script>parent.{code}</script>\"></iframe> "
        f"<details open ontoggle=\"{code}\">d</details> <a href=\"javascript:{code}\">link-{place}</a> "
        f"<input autofocus onfocus=\"{code}\"> <a href=\"data:text/html,<script>{code}</script>\">data-{place}</a> "
        f"<span title=\"<img src=x onerror={code}>\">titled-{place}</span>"
    )


def fake_config(place: str) -> str:
    """What Material would read from `#__config` if the author's element came first."""
    return json.dumps(
        {
            "base": ".",
            "features": ["content.tooltips"],
            "search": f"data:text/javascript,{run(place)}",
            "translations": {"search.result.placeholder": f"<img src=x onerror=\"{run(place)}\">"},
        }
    )


def hostile_postmortem(number: int) -> str:
    """A valid postmortem whose every author-controlled place carries payloads tagged `pm<number>-...`."""
    tag = f"pm{number}"
    img = f"<img src=x onerror={run(tag + '-fm')}>"
    quoted_img = img
    day = 1 + number % 27
    return f"""---
title: "Outage {number} {quoted_img}"
description: "Payments failed \\" onmouseover=\\"{run(tag + '-description')}\\" {quoted_img}"
author: "Ana \\" onfocus=\\"{run(tag + '-author')}\\" autofocus=\\" {quoted_img}"
subtitle: "{quoted_img} sub"
tags: ["{quoted_img}", "payments", "x\\" onmouseover=\\"{run(tag + '-tag')}"]
severity: P2
status: approved
services: ["svc-{number}"]
authors: ["Ana Lopez"]
timezone: UTC
started: 2026-03-{day:02d} 10:00
resolved: 2026-03-{day:02d} 10:45
published: 2026-03-{day + 1:02d}
---

# Outage {number}

## Summary

Checkout failed: {html_payloads(tag + "-summary")} [md-link-{tag}](javascript:{run(tag + "-mdlink")}).
An abbreviation, HTML, and a [titled link](https://example.com "<img src=x onerror={run(tag + '-linktitle')}>")
and text that searches find: searchword{number} <b title="<img src=x onerror={run(tag + '-btitle')}>">bold</b>.

*[HTML]: <img src=x onerror="{run(tag + '-abbr')}">

<div id="__config">{fake_config(tag + "-config")}</div>
<a name="__config" id="__search">theme-ids</a> <span id="Plotly">plotly</span> <span id="action-2">not an action</span>

!!! warning "Pasted {img}"
    {html_payloads(tag + "-admonition")}

=== "Before"
    The request body was `<script>alert(1)</script>`.

=== "After"
    {html_payloads(tag + "-tab")}

A footnote[^1].

[^1]: {html_payloads(tag + "-footnote")}

## Timeline

| Time  | Event |
|-------|-------|
| 10:00 | Alert fired {html_payloads(tag + "-timeline")} |
| 10:45 | Recovered |

## Impact

Checkout failed for 45 minutes.

### Scope <img src=x onerror="{run(tag + '-heading')}">

Every region.

### Label {{data-toc-label="<img src=x onerror={run(tag + '-toclabel')}>"}}

Labelled.

### Quoted {{id='x" onmouseover="{run(tag + '-tocid')}" y'}}

Quoted.

### Broken out {{#z"><img/src=x/onerror={run(tag + '-tocid2')}>}}

Broken.

### __config

Theme id from a heading.

### Drawer {{#__drawer}}

Theme id from attr_list.

## Root Cause

A retry storm.

### 5 Whys

1. Why did checkout fail? The pool was exhausted.
2. Why? Retries multiplied the load.
3. Why? The client had no backoff.
4. Why? The library default was used.
5. Why? Nobody reviewed it.

## Action Items

| Action | Owner | Due | Status |
|--------|-------|-----|--------|
| Add backoff {html_payloads(tag + "-action")} | Ana Lopez | 2026-06-01 | Done |
| Cap retries {number} | Li Wei | 2026-06-15 | Open |

## Lessons Learned

Retries need a budget.
"""


def hostile_postmortems(count: int) -> dict[str, str]:
    return {f"2026-03-{1 + n % 27:02d}-outage-{n}.md": hostile_postmortem(n) for n in range(count)}
