"""mkdocs-postmortem: a checked, charted, indexed incident postmortem handbook for MkDocs."""

__version__ = "0.1.0"
