"""The sixth pass on what leads a timeline entry, prose timelines and sections by
meaning (issue 22), each class on a small postmortem of our own, none a file of
the corpus: a time on a line of its own leading the paragraph under it, a
heading that is a short date and a time joined by a dash, a table with a time
column under any heading, a narrative whose sentences state the moments (the
French hour written with spaces, "vers 22 h"), a date in the timeline's heading,
and headings or labels that name a section in other words."""

from __future__ import annotations

from datetime import date

from reading_helpers import read, times, utc

from mkdocs_postmortem.rules import check_postmortem
from mkdocs_postmortem.settings import Settings

RULES = Settings(default_timezone="UTC", build_date=date(2026, 12, 1))


def missing_sections(pm) -> list[str]:
    return sorted(
        d.message.split('"')[1] for d in check_postmortem(pm, RULES) if d.code == "PM101"
    )


# --- a time on a line of its own leads the paragraph below it ---------------------------

def test_a_paragraph_led_by_a_dated_time_line_is_an_entry():
    pm = read("# mail relay\n\n"
              "2026-05-03 16:20 UTC\n"
              "Mail flows again. The relay's queue is empty\n"
              "and delayed messages have all been delivered.\n\n"
              "2026-05-03 15:05 UTC\n"
              "The relay's certificate was renewed by hand; the\n"
              "queue is draining slowly.\n\n"
              "2026-05-03 14:40 UTC\n"
              "Outgoing mail is stuck in the relay's queue. We\n"
              "are looking into it.\n", "mail-relay.md")
    assert times(pm) == ["2026-05-03 14:40", "2026-05-03 15:05", "2026-05-03 16:20"]
    assert utc(pm.started) == "2026-05-03 14:40"
    assert utc(pm.resolved) == "2026-05-03 16:20"


def test_a_time_line_in_the_form_of_a_shell_date_leads_its_paragraph():
    pm = read("# notes\n\n"
              "Sun 3 May 2026 02:05:40 PM UTC\n"
              "Disk full on the build host.\n"
              "Builds are failing.\n\n"
              "Sun 3 May 2026 03:30:02 PM UTC\n"
              "Old artefacts removed; builds pass again.\n", "notes.md")
    assert times(pm) == ["2026-05-03 14:05", "2026-05-03 15:30"]


# --- a heading made of a short date, a dash and a time -----------------------------------

def test_headings_of_a_short_date_a_dash_and_a_french_time_are_entries():
    pm = read("# Panne de la recherche du 03/05/2026\n\n"
              "## Déroulé\n\n"
              "### 03/05 – 09h15 : alerte\n\nLa recherche renvoie des erreurs.\n\n"
              "### 03/05 – 09h40 : diagnostic\n\nL'index est corrompu.\n\n"
              "### 03/05 – 10h25 : rétablissement\n\nL'index est reconstruit, la recherche répond.\n",
              "panne-recherche.md")
    assert times(pm) == ["2026-05-03 09:15", "2026-05-03 09:40", "2026-05-03 10:25"]


# --- a table with a time column is a timeline under any heading --------------------------

def test_a_table_with_date_and_time_columns_under_another_heading_is_the_timeline():
    text = ("# May 3, 2026 - uploads failing\n\n"
            "All times UTC.\n\n"
            "## What went on\n\n"
            "Uploads failed for an hour.\n\n"
            "| Date | Time | What |\n|---|---|---|\n"
            "| May 3 | 1:10 PM | Uploads start failing. |\n"
            "| May 3 | 1:35 PM | The storage bucket's policy is found changed. |\n"
            "| May 3 | 2:12 PM | Policy restored; uploads work. |\n\n"
            "## Root cause\n\nA policy change.\n")
    pm = read(text, "uploads.md")
    assert times(pm) == ["2026-05-03 13:10", "2026-05-03 13:35", "2026-05-03 14:12"]
    assert "timeline" not in missing_sections(pm)


def test_an_action_table_with_dates_is_not_a_timeline():
    text = ("# Uploads failing\n\nUploads failed on 2026-05-03 from 13:10 to 14:12 UTC.\n\n"
            "## Follow-up\n\n"
            "| Time | Task | Owner |\n|---|---|---|\n"
            "| 10:00 | Review the bucket policy | storage team |\n"
            "| 11:00 | Alert on policy changes | SRE |\n"
            "| 12:00 | Document the policy | storage team |\n")
    pm = read(text, "uploads-followup.md")
    assert pm.timeline == []


