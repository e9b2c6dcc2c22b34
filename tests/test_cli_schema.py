"""`mkdocs-postmortem schema`: a JSON Schema that accepts what the reader reads
and rejects what it refuses, field by field, for the site's own levels."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, run_cli, write_site

from mkdocs_postmortem.field_table import FIELD_NAMES
from mkdocs_postmortem.model import Postmortem, ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules.frontmatter import SITE_FIELDS
from mkdocs_postmortem.settings import Settings

SAMPLES = sorted((ROOT / "docs" / "postmortems").glob("*.md"))


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server sees it: timestamps are strings."""


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def schema_from_cli(*args: str, cwd: Path | None = None) -> dict:
    result = run_cli("schema", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def front_matter_of(text: str) -> dict:
    return yaml.load(text.split("---\n")[1], Loader=EditorLoader)


@pytest.fixture(scope="module")
def handbook_schema() -> dict:
    return schema_from_cli("-f", str(ROOT / "mkdocs.yml"))


def test_the_schema_is_draft_2020_12_and_open_to_team_fields(handbook_schema):
    assert handbook_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert handbook_schema["additionalProperties"] is True
    assert validator(handbook_schema).is_valid({"title": "x", "owner_team": {"name": "sre"}})


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_every_sample_postmortem_is_valid(handbook_schema, sample):
    meta = front_matter_of(sample.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator(handbook_schema).iter_errors(meta)]
    assert not errors, errors


def test_there_are_samples_to_validate():
    assert len(SAMPLES) >= 12


BROKEN = {
    "unknown severity": ("severity: P1", "severity: P9"),
    "a template's list of severities": ("severity: P1", "severity: P1/P2/P3"),
    "unknown status": ("status: approved", "status: shipped"),
    "services as a mapping": ("services: [payments-api, checkout]", "services: {name: checkout}"),
    "a date without time": ("started: 2026-02-17T14:05:00Z", "started: 2026-02-17"),
    "a time that is not ISO 8601": ("resolved: 2026-02-17T15:02:00Z", "resolved: tomorrow at noon"),
    "published as a list": ("published: 2026-02-19", "published: [2026-02-19]"),
    "impact as a sentence": ("impact: {users: 2318", "impact: lots of users\nold_impact: {users: 2318"),
    "data_loss as text": ("data_loss: false", "data_loss: maybe"),
    "authors as a mapping": ("authors: [Tomás Ortega]", "authors: {lead: Tomás Ortega}"),
    "title as a list": ('title: "Paiements', 'title: ["Paiements'),
    "a day that no month has": ("started: 2026-02-17T14:05:00Z", "started: 2026-02-39T14:05:00Z"),
    "a thirteenth month": ("published: 2026-02-19", "published: 2026-13-19"),
    "the 31st of a 30-day month": ("resolved: 2026-02-17T15:02:00Z", "resolved: 2026-04-31T15:02:00Z"),
    "a 25th hour": ("resolved: 2026-02-17T15:02:00Z", "resolved: 2026-02-17T25:02:00Z"),
    "a 61st minute": ("started: 2026-02-17T14:05:00Z", "started: 2026-02-17T14:61:00Z"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_front_matter_is_rejected_by_the_schema_and_the_reader(handbook_schema, case):
    sample = ROOT / "docs" / "postmortems" / "2026-02-17-payments-api-connection-pool-exhaustion.md"
    before, after = BROKEN[case]
    text = sample.read_text(encoding="utf-8")
    assert before in text, f"the sample changed: {before!r} is no longer in it"
    broken = text.replace(before, after, 1)
    if case == "title as a list":
        broken = broken.replace('bascule de postgres-primary"\n', 'bascule de postgres-primary"]\n', 1)
    meta = front_matter_of(broken)
    assert not validator(handbook_schema).is_valid(meta), f"the schema accepts {case}"
    assert validator(handbook_schema).is_valid(front_matter_of(text))
    pm = read_postmortem(broken, path="x.md", src_uri="postmortems/x.md", settings=Settings())
    assert any(problem.kind in (ProblemKind.WRONG_VALUE, ProblemKind.UNREADABLE) for problem in pm.problems), (
        f"the reader accepts {case} although the schema rejects it"
    )


def _wrong_value(property_schema: dict):
    """A value of a type the field's schema does not allow."""
    text = json.dumps(property_schema)
    if '"array"' in text and '"object"' not in text.split('"items"')[0]:
        return {"not": {"a": "list"}}
    return [["not", "a", "text"]]


def _reads_as_wrong(name: str, value) -> bool:
    """Does the reader report the field's value as wrong (PM003)? Only fields it reads can be wrong."""
    base = {"title": "Probe", "severity": "P3", "status": "draft", "services": ["probe"]}
    meta = {**base, name: value}
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n# Probe\n"
    pm = read_postmortem(text, path="probe.md", src_uri="postmortems/probe.md", settings=Settings())
    return any(problem.kind is ProblemKind.WRONG_VALUE for problem in pm.problems)


def test_the_schema_and_the_reader_know_the_same_fields(handbook_schema):
    properties = handbook_schema["properties"]
    # The checks' list of known fields (used for PM005 typos) is the schema's.
    assert set(properties) == set(FIELD_NAMES)
    # Every field the reader reads is in the schema, and every field of the
    # schema is read: a wrongly typed value is a PM003 exactly for them.
    candidates = (
        set(properties)
        | set(FIELD_NAMES)
        | set(SITE_FIELDS)
        | {field.name for field in fields(Postmortem)}
        | {"owner_team", "severite", "statut", "whys", "ignore", "date"}
    )
    probe_value = {name: _wrong_value(properties.get(name, {"type": "string"})) for name in candidates}
    read = {name for name in candidates if _reads_as_wrong(name, probe_value[name])}
    assert read == set(properties)
    for name in properties:
        assert not validator(handbook_schema).is_valid({name: probe_value[name]}), name


def test_the_examples_of_every_field_are_valid_for_both(handbook_schema):
    example = {name: spec["examples"][0] for name, spec in handbook_schema["properties"].items()}
    assert not list(validator(handbook_schema).iter_errors(example))
    text = "---\n" + yaml.safe_dump(example, allow_unicode=True, sort_keys=False) + "---\n\n# Example\n"
    pm = read_postmortem(text, path="example.md", src_uri="postmortems/example.md", settings=Settings())
    assert [p for p in pm.problems if p.kind in (ProblemKind.UNREADABLE, ProblemKind.WRONG_VALUE)] == []
    assert pm.severity == "P1" and pm.status == "draft" and pm.started is not None


@pytest.mark.parametrize(
    "value, valid",
    [
        ("P2", True), ("p2", True), (" P2 (Major)", True), ("P2. Major outage", True), ("SEV-1", True), ("sev 1", True),
        ("Critique", True), ("CRITICAL", True), ("élevée", True), ("Elevee", True), ("🔥 Critical", True),
        ("P1/P2", False), ("Critique | Majeur", False), ("P5", False), ("", False), ("severe", False),
    ],
)
def test_severity_accepts_what_the_reader_reads(handbook_schema, value, valid):
    from mkdocs_postmortem.read.values import read_severity

    assert validator(handbook_schema).is_valid({"severity": value}) is valid
    assert (read_severity(value, Settings()) is not None) is valid


@pytest.mark.parametrize(
    "value, valid",
    [
        ("draft", True), ("Draft", True), ("in-review", True), ("In review", True), ("en révision", True),
        ("EN REVISION", True), ("approuvé", True), ("Approuvée", True), ("clos", True), ("Clôturé", True), ("Draft. v2", True),
        ("Draft / In review / Approved", False), ("shipped", False),
    ],
)
def test_status_accepts_what_the_reader_reads(handbook_schema, value, valid):
    from mkdocs_postmortem.read.values import read_document_status

    assert validator(handbook_schema).is_valid({"status": value}) is valid
    assert (read_document_status(value) is not None) is valid


def test_severities_follow_the_site_config(tmp_path):
    config = write_site(tmp_path, {}, options={"severities": ["SEV1", "SEV2", "SEV3"],
                                               "severity_aliases": {"page": "SEV1"}})
    schema = schema_from_cli("-f", str(config))
    assert schema["properties"]["severity"]["anyOf"][0] == {"enum": ["SEV1", "SEV2", "SEV3"]}
    check = validator(schema)
    assert check.is_valid({"severity": "sev2"}) and check.is_valid({"severity": "Page"})
    assert not check.is_valid({"severity": "P1"})
    # Without -f and without a mkdocs.yml around: the plugin's defaults.
    defaults = schema_from_cli(cwd=tmp_path / "docs")
    assert defaults["properties"]["severity"]["anyOf"][0] == {"enum": ["P1", "P2", "P3", "P4"]}


def test_output_to_a_file_and_errors(tmp_path):
    target = tmp_path / "postmortem.schema.json"
    result = run_cli("schema", "-o", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")
    assert run_cli("schema", "--bogus", cwd=tmp_path).returncode == 2
    missing = run_cli("schema", "-f", "nowhere/mkdocs.yml", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere/mkdocs.yml" in missing.stderr
    invalid = write_site(tmp_path / "bad", {}, options={"severities": "P1"})
    bad = run_cli("schema", "-f", str(invalid), cwd=tmp_path)
    assert bad.returncode == 2 and "severities" in bad.stderr and "Traceback" not in bad.stderr
    unwritable = run_cli("schema", "-o", str(tmp_path / "no" / "such" / "dir.json"), cwd=tmp_path)
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="node runs the patterns as editors do (JavaScript)")
def test_patterns_work_in_javascript_as_editors_run_them(handbook_schema):
    """The YAML language server is JavaScript: the patterns must compile there
    and give the same answers as in Python."""
    cases = {
        "severity": ["P2", "sev 1", "Élevée", "P1/P2", "P9"],
        "status": ["En révision", "draft", "shipped"],
        "started": ["2026-03-04 14:05", "2026-03-04T13:05:00Z", "2026-03-04", "noon"],
        "published": ["2026-03-06", "06/03/2026"],
    }
    checks = []
    for name, values in cases.items():
        spec = handbook_schema["properties"][name]
        patterns = [spec["pattern"]] if "pattern" in spec else [c["pattern"] for c in spec["anyOf"] if "pattern" in c]
        enums = [v for c in spec.get("anyOf", []) for v in c.get("enum", [])]
        for value in values:
            expected = validator(handbook_schema).is_valid({name: value})
            checks.append({"patterns": patterns, "enum": enums, "value": value, "expected": expected})
    script = (
        "const checks = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const wrong = checks.filter(c => (c.enum.includes(c.value) ||"
        " c.patterns.some(p => new RegExp(p).test(c.value))) !== c.expected);"
        "console.log(JSON.stringify(wrong));"
    )
    result = subprocess.run(["node", "-e", script], input=json.dumps(checks), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
