"""Other formats' front matter and the false alarms a reader raises on what it
does not understand, one test per class seen on the fourth held-out part
(issue 22, fourth pass), each on its own small postmortem: front matter in
TOML (`+++`, Hugo and Zola) or JSON (`{`, Hugo) is front matter, never body;
a key of a file written in another tool's format is never a typo of ours; a
question asking about blame blames nobody; a heading that joins a section's
name to a word that names none still names that section; a long question
heading names the section its question asks for."""

from __future__ import annotations

from conftest import run_cli, write_site
from reading_helpers import check_codes, read

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
