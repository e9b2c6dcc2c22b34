"""The cache of checked models (cache.py), used as a user uses it: `mkdocs build`,
`mkdocs-postmortem check` and the plugin of `mkdocs serve` on real files.

It must never change a result (a build with and without it is byte-identical,
`check --format json` is the same cold and warm), must answer again what
depends on the day, and must survive damaged entries, two runs at once, an
unwritable folder and a new version of the package or of its vocabulary.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest
from conftest import ROOT, _environment, run_cli, run_mkdocs, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.measure import cli_command
from mkdocs_postmortem import cache as cache_module
from mkdocs_postmortem import parallel
from mkdocs_postmortem.cache import FORMAT, MAGIC, ModelCache, package_digest
from mkdocs_postmortem.engines.config_file import load_site
from mkdocs_postmortem.handbook import read_and_check, read_and_check_pickled
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import DATED, RULES, check_postmortem
from mkdocs_postmortem.rules.examples import example_settings, examples
from mkdocs_postmortem.rules.rule import FILE
from mkdocs_postmortem.sources import Source

FIXTURES = Path(__file__).parent / "fixtures" / "build"
DNS = "docs/postmortems/2026-03-04-dns.md"


def postmortems() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}


def broken() -> dict[str, str]:
    """The fixtures with problems of several rules: a missing owner, blame, no lessons."""
    files = postmortems()
    files["2026-03-04-dns.md"] = (
        files["2026-03-04-dns.md"]
        .replace("| Li Wei    |", "|           |", 1)
        .replace("## Impact\n", "## Impact\n\nThis was human error.\n", 1)
    )
    files["2026-02-10-resolver.md"] = files["2026-02-10-resolver.md"].split("## Lessons")[0]
    return files


def epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()))


def entries(root: Path) -> list[Path]:
    """The cache's entry files (one per model) under a site's default cache folder."""
    folder = root / ".cache" / "postmortem"
    return sorted(path for path in folder.glob("*/*") if path.is_file() and not path.name.startswith(".tmp"))


def store_of(root: Path) -> ModelCache:
    """The cache the CLI opens for the site in `root`, opened here the same way."""
    site = load_site(str(root / "mkdocs.yml"))
    return ModelCache.open(root / ".cache" / "postmortem", site.settings)


def check_json(root: Path, *options: str, env: dict | None = None) -> str:
    result = run_cli("check", "--format", "json", *options, cwd=root, env=env)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def forge(path: Path, change) -> None:
    """Rewrite an entry with a well-formed header around a changed payload: what only
    someone who can write the user's cache folder could do."""
    data = path.read_bytes()
    header = len(MAGIC) + 2 + 32
    key, payload = data[len(MAGIC) + 2:header], data[header + 32:]
    payload = pickle.dumps(change(pickle.loads(payload)))
    path.write_bytes(MAGIC + FORMAT.to_bytes(2, "big") + key + hashlib.sha256(payload).digest() + payload)


# --- results do not change ------------------------------------------------------------


def test_check_json_is_identical_cold_warm_and_without_the_cache(tmp_path):
    write_site(tmp_path, broken())
    uncached = check_json(tmp_path, "--no-cache")
    assert not (tmp_path / ".cache").exists(), "--no-cache writes nothing"
    cold = check_json(tmp_path)
    assert len(entries(tmp_path)) == 2
    written = {path: path.read_bytes() for path in entries(tmp_path)}
    warm = check_json(tmp_path)
    assert uncached == cold == warm
    assert {path: path.read_bytes() for path in entries(tmp_path)} == written, "a warm run writes no entry"
    codes = {d["code"] for d in json.loads(warm)["diagnostics"]}
    assert {"PM301", "PM401"} <= codes


def test_the_warm_check_answers_from_the_cache(tmp_path):
    # A forged entry is believed (the trust boundary docs/configuration.md states):
    # proof that the second run took the model from the cache instead of reading the file.
    write_site(tmp_path, broken())
    check_json(tmp_path)
    store = store_of(tmp_path)
    dns = (tmp_path / DNS).read_bytes()
    path = store.folder / cache_module.entry_key(DNS, "postmortems/2026-03-04-dns.md", dns).hex()
    forge(path, lambda checked: (replace(checked[0], title="Forged title"), checked[1]))
    shown = run_cli("show", DNS, "--format", "json", cwd=tmp_path)
    assert json.loads(shown.stdout)["postmortems"][0]["title"] == "Forged title"
    again = run_cli("show", DNS, "--format", "json", "--no-cache", cwd=tmp_path)
    assert json.loads(again.stdout)["postmortems"][0]["title"] != "Forged title"