# --- a narrative whose sentences state the moments ---------------------------------------

NARRATIVE_FR = """# Coupure électrique du site de Lille

*Les heures sont en heure de Paris.*

## Ce qui s'est passé

Le jeudi 9 juillet 2026, vers 6 h, le poste de livraison a disjoncté. Les onduleurs ont tenu jusqu'à 6 h 40, puis les baies se sont arrêtées.

Le groupe électrogène a été démarré à la main à 8 h 15 et le redémarrage des serveurs a commencé. Retour à la normale à 10 h 05.

## Cause

Un défaut sur le poste de livraison.

## Actions

- Tester le démarrage automatique du groupe tous les mois.
"""


def test_a_french_narrative_of_moments_is_a_timeline():
    pm = read(NARRATIVE_FR, "coupure-lille.md")
    assert times(pm) == ["2026-07-09 04:00", "2026-07-09 04:40", "2026-07-09 06:15", "2026-07-09 08:05"]
    assert utc(pm.started) == "2026-07-09 04:00"
    assert utc(pm.resolved) == "2026-07-09 08:05"


NARRATIVE_EN = """# Payments outage

All times are UTC.

## The story

On Tuesday 14 July 2026, at 14:05 the card processor started rejecting requests. Around 14:20 the on-call engineer was paged by the error-rate alert. At 14:48 we switched traffic to the backup processor, and by 15:10 payments were flowing normally again.

## Root cause

An expired API key at the processor.

## Action items

- Alert thirty days before an API key expires.
"""


def test_an_english_narrative_of_moments_is_a_timeline():
    pm = read(NARRATIVE_EN, "payments.md")
    assert times(pm) == ["2026-07-14 14:05", "2026-07-14 14:20", "2026-07-14 14:48", "2026-07-14 15:10"]


def test_a_summary_that_states_a_window_is_not_made_a_timeline():
    pm = read("# Payments outage\n\n## Summary\n\n"
              "Payments failed on 14 July 2026 from 14:05 to 15:10 UTC. The processor's key had expired.\n\n"
              "## Root cause\n\nAn expired key.\n", "payments-summary.md")
    assert pm.timeline == []
    assert utc(pm.started) == "2026-07-14 14:05"


# --- a date in the timeline's heading dates its entries ---------------------------------

def test_a_date_in_the_timeline_heading_dates_the_entries():
    pm = read("# Slow logins\n\n## Summary\n\nLogins were slow.\n\n"
              "## Timeline (times in UTC, Monday 6 April 2026)\n\n"
              "- 08:02 — logins slow\n- 08:30 — cache flushed\n- 08:41 — logins normal\n",
              "slow-logins.md")
    assert times(pm) == ["2026-04-06 08:02", "2026-04-06 08:30", "2026-04-06 08:41"]


# --- sections named in other words -----------------------------------------------------

def test_how_it_happened_is_the_cause_and_why_it_wont_happen_again_the_actions():
    pm = read("# Gateway errors\n\n## Summary\n\nThe gateway failed on 2026-05-03 from 10:00 to 10:30 UTC.\n\n"
              "## Impact\n\nEvery request failed.\n\n"
              "## Timeline\n\n- 10:00 errors\n- 10:30 fixed\n\n"
              "## How this happened\n\nA bad route was pushed.\n\n"
              "## Why this won't happen again\n\n- Validate routes before pushing them.\n\n"
              "## Lessons learned\n\nCheck routes.\n", "gateway.md")
    assert missing_sections(pm) == []
    assert len(pm.actions) == 1


def test_the_services_concerned_are_the_impact_in_french():
    pm = read("# Panne du portail\n\n## Résumé\n\nLe portail a été indisponible le 2026-05-03 de 10h00 à 10h30 UTC.\n\n"
              "## Applications concernées\n\n- le portail ;\n- l'annuaire.\n\n"
              "## Chronologie\n\n- 10h00 : erreurs\n- 10h30 : corrigé\n\n"
              "## Cause racine\n\nUn certificat expiré.\n\n## Actions\n\n- Surveiller les certificats.\n\n"
              "## Leçons apprises\n\nSurveiller.\n", "panne-portail.md")
    assert missing_sections(pm) == []


