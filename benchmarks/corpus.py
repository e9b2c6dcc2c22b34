"""A seeded generator of synthetic postmortems for the benchmark.

    python benchmarks/corpus.py --count 1000 --out /tmp/corpus/docs/postmortems

Every file is a complete, valid postmortem written in one of the five seed
structures (see ../shared/seeds/README.md): the French emoji template, the
French "Résumé exécutif / Plan d'action" template, the specification style
with YAML front matter and a fenced 5 Whys, the English "Incident Overview /
Action Items" template and the English "Incident Details" template with
checklists. The stories come from `scenarios.py`. The same seed gives the same
files, byte for byte.
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

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scenarios import SCENARIOS, Scenario, Text

SERVICES = (
    "api-gateway", "checkout", "payments", "search", "auth", "billing", "notifications",
    "storage", "edge-dns", "cdn", "orders", "inventory", "reporting", "messaging", "identity",
)  # fmt: skip

PEOPLE = (
    "Amélie Roux", "Kenji Sato", "Priya Nair", "Lucas Martin", "Sofia Costa", "Omar Haddad",
    "Chloé Bernard", "Daniel Okafor", "Ingrid Larsen", "Mateo García", "Yasmine Benali",
    "Hugo Lefèvre", "Mei Chen", "Jonas Weber", "Aïcha Diallo", "Tomás Silva",
)  # fmt: skip

TEAMS = ("@sre-team", "@platform-team", "@data-team", "@security-team")

FORMATS = ("fr-emoji", "fr-executive", "spec", "en-overview", "en-details")

# Where incidents happen, by the language their team writes in.
ZONES = {
    "fr": ("Europe/Paris", "Europe/Paris", "Europe/Paris", "UTC"),
    "en": ("UTC", "America/New_York", "Europe/London", "Asia/Tokyo"),
}

SEVERITY_WEIGHTS = {"P1": 1, "P2": 3, "P3": 4, "P4": 2}

FIRST_DAY = date(2023, 1, 2)
LAST_DAY = date(2026, 10, 30)


@dataclass
class Action:
    text: str
    owner: str
    due: date | None
    status: str  # open, in-progress, done
    priority: str  # high, medium, low
    term: int  # 0 immediate, 1 short term, 2 long term


@dataclass
class Incident:
    id: str
    format: str
    language: str
    scenario: Scenario
    severity: str
    status: str
    services: list[str]
    other: str  # the dependency named in the story
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
    detection: int  # index into the detection methods
    investigation_times: list[datetime]
    actions: list[Action]
    related: list[str] = field(default_factory=list)

    @property
    def text(self) -> Text:
        return self.scenario.text(self.language)

    def fill(self, template: str) -> str:
        return template.format(service=self.services[0], other=self.other)

    @property
    def title(self) -> str:
        return self.fill(self.text.title)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.zone))

    def minutes(self, start: datetime, end: datetime) -> int:
        return round((end - start).total_seconds() / 60)

    @property
    def duration(self) -> int:
        return self.minutes(self.started, self.resolved)

    @property
    def utc_offset_label(self) -> str:
        """`UTC`, `UTC+1`, `UTC-5`: the zone as a timeline header states it."""
        offset = self.local(self.started).utcoffset() or timedelta(0)
        hours = int(offset.total_seconds() // 3600)
        return "UTC" if hours == 0 else f"UTC{hours:+d}"

    def timeline(self) -> list[tuple[datetime, str]]:
        """Rows in time order, from the first symptom to the resolution."""
        text = self.text
        detect = DETECTION[self.language][self.detection]
        rows = [
            (self.started, self.fill(text.symptom)),
            (self.detected, detect[1]),
            (self.acknowledged, ACKNOWLEDGED[self.language]),
        ]
        rows += [(moment, self.fill(row)) for moment, row in zip(self.investigation_times, text.investigation)]
        rows += [(self.mitigated, self.fill(text.mitigation)), (self.resolved, RESOLVED[self.language])]
        return rows


DETECTION = {
    "en": (
        ("Automated alert", "Error-rate alert pages the on-call engineer"),
        ("Synthetic monitoring", "Synthetic check from three regions fails"),
        ("Customer report", "Support receives the first customer reports"),
        ("Internal report", "A team using the service reports errors in the incident channel"),
    ),
    "fr": (
        ("Alerte automatique", "L'alerte sur le taux d'erreur prévient l'astreinte"),
        ("Sonde synthétique", "La sonde synthétique échoue depuis trois régions"),
        ("Signalement client", "Le support reçoit les premiers signalements clients"),
        ("Signalement interne", "Une équipe utilisatrice signale des erreurs dans le canal d'incident"),
    ),
}
ACKNOWLEDGED = {
    "en": "On-call engineer acknowledges and opens the incident channel",
    "fr": "L'astreinte prend l'alerte et ouvre le canal d'incident",
}
RESOLVED = {
    "en": "Metrics back to normal for 15 minutes; incident closed",
    "fr": "Métriques normales depuis 15 minutes, incident clos",
}
WENT_WELL = {
    "en": (
        "The incident channel was open within minutes",
        "Dashboards pointed at the failing component quickly",
        "Status page updates went out every 20 minutes",
        "The rollback procedure worked as documented",
        "Support had a ready answer for customers",
    ),
    "fr": (
        "Le canal d'incident a été ouvert en quelques minutes",
        "Les tableaux de bord ont désigné vite le composant en cause",
        "La page de statut a été mise à jour toutes les 20 minutes",
        "La procédure de retour arrière a fonctionné comme documenté",
        "Le support disposait d'une réponse prête pour les clients",
    ),
}
TO_IMPROVE = {
    "en": (
        "Alerts described symptoms without pointing at a runbook",
        "The dependency map of the service was out of date",
        "Two dashboards disagreed on the error rate",
        "The escalation path to the provider was unclear",
        "Customer communication started later than the technical response",
    ),
    "fr": (
        "Les alertes décrivaient les symptômes sans lien vers un runbook",
        "La carte des dépendances du service n'était plus à jour",
        "Deux tableaux de bord donnaient des taux d'erreur différents",
        "Le chemin d'escalade vers le fournisseur n'était pas clair",
        "La communication client a démarré après la réponse technique",
    ),
}
BACKLOG = {
    "en": ("Chaos engineering | Reproduce this failure of {service} in staging every quarter",),
    "fr": ("Chaos engineering | Reproduire cette panne de {service} en préproduction chaque trimestre",),
}
STATUS_WORDS = {
    "fr-emoji": {"open": "À faire", "in-progress": "En cours", "done": "Fait"},
    "fr-executive": {"open": "To Do", "in-progress": "In Progress", "done": "Done"},
    "spec-fr": {"open": "⏳ À faire", "in-progress": "🔄 En cours", "done": "✅ Fait"},
    "spec-en": {"open": "⏳ To do", "in-progress": "🔄 In progress", "done": "✅ Done"},
    "en-overview": {"open": "Pending", "in-progress": "In Progress", "done": "Done"},
}
PRIORITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
BODY_SEVERITY = {
    "fr-executive": {"P1": "Critique", "P2": "Majeur", "P3": "Mineur", "P4": "Faible"},
    "en-overview": {"P1": "Critical", "P2": "High", "P3": "Medium", "P4": "Low"},
}
DOCUMENT_STATUS = {
    "fr": {"closed": "clos", "approved": "approuvé", "in-review": "en révision"},
    "en": {"closed": "closed", "approved": "approved", "in-review": "in-review"},
}


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


def _incident(rng: random.Random, day: date, number: int, taken: set[str]) -> Incident:
    form = FORMATS[number % len(FORMATS)] if number < len(FORMATS) else rng.choice(FORMATS)
    language = "fr" if form.startswith("fr") else "en" if form.startswith("en") else rng.choice(("fr", "en"))
    zone = "UTC" if form == "spec" else rng.choice(ZONES[language])
    scenario = rng.choice(SCENARIOS)
    services = rng.sample(SERVICES, rng.choice((1, 1, 2, 2, 3)))
    other = rng.choice([s for s in SERVICES if s not in services])
    severity = rng.choices(list(SEVERITY_WEIGHTS), weights=list(SEVERITY_WEIGHTS.values()))[0]

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
    people = rng.sample(PEOPLE, 4)
    slug = f"{day.isoformat()}-{services[0]}-{scenario.slug}"
    identifier, suffix = slug, 2
    while identifier in taken:
        identifier, suffix = f"{slug}-{suffix}", suffix + 1
    taken.add(identifier)

    incident = Incident(
        id=identifier,
        format=form,
        language=language,
        scenario=scenario,
        severity=severity,
        status=rng.choices(("closed", "approved", "in-review"), weights=(5, 3, 2))[0],
        services=services,
        other=other,
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
        actions=[],
    )
    incident.actions = _actions(rng, incident)
    return incident


def _actions(rng: random.Random, incident: Incident) -> list[Action]:
    """Six actions: the two immediate ones are done by now, the others are due in 2027."""
    owners = [*PEOPLE, *TEAMS]
    resolved_day = incident.resolved.date()
    actions = []
    for index, text in enumerate(incident.text.actions):
        term = index // 2
        if term == 0:
            status, due = "done", resolved_day + timedelta(days=rng.randint(1, 7))
        else:
            status = rng.choice(("open", "open", "in-progress"))
            due = date(2027, rng.randint(1, 12), rng.randint(1, 28))
        priority = ("high", "medium", "low")[term]
        actions.append(Action(incident.fill(text), rng.choice(owners), due, status, priority, term))
    return actions


def _related(rng, incident: Incident, by_service: dict[str, list[str]], earlier: list[Incident]) -> list[str]:
    """About a third of incidents link one or two earlier ones, mostly on the same service."""
    if not earlier or rng.random() > 0.33:
        return []
    pool = by_service.get(incident.services[0], [])[-40:] or [e.id for e in earlier[-40:]]
    return sorted(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2)))))


# --- writing ---------------------------------------------------------------------


def front_matter(incident: Incident) -> str:
    def when(moment: datetime) -> str:
        return incident.local(moment).isoformat()

    lines = [
        "---",
        f"title: {json.dumps(incident.title, ensure_ascii=False)}",
        f"id: {incident.id}",
        f"severity: {incident.severity}",
        f"status: {DOCUMENT_STATUS[incident.language][incident.status]}",
        f"services: [{', '.join(incident.services)}]",
    ]
    if incident.zone != "UTC":
        lines.append(f"timezone: {incident.zone}")
    lines += [f"{name}: {when(getattr(incident, name))}" for name in ("started", "detected", "acknowledged", "mitigated", "resolved")]
    lines += [
        f"published: {incident.published.isoformat()}",
        f"authors: [{', '.join(incident.authors)}]",
        f"reviewers: [{', '.join(incident.reviewers)}]",
        f"tags: [{incident.scenario.tag}]",
    ]
    if incident.related:
        lines.append(f"related: [{', '.join(incident.related)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render(incident: Incident) -> str:
    body = RENDERERS[incident.format](incident)
    return front_matter(incident) + "\n" + body.strip() + "\n"


def _hhmm(incident: Incident, moment: datetime) -> str:
    return incident.local(moment).strftime("%H:%M")


def _day(incident: Incident, moment: datetime) -> str:
    return incident.local(moment).strftime("%Y-%m-%d")


def _stamp(incident: Incident, moment: datetime) -> str:
    return incident.local(moment).strftime("%Y-%m-%d %H:%M")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("-" * (len(h) + 2) for h in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _numbered(items) -> str:
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))


def _pick(incident: Incident, pool: tuple[str, ...], count: int) -> list[str]:
    # Chosen from the id so that the text does not depend on generation order.
    start = sum(map(ord, incident.id)) % len(pool)
    return [pool[(start + step) % len(pool)] for step in range(count)]


def _log_block(incident: Incident) -> str:
    stamps = [incident.started, incident.detected + timedelta(minutes=1), incident.mitigated]
    lines = [
        f"[{moment.strftime('%Y-%m-%dT%H:%M:%SZ')}] {incident.fill(line)}"
        for moment, line in zip(stamps, incident.scenario.logs)
    ]
    return "```text\n" + "\n".join(lines) + "\n```"


def render_fr_emoji(incident: Incident) -> str:
    text, fill = incident.text, incident.fill
    words = STATUS_WORDS["fr-emoji"]
    timeline = _table(
        [f"Heure ({incident.utc_offset_label})", "Événement"],
        [[_hhmm(incident, moment), row] for moment, row in incident.timeline()],
    )
    actions = _table(
        ["Action", "État", "Responsable", "Échéance"],
        [[a.text, words[a.status], a.owner, a.due.isoformat()] for a in incident.actions],
    )
    whys = "\n".join(f"- **{fill(q)}** {fill(a)}" for q, a in text.whys)
    return f"""
