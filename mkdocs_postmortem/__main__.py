"""`python -m mkdocs_postmortem` is the `mkdocs-postmortem` command."""

import sys

from .cli import main

sys.exit(main())
