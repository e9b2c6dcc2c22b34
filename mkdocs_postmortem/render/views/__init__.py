"""The generated pages as pure functions of a Handbook: each page's context, testable without a site.

`registry.VIEWS` lists every page kind (planning, template, view); `base.Pages`
is what the views read; the MkDocs work (files, nav, TOC, serve cache) is in
`render.site`.
"""