# 📝 Postmortem – {incident.title}

---

## 📅 Date & Heure de l’incident

- **Date de début :** {_stamp(incident, incident.started)}
- **Date de fin :** {_stamp(incident, incident.resolved)}
- **Durée totale :** {incident.duration} minutes

---

## 👥 Participants

| Rôle                   | Nom |
|------------------------|-----|
| Responsable d’incident | {incident.commander} |
| Observateurs / Support | {", ".join(incident.reviewers)} |

---

## 📖 Résumé de l'incident

{fill(text.summary)}

---

## 💥 Impact

- Nombre d'utilisateurs impactés : {incident.users}
- Fonctionnalités affectées : {", ".join(incident.services)}
- Perte de données : Non
- SLA respecté : {"Non" if incident.severity in ("P1", "P2") else "Oui"}

---

## 🔍 Ligne du temps (Timeline)

{timeline}

---

## 🧠 Causes racines (Root Cause Analysis)

Analyse menée avec l’approche « 5 Why ».

{whys}

Facteurs contributifs :

{_bullets(fill(f) for f in text.factors)}

---

## ✅ Résolution

{_bullets(fill(step) for step in text.resolution)}

---

## 🛡️ Actions préventives (Follow-up / Prevention)

{actions}

---

## 📣 Communication

