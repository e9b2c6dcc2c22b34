"""The MkDocs side of the generated pages: virtual files, links, nav, TOC, the serve cache and assets.

The views (`render.views`) say what each page shows; this part makes them
pages of an MkDocs build (or, in `standalone`, Markdown files for Zensical).
"""
