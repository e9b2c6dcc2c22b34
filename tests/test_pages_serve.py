"""`mkdocs serve --dirty`: the generated pages follow an edited postmortem on the next reload."""

from __future__ import annotations

import pytest
from conftest import fetch, mkdocs_serve, wait_for, write_site
from pages_site import BUILD_DATE, incidents, site_files


@pytest.fixture
def dirty_server(tmp_path):
    write_site(tmp_path, site_files(incidents()[:3]), options={"build_date": BUILD_DATE})
    with mkdocs_serve(tmp_path, "--dirty") as (base, server):
        yield tmp_path, base, server


def test_generated_pages_follow_an_edited_postmortem(dirty_server):
    root, base, server = dirty_server
    first = incidents()[0]
    index = wait_for(lambda: fetch(base + "postmortems/services/"), "the first build", server)
    assert 'data-service="payments"' in index and 'data-service="Billing Gateway"' not in index
    source = root / "docs" / "postmortems" / first.file_name
    source.write_text(
        source.read_text(encoding="utf-8").replace("services: ['payments', 'Edge Router']", "services: ['Billing Gateway']"),
        encoding="utf-8",
    )
    index = wait_for(
        lambda: (page := fetch(base + "postmortems/services/")) and 'data-service="Billing Gateway"' in page and page,
        "the services index to show the new service",
        server,
    )
    new_page = wait_for(lambda: fetch(base + "postmortems/services/billing-gateway/"), "the new service page", server)
    assert f'data-incident-id="{first.id}"' in new_page
    overview = fetch(base + "postmortems/")
    assert overview is not None and first.title in overview
