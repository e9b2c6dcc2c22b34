"""The model the reader builds: frozen, whole once checked, and free of rule codes.

A checked model keeps what pages and the cross-file checks need, so a
`Handbook` built again from the models of `Handbook.load` (and the file checks
they had when read) finds the same problems, metrics and similar incidents,
while of its text it keeps only the lines read after the checks; nothing can
change a model after reading; and the reader names what it saw,
leaving the rule each fact falls under to the rules stage.
"""

from __future__ import annotations

import io
import pickle
import tokenize
from dataclasses import FrozenInstanceError, fields, replace
from datetime import date
from pathlib import Path

import pytest

from mkdocs_postmortem.handbook import Handbook, read_and_check
from mkdocs_postmortem.learning.similarity import find_similar
from mkdocs_postmortem.model import Postmortem, ProblemKind, ReadProblem
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.rules import HANDBOOK_CHECKS, check_postmortem
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
READER = ROOT / "mkdocs_postmortem" / "read"


# Beside the fixtures: a value of the wrong type and a file that is not UTF-8.
ODD_FILES = {
    "wrong-values.md": "---\ntitle: Odd values\nseverity: P9\nservices: [api]\nstarted: 2026-02-30 14:00\n---\n\n# Odd\n",
    "latin-1.md": "---\ntitle: Résumé\nseverity: P3\nservices: [api]\n---\n\n## Résumé\n\nÉté.\n",
}


def fixture_sources() -> list[Source]:
    files = sorted(path for path in FIXTURES.rglob("*.md"))
    sources = [
        Source(f"docs/postmortems/{path.parent.name}-{path.name}", f"postmortems/{path.parent.name}-{path.name}",
               path.read_bytes())
        for path in files
    ]
    encoding = {"latin-1.md": "cp1252"}
    return sources + [
        Source(f"docs/postmortems/{name}", f"postmortems/{name}", text.encode(encoding.get(name, "utf-8")))
        for name, text in ODD_FILES.items()
    ]


@pytest.mark.parametrize(
    "settings",
    [Settings(build_date=date(2026, 6, 1)), Settings(build_date=date(2026, 6, 1), max_file_size=3000)],
    ids=["whole files", "large files read for their headings"],
)
def test_a_handbook_built_again_from_checked_models_finds_the_same(settings):
    sources = fixture_sources()
    assert len(sources) > 20
    loaded = Handbook.load(sources, settings, workers=1)
    # The file's own checks ran when it was read: they come with the models, the cross-file ones run again.
    file_diagnostics = [d for d in loaded.diagnostics if d.code not in HANDBOOK_CHECKS]
    again = Handbook(loaded.postmortems, settings, file_diagnostics=file_diagnostics)
    assert again.diagnostics == loaded.diagnostics
    assert again.metrics == loaded.metrics
    assert again.postmortems == loaded.postmortems
    # Not an empty comparison: the fixtures have problems of every kind the reader records.
    codes = {d.code for d in loaded.diagnostics}
    assert {"PM001", "PM003", "PM104", "PM701"} <= codes
    assert ("PM105" in codes) == (settings.max_file_size == 3000)
    assert any(m.ttr is not None for m in loaded.metrics.values())


def test_a_checked_model_keeps_of_its_text_only_the_lines_read_later():
    settings = Settings(build_date=date(2026, 6, 1))
    sources = fixture_sources()
    loaded = Handbook.load(sources, settings, workers=1)
    whole_size = kept_size = 0
    wholes = []
    for source in sources:
        whole = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings)
        wholes.append(whole)
        kept = loaded.get(source.src_uri)
        assert kept == replace(whole, text=kept.text)
        whole_lines, kept_lines = whole.text.split("\n"), kept.text.split("\n")
        # Line numbers stay true: a line is kept as it is or left empty.
        assert len(kept_lines) == len(whole_lines) or (kept.text == "" and len(whole_lines) == 1), source.path
        assert all(line in ("", whole_line) for line, whole_line in zip(kept_lines, whole_lines)), source.path
        summary = whole.section("summary")
        if summary is not None:
            assert kept_lines[summary.line : summary.end_line] == whole_lines[summary.line : summary.end_line]
        whole_size += len(whole.text)
        kept_size += len(kept.text)
    assert kept_size < whole_size / 2
    # Similar incidents are found from the lines kept as from the whole text.
    found = _matches(find_similar(loaded.postmortems))
    assert found and found == _matches(find_similar(wholes))


def _matches(similarity) -> dict:
    return {
        uri: [(match.other.src_uri, match.score, match.terms, match.services, match.tags) for match in matches]
        for uri, matches in similarity.similar.items()
    }


def test_checking_a_model_twice_gives_the_same_diagnostics():
    settings = Settings(build_date=date(2026, 6, 1))
    for source in fixture_sources():
        pm = read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=settings)
        assert check_postmortem(pm, settings) == check_postmortem(pm, settings), source.path


