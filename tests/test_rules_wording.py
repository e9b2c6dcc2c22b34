"""What the wording rules read and what they leave alone, on whole postmortems:
code is never read, owners are not blamed, front matter values are checked."""

from __future__ import annotations

import pytest
from test_rules_variants import EN, FR, check, edit, line_of


def codes_at(source):
    return {(d.code, d.line) for d in check(source)}


def test_code_blocks_and_inline_code_are_not_read():
    fenced = edit(
        EN,
        ("expiry date of ours.\n", "expiry date of ours.\n\n```text\n[Owner] TBD human error\nThomas forgot to renew it\n```\n\n"
         "~~~\nYYYY-MM-DD HH:mm\n~~~\n\nThe log line `[Name] should have` is quoted as is.\n"),
    )
    assert check(fenced) == []


def test_html_comments_are_not_read():
    commented = edit(EN, ("expiry date of ours.\n", "expiry date of ours.\n<!-- [Owner]: TBD,\nXX minutes -->\n"))
    assert check(commented) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The deploy script broke the cache keys.",
        "Nobody forgot anything: the reminder did not exist.",
        "L'équipe a oublié de documenter la rotation.",
        "Payments broke for 4% of customers.",
        "Ana Lopez owns the follow-up; Li Wei reviewed the fix.",
        "The team should consider a canary.",
        "No blame: the goal is to learn, not to assign blame.",
    ],
)
def test_system_focused_sentences_are_not_blame(sentence):
    source = edit(EN, ("expiry date of ours.", f"expiry date of ours. {sentence}"))
    assert check(source) == []


def test_owners_in_the_owner_column_are_not_blame():
    source = edit(EN, ("| Ana Lopez | 2026-09-01 |", "| Thomas    | 2026-09-01 |"))
    assert check(source) == []


def _add_en(sentence):
    return edit(EN, ("expiry date of ours.", f"expiry date of ours. {sentence}"))


def _add_fr(sentence):
    return edit(FR, ("suivait la date d'expiration du nôtre.", f"suivait la date d'expiration du nôtre{sentence}"))


@pytest.mark.parametrize(
    ("source", "quoted", "marker"),
    [
        (_add_en("It was Bob's fault."), "Bob's fault", "Bob's"),
        (_add_en("Bob broke the deploy."), "Bob broke", "Bob broke"),
        (_add_en("The on-call should have renewed it."), "should have", "should have"),
        (_add_fr(", par négligence."), "négligence", "négligence"),
        (_add_fr(" : c'est la faute de l'astreinte."), "la faute de", "la faute"),
        # A typographic apostrophe, as French keyboards and editors write it.
        (_add_fr(". Marie n\u2019a pas vérifié le secret."), "Marie n'a pas vérifié", "Marie"),
    ],
)
def test_blame_is_quoted_with_a_system_focused_suggestion(source, quoted, marker):
    (diagnostic,) = check(source)
    assert diagnostic.code == "PM401" and diagnostic.level == "warning"
    assert f'"{quoted}' in diagnostic.message and "instead" in diagnostic.message
    assert diagnostic.line == line_of(source, marker)


def test_front_matter_placeholders_are_reported_on_their_field():
    source = edit(EN, ("title: Checkout orders stuck after the payment webhook secret expired", "title: '[Incident Title]'"))
    assert codes_at(source) == {("PM103", 2)}
    assert "`title`" in check(source)[0].message


def test_a_real_link_and_a_checkbox_are_not_placeholders_but_a_bracket_is():
    linked = edit(EN, ("expiry date of ours.", "expiry date of ours. See [the runbook](https://example.com/rb) and [^1].\n\n[^1]: Vendor notice."))
    assert check(linked) == []
    bracket = edit(EN, ("expiry date of ours.", "expiry date of ours. [Link to the vendor notice]"))
    assert codes_at(bracket) == {("PM103", line_of(bracket, "[Link to"))}
