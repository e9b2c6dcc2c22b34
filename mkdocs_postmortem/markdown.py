"""The name sites list under `markdown_extensions`: `mkdocs_postmortem.markdown`.

The extension lives in `engines/zensical/markdown.py`; Python-Markdown loads an
extension by module name and calls its `makeExtension`.
"""

from .engines.zensical.markdown import PostmortemExtension, makeExtension

__all__ = ["PostmortemExtension", "makeExtension"]