def test_a_model_cannot_be_changed_after_reading():
    source = (FIXTURES / "build" / "2026-03-04-dns.md").read_bytes()
    pm = read_postmortem(source, path="docs/postmortems/dns.md", src_uri="postmortems/dns.md", settings=Settings())
    assert pm.timeline and pm.actions and pm.sections
    with pytest.raises(FrozenInstanceError):
        pm.title = "Something else"
    with pytest.raises(FrozenInstanceError):
        pm.text = ""
    with pytest.raises(FrozenInstanceError):
        pm.timeline[0].time = None
    with pytest.raises(FrozenInstanceError):
        pm.actions[0].owner = None
    with pytest.raises(FrozenInstanceError):
        pm.sections[0].has_content = False
    # A new value is a new model, and the model read stays as it was.
    renamed = replace(pm, title="Something else")
    assert renamed.title == "Something else" and pm.title != "Something else"


def test_a_model_travels_between_processes_whole():
    source = (FIXTURES / "build" / "2026-03-04-dns.md").read_bytes()
    pm = read_postmortem(source, path="docs/postmortems/dns.md", src_uri="postmortems/dns.md", settings=Settings())
    copy = pickle.loads(pickle.dumps(pm))
    assert copy == pm and copy.text == pm.text and copy.text


def test_models_and_diagnostics_pickle_as_dataclass_state_and_stay_frozen():
    """The cache's pickles: every object's state is its fields' values in order (what `dataclass`
    itself pickles), each kind of object comes back equal, and a model read back is still frozen."""
    settings = Settings(build_date=date(2026, 6, 1))
    checked = [read_and_check(source, settings) for source in fixture_sources()]
    seen: set[type] = set()

    def walk(value) -> None:
        if hasattr(type(value), "__dataclass_fields__"):
            seen.add(type(value))
            assert value.__getstate__() == [getattr(value, item.name) for item in fields(value)]
            for item in fields(value):
                walk(getattr(value, item.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for pm, diagnostics in checked:
        walk(pm)
        walk(diagnostics)
        copy, copied_diagnostics = pickle.loads(pickle.dumps((pm, diagnostics), protocol=pickle.HIGHEST_PROTOCOL))
        assert copy == pm and copied_diagnostics == diagnostics
        assert [type(d) for d in copied_diagnostics] == [type(d) for d in diagnostics]
    assert {"Postmortem", "Section", "TimelineEvent", "ActionItem", "Diagnostic", "ReadProblem"} <= {
        kind.__name__ for kind in seen}
    copy = pickle.loads(pickle.dumps(checked[0][0]))
    with pytest.raises(FrozenInstanceError):
        copy.title = "Something else"
    with pytest.raises(FrozenInstanceError):
        copy.sections[0].line = 0


def test_the_reader_says_what_it_saw_and_never_which_rule():
    assert "code" not in {field.name for field in fields(ReadProblem)}
    assert {field.name for field in fields(ReadProblem)} == {"kind", "line", "message"}
    # No string of the reader's sources is a rule code ("PM003"); messages may
    # still show codes as examples of what to write ("ignore: [PM301]").
    found = []
    for path in sorted(READER.glob("*.py")):
        for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
            if token.type == tokenize.STRING and token.string.strip("'\"rbuf").strip() in _RULE_CODES:
                found.append(f"{path.name}:{token.start[0]} {token.string}")
    assert found == []


_RULE_CODES = {f"PM{number:03d}" for number in range(1000)}


def test_each_kind_of_fact_is_reported_by_its_rule_with_the_readers_words():
    text = (
        "---\ntitle: Checkout outage\nseverity: P9\nservices: [checkout]\n"
        "started: 2026-03-04 14:00\nresolved: 2026-03-04 15:10\n---\n\n"
        "# Checkout outage\n\n## Summary\n\nRésumé: payments failed.\n\n## Timeline\n\n"
        "| Time | Event |\n|------|-------|\n| 14:00 | The secret expires |\n| soon | The alert fires |\n"
    )
    settings = Settings(build_date=date(2026, 6, 1))
    pm = read_postmortem(text.encode("cp1252"), path="docs/postmortems/x.md", src_uri="postmortems/x.md",
                         settings=settings)
    seen = {(problem.kind, problem.line): problem.message for problem in pm.problems}
    assert set(seen) == {(ProblemKind.WRONG_VALUE, 3), (ProblemKind.NOT_UTF8, 13), (ProblemKind.UNCERTAIN_TIME, 20)}
    reported = {(d.code, d.line): d.message for d in check_postmortem(pm, settings)}
    rule_of = {ProblemKind.WRONG_VALUE: "PM003", ProblemKind.NOT_UTF8: "PM104", ProblemKind.UNCERTAIN_TIME: "PM701"}
    for (kind, line), message in seen.items():
        assert reported[(rule_of[kind], line)] == message
    # Each fact is reported once, and nothing hides a second report.
    diagnostics = check_postmortem(pm, settings)
    assert len(diagnostics) == len(set(diagnostics))
    assert [(d.code, d.line) for d in diagnostics if d.code in rule_of.values()] == sorted(
        (rule_of[kind], line) for kind, line in seen
    )

    broken = read_postmortem("---\ntitle: [unclosed\n---\n\n# X\n", path="docs/postmortems/y.md",
                             src_uri="postmortems/y.md", settings=settings)
    assert [problem.kind for problem in broken.problems] == [ProblemKind.UNREADABLE]
    assert [(d.code, d.line, d.message) for d in check_postmortem(broken, settings) if d.code == "PM001"] == [
        ("PM001", broken.problems[0].line, broken.problems[0].message)
    ]
    assert isinstance(broken, Postmortem)
