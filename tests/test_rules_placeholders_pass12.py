"""The twelfth pass on PM103 (issue 22): a bracket that opens a title or a mail
subject is decided by what a template's stand-in IS, not by being a bracket. A
stand-in names the value to write (`[Owner]`, `[Service name]`, `[Nom du
service]`), tells the author what to do (`[insert ...]`, `[Décrire ...]`,
`[Your name]`) or gives a format (`[YYYY-MM-DD]`); anything else opening a title
is the title's tag or category (`[DNum]`, `[retro active]`, `[ops-team]`),
whatever its case, its number of words or the emphasis around a mail label."""

from __future__ import annotations

import pytest

from mkdocs_postmortem.rules.placeholders import placeholders_in_line


@pytest.mark.parametrize(
    "line",
    [
        "**Objet :** [DNum] Incident messagerie du 12 janvier",
        "**Subject:** [SecOps] Phishing wave on the support mailbox",
        "*Sujet :* [Pôle Réseau] Coupure du lien vers le campus",
        "## [retro active] Partial API outage",
        "### [hot fix] Login loop on the mobile app",
        "# [ops-team] Rollback of the search cluster",
        "## [Équipe Infra] Redémarrage des hyperviseurs",
    ],
)
def test_a_tag_opening_a_title_is_no_placeholder(line):
    assert placeholders_in_line(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## [Service name] outage", ["[Service name]"]),
        ("## [Nom du service] indisponible", ["[Nom du service]"]),
        ("**Subject:** [Incident title] postmortem", ["[Incident title]"]),
        ("# [insert service] outage on [Date]", ["[insert service]", "[Date]"]),
        ("## [Décrire le composant] en panne", ["[Décrire le composant]"]),
        ("## [Your team] incident review", ["[Your team]"]),
        ("**Objet :** [YYYY-MM-DD] Incident", ["[YYYY-MM-DD]"]),
        ("# [Service] outage", ["[Service]"]),
        ("Le service [retro active] est coupé", ["[retro active]"]),
    ],
)
def test_a_stand_in_opening_a_title_is_still_found(line, expected):
    assert placeholders_in_line(line) == expected
