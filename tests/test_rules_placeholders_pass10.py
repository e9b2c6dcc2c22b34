"""The tenth pass on PM103 (issue 22): a placeholder is a template's words,
not any bracket. A bracket holding a value the reader knows (an action item's
status a helpdesk writes after the item, a document's status) is that value,
and a bracketed text ending with an arrow is a link's text whose target an
export lost. Lines of our own, English and French; the stand-ins a template
leaves are still found."""

from __future__ import annotations

import pytest
from reading_helpers import check_codes

from mkdocs_postmortem.rules.placeholders import placeholders_in_line


@pytest.mark.parametrize(
    "line",
    [
        "- Rotate the broker credentials every quarter [Planned]",
        "- Page the on-call engineer when the queue backs up [Done]",
        "- Ajouter une alerte sur la latence des réponses [En cours]",
        "- Revoir la procédure de bascule [Terminé]",
        "| Add a heartbeat to the relay | [In progress] |",
        "Statut du document : [Brouillon]",
        "Degraded performance · Resolved · [Read the provider's update →]",
        "Panne partielle — [Consulter la page d'état ›]",
        "Voir aussi [le rapport du fournisseur »]",
    ],
)
def test_a_known_value_or_a_link_text_in_brackets_is_no_placeholder(line):
    assert placeholders_in_line(line) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- **Owner**: [Owner]", ["[Owner]"]),
        ("- Statut : [Statut]", ["[Statut]"]),
        ("- [Link to the status page]", ["[Link to the status page]"]),
        ("| Add an alert | [Name] | [Done/Open] |", ["[Name]", "[Done/Open]"]),
        ("Logs : [📎 lien]", ["[📎 lien]"]),
        # A status word as the value of a label that asks for something else is the template's.
        ("Owner: [TODO]", ["[TODO]"]),
        ("**Responsable :** [À faire]", ["[À faire]"]),
    ],
)
def test_a_templates_stand_ins_are_still_placeholders(line, expected):
    assert placeholders_in_line(line) == expected


def test_check_on_a_helpdesk_report_raises_no_placeholder(tmp_path):
    text = (
        "---\ntitle: Chat delays\nstarted: 2026-02-16T09:00:00Z\nresolved: 2026-02-16T10:00:00Z\nseverity: SEV3\n---\n\n"
        "# Chat delays\n\n## Summary\n\nChat messages were delayed.\n\n## Corrective measures\n\n"
        "- Add a heartbeat to the broker connections [Scheduled]\n"
        "- Alert on the age of the oldest queued message [Completed]\n\n"
        "État : Résolu · [Lire la mise à jour du fournisseur →]\n"
    )
    assert [code for code, _ in check_codes(tmp_path, "2026-02-16-chat.md", text) if code == "PM103"] == []