- Message interne : publié dans le canal d’incident à {_hhmm(incident, incident.acknowledged)}
- Message aux utilisateurs : bandeau sur la page de statut jusqu’à la résolution

---

## 📌 Annexes

{_log_block(incident)}

- Référence à la procédure suivie : `runbooks/{incident.services[0]}.md`

---

## 🧪 REX / Leçons apprises

- Ce que nous avons bien fait : {_pick(incident, WENT_WELL["fr"], 1)[0].lower()}
- Ce qui aurait pu être mieux : {_pick(incident, TO_IMPROVE["fr"], 1)[0].lower()}
- Ce qu’on change pour la prochaine fois : {text.lesson}
"""


def render_fr_executive(incident: Incident) -> str:
    text, fill = incident.text, incident.fill
    words = STATUS_WORDS["fr-executive"]
    detect_name = DETECTION["fr"][incident.detection][0]
    rows = []
    for number, (moment, row) in enumerate(incident.timeline()):
        who = "" if number == 0 else incident.commander if number > 2 else "Astreinte"
        rows.append([_hhmm(incident, moment), row, "Suivi" if number == 0 else "Traitement", who])
    timeline = _table(["Heure", "Événement", "Action", "Responsable"], rows)

    def plan(term: int) -> str:
        return _table(
            ["Action", "Responsable", "Deadline", "Statut"],
            [[a.text, a.owner, a.due.isoformat(), words[a.status]] for a in incident.actions if a.term == term],
        )

    whys = "\n".join(f"{n}. {fill(q)} {fill(a)}" for n, (q, a) in enumerate(text.whys, 1))
    well, improve = _pick(incident, WENT_WELL["fr"], 3), _pick(incident, TO_IMPROVE["fr"], 3)
    ttd = incident.minutes(incident.started, incident.detected)
    tta = incident.minutes(incident.detected, incident.acknowledged)
    return f"""
