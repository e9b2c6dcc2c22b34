"""Property-based fuzzing of the whole reading and checking path (`Handbook.load`).

For every generated case: no exception escapes, every diagnostic is one line
whatever the file holds, and every line number falls inside its file. The
default profile fits CI (about a minute); a longer run:

    python -m pytest tests/test_fuzz.py --hypothesis-profile=long
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.read import read_postmortem
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs" / "postmortems").glob("*.md"))]
SAMPLES += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "fixtures" / "build").glob("*.md"))]
SETTINGS = Settings(default_timezone="Europe/Paris")
# Characters a diagnostic line must never carry raw: they break, recolour or reorder a terminal line.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}
LINE_BREAKS = re.compile(rb"\r\n|\r|\n")
ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC+14", "UTC-12"]
HEADINGS = [
    "Summary", "Résumé exécutif", "Timeline", "Chronologie", "Impact", "Root Cause", "Causes racines",
    "5 Whys", "5 Pourquoi", "Action Items", "Plan d'action", "Lessons Learned", "Leçons apprises", "Backlog",
]
FIELDS = [
    "title", "id", "severity", "status", "services", "started", "detected", "acknowledged", "mitigated",
    "resolved", "published", "timezone", "related", "authors", "impact", "template", "postmortem",
    "timeline", "actions", "five_whys", "severitiy",
]

text = st.text(st.characters(codec="utf-8"), max_size=40)
# Small pieces repeated: what makes a backtracking pattern try every way to cut a long run
# (issue 21: a 331-byte run of empty comments stalled a build for 27 seconds).
FRAGMENTS = [
    "<!---->", "<!--", "-->", " ", "\t", "[", "](", "]", "(", "`", "``", "*", "**", "__", "{", "}", "<", "<h2>", "<tr",
    "|", "|-", ":", "：", "-", " - ", ",", "a-", "1", "10:00 ", "Owner: ", "alerte ", "on call ", "\\", "~",
]
repeated_fragments = st.builds(
    lambda pieces, count, ending: "".join(pieces) * count + ending,
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=2),
    st.integers(20, 400),
    st.sampled_from(["x", "", "\x00", ":", ")", "]"]),  # most runs end in what the pattern did not expect
)
hostile_text = st.one_of(
    text,
    st.sampled_from(["\n", "\r\n", "\x1b[2J\x1b[31m", "\x00", "\u202e", "\u2028", "\ufeff", "---", "|", "`", "<!--", "</script>"]),
    repeated_fragments,
)
edge_moments = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59))
moment_text = st.one_of(
    edge_moments.map(lambda moment: f"{moment.year:04d}-{moment:%m-%d %H:%M}"),
    edge_moments.map(lambda moment: moment.isoformat()),
    st.sampled_from(["9999-12-31 23:00", "0001-01-01 00:00", "2026-02-30 10:00", "24:00", "14h05", "HH:MM", "TBD"]),
)
scalar = st.one_of(text, moment_text, st.integers(), st.booleans(), st.none(), st.sampled_from(ZONES))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=8)
file_names = st.one_of(
    st.sampled_from(["2026-03-04-dns.md", "a.md"]),
    st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=20).map(lambda name: name + ".md"),
)


@st.composite
def front_matter(draw) -> str:
    data = draw(st.dictionaries(st.sampled_from(FIELDS), value, max_size=10))
    for name in ("started", "resolved", "detected"):
        if draw(st.booleans()):
            data[name] = draw(moment_text)
    if draw(st.booleans()):
        data["timezone"] = draw(st.sampled_from(ZONES))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def markdown_body(draw) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        heading = draw(st.sampled_from(HEADINGS))
        parts.append(f"{'#' * draw(st.integers(1, 4))} {heading}{draw(st.sampled_from(['', ' ' + draw(hostile_text)]))}")
        kind = draw(st.sampled_from(["table", "list", "checklist", "whys", "fence", "paragraph"]))
        cells = draw(st.lists(st.tuples(st.one_of(moment_text, hostile_text), hostile_text), max_size=5))
        if kind == "table":
            header = draw(st.sampled_from(["| Time | Event |", "| Action | Owner | Due | Status |", "| Heure | Événement |"]))
            parts.append(header + "\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in cells))
        elif kind in ("list", "checklist"):
            box = "[ ] " if kind == "checklist" else ""
            parts.append("\n".join(f"- {box}{a} - Owner: {b} - Due: {a}" for a, b in cells))
        elif kind == "whys":
            parts.append("\n".join(f"{n}. Why? {a} {b}" for n, (a, b) in enumerate(cells, 1)))
        elif kind == "fence":
            parts.append("```\n" + "\n".join(f"{a} {b}" for a, b in cells))  # sometimes left open
        else:
            parts.append(" ".join(f"{a} {b}" for a, b in cells))
    return "\n\n".join(parts)


@st.composite
def generated_postmortem(draw) -> bytes:
    body = draw(markdown_body())
    if draw(st.booleans()):
        return f"---\n{draw(front_matter())}---\n\n{body}\n".encode("utf-8", "surrogatepass")
    return body.encode("utf-8", "surrogatepass")


@st.composite
def mutated_sample(draw) -> bytes:
    lines = draw(st.sampled_from(SAMPLES)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "swap", "truncate"]))
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines = [draw(hostile_text)]
        elif action == "delete":
            del lines[index : index + draw(st.integers(1, 5))]
        elif action == "duplicate":
            lines[index:index] = lines[index : index + draw(st.integers(1, 5))]
        elif action == "insert":
            lines.insert(index, draw(st.one_of(hostile_text, moment_text)))
        elif action == "replace":
            line = lines[index]
            start = draw(st.integers(0, len(line)))
            lines[index] = line[:start] + draw(st.one_of(hostile_text, moment_text)) + line[start + draw(st.integers(0, 8)) :]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines = lines[:index]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def load_and_check(files: list[tuple[str, bytes]]) -> None:
    sources = [Source(path=f"docs/postmortems/{name}", src_uri=f"postmortems/{name}", content=content) for name, content in files]
    handbook = Handbook.load(sources, SETTINGS, workers=1)  # must not raise
    line_counts = {source.path: len(LINE_BREAKS.split(source.content)) for source in sources}
    for diagnostic in handbook.diagnostics:
        shown = diagnostic.format()
        assert not any(unicodedata.category(ch) in HIDDEN for ch in shown), repr(shown)
        assert 1 <= diagnostic.line <= line_counts[diagnostic.path], (diagnostic, line_counts[diagnostic.path])
    # Each problem is reported once, and the models alone give the same report: read again
    # and checked without the loader (a checked model keeps only the lines read later, so it
    # is the freshly read model that must be enough).
    assert len(set(handbook.diagnostics)) == len(handbook.diagnostics), handbook.diagnostics
    read_again = [
        read_postmortem(source.content, path=source.path, src_uri=source.src_uri, settings=SETTINGS)
        for source in sources
    ]
    assert Handbook(read_again, SETTINGS).diagnostics == handbook.diagnostics
    handbook.aggregates_of(handbook.postmortems)
    for pm in handbook.postmortems:  # pages and charts convert every instant the model holds
        for moment in pm.phase_times().values():
            moment.astimezone(timezone.utc)
        for event in pm.timeline:
            if event.time is not None:
                event.time.astimezone(timezone.utc)


@given(st.lists(st.tuples(file_names, mutated_sample()), min_size=1, max_size=3, unique_by=lambda item: item[0]))
def test_mutated_samples(files):
    load_and_check(files)


@given(st.lists(st.tuples(file_names, generated_postmortem()), min_size=1, max_size=3, unique_by=lambda item: item[0]))
def test_generated_markdown_and_front_matter(files):
    load_and_check(files)


@given(file_names, st.binary(max_size=3000))
def test_raw_bytes(name, content):
    load_and_check([(name, content)])


@st.composite
def postmortem_of_runs(draw) -> bytes:
    """A postmortem made of long runs of a few repeated fragments: in a heading, after a label,
    as blocks of their own, in table cells, timeline rows and a checklist item."""
    run = draw(st.lists(repeated_fragments, min_size=6, max_size=6))
    body = (
        f"# {run[0]}\n\n## Summary\n\n**Duration**{run[1]}\n\n" + "".join(f"{part}\n\n" for part in run) +
        f"## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | {run[3]} |\n| {run[4]} | x |\n\n"
        f"## Action Items\n\n- [ ] {run[5]} - Owner: {run[0]}\n\n| Action | Owner |\n|---|---|\n| {run[2]} | {run[1]} |\n"
    )
    return f"---\ntitle: Runs\nstarted: 2026-01-01 10:00\n---\n\n{body}".encode("utf-8", "surrogatepass")


@settings(deadline=timedelta(seconds=20))  # linear reading takes milliseconds; a backtracking pattern, minutes
@given(postmortem_of_runs())
def test_repeated_fragments_are_read_in_linear_time(content):
    load_and_check([("2026-01-01-runs.md", content)])


def written_as(moment: datetime, form: str) -> str:
    """ISO text for any year (strftime does not pad years below 1000 everywhere)."""
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return {"date": day, "minutes": f"{day} {moment:%H:%M}", "iso": f"{day}T{moment:%H:%M:%S}"}[form]


@given(st.sampled_from(["started", "detected", "resolved", "published"]), edge_moments, st.sampled_from(ZONES),
       st.sampled_from(["minutes", "iso", "date"]))
@example("resolved", datetime(9999, 12, 31, 23, 0), "America/New_York", "minutes")
@example("started", datetime(1, 1, 1, 0, 0), "Asia/Tokyo", "minutes")
@example("detected", datetime(9999, 12, 31, 23, 59), "UTC-12", "iso")
def test_dates_at_the_edges_of_the_calendar(name, moment, zone, form):
    sample = SAMPLES[-1]
    written = written_as(moment, form)
    text = re.sub(rf"^{name}: .*$", lambda _: f"{name}: {written}", sample, count=1, flags=re.M)
    text = re.sub(r"^timezone: .*$", lambda _: f"timezone: {zone}", text, count=1, flags=re.M)
    rows = "\n".join(f"| {written_as(moment, 'date')} {hour:02d}:00 | row |" for hour in (23, 0))
    text = text.replace("## Impact", f"| Time | Event |\n|---|---|\n{rows}\n\n## Impact", 1)
    load_and_check([("2026-03-04-dns.md", text.encode())])
