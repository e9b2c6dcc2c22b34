"""Figure data and its HTML, from model objects: trends, safety of the embedding,
charts left out when the data cannot draw them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from bs4 import BeautifulSoup

from mkdocs_postmortem.metrics import aggregate, incident_metrics
from mkdocs_postmortem.model import Postmortem, TimelineEvent
from mkdocs_postmortem.render.charts import (
    MINIMUM_TREND_SAMPLE,
    timeline_chart,
    trend_chart,
)
from mkdocs_postmortem.render.embed import chart_inside_html, figure_element, safe_json
from mkdocs_postmortem.text import chart_labels

UTC = timezone.utc
HOSTILE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> \u2028 & \u2029"


def incident(number: int, start: datetime, minutes: tuple[int, int, int, int], severity: str = "P2", **fields) -> Postmortem:
    detected, acknowledged, mitigated, resolved = (start + timedelta(minutes=m) for m in minutes)
    return Postmortem(
        path=f"docs/postmortems/{number}.md",
        src_uri=f"postmortems/{number}.md",
        id=f"incident-{number}",
        title=fields.pop("title", f"Incident {number}"),
        severity=severity,
        started=start,
        detected=detected,
        acknowledged=acknowledged,
        mitigated=mitigated,
        resolved=resolved,
        **fields,
    )


def with_metrics(pms):
    return [(pm, incident_metrics(pm)) for pm in pms]


def traces(figure, name_start):
    return [trace for trace in figure["data"] if trace.get("name", "").startswith(name_start)]


# --- the embedding ---------------------------------------------------------------------


def test_json_cannot_leave_its_element_and_reads_back_unchanged():
    value = {"title": HOSTILE, "nested": [HOSTILE]}
    text = safe_json(value)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == value


def test_hostile_text_stays_text_in_the_chart_html():
    start = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    pm = incident(
        1,
        start,
        (5, 10, 20, 30),
        title=HOSTILE,
        timeline=[TimelineEvent(line=20, raw_time="10:00", text=HOSTILE, time=start)],
    )
    chart = timeline_chart(pm)
    html = figure_element(chart.kind, chart_inside_html(chart))
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/json"
    assert not soup.find("img")
    cells = [td.get_text() for td in soup.find_all("td")]
    assert HOSTILE in cells  # shown, as text, in the table of numbers
    figure = json.loads(scripts[0].string)
    (events,) = [trace for trace in figure["data"] if trace.get("meta") == "events"]
    # Plotly renders a subset of HTML in hover labels: tags arrive escaped, as text.
    assert "<script>" not in events["hovertext"][0] and "&lt;script&gt;" in events["hovertext"][0]


def test_timeline_needs_two_phase_timestamps():
    start = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    lonely = Postmortem(path="a.md", src_uri="postmortems/a.md", id="a", started=start)
    assert timeline_chart(lonely) is None
    pair = Postmortem(path="b.md", src_uri="postmortems/b.md", id="b", started=start, resolved=start + timedelta(hours=1))
    figure = timeline_chart(pair).figure
    (phases,) = figure["data"]
    assert phases["y"] == ["Until resolution"]


def test_a_missing_phase_joins_its_neighbours():
    start = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    pm = replace(incident(1, start, (5, 10, 20, 30)), acknowledged=None)
    figure = timeline_chart(pm).figure
    (phases,) = figure["data"]
    assert phases["y"] == ["Until detection", "Until mitigation", "Until resolution"]
    assert phases["x"][1] == 15 * 60_000  # detection at 10:05 to mitigation at 10:20


def test_event_markers_are_numbered_as_the_table_rows_and_close_ones_staggered():
    start = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    pm = replace(incident(1, start, (5, 10, 20, 120)), timeline=[
        TimelineEvent(line=10, raw_time="10:00", text="Start", time=start),
        TimelineEvent(line=11, raw_time="10:01", text="Alarm", time=start + timedelta(minutes=1)),
        TimelineEvent(line=12, raw_time="soon", text="Unreadable time", time=None),
        TimelineEvent(line=13, raw_time="10:02", text="Paged", time=start + timedelta(minutes=2)),
        TimelineEvent(line=14, raw_time="11:00", text="Fixed", time=start + timedelta(minutes=60)),
    ])
    chart = timeline_chart(pm)
    (events,) = [trace for trace in chart.figure["data"] if trace.get("meta") == "events"]
    # Row 3 has no time: no marker, but the numbers still follow the table's rows.
    assert events["text"] == ["1", "2", "4", "5"]
    assert events["textposition"] == ["top center", "bottom center", "top center", "top center"]
    assert events["hovertext"][2].startswith("<b>4. ")
    assert [row[0] for row in chart.tables[1].rows] == ["1", "2", "4", "5"]


# --- trends ---------------------------------------------------------------------------------


def busy_and_quiet_months():
    """12 incidents in March 2026, 3 in April: monthly periods, one of them too small."""
    pms = []
    for day in range(1, 13):
        pms.append(incident(day, datetime(2026, 3, day, 9, 0, tzinfo=UTC), (day, day + 2, 10 * day, 20 * day)))
    for day in (3, 10, 20):
        pms.append(incident(100 + day, datetime(2026, 4, day, 9, 0, tzinfo=UTC), (4, 5, 30, 90), severity="P1"))
    return pms


def test_trend_lines_are_the_medians_and_p90_of_each_period():
    pms = busy_and_quiet_months()
    chart = trend_chart(with_metrics(pms))
    figure = chart.figure
    (counts,) = [trace for trace in figure["data"] if trace["type"] == "bar"]
    assert counts["x"] == ["2026-03", "2026-04"] and counts["y"] == [12, 3]
    march = [m for pm, m in with_metrics(pms) if pm.started.month == 3]
    expected_median = aggregate(m.ttr for m in march).median / 60  # TTR runs past 3 hours: hours
    medians = [trace for trace in traces(figure, "Median") if trace["yaxis"] == "y5"]
    assert medians[0]["y"][0] == round(expected_median, 2)
    assert "n = 12" in medians[0]["hovertext"][0] and "MTTR (median)" in medians[0]["hovertext"][0]
    # April's three incidents get no median and no p90: the line stops.
    assert medians[0]["y"][1] is None and medians[0]["connectgaps"] is False
    p90 = [trace for trace in traces(figure, "90th percentile") if trace["yaxis"] == "y5"]
    assert p90[0]["y"] == [round(aggregate(m.ttr for m in march).p90 / 60, 2), None]
    # Every incident is a point.
    points = [trace for trace in traces(figure, "Incident") if trace["type"] == "scatter" and trace["yaxis"] == "y5"]
    assert sum(len(trace["y"]) for trace in points) == len(pms)
    # April's three incidents are too few to read a trend from, and the chart says so.
    assert "2026-04" in chart.caption and "too few" in chart.caption
    assert "2026-03" not in chart.caption.split("too few")[0].split("in ")[-1]
    assert "not targets" in figure["layout"]["title"]["text"]
    # The caption does not repeat the title or its subtitle.
    assert "not targets" not in chart.caption and "Observed durations" not in chart.caption
    assert chart.tables[0].rows[0][:2] == ["2026-03", "12"]


def test_median_leads_the_p90():
    figure = trend_chart(with_metrics(busy_and_quiet_months())).figure
    median = traces(figure, "Median")[0]
    p90 = traces(figure, "90th percentile")[0]
    assert median["line"]["width"] > p90["line"]["width"] and median["line"]["dash"] == "solid"


def test_sparse_incidents_are_grouped_by_quarter():
    pms = [incident(n, datetime(2026, month, 5, 12, 0, tzinfo=UTC), (5, 6, 20, 40)) for n, month in enumerate((1, 4, 5, 11))]
    chart = trend_chart(with_metrics(pms))
    (counts,) = [trace for trace in chart.figure["data"] if trace["type"] == "bar"]
    assert counts["x"] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert counts["y"] == [1, 2, 0, 1]
    assert "Every period has fewer than" in chart.caption


def test_one_series_per_severity_when_asked():
    pms = busy_and_quiet_months()
    figure = trend_chart(with_metrics(pms), by_severity=True, severities=["P1", "P2", "P3"]).figure
    medians = {trace["name"] for trace in traces(figure, "Median")}
    assert medians == {"Median P2"}  # P1's three incidents are points only
    bars = {trace["name"]: trace["y"] for trace in figure["data"] if trace["type"] == "bar"}
    assert bars == {"Incidents P1": [0, 3], "Incidents P2": [12, 0]}


def test_no_trend_without_start_times_and_no_tta_row_without_acknowledgements():
    assert trend_chart([]) is None
    pms = [replace(pm, acknowledged=None) for pm in busy_and_quiet_months()]
    figure = trend_chart(with_metrics(pms)).figure
    titles = [axis["title"]["text"] for key, axis in figure["layout"].items() if key.startswith("yaxis")]
    assert not any(title.startswith("TTA") for title in titles)
    assert any(title.startswith("TTD") for title in titles) and len(titles) == 4  # counts, TTD, TTM, TTR


def test_large_group_has_no_small_sample_warning():
    pms = [incident(n, datetime(2026, 3, 1 + n % 28, 9, 0, tzinfo=UTC), (5, 6, 20, 40)) for n in range(MINIMUM_TREND_SAMPLE)]
    chart = trend_chart(with_metrics(pms))
    assert "too few" not in chart.caption


def test_french_trend_labels():
    figure = trend_chart(with_metrics(busy_and_quiet_months()), labels=chart_labels("fr")).figure
    assert figure["layout"]["title"]["text"].startswith("Durées observées par mois")
    assert traces(figure, "Médiane")


# --- honest with few numbers --------------------------------------------------------


def metric_traces(figure, statistic_name, axis):
    return [t for t in traces(figure, statistic_name) if t["yaxis"] == axis]


def test_one_incident_is_a_point_without_line_or_p90():
    (pm,) = [incident(1, datetime(2026, 3, 4, 9, 0, tzinfo=UTC), (5, 6, 20, 40))]
    chart = trend_chart(with_metrics([pm]))
    figure = chart.figure
    assert not traces(figure, "Median") and not traces(figure, "90th percentile")
    points = [t for t in traces(figure, "Incident") if t["type"] == "scatter"]
    assert len(points) == 4 and all(t["y"] and len(t["y"]) == 1 for t in points)  # one dot per metric row
    # The count axis steps by whole incidents, from zero.
    assert figure["layout"]["yaxis"]["dtick"] == 1 and figure["layout"]["yaxis"]["tickformat"] == "d"
    assert "fewer than 5 incidents shows its points only" in chart.caption


def test_two_periods_with_a_gap_break_the_line():
    march = [incident(n, datetime(2026, 3, 1 + n, 9, 0, tzinfo=UTC), (5, 6, 20, 40 + n)) for n in range(6)]
    june = [incident(50 + n, datetime(2026, 6, 1 + n, 9, 0, tzinfo=UTC), (7, 8, 30, 60 + n)) for n in range(5)]
    figure = trend_chart(with_metrics(march + june), period="month").figure
    (bars,) = [t for t in figure["data"] if t["type"] == "bar"]
    assert bars["x"] == ["2026-03", "2026-04", "2026-05", "2026-06"] and bars["y"] == [6, 0, 0, 5]
    for statistic in ("Median", "90th percentile"):
        (line,) = metric_traces(figure, statistic, "y5")
        assert line["x"] == bars["x"]
        assert line["y"][0] is not None and line["y"][3] is not None
        assert line["y"][1] is None and line["y"][2] is None and line["connectgaps"] is False


def test_drafts_stay_out_of_the_trend_and_the_caption_says_so():
    closed = [incident(n, datetime(2026, 3, 1 + n, 9, 0, tzinfo=UTC), (5, 6, 20, 40), status="closed") for n in range(6)]
    draft = incident(99, datetime(2026, 3, 20, 9, 0, tzinfo=UTC), (500, 600, 2000, 4000), status="draft")
    chart = trend_chart(with_metrics([*closed, draft]))
    (bars,) = [t for t in chart.figure["data"] if t["type"] == "bar"]
    assert bars["y"] == [6]
    points = [t for t in traces(chart.figure, "Incident") if t["type"] == "scatter"]
    assert all(len(t["y"]) == 6 for t in points)
    assert "1 draft left out" in chart.caption
    assert trend_chart(with_metrics([draft])) is None


def test_points_are_outlined_and_open_their_postmortem():
    pms = [incident(n, datetime(2026, 3, 1 + n, 9, 0, tzinfo=UTC), (5, 6, 20, 40)) for n in range(3)]
    urls = {pm.src_uri: f"postmortems/{pm.id}/" for pm in pms}
    chart = trend_chart(with_metrics(pms), urls=urls)
    points = [t for t in traces(chart.figure, "Incident") if t["type"] == "scatter"]
    assert points[0]["customdata"] == [urls[pm.src_uri] for pm in pms]
    assert points[0]["marker"]["line"]["width"] >= 1 and points[0]["marker"]["opacity"] >= 0.8
    assert "Click a point" in chart.caption


def test_rows_can_be_chosen_for_the_folded_second_chart():
    pms = busy_and_quiet_months()
    chart = trend_chart(with_metrics(pms), metrics=("tta", "ttm"), counts=False)
    titles = [axis["title"]["text"] for key, axis in chart.figure["layout"].items() if key.startswith("yaxis")]
    assert [title[:3] for title in titles] == ["TTA", "TTM"]
    assert not [t for t in chart.figure["data"] if t["type"] == "bar"]
