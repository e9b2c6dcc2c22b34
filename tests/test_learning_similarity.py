"""Similar incidents, read from real postmortem files: a cause told in other words
is found, in English and in French; incidents that share only the wording of a
template are not; the scores are the same from build to build."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from mkdocs_postmortem.handbook import Handbook
from mkdocs_postmortem.learning.similarity import (
    SIMILAR,
    SimilarityMemo,
    find_similar,
    similarity_from_text,
    similarity_text,
)
from mkdocs_postmortem.learning.terms import _WORD, document_terms, incident_text
from mkdocs_postmortem.settings import Settings
from mkdocs_postmortem.sources import Source
from mkdocs_postmortem.text import fold

FIXTURES = Path(__file__).parent / "fixtures" / "learning"
SETTINGS = Settings(build_date=date(2026, 6, 1))


def load(files: dict[str, str]) -> Handbook:
    sources = [
        Source(f"docs/postmortems/{name}", f"postmortems/{name}", textwrap.dedent(text).lstrip().encode("utf-8"))
        for name, text in files.items()
    ]
    return Handbook.load(sources, SETTINGS, workers=1)


@pytest.fixture(scope="module")
def corpus() -> Handbook:
    return load({path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))})


def similar_ids(handbook: Handbook, incident_id: str) -> list[str]:
    return [match.other.id for match in handbook.similarity.of(handbook.by_id[incident_id])]


def test_a_root_cause_told_in_other_words_is_found_in_english(corpus):
    # A renewal cron job disabled in a host move, a rotation job stuck after a node upgrade:
    # both certificates expired unrenewed and unwatched, said with different words.
    found = corpus.similarity.of(corpus.by_id["2026-04-14-mtls-certificate-rotation"])
    assert [match.other.id for match in found][:2] == [
        "2025-02-11-gateway-certificate-expired", "2025-09-03-cdn-certificate-renewal-failed"
    ]
    assert {"renewal", "expiry"} <= set(found[0].terms)
    assert similar_ids(corpus, "2025-11-05-billing-pool-saturation")[0] == "2025-03-18-orders-db-pool-exhausted"


def test_a_root_cause_told_in_other_words_is_found_in_french(corpus):
    found = corpus.similarity.of(corpus.by_id["2026-01-27-broker-messages-accumules"])
    assert found[0].other.id == "2025-05-20-rabbitmq-disque-plein"
    assert {"consommateurs", "disque"} <= set(found[0].terms)
    assert found[0].services == ("rabbitmq",)
    assert similar_ids(corpus, "2026-02-19-resolveur-servfail")[0] == "2025-06-12-resolution-dns-purge-cache"


def test_unrelated_incidents_of_the_same_template_are_not_similar(corpus):
    # Same headings, summary table, timeline wording and lessons headings as every file of the corpus.
    assert similar_ids(corpus, "2025-04-02-mobile-crash-feature-flag") == []
    assert similar_ids(corpus, "2025-08-21-kafka-consumer-lag") == []
    assert similar_ids(corpus, "2026-03-10-export-lots-timeout") == []


EN_TEMPLATE = """\
    ---
    title: {title}
    severity: P2
    status: approved
    services: [{service}]
    started: {day}T10:00:00Z
    resolved: {day}T11:00:00Z
    ---

    # {title}

    ## Summary

    | Attribute | Value |
    |-----------|-------|
    | **Date** | {day} |
    | **Duration** | 60 minutes |
    | **Severity** | P2 |
    | **Impact** | {impact} |

    **TL;DR:** {story}

    ## Root Cause

    **Trigger:** {trigger}

    **Contributing factors:** {factor}

    ### 5 Whys

    1. Why did this happen? Because {why}.
    2. Why did this happen? Because {why2}.
    """

FR_TEMPLATE = """\
    ---
    title: {title}
    severity: P2
    status: approved
    services: [{service}]
    started: {day}T10:00:00Z
    resolved: {day}T11:00:00Z
    ---

    # {title}

    ## Résumé exécutif

    | Attribut | Valeur |
    |----------|--------|
    | **Date** | {day} |
    | **Durée** | 60 minutes |
    | **Sévérité** | P2 |
    | **Impact** | {impact} |

    **TL;DR :** {story}

    ## Causes racines

    **Déclencheur :** {trigger}

    **Facteurs contributifs :** {factor}

    ### Les 5 pourquoi

    1. Pourquoi cela s'est-il produit ? Parce que {why}.
    2. Pourquoi cela s'est-il produit ? Parce que {why2}.
    """

EN_STORIES = {
    "2026-03-02-search-latency.md": {
        "title": "Search latency after an index merge", "service": "search", "day": "2026-03-02",
        "impact": "slow search pages", "story": "Search answered in seconds while segments were merged.",
        "trigger": "a forced merge of the product index", "factor": "merges ran at peak hours", "why": "merges compete for disk",
        "why2": "the merge schedule ignored traffic",
    },
    "2026-04-07-email-delays.md": {
        "title": "Emails delayed by the sending provider", "service": "email", "day": "2026-04-07",
        "impact": "late receipts", "story": "Receipts reached customers hours late while the provider throttled us.",
        "trigger": "a provider quota cut", "factor": "one provider only", "why": "the quota was lowered without notice",
        "why2": "the contract allowed quota changes",
    },
}
FR_STORIES = {
    "2026-03-02-latence-recherche.md": {
        "title": "Latence de la recherche après une fusion d'index", "service": "recherche", "day": "2026-03-02",
        "impact": "pages de recherche lentes", "story": "La recherche répondait en plusieurs secondes pendant la fusion des segments.",
        "trigger": "une fusion forcée de l'index produits", "factor": "fusions lancées aux heures de pointe",
        "why": "les fusions se disputent le disque", "why2": "le calendrier des fusions ignorait le trafic",
    },
    "2026-04-07-courriels-retardes.md": {
        "title": "Courriels retardés par le prestataire d'envoi", "service": "courriel", "day": "2026-04-07",
        "impact": "reçus en retard", "story": "Les reçus arrivaient avec des heures de retard, le prestataire nous limitait.",
        "trigger": "une baisse de quota chez le prestataire", "factor": "un seul prestataire",
        "why": "le quota a été réduit sans préavis", "why2": "le contrat autorisait ces changements",
    },
}


@pytest.mark.parametrize(("template", "stories"), [(EN_TEMPLATE, EN_STORIES), (FR_TEMPLATE, FR_STORIES)], ids=["en", "fr"])
def test_two_incidents_sharing_only_template_phrases_are_not_similar(template, stories):
    handbook = load({name: template.format(**story) for name, story in stories.items()})
    first, second = handbook.postmortems
    # The template's wording is in the text compared (summary table, labels, 5 Whys stems)...
    words = [{fold(w) for line in incident_text(pm) for w in _WORD.findall(line)} for pm in (first, second)]
    assert len(words[0] & words[1]) >= 12, words[0] & words[1]
    # ...and none of it makes them alike: no stem they share survives.
    assert not set(document_terms(first).counts) & set(document_terms(second).counts)
    assert handbook.similarity.of(first) == [] and handbook.similarity.of(second) == []


@pytest.mark.parametrize(("template", "stories"), [(EN_TEMPLATE, EN_STORIES), (FR_TEMPLATE, FR_STORIES)], ids=["en", "fr"])
def test_the_same_template_with_the_same_cause_told_again_is_similar(template, stories):
    name, story = next(iter(stories.items()))
    again = {**story, "day": "2026-05-11", "title": story["title"] + " (2)", "impact": "-", "story": "-"}
    handbook = load({name: template.format(**story), "2026-05-11-again.md": template.format(**again)})
    match = handbook.similarity.of(handbook.postmortems[0])
    assert [m.other.src_uri for m in match] == [f"postmortems/{name}"]
    assert match[0].score >= SIMILAR


def test_a_shared_service_or_tag_alone_makes_nothing_similar():
    one = EN_STORIES["2026-03-02-search-latency.md"]
    other = {**EN_STORIES["2026-04-07-email-delays.md"], "service": "search"}
    handbook = load({"a.md": EN_TEMPLATE.format(**one), "b.md": EN_TEMPLATE.format(**other)})
    assert all(handbook.similarity.of(pm) == [] for pm in handbook.postmortems)


def test_scores_do_not_depend_on_the_order_files_are_read_in(corpus):
    reversed_order = find_similar(list(reversed(corpus.postmortems)))
    for pm in corpus.postmortems:
        assert [(m.other.id, m.score, m.terms) for m in reversed_order.of(pm)] == [
            (m.other.id, m.score, m.terms) for m in corpus.similarity.of(pm)
        ]


def test_similar_incidents_kept_as_text_come_back_the_same_with_this_builds_models(corpus):
    """What a warm build takes from the cache instead of comparing every incident again."""
    similarity = corpus.similarity
    assert similarity.pairs and any(similarity.similar.values())
    by_uri = {pm.src_uri: pm for pm in corpus.postmortems}
    back = similarity_from_text(similarity_text(similarity), by_uri)
    assert back == similarity
    assert all(match.other is by_uri[match.other.src_uri] for matches in back.similar.values() for match in matches)
    # An entry naming an incident this build lacks, or of another form, is no answer: worked out again.
    some = corpus.postmortems[0].src_uri
    assert similarity_from_text(similarity_text(similarity), {k: v for k, v in by_uri.items() if k != some}) is None
    for damaged in ("", "[]", '{"similar": {}}', '{"similar": {}, "pairs": [["a"]]}', similarity_text(similarity)[:-9]):
        assert similarity_from_text(damaged, by_uri) is None, damaged


def test_the_rule_suggests_a_link_only_when_switched_on_and_not_linked(corpus):
    files = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}
    unlinked = "2026-01-27-broker-messages-accumules.md"
    files[unlinked] = files[unlinked].replace("related: [2025-05-20-rabbitmq-disque-plein]", "related: []")
    assert "PM604" not in {d.code for d in load(files).diagnostics}  # off by default
    sources = [Source(f"docs/postmortems/{n}", f"postmortems/{n}", t.encode("utf-8")) for n, t in files.items()]
    switched_on = Handbook.load(sources, Settings(build_date=date(2026, 6, 1), rules={"PM604": "warning"}), workers=1)
    found = [d for d in switched_on.diagnostics if d.code == "PM604"]
    assert [(d.path, d.level) for d in found] == [(f"docs/postmortems/{unlinked}", "warning")]
    assert "`2025-05-20-rabbitmq-disque-plein` (2025-05-20)" in found[0].message
    assert "add `2025-05-20-rabbitmq-disque-plein` to `related:`" in found[0].message
    # The linked pairs of the corpus, and the earlier incident of the pair, get nothing.
    assert "PM604" not in {d.code for d in Handbook.load(
        [Source(f"docs/postmortems/{n}", f"postmortems/{n}", p.read_bytes()) for n, p in
         ((p.name, p) for p in sorted(FIXTURES.glob("*.md")))],
        Settings(build_date=date(2026, 6, 1), rules={"PM604": "warning"}), workers=1).diagnostics}


def test_comments_are_not_read_but_the_text_around_them_is():
    from mkdocs_postmortem.learning.terms import without_comments

    assert without_comments("a <!-- hidden\nguidance --> b") == "a \n  b"
    assert without_comments("a <!-- never closed b") == "a "
    assert without_comments("<!--<!--x-->y") == " y"


def test_a_one_off_build_lets_the_terms_go_once_it_has_the_answer(corpus):
    # `mkdocs build` sets keeps_terms to False (only a serve rebuild reads the terms again):
    # the answer is the same, and no incident's terms stay held after it.
    kept, let_go = SimilarityMemo(), SimilarityMemo()
    let_go.keeps_terms = False
    pms = corpus.postmortems
    expected = find_similar(pms)
    for memo in (kept, let_go):
        found = memo(pms)
        assert {uri: [(m.other.src_uri, m.score, m.terms) for m in matches] for uri, matches in found.similar.items()} == {
            uri: [(m.other.src_uri, m.score, m.terms) for m in matches] for uri, matches in expected.similar.items()
        }
    assert all(kept.holds_terms(pm) for pm in pms)
    assert not any(let_go.holds_terms(pm) for pm in pms)
    assert let_go(pms) is let_go(pms)  # asked again in the same build: the same answer, not worked out again
