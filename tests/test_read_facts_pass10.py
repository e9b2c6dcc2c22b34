"""The tenth pass on facts written in a table (issue 22): a table written
across, its header row the facts' labels and one row of values below ("|
Service | Date | Gravité |"), states each fact as a two-column table does
down. Small postmortems of our own, none a file of the corpus, English and
French."""

from __future__ import annotations

import pytest
from reading_helpers import read


@pytest.mark.parametrize(
    ("table", "severity"),
    [
        ("| Application | Gravité | Perte de données |\n|---|---|---|\n| Portail RH | Majeure | Non |", "P2"),
        ("| Criticité | Équipe |\n|---|---|\n| moyenne | Réseau |", "P3"),
        ("| Team | Region | Severity | Status |\n|---|---|---|---|\n| Billing | eu-west | Critical | Closed |", "P1"),
        ("| Severity level | Owner |\n|:--|:--|\n| **Minor** | Ana |", "P3"),
    ],
)
def test_a_fact_table_written_across_states_its_severity(table, severity):
    pm = read(f"# Panne du portail\n\n{table}\n\n## Résumé\n\nLe portail était lent.\n", "portail.md")
    assert pm.stated.get("severity") is not None
    assert pm.stated["severity"].value == severity


def test_a_table_of_several_incidents_states_no_severity():
    pm = read("# Quarterly review\n\n| Incident | Severity |\n|---|---|\n| Login outage | Critical |\n"
              "| Slow search | Minor |\n| Lost emails | Major |\n\n## Summary\n\nThree incidents.\n", "review.md")
    assert pm.stated.get("severity") is None


def test_a_record_across_with_a_date_column_states_its_severity():
    pm = read("# Lenteurs du portail\n\n| Service | Date | Gravité |\n|---|---|---|\n| Portail | 14/10/2026 | Moyenne |\n\n"
              "## Résumé\n\nLe portail était lent.\n", "portail.md")
    assert pm.stated["severity"].value == "P3"
