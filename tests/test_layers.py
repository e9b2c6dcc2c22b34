"""The layers of docs/architecture.md hold.

Data flows one way, stage by stage: no module imports a module of a later
stage. And the core runs without MkDocs: the reader, the rules, the handbook,
the views, the charts and the Markdown extension import nothing of it, so they
work the same under the CLI, ProperDocs and Zensical. Only the engines' wing
(engines/mkdocs/, the site's config file and postmortem files, the standalone
pages of engines/zensical/) and the CLI may import MkDocs; the Markdown
extension imports the config reader only once it reads a site."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mkdocs_postmortem"
MAY_IMPORT_MKDOCS = {
    "engines.mkdocs",
    # The site's config file is read with the plugin's own option classes (engines/mkdocs/config.py).
    "engines.config_file",
    "engines.postmortem_files",
    "engines.zensical.standalone",
    "cli",
    "__main__",
}

# The stages of the Architecture page's pipeline, in order, each by the modules (or
# packages) it holds; "" is the package's own __init__ (its version). A module
# belongs to the stage of its longest prefix here.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground floor", ("", "about", "logs", "one_line", "text", "zones", "model", "settings", "field_table")),
    ("sources", ("sources",)),
    ("read", ("read",)),
    ("incident facts", ("incident", "metrics")),
    ("learning", ("learning",)),
    ("rules", ("rules",)),
    ("handbook", ("verdict", "handbook", "cache", "parallel", "history", "shared_strings")),
    ("render", ("render", "field_reference", "schema", "sarif", "theme_templates")),
    ("engines and command line", ("engines", "markdown", "cli", "__main__")),
)
# Imports that run against the flow, each with why it may.
ALLOWED_UPWARD = {
    # Settings check a `ticket_url` template when they are made, with the ticket
    # module of read/, which imports nothing of the package.
    ("settings", "read.tickets"),
}

_BLOCKER = """
import importlib, sys
class NoMkDocs:
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError("the core imported " + name)
sys.meta_path.insert(0, NoMkDocs())
importlib.import_module(sys.argv[1])
"""


def _core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        dotted = ".".join(part for part in parts if part != "__init__")
        if any(dotted == allowed or dotted.startswith(allowed + ".") for allowed in MAY_IMPORT_MKDOCS):
            continue
        names.append("mkdocs_postmortem" + (f".{dotted}" if dotted else ""))
    return names


def test_the_core_is_most_of_the_package():
    assert len(_core_modules()) > 80


@pytest.mark.parametrize("module", _core_modules())
def test_core_module_imports_without_mkdocs(module):
    result = subprocess.run([sys.executable, "-c", _BLOCKER, module], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1:]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(part for part in parts if part != "__init__")


def _stage(module: str) -> int:
    found = [
        (len(prefix), number)
        for number, (_, prefixes) in enumerate(STAGES)
        for prefix in prefixes
        if module == prefix or (prefix and module.startswith(prefix + "."))
    ]
    if not found:
        raise AssertionError(f"mkdocs_postmortem.{module} is in no stage of STAGES: add it where docs/architecture.md puts it")
    return max(found)[1]


def _imports(path: Path, module: str) -> set[str]:
    """The package's modules `module` imports, at the top or inside a function."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = [part for part in package if part]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            origin = [*base, node.module] if node.module else base
            found.add(".".join(origin))
            # `from .. import handbook` and `from ..render import charts` import modules by name;
            # a name that is no module falls back to its module in _upward_imports.
            found.update(".".join([*origin, alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs_postmortem"):
            origin = node.module.removeprefix("mkdocs_postmortem").lstrip(".")
            found.add(origin)
            found.update(f"{origin}.{alias.name}".lstrip(".") for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("mkdocs_postmortem").lstrip(".")
                for alias in node.names
                if alias.name.startswith("mkdocs_postmortem")
            )
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _upward_imports() -> list[str]:
    modules = _modules()
    upward = []
    for module, path in modules.items():
        for imported in sorted(_imports(path, module)):
            if imported not in modules and imported.rpartition(".")[0] in modules:
                imported = imported.rpartition(".")[0]  # `from . import __version__`, `from .x import name`
            if imported not in modules or (module, imported) in ALLOWED_UPWARD:
                continue
            if _stage(imported) > _stage(module):
                upward.append(
                    f"{module} ({STAGES[_stage(module)][0]}) imports {imported} ({STAGES[_stage(imported)][0]})"
                )
    return upward


def test_every_module_has_a_stage():
    for module in _modules():
        _stage(module)


def test_no_module_imports_a_later_stage():
    assert _upward_imports() == []


def test_an_import_against_the_flow_is_found(monkeypatch):
    """sources.py took Source and display_path from handbook.py, the first stage from a later one."""
    real = _imports
    monkeypatch.setattr(
        sys.modules[__name__], "_imports",
        lambda path, module: real(path, module) | ({"handbook"} if module == "sources" else set()),
    )
    assert _upward_imports() == ["sources (sources) imports handbook (handbook)"]
