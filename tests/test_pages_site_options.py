"""Generated pages under different site setups: overrides, themes, languages, nav, --strict,
reproducible output."""

from __future__ import annotations

import filecmp
import re
import shutil
import textwrap

from conftest import run_cli, run_mkdocs, write_site
from pages_site import BUILD_DATE, generated_body, incidents, page, site_files

# Open items past their deadline are PM304 warnings, which --strict turns into failures;
# these sites are about navigation, so the items are all done.
QUIET = {"build_date": BUILD_DATE, "rules": {"PM304": "off"}}


def test_an_override_in_custom_dir_replaces_a_template(tmp_path):
    overrides = tmp_path / "overrides" / "postmortem"
    overrides.mkdir(parents=True)
    (overrides / "actions.html").write_text(
        textwrap.dedent(
            """\
            {% extends "postmortem/default/actions.html" %}
            {% block intro %}{{ super() }}<p class="team-note">Review these on Mondays.</p>{% endblock %}
            """
        ),
        encoding="utf-8",
    )
    (overrides / "services.html").write_text(
        '<div data-postmortem-page="services"><p class="replaced">{{ services | length }} services</p></div>\n',
        encoding="utf-8",
    )
    write_site(
        tmp_path, site_files(), options={"build_date": BUILD_DATE},
        theme={"name": "material", "custom_dir": "overrides"},
    )
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    tracker = generated_body(page(site, "postmortems/actions/"))
    assert tracker.select_one(".team-note").get_text() == "Review these on Mondays."
    assert tracker.select("tr[data-status]"), "the rest of the default template is kept"
    services = generated_body(page(site, "postmortems/services/"))
    expected = len({s for incident in incidents() for s in incident.services})
    assert services.select_one(".replaced").get_text() == f"{expected} services"
    assert not services.select("table")
    # Pages not overridden keep the package's template.
    assert generated_body(page(site, "postmortems/")).select("tr[data-severity]")


def test_a_site_with_the_mkdocs_theme_builds_in_french(tmp_path):
    write_site(tmp_path, site_files(), options=QUIET, theme={"name": "mkdocs", "locale": "fr"})
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    overview = page(site, "postmortems/")
    assert generated_body(overview).h1.get_text() == "Vue d'ensemble des incidents"
    assert "Par sévérité" in overview.get_text()
    tracker = generated_body(page(site, "postmortems/actions/"))
    assert "À faire" in tracker.get_text()


