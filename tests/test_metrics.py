"""Durations and aggregates, checked against answers computed by hand."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from mkdocs_postmortem.metrics import aggregate, choose_period, incident_metrics, trend
from mkdocs_postmortem.model import Postmortem

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def postmortem(**times) -> Postmortem:
    return Postmortem(path="x.md", src_uri="postmortems/x.md", id=times.pop("id", "x"), **times)


def test_metrics_in_minutes_from_phase_timestamps():
    pm = postmortem(
        started=datetime(2026, 3, 4, 14, 23, tzinfo=timezone.utc),
        detected=datetime(2026, 3, 4, 14, 35, tzinfo=timezone.utc),
        acknowledged=datetime(2026, 3, 4, 14, 42, tzinfo=timezone.utc),
        mitigated=datetime(2026, 3, 4, 15, 5, tzinfo=timezone.utc),
        resolved=datetime(2026, 3, 4, 15, 10, tzinfo=timezone.utc),
    )
    metrics = incident_metrics(pm)
    assert (metrics.ttd, metrics.tta, metrics.ttm, metrics.ttr) == (12, 7, 42, 47)
    assert incident_metrics(pm, ttr_from="detected").ttr == 35


def test_missing_timestamp_gives_absent_metric_not_zero():
    pm = postmortem(
        started=datetime(2026, 3, 4, 14, 0, tzinfo=timezone.utc),
        resolved=datetime(2026, 3, 4, 15, 0, tzinfo=timezone.utc),
    )
    metrics = incident_metrics(pm)
    assert metrics.ttd is None and metrics.tta is None and metrics.ttm is None
    assert metrics.ttr == 60


def test_paris_incident_across_the_march_daylight_saving_change():
    # 2026-03-29: at 02:00 CET clocks jump to 03:00 CEST. 01:30 -> 03:30 local
    # is one hour of real time, not two.
    pm = postmortem(
        started=datetime(2026, 3, 29, 1, 30, tzinfo=PARIS),
        detected=datetime(2026, 3, 29, 1, 50, tzinfo=PARIS),
        acknowledged=datetime(2026, 3, 29, 3, 5, tzinfo=PARIS),
        resolved=datetime(2026, 3, 29, 3, 30, tzinfo=PARIS),
    )
    metrics = incident_metrics(pm)
    assert metrics.ttd == 20
    assert metrics.tta == 15  # 01:50 CET -> 03:05 CEST
    assert metrics.ttr == 60


def test_new_york_incident_across_the_november_change_and_mixed_zones():
    # 2025-11-02: 02:00 EDT falls back to 01:00 EST. 00:40 EDT -> 01:20 EST is 100 minutes.
    started = datetime(2025, 11, 2, 0, 40, tzinfo=NEW_YORK)
    resolved = datetime(2025, 11, 2, 1, 20, fold=1, tzinfo=NEW_YORK)
    detected_utc = datetime(2025, 11, 2, 5, 0, tzinfo=timezone.utc)  # 01:00 EDT
    pm = postmortem(started=started, detected=detected_utc, resolved=resolved)
    metrics = incident_metrics(pm)
    assert metrics.ttd == 20
    assert metrics.ttr == 100


def test_aggregate_median_p90_mean_by_hand():
    result = aggregate([10, 20, 30, 40, None, 100])
    assert result.count == 5
    assert result.median == 30
    # p90 of [10, 20, 30, 40, 100]: rank 0.9 * 4 = 3.6 -> 40 + 0.6 * (100 - 40) = 76
    assert result.p90 == 76
    assert result.mean == 40
    empty = aggregate([None, None])
    assert (empty.count, empty.median, empty.p90, empty.mean) == (0, None, None, None)


def test_trend_groups_by_month_in_the_incident_zone():
    base = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)
    incidents = []
    for index in range(9):
        start = base + timedelta(days=10 * index)
        pm = postmortem(id=f"i{index}", started=start, resolved=start + timedelta(minutes=10 * (index + 1)))
        incidents.append((pm, incident_metrics(pm)))
    # 00:30 on 1 April in Paris is still 31 March in UTC: it belongs to April.
    paris = postmortem(
        id="paris",
        started=datetime(2026, 4, 1, 0, 30, tzinfo=PARIS),
        resolved=datetime(2026, 4, 1, 1, 30, tzinfo=PARIS),
    )
    incidents.append((paris, incident_metrics(paris)))
    period, points = trend(incidents, period="month")
    assert period == "month"
    by_period = {point.period: point for point in points}
    assert by_period["2026-04"].incidents == 1
    assert by_period["2026-04"].metrics["ttr"].median == 60
    assert by_period["2026-01"].incidents == 3
    assert by_period["2026-01"].metrics["ttr"].median == 20


@pytest.mark.parametrize(
    ("count", "months", "expected"),
    [(12, 4, "month"), (11, 4, "quarter"), (0, 1, "month")],
)
def test_month_or_quarter_depends_on_incidents_per_month(count, months, expected):
    starts = [datetime(2026, 1 + (i * months) // max(count, 1), 1, tzinfo=timezone.utc) for i in range(count)]
    if count:
        starts[-1] = datetime(2026, months, 28, tzinfo=timezone.utc)
    assert choose_period(starts) == expected
