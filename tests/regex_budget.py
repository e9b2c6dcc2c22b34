"""Every regular expression of the package, and adversarial text built from each one's own pieces.

Three sources, so that a new pattern is covered without anyone listing it:

- the patterns compiled while the package is imported and `check` reads the sample handbook and a few
  hostile postmortems (run in a fresh interpreter, where `re`'s compile function is wrapped to note
  every pattern compiled from a `mkdocs_postmortem` module: the ones built from `data/*.yml` too);
- every `re.Pattern` reachable from a module's globals (inside tuples, dicts and dataclasses);
- every string literal passed to a `re` function in the package's source.

Run as a script (`python tests/regex_budget.py`), it prints that inventory as JSON; the test reads it.
`python tests/regex_budget.py --time` also times each against its slowest adversarial input.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import importlib
import io
import json
import pkgutil
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mkdocs_postmortem"
_RE_FUNCTIONS = {"compile", "match", "search", "fullmatch", "sub", "subn", "findall", "finditer", "split"}

# Postmortems whose bodies hold the runs the issue found stalling a build; `check` reads them while
# the inventory is taken, so the patterns built on first use are compiled, and the pipeline test
# (test_regex_linear.py) times the whole command on them.
HOSTILE_RUNS = {  # name: (before, repeated, after)
    "empty-comments": ("", "<!---->", "x\n"),
    "unclosed-comments": ("", "<!--", "\n"),
    "spaces-after-label": ("**Duration**", " ", "x\n"),
    "brackets": ("", "[", "\n"),
    "backticks": ("`x", "``", "\n"),
    "table-rule": ("| a | b |\n", "|--", "x\n"),
    "stars": ("", "**", "\n"),
    "colons": ("a", ": ", "\n"),
    "digits": ("1", "1", ":x\n"),
    "clock-runs": ("", "10:00 ", "\n"),
    "whys": ("- **", "Why? ", "\n"),
    "timeline": ("## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00", " ", "| x |\n"),
    "actions": ("## Action Items\n\n- [ ] ", "Owner: ", "\n"),
    # A heading of thousands of words: each word was tried against every section cue.
    "long-heading": ("## What ", "went wrong ", "\n"),
}


def hostile_body(name: str, repeats: int) -> str:
    before, unit, after = HOSTILE_RUNS[name]
    return before + unit * repeats + after


def hostile_postmortem(body: str, times_in_front_matter: bool = True) -> str:
    """A postmortem around `body`; without times in its front matter, the reader looks for them in the body."""
    times = "started: 2026-01-01 10:00\nresolved: 2026-01-01 11:00\n" if times_in_front_matter else "date: 2026-01-01\n"
    return (
        f"---\ntitle: Hostile\nseverity: SEV2\n{times}services: [api]\n---\n\n# Hostile\n\n"
        "## Summary\n\nOutage window: from 10:00 to 11:00 UTC.\n\n" + body
    )


def _caller_module() -> tuple[str, int] | None:
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name != "re" and not name.startswith(("re.", "functools", __name__)):
            if name.startswith("mkdocs_postmortem"):
                return name, frame.f_lineno
            return None
        frame = frame.f_back
    return None


def _record_compiles(found: dict[tuple[str, int], str]) -> None:
    original = re._compile

    def recording(pattern, flags):
        compiled = original(pattern, flags)
        if isinstance(compiled.pattern, str):
            where = _caller_module()
            if where is not None:
                found.setdefault((compiled.pattern, compiled.flags), f"{where[0]}:{where[1]} (compiled at run time)")
        return compiled

    re._compile = recording


def _patterns_in(value: object, depth: int = 0) -> list[re.Pattern]:
    if isinstance(value, re.Pattern):
        return [value] if isinstance(value.pattern, str) else []
    if depth > 3:
        return []
    if isinstance(value, dict):
        return [p for item in value.values() for p in _patterns_in(item, depth + 1)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [p for item in value for p in _patterns_in(item, depth + 1)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for f in dataclasses.fields(value) for p in _patterns_in(getattr(value, f.name), depth + 1)]
    return []


def _literal_patterns() -> dict[tuple[str, int], str]:
    """String literals given to `re.<function>(...)` anywhere in the package's source."""
    found: dict[tuple[str, int], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                flags = 0
                for keyword in node.keywords:
                    if keyword.arg == "flags":
                        flags = _static_flags(keyword.value)
                if node.func.attr == "compile" and len(node.args) > 1:
                    flags = _static_flags(node.args[1])
                compiled = re.compile(node.args[0].value, flags)
                where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
                found.setdefault((compiled.pattern, compiled.flags), where)
    return found


def _static_flags(node: ast.expr) -> int:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _static_flags(node.left) | _static_flags(node.right)
    return 0


def inventory() -> list[dict]:
    """[{pattern, flags, where}] of every pattern of the package (run in a fresh interpreter)."""
    sys.path.insert(0, str(ROOT))
    recorded: dict[tuple[str, int], str] = {}
    _record_compiles(recorded)
    import mkdocs_postmortem

    modules = [mkdocs_postmortem]
    for info in pkgutil.walk_packages(mkdocs_postmortem.__path__, "mkdocs_postmortem."):
        if info.name.endswith("__main__"):
            continue
        modules.append(importlib.import_module(info.name))
    from mkdocs_postmortem.cli import main

    with tempfile.TemporaryDirectory() as folder:
        for name in HOSTILE_RUNS:
            for times in (True, False):
                text = hostile_postmortem(hostile_body(name, 3), times)
                (Path(folder) / f"2026-01-01-{name}-{times}.md").write_text(text, encoding="utf-8")
        for target in (ROOT / "docs" / "postmortems", ROOT / "tests" / "fixtures" / "build", Path(folder)):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                main(["check", str(target), "--format", "json"])
    found: dict[tuple[str, int], str] = {}
    for module in modules:
        for name, value in vars(module).items():
            for pattern in _patterns_in(value):
                found.setdefault((pattern.pattern, pattern.flags), f"{module.__name__}.{name}")
    for key, where in {**_literal_patterns(), **recorded}.items():
        found.setdefault(key, where)
    return [{"pattern": pattern, "flags": int(flags), "where": where} for (pattern, flags), where in found.items()]


# Adversarial input ---------------------------------------------------------------------------

try:
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Characters that break a run: every pattern meets them in real text.
_ORDINARY = [" ", "\n", "a", "A", "1", ":", "-", "|", "*", "[", "]", "(", ")", "<", ">", "`", "\t", "!", "é", "\x00"]
_CATEGORY_SAMPLES = {
    _sre.CATEGORY_DIGIT: "1",
    _sre.CATEGORY_NOT_DIGIT: "a",
    _sre.CATEGORY_SPACE: " ",
    _sre.CATEGORY_NOT_SPACE: "a",
    _sre.CATEGORY_WORD: "a",
    _sre.CATEGORY_NOT_WORD: " ",
}


def fragments(pattern: str, flags: int) -> list[str]:
    """Literal runs of the pattern, a sample of each of its character classes, and its separators."""
    found: list[str] = []

    def add(piece: str) -> None:
        if piece and piece not in found:
            found.append(piece)

    def walk(items) -> None:
        run = ""
        for op, av in items:
            if op is _sre.LITERAL:
                run += chr(av)
                add(chr(av))
                continue
            add(run)
            run = ""
            if op is _sre.IN:
                for kind, value in av:
                    if kind is _sre.LITERAL:
                        add(chr(value))
                    elif kind is _sre.RANGE:
                        add(chr(value[0]))
                        add(chr(value[1]))
                    elif kind is _sre.CATEGORY:
                        add(_CATEGORY_SAMPLES.get(value, "a"))
            elif op is _sre.NOT_LITERAL:
                add(chr(av + 1))
            elif op is _sre.ANY:
                add("a")
            elif op is _sre.CATEGORY:
                add(_CATEGORY_SAMPLES.get(av, "a"))
            elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
                walk(av[2])
            elif op is _sre.SUBPATTERN:
                walk(av[-1])
            elif op is _sre.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
                walk(av[1])
            elif op is getattr(_sre, "ATOMIC_GROUP", None):
                walk(av)
            elif op is _sre.GROUPREF_EXISTS:
                walk(av[1])
                if av[2]:
                    walk(av[2])
        add(run)

    walk(_sre_parse.parse(pattern, flags))
    return found


def leading_literal(pattern: str, flags: int) -> str:
    text = ""
    for op, av in _sre_parse.parse(pattern, flags):
        if op is _sre.AT:
            continue
        if op is not _sre.LITERAL:
            break
        text += chr(av)
    return text


def candidates(pattern: str, flags: int, limit: int = 14, pairs: int = 10) -> list[tuple[str, str, str]]:
    """(prefix, repeated unit, ending) triples: the text is prefix + unit * n + ending.

    Units are the pattern's own pieces and a few ordinary characters, alone and in pairs (a
    literal and a separator, an opening and a closing): what makes a pattern backtrack is a long
    run of what it almost matches, followed by what it does not.
    """
    own = fragments(pattern, flags)
    own.sort(key=lambda piece: (-len(piece), piece))  # long literals first: they are the separators
    pieces = own[:limit]
    for char in _ORDINARY:
        if len(pieces) >= limit + 4:
            break
        if char not in pieces:
            pieces.append(char)
    prefixes = [""] + [p for p in {leading_literal(pattern, flags)} if p]
    result = []
    for prefix in prefixes:
        for unit in pieces:
            for ending in ("", "\x00", "\n"):
                result.append((prefix, unit, ending))
        for unit in pieces[:pairs]:  # the pattern's longest pieces, each followed by any other
            for other in pieces:
                if other != unit:
                    result.append((prefix, unit + other, "\x00"))
    return result


def build(candidate: tuple[str, str, str], size: int) -> str:
    prefix, unit, ending = candidate
    return prefix + unit * max(1, size // len(unit)) + ending


def regex_runner(regex: re.Pattern) -> Callable[[str], object]:
    """The ways the package uses a pattern: every match (search, finditer, sub, split: `subn` scans as
    they do, without a Python object a match) and a whole match."""

    def run(text: str) -> None:
        regex.subn("", text)
        regex.fullmatch(text)

    return run


def seconds(run: Callable[[str], object], text: str, repeats: int = 1) -> float:
    """The best of `repeats` runs, in CPU time: other processes on a loaded machine do not count."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run(text)
        best = min(best, time.process_time() - start)
    return best


# Sizes grow by half: a pattern whose time doubles every few bytes stops within a step.
SMALL_SIZES = [8, 12, 18, 27, 40, 60, 90, 135, 200, 300]
SCREEN_SIZE = 3000
SCREEN_BUDGET = 0.02  # seconds for one call on 3 KB at most: a linear pattern takes well under 1 ms
LARGE_SIZES = [25_000, 50_000, 100_000]
CEILING = 1.0  # seconds for one call on 100 KB, on a loaded machine: linear patterns take 1 to 50 ms
RATIO = 3.0  # 100 KB against 50 KB: 2 for linear time, 4 for quadratic
NOISE = 0.05  # below this (at 100 KB), the ratio is noise and means nothing


@dataclass
class Verdict:
    candidate: tuple[str, str, str]
    timings: dict[int, float]
    problem: str | None


def _screened(run: Callable[[str], object], text: str) -> float:
    """The time of one call, measured again when over the budget (a pause of the machine is not the pattern's)."""
    elapsed = seconds(run, text)
    return seconds(run, text, repeats=2) if elapsed > SCREEN_BUDGET else elapsed


def judge(run: Callable[[str], object], pattern: str, flags: int, keep: int = 2) -> list[Verdict]:
    """Every candidate on small texts growing slowly (an exponential pattern stops there), then
    once on 3 KB; the `keep` slowest are timed again up to 100 KB."""
    screened = []
    for candidate in candidates(pattern, flags):
        for size in SMALL_SIZES:
            elapsed = _screened(run, build(candidate, size))
            if elapsed > SCREEN_BUDGET:
                return [Verdict(candidate, {size: elapsed}, f"{elapsed:.3f} s on {size} bytes")]
    for candidate in candidates(pattern, flags):
        elapsed = _screened(run, build(candidate, SCREEN_SIZE))
        if elapsed > SCREEN_BUDGET:
            return [Verdict(candidate, {SCREEN_SIZE: elapsed}, f"{elapsed:.3f} s on {SCREEN_SIZE} bytes")]
        screened.append((elapsed, candidate))
    screened.sort(key=lambda entry: -entry[0])
    verdicts = []
    for _, candidate in screened[:keep]:
        timings: dict[int, float] = {}
        problem = None
        for size in LARGE_SIZES:
            timings[size] = seconds(run, build(candidate, size), repeats=2 if size >= LARGE_SIZES[-2] else 1)
            if timings[size] > CEILING:
                problem = f"{timings[size]:.3f} s on {size} bytes"
                break
        else:
            large, half = timings[LARGE_SIZES[-1]], timings[LARGE_SIZES[-2]]
            if large > NOISE and large / half > RATIO:
                # Timed again, best of five each, before a verdict: on a shared machine one pair of
                # runs of a few tens of milliseconds can be 3 apart, a quadratic pattern stays near 4.
                half, large = (seconds(run, build(candidate, size), repeats=5) for size in LARGE_SIZES[-2:])
                timings.update({LARGE_SIZES[-2]: half, LARGE_SIZES[-1]: large})
            if large > NOISE and large / half > RATIO:
                problem = f"{large / half:.1f} times slower on twice the text ({half:.3f} s, then {large:.3f} s)"
        verdicts.append(Verdict(candidate, timings, problem))
        if problem:
            break  # one slow input is enough to know
    return verdicts


if __name__ == "__main__":
    patterns = inventory()
    if "--time" not in sys.argv:
        json.dump(patterns, sys.stdout, ensure_ascii=False, indent=1)
        sys.exit(0)
    for entry in patterns:
        regex = re.compile(entry["pattern"], entry["flags"])
        started = time.perf_counter()
        verdicts = judge(regex_runner(regex), entry["pattern"], entry["flags"])
        worst = max(verdicts, key=lambda verdict: max(verdict.timings.values()))
        shown = "  ".join(f"{size}B {elapsed * 1000:.2f}ms" for size, elapsed in worst.timings.items())
        print(
            f"{'SLOW' if worst.problem else 'ok  '} {time.perf_counter() - started:5.1f}s  {entry['where']}  "
            f"{entry['pattern'][:50]!r}  {worst.candidate!r}  {shown}",
            flush=True,
        )
