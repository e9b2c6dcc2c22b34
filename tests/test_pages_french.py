"""A French site speaks French on every generated page: the words of the pages
come from data/labels.yml in the site's language, and what the pages say about
an incident (late, overdue, a family, a repeat) is worded from facts there,
never taken from the rules' English messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_mkdocs, write_site

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
BUILD_DATE = "2026-12-01"

# Words of English sentences that French never uses: one of them in a French page's
# own text is a sentence nobody translated. Author text here is all French.
ENGLISH = {
    "the", "and", "is", "was", "of", "with", "after", "days", "ago", "has", "its", "by", "from", "to",
    "this", "that", "are", "were", "still", "more", "than", "shown", "items", "open", "closed", "late",
    "deadline", "due", "owner", "none", "see", "since", "which", "what", "when", "who", "how", "not",
    "no", "or", "at", "an", "be", "been", "will", "your", "published", "resolved", "draft", "write",
}
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*")
_READ_ALOUD = ("aria-label", "title", "alt", "placeholder")


def _incident(name: str, title: str, *changes: tuple[str, str]) -> tuple[str, str]:
    text = (FIXTURES / "good_fr.md").read_text(encoding="utf-8")
    text = text.replace("Commandes bloquées après l'expiration du secret du webhook de paiement", title)
    text = text.replace("id: 2026-03-04-secret-webhook", f"id: {name}")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return f"{name}.md", text


def french_postmortems() -> dict[str, str]:
    return dict(
        [
            # On time, with items past their deadline on the build date.
            _incident("2026-03-04-secret-webhook", "Commandes bloquées après l'expiration du secret du webhook"),
            # Published 41 days after resolution: PM501.
            _incident(
                "2026-01-10-secret-expire", "Paiements refusés après l'expiration d'un secret",
                ("severity: P2", "severity: P1"),
                ("2026-03-04 1", "2026-01-10 1"), ("published: 2026-03-06", "published: 2026-02-20"),
                ("authors:", "related: [2026-03-04-secret-webhook]\nauthors:"),
            ),
            # Not a draft, no `published:`, resolved long ago: PM501 asks for the date.
            _incident(
                "2026-02-01-secret-sans-date", "Confirmations perdues après le renouvellement du secret",
                ("2026-03-04 1", "2026-02-01 1"), ("published: 2026-03-06\n", ""),
            ),
            # Still a draft long after resolution: PM502.
            _incident(
                "2026-05-12-secret-brouillon", "Webhooks rejetés, secret de signature expiré",
                ("2026-03-04 1", "2026-05-12 1"), ("status: approuvé", "status: brouillon"),
                ("published: 2026-03-06\n", ""),
            ),
        ]
    )


def _english_words(element) -> set[str]:
    """English words of the page's text and of what a screen reader reads; scripts, styles and
    <code> (a key or value to write, `published:`, `publish_deadline_days`) left out."""
    for hidden in element.select("script, style, code"):
        hidden.decompose()
    texts = [element.get_text(" ")]
    texts += [str(tag[name]) for tag in element.find_all(True) for name in _READ_ALOUD if tag.has_attr(name)]
    return {word for text in texts for word in _WORD.findall(text) if word.lower() in ENGLISH}


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("french")
    write_site(
        root, french_postmortems(),
        options={"build_date": BUILD_DATE, "rules": {"PM304": "warning", "PM501": "warning"}},
        theme={"name": "material", "language": "fr"},
    )
    result = run_mkdocs("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _generated_pages(site: Path) -> dict[str, BeautifulSoup]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("[data-postmortem-page]")
        if body is not None:
            pages[path.relative_to(site).as_posix()] = body
    return pages


def test_the_french_site_has_its_late_postmortems_and_overdue_items(french_site):
    """What the test reads is there: the overview lists the three late postmortems."""
    overview = _generated_pages(french_site)["postmortems/index.html"]
    codes = sorted(item["data-code"] for item in overview.select(".postmortem-late li"))
    assert codes == ["PM501", "PM501", "PM502"]
    assert overview.select(".postmortem-overdue tr[data-status]") or overview.select(".postmortem-overdue li")


def test_every_generated_page_of_a_french_site_is_in_french(french_site):
    pages = _generated_pages(french_site)
    assert len(pages) >= 8, sorted(pages)  # overview, severities, services, each service, families, tracker...
    english = {name: sorted(found) for name, body in pages.items() if (found := _english_words(body))}
    assert english == {}


def test_lateness_is_worded_from_its_facts(french_site):
    overview = _generated_pages(french_site)["postmortems/index.html"]
    late = {item["data-incident-id"]: " ".join(item.get_text(" ").split()) for item in overview.select(".postmortem-late li")}
    assert "publié 41 jours après la résolution (2026-02-20, résolu le 2026-01-10)" in late["2026-01-10-secret-expire"]
    assert "encore en brouillon 203 jours après la résolution (délai : 5 jours)" in late["2026-05-12-secret-brouillon"]
    assert "sans date published:" in late["2026-02-01-secret-sans-date"]
