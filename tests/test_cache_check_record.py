"""The record of the last `check` (cache.py, `CheckRecord`): a run in which no file
changed answers from it, knowing the files by their signatures (size, times,
inode) without reading them, as git's index does.

It must never answer for files that changed, on another day, under other
settings or another version of the package, and a damaged record is ignored.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import run_cli, write_site
from test_cache import broken, check_json, epoch, postmortems, store_of

from mkdocs_postmortem import cache as cache_module
from mkdocs_postmortem.cache import (
    _RECORD,
    FORMAT,
    MAGIC,
    RACY_NS,
    CheckRecord,
    ModelCache,
    package_digest,
)
from mkdocs_postmortem.engines.config_file import load_site
from mkdocs_postmortem.sources import Source, signature_of

DNS = "docs/postmortems/2026-03-04-dns.md"
OWNER = "| Li Wei    |"
NO_OWNER = "|           |"  # as long: the file keeps its size
FORGED = "forged: this answer came from the check record"


def record_path(root: Path) -> Path:
    return store_of(root)._record_path


def age(root: Path, seconds: float = 60) -> None:
    """Date every postmortem `seconds` back, as files written before this run are:
    a file written within two seconds of the run is read again on the next (racy)."""
    then = time.time() - seconds
    for path in (root / "docs" / "postmortems").glob("*.md"):
        os.utime(path, (then, then))


def forge_record(root: Path) -> None:
    """Rewrite the record's diagnostics, keeping its files and key: a run that prints the
    forged message answered from the record without reading a file."""
    path = record_path(root)
    data = path.read_bytes()
    header = len(MAGIC) + 2 + 32 + 32
    record = pickle.loads(data[header:])
    first = record.diagnostics[0]
    record.diagnostics = [replace(first, message=FORGED)]
    payload = pickle.dumps(record)
    path.write_bytes(cache_module._sealed(payload, _RECORD))


def test_a_check_where_nothing_changed_answers_from_the_record(tmp_path):
    write_site(tmp_path, broken())
    age(tmp_path)
    expected = check_json(tmp_path, "--no-cache")
    assert check_json(tmp_path) == expected
    assert check_json(tmp_path) == expected
    record = store_of(tmp_path).check_record()
    assert record is not None and len(record.files) == 2
    forge_record(tmp_path)
    assert FORGED in check_json(tmp_path), "nothing changed: the record answers"
    # Any change of a file is seen by its signature, and the handbook checked again.
    dns = tmp_path / DNS
    dns.write_text(dns.read_text(encoding="utf-8").replace("This was human error.", "It was human error."))
    changed = check_json(tmp_path)
    assert FORGED not in changed
    assert changed == check_json(tmp_path, "--no-cache")


def test_a_file_changed_in_the_same_second_with_the_same_size_and_time_is_read_again(tmp_path):
    write_site(tmp_path, postmortems())
    dns = tmp_path / DNS
    written = dns.stat()
    assert "PM301" not in check_json(tmp_path)  # read within a second or two of being written
    text = dns.read_text(encoding="utf-8")
    assert OWNER in text
    dns.write_text(text.replace(OWNER, NO_OWNER, 1), encoding="utf-8")
    os.utime(dns, ns=(written.st_atime_ns, written.st_mtime_ns))
    assert dns.stat().st_size == written.st_size and dns.stat().st_mtime_ns == written.st_mtime_ns
    again = check_json(tmp_path)
    assert '"PM301"' in again, "the owner removed in the same second is seen"
    assert again == check_json(tmp_path, "--no-cache")


def test_a_file_still_before_the_read_is_known_by_its_signature_and_a_racy_one_by_its_bytes(tmp_path):
    settings = load_site(None).settings
    store = ModelCache.open(tmp_path / "cache", settings)
    store.prepare()
    now = time.time_ns()
    still = (10, now - 10 * RACY_NS, now - 10 * RACY_NS, 1, 1)
    files = {name: tmp_path / f"{name}.md" for name in "abc"}
    for name, path in files.items():
        path.write_bytes(f"# {name}\n".encode())
    sources = [
        Source(str(files["a"]), "postmortems/a.md", b"# a\n", signature=still),
        # Written within two seconds of the read: its modification time, or its change time.
        Source(str(files["b"]), "postmortems/b.md", b"# b\n", signature=(10, now - RACY_NS // 2, now - 10 * RACY_NS, 2, 1)),
        Source(str(files["c"]), "postmortems/c.md", b"# c\n", signature=(10, now - 10 * RACY_NS, now, 3, 1)),
        Source("d.md", "postmortems/d.md", b"", unreadable="cannot be read (permission denied)"),
    ]
    store.remember_check(sources, now, b"k" * 32, [])
    record = store.check_record()
    keys = [cache_module.entry_key(s.path, s.src_uri, s.content) for s in sources[:3]]
    assert record.known_keys(sources) == [*keys, "cannot be read (permission denied)"]
    files["a"].unlink()
    assert record.known_keys(sources[:1]) == keys[:1], "a still file is known by its signature, not read"
    for name in "bc":  # the same size, the same times: only its bytes tell
        files[name].write_bytes(f"# {name.upper()}\n".encode())
    assert record.known_keys(sources[1:2]) is None and record.known_keys(sources[2:3]) is None
    for other in ((11, *still[1:]), (10, still[1] + 1, *still[2:]), (*still[:2], still[2] + 1, 1, 1), (*still[:3], 9, 1)):
        assert record.known_keys([replace(sources[0], signature=other)]) is None, other
    assert record.known_keys([replace(sources[0], signature=None)]) is None


def test_the_signature_is_taken_from_the_opened_file(tmp_path):
    target = tmp_path / "a.md"
    target.write_bytes(b"# a\n")
    from mkdocs_postmortem.sources import read_source

    read = read_source(target, src_uri="a.md", docs_dir=tmp_path)
    stat_only = read_source(target, src_uri="a.md", docs_dir=tmp_path, read=False)
    assert read.content == b"# a\n" and stat_only.content == b""
    assert read.signature == stat_only.signature == signature_of(target.stat())
    assert signature_of(tmp_path.stat()) is None, "a folder has no signature"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="flipped"),
        pytest.param(lambda data: b"not a record" * 20, id="foreign"),
        pytest.param(lambda data: data[: len(MAGIC)] + (FORMAT + 1).to_bytes(2, "big") + data[len(MAGIC) + 2:],
                     id="other-format"),
        pytest.param(lambda data: cache_module._sealed(pickle.dumps(["a list"]), _RECORD), id="other-content"),
    ],
)
def test_a_damaged_record_is_ignored_and_written_again(tmp_path, damage):
    write_site(tmp_path, broken())
    age(tmp_path)
    expected = check_json(tmp_path)
    path = record_path(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    assert store_of(tmp_path).check_record() is None
    assert check_json(tmp_path) == expected
    assert isinstance(store_of(tmp_path).check_record(), CheckRecord), "written again, whole"


def test_the_record_answers_only_on_its_day_and_with_its_settings(tmp_path):
    write_site(tmp_path, broken())
    age(tmp_path)
    check_json(tmp_path)
    forge_record(tmp_path)
    later = {"SOURCE_DATE_EPOCH": epoch(date(2030, 1, 1))}
    assert FORGED not in check_json(tmp_path, env=later), "another day: the dated rules judge again"
    check_json(tmp_path)
    forge_record(tmp_path)
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "postmortem: {}" in text
    config.write_text(text.replace("postmortem: {}", "postmortem: {rules: {PM401: warning}}"), encoding="utf-8")
    assert FORGED not in check_json(tmp_path), "other settings: another environment, another record"


def test_an_upgrade_reads_into_another_record(tmp_path, monkeypatch):
    settings = load_site(None).settings
    before = ModelCache.open(tmp_path, settings)._record_path
    monkeypatch.setattr(cache_module, "__version__", "99.0")
    package_digest.cache_clear()
    try:
        assert ModelCache.open(tmp_path, settings)._record_path != before
    finally:
        package_digest.cache_clear()


def test_the_environment_does_not_depend_on_what_is_imported(tmp_path):
    """`check` opens the cache before it imports the reader; a build opens it after:
    both must name the same folder, or they would not share it."""
    program = (
        "import sys\n"
        "from mkdocs_postmortem.engines.config_file import load_site\n"
        "from mkdocs_postmortem.cache import ModelCache\n"
        "if sys.argv[1] == 'reader': import mkdocs_postmortem.read, mkdocs_postmortem.handbook\n"
        "print(ModelCache.open('.', load_site(None).settings).environment)\n"
    )
    names = {
        subprocess.run([sys.executable, "-c", program, which], capture_output=True, text=True, check=True,
                       cwd=tmp_path).stdout
        for which in ("bare", "reader")
    }
    assert len(names) == 1 and names.pop().strip()


def test_named_files_are_judged_among_the_folder_and_answered_alike_from_the_record(tmp_path):
    write_site(tmp_path, broken())
    age(tmp_path)
    expected = check_json(tmp_path, DNS, "--no-cache")
    report = json.loads(expected)
    assert report["files"] == 1 and {d["path"] for d in report["diagnostics"]} == {DNS}
    assert check_json(tmp_path, DNS) == expected
    assert check_json(tmp_path, DNS) == expected
    whole = check_json(tmp_path)
    assert whole == check_json(tmp_path, "--no-cache") and json.loads(whole)["files"] == 2


def test_a_file_that_becomes_unreadable_or_disappears_is_seen(tmp_path):
    write_site(tmp_path, broken())
    age(tmp_path)
    check_json(tmp_path)
    check_json(tmp_path)
    (tmp_path / "docs" / "postmortems" / "2026-02-10-resolver.md").unlink()
    gone = check_json(tmp_path)
    assert '"docs/postmortems/2026-02-10-resolver.md"' not in gone and gone == check_json(tmp_path, "--no-cache")
    assert '"PM601"' in gone, "the incident the other one names is gone"
    if os.geteuid() != 0:  # root reads any file
        (tmp_path / DNS).chmod(0)
        assert '"PM001"' in check_json(tmp_path)


def test_text_output_and_exit_code_are_the_same_from_the_record(tmp_path):
    write_site(tmp_path, broken())
    age(tmp_path)
    cold = run_cli("check", cwd=tmp_path)
    warm = run_cli("check", cwd=tmp_path)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout) and cold.returncode == 1
    strict = [run_cli("check", "--strict", "--format", "github", cwd=tmp_path) for _ in range(2)]
    assert strict[0].stdout == strict[1].stdout and strict[0].returncode == strict[1].returncode


def test_the_record_of_an_old_environment_is_pruned_with_it(tmp_path):
    write_site(tmp_path, postmortems())
    check_json(tmp_path)
    store = store_of(tmp_path)
    old = time.time() - 8 * 24 * 3600
    stale = store.root / "another-version.check"
    stale.write_bytes(b"x")
    os.utime(stale, (old, old))
    own = store._record_path
    os.utime(own, (old, old))  # its environment is in use: kept, however old
    (store.root / "pruned").unlink()
    store.prune()
    assert not stale.exists() and own.exists()
