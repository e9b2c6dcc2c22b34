"""What the package says about itself: its version as installed, and where its documentation lives.

The version has one source, `mkdocs_postmortem.__version__`, which the build
writes into the package metadata (pyproject.toml reads it); what runs reports
the metadata of what is installed, as `pip show` does.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import __version__

DISTRIBUTION = "mkdocs-postmortem"
# The plugin's published documentation (this repository's docs/ folder, built): rule pages
# are linked from code scanning alerts. The same URL is the "Documentation" project URL of
# pyproject.toml; a test keeps the two equal.
DOCUMENTATION_URL = "https://mkdocs-postmortem.github.io/mkdocs-postmortem/"


def installed_version() -> str:
    """The version in the installed package's metadata; `__version__` when run from a source
    tree that was never installed."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return __version__


def rule_url(code: str) -> str:
    """The rule's page in the published rule reference (built with directory URLs)."""
    return f"{DOCUMENTATION_URL}rules/{code}/"
