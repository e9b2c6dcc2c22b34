"""The dates a document keeps about itself (thirteenth pass).

"**Version :** 1.1 du 27 novembre 2026", "Last updated: March 9, 2026",
"Date de publication : ..." say when the text was written or revised, not when
its incident happened: like a byline's date, such a date is the document's day
only when its prose names no other. A label the story uses ("Version 2 of the
API failed on ...") is no record of the document. Every text here is our own."""

from __future__ import annotations

from reading_helpers import read, times


def test_la_version_du_rapport_ne_date_pas_la_chronologie():
    pm = read("# Rapport d'incident — sauvegardes\n\n**Version :** 1.2 du 30 octobre 2026\n\n"
              "## Résumé\n\nLe samedi 24 octobre 2026, les sauvegardes ont échoué pendant la nuit.\n\n"
              "## Chronologie\n\n| Heure (UTC) | Événement |\n|---|---|\n| 01 h 10 | Échec de la sauvegarde |\n"
              "| 02 h 40 | Sauvegarde relancée, terminée |\n", name="sauvegardes.md")
    assert times(pm) == ["2026-10-24 01:10", "2026-10-24 02:40"]


def test_last_updated_does_not_date_the_timeline():
    pm = read("# Queue backlog\n\nLast updated: March 9, 2026\n\n"
              "## Summary\n\nOn March 4, 2026 the job queue backed up for an hour.\n\n"
              "## Timeline (UTC)\n\n- 10:05 Backlog alert fires\n- 11:02 Workers scaled out; backlog drained\n",
              name="queue.md")
    assert times(pm) == ["2026-03-04 10:05", "2026-03-04 11:02"]


def test_a_record_date_alone_still_dates_the_document():
    pm = read("# Queue backlog\n\nLast updated: March 9, 2026\n\n"
              "## Timeline (UTC)\n\n- 10:05 Backlog alert fires\n- 11:02 Workers scaled out; backlog drained\n",
              name="queue.md")
    assert times(pm) == ["2026-03-09 10:05", "2026-03-09 11:02"]


def test_a_version_the_story_names_is_no_record_date():
    pm = read("# Upload failures\n\nVersion 2 of the upload API failed on 3 March 2026.\n\n"
              "Published 6 March 2026.\n\n"
              "## Timeline (UTC)\n\n- 10:05 Uploads fail\n- 11:02 Rollback done; uploads succeed\n",
              name="uploads.md")
    assert times(pm) == ["2026-03-03 10:05", "2026-03-03 11:02"]