def test_generate_speaks_the_language_of_the_mkdocs_theme_locale(tmp_path):
    """The CLI reads the site's language as the plugin does: MkDocs' own theme states it as `locale`."""
    write_site(tmp_path, site_files(incidents()[:2]), options=QUIET, theme={"name": "mkdocs", "locale": "fr"})
    result = run_cli("generate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    overview = (tmp_path / "docs" / "postmortems" / "_generated" / "index.md").read_text(encoding="utf-8")
    # The title is HTML, as engines print it into the nav and <title>.
    assert "title: Vue d&#x27;ensemble des incidents\n" in overview
    assert "<h1>Vue d&#39;ensemble des incidents</h1>" in overview
    tracker = (tmp_path / "docs" / "postmortems" / "_generated" / "actions.md").read_text(encoding="utf-8")
    assert "Incident overview" not in overview and "Action items" not in tracker


def test_material_in_french_follows_theme_language(tmp_path):
    write_site(tmp_path, site_files(incidents()[:2]), options=QUIET, theme={"name": "material", "language": "fr"})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    overview = generated_body(page(tmp_path / "site", "postmortems/"))
    assert overview.h1.get_text() == "Vue d'ensemble des incidents"
    assert "Incidents les plus récents" in overview.get_text()


def _nav_titles(soup) -> list[str]:
    return [" ".join(a.get_text().split()) for a in soup.select("nav.md-nav--primary a.md-nav__link")]


def test_without_nav_the_pages_form_a_postmortems_section(tmp_path):
    write_site(tmp_path, site_files(), options=QUIET)
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    home = page(tmp_path / "site", "")
    labels = [" ".join(label.get_text().split()) for label in home.select("nav.md-nav--primary label.md-nav__link")]
    assert "Postmortems" in labels
    assert {"By severity", "By service"} <= set(labels)
    titles = _nav_titles(home)
    order = [titles.index(t) for t in ("Incident overview", "Related-incident families", "Action items")]
    assert order == sorted(order)
    # The postmortems themselves stay out of the sidebar (design section 8).
    assert not any(incident.title in titles for incident in incidents())


def test_with_an_explicit_nav_the_listed_pages_are_placed_and_strict_passes(tmp_path):
    nav = [
        {"Home": "index.md"},
        {
            "Incidents": [
                {"Overview": "postmortems/index.md"},
                {"Services": "postmortems/services/index.md"},
                "postmortems/actions.md",
            ]
        },
    ]
    write_site(tmp_path, site_files(), options=QUIET, extra={"nav": nav})
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^WARNING\s+-", result.stderr, re.MULTILINE)
    assert "not included in the \"nav\"" not in result.stderr
    site = tmp_path / "site"
    titles = _nav_titles(page(site, ""))
    assert titles[:4] == ["Home", "Overview", "Services", "Action items"]
    # Pages not listed are still built and linked from the listed ones.
    assert (site / "postmortems" / "severity" / "p1" / "index.html").is_file()
    assert (site / "postmortems" / "related" / "index.html").is_file()


def test_a_page_of_the_site_at_a_generated_path_is_kept(tmp_path):
    own = "# Our incident process\n\nRead this first.\n"
    write_site(tmp_path, site_files(incidents()[:2]), options=QUIET, pages={"postmortems/index.md": own})
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "postmortems/index.md is a page of the site" in result.stderr
    overview = page(tmp_path / "site", "postmortems/")
    assert "Read this first." in overview.get_text()
    assert overview.select_one("[data-postmortem-page]") is None


def test_paths_and_titles_come_from_config(tmp_path):
    options = {
        **QUIET,
        "pages": {"overview": "overview.md", "actions": "todo/actions.md", "titles": {"actions": "Follow-ups"}},
    }
    write_site(tmp_path, site_files(incidents()[:2]), options=options)
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert generated_body(page(site, "postmortems/overview/")).h1.get_text() == "Incident overview"
    tracker = page(site, "postmortems/todo/actions/")
    assert generated_body(tracker).h1.get_text() == "Follow-ups"


def test_two_builds_with_the_same_source_date_epoch_are_identical(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    write_site(first, site_files(), options={"rules": {"PM304": "off"}})
    shutil.copytree(first, second)
    env = {"SOURCE_DATE_EPOCH": "1780000000"}
    for root in (first, second):
        result = run_mkdocs("build", cwd=root, env=env)
        assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(first / "site", second / "site")
    differing = []

    def walk(node, prefix=""):
        differing.extend(prefix + name for name in node.diff_files + node.left_only + node.right_only)
        for name, child in node.subdirs.items():
            walk(child, f"{prefix}{name}/")

    walk(comparison)
    assert differing == []
    files = [p for p in (first / "site").rglob("*") if p.is_file()]
    assert all(p.read_bytes() == (second / "site" / p.relative_to(first / "site")).read_bytes() for p in files)
    assert (first / "site" / "postmortems.json").is_file()


def test_a_pages_path_outside_the_docs_folder_is_refused_clearly(tmp_path):
    options = {**QUIET, "pages": {"actions": "../../../actions.md"}}
    write_site(tmp_path, site_files(incidents()[:1]), options=options)
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "'../../../actions.md' leaves the docs folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_service_pages_in_the_nav_follow_the_index_order(tmp_path):
    write_site(tmp_path, site_files(), options=QUIET)
    assert run_mkdocs("build", "--strict", cwd=tmp_path).returncode == 0
    services = page(tmp_path / "site", "postmortems/services/")
    in_index = [row["data-service"] for row in services.select("tr[data-service]")]
    in_nav = [
        title.removeprefix("Service: ")
        for title in _nav_titles(services)
        if title.startswith("Service: ")
    ]
    assert in_nav == in_index
    assert in_index == sorted(in_index, key=str.casefold)
