"""The engines that turn the handbook into a site: MkDocs and ProperDocs (`mkdocs/`, through
the plugin), Zensical (`zensical/`, through a Python-Markdown extension and the pages
`mkdocs-postmortem generate` writes)."""
