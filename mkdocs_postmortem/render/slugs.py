"""File names for generated pages, made from names written by authors.

A service called `../../etc`, `Edge DNS`, `Paiement été` or `日本` must give a
file name that stays inside its folder, reads well in a URL, and is the same
on every build. Names that fold to the same slug get numbered suffixes in a
stable order, so two services never share a page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_LENGTH = 60


def slugify(name: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens.

    Accents are folded (`été` -> `ete`); a name with nothing left (`../`,
    `日本`) gets a short hash of itself so that it still has a stable page.
    """
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")[:_MAX_LENGTH].strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(str(name).encode("utf-8")).hexdigest()[:8]
    return f"x-{digest}"


def unique_slugs(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """name -> slug, distinct across names and from `reserved` (e.g. `index`).

    Names are numbered in sorted order, so the same set of names always gets
    the same slugs whatever order they were met in.
    """
    taken = set(reserved)
    result: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (slugify(n), n)):
        base = slugify(name)
        slug, number = base, 2
        while slug in taken:
            slug = f"{base}-{number}"
            number += 1
        taken.add(slug)
        result[name] = slug
    return result
