"""Models read for a build keep one copy of each short string they repeat, and read the same."""

from __future__ import annotations

import sys

from conftest import write_site
from test_cache import postmortems

from mkdocs_postmortem.handbook import Handbook, ReadCache
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.shared_strings import SharedStrings
from mkdocs_postmortem.sources import read_source


def _models(tmp_path, shares_strings: bool):
    docs = tmp_path / "docs"
    sources = [
        read_source(str(path), src_uri=f"postmortems/{path.name}", docs_dir=str(docs))
        for path in sorted((docs / "postmortems").glob("*.md"))
    ]
    cache = ReadCache(shares_strings=shares_strings)
    return Handbook.load(sources, Settings(), cache, workers=2)


def _strings(objects) -> list[str]:
    """Every str reachable from `objects` through lists, tuples, dicts and record fields."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(value):
        if type(value) is str:
            found.append(value)
            return
        if id(value) in seen or isinstance(value, (int, float, bytes)) or value is None:
            return
        seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name, None))

    walk(objects)
    return found


def test_models_read_for_a_build_keep_one_copy_of_each_short_string(tmp_path):
    write_site(tmp_path, postmortems())
    separate, shared = _models(tmp_path, False), _models(tmp_path, True)
    # What is read is the same, field for field.
    assert shared.postmortems == separate.postmortems and len(shared.postmortems) >= 2
    assert shared.diagnostics == separate.diagnostics

    def copies(handbook) -> int:
        strings = [s for s in _strings([handbook.postmortems, handbook.diagnostics]) if len(s) <= 64]
        return len({id(s) for s in strings}) - len(set(strings))

    assert copies(separate) > 20  # the files repeat field names, states and services
    assert copies(shared) == 0


def test_sharing_keeps_what_is_not_a_plain_string_as_it_was():
    class Kind(str):
        pass

    kept = Kind("severity")
    items = [{"sev" + "erity": ("a" + "b", kept)}, ["x" * 100, "sev" + "erity"]]
    SharedStrings().share(items)
    key = next(iter(items[0]))
    assert items[1][1] is key and items[0][key][1] is kept and type(items[0][key][1]) is Kind
    assert items[0][key][0] == "ab" and sys.getrefcount(items[1][0]) >= 2


def test_a_model_whose_strings_are_shared_shows_the_same_key(tmp_path):
    # A build shares the strings of the models it reads, not of those the cache gives back: what a
    # part shows of a model must not depend on it, or every part is made again after any edit.
    from mkdocs_postmortem.render.views.shown import shown_key

    write_site(tmp_path, postmortems())
    separate, shared = _models(tmp_path, False), _models(tmp_path, True)
    for one, other in zip(separate.postmortems, shared.postmortems):
        assert shown_key(one, None, None) == shown_key(other, None, None)
