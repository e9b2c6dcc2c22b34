"""The ninth pass on severity (issue 22): a level stated in other words, in a
field, a table or a sentence: a level code with its number ("S2", "niveau 2",
"Level 3"), a code joined to its word ("S2-Major", "Niveau 3 – mineur"), and a
field whose label a dash follows ("**Gravité** — majeure"). Small postmortems
of our own, none a file of the corpus, English and French."""

from __future__ import annotations

from reading_helpers import read


def test_a_code_joined_to_its_word_in_a_field():
    pm = read("# Search slow\n\n**Incident severity:** S2-High\n\n## Summary\n\nSearch was slow.\n", "search.md")
    assert pm.severity == "P2"


def test_a_level_number_in_a_french_field():
    pm = read("# Panne du wiki\n\n- **Sévérité :** niveau 3 (mineur)\n\n## Résumé\n\nLe wiki était lent.\n", "wiki.md")
    assert pm.severity == "P3"


def test_a_level_code_in_a_table():
    pm = read("# Mail relay\n\n| Field | Value |\n|---|---|\n| Impact level | Level 1 – critical |\n"
              "| Service | mail |\n\n## Summary\n\nMail stopped.\n", "mail.md")
    assert pm.severity == "P1"


def test_a_bold_label_followed_by_a_dash_is_a_field():
    pm = read("# Panne de la paie\n\n- **Gravité** — majeure\n- **Service** — paie\n\n## Résumé\n\nLa paie a échoué.\n",
              "paie.md")
    assert pm.severity == "P2"


def test_an_english_bold_label_followed_by_a_dash_is_a_field():
    pm = read("# VPN down\n\n**Severity** – Sev 1\n\n## Summary\n\nThe VPN was down.\n", "vpn.md")
    assert pm.severity == "P1"


def test_two_levels_that_disagree_state_none():
    pm = read("# Search slow\n\n**Severity:** S2-Minor\n\n## Summary\n\nSearch was slow.\n", "search.md")
    assert pm.severity is None


def test_a_template_s_choices_state_none():
    pm = read("# Search slow\n\n**Severity:** S1 / S2 / S3\n\n## Summary\n\nSearch was slow.\n", "search.md")
    assert pm.severity is None


def test_a_storage_product_named_in_the_title_is_no_level():
    pm = read("# S3 bucket unreachable\n\n## Summary\n\nThe S3 bucket could not be reached.\n", "s3.md")
    assert pm.severity is None
