"""A seeded generator of synthetic postmortems for the benchmark.

    python benchmarks/corpus.py --count 1000 --out /tmp/corpus/docs/postmortems

Every file is a complete, valid postmortem written in one of the five seed
structures (see ../shared/seeds/README.md), one Markdown template each in
`templates/`: the French emoji template, the French "Résumé exécutif / Plan
d'action" template, the specification style with YAML front matter and a
fenced 5 Whys (in either language), the English "Incident Overview / Action
Items" template and the English "Incident Details" template with checklists.
The stories and stock phrases are data, in `corpus.yaml`. This module draws
the facts (dates, people, services, links) from a seed: the same seed gives
the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent
# libyaml when present: the tests import this module through tests/conftest.py.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA = yaml.load((HERE / "corpus.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
FORMATS = ("fr-emoji", "fr-executive", "spec", "en-overview", "en-details")
FIRST_DAY, LAST_DAY = date(2023, 1, 2), date(2026, 10, 30)


@dataclass
class Action:
    text: str
    owner: str
    due: date
    status: str  # open, in-progress, done
    priority: str  # high, medium, low
    term: int  # 0 immediate, 1 short term, 2 long term


@dataclass
class Incident:
    """The facts of one incident; `text` and `words` are its story and stock phrases, filled in."""

    id: str
    format: str
    language: str
    scenario: dict
    text: dict
    words: dict
    severity: str
    status: str
    services: list[str]
    zone: str
    started: datetime
    detected: datetime
    acknowledged: datetime
    mitigated: datetime
    resolved: datetime
    published: date
    authors: list[str]
    reviewers: list[str]
    commander: str
    users: int
    error_rate: int
    detection: int  # index into the language's detection methods
    investigation_times: list[datetime]
    actions: list[Action] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.zone))

    def hhmm(self, moment: datetime) -> str:
        return self.local(moment).strftime("%H:%M")

    def day(self, moment: datetime) -> str:
        return self.local(moment).strftime("%Y-%m-%d")

    def stamp(self, moment: datetime) -> str:
        return self.local(moment).strftime("%Y-%m-%d %H:%M")

    def minutes(self, start: datetime, end: datetime) -> int:
        return round((end - start).total_seconds() / 60)

    @property
    def duration(self) -> int:
        return self.minutes(self.started, self.resolved)

    @property
    def utc_offset_label(self) -> str:
        """`UTC`, `UTC+1`, `UTC-5`: the zone as a timeline header states it."""
        hours = int((self.local(self.started).utcoffset() or timedelta(0)).total_seconds() // 3600)
        return "UTC" if hours == 0 else f"UTC{hours:+d}"

    @property
    def timeline(self) -> list[tuple[datetime, str]]:
        """Rows in time order, from the first symptom to the resolution."""
        rows = [
            (self.started, self.text["symptom"]),
            (self.detected, self.words["detection"][self.detection]["event"]),
            (self.acknowledged, self.words["acknowledged"]),
            *zip(self.investigation_times, self.text["investigation"]),
        ]
        return rows + [(self.mitigated, self.text["mitigation"]), (self.resolved, self.words["resolved"])]

    @property
    def log_lines(self) -> list[str]:
        stamps = (self.started, self.detected + timedelta(minutes=1), self.mitigated)
        return [f"[{moment:%Y-%m-%dT%H:%M:%SZ}] {line}" for moment, line in zip(stamps, self.text["logs"])]

    def pick(self, pool: list[str], count: int) -> list[str]:
        # Chosen from the id so that the text does not depend on generation order.
        start = sum(map(ord, self.id)) % len(pool)
        return [pool[(start + step) % len(pool)] for step in range(count)]


# --- the incidents -------------------------------------------------------------


def generate(count: int, seed: int = 1) -> list[Incident]:
    """`count` incidents, oldest first, with related links to earlier ones."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    incidents: list[Incident] = []
    taken: set[str] = set()
    by_service: dict[str, list[str]] = {}
    for number, day in enumerate(days):
        incident = _incident(rng, day, number, taken)
        incident.related = _related(rng, incident, by_service, incidents)
        for service in incident.services:
            by_service.setdefault(service, []).append(incident.id)
        incidents.append(incident)
    return incidents


def _filled(value, **names):
    """The story with `{service}` and `{other}` filled in, all the way down."""
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [_filled(item, **names) for item in value]
    return {key: _filled(item, **names) for key, item in value.items()}


