"""Slugs for generated page names (labels and durations: test_text.py)."""

from __future__ import annotations

import pytest

from mkdocs_postmortem.render.slugs import slugify, unique_slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("../../x", "x"),
        ("Edge DNS", "edge-dns"),
        ("Paiement été", "paiement-ete"),
        ("CHECKOUT", "checkout"),
        ("a/b\\c", "a-b-c"),
        ("  --api--  ", "api"),
    ],
)
def test_names_become_safe_slugs(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["../", "日本", "<>", ""])
def test_names_with_nothing_left_get_a_stable_hashed_slug(name):
    slug = slugify(name)
    assert slug.startswith("x-") and len(slug) == 10
    assert slug == slugify(name)
    assert slug.replace("-", "").isalnum() and slug.isascii()


def test_different_names_never_share_a_slug_whatever_their_order():
    names = ["Edge DNS", "edge-dns", "EDGE DNS", "index", "日本", "中国"]
    forward = unique_slugs(names, reserved={"index"})
    backward = unique_slugs(list(reversed(names)), reserved={"index"})
    assert forward == backward
    assert len(set(forward.values())) == len(names)
    assert "index" not in forward.values()
