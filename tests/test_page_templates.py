"""`template:` names a page template or is PM003: a partial of the theme or one of the
plugin's page fragments exists, but a page rendered with it stops the build with a Jinja
traceback. check reports it, the build warns and renders the theme's page."""

from __future__ import annotations

import pytest
from conftest import run_mkdocs, write_site
from test_cli_check import good, line_of
from test_robustness import DNS, check_json, codes_at, dns


@pytest.mark.parametrize("template", ["partials/toc-item.html", "postmortem/overview.html"])
def test_an_existing_file_that_is_not_a_page_template_is_pm003(tmp_path, template):
    text = dns(**{"status: approved": f"status: approved\ntemplate: {template}"})
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text}, options={"rules": {"PM003": "warning"}})
    line = line_of(text, "template:")
    _, report = check_json(tmp_path)
    messages = [d["message"] for d in report["diagnostics"] if (d["code"], d["line"]) == ("PM003", line)]
    assert messages and "is not a template of the site's theme" in messages[0], report["diagnostics"]
    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert "Traceback" not in build.stderr and "jinja2" not in build.stderr
    assert f"{DNS}:{line}: PM003" in build.stderr
    page = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert "DNS resolution failures in eu-west" in page and 'class="md-content"' in page


@pytest.mark.parametrize("template", ["main.html", "404.html", "wide.html", "layouts/wide.html"])
def test_page_templates_of_the_theme_and_of_custom_dir_pass(tmp_path, template):
    text = dns(**{"status: approved": f"status: approved\ntemplate: {template}"})
    write_site(tmp_path, {**good(), "2026-03-04-dns.md": text},
               extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    for name in ("wide.html", "layouts/wide.html"):
        path = tmp_path / "overrides" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{% extends "main.html" %}\n{% block content %}<div id="wide">{{ page.content }}</div>{% endblock %}\n',
                        encoding="utf-8")
    _, report = check_json(tmp_path)
    assert ("PM003", line_of(text, "template:")) not in codes_at(report)
    build = run_mkdocs("build", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert "DNS resolution failures in eu-west" in page
    assert ('id="wide"' in page) == template.endswith("wide.html")


def test_template_names_are_every_page_template_under_the_folders_as_jinja_names_them(tmp_path):
    # Listed with os.walk as rglob("*.html") listed them: nested and hidden folders
    # included, a symbolic link to a folder not followed, partials left out.
    from mkdocs_postmortem.theme_templates import template_names

    theme, elsewhere = tmp_path / "theme", tmp_path / "elsewhere"
    files = {
        "main.html": "<html>{% block content %}{% endblock %}</html>",
        "standalone.html": "<p>alone</p>",
        "layouts/deep/wide.html": '{% extends "main.html" %}',
        ".hidden/page.html": "<p>hidden</p>",
        "partials/toc-item.html": "<li></li>",
        "assets/.icons/logo.svg": "<svg/>",
    }
    for name, text in files.items():
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text(text, encoding="utf-8")
    (elsewhere / "linked.html").parent.mkdir(parents=True)
    (elsewhere / "linked.html").write_text("<p>linked</p>", encoding="utf-8")
    (theme / "link").symlink_to(elsewhere, target_is_directory=True)
    assert template_names([theme]) == {"main.html", "standalone.html", "layouts/deep/wide.html", ".hidden/page.html"}