# Post-Mortem: {incident.title}

## Résumé exécutif
**Date de l'incident**: {_stamp(incident, incident.started)}
**Durée**: {incident.duration} minutes
**Impact**: {BODY_SEVERITY["fr-executive"][incident.severity]}
**Services affectés**: {", ".join(incident.services)}
**Nombre d'utilisateurs impactés**: {incident.users}

## Timeline de l'incident

*Toutes les heures en {incident.zone}*

{timeline}

## Description de l'incident

### Ce qui s'est passé
{fill(text.summary)}

### Impact business
- Impact sur les utilisateurs: {incident.users} utilisateurs ont vu des erreurs
- Impact sur les revenus: non mesurable sur la durée de l'incident
- SLA affecté: {"Oui" if incident.severity in ("P1", "P2") else "Non"}

### Services/Components affectés
{_numbered(f"{service} - erreurs pendant {incident.duration} minutes" for service in incident.services)}

## Analyse des causes

### Cause racine (Root Cause)
{fill(text.whys[1][1])}

### Facteurs contributifs
{_numbered(fill(f) for f in text.factors)}

### Analyse des "5 Pourquoi"
{whys}

## Réponse à l'incident

### Ce qui a bien fonctionné
{_bullets(well)}

### Ce qui peut être amélioré
{_bullets(improve)}

