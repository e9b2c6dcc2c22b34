"""The core runs without MkDocs: the reader, the rules, the handbook, the views,
the charts and the Markdown extension import nothing of it, so they work the
same under the CLI, ProperDocs and Zensical. Only the engines' wing (engines/mkdocs/,
the site's config file and postmortem files, the standalone pages of engines/zensical/)
and the CLI may import MkDocs; the Markdown extension imports the config reader only
once it reads a site."""

from __future__ import annotations

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
