"""MkDocs and ProperDocs: the plugin's events (`plugin.py`) and options (`config.py`), and the
site side of the generated pages: virtual files, links, nav, TOC, the serve cache, assets, feeds.

The views (`render.views`) say what each page shows; this part makes them
pages of an MkDocs build (`engines.zensical.standalone` reuses it to write them
as Markdown files for Zensical).
"""
