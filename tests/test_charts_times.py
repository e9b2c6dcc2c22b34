"""Chart times against the model and against the wall clock, in America/New_York,
for an incident in winter and one across the spring daylight-saving change.

The site is built with the real command; the model is read by the real
reader; the expected wall times are written out by hand from the sources.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from charts_site import (
    BUILD_DATE,
    NEW_YORK_SPRING_FORWARD,
    NEW_YORK_WINTER,
    figures,
    page_html,
)
from conftest import run_mkdocs, write_site

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source

AXIS = "%Y-%m-%d %H:%M:%S"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("times")
    sources = {"winter.md": NEW_YORK_WINTER, "spring.md": NEW_YORK_SPRING_FORWARD}
    write_site(root, sources, options={"build_date": BUILD_DATE})
    result = run_mkdocs("build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    handbook = Handbook.load(
        [
            Source(path=name, src_uri=f"postmortems/{name}", content=(root / "docs" / "postmortems" / name).read_bytes())
            for name in sources
        ],
        Settings(build_date=date.fromisoformat(BUILD_DATE)),
    )
    return root / "site", handbook


def timeline_of(site: Path, name: str) -> dict:
    (figure,) = figures(page_html(site, f"postmortems/{name}"))
    return figure


def bars(figure: dict) -> list[dict]:
    """One entry per phase bar: its name, base and length (ms) on the date axis."""
    (trace,) = [trace for trace in figure["data"] if trace.get("meta") == "phases"]
    return [{"name": y, "base": base, "x": x} for y, base, x in zip(trace["y"], trace["base"], trace["x"])]


def markers(figure: dict) -> dict:
    (trace,) = [trace for trace in figure["data"] if trace.get("meta") == "events"]
    return trace


def bar_span(trace: dict) -> tuple[str, str]:
    start = datetime.strptime(trace["base"], AXIS)
    end = start + timedelta(milliseconds=trace["x"])
    return start.strftime("%H:%M"), end.strftime("%H:%M")


def test_winter_incident_is_drawn_at_the_wall_times_written(built):
    site, _ = built
    figure = timeline_of(site, "winter.md")
    assert [bar_span(trace) for trace in bars(figure)] == [
        ("14:00", "14:12"),
        ("14:12", "14:20"),
        ("14:20", "14:55"),
        ("14:55", "15:30"),
    ]
    assert [x[11:16] for x in markers(figure)["x"]] == ["14:00", "14:12", "14:20", "14:55", "15:30"]
    assert all(x.startswith("2026-01-15") for x in markers(figure)["x"])
    title = figure["layout"]["xaxis"]["title"]["text"]
    assert "America/New_York" in title and "UTC-05:00" in title
    # One offset all along: plotly's own ticks are the wall times.
    assert "tickvals" not in figure["layout"]["xaxis"]


def test_spring_forward_bars_are_real_elapsed_time(built):
    site, _ = built
    figure = timeline_of(site, "spring.md")
    minutes = [trace["x"] / 60_000 for trace in bars(figure)]
    # 01:55 EST -> 03:10 EDT is 15 minutes, not the 75 the wall clock suggests.
    assert minutes == [20, 5, 15, 30]
    hovers = markers(figure)["hovertext"]
    assert "01:55 EST" in hovers[2] and "03:10 EDT" in hovers[3] and "03:40 EDT" in hovers[4]
    title = figure["layout"]["xaxis"]["title"]["text"]
    assert "EST → EDT" in title
    ticks = dict(zip(figure["layout"]["xaxis"]["tickvals"], figure["layout"]["xaxis"]["ticktext"]))
    # The axis runs on EST; its labels are the true wall times on either side of the change.
    assert ticks["2026-03-08 01:30:00"].startswith("01:30 EST")
    assert ticks["2026-03-08 02:30:00"].startswith("03:30 EDT")
    assert not any(label.startswith("02:") for label in ticks.values())  # 02:xx never existed that night


@pytest.mark.parametrize("name", ["winter.md", "spring.md"])
def test_chart_times_match_the_model(built, name):
    site, handbook = built
    pm = handbook.get(f"postmortems/{name}")
    metrics = handbook.metrics[pm.src_uri]
    figure = timeline_of(site, name)
    # The axis clock: the UTC offset New York had when the incident started.
    offset = pm.started.utcoffset()
    assert offset == timedelta(hours=-5)

    def on_axis(moment: datetime) -> str:
        return (moment.astimezone(timezone.utc) + offset).replace(tzinfo=None).strftime(AXIS)

    phases = [pm.started, pm.detected, pm.acknowledged, pm.mitigated, pm.resolved]
    assert [trace["base"] for trace in bars(figure)] == [on_axis(moment) for moment in phases[:-1]]
    total_minutes = sum(trace["x"] for trace in bars(figure)) / 60_000
    assert total_minutes == metrics.ttr
    assert bars(figure)[0]["x"] / 60_000 == metrics.ttd
    assert bars(figure)[1]["x"] / 60_000 == metrics.tta
    assert markers(figure)["x"] == [on_axis(event.time) for event in pm.timeline]
    assert len(markers(figure)["x"]) == len(pm.timeline) == 5
