"""Reading on several CPUs gives exactly what reading in one process gives."""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import sys
import threading
from dataclasses import replace
from functools import partial

import pytest
from conftest import run_cli, run_mkdocs, write_site

from benchmarks.corpus import write_corpus
from mkdocs_postmortem import parallel
from mkdocs_postmortem.handbook import read_and_check, text_read_later
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import DATELESS, check_postmortem
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

COUNT = 2 * parallel.MINIMUM_PER_WORKER + 20  # enough files for two processes
LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, str]:
    """The benchmark corpus, with some files broken so that there is something to report."""
    folder = tmp_path_factory.mktemp("parallel-corpus")
    paths = write_corpus(folder, COUNT, seed=3)
    texts = {path.name: path.read_text(encoding="utf-8") for path in paths}
    rng = random.Random(3)
    for name in rng.sample(sorted(texts), 12):
        text = texts[name]
        # A template placeholder, a blaming sentence and an undated action: PM103, PM401, PM302.
        text = text.replace("\n## ", "\nOwner: [TODO]\n\nThe outage happened because Bob forgot the flag.\n\n## ", 1)
        texts[name] = text.replace("\n- [ ] ", "\n- [ ] Follow up without a date\n- [ ] ", 1)
    return texts


@pytest.mark.slow
def test_two_workers_build_the_same_site_as_one_process(tmp_path, corpus):
    sites = {}
    for workers in (1, 2):
        root = tmp_path / f"workers-{workers}"
        write_site(root, corpus, options={"workers": workers})
        result = run_mkdocs("build", "--verbose", cwd=root)
        sites[workers] = (root / "site", result)
    one, parallel_run = sites[1][1], sites[2][1]
    assert one.returncode == parallel_run.returncode
    if LINUX:
        assert f"{COUNT} files read by 2 processes" in parallel_run.stderr
    assert "files read by" not in one.stderr

    def problems(result) -> list[str]:
        return [line for line in result.stderr.splitlines() if ": PM" in line]

    assert problems(one) and problems(one) == problems(parallel_run)
    first, second = sites[1][0], sites[2][0]
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    different = [str(path) for path in files if (first / path).read_bytes() != (second / path).read_bytes()]
    assert different == []


@pytest.mark.slow
def test_check_reports_the_same_with_and_without_workers(tmp_path, corpus):
    outputs = []
    for workers in (1, 2):
        root = tmp_path / f"check-{workers}"
        write_site(root, corpus, options={"workers": workers})
        result = run_cli("check", "--format", "json", cwd=root)
        assert result.returncode == 1, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert '"PM103"' in outputs[0]


def _sources(corpus: dict[str, str]) -> list[Source]:
    return [
        Source(path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", content=text.encode("utf-8"))
        for name, text in sorted(corpus.items())
    ]


@pytest.mark.skipif(not LINUX, reason="worker processes are forked on Linux only")
def test_models_read_by_a_worker_equal_models_read_here(corpus, caplog):
    # map_shared directly: the test process may have threads (worker_count would then read here).
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    sources = _sources(corpus)
    settings = Settings()
    alone = [read_and_check(source, settings) for source in sources]
    shared = parallel.map_shared(partial(read_and_check, settings=settings), sources, 2)
    # Logged only when every share came back from its worker, none read again here.
    assert f"{COUNT} files read by 2 processes" in caplog.text
    assert len(shared) == len(alone)
    for source, (mine, my_problems), (theirs, their_problems) in zip(sources, alone, shared):
        assert mine == theirs
        assert my_problems == their_problems
        # A model from a worker is the model read here, its text cut to the lines read after the checks.
        whole = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings)
        assert theirs == replace(whole, text=text_read_later(whole))
        assert check_postmortem(whole, settings, DATELESS) == their_problems
    assert any(problems for _, problems in shared)


def _fails_in_a_worker(item: int) -> int:
    if os.getpid() != _PARENT:
        raise RuntimeError("worker lost")
    return item * item


_PARENT = os.getpid()


@pytest.mark.skipif(not LINUX, reason="worker processes are forked on Linux only")
def test_a_failing_worker_costs_time_not_results(caplog):
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    items = list(range(250))
    assert parallel.map_shared(_fails_in_a_worker, items, 3) == [item * item for item in items]
    assert "a reading worker failed (RuntimeError: worker lost)" in caplog.text


_DONE_HERE: list[tuple[int, int]] = []


def _noting_the_workers(item: int) -> int:
    if os.getpid() == _PARENT:
        _DONE_HERE.append((item, len(multiprocessing.active_children())))
    return item * 3


@pytest.mark.skipif(not LINUX, reason="worker processes are forked on Linux only")
def test_the_first_item_is_done_here_once_before_any_worker_is_forked(caplog):
    # What the reader compiles on first use is then inherited by the workers, not compiled again.
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    _DONE_HERE.clear()
    items = list(range(250))
    assert parallel.map_shared(_noting_the_workers, items, 2) == [item * 3 for item in items]
    assert "250 files read by 2 processes" in caplog.text
    assert _DONE_HERE[0] == (0, 0)
    assert [item for item, _ in _DONE_HERE] == items[0::2]  # the caller's share, each item once


def _dies_in_a_worker(item: int) -> int:
    if os.getpid() != _PARENT:
        os._exit(9)  # killed, as by the kernel's out-of-memory killer
    return item + 1


@pytest.mark.skipif(not LINUX, reason="worker processes are forked on Linux only")
def test_a_killed_worker_does_not_hang_the_build(caplog):
    caplog.set_level(logging.DEBUG, logger=parallel.log.logger.name)
    items = list(range(250))
    assert parallel.map_shared(_dies_in_a_worker, items, 2) == [item + 1 for item in items]
    assert "a reading worker failed" in caplog.text


def test_how_many_processes(monkeypatch):
    monkeypatch.setattr(parallel, "_can_fork", lambda: True)
    many = 10 * parallel.MINIMUM_PER_WORKER
    assert parallel.worker_count(1, many) == 1
    assert parallel.worker_count(0, parallel.MINIMUM_PER_WORKER - 1) == 1
    assert parallel.worker_count(4, 2 * parallel.MINIMUM_PER_WORKER) == 2
    assert parallel.worker_count(3, many) == 3
    assert 1 <= parallel.worker_count(0, many) <= parallel.MAXIMUM_WORKERS
    assert parallel.worker_count(100, 100 * many) == parallel.MAXIMUM_WORKERS


def test_no_fork_from_a_process_with_threads():
    """A serve rebuild runs beside the live-reload server's threads: no fork there."""
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert parallel.worker_count(2, 10 * parallel.MINIMUM_PER_WORKER) == 1
    finally:
        release.set()
        thread.join()


@pytest.mark.parametrize("value", [-1, True])
def test_a_negative_or_boolean_number_of_workers_is_refused(tmp_path, corpus, value):
    write_site(tmp_path, dict(list(corpus.items())[:2]), options={"workers": value})
    result = run_mkdocs("build", cwd=tmp_path)
    assert result.returncode != 0
    assert f"workers is {value}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_build_after_a_shared_check_reads_nothing_again(tmp_path, corpus):
    """The models `check` stored from the caller's share and from the worker's are whole: the
    build takes every one of them from the cache."""
    write_site(tmp_path, corpus, options={"workers": 2})
    checked = run_cli("check", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    built = run_mkdocs("build", "--verbose", cwd=tmp_path)
    assert f"{COUNT} postmortems from the cache, 0 read" in built.stderr
    again = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert again.stdout == checked.stdout