def test_what_we_saw_labels_the_cause():
    pm = read("# Board outage\n\n## Summary\n\nBoards failed on 2026-05-03 from 10:00 to 10:30 UTC.\n\n"
              "## Timeline\n\n- 10:00 errors\n- 10:30 fixed\n\n"
              "## What happened\n\n"
              "- **What you saw:** boards would not load.\n"
              "- **What we saw:** the database ran out of connections after a pool change.\n\n"
              "## Next steps\n\n- Cap the pool.\n\n## Lessons learned\n\nCap pools.\n", "boards.md")
    assert missing_sections(pm) == []


def test_a_column_whose_cells_are_times_is_the_time_column_whatever_its_header():
    pm = read("# Cache outage\n\n## Summary\n\nThe cache failed.\n\n## Timeline\n\n"
              "| Logged at (UTC) | Event |\n|---|---|\n"
              "| 2026-05-03 23:50:12 | cache nodes stop answering |\n"
              "| 2026-05-04 00:20:40 | cache restarted |\n"
              "| 2026-05-04 00:41:05 | hit rate back to normal |\n", "cache.md")
    assert times(pm) == ["2026-05-03 23:50", "2026-05-04 00:20", "2026-05-04 00:41"]


PLAIN_LINE_HEADINGS = """Login failures in Paris

Incident report for Example Cloud

Overview

The login service rejected valid sessions.

What Customers Saw

Logins failed for 25 minutes on 2026-05-03, from 10:00 to 10:25 UTC.

Why The Logins Broke

A configuration push removed the identity provider's certificate from the load balancer.

What We Are Changing Going Forward

- We will validate certificates before every configuration push.
- We will alert when the login error rate passes 5 %.

Lessons Learned

Configuration pushes need the same checks as code.
"""


def test_short_plain_lines_standing_alone_are_headings_read_by_their_words():
    pm = read(PLAIN_LINE_HEADINGS, "login-failures.md")
    assert missing_sections(pm) == ["## Timeline"]
    assert len(pm.actions) == 2


def test_sub_headings_one_per_moment_under_another_heading_are_the_timeline():
    pm = read("# Night of the queue\n\nThe job queue stopped on 2026-05-03.\n\n"
              "## How the night went\n\n"
              "### 21:10 UTC: workers stop\n\nEvery worker stopped taking jobs.\n\n"
              "### 21:35 UTC: a full disk\n\nThe broker's disk was found full.\n\n"
              "### 22:05 UTC: back to work\n\nOld segments removed, the workers resumed.\n\n"
              "## Why it happened\n\nRetention was off.\n", "queue-night.md")
    assert times(pm) == ["2026-05-03 21:10", "2026-05-03 21:35", "2026-05-03 22:05"]
    assert "timeline" not in missing_sections(pm)


def test_a_long_heading_opening_with_why_asks_the_question_without_its_mark():
    pm = read("# Coupure du réseau de la zone nord\n\n## Résumé\n\nLe réseau a été coupé le 2026-05-03 de 08h00 à 12h00 UTC.\n\n"
              "## Chronologie\n\n- 08h00 : coupure\n- 12h00 : rétabli\n\n## Impact\n\nTous les clients de la zone.\n\n"
              "**Pourquoi le lien de secours de la zone nord n'a pas pris le relais**\n\n"
              "Le lien de secours passait dans la même tranchée que le lien principal.\n\n"
              "## Actions\n\n- Faire passer le lien de secours ailleurs.\n\n## Leçons apprises\n\nVérifier les tracés.\n",
              "coupure-nord.md")
    assert missing_sections(pm) == []


def test_four_digits_after_a_date_written_with_spaces_are_its_time():
    pm = read("# Rapport d'incident — export comptable\n\n## Chronologie\n\n"
              "* 14 05 2026 - 0740 - l'export de nuit échoue\n"
              "* 14 05 2026 - 0812 - premier signalement\n"
              "* 14 05 2026 - 0905 - export relancé, montants justes\n", "export-compta.md")
    assert times(pm) == ["2026-05-14 07:40", "2026-05-14 08:12", "2026-05-14 09:05"]


def test_a_day_name_and_a_day_number_lead_an_entry_in_the_month_of_the_incident():
    pm = read("# Panne de la téléphonie du 30 mars au 1er avril 2026\n\n"
              "La téléphonie est tombée le lundi 30 mars 2026.\n\n"
              "## Comment avons-nous rétabli le service ? (heures UTC)\n\n"
              "- **lundi 30, 16 h 10** : les appels échouent\n"
              "- **mardi 31, 9 h** : un opérateur de secours prend le relais\n"
              "- **mercredi 1er, 11 h 45** : tout est rétabli\n", "panne-telephonie.md")
    assert times(pm) == ["2026-03-30 16:10", "2026-03-31 09:00", "2026-04-01 11:45"]


