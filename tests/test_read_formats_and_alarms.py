"""Other formats' front matter and the false alarms a reader raises on what it
does not understand, one test per class seen on the fourth held-out part
(issue 22, fourth pass), each on its own small postmortem: front matter in
TOML (`+++`, Hugo and Zola) or JSON (`{`, Hugo) is front matter, never body;
a key of a file written in another tool's format is never a typo of ours; a
question asking about blame blames nobody; a heading that joins a section's
name to a word that names none still names that section; a long question
heading names the section its question asks for."""

from __future__ import annotations

from conftest import run_cli, run_mkdocs, write_site
from reading_helpers import check_codes, read

from mkdocs_postmortem.read.headings import cued_key

TOML = (
    "+++\n"
    'title = "Panne de la file d\'attente"\n'
    "date = 2025-04-02T18:00:00+02:00\n"
    "draft = false\n"
    "\n"
    "[taxonomies]\n"
    'tags = ["file", "messagerie"]\n'
    "\n"
    "[extra]\n"
    'redacteur = "Equipe plateforme"\n'
    "+++\n"
    "\n"
    "## Résumé\n\nLa file d'attente a refusé les messages pendant une heure.\n"
)

JSON = (
    "{\n"
    '  "title": "Queue refused messages",\n'
    '  "date": "2025-04-02",\n'
    '  "tags": ["queue"],\n'
    '  "params": {"team": "platform"}\n'
    "}\n"
    "\n"
    "## Summary\n\nThe queue refused messages for an hour.\n"
)


def codes(tmp_path, name: str, text: str) -> list[str]:
    return [code for code, _ in check_codes(tmp_path, name, text)]


# --- front matter in another format ------------------------------------------------------


def test_toml_front_matter_is_front_matter_not_body(tmp_path):
    pm = read(TOML, "2025-04-02-file.md")
    assert pm.title == "Panne de la file d'attente"
    assert pm.front_matter_present
    assert "taxonomies" in pm.front_matter and pm.front_matter["extra"] == {"redacteur": "Equipe plateforme"}
    assert pm.body_line == 12
    found = codes(tmp_path, "2025-04-02-file.md", TOML)
    assert not {"PM103", "PM005", "PM003", "PM001"} & set(found), found


def test_json_front_matter_is_front_matter_not_body(tmp_path):
    pm = read(JSON, "2025-04-02-queue.md")
    assert pm.title == "Queue refused messages"
    assert pm.front_matter["params"] == {"team": "platform"}
    found = codes(tmp_path, "2025-04-02-queue.md", JSON)
    assert not {"PM103", "PM005", "PM003", "PM001"} & set(found), found


def test_broken_toml_front_matter_is_reported_on_its_line(tmp_path):
    text = '+++\ntitle = "Queue"\ndate = = 2025\n+++\n\n## Summary\n\nThe queue stalled.\n'
    problems = [(code, message) for code, message in check_codes(tmp_path, "2025-04-02-q.md", text)]
    assert any(code == "PM001" and "TOML" in message for code, message in problems), problems


