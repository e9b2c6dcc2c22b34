"""Rendered parts kept between builds (cache.RenderStore, render/stored.py), used as a user uses
them: `mkdocs build` run again on real files, its HTML read back.

Postmortem bodies, chart figures, headers and generated pages come from the cache on a
warm build; nothing a reader sees may differ from a build without it, and each part is
made again when what it is made from changes: the postmortem, a template the site
overrides, or the day of the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import date
from pathlib import Path

import yaml
from conftest import ROOT, run_mkdocs, write_site
from test_cache import epoch, postmortems, store_of

from mkdocs_postmortem.cache import RENDER_FOLDER, RenderStore, render_key

TRACKER = Path("site/postmortems/actions/index.html")
DNS_PAGE = Path("site/postmortems/2026-03-04-dns/index.html")
RESOLVER_PAGE = Path("site/postmortems/2026-02-10-resolver/index.html")
P3_PAGE = Path("site/postmortems/severity/p3/index.html")
PARTS = re.compile(r"postmortem: (\d+) rendered parts from the cache, (\d+) rendered")


def build(root: Path, *options: str, env: dict | None = None) -> tuple[int, int]:
    """`mkdocs build --verbose` in `root`; how many rendered parts came from the cache and how many were made."""
    result = run_mkdocs("build", "--verbose", *options, cwd=root, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    found = PARTS.search(result.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def render_entries(root: Path) -> list[Path]:
    return sorted(path for path in (root / ".cache" / "postmortem").glob(f"*/{RENDER_FOLDER}/*") if path.is_file()
                  and not path.name.startswith("."))


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_sites(first: Path, second: Path) -> None:
    one, other = site_files(first), site_files(second)
    assert sorted(one) == sorted(other)
    assert [name for name in one if one[name] != other[name]] == []


def without_cache(root: Path) -> None:
    """The site's config with the plugin's `cache: false`."""
    config_file = root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    # The plugin's other options kept (a site built with options of its own is compared with itself).
    config["plugins"] = [
        {"postmortem": {**(plugin["postmortem"] or {} if isinstance(plugin, dict) else {}), "cache": False}}
        if plugin == "postmortem" or (isinstance(plugin, dict) and "postmortem" in plugin) else plugin
        for plugin in config["plugins"]
    ]
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")


def test_sample_handbook_is_byte_identical_cold_warm_and_without_the_cache(tmp_path):
    site_root = tmp_path / "handbook"
    site_root.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, site_root / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (site_root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site_root / "mkdocs-nocache.yml").write_text(
        config.replace("  - postmortem:\n", "  - postmortem:\n      cache: false\n", 1), encoding="utf-8"
    )
    assert "cache: false" in (site_root / "mkdocs-nocache.yml").read_text(encoding="utf-8")
    cold = build(site_root, "-d", str(tmp_path / "cold"))
    written = [path.name for path in render_entries(site_root)]
    warm = build(site_root, "-d", str(tmp_path / "warm"))
    none = build(site_root, "-f", "mkdocs-nocache.yml", "-d", str(tmp_path / "none"))
    assert cold[0] == 0 and cold[1] > 50, cold
    assert written, "the cold build stored its rendered parts"
    assert warm[1] == 0 and warm[0] > 50, "the warm build rendered nothing again"
    assert [path.name for path in render_entries(site_root)] == written, "the warm build wrote no part"
    assert none == (0, 0)
    assert not list((site_root / "docs").rglob(".cache")), "never written into docs/"
    for other in ("warm", "none"):
        assert_same_sites(tmp_path / "cold", tmp_path / other)


def test_an_edited_postmortem_changes_its_rows_on_the_tracker_and_only_its_parts_are_made(tmp_path):
    write_site(tmp_path, postmortems())
    cold = build(tmp_path)
    dns = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    text = dns.read_text(encoding="utf-8")
    assert "Alert on SERVFAIL ratio per upstream" in (tmp_path / TRACKER).read_text(encoding="utf-8")
    dns.write_text(text.replace("Alert on SERVFAIL ratio per upstream", "Page on SERVFAIL bursts per resolver"),
                   encoding="utf-8")
    warm = build(tmp_path)
    tracker = (tmp_path / TRACKER).read_text(encoding="utf-8")
    page = (tmp_path / DNS_PAGE).read_text(encoding="utf-8")
    assert "Page on SERVFAIL bursts per resolver" in tracker and "Alert on SERVFAIL" not in tracker
    assert "Page on SERVFAIL bursts per resolver" in page and "Alert on SERVFAIL" not in page
    assert 0 < warm[0] < cold[1] and warm[1] > 0, (cold, warm)  # the other postmortem's parts were kept
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def test_a_changed_template_override_changes_the_pages(tmp_path):
    write_site(tmp_path, postmortems(), extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    override = tmp_path / "overrides" / "postmortem" / "actions.html"
    override.parent.mkdir(parents=True)
    extended = '{%% extends "postmortem/default/actions.html" %%}{%% block body %%}<p>%s</p>{{ super() }}{%% endblock %%}\n'
    override.write_text(extended % "Tracker kept by the platform team.", encoding="utf-8")
    build(tmp_path)
    assert "Tracker kept by the platform team." in (tmp_path / TRACKER).read_text(encoding="utf-8")
    override.write_text(extended % "Tracker kept by the reliability team.", encoding="utf-8")
    build(tmp_path)
    tracker = (tmp_path / TRACKER).read_text(encoding="utf-8")
    assert "Tracker kept by the reliability team." in tracker and "platform team" not in tracker
    # An override of the header, a part of every postmortem page, shows too.
    header = tmp_path / "overrides" / "postmortem" / "header.html"
    header.write_text('<p class="site-header">Our own header</p>\n', encoding="utf-8")
    build(tmp_path)
    assert '<p class="site-header">Our own header</p>' in (tmp_path / DNS_PAGE).read_text(encoding="utf-8")


def test_the_day_of_the_build_changes_the_overdue_markers(tmp_path):
    write_site(tmp_path, postmortems())
    before = {"SOURCE_DATE_EPOCH": epoch(date(2026, 11, 23))}
    after = {"SOURCE_DATE_EPOCH": epoch(date(2027, 1, 20))}  # the first action was due on 2027-01-15
    build(tmp_path, env=before)
    assert 'data-overdue="0"' in (tmp_path / TRACKER).read_text(encoding="utf-8")
    assert 'data-overdue="0"' in (tmp_path / DNS_PAGE).read_text(encoding="utf-8")
    found, made = build(tmp_path, env=after)
    assert found > 0 and made > 0
    tracker = (tmp_path / TRACKER).read_text(encoding="utf-8")
    page = (tmp_path / DNS_PAGE).read_text(encoding="utf-8")
    assert 'data-overdue="1"' in tracker and "2027-01-20" in tracker
    assert 'data-overdue="1"' in page
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path, env=after)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def test_damaged_and_foreign_parts_are_ignored_and_written_again(tmp_path):
    write_site(tmp_path, postmortems())
    _, made = build(tmp_path)
    shutil.copytree(tmp_path / "site", tmp_path / "cold-site")
    entries = render_entries(tmp_path)
    assert len(entries) == made > 3
    first, second, third, *_ = entries
    first.write_bytes(first.read_bytes()[:-10])  # truncated
    data = bytearray(second.read_bytes())
    data[-1] ^= 1  # one bit flipped in the payload
    second.write_bytes(bytes(data))
    third.write_bytes(entries[3].read_bytes())  # another entry's, whole
    # Each damaged entry is made again, and the list of parts kept under the whole handbook's key
    # (engines/mkdocs/pages.py) when a part it names was one of them, with the entry naming the last
    # list; parts found from that list are found without looking up what they were made from, so
    # fewer may be read than were made.
    assert build(tmp_path)[1] in (3, 4, 5)
    assert_same_sites(tmp_path / "cold-site", tmp_path / "site")
    found, made_again = build(tmp_path)
    assert found > 3 and made_again == 0, "rewritten whole"


def test_rendered_parts_unused_for_a_week_are_pruned_once_a_day(tmp_path):
    """A part read by a build is kept (reading touches it); one no build read for a week goes."""
    write_site(tmp_path, postmortems())
    build(tmp_path, env={"SOURCE_DATE_EPOCH": epoch(date(2026, 3, 10))})
    parts = render_entries(tmp_path)
    assert len(parts) >= 2
    store = RenderStore(store_of(tmp_path))
    week_ago = time.time() - 8 * 24 * 3600
    used, stale = parts[0], parts[1]
    for part in (used, stale):
        os.utime(part, (week_ago, week_ago))
    assert store.get(bytes.fromhex(used.name)) is not None  # a build reads it: kept
    (store.folder / ".pruned").unlink(missing_ok=True)
    store.prune()
    assert used.exists() and not stale.exists()
    stale.write_bytes(b"x")
    os.utime(stale, (week_ago, week_ago))
    store.prune()
    assert stale.exists(), "pruned at most once a day"


def test_a_build_that_found_no_parts_looks_only_for_those_it_wrote(tmp_path):
    """A cold build (no folder of parts when it first looked) does not ask the disk for the
    thousands of parts that cannot be there: it finds those it wrote itself, a part another build
    wrote meanwhile is made again, and a folder removed during the build is made again."""
    write_site(tmp_path, postmortems())
    store = RenderStore(store_of(tmp_path))
    mine, theirs = render_key("test", "mine"), render_key("test", "theirs")
    assert store.get(mine) is None
    store.put(mine, "made here")
    assert store.get(mine) == "made here"
    RenderStore(store_of(tmp_path)).put(theirs, "made by another build")
    assert store.get(theirs) is None
    assert RenderStore(store_of(tmp_path)).get(theirs) == "made by another build"
    shutil.rmtree(store.folder)
    store.put(theirs, "made again")
    assert store.models.writable
    assert RenderStore(store_of(tmp_path)).get(theirs) == "made again"


def test_similar_incidents_come_from_the_cache_until_a_postmortem_changes(tmp_path):
    """Comparing every incident with the others is kept like a rendered part, keyed by what it reads of
    every model (its words, services, tags, id, place): a warm build shows what the cache holds, so does
    a build after an edit of anything else, and an edit to what it reads works it out again."""
    from test_learning_pages import OPTIONS as LEARNING_OPTIONS
    from test_learning_pages import fixture_files

    page = Path("site/postmortems/2026-01-27-broker-messages-accumules/index.html")
    write_site(tmp_path, fixture_files(), options=LEARNING_OPTIONS)
    build(tmp_path)
    shown = re.search(r'data-incident-id="2025-05-20-rabbitmq-disque-plein" data-score="([0-9.]+)"',
                      (tmp_path / page).read_text(encoding="utf-8"))
    assert shown is not None
    store = RenderStore(store_of(tmp_path))
    kept = [(path, store.get(bytes.fromhex(path.name))) for path in render_entries(tmp_path)]
    similarity = [(path, text) for path, text in kept if text and text.startswith('{"similar":')]
    assert len(similarity) == 1, "one entry holds the handbook's similar incidents"
    path, text = similarity[0]
    data = json.loads(text)
    listed = {row[0]: row for row in data["similar"]["postmortems/2026-01-27-broker-messages-accumules.md"]}
    assert f"{listed['postmortems/2025-05-20-rabbitmq-disque-plein.md'][1]:.2f}" == shown.group(1)
    # The warm build takes what the entry says (here changed on purpose: 0.99) instead of comparing again.
    listed["postmortems/2025-05-20-rabbitmq-disque-plein.md"][1] = 0.99
    forged = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert forged != text
    store.put(bytes.fromhex(path.name), forged)
    # A site URL: the boxes kept under the whole handbook's key (which holds the site's settings) are made
    # again, from the similar incidents kept under the models' keys alone.
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "site_url: https://handbook.example/\n",
                           encoding="utf-8")
    build(tmp_path)
    assert 'data-incident-id="2025-05-20-rabbitmq-disque-plein" data-score="0.99"' in (tmp_path / page).read_text(
        encoding="utf-8")
    # Another postmortem's severity and a line of its last section edited: nothing the comparison reads,
    # so the kept answer (forged) is still the one shown.
    other = tmp_path / "docs" / "postmortems" / "2025-04-02-mobile-crash-feature-flag.md"
    text = other.read_text(encoding="utf-8")
    assert "severity: P1\n" in text
    other.write_text(text.replace("severity: P1\n", "severity: P2\n", 1) + "\nOne more line.\n", encoding="utf-8")
    build(tmp_path)
    assert 'data-incident-id="2025-05-20-rabbitmq-disque-plein" data-score="0.99"' in (tmp_path / page).read_text(
        encoding="utf-8")
    # A word of its summary edited: worked out again, as without the cache.
    text = other.read_text(encoding="utf-8")
    assert "The iOS app crashed on launch" in text
    other.write_text(text.replace("The iOS app crashed on launch", "The iOS app crashed at once on launch", 1),
                     encoding="utf-8")
    build(tmp_path)
    assert shown.group(0) in (tmp_path / page).read_text(encoding="utf-8")
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def test_each_kind_of_edit_after_a_warm_build_gives_the_site_a_build_without_the_cache_gives(tmp_path):
    """One postmortem edited at a time after a warm build, each kind of field in turn (the parts kept
    under what they read, the similar incidents under the incidents' words, services, tags and ids):
    every file of the site is the one a build without the cache makes of the same files."""
    from test_learning_pages import OPTIONS as LEARNING_OPTIONS
    from test_learning_pages import fixture_files

    write_site(tmp_path, fixture_files(), options=LEARNING_OPTIONS)
    build(tmp_path)
    build(tmp_path)
    folder = tmp_path / "docs" / "postmortems"
    edits = [
        ("2025-04-02-mobile-crash-feature-flag.md", "severity: P1\n", "severity: P3\n"),
        ("2025-04-02-mobile-crash-feature-flag.md", "status: approved\n", "status: in-review\n"),
        # Tags and services of an incident another one is similar to: its score on that page changes.
        ("2025-05-20-rabbitmq-disque-plein.md", "tags: [rabbitmq, disque]", "tags: [rabbitmq]"),
        ("2025-05-20-rabbitmq-disque-plein.md", "services: [rabbitmq, commandes]",
         "services: [rabbitmq, commandes, notifications]"),
        ("2025-04-02-mobile-crash-feature-flag.md", "The iOS app crashed on launch",
         "The broker queue filled and the iOS app crashed on launch"),
        ("2025-04-02-mobile-crash-feature-flag.md", 'title: "Mobile app crashed at launch',
         'title: "Mobile app and message broker crashed at launch'),
        ("2025-04-02-mobile-crash-feature-flag.md", "resolved: 2025-04-02T10:05:00Z", "resolved: 2025-04-02T11:35:00Z"),
        # Each field the pages, headers and boxes show (views/shown.py), one at a time.
        ("2025-04-02-mobile-crash-feature-flag.md", "started: 2025-04-02T09:00:00Z", "started: 2025-03-30T23:00:00Z"),
        ("2025-04-02-mobile-crash-feature-flag.md", "published: 2025-04-04", "published: 2025-06-30"),
        ("2025-04-02-mobile-crash-feature-flag.md", "authors: [Priya Raman]", "authors: [Priya Raman, Ana Lopez]"),
        ("2025-04-02-mobile-crash-feature-flag.md", "contributing_factors: [flag without a kill switch test]",
         "contributing_factors: [flag without a kill switch test, no staged rollout]"),
        ("2025-04-02-mobile-crash-feature-flag.md", "related: []", "related: [2025-02-11-gateway-certificate-expired]"),
        ("2025-04-02-mobile-crash-feature-flag.md", "| Tomás Ortega | 2025-06-01 | In progress |",
         "| Ana Lopez | 2025-06-01 | In progress |"),
        ("2025-04-02-mobile-crash-feature-flag.md", "| Ana Lopez | 2025-06-01 | In progress |",
         "| Ana Lopez | 2025-07-15 | Done |"),
        ("2025-04-02-mobile-crash-feature-flag.md", "Crash-rate guard that switches a flag off",
         "Crash-rate guard that turns a flag off"),
        ("2025-04-02-mobile-crash-feature-flag.md", "ended the crashes within a minute.",
         "ended the crashes within two minutes."),
        ("2025-04-02-mobile-crash-feature-flag.md", "status: in-review\n", "status: draft\n"),
    ]
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    for name, before, after in edits:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert before in text, (name, before)
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        found, made = build(tmp_path)
        assert found > 0 and made > 0, (before, found, made)
        shutil.rmtree(tmp_path / "warm-site", ignore_errors=True)
        shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
        without_cache(tmp_path)
        build(tmp_path)
        assert_same_sites(tmp_path / "warm-site", tmp_path / "site")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")


def test_an_edit_makes_again_only_the_parts_that_show_what_it_changed(tmp_path):
    """After a warm build, a part of a page is found by what it shows of the postmortems (views/shown.py)
    without making its context: with every listed part forged empty, an edit of a postmortem's prose
    makes no generated page, header or box again, and an edit of its severity makes again the parts
    that show it (its header, the pages of both levels, the pages of the whole handbook) and no other.
    The site after the severity edit is the one a build without the cache makes."""
    from test_learning_pages import OPTIONS as LEARNING_OPTIONS
    from test_learning_pages import fixture_files

    write_site(tmp_path, fixture_files(), options=LEARNING_OPTIONS)
    build(tmp_path)
    build(tmp_path)
    store = RenderStore(store_of(tmp_path))
    site = tmp_path / "site" / "postmortems"
    mobile = tmp_path / "docs" / "postmortems" / "2025-04-02-mobile-crash-feature-flag.md"
    mobile_title = "Mobile app crashed at launch after a feature flag was switched on"
    orders_title = "Orders API timed out when its database connection pool ran dry"

    def forge() -> None:
        listed = whole_handbook_parts(tmp_path)
        assert listed, "the build listed its parts, each with what it shows"
        for path, parts in listed:
            store.put(bytes.fromhex(path.name), json.dumps({name: [None, [], part[2]] for name, part in parts.items()}))

    def page(path: str) -> str:
        return (site / path / "index.html").read_text(encoding="utf-8")

    def edit(before: str, after: str) -> None:
        text = mobile.read_text(encoding="utf-8")
        assert before in text
        mobile.write_text(text.replace(before, after, 1), encoding="utf-8")

    forge()
    edit("ended the crashes within a minute.", "ended the crashes within two minutes.")
    build(tmp_path)
    assert "within two minutes" in page("2025-04-02-mobile-crash-feature-flag")
    assert 'class="postmortem-header' not in page("2025-04-02-mobile-crash-feature-flag"), "no header shows prose"
    for listing in ("actions", "severity/p1", "services/mobile", "themes", "", "related"):
        assert mobile_title not in page(listing), f"{listing or 'the overview'} was made again"
    forge()
    edit("severity: P1\n", "severity: P3\n")
    build(tmp_path)
    assert 'class="postmortem-header' in page("2025-04-02-mobile-crash-feature-flag")
    assert 'class="postmortem-header' not in page("2025-08-21-kafka-consumer-lag"), "another incident's header"
    assert mobile_title in page("severity/p3") and mobile_title in page("actions") and mobile_title in page("")
    assert mobile_title in page("services/mobile")
    assert orders_title not in page("severity/p2"), "a level the edit left alone: found by what it shows"
    assert "Search index fell hours behind" not in page("services/search")
    # Without forgeries: the parts found by what they show make the site a build without the cache makes.
    shutil.rmtree(tmp_path / ".cache")
    edit("severity: P3\n", "severity: P1\n")
    build(tmp_path)
    edit("severity: P1\n", "severity: P3\n")
    found, made = build(tmp_path)
    assert found > 0 and made > 0
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def test_calendars_come_from_the_cache_until_an_item_or_its_links_change(tmp_path):
    """The calendars of deadlines are kept like a rendered part: a warm build writes what the
    cache holds, a damaged entry is made again, and an edited deadline or a new site URL
    (the calendars link to the items' pages) makes them again, as a build without the cache does."""
    calendar = tmp_path / "site" / "postmortems" / "actions.ics"
    write_site(tmp_path, postmortems())
    build(tmp_path)
    cold = calendar.read_bytes()
    assert b"DTSTART;VALUE=DATE:20270115" in cold
    store = RenderStore(store_of(tmp_path))
    kept = [(path, store.get(bytes.fromhex(path.name))) for path in render_entries(tmp_path)]
    whole = [(path, text) for path, text in kept if text and text.encode("utf-8") == cold]
    assert len(whole) == 1, "the site's calendar is one entry"
    path, text = whole[0]
    # The warm build writes what the entry says (forged here) instead of making the calendar again.
    store.put(bytes.fromhex(path.name), text.replace("Ana Lopez", "Ana Forged"))
    build(tmp_path)
    assert b"Ana Forged" in calendar.read_bytes()
    path.write_bytes(path.read_bytes()[:-5])  # truncated: made again, the same bytes as cold
    assert build(tmp_path)[1] == 1
    assert calendar.read_bytes() == cold
    # A deadline edited in one postmortem: that calendar is made again.
    dns = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    dns.write_text(dns.read_text(encoding="utf-8").replace("2027-01-15", "2027-01-22"), encoding="utf-8")
    build(tmp_path)
    edited = calendar.read_bytes()
    assert b"DTSTART;VALUE=DATE:20270122" in edited and b"20270115" not in edited
    # A site URL: the events link to the items' pages, absolute.
    config_file = tmp_path / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["site_url"] = "https://handbook.example.org/"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    build(tmp_path)
    linked = calendar.read_bytes()
    assert b"URL:https://handbook.example.org/postmortems/2026-03-04-dns/" in linked.replace(b"\r\n ", b"")
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def whole_handbook_parts(root: Path) -> list[tuple[Path, dict]]:
    """The entries listing the parts kept under the whole handbook's key (engines/mkdocs/pages.py): for
    each part (template, page, URL), the digest of the context it was rendered from (None: no part),
    the HTML its markers stood for and the key of what it shows of the postmortems (views/shown.py)."""
    store = RenderStore(store_of(root))
    found = []
    for path in render_entries(root):
        text = store.get(bytes.fromhex(path.name))
        try:
            data = json.loads(text or "")
        except ValueError:
            continue
        if isinstance(data, dict) and data and all("\t" in name and isinstance(part, list) and len(part) == 3
                                                   for name, part in data.items()):
            found.append((path, data))
    return found


def test_nothing_changed_answers_pages_from_the_whole_handbook_until_any_input_changes(tmp_path):
    """When no postmortem, setting, day or URL changed, the generated pages and the parts of postmortem
    pages are found by one key over the whole handbook, without making their contexts: a forged
    entry shows. Another day, another option, an edited file or a damaged entry makes them again,
    the same as a build without the cache."""
    write_site(tmp_path, postmortems())
    build(tmp_path)
    shutil.copytree(tmp_path / "site", tmp_path / "cold-site")
    kept = whole_handbook_parts(tmp_path)
    assert len(kept) == 1, "one entry lists the build's parts"
    parts = kept[0][1]
    assert len(parts) > 5 and any(held for _, held, _ in parts.values()), "trend charts are kept with their pages"
    store = RenderStore(store_of(tmp_path))

    def forge(change=lambda digest, held: [None, []]) -> None:
        # By default each part is said to be empty: the tracker loses its rows, each page its header.
        for path, listed in whole_handbook_parts(tmp_path):
            store.put(
                bytes.fromhex(path.name),
                json.dumps({name: [*change(*part[:2]), part[2]] for name, part in listed.items()}),
            )

    def forged() -> bool:
        return "Alert on SERVFAIL ratio per upstream" not in (tmp_path / TRACKER).read_text(encoding="utf-8")

    forge()
    assert build(tmp_path)[1] == 0
    assert forged(), "the warm build took the parts from the whole handbook's entry"
    assert 'class="postmortem-header' not in (tmp_path / DNS_PAGE).read_text(encoding="utf-8")
    build(tmp_path, env={"SOURCE_DATE_EPOCH": epoch(date(2027, 2, 1))})  # another day: overdue items change
    assert not forged()
    build(tmp_path)
    assert forged(), "the entry of the first day is still kept"
    config_file = tmp_path / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    changed = yaml.safe_load(config)
    changed["plugins"] = ["search", {"postmortem": {"action_deadline_days": {"P1": 3}}}]
    config_file.write_text(yaml.safe_dump(changed), encoding="utf-8")
    build(tmp_path)
    assert not forged(), "another option: made again"
    config_file.write_text(config, encoding="utf-8")
    build(tmp_path)
    assert forged()
    # Damaged (truncated), or naming trend charts that are not the page's: made again, as built cold.
    for path, _ in whole_handbook_parts(tmp_path):
        path.write_bytes(path.read_bytes()[:-7])
    assert build(tmp_path)[1] == 2, "the list is written again, and the entry naming the last list"
    assert_same_sites(tmp_path / "cold-site", tmp_path / "site")
    forge(lambda digest, held: [digest, [piece + "<i>forged</i>" for piece in held]])
    build(tmp_path)
    assert_same_sites(tmp_path / "cold-site", tmp_path / "site")
    # One postmortem edited: the parts that show it are made again; those that show nothing of it (the
    # other postmortem's header, the page of the other's severity) are found by what they show.
    forge()
    dns = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    dns.write_text(dns.read_text(encoding="utf-8").replace("Alert on SERVFAIL ratio per upstream",
                                                           "Page on SERVFAIL bursts per resolver"), encoding="utf-8")
    build(tmp_path)
    assert "Page on SERVFAIL bursts per resolver" in (tmp_path / TRACKER).read_text(encoding="utf-8")
    assert 'class="postmortem-header' in (tmp_path / DNS_PAGE).read_text(encoding="utf-8")
    assert 'class="postmortem-header' not in (tmp_path / RESOLVER_PAGE).read_text(encoding="utf-8")
    assert "Resolver cache exhaustion" not in (tmp_path / P3_PAGE).read_text(encoding="utf-8")
    # The cache emptied of forgeries: the edited site is the one a build without the cache makes.
    shutil.rmtree(tmp_path / ".cache")
    build(tmp_path)
    shutil.copytree(tmp_path / "site", tmp_path / "warm-site")
    without_cache(tmp_path)
    build(tmp_path)
    assert_same_sites(tmp_path / "warm-site", tmp_path / "site")


def kept_postmortems_json(root: Path) -> list[tuple[Path, str, str]]:
    """The entries keeping `postmortems.json` under the whole handbook's key: (path, key, text)."""
    store = RenderStore(store_of(root))
    found = []
    for path in render_entries(root):
        key, _, text = (store.get(bytes.fromhex(path.name)) or "").partition("\n")
        if re.fullmatch(r"[0-9a-f]{64}", key) and text.startswith(('{"as_of":', '{"forged":')):
            found.append((path, key, text))
    return found


def test_postmortems_json_comes_from_the_whole_handbook_until_any_input_changes(tmp_path):
    """`postmortems.json` is kept in one entry with the key of the whole handbook it was made from:
    a build where nothing changed writes what the entry holds (a forged entry shows), a damaged
    entry is made again, and another day, another site URL or an edited postmortem make the file
    again, equal to a build without the cache, replacing the entry rather than adding one."""
    write_site(tmp_path, postmortems())
    build(tmp_path)
    cold = (tmp_path / "site" / "postmortems.json").read_bytes()
    kept = kept_postmortems_json(tmp_path)
    assert len(kept) == 1 and kept[0][2].encode("utf-8") == cold
    store = RenderStore(store_of(tmp_path))

    def forge() -> None:
        for path, key, text in kept_postmortems_json(tmp_path):
            forged = text.replace('"as_of":', '"forged":', 1)
            store.put(bytes.fromhex(path.name), f"{key}\n{forged}")

    def written() -> str:
        return (tmp_path / "site" / "postmortems.json").read_text(encoding="utf-8")

    forge()
    assert build(tmp_path)[1] == 0, "nothing made"
    assert written().startswith('{"forged":'), "the warm build wrote the kept file"
    for path, _, _ in kept_postmortems_json(tmp_path):
        path.write_bytes(path.read_bytes()[:-5])  # damaged: a miss, made and kept again
    build(tmp_path)
    assert (tmp_path / "site" / "postmortems.json").read_bytes() == cold
    assert len(kept_postmortems_json(tmp_path)) == 1

    forge()
    build(tmp_path, env={"SOURCE_DATE_EPOCH": epoch(date(2027, 2, 1))})  # another day: `as_of` and overdue items
    assert json.loads(written())["as_of"] == "2027-02-01"
    forge()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    build(tmp_path)  # another URL for every page
    assert json.loads(written())["incidents"][0]["url"].endswith(".html")
    forge()
    dns = tmp_path / "docs" / "postmortems" / "2026-03-04-dns.md"
    dns.write_text(dns.read_text(encoding="utf-8").replace("Alert on SERVFAIL ratio per upstream",
                                                           "Page on SERVFAIL bursts per resolver"), encoding="utf-8")
    build(tmp_path)
    assert "Page on SERVFAIL bursts per resolver" in written() and not written().startswith('{"forged":')
    assert len(kept_postmortems_json(tmp_path)) == 1, "one entry, replaced by each handbook"
    warm = (tmp_path / "site" / "postmortems.json").read_bytes()
    without_cache(tmp_path)
    build(tmp_path)
    assert (tmp_path / "site" / "postmortems.json").read_bytes() == warm
