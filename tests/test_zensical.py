"""Zensical runs no MkDocs plugin: the handbook there comes from `mkdocs-postmortem generate`
(the generated pages), the `mkdocs_postmortem.markdown` extension (the timeline charts) and
`mkdocs-postmortem check` in CI (the gate). The sample handbook is built with the real
`zensical build` and read back; one chart is drawn in Chromium."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import textwrap
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ROOT, SAMPLES_WRITTEN_EPOCH, run_cli, run_mkdocs, write_site
from test_cli_check import good, line_of, without_owner

from mkdocs_postmortem.engines.zensical.standalone import OWNER_MARK
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings

pytestmark = pytest.mark.engine

GENERATED = "docs/postmortems/_generated"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLOT = ".postmortem-chart--timeline .postmortem-chart__plot"


def zensical_command() -> list[str]:
    script = Path(sys.executable).parent / "zensical"
    if script.exists():
        return [str(script)]
    if os.environ.get("CI"):
        pytest.fail("zensical is not installed under CI: it is in the test extra of pyproject.toml")
    pytest.skip("zensical not installed (pip install -e '.[test]' installs it)")


def zensical_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*zensical_command(), "build", "--clean"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH, "NO_COLOR": "1"},
        timeout=600,
    )


def add_config(config_file: Path, printed: str) -> None:
    """What a Zensical user does: our extension in markdown_extensions, and the lines `generate` printed."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["markdown_extensions"] = ["mkdocs_postmortem.markdown", *config.get("markdown_extensions", [])]
    config.update(yaml.safe_load(printed))
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def docs_snapshot(docs: Path, skip: Path) -> dict[str, str]:
    return {
        path.relative_to(docs).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(docs.rglob("*"))
        if path.is_file() and skip not in path.parents
    }