def test_fix_keeps_a_toml_front_matter_and_writes_no_second_one(tmp_path):
    write_site(tmp_path, {"2025-04-02-file.md": TOML.encode("utf-8")})
    path = tmp_path / "docs" / "postmortems" / "2025-04-02-file.md"
    result = run_cli("fix", str(path), cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert path.read_text(encoding="utf-8") == TOML
    assert "TOML" in result.stdout + result.stderr


# --- a key of another tool's format is no typo of ours -----------------------------------


def test_a_note_taking_tool_s_publish_key_is_not_a_typo(tmp_path):
    text = ("---\ntags: [incident]\ncssclasses: [wide]\npublish: true\nseverity: SEV-2\n---\n\n"
            "# Cache flood\n\n## Summary\n\nThe cache was flooded for an hour.\n")
    assert "PM005" not in codes(tmp_path, "2025-04-02-cache.md", text)


def test_no_key_is_a_typo_of_ours_in_a_file_written_in_another_tool_s_format(tmp_path):
    text = ("---\nlayout: post\npermalink: /incidents/cache/\nservice: cache\nstatuses: [draft]\n---\n\n"
            "# Cache flood\n\n## Summary\n\nThe cache was flooded for an hour.\n")
    assert "PM005" not in codes(tmp_path, "2025-04-02-cache.md", text)


def test_a_typo_in_a_file_of_our_format_is_still_reported(tmp_path):
    text = ("---\ntitle: Cache flood\nseverty: SEV2\n---\n\n## Summary\n\nThe cache was flooded for an hour.\n")
    assert "PM005" in codes(tmp_path, "2025-04-02-cache.md", text)


# --- a question about blame blames nobody ------------------------------------------------


def test_a_template_question_about_blame_is_not_blaming(tmp_path):
    text = ("# Cache flood\n\n## Questions\n\n* Did human error play a part, or a fault in the tooling?\n"
            "  * The tooling: the deploy ran before the warm-up ended.\n")
    assert "PM401" not in codes(tmp_path, "2025-04-02-cache.md", text)


def test_a_statement_of_blame_is_still_blaming(tmp_path):
    text = "# Cache flood\n\n## Summary\n\nThe flood was a human error during the deploy.\n"
    assert "PM401" in codes(tmp_path, "2025-04-02-cache.md", text)


# --- sections stated under other names ---------------------------------------------------


def keys(pm) -> list[str]:
    return [section.key for section in pm.sections]


def test_a_heading_joining_a_section_to_a_word_that_names_none_names_the_section():
    text = ("# Queue stall\n\n## Summary\n\nThe queue stalled.\n\n## Detection & timeline\n\n"
            "- 10:02 consumers stop\n- 10:40 consumers restarted\n")
    assert "timeline" in keys(read(text, "2025-04-02-queue.md"))


def test_a_word_that_names_no_section_alone_or_qualifying_another_keeps_a_heading_unclassified():
    text = "# Queue stall\n\n## Summary\n\nThe queue stalled.\n\n## Appendix\n\n- a graph of the queue depth\n"
    assert keys(read(text, "2025-04-02-queue.md")) == ["summary", ""]
    assert cued_key("Detection events") == ""
    assert cued_key("Contexte et chronologie") == "timeline"


def test_a_heading_that_holds_several_sections_is_a_title_not_a_section():
    text = ("# Signing keys\n\n## Signing key expiry retrospective overview\n\n### Impact\n\nUploads failed.\n\n"
            "### Root cause\n\nThe intermediate key expired.\n\n### Opportunities for improvement\n\n"
            "1. An alert thirty days before a key expires.\n2. Key rotation from a scheduled job.\n")
    pm = read(text, "2025-04-02-keys.md")
    assert {"impact", "root_cause", "actions"} <= set(keys(pm))
    assert [item.text for item in pm.actions] == [
        "An alert thirty days before a key expires.", "Key rotation from a scheduled job."]


def test_a_question_asking_what_we_are_doing_names_the_action_items(tmp_path):
    text = ("# Disk latency\n\n## What happened?\n\nDisks were slow for two hours.\n\n"
            "## How are we reducing the chance that slow disks stall every tenant again?\n\n"
            "- Spread tenants over two disk pools.\n- Alert on the write queue depth.\n")
    pm = read(text, "2025-04-02-disks.md")
    assert "actions" in keys(pm)
    assert len(pm.actions) == 2
    assert not any(code == "PM101" and "Action" in message
                   for code, message in check_codes(tmp_path, "2025-04-02-disks.md", text))


def test_a_french_question_asking_what_we_will_do_names_the_action_items():
    text = ("# Lenteur des disques\n\n## Que s'est-il passé ?\n\nLes disques ont ralenti.\n\n"
            "## Qu'allons-nous changer pour que cela ne se reproduise pas ?\n\n"
            "- Répartir les clients sur deux grappes de disques.\n")
    assert "actions" in keys(read(text, "2025-04-02-disques.md"))


def test_a_question_about_what_we_did_is_not_the_action_items():
    text = ("# Disk latency\n\n## What happened?\n\nDisks were slow.\n\n"
            "## How did we respond?\n\n- Moved the busiest tenants to another pool.\n")
    assert "actions" not in keys(read(text, "2025-04-02-disks.md"))


def test_a_long_question_about_what_we_will_do_names_the_actions_whatever_it_mentions_later():
    text = ("# Disk latency\n\n## What happened?\n\nDisks were slow.\n\n"
            "## How are we keeping one slow disk from affecting every tenant next time?\n\n"
            "- Spread tenants over two disk pools.\n")
    assert "actions" in keys(read(text, "2025-04-02-disks.md"))



def test_a_page_with_toml_front_matter_shows_its_body_not_its_front_matter(tmp_path):
    write_site(tmp_path, {"2025-04-02-file.md": TOML.encode("utf-8")}, options={"enforce_from": "2026-01-01"})
    result = run_mkdocs("build", "-d", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "postmortems" / "2025-04-02-file" / "index.html").read_text(encoding="utf-8")
    assert "refusé les messages pendant une heure" in html
    assert "taxonomies" not in html and "redacteur" not in html