### Points de chance
L'incident est survenu en dehors du pic de trafic quotidien.

## Métriques de l'incident

### Temps de réponse
- **MTTD** (Mean Time To Detect): {ttd} minutes
- **MTTA** (Mean Time To Acknowledge): {tta} minutes
- **MTTR** (Mean Time To Resolve): {incident.duration} minutes

### Indicateurs techniques
- Taux d'erreur max: {incident.error_rate}%
- Mode de détection: {detect_name}

## Leçons apprises

### Techniques
1. {text.lesson}

### Processus
1. {improve[0]}

## Plan d'action

### Actions immédiates (Court terme)
{plan(0)}

### Actions préventives (Moyen terme)
{plan(1)}

### Actions stratégiques (Long terme)
{plan(2)}

## Annexes

### Logs pertinents
{_log_block(incident)}

---
**Document créé le**: {incident.published.isoformat()}
**Auteur principal**: {incident.authors[0]}
"""


def render_spec(incident: Incident) -> str:
    """The worked example's layout from the specification seed, in either language."""
    text, fill, fr = incident.text, incident.fill, incident.language == "fr"
    words = STATUS_WORDS[f"spec-{incident.language}"]
    ttd = incident.minutes(incident.started, incident.detected)
    timeline = _table(
        ["Heure" if fr else "Time", "Événement" if fr else "Event"],
        [[f"**{_hhmm(incident, moment)}**", row] for moment, row in incident.timeline()],
    )
    whys = "\n\n".join(f"{n}. {fill(q)}\n   → {fill(a)}" for n, (q, a) in enumerate(text.whys, 1))
    immediate = _table(
        ["Action", "Owner", "Status"],
        [[a.text, a.owner, words[a.status]] for a in incident.actions if a.term == 0],
    )
    numbered = [a for a in incident.actions if a.term > 0]
    short = _table(
        ["#", "Action", "Owner", "Deadline", "Status"],
        [[str(n), a.text, a.owner, a.due.isoformat(), words[a.status]] for n, a in enumerate(numbered, 1)],
    )
    backlog = _table(
        ["#", "Action", "Description"],
        [[str(len(numbered) + 1), *fill(item).split(" | ")] for item in BACKLOG[incident.language]],
    )
    factors = _table(
        ["Facteur" if fr else "Factor", "Impact", "Catégorie" if fr else "Category"],
        [[fill(f), label, category] for f, label, category in zip(
            text.factors,
            ("Détection tardive", "Durée allongée", "Récurrence possible") if fr else ("Late detection", "Longer outage", "Possible recurrence"),
            ("Observabilité", "Architecture", "Processus") if fr else ("Observability", "Architecture", "Process"),
        )],
    )
    well = _numbered(_pick(incident, WENT_WELL[incident.language], 3))
    improve = _numbered(_pick(incident, TO_IMPROVE[incident.language], 3))
    labels = {
        True: ("Résumé Exécutif", "Attribut", "Valeur", "Date", "Durée", "Sévérité", "Services affectés",
               "*Toutes les heures en UTC*", "Métriques", "Métrique", "Durée totale", "Temps de détection (TTD)",
               "Temps de résolution (TTR)", "Utilisateurs impactés", "Immédiat (fait)", "Court et moyen terme",
               "Long terme (backlog)", "Ce qui a bien fonctionné ✅", "Ce qui n'a pas fonctionné ❌",
               "Facteurs Contributifs", "Cause Immédiate", "Champ", "Auteur", "Date rédaction"),
        False: ("Executive Summary", "Attribute", "Value", "Date", "Duration", "Severity", "Affected services",
                "*All times in UTC*", "Metrics", "Metric", "Total duration", "Time to detect (TTD)",
                "Time to resolve (TTR)", "Users affected", "Immediate (done)", "Short and medium term",
                "Long term (backlog)", "What went well ✅", "What did not go well ❌",
                "Contributing Factors", "Immediate Cause", "Field", "Author", "Written on"),
    }[fr]
    (summary_h, attribute, value, date_l, duration_l, severity_l, services_l, all_utc, metrics_h, metric,
     total_l, ttd_l, ttr_l, users_l, immediate_h, short_h, backlog_h, well_h, improve_h, factors_h,
     cause_h, field_l, author_l, written_l) = labels
    summary = _table(
        [attribute, value],
        [
            [f"**{date_l}**", _day(incident, incident.started)],
            [f"**{duration_l}**", f"{incident.duration} minutes"],
            [f"**{severity_l}**", incident.severity],
            [f"**{services_l}**", ", ".join(incident.services)],
        ],
    )
    metrics = _table(
        [metric, value],
        [
            [total_l, f"{incident.duration} minutes"],
            [ttd_l, f"{ttd} minutes"],
            [ttr_l, f"{incident.duration} minutes"],
            [users_l, f"~{incident.users}"],
        ],
    )
    metadata = _table(
        [field_l, value],
        [[f"**{author_l}**", incident.authors[0]], [f"**{written_l}**", incident.published.isoformat()]],
    )
    return f"""
# Post-Mortem : {incident.title}
## {_day(incident, incident.started)} - {", ".join(incident.services)}

---

## 📋 {summary_h}

{summary}

**TL;DR :** {fill(text.summary)}

---

## 📅 Timeline

{all_utc}

{timeline}

---

## 📊 Impact

### {metrics_h}

{metrics}

---

## 🔍 Root Cause Analysis

### {cause_h}
{fill(text.whys[0][1])}

### 5 Whys

```
{whys}
```

### {factors_h}

{factors}

---

## ✅ {"Actions Correctives" if fr else "Corrective Actions"}

### {immediate_h}

{immediate}

### {short_h}

{short}

### {backlog_h}

{backlog}

---

## 📚 Lessons Learned

### {well_h}

{well}

### {improve_h}

{improve}

---

## 📎 {"Annexes" if fr else "Appendix"}

{_log_block(incident)}

---

## 📝 Metadata

{metadata}
"""