HALL_C = "docs/postmortems/2026-02-02-hall-c-power.md"


def test_a_cached_model_carries_no_show_notes_yet_show_prints_them(tmp_path):
    # What each time of the prose was taken for is made only for `show`: the checked
    # model the cache keeps goes without it, and `show` reads the file once more for it.
    write_site(tmp_path, {"2026-02-02-hall-c-power.md": (
        "# Hall C power loss\n\nAll times below are UTC.\n\n"
        "On 2 February 2026 racks lost power starting at 13:10. Engineers restored power at 13:50, and the "
        "last customer machines were running again by 14:25.\n")})
    check_json(tmp_path)
    cached = store_of(tmp_path).get(HALL_C, "postmortems/2026-02-02-hall-c-power.md", (tmp_path / HALL_C).read_bytes())
    assert cached is not None, "check stored the model"
    model = cached[0]
    assert model.resolved == datetime(2026, 2, 2, 14, 25, tzinfo=timezone.utc), "the window is still read"
    assert not any("window mention" in note.message for note in model.notes)
    shown = run_cli("show", HALL_C, cwd=tmp_path)
    assert shown.returncode in (0, 1), shown.stderr
    assert ("window mention 2026-02-02 13:50 UTC, its words say resolved: before the last recovery, "
            "2026-02-02 14:25 UTC (line 5)") in shown.stdout
    assert "window mention 2026-02-02 13:10 UTC, its words say started: the earliest start" in shown.stdout
    assert shown.stdout == run_cli("show", HALL_C, "--no-cache", cwd=tmp_path).stdout


def test_sample_handbook_is_byte_identical_with_and_without_the_cache(tmp_path):
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
    sites = {}
    for name, config_file in (("cold", "mkdocs.yml"), ("warm", "mkdocs.yml"), ("none", "mkdocs-nocache.yml")):
        result = run_mkdocs("build", "--verbose", "-f", config_file, "-d", str(tmp_path / name), cwd=site_root)
        assert result.returncode == 0, result.stderr[-3000:]
        sites[name] = result.stderr
    count = len([p for p in (site_root / "docs" / "postmortems").glob("*.md") if p.name != "index.md"])
    assert f"{count} postmortems from the cache, 0 read" in sites["warm"]
    assert "from the cache" not in sites["none"]
    assert not list((site_root / "docs").rglob(".cache")), "never written into docs/"
    files = sorted(p.relative_to(tmp_path / "cold") for p in (tmp_path / "cold").rglob("*") if p.is_file())
    for other in ("warm", "none"):
        assert files == sorted(p.relative_to(tmp_path / other) for p in (tmp_path / other).rglob("*") if p.is_file())
        different = [str(p) for p in files if (tmp_path / "cold" / p).read_bytes() != (tmp_path / other / p).read_bytes()]
        assert different == [], other


# --- what depends on the day or on other files runs again ---------------------------------


def test_overdue_actions_and_lateness_are_judged_on_the_day_of_the_run(tmp_path):
    files = postmortems()
    # A P2 draft resolved on 2026-11-20: late (PM502) only once five days have passed.
    queue = files["2026-03-04-dns.md"].replace("status: approved", "status: draft").replace("published: 2026-03-06\n", "")
    files["2026-11-20-queue.md"] = queue.replace("2026-03-04", "2026-11-20")
    assert "status: draft" in files["2026-11-20-queue.md"] and "published" not in files["2026-11-20-queue.md"]
    write_site(tmp_path, files)
    first_day = {"SOURCE_DATE_EPOCH": epoch(date(2026, 11, 23))}
    later = {"SOURCE_DATE_EPOCH": epoch(date(2027, 1, 20))}
    before = check_json(tmp_path, env=first_day)
    assert len(entries(tmp_path)) == 3
    codes_before = {d["code"] for d in json.loads(before)["diagnostics"]}
    assert not codes_before & {"PM304", "PM502"}, before
    warm_later = check_json(tmp_path, env=later)
    assert warm_later == check_json(tmp_path, "--no-cache", env=later)
    codes_later = {d["code"] for d in json.loads(warm_later)["diagnostics"]}
    assert {"PM304", "PM502"} <= codes_later, warm_later


