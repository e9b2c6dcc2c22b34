"""Slugs for generated page names, labels per language, and duration wording."""

from __future__ import annotations

import pytest

from mkdocs_postmortem.render.labels import labels_for, language_of
from mkdocs_postmortem.render.views.rows import format_minutes
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


def test_labels_follow_the_language_and_fall_back_to_english():
    assert language_of("fr_FR") == "fr" and language_of("fr-CA") == "fr"
    assert language_of("de") == "en" and language_of(None) == "en"
    french = labels_for("fr")
    english = labels_for("en")
    assert french["overview"] != english["overview"]
    assert set(french) == set(english)
    assert set(french["action_status"]) == set(english["action_status"]) == {"open", "in-progress", "done", "wont-do"}


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(None, "–"), (0, "0 min"), (45, "45 min"), (60, "1 h"), (95, "1 h 35 min"), (1440, "1 d"), (3000, "2 d 2 h")],
)
def test_durations_read_as_words(minutes, text):
    assert format_minutes(minutes, labels_for("en")) == text