def render_en_overview(incident: Incident) -> str:
    text, fill = incident.text, incident.fill
    words = STATUS_WORDS["en-overview"]
    ttd = incident.minutes(incident.started, incident.detected)
    detect = DETECTION["en"][incident.detection]
    rows = []
    for number, (moment, row) in enumerate(incident.timeline()):
        taken = ("-", detect[0], "Incident channel opened")[number] if number < 3 else "Checked dashboards and traces"
        rows.append([_hhmm(incident, moment), row, taken])
    zone_line = "(all times UTC)" if incident.zone == "UTC" else f"All times in {incident.zone}."
    checklist_actions = [a for a in incident.actions if a.term > 0]
    table_actions = [a for a in incident.actions if a.term == 0] + checklist_actions[:2]
    actions = _table(
        ["Priority", "Action", "Owner", "Due Date", "Status"],
        [[PRIORITY_WORDS[a.priority], a.text, a.owner, a.due.isoformat(), words[a.status]] for a in table_actions],
    )
    prevention = "\n".join(f"- [ ] {a.text} - Owner: {a.owner} - Due: {a.due.isoformat()}" for a in checklist_actions[2:])
    well, improve = _pick(incident, WENT_WELL["en"], 3), _pick(incident, TO_IMPROVE["en"], 3)
    whys = _numbered(f"{fill(q)} {fill(a)}" for q, a in text.whys)
    return f"""
# Incident Post-Mortem Report: {incident.title}

## Incident Overview

**Incident Date**: {_day(incident, incident.started)}  
**Report Date**: {incident.published.isoformat()}  
**Incident Duration**: {incident.duration} minutes  
**Report Author**: {incident.authors[0]}  
**Severity**: {BODY_SEVERITY["en-overview"][incident.severity]}

## Summary

### What Happened?
{fill(text.summary)}

### Impact
- **Users Affected**: {incident.users}
- **Services Down**: {", ".join(incident.services)}
- **Data Loss**: No
- **Peak Error Rate**: {incident.error_rate}%

## Timeline

{zone_line}

{_table(["Time", "Event", "Action Taken"], rows)}

## Root Cause Analysis

### What Caused the Problem?
{fill(text.whys[1][1])}

### Why Did It Happen?
{whys}

### Why Wasn't It Caught Earlier?
{fill(text.factors[2])}.

## Resolution

### Immediate Actions
{_numbered(fill(step) for step in text.resolution)}

### Verification Steps
Error rate and latency of {incident.services[0]} stayed at their usual level for 15 minutes before the incident was closed.

## Lessons Learned

### What Went Well
{_bullets("✅ " + w for w in well)}

### What Could Be Improved
{_bullets("⚠️ " + w for w in improve)}

### Surprising Discoveries
{text.lesson}

## Action Items

{actions}

## Prevention Measures

### Long-term (This Quarter)
{prevention}

## Metrics

- **Time to Detection**: {ttd} minutes
- **Time to Resolution**: {incident.duration} minutes
- **Affected Users**: {incident.users}
- **Error Rate During Incident**: {incident.error_rate}%

## Supporting Documents

{_log_block(incident)}

## Sign-off

**Reviewed By**: {", ".join(incident.reviewers)}  
**Date**: {incident.published.isoformat()}

---

*This post-mortem is blameless and focused on improving our systems and processes.*
"""


