"""The shared text module: folding, durations, period keys and the words of pages and charts."""

from __future__ import annotations

import ast
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import mkdocs_postmortem.text as text_module
from mkdocs_postmortem.text import (
    PERIOD_KEY,
    chart_labels,
    duration_text,
    duration_text_floored,
    fold,
    fold_keeping_punctuation,
    fold_same_length,
    labels_for,
    language_of,
    letters_and_digits,
    minutes_in_full,
    minutes_text,
    month_key,
    period_keys,
    quarter_key,
    strip_accents,
)

PARIS = ZoneInfo("Europe/Paris")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


# --- it sits at the bottom of the package -------------------------------------------------


def test_the_module_imports_nothing_of_the_project_or_of_mkdocs():
    tree = ast.parse(Path(text_module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import of {node.module} in text.py"
            imported.add(node.module.split(".")[0])
    outside_stdlib = imported - set(sys.stdlib_module_names) - {"__future__"}
    assert outside_stdlib == {"yaml"}


# --- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("📖 Résumé de l’incident", "resume de l incident"),
        ("RÉSUMÉ DE L INCIDENT", "resume de l incident"),
        ("resume de l'incident", "resume de l incident"),
        ("Chronologie détaillée", "chronologie detaillee"),
        ("Leçons apprises", "lecons apprises"),
        ("Cœur de réseau", "coeur de reseau"),
        ("Ørsted", "orsted"),
        ("Straße", "strasse"),
        ("Prochaines étapes / Next steps", "prochaines etapes next steps"),
        ("__Actions__ correctives", "actions correctives"),
        ("🔥", ""),
    ],
)
def test_fold_compares_headings_and_labels_as_words(written, folded):
    assert fold(written) == folded


def test_fold_keeping_punctuation_tells_names_apart_by_their_signs():
    assert fold_keeping_punctuation("Équipe-A [x]") == "equipe-a [x]"
    assert fold_keeping_punctuation("Suivi / Backlog") == "suivi / backlog"
    assert fold_keeping_punctuation("Straße") == "strasse"  # case-folded, not only lower case
    assert fold_keeping_punctuation("[ ]") != fold_keeping_punctuation("[x]")
    # fold makes both of these the same words; a rule comparing names as written must not
    assert fold("follow-up") == fold("follow up") and fold_keeping_punctuation("follow-up") != "follow up"


def test_fold_same_length_keeps_every_position():
    samples = ["Résolu à 14h05 — Île-de-France", "ÉTÉ 2025 : déc. ﬁn", "œuvre Straße İstanbul", "plain ascii"]
    for written in samples:
        assert len(fold_same_length(written)) == len(written)
    written = "Incident résolu à 14h05 (Île-de-France)"
    start = fold_same_length(written).index("resolu a")
    assert written[start : start + len("resolu a")] == "résolu à"
    assert fold_same_length("Résolu à 14h05") == "resolu a 14h05"
    assert fold_same_length("DÉC. 15") == "dec. 15"


def test_letters_and_digits_find_a_heading_again_in_rendered_html():
    assert letters_and_digits("🔍 **Timeline**") == letters_and_digits("🔍 Timeline¶") == "timeline"
    assert letters_and_digits("Chronologie détaillée") == "chronologiedétaillée"  # accents kept
    assert letters_and_digits("Étape 2 : ﬁn") == "étape2fin"  # compatibility forms unfolded


def test_strip_accents_changes_nothing_else():
    assert strip_accents("Résumé À Noël, Ça") == "Resume A Noel, Ca"
    assert strip_accents("Œuvre ø") == "Œuvre ø"


def _every_character_of(planes: range) -> str:
    return "".join(chr(code) for code in planes if not 0xD800 <= code < 0xE000)


def test_folding_a_text_is_folding_each_of_its_characters_as_nfkd_of_the_whole_did():
    # The tables that remember each character's folding must give what NFKD of the whole
    # text gave: combining marks reordered and dropped, ligatures and compatibility forms
    # decomposed, a letter whose lower case is longer kept as written.
    import unicodedata

    def whole_text_without_accents(text: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))

    def one_for_one(text: str) -> str:
        out = []
        for ch in text:
            base = unicodedata.normalize("NFKD", ch)[:1] or ch
            out.append(base.lower() if len(base.lower()) == 1 else base)
        return "".join(out)

    everything = _every_character_of(range(0x80, 0x30000))
    samples = [
        everything,
        everything[::-1],  # every character again, the first 4096 now remembered
        "a\u0301\u0323b\u0323\u0301 e\u0308\u0304 ﬁn İstanbul Straße ½ ＡＢＣ ǅ",
        "Résolu à 14h05 — Île-de-France, jusqu’à l’aube",
    ]
    for text in samples:
        assert strip_accents(text) == whole_text_without_accents(text)
        assert fold_same_length(text) == one_for_one(text)
        assert len(fold_same_length(text)) == len(text)


def test_the_folding_tables_stay_bounded_on_a_text_of_every_character():
    strip_accents(_every_character_of(range(0x80, 0x30000)))
    fold_same_length(_every_character_of(range(0x80, 0x30000)))
    assert len(text_module._WITHOUT_ACCENTS) <= text_module._TABLE_MOST
    assert len(text_module._SAME_LENGTH) <= text_module._TABLE_MOST