@pytest.fixture(scope="module")
def handbook_site(tmp_path_factory) -> tuple[Path, dict, subprocess.CompletedProcess]:
    """The sample handbook, as a Zensical user builds it: generate, then zensical build."""
    root = tmp_path_factory.mktemp("zensical-handbook")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("_generated"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    before = docs_snapshot(root / "docs", root / GENERATED)
    generated = run_cli("generate", cwd=root)
    assert generated.returncode == 0, generated.stderr
    after = docs_snapshot(root / "docs", root / GENERATED)
    add_config(root / "mkdocs.yml", generated.stdout)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["font"] = False  # no Google Fonts request: the test machine is offline
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    built = zensical_build(root)
    assert built.returncode == 0, built.stdout + built.stderr
    return root, {"before": before, "after": after, "generate": generated}, built


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.in_content = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "article":
            self.in_content += 1
        if tag == "a" and self.in_content and values.get("href"):
            self.hrefs.append(values["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_content -= 1


def content_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def plain(html: str) -> str:
    """Letters and digits of a heading, without tags, permalink sign or emoji."""
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def target_of(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of the built site opens (None for external links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    return target / "index.html" if parts.path.endswith("/") else target


def test_generate_writes_only_its_own_folder_and_prints_the_config_lines(handbook_site):
    root, steps, _ = handbook_site
    assert steps["before"] == steps["after"], "generate changed a file of docs/ outside its folder"
    out = root / GENERATED
    assert (out / ".gitignore").read_text(encoding="utf-8").startswith(OWNER_MARK)
    # The folder ignores itself in git: a generated page is never committed by accident.
    assert "\n*\n" in (out / ".gitignore").read_text(encoding="utf-8")
    printed = yaml.safe_load(steps["generate"].stdout)
    assert printed["extra_javascript"] == ["postmortems/_generated/assets/postmortem-charts.js"]
    assert (out / "assets" / "postmortem-charts.js").is_file() and (out / "assets" / "plotly-basic.min.js").is_file()
    assert "set up for Zensical" not in steps["generate"].stderr  # the sample's mkdocs.yml is an MkDocs site


def test_zensical_build_has_the_generated_pages(handbook_site):
    root, _, _ = handbook_site
    site = root / "site" / "postmortems" / "_generated"
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert '<div class="postmortem-generated postmortem-overview"' in overview
    samples = [path for path in (ROOT / "docs" / "postmortems").glob("*.md") if not path.name.startswith("_")]
    assert f'data-total="{len(samples)}"' in overview
    for level in ("p1", "p2", "p3", "p4"):
        assert 'postmortem-severity"' in (site / "severity" / level / "index.html").read_text(encoding="utf-8")
    for service in ("checkout", "payments-api", "auth", "search", "cdn", "postgres-primary", "notifications"):
        page = (site / "services" / service / "index.html").read_text(encoding="utf-8")
        assert 'postmortem-service"' in page, service
    assert 'postmortem-actions"' in (site / "actions" / "index.html").read_text(encoding="utf-8")
    assert 'postmortem-families"' in (site / "related" / "index.html").read_text(encoding="utf-8")
    assert (site / "postmortems.json").is_file()
    # The overview's trend charts are in the page, whole, for the script to draw.
    assert 'class="postmortem-chart postmortem-chart--trend"' in overview
    # The raw HTML passed through as HTML, not shown as text or code.
    assert "&lt;div class=" not in overview and "<pre" not in overview.split('<div class="postmortem-generated', 1)[1]


def test_every_link_of_the_generated_and_postmortem_pages_resolves(handbook_site):
    root, _, built = handbook_site
    site = root / "site"
    pages = sorted((site / "postmortems").rglob("index.html"))
    assert len(pages) > 15 + 5
    checked = 0
    for page in pages:
        for href in content_links(page):
            target = target_of(site, page, href)
            if target is None:
                continue
            assert target.is_file(), f"{page.relative_to(site)} links to {href}, which is not in the site"
            checked += 1
    assert checked > 200
    # Zensical's own link check finds nothing wrong in these pages either. What it does report
    # are the handbook's other pages linking to the plugin's overview path, postmortems/index.md
    # (docs/zensical.md says why and what to write instead).
    output = ANSI.sub("", built.stdout + built.stderr)
    reported = re.findall(r"\[ ([^:\]]+):\d+:\d+ \]", output)
    assert "page does not exist" in output and reported, output  # the parsing below sees Zensical's reports
    assert not [path for path in reported if path.startswith("postmortems/")], reported


def test_every_postmortem_page_has_its_timeline_chart_under_the_timeline_heading(handbook_site):
    root, _, _ = handbook_site
    for source in sorted((root / "docs" / "postmortems").glob("*.md")):
        html = (root / "site" / "postmortems" / source.stem / "index.html").read_text(encoding="utf-8")
        assert html.count('class="postmortem-chart postmortem-chart--timeline"') == 1, source.name
        pm = read_postmortem(source.read_bytes(), path=source.name, src_uri=source.name, settings=Settings())
        section = pm.section("timeline")
        before_chart = html.split('<figure class="postmortem-chart postmortem-chart--timeline"', 1)[0].rstrip()
        heading = re.search(r"<h(\d)[^>]*>(.*?)</h\1>$", before_chart, re.S)
        assert heading is not None, f"{source.name}: the chart does not follow a heading"
        assert int(heading.group(1)) == section.level, source.name
        assert plain(section.title) in plain(heading.group(2)), source.name
        # Not in the table of contents: the extension places the chart once, in the page.
        toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
        assert "postmortem-chart" not in toc, source.name


@pytest.mark.browser
def test_chart_draws_on_a_postmortem_page_in_chromium(handbook_site, browser, serve_folder):
    root, _, _ = handbook_site
    base = serve_folder(root / "site")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(base + "postmortems/2025-12-03-postgres-primary-wal-disk-full/")
        page.wait_for_selector(f"{PLOT}.js-plotly-plot .main-svg", timeout=20_000)
        bars = page.evaluate("(s) => document.querySelectorAll(s).length", f"{PLOT} .barlayer .point")
        assert bars >= 1
        page.goto(base + "postmortems/_generated/")
        page.wait_for_selector(".postmortem-chart--trend .js-plotly-plot .main-svg", timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert errors == []
    finally:
        page.close()


# --- check and generate on a site set up for Zensical -------------------------------------


def zensical_site(root: Path, postmortems: dict[str, str]) -> Path:
    """A site whose mkdocs.yml lists our Markdown extension, as docs/zensical.md shows."""
    config = write_site(root, postmortems)
    add_config(config, "extra_javascript: []")
    return config


def test_check_fails_on_a_zensical_site_with_the_same_diagnostics_as_mkdocs(tmp_path):
    dns = without_owner(good()["2026-03-04-dns.md"])
    postmortems = {**good(), "2026-03-04-dns.md": dns}
    zensical = tmp_path / "zensical"
    zensical_site(zensical, postmortems)
    checked = run_cli("check", cwd=zensical)
    assert checked.returncode == 1
    line = line_of(dns, "| Alert on SERVFAIL")
    assert re.search(rf"^docs/postmortems/2026-03-04-dns.md:{line}: PM301 ", checked.stdout, re.M), checked.stdout
    # Said once, on stderr, so that `--format json` output stays JSON.
    assert checked.stderr.count("does not run the postmortem plugin") == 1, checked.stderr

    mkdocs = tmp_path / "mkdocs"
    write_site(mkdocs, postmortems)
    built = run_mkdocs("build", cwd=mkdocs)
    assert built.returncode == 1
    diagnostics = [line for line in checked.stdout.strip().split("\n") if re.match(r"\S+:\d+: PM\d{3} ", line)]
    assert diagnostics
    for diagnostic in diagnostics:
        # check's text line names the level after the code; the build log says it at the line's start.
        assert re.sub(r" \[(error|warning)\] ", " ", diagnostic, count=1) in built.stderr, diagnostic

    # Zensical itself builds the invalid handbook without a word: check is the gate.
    assert zensical_build(zensical).returncode == 0


def test_generate_refuses_folders_it_does_not_own(tmp_path):
    write_site(tmp_path, good())
    outside = run_cli("generate", "--out", "elsewhere", cwd=tmp_path)
    assert outside.returncode == 2 and "inside the docs folder" in outside.stderr
    into_postmortems = run_cli("generate", "--out", "docs/postmortems", cwd=tmp_path)
    assert into_postmortems.returncode == 2 and "holds the postmortems" in into_postmortems.stderr
    read_as_postmortems = run_cli("generate", "--out", "docs/postmortems/index-pages", cwd=tmp_path)
    assert read_as_postmortems.returncode == 2 and "underscore" in read_as_postmortems.stderr
    (tmp_path / "docs" / "mine").mkdir()
    (tmp_path / "docs" / "mine" / "notes.md").write_text("# Mine\n", encoding="utf-8")
    foreign = run_cli("generate", "--out", "docs/mine", cwd=tmp_path)
    assert foreign.returncode == 2 and "not written by this command" in foreign.stderr
    assert (tmp_path / "docs" / "mine" / "notes.md").read_text(encoding="utf-8") == "# Mine\n"
    for result in (outside, into_postmortems, read_as_postmortems, foreign):
        assert "Traceback" not in result.stderr


def test_generate_again_replaces_its_folder_and_honours_out_and_options(tmp_path):
    write_site(tmp_path, good(), options={"plotly_js": "cdn", "generated_folder": "_pages"})
    first = run_cli("generate", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    out = tmp_path / "docs" / "postmortems" / "_pages"
    stale = out / "services" / "gone.md"
    stale.write_text("stale", encoding="utf-8")
    again = run_cli("generate", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not stale.exists(), "a page of an earlier run stayed"
    printed = yaml.safe_load(again.stdout)
    assert printed["extra_javascript"][0].startswith("https://cdn.plot.ly/plotly-")
    assert printed["extra_javascript"][1] == "postmortems/_pages/assets/postmortem-charts.js"
    assert not (out / "assets" / "plotly-basic.min.js").exists()
    elsewhere = run_cli("generate", "--out", "docs/handbook-index", cwd=tmp_path)
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert (tmp_path / "docs" / "handbook-index" / "index.md").is_file()


def test_a_hostile_service_name_stays_text_in_generated_pages_and_the_zensical_site(tmp_path):
    hostile = good()["2026-03-04-dns.md"].replace(
        "services: [edge-dns, checkout]", "services: [edge-dns, \"<img src=x onerror=alert(1)>\"]", 1
    ).replace("title: DNS resolution failures in eu-west", 'title: "DNS <img src=x onerror=alert(2)>"', 1)
    assert hostile != good()["2026-03-04-dns.md"]
    config = zensical_site(tmp_path, {**good(), "2026-03-04-dns.md": hostile})
    generated = run_cli("generate", cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    add_config(config, generated.stdout)
    out = tmp_path / "docs" / "postmortems" / "_generated"
    pages = "".join(path.read_text(encoding="utf-8") for path in out.rglob("*.md"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages
    built = zensical_build(tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    for page in (tmp_path / "site").rglob("*.html"):
        assert "<img src=x" not in page.read_text(encoding="utf-8"), page
    # The postmortem's own title, in the nav, the header and <title>, is text too (the extension sees to it).
    page = (tmp_path / "site" / "postmortems" / "2026-03-04-dns" / "index.html").read_text(encoding="utf-8")
    assert "DNS &lt;img src=x onerror=alert(2)&gt;" in page


def test_mkdocs_leaves_out_the_generated_folder_it_makes_itself(tmp_path):
    """A team trying both engines: after `generate`, `mkdocs build` still has one overview."""
    write_site(tmp_path, good())
    assert run_cli("generate", cwd=tmp_path).returncode == 0
    built = run_mkdocs("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "postmortems" / "index.html").is_file()
    assert not (tmp_path / "site" / "postmortems" / "_generated").exists()
    assert "_generated" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_docs_show_the_lines_generate_prints_and_the_pinned_install(handbook_site):
    """docs/zensical.md, as a user copies it: the config lines are those `generate`
    prints for the default options, and the install command pins the tested release."""
    _, steps, _ = handbook_site
    page = (ROOT / "docs" / "zensical.md").read_text(encoding="utf-8")
    step = page[page.index("2. Run `mkdocs-postmortem generate`"):]
    shown = re.search(r"```yaml\n(.*?)```", step, re.DOTALL)[1]
    printed = steps["generate"].stdout
    assert yaml.safe_load(textwrap.dedent(shown)) == yaml.safe_load(printed)
    assert set(yaml.safe_load(printed)) == {"extra_javascript", "extra_css"}
    pins = re.findall(r'"(zensical==[\d.]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert len(pins) == 1 and f"pip install {pins[0]}\n" in page
    assert re.findall(r"pip install (zensical\S*)", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")) == [pins[0]]


# --- the extension fails closed: every postmortem page is sanitised --------------------------

PAYLOAD = '<img src=x onerror="alert(1)"> [link](javascript:alert(2)) <script>alert(3)</script>'


def hostile_copy(name: str, title: str, closing: str = "---") -> str:
    """The DNS postmortem under another id and title, with payloads in its body."""
    text = good()["2026-03-04-dns.md"]
    text = text.replace("id: 2026-03-04-dns", f"id: {name}", 1).replace(
        "title: DNS resolution failures in eu-west", f'title: "{title} <img src=x onerror=alert(9)>"', 1
    )
    text = text.replace("configuration push.", f"configuration push. {PAYLOAD}", 1)
    head, separator, body = text.partition("\n---\n")
    assert separator
    return f"{head}\n{closing}\n{body}"


def assert_sanitised(page: Path, title: str) -> None:
    html = page.read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "onerror" not in article and "javascript:" not in article and "<script>alert" not in article, page
    assert "<img src=x" not in html, page  # not in the title, the nav or the header either
    assert f"{title} &lt;img src=x onerror=alert(9)&gt;" in html, page


def test_two_postmortems_with_the_same_body_are_both_sanitised_and_titled(tmp_path):
    config = zensical_site(tmp_path, {
        "2026-03-04-first.md": hostile_copy("2026-03-04-first", "First"),
        "2026-03-04-second.md": hostile_copy("2026-03-04-second", "Second"),
        "2026-02-10-resolver.md": good()["2026-02-10-resolver.md"],
    })
    assert config.is_file()
    built = zensical_build(tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert_sanitised(tmp_path / "site/postmortems/2026-03-04-first/index.html", "First")
    assert_sanitised(tmp_path / "site/postmortems/2026-03-04-second/index.html", "Second")


@pytest.mark.parametrize("closing", ["---\f", "---\u00a0"], ids=["form-feed", "no-break-space"])
def test_a_front_matter_closed_by_an_odd_space_is_still_sanitised(tmp_path, closing):
    zensical_site(tmp_path, {
        "2026-03-04-odd.md": hostile_copy("2026-03-04-odd", "Odd", closing),
        "2026-02-10-resolver.md": good()["2026-02-10-resolver.md"],
    })
    built = zensical_build(tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site/postmortems/2026-03-04-odd/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "onerror" not in article and "javascript:" not in article and "<script>alert" not in article
    assert "<img src=x" not in html


def test_zensical_build_f_from_another_folder_sanitises_as_from_the_site(tmp_path):
    root = tmp_path / "handbook"
    zensical_site(root, {
        "2026-03-04-dns.md": hostile_copy("2026-03-04-dns", "DNS"),
        "2026-02-10-resolver.md": good()["2026-02-10-resolver.md"],
    })
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    built = subprocess.run(
        [*zensical_command(), "build", "--clean", "-f", str(root / "mkdocs.yml")],
        cwd=elsewhere, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLES_WRITTEN_EPOCH, "NO_COLOR": "1"},
    )
    assert built.returncode == 0, built.stdout + built.stderr
    page = root / "site/postmortems/2026-03-04-dns/index.html"
    assert_sanitised(page, "DNS")
    # Found as from the site's folder: the postmortem has its chart.
    assert 'class="postmortem-chart postmortem-chart--timeline"' in page.read_text(encoding="utf-8")


def test_a_postmortem_with_toml_front_matter_shows_its_body_only_and_sanitised(tmp_path):
    """Zensical strips only YAML front matter, as MkDocs does: a Hugo or Zola file's `+++`
    block would be a paragraph of the page. The extension leaves it out, as the plugin does."""
    toml = (
        '+++\ntitle = "Queue stalled"\ndate = 2026-05-05\n[taxonomies]\ntags = ["queue"]\n+++\n\n'
        "# Queue stalled\n\n## Summary\n\nThe queue stalled for 20 minutes."
        ' <img src=x onerror=alert(9)>\n'
    )
    zensical_site(tmp_path, {**good(), "2026-05-05-toml.md": toml})
    built = zensical_build(tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    html = (tmp_path / "site" / "postmortems" / "2026-05-05-toml" / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "The queue stalled for 20 minutes." in article
    assert "+++" not in article and "[taxonomies]" not in article and 'tags = ' not in article
    assert "onerror" not in article
