"""The reader's words: a column's role is remembered under its header and the roles asked."""

from __future__ import annotations

import importlib

from mkdocs_postmortem.read.vocabulary import vocabulary

# The module itself: `mkdocs_postmortem.read` names its function `vocabulary` too.
vocabulary_module = importlib.import_module("mkdocs_postmortem.read.vocabulary")


def test_a_header_asked_about_other_roles_gets_its_own_answer_each_time():
    words = vocabulary()
    for _ in range(2):  # the second time from what was remembered
        assert words.column_role("Owner", ("time",)) is None
        assert words.column_role("Owner", ("owner",)) == "owner"
        assert words.column_role("Responsable", ("time", "owner")) == "owner"
        assert words.column_role("Heure (UTC)", ("time", "event")) == "time"
        assert words.column_role("Heure (UTC)", ("event",)) is None


def test_the_remembered_roles_stay_bounded_on_an_archive_of_ever_new_headers():
    words = vocabulary()
    for number in range(vocabulary_module._ROLES_REMEMBERED + 10):
        words.column_role(f"Column {number}", ("time",))
    assert len(words._roles_of) <= vocabulary_module._ROLES_REMEMBERED
    assert words.column_role("Owner", ("owner",)) == "owner"  # still answered when nothing more is kept
    words._roles_of.clear()  # the process's vocabulary is shared: the tests after this one remember again