def test_related_incidents_are_judged_among_the_files_of_this_run(tmp_path):
    files = postmortems()
    files["2026-03-04-dns.md"] = files["2026-03-04-dns.md"].replace(
        "status: approved", "status: approved\nrelated: [2026-02-10-resolver]", 1
    )
    write_site(tmp_path, files)
    assert "PM601" not in check_json(tmp_path)
    (tmp_path / "docs" / "postmortems" / "2026-02-10-resolver.md").unlink()
    warm = check_json(tmp_path)
    assert '"PM601"' in warm, "the dns model came from the cache, the missing related incident did not"
    assert warm == check_json(tmp_path, "--no-cache")


def test_every_rule_whose_answer_depends_on_the_day_is_declared_dated():
    # The documented examples, judged on their day and ten years either side: any
    # single-file rule whose findings move with the day must not be answered from the cache.
    moving = set()
    for rule in (rule for rule in RULES if rule.scope == FILE):
        for example in examples(rule):
            settings = example_settings(rule)
            found = []
            for shift in (0, 3650, -3650):
                day = replace(settings, build_date=settings.build_date + timedelta(days=shift))
                pms = [
                    read_postmortem(text.encode(), path=path, src_uri=path.removeprefix("docs/"), settings=day)
                    for path, text in example.files().items()
                ]
                found.append([d for pm in pms for d in check_postmortem(pm, day) if d.code == rule.code])
            if found[0] != found[1] or found[0] != found[2]:
                moving.add(rule.code)
    assert moving, "the examples show rules that depend on the day (PM304 at least)"
    assert moving <= {rule.code for rule in DATED}


# --- safe ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-5] + bytes(b ^ 0xFF for b in data[-5:]), id="payload-changed"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x80\x04not a cache entry at all" * 50, id="foreign"),
        pytest.param(lambda data: data.replace(MAGIC, b"x" * len(MAGIC), 1), id="other-program"),
        pytest.param(lambda data: data[: len(MAGIC)] + (FORMAT + 1).to_bytes(2, "big") + data[len(MAGIC) + 2:],
                     id="other-format"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path, damage):
    write_site(tmp_path, broken())
    expected = check_json(tmp_path)
    for path in entries(tmp_path):
        path.write_bytes(damage(path.read_bytes()))
    # Without the record of the last check, which would answer without reading an entry
    # (tests/test_cache_check_record.py damages the record itself).
    store_of(tmp_path)._record_path.unlink(missing_ok=True)
    assert check_json(tmp_path) == expected
    store = store_of(tmp_path)
    for path in entries(tmp_path):
        assert path.read_bytes().startswith(MAGIC)
    for name, text in broken().items():
        assert store.get(f"docs/postmortems/{name}", f"postmortems/{name}", text.encode()) is not None


def test_an_entry_of_another_file_is_not_taken_for_this_one(tmp_path):
    write_site(tmp_path, broken())
    expected = check_json(tmp_path)
    first, second = entries(tmp_path)
    first.write_bytes(second.read_bytes())  # whole and valid, but the other file's
    assert check_json(tmp_path) == expected