def render_en_details(incident: Incident) -> str:
    text, fill = incident.text, incident.fill
    detect = DETECTION["en"][incident.detection]
    timeline = _table(["Time", "Event"], [[_hhmm(incident, moment), row] for moment, row in incident.timeline()])
    zone_line = "(all times UTC)" if incident.zone == "UTC" else f"All times in {incident.zone}."

    def checklist(term: int) -> str:
        return "\n".join(
            f"- [{'x' if a.status == 'done' else ' '}] {a.text} - Owner: {a.owner} - Due: {a.due.isoformat()}"
            for a in incident.actions
            if a.term == term
        )

    whys = _numbered(f"{fill(q)} {fill(a)}" for q, a in text.whys)
    well, improve = _pick(incident, WENT_WELL["en"], 3), _pick(incident, TO_IMPROVE["en"], 3)
    return f"""
# Postmortem: {incident.title}

## Incident Details

- **Date**: {_day(incident, incident.started)}
- **Duration**: {incident.duration} minutes
- **Severity**: {incident.severity}
- **Impact**: {incident.users} users saw errors on {", ".join(incident.services)}
- **Detection Method**: {detect[0]}

## Timeline

{zone_line}

{timeline}

## Root Cause

### What Happened
{fill(text.summary)}

### Why It Happened
{_bullets(fill(f) for f in text.factors)}

### 5 Whys
{whys}

### Technical Details
{_log_block(incident)}

## Impact Analysis

### Users Affected
- Total number: {incident.users}
- Peak error rate: {incident.error_rate}%

### Technical Impact
- Systems affected: {", ".join(incident.services)}
- Data loss: none

## Response

### What Went Well
{_bullets(well)}

### What Could Be Improved
{_bullets(improve)}

### Luck Factor
The incident started outside the daily traffic peak.

## Action Items

### Immediate (Complete within 1 week)
{checklist(0)}

### Short-term (Complete within 1 month)
{checklist(1)}

### Long-term (Complete within 3 months)
{checklist(2)}

## Lessons Learned

### Key Takeaways
1. {text.lesson}
2. {improve[0]}

## Follow-up

- **Review Date**: {max(a.due for a in incident.actions).isoformat()}
- **Owner**: {incident.commander}

---

## Postmortem Culture Reminder

We have blameless postmortems: the goal is to learn and improve the system, not to assign blame.
"""


RENDERERS = {
    "fr-emoji": render_fr_emoji,
    "fr-executive": render_fr_executive,
    "spec": render_spec,
    "en-overview": render_en_overview,
    "en-details": render_en_details,
}


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
