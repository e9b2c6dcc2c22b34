"""`mkdocs-postmortem new`, run as a user runs it: a draft that passes `check`
with warnings only, which once filled in passes with no problem at all."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import run_cli, run_mkdocs

# Overdue and late are measured against the build date: pin it a few days
# after the incidents below so that the verdicts do not depend on today.
PINNED = {"SOURCE_DATE_EPOCH": str(int(datetime(2026, 3, 10, tzinfo=timezone.utc).timestamp()))}
# No git identity leaks in from the machine running the tests.
NO_GIT_IDENTITY = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def site(root: Path, options: dict | None = None, language: str = "en") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "Handbook",
        "theme": {"name": "material", "language": language},
        "plugins": [{"postmortem": options or {}}],
        "markdown_extensions": ["admonition", "tables"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def new(root: Path, *args: str, env: dict | None = None):
    return run_cli("new", *args, cwd=root, env={**NO_GIT_IDENTITY, **(env or {})})


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def check_json(root: Path, *args: str) -> tuple[int, dict]:
    result = run_cli("check", "--format", "json", *args, cwd=root, env=PINNED)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


# --- what a user fills in -----------------------------------------------------

FILLED = {
    "en": {
        "## Summary": "Checkout returned errors to 12 % of shoppers for 57 minutes after a database "
        "failover left the payment service's connection pool on the old primary. Restarting the "
        "pool restored service.",
        "## Impact": "2 318 payments failed and about 9 600 EUR of orders were lost. No data was lost. "
        "The checkout SLA was breached.",
        "## Timeline": "| Time | Event |\n|------|-------|\n"
        "| 14:05 | Error rate of checkout rises to 12 % |\n"
        "| 14:12 | Alert fires on the checkout error rate |\n"
        "| 14:15 | The on-call engineer acknowledges the page |\n"
        "| 14:40 | Payment service pool restarted; errors drop |\n"
        "| 15:02 | Error rate at baseline for 20 minutes; incident closed |",
        "## Root Cause": "The connection pooler kept its TCP connections to the old primary after the "
        "failover: keepalive probes were disabled, and the old primary stopped answering without "
        "closing them.",
        "### 5 Whys": "1. Why did checkout fail? Because the payment service timed out on every query.\n"
        "2. Why did the queries time out? Because the pool sent them to the old primary.\n"
        "3. Why did the pool use the old primary? Because its connections were never closed.\n"
        "4. Why were they never closed? Because TCP keepalive was disabled in the pooler.\n"
        "5. Why was keepalive disabled? Because its configuration was copied from an older service.",
        "## Action Items": "| Action | Owner | Due | Status |\n|--------|-------|-----|--------|\n"
        "| Enable TCP keepalive in the pooler | Payments team | 2026-03-20 | open |\n"
        "| Alert on connection pool saturation | Platform team | 2026-03-27 | open |",
        "## Lessons Learned": "- The failover drill worked for the database itself.\n"
        "- Connection handling in the clients was never part of the drill.",
    },
    "fr": {
        "## Résumé": "Le paiement a échoué pour 12 % des clients pendant 57 minutes après une bascule de "
        "la base de données : le pool de connexions du service de paiement est resté sur l'ancien "
        "primaire. Le redémarrage du pool a rétabli le service.",
        "## Impact": "2 318 paiements refusés, environ 9 600 € de commandes perdues. Aucune donnée "
        "perdue. Le SLA du paiement a été dépassé.",
        "## Chronologie": "| Heure | Événement |\n|-------|-----------|\n"
        "| 14:05 | Le taux d'erreur du paiement monte à 12 % |\n"
        "| 14:12 | L'alerte sur le taux d'erreur se déclenche |\n"
        "| 14:15 | L'astreinte prend l'alerte en compte |\n"
        "| 14:40 | Redémarrage du pool du service de paiement ; les erreurs baissent |\n"
        "| 15:02 | Taux d'erreur normal depuis 20 minutes ; incident déclaré résolu |",
        "## Causes racines": "Le pooler de connexions a gardé ses connexions TCP vers l'ancien primaire "
        "après la bascule : les sondes keepalive étaient désactivées et l'ancien primaire a cessé de "
        "répondre sans les fermer.",
        "### Les 5 Pourquoi": "1. Pourquoi le paiement a-t-il échoué ? Parce que chaque requête du service expirait.\n"
        "2. Pourquoi les requêtes expiraient-elles ? Parce que le pool les envoyait à l'ancien primaire.\n"
        "3. Pourquoi le pool utilisait-il l'ancien primaire ? Parce que ses connexions n'étaient jamais fermées.\n"
        "4. Pourquoi n'étaient-elles jamais fermées ? Parce que le keepalive TCP était désactivé.\n"
        "5. Pourquoi était-il désactivé ? Parce que la configuration venait d'un ancien service.",
        "## Actions correctives": "| Action | Responsable | Échéance | Statut |\n|--------|-------------|----------|--------|\n"
        "| Activer le keepalive TCP dans le pooler | Équipe paiements | 2026-03-20 | à faire |\n"
        "| Alerter sur la saturation du pool | Équipe plateforme | 2026-03-27 | à faire |",
        "## Leçons apprises": "- L'exercice de bascule a bien fonctionné pour la base elle-même.\n"
        "- La gestion des connexions côté clients ne faisait pas partie de l'exercice.",
    },
}
PHASE_TIMES = {"started": "14:05", "detected": "14:12", "acknowledged": "14:15", "mitigated": "14:40", "resolved": "15:02"}
REVIEW_STATUS = {"en": "in-review", "fr": "en révision"}


def fill_in(path: Path, language: str) -> None:
    """What an author does: the phases' times, the publication day, a status out of
    draft, and every section written under its heading (the guidance comments stay)."""
    text = path.read_text(encoding="utf-8")
    for phase, clock in PHASE_TIMES.items():
        text, count = re.subn(
            rf"^# {phase}: (\d{{4}}-\d\d-\d\d) \d\d:\d\d$", rf"{phase}: \g<1> {clock}", text, flags=re.MULTILINE
        )
        assert count == 1, f"the template should offer a commented `{phase}:` line"
    text, count = re.subn(r"^# published: ", "published: ", text, flags=re.MULTILINE)
    assert count == 1
    text = re.sub(r"^status: .*$", f"status: {REVIEW_STATUS[language]}", text, count=1, flags=re.MULTILINE)
    for heading, content in FILLED[language].items():
        assert f"\n{heading}\n" in text, f"the {language} template has no {heading!r} heading"
        text = text.replace(f"\n{heading}\n", f"\n{heading}\n\n{content}\n", 1)
    path.write_text(text, encoding="utf-8")


# --- tests --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_new_draft_has_warnings_only_and_passes_check_once_filled_in(tmp_path, language):
    site(tmp_path)
    title = {"en": "Checkout outage after failover", "fr": "Panne du paiement après bascule"}[language]
    made = new(tmp_path, title, "--lang", language, "--date", "2026-03-04", "--severity", "P1",
               "--service", "checkout", "--service", "payments-api")
    assert made.returncode == 0, made.stderr
    slug = {"en": "checkout-outage-after-failover", "fr": "panne-du-paiement-apres-bascule"}[language]
    relative = f"docs/postmortems/2026-03-04-{slug}.md"
    assert made.stdout.strip() == relative
    path = tmp_path / relative
    meta = front_matter(path)
    assert meta["title"] == title and meta["id"] == f"2026-03-04-{slug}"
    assert meta["severity"] == "P1" and meta["services"] == ["checkout", "payments-api"]
    assert meta["status"] == {"en": "draft", "fr": "brouillon"}[language]
    assert meta["timezone"] == "UTC" and meta["authors"] == []

    code, fresh = check_json(tmp_path)
    assert code == 0, fresh
    assert fresh["files"] == 1
    assert {d["level"] for d in fresh["diagnostics"]} <= {"warning"}, fresh["diagnostics"]
    # What a draft still lacks is said, as warnings about completeness only:
    # empty sections, the 5 Whys, the action items.
    codes = {d["code"] for d in fresh["diagnostics"]}
    assert "PM201" in codes and codes <= {"PM102", "PM201", "PM305"}, codes

    fill_in(path, language)
    strict = run_cli("check", "--strict", relative, cwd=tmp_path, env=PINNED)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert "1 postmortem checked, no problems" in strict.stdout
    stats = json.loads(run_cli("stats", "--format", "json", cwd=tmp_path, env=PINNED).stdout)
    (incident,) = stats["incidents"]
    assert (incident["ttd"], incident["tta"], incident["ttm"], incident["ttr"]) == (7, 3, 35, 57)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_guidance_is_not_content_once_out_of_draft(tmp_path, language):
    """The guidance comments must not pass for written sections: a postmortem
    taken out of draft without writing them is an error, section by section."""
    site(tmp_path)
    made = new(tmp_path, "Unwritten", "--lang", language, "--date", "2026-03-04", "--service", "dns")
    path = tmp_path / made.stdout.strip()
    text = re.sub(r"^status: .*$", f"status: {REVIEW_STATUS[language]}", path.read_text(encoding="utf-8"),
                  count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    code, report = check_json(tmp_path)
    assert code == 1
    empty = {d["line"] for d in report["diagnostics"] if d["code"] == "PM102" and d["level"] == "error"}
    lines = text.split("\n")
    for heading in FILLED[language]:
        if heading.startswith("## "):
            assert lines.index(heading) + 1 in empty, f"{heading} is empty but not reported"


def test_the_guidance_never_reaches_the_built_page(tmp_path):
    site(tmp_path)
    made = new(tmp_path, "Checkout outage", "--date", "2026-03-04", "--service", "checkout")
    path = tmp_path / made.stdout.strip()
    fill_in(path, "en")
    (tmp_path / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    build = run_mkdocs("build", "--strict", cwd=tmp_path, env=PINNED)
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "site" / "postmortems" / "2026-03-04-checkout-outage" / "index.html").read_text(encoding="utf-8")
    shown = BeautifulSoup(html, "html.parser").get_text(" ")  # comments are not text
    assert "Enable TCP keepalive in the pooler" in shown
    for guidance in ("Each action needs an owner", "This postmortem is blameless", "ask \"why?\" five times"):
        assert guidance in path.read_text(encoding="utf-8")
        assert guidance not in shown


def test_a_draft_may_name_its_services_later(tmp_path):
    site(tmp_path)
    made = new(tmp_path, "DNS outage", "--date", "2026-03-04")
    assert made.returncode == 0, made.stderr
    code, report = check_json(tmp_path)
    assert code == 0 and {d["level"] for d in report["diagnostics"]} == {"warning"}
    path = tmp_path / made.stdout.strip()
    text = re.sub(r"^status: .*$", "status: in-review", path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    code, report = check_json(tmp_path)
    services_line = text.split("\n").index(next(line for line in text.split("\n") if line.startswith("services:"))) + 1
    assert code == 1
    assert ("PM002", services_line, "error") in {(d["code"], d["line"], d["level"]) for d in report["diagnostics"]}


def test_never_overwrites_a_file(tmp_path):
    site(tmp_path)
    first = new(tmp_path, "DNS outage", "--date", "2026-03-04", "--service", "dns")
    path = tmp_path / first.stdout.strip()
    path.write_text("my notes\n", encoding="utf-8")
    again = new(tmp_path, "DNS outage", "--date", "2026-03-04", "--service", "dns")
    assert again.returncode == 1
    assert "already exists" in again.stderr and "docs/postmortems/2026-03-04-dns-outage.md" in again.stderr
    assert path.read_text(encoding="utf-8") == "my notes\n"
    assert again.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--date", "2026-13-01"], "--date '2026-13-01' is not a date"),
        (["--date", "04/03/2026"], "YYYY-MM-DD"),
        (["--severity", "P9"], "use one of P1, P2, P3, P4"),
        (["--lang", "de"], "invalid choice: 'de'"),
        (["--colour", "red"], "unrecognized arguments: --colour"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(tmp_path, args, message):
    site(tmp_path)
    result = new(tmp_path, "DNS outage", "--service", "dns", *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "docs" / "postmortems").exists()


def test_creates_the_postmortem_folder_but_not_a_missing_docs_folder(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - postmortem:\n      folder: incidents/2026\n")
    missing = new(tmp_path, "DNS outage", "--service", "dns", "--date", "2026-03-04")
    assert missing.returncode == 1
    assert "docs folder does not exist" in missing.stderr
    assert not (tmp_path / "docs").exists()

    (tmp_path / "docs").mkdir()
    made = new(tmp_path, "DNS outage", "--service", "dns", "--date", "2026-03-04")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "docs/incidents/2026/2026-03-04-dns-outage.md"


def test_an_invalid_site_config_is_a_usage_error(tmp_path):
    site(tmp_path, {"ttr_from": "lunch"})
    result = new(tmp_path, "DNS outage", "--service", "dns")
    assert result.returncode == 2
    assert "ttr_from" in result.stderr and "Traceback" not in result.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "mkdocs.yml").write_text("site_name: [unclosed\n")
    result = new(broken, "DNS outage", "--service", "dns")
    assert result.returncode == 2
    assert "mkdocs.yml:" in result.stderr and "Traceback" not in result.stderr


def test_follows_the_site_config_from_another_folder(tmp_path):
    site(tmp_path / "handbook", {"folder": "incidents", "default_timezone": "Europe/Paris",
                                 "severities": ["SEV1", "SEV2", "SEV3"],
                                 "severity_aliases": {"critical": "SEV1"}}, language="fr")
    made = new(tmp_path, "Panne DNS", "-f", "handbook/mkdocs.yml", "--severity", "CRITICAL",
               "--service", "dns", "--author", "Zoé Martin", "--date", "2026-03-29")
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    assert path == tmp_path / "handbook" / "docs" / "incidents" / "2026-03-29-panne-dns.md"
    meta = front_matter(path)
    assert meta["severity"] == "SEV1" and meta["timezone"] == "Europe/Paris"
    assert meta["authors"] == ["Zoé Martin"]
    assert meta["status"] == "brouillon", "the theme language picks the French template"
    assert "## Causes racines" in path.read_text(encoding="utf-8")
    # Without P2 among the levels, the default severity is the site's first one.
    default = new(tmp_path, "Autre panne", "-f", "handbook/mkdocs.yml", "--service", "dns", "--date", "2026-03-29")
    assert front_matter(tmp_path / default.stdout.strip())["severity"] == "SEV1"


def test_titles_that_mean_something_in_yaml_stay_titles(tmp_path):
    site(tmp_path)
    title = 'DNS: 502s # "edge" & [cache] — été'
    made = new(tmp_path, title, "--service", "edge: dns", "--date", "2026-03-04")
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    assert path.name == "2026-03-04-dns-502s-edge-cache-ete.md"
    meta = front_matter(path)
    assert meta["title"] == title and meta["services"] == ["edge: dns"]
    code, report = check_json(tmp_path)
    assert code == 0, report


def test_authors_default_to_the_git_user_name(tmp_path):
    site(tmp_path)
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ana Lima\n", encoding="utf-8")
    made = new(tmp_path, "DNS outage", "--service", "dns", env={"GIT_CONFIG_GLOBAL": str(config)})
    assert made.returncode == 0, made.stderr
    assert front_matter(tmp_path / made.stdout.strip())["authors"] == ["Ana Lima"]


def test_a_site_supplies_its_own_templates(tmp_path):
    site(tmp_path, {"new_templates": "templates/postmortem"})
    folder = tmp_path / "templates" / "postmortem"
    folder.mkdir(parents=True)
    (folder / "en.md").write_text(
        "---\ntitle: {{ title | yaml }}\nseverity: {{ severity }}\nstatus: draft\n"
        "services: {{ services | yaml }}\nowner_team: sre\n---\n\n# {{ title }}\n\n"
        "## Summary\n\n## Timeline\n\n## Impact\n\n## Root Cause\n\n## Action Items\n\n## Lessons Learned\n",
        encoding="utf-8",
    )
    made = new(tmp_path, "Queue backlog", "--service", "queue", "--date", "2026-03-04")
    assert made.returncode == 0, made.stderr
    path = tmp_path / made.stdout.strip()
    assert front_matter(path)["owner_team"] == "sre"
    code, report = check_json(tmp_path)
    assert code == 0 and {d["level"] for d in report["diagnostics"]} == {"warning"}, report
    assert {d["code"] for d in report["diagnostics"]} >= {"PM102"}

    no_french = new(tmp_path, "Autre", "--service", "queue", "--lang", "fr")
    assert no_french.returncode == 2
    assert "fr.md does not exist" in no_french.stderr

    (folder / "en.md").write_text("---\ntitle: {{ titel }}\n---\n", encoding="utf-8")
    unknown = new(tmp_path, "Other", "--service", "queue")
    assert unknown.returncode == 2
    assert "template error" in unknown.stderr and "titel" in unknown.stderr


@pytest.mark.parametrize("language", ["en", "fr"])
def test_next_steps_future_date_warning_and_distinct_phase_times(tmp_path, language):
    site(tmp_path)
    future = (date.today() + timedelta(days=40)).isoformat()
    made = new(tmp_path, "Cache outage", "--lang", language, "--date", future)
    assert made.returncode == 0, made.stderr
    # stdout stays the path alone, for scripts; people read the guidance on stderr.
    assert made.stdout.strip().endswith("-cache-outage.md") and "\n" not in made.stdout.strip()
    assert f"the incident date {future} is in the future" in made.stderr
    assert "Next steps:" in made.stderr and "mkdocs-postmortem check" in made.stderr
    path = tmp_path / made.stdout.strip()
    # Uncommenting the five phase lines gives five distinct times, in order.
    text = path.read_text(encoding="utf-8")
    phases = ("started", "detected", "acknowledged", "mitigated", "resolved")
    times = [next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith(f"# {phase}: ")) for phase in phases]
    assert len(set(times)) == 5 and times == sorted(times), times
    for phase in phases:
        text = text.replace(f"# {phase}: ", f"{phase}: ", 1)
    path.write_text(text, encoding="utf-8")
    code, report = check_json(tmp_path)
    assert "PM004" not in {d["code"] for d in report["diagnostics"]}, report

    today = new(tmp_path, "Other outage", "--lang", language)
    assert today.returncode == 0 and "future" not in today.stderr and "Next steps:" in today.stderr