def test_two_checks_at_once_share_the_cache_without_damage(tmp_path):
    files = {f"2026-0{month}-{day:02d}-copy.md": text.replace("id: ", f"id: c{month}{day}-", 1)
             for month in range(1, 4) for day in range(1, 21) for text in [postmortems()["2026-03-04-dns.md"]]}
    write_site(tmp_path, files)
    expected = check_json(tmp_path, "--no-cache")
    for _ in range(2):  # cold, both writing the same entries at once; then warm, both reading
        runs = [
            subprocess.Popen([*cli_command(), "check", "--format", "json"], cwd=tmp_path, env=_environment(None),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        for run in runs:
            out, err = run.communicate(timeout=300)
            assert "Traceback" not in err
            assert out == expected
    assert len(entries(tmp_path)) == len(files)
    assert not list((tmp_path / ".cache").rglob(".tmp-*")), "no temporary file left behind"
    store = store_of(tmp_path)
    for name, text in files.items():
        assert store.get(f"docs/postmortems/{name}", f"postmortems/{name}", text.encode()) is not None


def test_a_temporary_file_left_under_the_same_name_does_not_stop_a_write(tmp_path, monkeypatch):
    # Temporary files are named by process id and a count; a file of that name left by a killed
    # process (or another container's with the same id) is neither overwritten nor in the way.
    monkeypatch.setattr(cache_module, "_TEMPORARY_NUMBERS", itertools.count(7))
    stray = tmp_path / f".tmp-{os.getpid()}-7"
    stray.write_bytes(b"another process's half-written entry")
    target = tmp_path / "entry"
    cache_module._write_atomic(target, b"whole")
    cache_module._write_atomic(target, b"whole again")  # the next number, free
    assert target.read_bytes() == b"whole again"
    assert stray.read_bytes() == b"another process's half-written entry"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([stray.name, "entry"])
    assert target.stat().st_mode & 0o777 == 0o600  # as tempfile.mkstemp made them


def test_an_upgrade_or_a_changed_vocabulary_or_reader_reads_again(tmp_path, monkeypatch):
    package = tmp_path / "package"
    shutil.copytree(Path(cache_module.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "_PACKAGE", package)
    site = load_site(None)
    environments = set()

    def environment() -> str:
        package_digest.cache_clear()
        return ModelCache.open(tmp_path / "cache", site.settings).environment

    environments.add(environment())
    assert environment() in environments, "the same package gives the same folder"
    blame = package / "data" / "blame.yml"
    blame.write_text(blame.read_text(encoding="utf-8") + "\n# a new word\n", encoding="utf-8")
    environments.add(environment())
    reader = package / "read" / "structure.py"
    reader.write_text(reader.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    environments.add(environment())
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    environments.add(environment())
    assert len(environments) == 4
    package_digest.cache_clear()


def test_a_changed_setting_reads_again_and_the_build_date_does_not(tmp_path):
    site = load_site(None)
    def opened(settings) -> str:
        return ModelCache.open(tmp_path, settings).environment

    assert opened(replace(site.settings, build_date=date(2030, 1, 1))) == opened(site.settings)
    assert opened(replace(site.settings, rules={"PM401": "off"})) != opened(site.settings)
    assert opened(replace(site.settings, default_timezone="Europe/Paris")) != opened(site.settings)


def test_entries_unused_for_a_week_and_old_environments_are_pruned(tmp_path):
    write_site(tmp_path, postmortems())
    check_json(tmp_path)
    store = store_of(tmp_path)
    old = time.time() - 8 * 24 * 3600
    kept, stale = entries(tmp_path)
    os.utime(stale, (old, old))
    other = store.root / "another-version"
    other.mkdir()
    (other / "entry").write_bytes(b"x")
    os.utime(other, (old, old))
    (store.root / "pruned").unlink()
    store.prune()
    assert kept.exists() and not stale.exists() and not other.exists()
    stale.write_bytes(b"x")
    os.utime(stale, (old, old))
    store.prune()
    assert stale.exists(), "pruned at most once a day"


# --- where it lives, and when it cannot be written ------------------------------------------


def test_it_lives_beside_the_config_file_and_is_switched_off_by_the_option(tmp_path):
    write_site(tmp_path / "on", postmortems())
    result = run_mkdocs("build", cwd=tmp_path / "on")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "on" / ".cache" / "postmortem"
    assert len(entries(tmp_path / "on")) == 2
    assert (folder / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    check = run_cli("check", cwd=tmp_path / "on")
    assert check.returncode == 0 and len(entries(tmp_path / "on")) == 2, "check shares the build's entries"

    write_site(tmp_path / "off", postmortems(), options={"cache": False})
    assert run_mkdocs("build", cwd=tmp_path / "off").returncode == 0
    assert run_cli("check", cwd=tmp_path / "off").returncode == 0
    assert not (tmp_path / "off" / ".cache").exists()


def test_cache_dir_is_relative_to_the_config_file_and_never_inside_docs(tmp_path):
    write_site(tmp_path, postmortems(), options={"cache_dir": "build-cache/models"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("check", "-f", str(tmp_path / "mkdocs.yml"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "build-cache" / "models").glob("*/*"))) == 2
    assert not (elsewhere / ".cache").exists()
    assert run_cli("check", "--cache-dir", "cli-cache", cwd=tmp_path).returncode == 0
    assert len(list((tmp_path / "cli-cache").glob("*/*"))) == 2

    write_site(tmp_path, postmortems(), options={"cache_dir": "docs/.cache"})
    built = run_mkdocs("build", cwd=tmp_path)
    assert built.returncode == 1
    assert "cache_dir 'docs/.cache' is inside the docs folder" in built.stderr
    assert "Traceback" not in built.stderr
    checked = run_cli("check", cwd=tmp_path)
    assert checked.returncode == 2 and "inside the docs folder" in checked.stderr
    assert not (tmp_path / "docs" / ".cache").exists()


def test_an_unwritable_cache_folder_does_not_fail_the_build(tmp_path):
    # A file where the cache folder should be: no user, root included, can create it.
    write_site(tmp_path, broken(), options={"cache_dir": "blocked/cache"})
    (tmp_path / "blocked").write_text("not a folder\n", encoding="utf-8")
    expected = check_json(tmp_path, "--no-cache")
    assert check_json(tmp_path) == expected
    write_site(tmp_path, postmortems(), options={"cache_dir": "blocked/cache"})
    result = run_mkdocs("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cannot be written" in result.stderr and "read without storing them" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_build_in_process_takes_what_check_stored(tmp_path, monkeypatch):
    """`mkdocs serve` runs the plugin in-process: its first build reads nothing `check` already read."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    config_file = write_site(tmp_path, broken())
    check_json(tmp_path)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    monkeypatch.chdir(tmp_path)  # paths in diagnostics are relative to the working folder, as under the CLI
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, dirty=False)
    plugin = config.plugins["postmortem"]
    assert (plugin.cache.loaded, plugin.cache.reads) == (2, 0)
    cli = json.loads(check_json(tmp_path))["diagnostics"]
    assert [d["code"] for d in cli] == [d.code for d in plugin.handbook.diagnostics]



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked on Linux only")
def test_models_stored_by_worker_processes_are_whole(tmp_path, caplog):
    # map_shared directly: the test process may have threads (worker_count would then read here).
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    settings = load_site(None).settings
    files = {f"2026-01-{day:02d}-copy.md": postmortems()["2026-03-04-dns.md"].replace("id: ", f"id: d{day}-", 1)
             for day in range(1, 13)}
    sources = [Source(f"docs/postmortems/{name}", f"postmortems/{name}", text.encode()) for name, text in files.items()]
    store = ModelCache.open(tmp_path / "cache", settings)
    store.prepare()
    shared = parallel.map_shared(partial(read_and_check, settings=settings, store=store), sources, 2)
    assert "12 files read by 2 processes" in caplog.text
    for source, checked in zip(sources, shared):
        assert store.get(source.path, source.src_uri, source.content) == checked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worker processes are forked on Linux only")
def test_a_worker_sends_back_the_models_it_stored_pickled_once(tmp_path, caplog):
    # As Handbook.load shares the reading: the worker pickles each model once, for the cache
    # and for the pipe, and the caller unpickles it. The cache's entries are those `put` writes.
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    settings = load_site(None).settings
    files = {f"2026-02-{day:02d}-copy.md": broken()["2026-03-04-dns.md"].replace("id: ", f"id: p{day}-", 1)
             for day in range(1, 13)}
    sources = [Source(f"docs/postmortems/{name}", f"postmortems/{name}", text.encode()) for name, text in files.items()]
    stored, by_put = ModelCache.open(tmp_path / "packed", settings), ModelCache.open(tmp_path / "put", settings)
    stored.prepare()
    by_put.prepare()
    shared = parallel.map_shared(
        partial(read_and_check, settings=settings, store=stored), sources, 2,
        packed=(partial(read_and_check_pickled, settings=settings, store=stored), pickle.loads),
    )
    assert "12 files read by 2 processes" in caplog.text
    alone = [read_and_check(source, settings, store=by_put) for source in sources]
    assert shared == alone
    assert any(diagnostics for _, diagnostics in alone)
    # Every file has its entry, the caller's share and the worker's, holding what `put` keeps.
    assert len(list(stored.folder.iterdir())) == len(sources)
    for source, checked in zip(sources, alone):
        assert stored.get(source.path, source.src_uri, source.content) == checked
