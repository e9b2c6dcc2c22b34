"""The five seed documents, as shipped, checked as postmortems: their template
placeholders and missing facts are reported at the right lines, and nothing crashes."""

from __future__ import annotations

from datetime import date

import pytest

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

SETTINGS = Settings(build_date=date(2026, 6, 1))

# seed -> {(line, code): words the message must quote}
EXPECTED = {
    "000_1ebdb773f1e6c6e2.txt": {
        (1, "PM001"): "front matter",
        (1, "PM103"): "[Nom de l'incident]",
        (9, "PM103"): '"YYYY-MM-DD HH:mm"',
        (11, "PM103"): '"XX minutes"',
        (34, "PM103"): '"…"',
        (36, "PM103"): '"Oui / Non"',
        (43, "PM103"): '"UTC+X"',
        (62, "PM103"): '"......"',
        (87, "PM103"): '"[📎 lien]"',
        (58, "PM201"): "has no answer",
        (79, "PM304"): "Interdire les accès directs",
    },
    "001_2310abe23b3c8f83.txt": {
        (1, "PM103"): "[Titre de l'incident]",
        (4, "PM103"): '"[YYYY-MM-DD HH:MM]"',
        (5, "PM103"): '"[X heures Y minutes]"',
        (6, "PM103"): '"Critique | Majeur | Mineur"',
        (15, "PM103"): '"HH:MM", "[Nom]"',
        (58, "PM103"): '"Point positif 1"',
        (101, "PM103"): '"Action 1", "[Nom]", "[Date]"',
        (169, "PM103"): '"Draft | En révision | Approuvé | Clos"',
    },
    "002_3e52b0a24b17cea1.txt": {
        (24, "PM104"): "définir des actions",
        (232, "PM304"): "Ajouter monitoring webhook",
    },
    "003_1ddf4b1650a36f71.txt": {
        (1, "PM001"): "front matter",
        (5, "PM103"): '"[YYYY-MM-DD]"',
        (7, "PM103"): '"[XX minutes/hours]"',
        (8, "PM103"): '"[Your Name]"',
        (9, "PM103"): '"[Low/Medium/High/Critical]"',
        (26, "PM103"): '"HH:MM"',
        (78, "PM103"): '"[Action 1]", "[Name]", "[Date]"',
        (85, "PM103"): '"[Immediate fix 1]"',
    },
    "004_bcb524758dd451ae.txt": {
        (1, "PM103"): '"[Incident Title]"',
        (7, "PM103"): '"P1/P2/P3"',
        (42, "PM103"): '"X"',
        (43, "PM103"): '"Y%"',
        (47, "PM103"): '"$X"',
        (74, "PM103"): '"[Name]"',
        (91, "PM103"): '"Lesson 1"',
        (134, "PM103"): '"[Link to metrics during incident]"',
        (24, "PM201"): "no why/answer pairs",
        (74, "PM302"): "Fix the root cause",
    },
}
# Facts every seed leaves out (PM002), by seed.
MISSING = {
    "000_1ebdb773f1e6c6e2.txt": {"severity", "services", "started", "resolved"},
    "001_2310abe23b3c8f83.txt": {"severity", "services", "started", "resolved"},
    "002_3e52b0a24b17cea1.txt": {"services"},
    "003_1ddf4b1650a36f71.txt": {"severity", "services", "started", "resolved"},
    "004_bcb524758dd451ae.txt": {"severity", "services", "started", "resolved"},
}


@pytest.fixture(scope="module")
def handbook(seeds_dir):
    sources = [
        Source(path=f"../shared/seeds/{name}", src_uri=f"postmortems/{name[:-4]}.md", content=(seeds_dir / name).read_bytes())
        for name in EXPECTED
    ]
    return Handbook.load(sources, SETTINGS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_seed_is_reported_with_its_placeholders_and_missing_facts(handbook, name):
    diagnostics = [d for d in handbook.diagnostics if d.path == f"../shared/seeds/{name}"]
    for (line, code), words in EXPECTED[name].items():
        messages = [d.message for d in diagnostics if (d.line, d.code) == (line, code)]
        assert messages, f"{name}:{line}: {code} expected; got {[d.format() for d in diagnostics]}"
        assert any(words in message for message in messages), (messages, words)
    missing = {
        field for d in diagnostics if d.code == "PM002" for field in MISSING[name] if f"`{field}`" in d.message
    }
    assert missing == MISSING[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_placeholders_are_reported_once_per_line_and_never_with_an_unreadable_time(handbook, name):
    diagnostics = [d for d in handbook.diagnostics if d.path == f"../shared/seeds/{name}"]
    placeholder_lines = [d.line for d in diagnostics if d.code == "PM103"]
    assert len(placeholder_lines) == len(set(placeholder_lines))
    # "| HH:MM | ... |" is a template row (PM103), not an unreadable time (PM701).
    assert not {d.line for d in diagnostics if d.code == "PM701"} & set(placeholder_lines)


def test_nothing_in_code_blocks_is_reported_as_a_placeholder(handbook):
    seed_004 = [d for d in handbook.diagnostics if d.path.endswith("004_bcb524758dd451ae.txt")]
    # Lines 152-154 and 246-248 of seed 004 are fenced code blocks.
    assert not [d for d in seed_004 if d.code in ("PM103", "PM401") and d.line in (153, 247)]


def test_the_seeds_count_as_errors(handbook):
    assert handbook.errors and len({d.path for d in handbook.errors}) == 5