def _incident(rng: random.Random, day: date, number: int, taken: set[str]) -> Incident:
    services_pool = DATA["services"]
    form = FORMATS[number % len(FORMATS)] if number < len(FORMATS) else rng.choice(FORMATS)
    language = "fr" if form.startswith("fr") else "en" if form.startswith("en") else rng.choice(("fr", "en"))
    zone = "UTC" if form == "spec" else rng.choice(DATA["zones"][language])
    scenario = rng.choice(DATA["scenarios"])
    services = rng.sample(services_pool, rng.choice((1, 1, 2, 2, 3)))
    other = rng.choice([s for s in services_pool if s not in services])
    weights = DATA["severity_weights"]
    severity = rng.choices(list(weights), weights=list(weights.values()))[0]

    # Local start between 06:00 and 18:59 and at most about five hours long: the
    # incident stays within one local day and clear of daylight-saving changes.
    start_local = datetime(day.year, day.month, day.day, rng.randint(6, 18), rng.randrange(60), tzinfo=ZoneInfo(zone))
    started = start_local.astimezone(timezone.utc)
    detected = started + timedelta(minutes=rng.randint(2, 30))
    acknowledged = detected + timedelta(minutes=rng.randint(1, 12))
    mitigated = acknowledged + timedelta(minutes=rng.randint(12, 150))
    resolved = mitigated + timedelta(minutes=rng.randint(5, 90))
    window = int((mitigated - acknowledged).total_seconds() // 60)
    investigation = sorted(rng.sample(range(1, window), 3))

    late_limit = 4 if severity in ("P1", "P2") else 20
    published = resolved.astimezone(ZoneInfo(zone)).date() + timedelta(days=rng.randint(1, late_limit))
    people = rng.sample(DATA["people"], 4)
    slug = f"{day.isoformat()}-{services[0]}-{scenario['slug']}"
    identifier, suffix = slug, 2
    while identifier in taken:
        identifier, suffix = f"{slug}-{suffix}", suffix + 1
    taken.add(identifier)

    names = {"service": services[0], "other": other}
    incident = Incident(
        id=identifier,
        format=form,
        language=language,
        scenario=scenario,
        text=_filled({**scenario[language], "logs": scenario["logs"]}, **names),
        words=_filled(DATA["words"][language], **names),
        severity=severity,
        status=rng.choices(("closed", "approved", "in-review"), weights=(5, 3, 2))[0],
        services=services,
        zone=zone,
        started=started,
        detected=detected,
        acknowledged=acknowledged,
        mitigated=mitigated,
        resolved=resolved,
        published=published,
        authors=people[:1],
        reviewers=people[1:3],
        commander=people[3],
        users=rng.choice((120, 450, 1300, 4800, 12000, 56000)) + rng.randrange(100),
        error_rate=rng.randint(3, 60),
        detection=rng.randrange(4),
        investigation_times=[acknowledged + timedelta(minutes=m) for m in investigation],
    )
    incident.actions = _actions(rng, incident)
    return incident


def _actions(rng: random.Random, incident: Incident) -> list[Action]:
    """Six actions: the two immediate ones are done by now, the others are due in 2027."""
    owners = [*DATA["people"], *DATA["teams"]]
    actions = []
    for index, text in enumerate(incident.text["actions"]):
        term = index // 2
        if term == 0:
            status, due = "done", incident.resolved.date() + timedelta(days=rng.randint(1, 7))
        else:
            status = rng.choice(("open", "open", "in-progress"))
            due = date(2027, rng.randint(1, 12), rng.randint(1, 28))
        actions.append(Action(text, rng.choice(owners), due, status, ("high", "medium", "low")[term], term))
    return actions


def _related(rng, incident: Incident, by_service: dict[str, list[str]], earlier: list[Incident]) -> list[str]:
    """About a third of incidents link one or two earlier ones, mostly on the same service."""
    if not earlier or rng.random() > 0.33:
        return []
    pool = by_service.get(incident.services[0], [])[-40:] or [e.id for e in earlier[-40:]]
    return sorted(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2)))))


# --- writing ---------------------------------------------------------------------


def _head(*cells: str) -> str:
    """A Markdown table's header and separator lines."""
    return "| " + " | ".join(cells) + " |\n|" + "|".join("-" * (len(cell) + 2) for cell in cells) + "|"


def _row(*cells) -> str:
    return "| " + " | ".join(map(str, cells)) + " |"


TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
TEMPLATES.globals.update(head=_head, row=_row)
TEMPLATES.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)


def render(incident: Incident) -> str:
    """The file's text: front matter, then the body in the incident's seed structure."""
    context = {"pm": incident, "t": incident.text, "w": incident.words}
    front = TEMPLATES.get_template("front-matter.yml.j2").render(context)
    body = TEMPLATES.get_template(f"{incident.format}.md.j2").render(context)
    return front + "\n" + body.strip() + "\n"


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` postmortems into `folder` (emptied of earlier .md files first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    paths = []
    for incident in generate(count, seed):
        path = folder / f"{incident.id}.md"
        path.write_text(render(incident), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N synthetic postmortems for the benchmark.")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the .md files into")
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.count, args.seed)
    sizes = sorted(path.stat().st_size for path in paths)
    print(f"{len(paths)} postmortems in {args.out} ({sizes[0]}-{sizes[-1]} bytes, median {sizes[len(sizes) // 2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
