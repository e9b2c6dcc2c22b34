"""The user documentation keeps up with the code: every plugin option is in the
configuration reference, every command and option of the CLI is in docs/cli.md."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_cli
from mkdocs.config import config_options

from mkdocs_postmortem.engines.mkdocs.config import PostmortemConfig

DOCS = ROOT / "docs"
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def option_names(config_class, prefix: str = "") -> list[str]:
    """Dotted names of every option, sub-options included (`pages.overview`)."""
    names = []
    for name, option in config_class._schema:
        names.append(prefix + name)
        if isinstance(option, config_options.SubConfig):
            names += option_names(option.config_class, f"{prefix}{name}.")
    return names


def documented_names(text: str) -> set[str]:
    """Names the page documents: inline code and headings, with what a
    sub-option looks like under its parent (`pages.overview` or, after the
    parent is introduced, `overview`)."""
    found = set()
    for _, code in _INLINE_CODE.findall(text):
        found.add(code.strip().rstrip(":"))
    for heading in _HEADING.findall(text):
        found.add(heading.strip("` "))
        found.update(code.strip().rstrip(":") for _, code in _INLINE_CODE.findall(heading))
    return found


def _after_first_mention(text: str, parent: str) -> str:
    """The page from the first inline code naming `parent` (`pages`, `pages:`, `pages.x`)."""
    for match in _INLINE_CODE.finditer(text):
        if match.group(2).strip().rstrip(":").split(".")[0] == parent:
            return text[match.start():]
    return ""


def missing_options(text: str) -> list[str]:
    documented = documented_names(text)
    missing = []
    for name in option_names(PostmortemConfig):
        parent, _, leaf = name.rpartition(".")
        if name in documented:
            continue
        if parent and leaf in documented_names(_after_first_mention(text, parent)):
            continue
        missing.append(name)
    return missing


def configuration_page() -> str:
    page = DOCS / "configuration.md"
    if not page.exists():
        pytest.fail("docs/configuration.md, the configuration reference, is missing")
    return page.read_text(encoding="utf-8")


def test_every_plugin_option_is_in_the_configuration_reference():
    missing = missing_options(configuration_page())
    assert not missing, f"options missing from docs/configuration.md: {', '.join(missing)}"


@pytest.mark.parametrize("option", ["publish_deadline_days", "new_templates", "pages.families"])
def test_the_completeness_check_notices_a_missing_option(option):
    """The same page with every mention of one option removed must fail the check."""
    leaf = option.rpartition(".")[2]
    text = configuration_page()
    without = re.sub(rf"(?<!\w){re.escape(leaf)}(?!\w)", "removed", text)
    assert option in missing_options(without)


def cli_page() -> str:
    return (DOCS / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["new", "check", "stats", "schema", "generate"])
def test_every_option_of_every_command_is_in_docs_cli(command):
    """Options are read from the command's own --help, so a new option fails this test
    until it is documented."""
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", result.stdout)) - {"--help"}
    assert options, result.stdout
    page = cli_page()
    section = page[page.index(f"## `{command}`"):]
    next_section = section.find("\n## ", 1)
    section = section if next_section < 0 else section[:next_section]
    missing = sorted(option for option in options if f"`{option}" not in section and f"{option}`" not in section)
    assert not missing, f"`{command}` options missing from its section of docs/cli.md: {missing}"


def test_docs_cli_lists_every_command():
    result = run_cli("--help")
    commands = re.findall(r"^\s{4}([a-z]+)\s", result.stdout, re.MULTILINE)
    assert {"check", "stats"} <= set(commands), result.stdout
    page = cli_page()
    for command in commands:
        assert f"## `{command}`" in page, f"docs/cli.md has no section for `{command}`"


def test_the_ready_workflow_in_docs_ci_runs_on_the_handbook():
    """The workflow a handbook repository copies from docs/ci.md: valid YAML, and
    its `mkdocs-postmortem` steps run as written on this handbook."""
    import yaml

    text = (DOCS / "ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(name: postmortems\n.*?)```", text, re.DOTALL).group(1))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    steps = workflow["jobs"]["check"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    assert "mkdocs-postmortem check --format github" in commands
    assert "mkdocs build --strict" in commands
    for command in commands:
        if command.startswith("mkdocs-postmortem "):
            result = run_cli(*command.split()[1:], cwd=ROOT)
            assert result.returncode == 0, result.stdout + result.stderr
