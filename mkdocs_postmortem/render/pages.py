"""The generated index pages: overview, by severity, by service, families, action tracker.

They exist on no disk. `GeneratedPages` is made once per build from the
Handbook: it plans every page (path, title), hands MkDocs virtual files, and
renders each page's body HTML from the package's Jinja templates when MkDocs
renders that page. Everything that needs all postmortems (groups, overdue
items, late postmortems) is computed once here; rendering one page only walks
that page's own rows.

Templates are looked up through the theme's Jinja loader, so a file of the
same name in a site's `theme.custom_dir` wins. The theme's environment does
not escape by default; pages are rendered from an overlay with autoescape on,
because every string here comes from a postmortem.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from html import escape, unescape
from typing import Any
from urllib.parse import quote

import jinja2
from markdown.extensions.toc import slugify as default_slugify
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from ..handbook import Handbook
from ..metrics import minutes_between
from ..model import ActionItem, Postmortem
from ..rules.timeliness import lateness
from ..text import duration_text_floored as format_minutes, labels_for
from ..zones import zone
from .action_anchors import action_anchor, has_anchor
from .assets import TRACKER_JS
from .charts import local_text
from .html_scan import HEADING as _HEADING, TAG as _TAG
from .labels import theme_language
from .memo import RenderMemo
from .slugs import unique_slugs

log = get_plugin_logger(__name__)

OVERVIEW, SEVERITY, SERVICE, SERVICES, FAMILIES, ACTIONS = (
    "overview",
    "severity",
    "service",
    "services",
    "families",
    "actions",
)
TEMPLATE_OF = {
    OVERVIEW: "postmortem/overview.html",
    SEVERITY: "postmortem/severity.html",
    SERVICE: "postmortem/service.html",
    SERVICES: "postmortem/services.html",
    FAMILIES: "postmortem/families.html",
    ACTIONS: "postmortem/actions.html",
}
RELATED_BOX = "postmortem/related-box.html"
HEADER = "postmortem/header.html"
RECENT_INCIDENTS = 10
# The key of the page of postmortems whose severity is unknown (it slugs to "unknown").
UNKNOWN_SEVERITY = "unknown"
GLANCE_DAYS = 90  # the overview compares the last 90 days with the 90 before (incident.io, Rootly)
RELATED_BOX_LIMIT = 20  # incidents listed in one page's "Related incidents" box
OPEN_STATUSES = ("open", "in-progress")

# (postmortems, handbook, url_of) -> HTML of the trend charts for that group, or "".
# url_of gives a postmortem's page URL from the site root (points of the chart open it).
TrendCharts = Callable[[Sequence[Postmortem], Handbook, Callable[[str], "str | None"]], str]


@dataclass(frozen=True)
class PagePlan:
    kind: str
    src_uri: str
    title: str
    key: str | None = None  # the severity level or service name the page is about


def is_overdue(action: ActionItem, today: date) -> bool:
    """Still to do and past its deadline; `wont-do` and `done` never are."""
    return action.status in OPEN_STATUSES and action.due is not None and action.due < today


class GeneratedPages:
    def __init__(
        self,
        handbook: Handbook,
        *,
        folder: str,
        paths: dict[str, str],
        titles: dict[str, str] | None,
        labels: dict[str, Any],
        env: jinja2.Environment,
        slugify_heading: HeadingSlugifier | None = None,
        trend_charts: TrendCharts | None = None,
        memo: RenderMemo | None = None,
        reuse_bodies: bool = False,
        deadline_days: dict[str, int] | None = None,
    ) -> None:
        """`deadline_days` is the follow-up target per severity (P1 items due within
        30 days of the incident, say). `paths` are the plugin's `pages` options (overview, severity, services,
        families, actions), relative to the postmortem `folder`; `titles` may
        replace the labels' page titles by the same keys. `env` must autoescape
        (see RenderMemo.page_env); `memo` keeps results across serve rebuilds,
        page bodies too with `reuse_bodies`."""
        self.handbook = handbook
        self.labels = labels
        self.env = env if env.autoescape is True else env.overlay(autoescape=True)
        self.memo = memo or RenderMemo()
        self.reuse_bodies = reuse_bodies
        self.slugify_heading = slugify_heading
        self.trend_charts = trend_charts
        self.today = handbook.settings.build_date
        self.deadline_days = dict(deadline_days or {})
        self.site_files: Files | None = None  # set by add_files
        # Where postmortems.json sits in the built site (`generate` writes it into its own folder).
        self.json_path = "postmortems.json"
        titles = titles or {}
        base = folder.strip("/")

        def under(path: str, page: bool = True) -> str:
            joined = posixpath.normpath(posixpath.join(base, path.strip("/")))
            if joined.startswith("..") or joined in (".", ""):
                raise PluginError(
                    f"postmortem: pages option {path!r} leaves the docs folder; "
                    "give a path inside it, e.g. actions.md"
                )
            if page and not joined.endswith(".md"):
                joined += ".md"  # a page MkDocs renders, not a static file
            return joined

        self.plans: dict[str, PagePlan] = {}
        self.severity_uri: dict[str, str] = {}
        self.service_uri: dict[str, str] = {}

        def plan(kind: str, src_uri: str, title: str, key: str | None = None) -> str:
            self.plans[src_uri] = PagePlan(kind, src_uri, title, key)
            return src_uri

        self.overview_uri = plan(
            OVERVIEW, under(paths["overview"]), titles.get("overview", labels["overview"])
        )
        severity_dir = under(paths["severity"], page=False)
        levels = list(handbook.settings.severities)
        if handbook.unknown_severity:  # its own group, last: an honest "we do not know"
            levels.append(UNKNOWN_SEVERITY)
        for level, slug in unique_slugs(levels, reserved={"index"}).items():
            self.severity_uri[level] = plan(
                SEVERITY,
                f"{severity_dir}/{slug}.md",
                labels["severity_unknown_page"] if level == UNKNOWN_SEVERITY
                else labels["severity_page"].format(level=level),
                level,
            )
        self.severity_uri = {level: self.severity_uri[level] for level in levels}
        services_dir = under(paths["services"], page=False)
        self.services_uri = plan(
            SERVICES, f"{services_dir}/index.md", titles.get("services", labels["services_page"])
        )
        for name, slug in unique_slugs(handbook.by_service, reserved={"index"}).items():
            self.service_uri[name] = plan(
                SERVICE, f"{services_dir}/{slug}.md", labels["service_page"].format(name=name), name
            )
        self.families_uri = plan(
            FAMILIES, under(paths["families"]), titles.get("families", labels["families"])
        )
        self.actions_uri = plan(ACTIONS, under(paths["actions"]), titles.get("actions", labels["actions"]))

    @classmethod
    def for_site(
        cls,
        handbook: Handbook,
        options,
        config,
        trend_charts: TrendCharts | None = None,
        memo: RenderMemo | None = None,
        reuse_bodies: bool = False,
    ) -> GeneratedPages:
        """From the plugin's options and the MkDocs config of this build."""
        pages = options["pages"]
        memo = memo or RenderMemo()
        return cls(
            handbook,
            folder=options["folder"],
            paths={key: pages[key] for key in ("overview", "severity", "services", "families", "actions")},
            titles=dict(pages["titles"]),
            labels=labels_for(theme_language(config.theme)),
            env=memo.page_env(config.theme.get_env, config.theme.dirs, config.theme.locale),
            slugify_heading=heading_slugifier(config.mdx_configs),
            trend_charts=trend_charts,
            memo=memo,
            reuse_bodies=reuse_bodies,
            deadline_days=dict(options["action_deadline_days"]),
        )

    # --- files ---------------------------------------------------------------

    def add_files(self, files: Files, config) -> None:
        """Add the virtual pages to the site's files.

        With an explicit `nav` they stay out of it unless the site lists them
        (MkDocs would otherwise report each as "not included in the nav").
        """
        self.site_files = files
        made, kept = self.files(config, files)
        for file in made:
            if config.nav is not None:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
        for src_uri in kept:
            log.info(
                f"postmortem: {src_uri} is a page of the site, so it is kept and not generated; "
                "set the plugin's `pages` options to generate it elsewhere"
            )

    def url_of(self, src_uri: str) -> str | None:
        """A page's URL relative to the site root (for postmortems.json)."""
        # src_uris, not get_file_from_path: that one normalises the path through pathlib on every call.
        file = self.site_files.src_uris.get(src_uri) if self.site_files else None
        return file.url if file is not None else None

    def get(self, src_uri: str) -> PagePlan | None:
        return self.plans.get(src_uri)

    def files(self, config, existing: Files) -> tuple[list[File], list[str]]:
        """Virtual files for every planned page, and the paths left to the site.

        A page the site already has (its own `postmortems/index.md`, say) is
        the site's: it is not replaced, and the caller says so.
        """
        made, kept = [], []
        for src_uri in self.plans:
            if existing.get_file_from_path(src_uri) is not None:
                kept.append(src_uri)
                continue
            # The Markdown is empty on purpose: the body is rendered from a
            # template when the page is rendered (see `render`).
            made.append(GeneratedPageFile.generated(config, src_uri, content=""))
        for src_uri in kept:
            del self.plans[src_uri]
        return made, kept

    # --- rendering -------------------------------------------------------------

    def render(self, src_uri: str, here: File, files: Files) -> str:
        plan = self.plans[src_uri]
        links = _Links(here, files)
        context = {
            "t": self.labels,
            "page_title": plan.title,
            "kind": plan.kind,
            "nav": self._nav_links(links),
            "today": self.today.isoformat(),
            "count_text": self._count_text,
        }
        context.update(getattr(self, f"_context_{plan.kind}")(plan, links))
        template = TEMPLATE_OF[plan.kind]
        if not self.reuse_bodies:
            return self.env.get_template(template).render(context)
        # Serve: a page whose data and templates are those of the last build is not rendered again.
        data = json.dumps(context, sort_keys=True, ensure_ascii=False, default=_as_key_text)
        key = ("page html", src_uri, here.url, self._templates_stamp, hashlib.sha256(data.encode("utf-8")).hexdigest())
        return self.memo.get(key, lambda: self.env.get_template(template).render(context))

    def render_page(self, page, files: Files) -> str:
        """The body of a generated page; also gives it a table of contents.

        Its Markdown is empty, so MkDocs found no headings: the theme's
        "on this page" sidebar and search sections need them from the HTML.
        """
        html = self.render(page.file.src_uri, page.file, files)
        page.toc = get_toc(_toc_tokens(html))
        return html

    def related_box(self, pm: Postmortem, here: File, files: Files) -> str:
        """The "Related incidents" box for one postmortem's page ("" when it has no family).

        A family can be large (a recurring cause links dozens of incidents);
        the box lists the directly linked ones first and stops at
        RELATED_BOX_LIMIT, so every member page stays small and the build
        linear. The families page has the full list.
        """
        others = self.handbook.family_of.get(pm.src_uri)
        if not others:
            return ""
        direct = self._direct_links.get(pm.id, set())
        ordered = sorted(others, key=lambda other: other.id not in direct)  # stable: newest first inside
        shown = ordered[:RELATED_BOX_LIMIT]
        links = _Links(here, files)
        number = self._family_number[pm.src_uri]
        return self.env.get_template(RELATED_BOX).render(
            t=self.labels,
            incidents=[self._incident_row(other, links) for other in shown],
            more=len(others) - len(shown),
            families_url=links.to(self.families_uri, f"family-{number}"),
        )

    def header(self, pm: Postmortem, here: File, files: Files, language: str) -> str:
        """The header of one postmortem's page, from its model: chips, when and how long,
        services, people, its open actions and the way back, in the postmortem's language."""
        links = _Links(here, files)
        labels = labels_for(language)
        tz = zone(pm.timezone)
        started = None
        if pm.started is not None:
            local = pm.started.astimezone(tz) if tz is not None else pm.started
            started = {"iso": pm.started.isoformat(), "text": local_text(local)}
        still_open = [action for action in pm.actions if action.status in OPEN_STATUSES]
        tracker = links.to(self.actions_uri)
        status = pm.status or "unknown"
        return self.env.get_template(HEADER).render(
            t=labels,
            id=pm.id,
            severity={"name": pm.severity, "url": links.to(self.severity_uri[pm.severity]) if pm.severity in self.severity_uri else None}
            if pm.severity
            else None,
            status={"key": status, "label": labels["document_status"].get(status, status)},
            services=[
                {"name": name, "url": links.to(self.service_uri[name]) if name in self.service_uri else None}
                for name in dict.fromkeys(pm.services)
            ],
            started=started,
            duration=format_minutes(minutes_between(pm.started, pm.resolved), labels) if pm.resolved else "",
            authors=pm.authors,
            reviewers=pm.reviewers,
            actions={
                "open": len(still_open),
                "overdue": sum(1 for action in still_open if is_overdue(action, self.today)),
                # The tracker shows this incident's items only (its script reads the query).
                "url": f"{tracker}?incident={quote(pm.id, safe='')}" if tracker else None,
            },
            overview_url=links.to(self.overview_uri),
        )

    def note_unchanged(self, file: File, body_html: str) -> None:
        """On a `serve --dirty` rebuild, a generated page whose body is the same
        as the last build's is left as written: after one edit, most of them are.

        The body holds keys of everything held back (content hashes), so a
        changed row or chart changes it too. Like every page MkDocs leaves
        alone on a dirty build, its navigation may be out of date.
        """
        digest = hashlib.sha256(body_html.encode("utf-8")).hexdigest()
        previous = self.memo.put(("page body", file.src_uri, file.dest_uri), digest)
        if isinstance(file, GeneratedPageFile):
            file.unchanged = previous == digest

    def title_html(self, src_uri: str) -> str:
        """The page title as MkDocs and themes print it: they do not escape it."""
        return escape(self.plans[src_uri].title, quote=True)

    # --- what each page shows ----------------------------------------------------

    def _context_overview(self, plan: PagePlan, links: _Links) -> dict:
        counts = self.handbook.counts
        severity_rows = [
            {"name": level, "count": counts["severity"].get(level, 0), "url": links.to(uri)}
            for level, uri in self.severity_uri.items()
            if level != UNKNOWN_SEVERITY
        ]
        if self.handbook.unknown_severity:
            severity_rows.append(
                {
                    "name": self.labels["unknown"],
                    "count": len(self.handbook.unknown_severity),
                    "url": links.to(self.severity_uri[UNKNOWN_SEVERITY]),
                }
            )
        status_names = self.labels["document_status"]
        status_order = [*status_names, *sorted(set(counts["status"]) - set(status_names))]
        status_rows = [
            {"key": status, "name": status_names.get(status, status), "count": counts["status"][status]}
            for status in status_order
            if counts["status"].get(status)
        ]
        grid = Counter((pm.severity or "unknown", pm.status or "unknown") for pm in self.handbook.postmortems)
        for row in severity_rows:
            key = row["name"] if row["url"] is not None else "unknown"
            row["by_status"] = [{"key": status["key"], "count": grid.get((key, status["key"]), 0)} for status in status_rows]
        return {
            "total": len(self.handbook.postmortems),
            "glance": self._glance(links),
            "severity_counts": severity_rows,
            "status_counts": status_rows,
            "drafts": [self._incident_row(pm, links) for pm in self._drafts],
            "late": [
                {**self._incident_row(pm, links), "code": d.code, "message": d.message}
                for pm, d in self._late
            ],
            "overdue": [self._action_row(pm, action, links) for pm, action in self._overdue],
            "actions_url": links.to(self.actions_uri),
            "recent": [
                self._incident_row(pm, links)
                for pm in self.handbook.postmortems[:RECENT_INCIDENTS]
            ],
            "charts": self._charts(self.handbook.postmortems),
            "json_url": links.to_output(self.json_path),
            "archived": len(self.handbook.archived),
            "enforce_from": _iso_day(self.handbook.settings.enforce_from),
        }

    def _glance(self, links: _Links) -> dict:
        """The overview's first screen: the last GLANCE_DAYS days against the ones
        before (by the build date, so a rebuild of the same inputs shows the same),
        medians of TTD and TTR over the same windows, and what needs doing."""
        current_from = self.today - timedelta(days=GLANCE_DAYS - 1)
        previous_from = current_from - timedelta(days=GLANCE_DAYS)
        now = [pm for pm in self.handbook.postmortems if pm.date and current_from <= pm.date <= self.today]
        before = [pm for pm in self.handbook.postmortems if pm.date and previous_from <= pm.date < current_from]
        by_level = Counter(pm.severity for pm in now)
        by_level_before = Counter(pm.severity for pm in before)
        # Drafts count as incidents, but their durations may still change: medians leave them out.
        medians_now = self.handbook.aggregates_of(pm for pm in now if not pm.is_draft)
        medians_before = self.handbook.aggregates_of(pm for pm in before if not pm.is_draft)

        def median(name: str) -> dict:
            value, earlier = medians_now[name].median, medians_before[name].median
            direction = ""
            if value is not None and earlier is not None:
                direction = "same" if round(value) == round(earlier) else ("down" if value < earlier else "up")
            return {
                "minutes": value,
                "text": self._duration(value),
                "before_minutes": earlier,
                "before": self._duration(earlier),
                "direction": direction,
                "count": medians_now[name].count,
            }

        open_items = [(pm, action) for pm, action in self.handbook.actions if action.status in OPEN_STATUSES]
        return {
            "days": GLANCE_DAYS,
            "from": current_from.isoformat(),
            "to": self.today.isoformat(),
            "previous_from": previous_from.isoformat(),
            "previous_to": (current_from - timedelta(days=1)).isoformat(),
            "incidents": len(now),
            "incidents_before": len(before),
            "by_severity": [
                {"name": level, "count": by_level.get(level, 0), "before": by_level_before.get(level, 0), "url": links.to(uri)}
                for level, uri in self.severity_uri.items()
                if by_level.get(level) or by_level_before.get(level)
            ],
            "ttd": median("ttd"),
            "ttr": median("ttr"),
            "open_actions": len(open_items),
            "overdue_actions": sum(1 for _, action in open_items if is_overdue(action, self.today)),
            "late": len({pm.src_uri for pm, _ in self._late}),
            "drafts": len(self._drafts),
        }

    def _context_severity(self, plan: PagePlan, links: _Links) -> dict:
        if plan.key == UNKNOWN_SEVERITY:
            incidents = self.handbook.unknown_severity
        else:
            incidents = self.handbook.by_severity.get(plan.key, [])
        return {
            "level": plan.key,
            "incidents": [self._incident_row(pm, links) for pm in incidents],
            "summary": self._summary(incidents),
            "charts": self._charts(incidents),
        }

    def _context_service(self, plan: PagePlan, links: _Links) -> dict:
        incidents = self.handbook.by_service.get(plan.key, [])
        return {
            "service": plan.key,
            "incidents": [self._incident_row(pm, links) for pm in incidents],
            "summary": self._summary(incidents),
            "charts": self._charts(incidents),
            "services_url": links.to(self.services_uri),
            "open_actions": [
                self._action_row(pm, action, links)
                for pm, action in sorted(
                    ((pm, action) for pm in incidents for action in pm.actions if action.status in OPEN_STATUSES),
                    key=lambda row: (not is_overdue(row[1], self.today), row[1].due or date.max, row[0].id, row[1].line),
                )
            ],
            "actions_url": links.to(self.actions_uri),
        }

    def _context_services(self, plan: PagePlan, links: _Links) -> dict:
        rows = []
        for name, incidents in self.handbook.by_service.items():
            ttr = self.handbook.aggregates_of(incidents)["ttr"]
            latest = incidents[0].date
            rows.append(
                {
                    "name": name,
                    "url": links.to(self.service_uri[name]),
                    "count": len(incidents),
                    "median_ttr": self._duration(ttr.median),
                    "median_ttr_minutes": ttr.median,
                    "latest": latest.isoformat() if latest else "",
                }
            )
        return {"services": rows}

    def _context_families(self, plan: PagePlan, links: _Links) -> dict:
        return {
            "families": [
                {
                    "number": number,
                    "anchor": f"family-{number}",
                    "title": self.labels["family_title"].format(number=number, count=len(members)),
                    "incidents": [self._incident_row(pm, links) for pm in members],
                }
                for number, members in enumerate(self.handbook.families, start=1)
            ]
        }

    def _context_actions(self, plan: PagePlan, links: _Links) -> dict:
        still_open, closed = [], []
        for pm, action in self.handbook.actions:
            (still_open if action.status in OPEN_STATUSES else closed).append((pm, action))
        # Overdue first, then by deadline; done and dropped items newest incident first.
        still_open.sort(key=lambda row: (not is_overdue(row[1], self.today), row[1].due is None, row[1].due or date.max, row[0].id, row[1].line))
        open_rows = [self._action_row(pm, action, links) for pm, action in still_open]
        closed_rows = [self._action_row(pm, action, links) for pm, action in closed]
        every = open_rows + closed_rows
        owners = unique_slugs({row["owner"] for row in every if row["owner"]})
        for row in every:
            row["owner_anchor"] = f"owner-{owners[row['owner']]}" if row["owner"] else ""
        return {
            "items": open_rows,
            "closed_items": closed_rows,
            "open_count": len(open_rows),
            "overdue_count": sum(1 for row in open_rows if row["overdue"]),
            "over_target_count": sum(1 for row in open_rows if row["over_target"]),
            "show_priority": any(row["priority"] for row in every),
            "show_target": bool(self.deadline_days),
            "owners": [{"name": name, "anchor": f"owner-{slug}"} for name, slug in sorted(owners.items(), key=lambda item: item[0].casefold())],
            "services": sorted({name for row in every for name in row["service_names"]}, key=str.casefold),
            "statuses": [
                {"key": key, "label": self.labels["action_status"].get(key, key)}
                for key in self.labels["action_status"]
                if any(row["status"] == key for row in every)
            ],
            "script_url": links.to_output(TRACKER_JS),
        }

    # --- rows ----------------------------------------------------------------

    def _incident_row(self, pm: Postmortem, links: _Links) -> dict:
        ttr = self.handbook.metrics[pm.src_uri].ttr
        status = pm.status or "unknown"
        return {
            "id": pm.id,
            "title": pm.display_title,
            "url": links.to(pm.src_uri),
            "date": pm.date.isoformat() if pm.date else "",
            "severity": pm.severity or self.labels["unknown"],
            "severity_url": links.to(self.severity_uri[pm.severity]) if pm.severity in self.severity_uri else None,
            "status": status,
            "status_label": self.labels["document_status"].get(status, status),
            "services": [
                {"name": name, "url": links.to(self.service_uri[name])}
                for name in dict.fromkeys(pm.services)
                if name in self.service_uri
            ],
            "ttr": self._duration(ttr),
            "ttr_minutes": ttr,
        }

    def _action_row(self, pm: Postmortem, action: ActionItem, links: _Links) -> dict:
        late = is_overdue(action, self.today)
        index = pm.actions.index(action) + 1
        anchor = action_anchor(index) if has_anchor(pm, index) else self._anchor_of(pm, action.line)
        target = self._target_of(pm)
        return {
            "target": target.isoformat() if target else "",
            "over_target": self._over_target(action, target),
            "service_names": list(dict.fromkeys(pm.services)),
            "services": [
                {"name": name, "url": links.to(self.service_uri[name]) if name in self.service_uri else None}
                for name in dict.fromkeys(pm.services)
            ],
            "severity": pm.severity or "",
            "sort_due": action.due.isoformat() if action.due else "9999-12-31",
            "text": action.text,
            "owner": action.owner,
            "due": action.due.isoformat() if action.due else (action.due_raw or ""),
            "status": action.status,
            "status_label": self.labels["action_status"].get(action.status, action.status),
            "priority": action.priority or "",
            "overdue": late,
            "days_late": (self.today - action.due).days if late else 0,
            "postmortem": pm.display_title,
            "postmortem_id": pm.id,
            "url": links.to(pm.src_uri, anchor),
            "line": action.line,
        }

    def _target_of(self, pm: Postmortem) -> date | None:
        """The day this incident's follow-ups should be done by, when its severity has a target."""
        days = self.deadline_days.get(pm.severity or "")
        if days is None or pm.date is None:
            return None
        return pm.date + timedelta(days=days)

    def _over_target(self, action: ActionItem, target: date | None) -> bool:
        """Still to do and planned (or, without a date, already) past the severity's target."""
        if target is None or action.status not in OPEN_STATUSES:
            return False
        return (action.due or self.today) > target

    # --- computed once per build ------------------------------------------------

    @cached_property
    def _templates_stamp(self) -> tuple:
        """Path and modification time of every page template the theme folders hold."""
        stamp = []
        for folder in getattr(self.env.loader, "searchpath", []):
            for root, _, names in os.walk(os.path.join(folder, "postmortem")):
                for name in sorted(names):
                    path = os.path.join(root, name)
                    stamp.append((path, os.path.getmtime(path)))
        return tuple(sorted(stamp))

    @cached_property
    def _drafts(self) -> list[Postmortem]:
        return [pm for pm in self.handbook.postmortems if pm.is_draft]

    @cached_property
    def _late(self) -> list[tuple[Postmortem, Any]]:
        # From the incidents themselves, not from diagnostics: a site that switches PM501 off,
        # or a file that ignores it, is still late, and the overview says so.
        found = ((pm, lateness(pm, self.handbook.settings)) for pm in self.handbook.postmortems)
        return sorted(((pm, late) for pm, late in found if late is not None), key=lambda row: (row[0].path, row[1].code))

    @cached_property
    def _overdue(self) -> list[tuple[Postmortem, ActionItem]]:
        late = [(pm, action) for pm, action in self.handbook.actions if is_overdue(action, self.today)]
        return sorted(late, key=lambda row: (row[1].due, row[0].id, row[1].line))

    @cached_property
    def _direct_links(self) -> dict[str, set[str]]:
        """id -> ids it names in `related` or that name it."""
        result: dict[str, set[str]] = {}
        for pm in self.handbook.postmortems:
            for other in pm.related:
                result.setdefault(pm.id, set()).add(other)
                result.setdefault(other, set()).add(pm.id)
        return result

    @cached_property
    def _family_number(self) -> dict[str, int]:
        return {
            pm.src_uri: number
            for number, members in enumerate(self.handbook.families, start=1)
            for pm in members
        }

    # --- helpers ---------------------------------------------------------------

    def _anchor_of(self, pm: Postmortem, line: int) -> str | None:
        """The id MkDocs gives the heading of the section holding `line`, if it can be known."""
        if self.slugify_heading is None or not pm.sections:
            return None
        # Keyed by the model itself: a serve rebuild keeps the models of unchanged files.
        anchors = self.memo.get(
            ("anchors", id(pm), self.slugify_heading.key), lambda: (pm, _heading_ids(pm, self.slugify_heading))
        )[1]
        inside = [(start, anchor) for start, end, anchor in anchors if start <= line <= end]
        return max(inside)[1] if inside else None

    def _nav_links(self, links: _Links) -> dict:
        return {
            "overview": links.to(self.overview_uri),
            "services": links.to(self.services_uri),
            "families": links.to(self.families_uri),
            "actions": links.to(self.actions_uri),
            "severities": [
                {"name": self.labels["unknown"] if level == UNKNOWN_SEVERITY else level, "url": links.to(uri)}
                for level, uri in self.severity_uri.items()
            ],
        }

    def _summary(self, incidents: Sequence[Postmortem]) -> dict:
        aggregates = self.handbook.aggregates_of(incidents)
        return {
            name: {
                "count": value.count,
                "median": self._duration(value.median),
                "p90": self._duration(value.p90),
            }
            for name, value in aggregates.items()
        }

    def _charts(self, incidents: Sequence[Postmortem]) -> Markup:
        if self.trend_charts is None or not incidents:
            return Markup("")
        # The chart module escapes what it embeds (design section 9).
        return Markup(self.trend_charts(incidents, self.handbook, self.url_of))

    def _count_text(self, count: int) -> str:
        """`1 incident`, `3 incidents`."""
        key = "one_incident" if count == 1 else "total_incidents"
        return self.labels[key].format(count=count)

    def _duration(self, minutes: float | None) -> str:
        return format_minutes(minutes, self.labels)


