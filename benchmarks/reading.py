"""How well the reader reads postmortems written before the plugin.

    python benchmarks/reading.py [--json]

Runs `mkdocs-postmortem show --format json` and `mkdocs-postmortem check
--format json` as a user runs them on each part of the archive corpus
(tests/fixtures/archive/: the first archive, shapes/, timelines/ and
sections/, then each held-out part, written before the reader changed for its
shapes: held_out/, held_out_2/, held_out_3/, held_out_4/, held_out_5/, held_out_6/,
held_out_7/, held_out_8/, held_out_9/, held_out_10/, held_out_11/, held_out_12/,
held_out_13/, held_out_14/, held_out_15/, held_out_16/, held_out_17/,
held_out_18/, held_out_19/ and held_out_20/) and
compares what they say with the values an SRE wrote down by hand in each
folder's expected.yml.

For each stated value (severity, started, resolved, the number of timeline
entries and of action items, when the file states them) the value is read
(equal to the expected one; times compared in UTC to the minute), misread (a
different value) or missed (nothing read). A false alarm is a diagnostic on
something the file does state: PM101 naming a section the file has (one not
in its `missing` list), PM002 asking for a started, resolved or severity that
the file states but the reader did not find, PM305 on a file with action
items, or any of PM003, PM005, PM102, PM103, PM401, PM603, PM701, PM004 the
file does not deserve (its `alarms` list).

Scores print per shape class and in total, for the main corpus and for each
held-out part; a reader that scores the same on both has generalised.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.measure import child_env, cli_command

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "tests" / "fixtures" / "archive"
CORPORA = {
    "main": [ARCHIVE, ARCHIVE / "shapes", ARCHIVE / "timelines", ARCHIVE / "sections"],
    "held-out": [ARCHIVE / "held_out"],
    "held-out 2": [ARCHIVE / "held_out_2"],
    "held-out 3": [ARCHIVE / "held_out_3"],
    "held-out 4": [ARCHIVE / "held_out_4"],
    "held-out 5": [ARCHIVE / "held_out_5"],
    "held-out 6": [ARCHIVE / "held_out_6"],
    "held-out 7": [ARCHIVE / "held_out_7"],
    "held-out 8": [ARCHIVE / "held_out_8"],
    "held-out 9": [ARCHIVE / "held_out_9"],
    "held-out 10": [ARCHIVE / "held_out_10"],
    "held-out 11": [ARCHIVE / "held_out_11"],
    "held-out 12": [ARCHIVE / "held_out_12"],
    "held-out 13": [ARCHIVE / "held_out_13"],
    "held-out 14": [ARCHIVE / "held_out_14"],
    "held-out 15": [ARCHIVE / "held_out_15"],
    "held-out 16": [ARCHIVE / "held_out_16"],
    "held-out 17": [ARCHIVE / "held_out_17"],
    "held-out 18": [ARCHIVE / "held_out_18"],
    "held-out 19": [ARCHIVE / "held_out_19"],
    "held-out 20": [ARCHIVE / "held_out_20"],
}
VALUES = ("severity", "started", "resolved", "timeline", "actions")
STATED_FIELDS = ("started", "resolved", "severity")
ALARM_CODES = {"PM003", "PM004", "PM005", "PM102", "PM103", "PM401", "PM603", "PM701"}


@dataclass
class Score:
    files: int = 0
    stated: int = 0
    read: int = 0
    misread: int = 0
    missed: int = 0
    false_alarms: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("files", "stated", "read", "misread", "missed", "false_alarms"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.details.extend(other.details)


def _run(command: str, folder: Path, names: list[str]) -> dict:
    result = subprocess.run(
        [*cli_command(), command, *names, "--format", "json"],
        cwd=folder, capture_output=True, text=True, env=child_env(), check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command} failed in {folder}: {result.stderr}")
    return json.loads(result.stdout)


def _utc(value: str | None) -> str | None:
    if value is None:
        return None
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")


def _got(entry: dict) -> dict:
    return {
        "severity": entry["severity"],
        "started": _utc(entry["started"]),
        "resolved": _utc(entry["resolved"]),
        "timeline": len(entry["timeline"]),
        "actions": len(entry["actions"]),
    }


def _section_names() -> dict[str, str]:
    """PM101 names a section by its heading hint ("## Summary"): heading -> key."""
    hints = yaml.safe_load((ROOT / "mkdocs_postmortem" / "data" / "rule_hints.yml").read_text(encoding="utf-8"))
    return {f'"## {names["en"]}"': key for key, names in hints["section_headings"].items()}


def _false_alarms(name: str, expected: dict, diagnostics: list[dict], got: dict) -> list[str]:
    sections = _section_names()
    deserved = set(expected.get("alarms") or [])
    missing = set(expected.get("missing") or [])
    found = []
    for d in diagnostics:
        code, message = d["code"], d["message"]
        if code == "PM101":
            key = next((k for hint, k in sections.items() if message.startswith(f"mandatory section {hint}")), None)
            if key is not None and key not in missing:
                found.append(f"{name}:{d['line']} PM101 {key}")
        elif code == "PM002":
            field_name = next((f for f in STATED_FIELDS if f"`{f}`" in message), None)
            if field_name and expected.get(field_name) is not None and got.get(field_name) is None:
                found.append(f"{name}:{d['line']} PM002 {field_name}")
        elif code == "PM305":
            if expected.get("actions") and code not in deserved:
                found.append(f"{name}:{d['line']} PM305")
        elif code in ALARM_CODES and code not in deserved:
            found.append(f"{name}:{d['line']} {code} {message[:90]}")
    return found


def score_folder(folder: Path) -> dict[str, Score]:
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8")) or {}
    names = sorted(expected)
    shown = {Path(e["path"]).name: e for e in _run("show", folder, names)["postmortems"]}
    diagnostics: dict[str, list[dict]] = defaultdict(list)
    for d in _run("check", folder, names)["diagnostics"]:
        diagnostics[Path(d["path"]).name].append(d)
    by_shape: dict[str, Score] = defaultdict(Score)
    for name in names:
        want = expected[name]
        got = _got(shown[name])
        score = by_shape[want.get("shape", "archive")]
        score.files += 1
        for value in VALUES:
            stated = want.get(value)
            if stated in (None, 0):
                continue
            score.stated += 1
            if got[value] == stated:
                score.read += 1
            elif got[value] in (None, 0):
                score.missed += 1
                score.details.append(f"{name}: {value} missed (expected {stated})")
            else:
                score.misread += 1
                score.details.append(f"{name}: {value} misread ({got[value]}, expected {stated})")
        alarms = _false_alarms(name, want, diagnostics[name], got)
        score.false_alarms += len(alarms)
        score.details.extend(f"false alarm {alarm}" for alarm in alarms)
    return by_shape


def score_corpus(folders: list[Path]) -> dict[str, Score]:
    total: dict[str, Score] = defaultdict(Score)
    for folder in folders:
        for shape, score in score_folder(folder).items():
            total[shape].add(score)
    return dict(sorted(total.items()))


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    –"


def report(name: str, scores: dict[str, Score], verbose: bool) -> str:
    lines = [f"## {name}", "", "| shape | files | stated | read | misread | missed | false alarms | read % |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total = Score()
    for shape, score in scores.items():
        total.add(score)
        lines.append(f"| {shape} | {score.files} | {score.stated} | {score.read} | {score.misread} | {score.missed} "
                     f"| {score.false_alarms} | {_percent(score.read, score.stated)} |")
    lines.append(f"| **total** | {total.files} | {total.stated} | {total.read} | {total.misread} | {total.missed} "
                 f"| {total.false_alarms} | {_percent(total.read, total.stated)} |")
    if verbose:
        lines += ["", *[f"- {detail}" for detail in total.details]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss, misread and false alarm")
    args = parser.parse_args(argv)
    results = {name: score_corpus(folders) for name, folders in CORPORA.items()}
    if args.json:
        print(json.dumps({
            name: {shape: {k: v for k, v in vars(s).items() if k != "details"} for shape, s in scores.items()}
            for name, scores in results.items()
        }, indent=2))
        return 0
    print("\n\n".join(report(name, scores, args.verbose) for name, scores in results.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