def test_hours_of_a_city_in_the_plural_name_the_zone():
    pm = read("# Panne du wifi\n\nLe wifi est tombé le lundi 2 février 2026.\n\n"
              "## Comment le service a-t-il été rétabli ? (heures de Paris)\n\n"
              "- **lundi 2, 8 h 10** : le wifi tombe\n"
              "- **lundi 2, 9 h** : contrôleur redémarré\n"
              "- **lundi 2, 9 h 20** : le wifi revient\n", "panne-wifi.md")
    assert times(pm) == ["2026-02-02 07:10", "2026-02-02 08:00", "2026-02-02 08:20"]


def test_a_pronoun_is_not_a_person_named_as_the_cause():
    pm = read("# You broke checkout? No, we did\n\n## Summary\n\nCheckout failed on 2026-05-03 from 10:00 to 10:30 UTC.\n\n"
              "## Root cause\n\nI broke nothing by hand: a config push removed the route. Vous avez cassé rien du tout.\n",
              "checkout.md")
    assert [d.code for d in check_postmortem(pm, RULES) if d.code == "PM401"] == []


def test_an_entry_led_by_a_day_without_a_time_is_kept_without_a_time():
    pm = read("# Testnet finality lost (May 2026)\n\n## Timeline\n\n"
              "- **May 4, 09:10 UTC**: the upgrade activates.\n"
              "- **May 4, 09:40 UTC**: blocks stop finalising.\n"
              "- **May 6**: operators agree on the canonical chain during a call.\n"
              "- **May 8, 17:05 UTC**: the chain finalises again.\n", "testnet-2026-05-04.md")
    assert len(pm.timeline) == 4
    assert [event.text for event in pm.timeline if event.time is None] == [
        "operators agree on the canonical chain during a call."]


def test_a_day_name_alone_dates_its_entry_near_the_incident_day():
    pm = read("# Panne de la messagerie du week-end des 7 et 8 mars 2026\n\n"
              "Les heures sont en heure de Paris.\n\n## Chronologie\n\n"
              "**Samedi 22h** : la messagerie ne répond plus.\n\n"
              "**Dimanche 2h** : un disque est remplacé.\n\n"
              "**Dimanche 9h** : la messagerie répond de nouveau.\n", "panne-messagerie.md")
    assert times(pm) == ["2026-03-07 21:00", "2026-03-08 01:00", "2026-03-08 08:00"]


def test_a_lead_word_then_an_approximate_word_leads_an_entry():
    pm = read("# Queue stall\n\n## Timeline\n\n(all times UTC)\n\n"
              "- At approximately 13:05 on June 2, 2026, the queue stopped accepting jobs.\n"
              "- At 13:20, the broker was restarted.\n"
              "- By 13:45 jobs were flowing again.\n", "queue-stall.md")
    assert times(pm) == ["2026-06-02 13:05", "2026-06-02 13:20", "2026-06-02 13:45"]


def test_a_named_date_of_the_file_decides_the_order_of_numeric_dates():
    text = ("# Database outage\n\n## Summary\n\nOn May 12th, 2026, databases were unreachable.\n\n"
            "## Timeline (UTC)\n\n| Date | Event |\n|---|---|\n"
            "| 12/05/2026 14:05 | health checks fail |\n| 12/05/2026 15:40 | array read-only |\n"
            "| 12/05/2026 19:50 | last database restarted |\n")
    pm = read(text, "db-outage.md")
    assert times(pm) == ["2026-05-12 14:05", "2026-05-12 15:40", "2026-05-12 19:50"]
    assert [d.code for d in check_postmortem(pm, RULES) if d.code == "PM701"] == []


def test_a_row_in_the_same_minute_as_the_row_above_is_in_order():
    pm = read("# API outage\n\nThe API failed on 2026-05-03.\n\n## Timeline (UTC)\n\n"
              "- 23:48: API out of memory\n- 00:00:10: incident escalated\n- 00:00 - 00:30: diagnosis\n"
              "- 01:03: stable again\n", "api-outage.md")
    assert [d.code for d in check_postmortem(pm, RULES) if d.code == "PM701"] == []
    assert times(pm)[-1] == "2026-05-04 01:03"
