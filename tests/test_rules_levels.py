"""How a problem's level is decided: configured level, `off`, per-file ignore, drafts."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_rules_variants import EN, FR, SETTINGS, check, edit, line_of

from mkdocs_postmortem.rules import RULES
from mkdocs_postmortem.settings import settings_from_config

NO_OWNER = edit(EN, ("| Ana Lopez | 2026-09-01 |", "|           | 2026-09-01 |"))
BLAMING = edit(FR, ("suivait la date d'expiration du nôtre.", "suivait la date d'expiration du nôtre. Marie a oublié de le renouveler."))


def levels(diagnostics):
    return {(d.code, d.level) for d in diagnostics}


def test_defaults_come_from_the_catalogue():
    assert levels(check(NO_OWNER)) == {("PM301", "error")}
    assert levels(check(BLAMING)) == {("PM401", "warning")}


def test_configured_levels_override_the_default():
    assert levels(check(NO_OWNER, replace(SETTINGS, rules={"PM301": "warning"}))) == {("PM301", "warning")}
    assert levels(check(BLAMING, replace(SETTINGS, rules={"PM401": "error"}))) == {("PM401", "error")}


def test_off_switches_a_rule_off_for_the_whole_site():
    assert check(NO_OWNER, replace(SETTINGS, rules={"PM301": "off"})) == []
    no_whys = EN.split("### 5 Whys")[0] + "## Action Items" + EN.split("## Action Items")[1]
    assert {d.code for d in check(no_whys)} == {"PM201"}
    assert check(no_whys, replace(SETTINGS, rules={"PM201": "off"})) == []


def test_off_from_mkdocs_yml_goes_through_the_config_settings():
    settings = settings_from_config(
        {
            "build_date": "2026-06-01", "severities": ["P1", "P2", "P3", "P4"], "severity_aliases": {},
            "default_timezone": "UTC", "rules": {"PM301": "off", "PM401": "error"}, "folder": "postmortems",
            "mandatory_sections": ["summary", "timeline", "impact", "root_cause", "actions", "lessons"],
            "publish_deadline_days": 5, "publish_deadline_severities": ["P1", "P2"],
            "backlog_sections": ["backlog"], "ttr_from": "started",
        }
    )
    assert check(NO_OWNER, settings) == []
    assert levels(check(BLAMING, settings)) == {("PM401", "error")}


def test_a_file_can_ignore_rules_in_its_front_matter():
    ignored = edit(NO_OWNER, ("reviewers: [Li Wei]\n", "reviewers: [Li Wei]\npostmortem:\n  ignore: [PM301]\n"))
    assert check(ignored) == []
    other_rule = edit(NO_OWNER, ("reviewers: [Li Wei]\n", "reviewers: [Li Wei]\npostmortem: {ignore: [PM401]}\n"))
    assert levels(check(other_rule)) == {("PM301", "error")}


def test_drafts_downgrade_completeness_errors_to_warnings():
    draft = edit(NO_OWNER, ("status: approved", "status: draft"), ("published: 2026-03-06\n", ""))
    # PM502: a P2 still a draft three months after resolution (build date 2026-06-01).
    assert levels(check(draft)) == {("PM301", "warning"), ("PM502", "warning")}
    unreadable_deadline = edit(draft, ("| Li Wei    | 2026-10-01 |", "| Li Wei    | someday    |"))
    # A wrong value is not an unfinished body: PM303 stays an error on a draft.
    assert ("PM303", "error") in levels(check(unreadable_deadline))


def test_a_draft_needs_no_start_or_resolution_time():
    draft = edit(EN, ("status: approved", "status: draft"), ("published: 2026-03-06\n", ""))
    draft = edit(draft, ("started: 2026-03-04 14:00\n", ""), ("resolved: 2026-03-04 15:10\n", ""))
    codes = {d.code for d in check(draft)}
    assert "PM002" not in codes
    finished = edit(EN, ("started: 2026-03-04 14:00\n", ""))
    assert ("PM002", 1) in {(d.code, d.line) for d in check(finished)}


def test_completeness_rules_are_the_ones_drafts_relax():
    relaxed = {rule.code for rule in RULES if rule.completeness}
    assert relaxed == {"PM101", "PM102", "PM103", "PM201", "PM301", "PM302", "PM305"}


@pytest.mark.parametrize("level", ["warning", "error"])
def test_every_diagnostic_has_the_file_path_and_a_known_level(level):
    settings = replace(SETTINGS, rules={"PM301": level})
    (diagnostic,) = check(NO_OWNER, settings)
    assert diagnostic.path == "docs/postmortems/incident.md"
    assert diagnostic.line == line_of(NO_OWNER, "Alert on the webhook")
    assert diagnostic.level == level


def test_backlog_sections_are_configurable_and_wont_do_items_need_nothing():
    # The good postmortems keep an ownerless, undated idea under "### Backlog".
    icebox = replace(SETTINGS, backlog_sections=("icebox",))
    assert {d.code for d in check(EN, icebox)} == {"PM301", "PM302"}
    renamed = edit(EN, ("### Backlog", "### Icebox (ideas)"))
    assert check(renamed, icebox) == []
    wont_do = edit(EN, ("| 2026-10-01 | To Do       |", "|            | Won't Do    |"))
    assert check(wont_do) == []


@pytest.mark.parametrize(("old", "new"), [("services: [checkout, payments]", "services: []"), ("severity: P2", "severity:")])
def test_a_required_field_left_empty_is_reported_on_its_line(old, new):
    source = edit(EN, (old, new), ("- **Affected services**: checkout, payments\n", ""))
    assert {(d.code, d.line) for d in check(source)} == {("PM002", line_of(source, new))}
