"""`mkdocs_postmortem.markdown`, the Python-Markdown extension for engines without plugins:
run through Python-Markdown itself, as Zensical runs it, on a real site's files."""

from __future__ import annotations

import json
import re
from html import unescape

import markdown
import pytest
import yaml
from conftest import run_mkdocs, write_site
from test_cli_check import good

from mkdocs_postmortem.engines.zensical.markdown import file_body

FIGURE = 'class="postmortem-chart postmortem-chart--timeline"'
EXTENSIONS = ["mkdocs_postmortem.markdown", "toc", "tables"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def figure_json(html: str) -> dict:
    data = re.search(r'<script type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(unescape(data))


@pytest.fixture
def site(tmp_path, monkeypatch):
    write_site(tmp_path, good())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_chart_follows_the_timeline_heading_once(site):
    body = file_body((site / "docs/postmortems/2026-03-04-dns.md").read_bytes())
    html = convert(body)
    assert html.count(FIGURE) == 1
    assert re.search(r'<h2 id="timeline">Timeline</h2>\s*<figure ' + re.escape(FIGURE), html)
    # The engine may hand over the text with its line endings changed and blank lines trimmed.
    assert convert("\r\n".join(body.strip().split("\n"))).count(FIGURE) == 1


def test_other_pages_are_left_as_python_markdown_makes_them(site):
    text = (site / "docs/index.md").read_text(encoding="utf-8")
    assert convert(text) == markdown.Markdown(extensions=EXTENSIONS[1:]).convert(text)
    assert FIGURE not in convert("# Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | x |\n")


def test_an_edited_front_matter_shows_on_the_next_page_render(site):
    path = site / "docs/postmortems/2026-03-04-dns.md"
    body = file_body(path.read_bytes())
    before = figure_json(convert(body))
    path.write_text(path.read_text(encoding="utf-8").replace("resolved: 2026-03-04 15:10", "resolved: 2026-03-04 18:10"), encoding="utf-8")
    after = figure_json(convert(body))
    assert before != after
    assert "18:10" in json.dumps(after) and "18:10" not in json.dumps(before)


def test_a_page_switched_off_gets_no_chart(site):
    path = site / "docs/postmortems/2026-03-04-dns.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\n#", "postmortem:\n  timeline_chart: false\n---\n\n#", 1), encoding="utf-8")
    assert FIGURE not in convert(file_body(path.read_bytes()))


def test_listed_under_mkdocs_beside_the_plugin_the_page_has_one_chart(tmp_path):
    config = write_site(tmp_path, good())
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["markdown_extensions"].append("mkdocs_postmortem.markdown")
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/postmortems/2026-03-04-dns/index.html").read_text(encoding="utf-8")
    assert html.count(FIGURE) == 1


def test_html_in_a_timeline_row_is_shown_as_text(site):
    path = site / "docs/postmortems/2026-03-04-dns.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("SERVFAIL rate alert fires  ", "<img src=x onerror=alert(1)>"),
        encoding="utf-8",
    )
    html = convert(file_body(path.read_bytes()))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_body_is_sanitised_as_the_plugin_does(site):
    path = site / "docs/postmortems/2026-03-04-dns.md"
    payload = '<img src=x onerror="alert(1)"> [link](javascript:alert(2)) <script>alert(3)</script>'
    path.write_text(path.read_text(encoding="utf-8").replace("configuration push.", f"configuration push. {payload}"),
                    encoding="utf-8")
    html = convert(file_body(path.read_bytes()))
    assert "onerror" not in html and "javascript:" not in html and "<script>alert" not in html
    assert FIGURE in html and '<img src="x">' in html  # the chart still joins; the image stays, harmless

    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"][1]["postmortem"] = {"allow_raw_html": True}
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new page key: read again
    assert "onerror" in convert(file_body(path.read_bytes()))


# --- fail closed: a page not known to be safe is sanitised -----------------------------------

PAYLOAD = '<img src=x onerror="alert(1)"> <span id="__config" title="<b>t</b>">x</span>'


def test_two_postmortems_with_the_same_body_are_both_sanitised(site):
    dns = (site / "docs/postmortems/2026-03-04-dns.md").read_text(encoding="utf-8")
    hostile = dns.replace("configuration push.", f"configuration push. {PAYLOAD}", 1)
    (site / "docs/postmortems/2026-03-04-dns.md").write_text(hostile, encoding="utf-8")
    twin = hostile.replace("id: 2026-03-04-dns", "id: 2026-03-05-twin", 1).replace("started: 2026-03-04", "started: 2026-03-05", 1)
    (site / "docs/postmortems/2026-03-05-twin.md").write_text(twin, encoding="utf-8")
    html = convert(file_body(hostile.encode("utf-8")))
    assert "onerror" not in html and 'id="__config"' not in html
    assert 'id="user-content-__config"' in html
    assert FIGURE not in html  # which of the two it is cannot be known: no chart rather than the wrong one


def test_a_page_whose_text_matches_no_file_is_sanitised(site):
    text = (site / "docs/postmortems/2026-03-04-dns.md").read_text(encoding="utf-8")
    odd = text.replace("\n---\n", "\n---\f\n", 1).replace("configuration push.", f"configuration push. {PAYLOAD}", 1)
    (site / "docs/postmortems/2026-03-04-dns.md").write_text(odd, encoding="utf-8")
    # An engine that splits the front matter otherwise hands over the whole text.
    html = convert(odd)
    assert "onerror" not in html and 'id="__config"' not in html


def test_the_site_pages_are_left_as_they_are(site):
    page = "# Home\n\n" + PAYLOAD + "\n"
    (site / "docs/notes.md").write_text(page, encoding="utf-8")
    assert convert(page) == markdown.Markdown(extensions=EXTENSIONS[1:]).convert(page)


def test_without_a_site_config_every_page_is_sanitised_and_it_says_so(tmp_path, monkeypatch, caplog):
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    with caplog.at_level("WARNING", logger="mkdocs_postmortem.markdown"):
        html = convert("# Notes\n\n" + PAYLOAD + "\n")
        convert("# Other\n")
    assert "onerror" not in html and 'id="user-content-__config"' in html
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "every page is sanitised" in warnings[0] and "config_file" in warnings[0]