# --- durations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "english", "french"),
    [
        (None, "–", "–"),
        (0, "0 min", "0 min"),
        (0.4, "0 min", "0 min"),
        (45, "45 min", "45 min"),
        (59.6, "1 h", "1 h"),
        (60, "1 h", "1 h"),
        (67, "1 h 7 min", "1 h 7 min"),
        (95, "1 h 35 min", "1 h 35 min"),
        (1440, "1 d", "1 j"),
        (1441, "1 d", "1 j"),  # the two largest units only
        (3000, "2 d 2 h", "2 j 2 h"),
        (10000, "6 d 22 h", "6 j 22 h"),
    ],
)
def test_durations_read_as_the_two_largest_units_in_pages_and_charts(minutes, english, french):
    for language, expected in (("en", english), ("fr", french)):
        assert duration_text(minutes, chart_labels(language)) == expected
        assert duration_text(minutes, labels_for(language)) == expected
        assert duration_text_floored(minutes, labels_for(language)) == expected


def test_a_negative_duration_is_signed_in_charts_and_floored_on_pages():
    assert duration_text(-5, chart_labels("en")) == "-5 min"
    assert duration_text(-95, chart_labels("en")) == "-1 h 35 min"
    # The generated pages have always split a negative duration by floor division.
    assert duration_text_floored(-5, labels_for("en")) == "-1 d 23 h"
    assert duration_text_floored(-1440, labels_for("en")) == "-1 d"


def test_an_unknown_duration_is_never_zero():
    assert duration_text(None, chart_labels("en"), unknown="-") == "-"  # the CLI's tables
    assert duration_text(0, chart_labels("en"), unknown="-") == "0 min"
    assert minutes_text(None) == "-"


def test_exact_minutes_for_show_and_for_messages():
    assert minutes_text(95) == "95 min"
    assert minutes_text(12.5) == "12.5 min"
    assert minutes_text(95.0) == "95 min"
    assert minutes_in_full(47) == "47 minutes"
    assert minutes_in_full(47.5) == "47.5 minutes"
    assert minutes_in_full(119.999) == "120 minutes (2 h 00)"
    assert minutes_in_full(150) == "150 minutes (2 h 30)"
    assert minutes_in_full(1505) == "1505 minutes (25 h 05)"


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "month", "quarter"),
    [
        (datetime(2025, 12, 31, 23, 59, tzinfo=timezone.utc), "2025-12", "2025-Q4"),
        (datetime(2026, 1, 1, 0, 0, tzinfo=timezone.utc), "2026-01", "2026-Q1"),
        (datetime(2026, 3, 31, 12, 0, tzinfo=timezone.utc), "2026-03", "2026-Q1"),
        (datetime(2026, 4, 1, 0, 0, tzinfo=timezone.utc), "2026-04", "2026-Q2"),
        (datetime(2026, 9, 30, 23, 0, tzinfo=timezone.utc), "2026-09", "2026-Q3"),
        (datetime(2026, 10, 1, 0, 0, tzinfo=timezone.utc), "2026-10", "2026-Q4"),
        (datetime(987, 2, 1, tzinfo=timezone.utc), "0987-02", "0987-Q1"),
    ],
)
def test_month_and_quarter_keys(moment, month, quarter):
    assert month_key(moment) == PERIOD_KEY["month"](moment) == month
    assert quarter_key(moment) == PERIOD_KEY["quarter"](moment) == quarter


def test_period_keys_follow_the_incidents_own_time_zone():
    # 00:30 on New Year's Day in Paris is still 31 December in UTC.
    paris = datetime(2026, 1, 1, 0, 30, tzinfo=PARIS)
    assert (month_key(paris), quarter_key(paris)) == ("2026-01", "2026-Q1")
    utc = paris.astimezone(timezone.utc)
    assert (month_key(utc), quarter_key(utc)) == ("2025-12", "2025-Q4")
    # 20:00 on 31 March in Los Angeles is already April in UTC.
    la = datetime(2026, 3, 31, 20, 0, tzinfo=LOS_ANGELES)
    assert (month_key(la), quarter_key(la)) == ("2026-03", "2026-Q1")
    assert quarter_key(la.astimezone(timezone.utc)) == "2026-Q2"


def test_period_keys_run_across_year_boundaries_with_the_empty_ones():
    assert period_keys("2025-11", "2026-02", "month") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert period_keys("2025-Q3", "2026-Q2", "quarter") == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert period_keys("2026-05", "2026-05", "month") == ["2026-05"]
    assert period_keys("2024-Q4", "2024-Q4", "quarter") == ["2024-Q4"]
    assert len(period_keys("2023-01", "2026-12", "month")) == 48
    assert period_keys("2026-03", "2026-01", "month") == []


# --- words ---------------------------------------------------------------------------------


def test_labels_follow_the_language_and_fall_back_to_english():
    assert language_of("fr_FR") == "fr" and language_of("fr-CA") == "fr"
    assert language_of("de") == "en" and language_of(None) == "en"
    french = labels_for("fr")
    english = labels_for("en")
    assert french["overview"] != english["overview"]
    assert set(french) == set(english)
    assert set(french["action_status"]) == set(english["action_status"]) == {"open", "in-progress", "done", "wont-do"}
    assert labels_for("de") == english


def test_chart_words_follow_the_language_and_keep_what_only_french_has():
    french = chart_labels("fr_FR")
    english = chart_labels("en")
    assert french["trend_title"] != english["trend_title"]
    assert french["units"]["day"] == "j" and english["units"]["day"] == "d"
    assert "plotly_locale" in french and "plotly_locale" not in english
    assert chart_labels(None) == chart_labels("pt") == english


def test_pages_and_charts_name_the_same_duration_units():
    for language in ("en", "fr"):
        assert labels_for(language)["units"] == chart_labels(language)["units"]
        assert labels_for(language)["no_value"] == chart_labels(language)["no_value"]


def test_each_call_gets_its_own_words():
    first = labels_for("en")
    first["units"]["day"] = "changed"
    first["overview"] = "changed"
    assert labels_for("en")["units"]["day"] == "d"
    assert labels_for("en")["overview"] != "changed"
