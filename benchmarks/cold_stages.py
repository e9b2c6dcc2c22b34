"""Where a cold plugin build spends its CPU time, stage by stage, without a profiler's slowdown.

    python benchmarks/run.py --sizes 1000 --ways c --keep
    python benchmarks/cold_stages.py benchmarks/out/n1000/mkdocs-c.yml

Builds the site of the given config once, in this process, with the plugin's
`workers: 1` (so that reading is counted here), its cache emptied first. Each
named stage is a function of the plugin or of MkDocs wrapped to add up the CPU
time (`time.process_time`, every thread of the process) spent inside it; a
stage inside another is counted in its own line only. What no stage names
(Python's start-up, Jinja rendering the theme around each page, writing the
site) is the total less the stages.
"""

from __future__ import annotations

import argparse
import collections
import functools
import os
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import SOURCE_DATE_EPOCH


class Stages:
    def __init__(self) -> None:
        self.spent: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self.pages: collections.Counter[str] = collections.Counter()
        self._open: list[list] = []  # [name, CPU at entry, CPU of the stages inside]

    def wrap(self, owner, attribute: str, name: str) -> None:
        function = getattr(owner, attribute)

        @functools.wraps(function)
        def timed(*args, **kwargs):
            if any(frame[0] == name for frame in self._open):  # recursion: counted once
                return function(*args, **kwargs)
            frame = [name, time.process_time(), 0.0]
            self._open.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self._open.pop()
                took = time.process_time() - frame[1]
                self.spent[name] += took - frame[2]
                self.calls[name] += 1
                if self._open:
                    self._open[-1][2] += took

        setattr(owner, attribute, timed)

    def wrap_pages(self, owner) -> None:
        """Each generated page's own time, by its path."""
        function = owner.render_page

        @functools.wraps(function)
        def timed(pages, page, files):
            start = time.process_time()
            try:
                return function(pages, page, files)
            finally:
                self.pages[page.file.src_uri] += time.process_time() - start

        owner.render_page = timed


def instrument(stages: Stages) -> None:
    import markdown
    from material.plugins.search.plugin import SearchPlugin

    from mkdocs_postmortem import handbook
    from mkdocs_postmortem.engines.mkdocs import feeds, pages, plugin
    from mkdocs_postmortem.render import slots

    generated = pages.GeneratedPages
    stages.wrap_pages(generated)
    for owner, attribute, name in [
        (markdown.Markdown, "convert", "MkDocs: Markdown to HTML"),
        (SearchPlugin, "on_page_context", "search: indexing each page"),
        (handbook, "read_and_check", "reading and the dateless rules"),
        (plugin, "offer_stored_terms", "similarity terms of each postmortem"),
        (plugin, "offer_stored_similarity", "similar incidents (whole handbook)"),
        (feeds.SiteFeeds, "add_files", "feed and calendars"),
        (plugin, "kept_postmortem_body", "body: sanitised, action anchors, tickets, chart slot"),
        (plugin, "make_toc_safe", "table of contents made safe"),
        (generated, "header", "header"),
        (generated, "related_box", "related incidents box"),
        (generated, "similar_box", "similar incidents box"),
        (generated, "render_page", "generated pages (contexts, trend charts, templates)"),
        (slots.PageSlots, "fill", "held HTML filled in (timeline charts made here)"),
        (plugin, "postmortems_json_parts", "postmortems.json"),
    ]:
        stages.wrap(owner, attribute, name)
    for event in ("on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content", "on_post_page", "on_post_build"):
        stages.wrap(plugin.PostmortemPlugin, event, f"plugin's {event}, the rest")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path, help="an mkdocs.yml with the postmortem plugin (run.py's mkdocs-c.yml)")
    parser.add_argument("--pages", type=int, default=8, help="how many of the costliest generated pages to list")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    stages = Stages()
    instrument(stages)
    shutil.rmtree(args.config.resolve().parent / ".cache", ignore_errors=True)
    start, wall = time.process_time(), time.perf_counter()
    config = load_config(str(args.config))
    for name, plugin in config.plugins.items():
        if name.endswith("postmortem"):
            plugin.config["workers"] = 1
    config.site_dir = str(args.config.resolve().parent / "site-stages")
    build(config)
    total = time.process_time() - start
    print(f"{total:.2f} s of CPU in all ({time.perf_counter() - wall:.2f} s wall), cold cache, workers: 1\n")
    print("| stage | CPU s | calls |\n|---|---:|---:|")
    for name, seconds in stages.spent.most_common():
        print(f"| {name} | {seconds:.2f} | {stages.calls[name]} |")
    print(f"| everything else (start-up, the theme's templates, writing the site) | {total - sum(stages.spent.values()):.2f} | |")
    print("\n| generated page | CPU s |\n|---|---:|")
    for name, seconds in stages.pages.most_common(args.pages):
        print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
