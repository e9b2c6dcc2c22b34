"""The plugin's options, validated by MkDocs' config classes.

`settings.settings_from_config` turns them into the plain `Settings` the
pipeline reads; nothing but the plugin and the site's config file reader
(engines/config_file.py) imports this module.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from mkdocs.config import base
from mkdocs.config import config_options as c

from ...render.views.registry import page_paths
from ...settings import (
    DEFAULT_MANDATORY_SECTIONS,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_SEVERITIES,
    DEFAULT_SEVERITY_ALIASES,
    RULE_LEVELS,
)


class RuleLevel(c.Choice):
    """A rule's level. YAML 1.1 (MkDocs' loader) reads an unquoted `off` as
    false, so `rules: {PM201: off}` arrives as False: it means "off"."""

    def run_validation(self, value: object) -> object:
        return super().run_validation("off" if value is False else value)


@lru_cache(maxsize=8)
def _pages_config(paths: tuple[tuple[str, str], ...]) -> type[base.Config]:
    return type(
        "PagesConfig",
        (base.Config,),
        {
            **{option: c.Type(str, default=default) for option, default in paths},
            # Files beside the pages: the Atom feed, and the calendar of deadlines (one per owner
            # beside it, actions-<owner>.ics).
            "feed": c.Type(str, default="feed.xml"),
            "calendar": c.Type(str, default="actions.ics"),
            # Page titles by the pages' options (overview, services, ...); when absent, the labels
            # of the site language are used.
            "titles": c.DictOfItems(c.Type(str), default={}),
        },
    )


class PagesOption(c.SubConfig):
    """`pages`: where the generated pages go, relative to the postmortem folder, one option
    per row of the views' registry (render/views/registry.py) with its default path; the
    files beside them and the page titles. Made from the registry when a config is validated."""

    @property
    def config_class(self) -> type[base.Config]:
        return _pages_config(tuple(page_paths().items()))


class PostmortemConfig(base.Config):
    enabled = c.Type(bool, default=True)
    folder = c.Type(str, default="postmortems")
    default_timezone = c.Type(str, default="UTC")
    severities = c.ListOfItems(c.Type(str), default=list(DEFAULT_SEVERITIES))
    severity_aliases = c.DictOfItems(c.Type(str), default=dict(DEFAULT_SEVERITY_ALIASES))
    mandatory_sections = c.ListOfItems(
        c.Choice(
            ("summary", "timeline", "impact", "root_cause", "five_whys", "actions", "lessons")
        ),
        default=list(DEFAULT_MANDATORY_SECTIONS),
    )
    rules = c.DictOfItems(RuleLevel(RULE_LEVELS), default={})
    publish_deadline_days = c.Type(int, default=5)
    publish_deadline_severities = c.ListOfItems(c.Type(str), default=["P1", "P2"])
    backlog_sections = c.ListOfItems(c.Type(str), default=["backlog"])
    build_date = c.Optional(c.Type(str))
    ttr_from = c.Choice(("started", "detected"), default="started")
    in_nav = c.Type(bool, default=False)
    timeline_chart = c.Type(bool, default=True)
    # Follow-up target per severity, in days after the incident ({P1: 30, P2: 60}); items past it are marked.
    action_deadline_days = c.DictOfItems(c.Type(int), default={})
    # The header under each postmortem's title (severity, status, services, open actions...).
    header = c.Type(bool, default=True)
    plotly_js = c.Choice(("bundled", "cdn"), default="bundled")
    plotly_js_cdn_url = c.Type(str, default="")
    pages = PagesOption()
    new_templates = c.Optional(c.Type(str))
    # Where `mkdocs-postmortem generate` writes the generated pages for engines that run no
    # plugin (Zensical), relative to the postmortem folder; the leading underscore keeps
    # its files from being read as postmortems.
    generated_folder = c.Type(str, default="_generated")
    # Checked models kept between builds (cache.py); cache_dir is relative to the config file's folder.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/postmortem")
    # Processes that share the reading of a large handbook; 0: one per CPU, 1: no worker processes.
    workers = c.Type(int, default=0)
    # Postmortem pages keep raw HTML and any link scheme: only for sites that trust every author.
    allow_raw_html = c.Type(bool, default=False)
    # Bytes above which a file is read for its front matter and headings only.
    max_file_size = c.Type(int, default=DEFAULT_MAX_FILE_SIZE)
    # Incidents that started before this day (and files with no date) are an
    # archive: read, indexed and charted, their problems reported as warnings.
    enforce_from = c.Optional(c.Type((str, date)))
    # Readings of ambiguous zone abbreviations, e.g. {IST: "+01:00"} (data/zones.yml).
    zone_abbreviations = c.DictOfItems(c.Type(str), default={})
    # More front matter keys read as a known field, e.g. {opened_at: started} (field_table.py).
    field_aliases = c.DictOfItems(c.Type(str), default={})
    # Where short ticket references in action items link: a URL with {id} for all of them, or a
    # mapping by kind, {"#": ".../issues/{id}", OPS: ".../browse/{id}", "*": ...} (read/tickets.py).
    ticket_url = c.Optional(c.Type((str, dict)))
    # The Atom feed of published postmortems (pages.feed) and how many it lists, newest first.
    feed = c.Type(bool, default=True)
    feed_entries = c.Type(int, default=20)
    # The iCalendar files of open action items' deadlines (pages.calendar), one per owner too.
    calendar = c.Type(bool, default=True)
