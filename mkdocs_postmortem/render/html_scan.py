"""Headings and tags found again in HTML the templates or Python-Markdown wrote.

Regular expressions rather than an HTML parser: html.parser took seconds on a
tracker of thousands of rows, and this HTML is the theme's and the plugin's own
output, not arbitrary markup.
"""

from __future__ import annotations

import re

# Groups: level ("1" to "6"), the opening tag's attributes, the inner HTML.
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