class GeneratedPageFile(File):
    """The virtual file of a generated page."""

    unchanged = False  # set on a dirty rebuild when its body is the last build's

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


def _as_key_text(value: Any) -> str:
    """What a page context holds besides JSON data (helpers, dates), as key text."""
    if callable(value):
        return getattr(value, "__qualname__", repr(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_NOT_LOOKED_UP = object()


class _Links:
    """URLs from the page being rendered to other files of the site."""

    def __init__(self, here: File, files: Files) -> None:
        self.here = here
        self.files = files
        self._urls: dict[str, str | None] = {}  # a listing links the same service or level on many rows

    def to(self, src_uri: str, anchor: str | None = None) -> str | None:
        url = self._urls.get(src_uri, _NOT_LOOKED_UP)
        if url is _NOT_LOOKED_UP:
            target = self.files.src_uris.get(src_uri)
            url = self._urls[src_uri] = target.url_relative_to(self.here) if target is not None else None
        if url is None:
            return None
        return f"{url}#{anchor}" if anchor else url

    def to_output(self, path: str) -> str:
        """A file written into the built site, outside MkDocs' file list."""
        return get_relative_url(path, self.here.url)


_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _toc_tokens(html: str) -> list[dict]:
    tokens: list[dict] = []
    for level, attributes, inner in _HEADING.findall(html):
        found = _ID.search(attributes)
        if level not in ("2", "3") or not found:  # the pages' own h2/h3 headings
            continue
        # The text stays as the template escaped it: themes print toc names as HTML.
        name = " ".join(_TAG.sub("", inner).split())
        token = {"level": int(level), "id": unescape(found.group(1) or found.group(2)), "name": name, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


_MARKUP = re.compile(r"[*`]|\{[^}]*\}\s*$")


def _heading_ids(pm: Postmortem, slugify_heading: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """(first line, last line, id) of each heading, numbered as Python-Markdown's toc does."""
    seen: dict[str, int] = {}
    result = []
    for section in pm.sections:
        base = slugify_heading(_MARKUP.sub("", section.title).strip())
        if not base:
            continue
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.append((section.line, section.end_line, base if count == 0 else f"{base}_{count}"))
    return result


@dataclass(frozen=True)
class HeadingSlugifier:
    """The heading-id function the site's Markdown uses; `key` tells two configurations apart."""

    function: Callable[[str, str], str]
    separator: str

    @property
    def key(self) -> tuple:
        return (self.function, self.separator)

    def __call__(self, text: str) -> str:
        return self.function(text, self.separator)


def heading_slugifier(mdx_configs: dict) -> HeadingSlugifier:
    """The heading-id function of the site's toc extension (`slugify` and `separator`)."""
    toc = mdx_configs.get("toc") or {}
    return HeadingSlugifier(toc.get("slugify") or default_slugify, toc.get("separator", "-"))


def _iso_day(day) -> str | None:
    return day.isoformat() if day is not None else None
