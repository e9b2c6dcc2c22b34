"""Zensical runs Python-Markdown extensions but no MkDocs plugin: the extension draws the
timeline charts and makes postmortem pages safe (`markdown.py`), and `mkdocs-postmortem
generate` writes the generated pages as Markdown files (`standalone.py`)."""
