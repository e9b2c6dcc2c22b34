"""The generated pages as pure functions of a Handbook: each page's context, testable without a site.

`registry.VIEWS` declares every page kind once (its option, default path,
title, planning, template, view, nav order and bar link); `base.Pages` is what
the views read; the engines' work (files, nav, TOC, serve cache) is in
`engines/`.
"""
