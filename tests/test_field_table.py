"""The field table (`field_table.py`) is the one description of the front
matter: the reader reads its fields by kind, the JSON Schema is built from it,
PM002 takes its required fields from it, and the reference in
docs/front-matter.md is generated from it (`python scripts/field_docs.py`).
These tests fail when one of them disagrees with the table."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys

import jsonschema
import pytest
import yaml
from conftest import ROOT
from test_cli_schema import EditorLoader
from test_rules_variants import check

from mkdocs_postmortem.field_reference import TYPE_NAMES, MissingMarkers, refreshed
from mkdocs_postmortem.field_table import (
    FIELD_NAMES,
    FIELDS,
    Field,
    KeyKind,
    Kind,
    Required,
    required_fields,
)
from mkdocs_postmortem.model import Postmortem, ProblemKind
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.read.fields import READ_APART, READING
from mkdocs_postmortem.schema import front_matter_schema
from mkdocs_postmortem.settings import Settings

PAGE = ROOT / "docs" / "front-matter.md"
SCRIPT = ROOT / "scripts" / "field_docs.py"


def schema(settings: Settings | None = None) -> dict:
    return front_matter_schema(settings or Settings())


def valid(value_by_field: dict, settings: Settings | None = None) -> bool:
    return jsonschema.Draft202012Validator(schema(settings)).is_valid(value_by_field)


def read(meta: dict) -> Postmortem:
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n# Probe\n"
    return read_postmortem(text, path="probe.md", src_uri="postmortems/probe.md", settings=Settings())


# --- the reference in docs/front-matter.md -------------------------------------------------------


def test_the_committed_reference_is_what_the_table_gives():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_script_finds_a_stale_reference_and_rewrites_only_the_tables(tmp_path):
    page = tmp_path / "front-matter.md"
    committed = PAGE.read_text(encoding="utf-8")
    edited = committed.replace("| `services` | list of str |", "| `services` | list of strings |", 1)
    edited = edited.replace("| `end_time`, `end`,", "| `end`,", 1)
    edited = edited.replace("holds the story.", "holds the whole story.", 1)
    assert edited.count("list of strings") == 1 and "| `end`," in edited and "whole story" in edited
    page.write_text(edited, encoding="utf-8")
    script = runpy.run_path(str(SCRIPT))
    assert script["is_stale"](page)
    script["write_page"](page)
    assert not script["is_stale"](page)
    # The tables are the table's again; the prose written by hand is kept.
    assert page.read_text(encoding="utf-8") == committed.replace("holds the story.", "holds the whole story.", 1)


def test_a_page_without_its_markers_is_refused():
    committed = PAGE.read_text(encoding="utf-8")
    with pytest.raises(MissingMarkers, match="field aliases"):
        refreshed(committed.replace("<!-- field aliases: end -->", ""))


def _table_after(marker: str) -> list[list[str]]:
    """The rows of the Markdown table that follows `marker` in the page, cell by cell."""
    text = PAGE.read_text(encoding="utf-8")
    rows = []
    for line in text[text.index(marker):].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows[2:]


def test_the_page_lists_every_field_with_its_type_and_whether_it_is_required():
    rows = _table_after("<!-- fields: start")
    assert [row[0] for row in rows] == [f"`{name}`" for name in FIELD_NAMES]
    for field, (_, type_name, required, notes) in zip(FIELDS, rows):
        assert type_name == TYPE_NAMES[field.kind]
        assert required == field.required.value
        assert notes == field.notes


def test_the_page_lists_every_alias_the_reader_reads():
    rows = _table_after("<!-- field aliases: start")
    listed = {row[0].strip("`"): re.findall(r"`([^`]+)`", row[1]) for row in rows}
    assert {name: aliases for name, aliases in listed.items() if not name.startswith("(")} == {
        field.name: list(field.aliases) for field in FIELDS if field.aliases
    }


def test_the_example_on_the_page_is_valid_for_the_schema_and_the_reader():
    text = PAGE.read_text(encoding="utf-8")
    example = text[text.index("```yaml\n---\n") + len("```yaml\n"):]
    example = example[:example.index("```")]
    meta = yaml.load(example.split("---\n")[1], Loader=EditorLoader)
    assert set(FIELD_NAMES) - set(meta) == {"timeline", "actions", "five_whys", "postmortem", "template"}
    assert valid(meta)
    pm = read_postmortem(example + "\n# Example\n", path="example.md", src_uri="postmortems/example.md",
                         settings=Settings())
    assert [problem for problem in pm.problems if problem.kind in (ProblemKind.UNREADABLE, ProblemKind.WRONG_VALUE)] == []
    assert pm.services == ["checkout", "payments-api"] and pm.started is not None and pm.impact["users"] == 1240


# --- the table and the JSON Schema ---------------------------------------------------------------

# A value of each YAML type. The schema of a field accepts none of another type
# than the one the reference names (a field of a vocabulary or a format refuses
# most texts too), and its examples are of that type.
PROBES = {"text": "a text", "list": ["a", "b"], "mapping": {"a": "b"}, "flag": True}
ACCEPTED = {
    "str": {"text"},
    "list of str": {"text", "list"},  # "a, b" is a list of two names
    "datetime": {"text"},
    "date": {"text"},
    "mapping": {"mapping"},
    "list": {"list"},
}
PYTHON_TYPES = {"str": str, "list of str": list, "datetime": str, "date": str, "mapping": dict, "list": list}


def test_the_schema_has_the_fields_of_the_table_in_its_order():
    assert list(schema()["properties"]) == list(FIELD_NAMES)


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
def test_the_schema_of_each_field_agrees_with_the_table(field: Field):
    spec = schema()["properties"][field.name]
    # Its type.
    type_name = TYPE_NAMES[field.kind]
    accepted = {probe for probe, value in PROBES.items() if valid({field.name: value})}
    assert accepted <= ACCEPTED[type_name], accepted
    assert field.examples
    for example in field.examples:
        assert isinstance(example, PYTHON_TYPES[type_name]) and valid({field.name: example}), example
    # Whether it is required: said in the description an editor shows.
    ending = {Required.NO: "", Required.ALWAYS: " Required.", Required.OUTSIDE_DRAFTS: " Required outside drafts."}
    assert spec["description"] == field.description + ending[field.required]
    # Its allowed values.
    if field.values:
        assert spec["anyOf"][0] == {"enum": list(field.values)}
        for value in field.values:
            assert valid({field.name: value}) and valid({field.name: value.upper()})
    # The keys of its objects, and their types.
    if field.keys:
        objects = spec if spec.get("type") == "object" else spec["items"]["anyOf"][0]
        assert list(objects["properties"]) == [key.name for key in field.keys]
        for key in field.keys:
            if key.kind is KeyKind.FLAG:
                assert not valid({field.name: _record(field, {key.name: "maybe"})})
            if key.kind is KeyKind.RULE_CODES:
                assert not valid({field.name: _record(field, {key.name: ["not a code"]})})


def _record(field: Field, value: dict):
    return [value] if field.kind is Kind.RECORDS else value


def test_the_severity_values_are_the_sites_levels():
    settings = Settings(severities=("SEV1", "SEV2"), severity_aliases={"page": "SEV1"})
    assert schema(settings)["properties"]["severity"]["anyOf"][0] == {"enum": ["SEV1", "SEV2"]}
    assert valid({"severity": "Page"}, settings) and not valid({"severity": "P1"}, settings)


def test_every_kind_is_read_given_a_schema_and_named_in_the_reference():
    from mkdocs_postmortem.schema import _KIND_SCHEMAS

    assert set(READING) | set(READ_APART) == set(Kind) and not set(READING) & set(READ_APART)
    assert set(_KIND_SCHEMAS) == set(Kind) == set(TYPE_NAMES)
    assert {field.kind for field in FIELDS} == set(Kind)


# --- the reader and the rules read the table -----------------------------------------------------

BASE = {"title": "Probe", "severity": "P3", "status": "approved", "services": ["probe"]}


@pytest.mark.parametrize("field", [field for field in FIELDS if field.aliases], ids=lambda field: field.name)
def test_every_alias_is_read_as_its_field(field: Field):
    base = {name: value for name, value in BASE.items() if name != field.name}
    expected = getattr(read({**base, field.name: field.examples[0]}), field.name)
    assert expected not in (None, "", [])
    for alias in field.aliases:
        pm = read({**base, alias: field.examples[0]})
        assert getattr(pm, field.name) == expected, alias
        assert pm.source_keys[field.name] == alias
        assert not [problem for problem in pm.problems if problem.kind is ProblemKind.WRONG_VALUE]


@pytest.mark.parametrize("draft", [False, True], ids=["finished", "draft"])
def test_pm002_asks_for_the_required_fields_of_the_table(draft):
    text = "---\nstatus: " + ("draft" if draft else "approved") + "\n---\n\n# Probe\n"
    asked = [re.match(r"required field `(\w+)`", d.message)[1] for d in check(text) if d.code == "PM002"]
    assert sorted(asked) == sorted(required_fields(draft))
    assert set(asked) == {field.name for field in FIELDS if field.required is Required.ALWAYS or (
        not draft and field.required is Required.OUTSIDE_DRAFTS)}
    assert ("services" in asked) is (not draft)


def test_no_other_module_lists_the_fields():
    """A second list of the field names is how the three descriptions drifted apart."""
    listing = re.compile(r'"title",\s*"id",\s*"severity"')
    package = ROOT / "mkdocs_postmortem"
    offenders = [path.name for path in package.rglob("*.py")
                 if path.name != "field_table.py" and listing.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
