"""A generated page is declared once: its view module, its templates, its row in the views'
registry (and its words). A page added from a temporary package, with nothing else touched,
gets its `pages` option, its page in an MkDocs build and in `generate`, its place in the
navigation and its link in the bar of every generated page."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import run_mkdocs, write_site
from pages_site import BUILD_DATE, generated_body, incidents, page, site_files

VIEW_MODULE = '''
"""The runbooks page: every incident with the services it touched."""

from mkdocs_postmortem.render.views.registry import View


def context(pages, page, links):
    return {
        "rows": [
            {"id": pm.id, "url": links.to(pm.src_uri), "services": ", ".join(pm.services)}
            for pm in pages.handbook.postmortems
        ]
    }


VIEW = View("runbooks", "postmortem/runbooks.html", context, "runbooks", "runbooks.md", "runbooks", nav=8, bar=8)
'''

TEMPLATE = """\
{% extends "postmortem/default/layout.html" %}
{% block body %}
<ul class="runbooks">
{%- for row in rows %}
  <li data-id="{{ row.id }}"><a href="{{ row.url }}">{{ row.id }}</a> {{ row.services }}</li>
{%- endfor %}
</ul>
{% endblock %}
"""


# What a contributor's change amounts to, done by the process that builds: the row joins the
# table and its title joins the words of English (data/labels.yml).
RUNNER = """\
import sys

import runbook_pages
from mkdocs_postmortem import text
from mkdocs_postmortem.render.views import registry

registry.VIEWS = (*registry.VIEWS, runbook_pages.VIEW)
text._merged_words("labels.yml", "en")["runbooks"] = "Runbooks"
if sys.argv[1] == "build":
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=sys.argv[2]))
else:
    from mkdocs_postmortem.cli import main

    sys.exit(main(["generate", "-f", sys.argv[2]]))
"""


def runbooks_page(root):
    """The page's package: its view module and its templates."""
    package = root / "runbook_pages"
    (package / "templates" / "postmortem").mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(VIEW_MODULE), encoding="utf-8")
    (package / "templates" / "postmortem" / "runbooks.html").write_text(TEMPLATE, encoding="utf-8")
    (root / "run_with_runbooks.py").write_text(RUNNER, encoding="utf-8")
    return package


def run_with_runbooks(root, command, config_file):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, str(root / "run_with_runbooks.py"), command, str(config_file)],
        capture_output=True, text=True, env=env, cwd=root, timeout=600,
    )
    assert result.returncode == 0, result.stderr


def _site(root, package, options):
    chosen = incidents()[:3]
    config_file = write_site(
        root / "site-src",
        site_files(chosen),
        options={"build_date": BUILD_DATE, "rules": {"PM304": "off"}, "workers": 1, "cache": False, **options},
        theme={"name": "material", "custom_dir": str(package / "templates")},
    )
    return config_file, chosen


def test_a_page_added_by_its_row_is_built_linked_and_placed(tmp_path):
    # Its option exists without being declared anywhere else: the page goes where it says.
    config_file, chosen = _site(tmp_path, runbooks_page(tmp_path), {"pages": {"runbooks": "runbooks-list.md"}})
    run_with_runbooks(tmp_path, "build", config_file)
    site = config_file.parent / "site"

    body = generated_body(page(site, "postmortems/runbooks-list/"))
    assert body["data-postmortem-page"] == "runbooks"
    assert body.h1.get_text() == "Runbooks"
    assert sorted(item["data-id"] for item in body.select("ul.runbooks li")) == sorted(i.id for i in chosen)
    first = body.select_one("ul.runbooks li a")
    assert (site / "postmortems" / "runbooks-list" / first["href"] / "index.html").is_file()

    # Its link in the bar at the foot of every generated page, last as its row says.
    bar = generated_body(page(site, "postmortems/")).select(".postmortem-pages-nav a")
    assert (bar[-1].get_text(), bar[-1]["href"]) == ("Runbooks", "runbooks-list/")
    assert [a.get_text() for a in bar[:1]] == ["Incident overview"]

    # Its place in the navigation MkDocs builds from the files: after the themes.
    nav = [" ".join(a.get_text().split()) for a in page(site, "postmortems/").select("nav.md-nav--primary a.md-nav__link")]
    assert nav.index("Runbooks") == nav.index("Themes") + 1


def test_generate_writes_the_added_page_with_its_link(tmp_path):
    config_file, chosen = _site(tmp_path, runbooks_page(tmp_path), {})
    run_with_runbooks(tmp_path, "generate", config_file)
    generated = config_file.parent / "docs" / "postmortems" / "_generated"
    runbooks = (generated / "runbooks.md").read_text(encoding="utf-8")
    assert runbooks.startswith("---\ntitle: Runbooks\n---\n")
    for incident in chosen:
        assert f'data-id="{incident.id}"' in runbooks
    overview = (generated / "index.md").read_text(encoding="utf-8")
    assert '· <a href="runbooks.md">Runbooks</a>\n</p>' in overview


def test_without_its_row_there_is_no_such_page_nor_option(tmp_path):
    """The control: the same site without the row has neither the page nor its option."""
    package = tmp_path / "empty"
    (package / "templates").mkdir(parents=True)
    config_file, _ = _site(tmp_path, package, {"pages": {"runbooks": "runbooks-list.md"}})
    result = run_mkdocs("build", cwd=config_file.parent)
    # Without the row, `pages.runbooks` is an option nobody declared.
    assert "Unrecognised configuration name: runbooks" in result.stderr
    assert not (config_file.parent / "site" / "postmortems" / "runbooks-list").exists()
    bar = generated_body(page(config_file.parent / "site", "postmortems/")).select(".postmortem-pages-nav a")
    assert "Runbooks" not in [a.get_text() for a in bar]
