"""Loggers for the engine-free core (read/, parallel.py).

They write where MkDocs' own plugin loggers write (under `mkdocs.plugins.`, so
a build shows them and `--strict` counts their warnings) with the same
`mkdocs_postmortem: ` prefix, without importing MkDocs: the reader also runs
under the CLI and inside Zensical's Markdown extension.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any


class _Prefixed(logging.LoggerAdapter):
    def __init__(self, prefix: str, logger: logging.Logger) -> None:
        super().__init__(logger, {})
        self.prefix = prefix

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        return f"{self.prefix}: {msg}", kwargs


def logger(name: str) -> logging.LoggerAdapter:
    """The logger of module `name`, as MkDocs names a plugin's."""
    return _Prefixed(name.split(".", 1)[0], logging.getLogger(f"mkdocs.plugins.{name}"))
