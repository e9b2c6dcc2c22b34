"""Times, dates and zones as archives write them, one test per class of form
(issue 22, fourth pass): dates without a year whose year the document names
elsewhere, a region's clock that follows daylight saving time, several facts
on one header line. Each test reads its own text, not a file of the corpus."""

from __future__ import annotations

from reading_helpers import check_lines, read, times, utc

# --- a date without its year, the year named by the document ------------------------------

US_DATES = (
    "# Review: image resizer backlog\n\n"
    "In October 2025 the image resizer fell behind for one evening.\n\n"
    "## Timeline\n\n"
    "- 10/14 6:10 PM PT – Resizer queue starts growing.\n"
    "- 10/14 6:45 PM PT – On-call paged.\n"
    "- 10/14 8:20 PM PT – Worker pool doubled; queue drains.\n\n"
    "## Root cause\n\nA slow storage node.\n"
)


def test_a_month_and_day_with_a_slash_take_the_year_the_document_names(tmp_path):
    pm = read(US_DATES, name="resizer-backlog.md")
    # October 14th, Pacific daylight time (UTC-7): 01:10 UTC on the 15th.
    assert times(pm) == ["2025-10-15 01:10", "2025-10-15 01:45", "2025-10-15 03:20"]
    assert utc(pm.started) == "2025-10-15 01:10"
    codes = check_lines(tmp_path, "resizer-backlog.md", US_DATES)
    assert not any(code.startswith("PM701") for code in codes)


def test_a_numeric_pair_in_prose_is_not_a_date():
    pm = read("# Pager rota\n\n## Timeline\n\n- 24/7 coverage was agreed.\n- 1/2 of the team was away.\n",
              name="2025-03-01-rota.md")
    assert times(pm) == []


def test_a_named_day_without_its_year_takes_the_year_of_the_introduction(tmp_path):
    text = (
        "# Coupure du réseau du 3 au 4 février\n\n"
        "En février 2026, notre réseau de bureau est tombé pendant une journée.\n\n"
        "## Chronologie\n\n"
        "**Mardi 3 février, 08h10 UTC** — Les commutateurs ne répondent plus.\n\n"
        "**Mardi 3 février, 15h30 UTC** — Un commutateur de secours est installé.\n\n"
        "**Mercredi 4 février, 09h05 UTC** — Le réseau est rétabli pour tous les postes.\n"
    )
    pm = read(text, name="coupure-reseau.md")
    assert times(pm) == ["2026-02-03 08:10", "2026-02-03 15:30", "2026-02-04 09:05"]
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-03 08:10", "2026-02-04 09:05")
    codes = check_lines(tmp_path, "coupure-reseau.md", text)
    assert not any(code.startswith("PM701") for code in codes)


def test_a_year_nowhere_leaves_dates_without_one_unplaced(tmp_path):
    text = ("# Coupure réseau\n\n## Chronologie\n\n**Mardi 3 février, 08h10 UTC** — panne.\n\n"
            "**Mardi 3 février, 15h30 UTC** — réparé.\n")
    codes = check_lines(tmp_path, "coupure.md", text)
    assert any(code.startswith("PM701") for code in codes)


# --- a region's clock follows daylight saving time -----------------------------------------

def test_a_region_clock_abbreviation_follows_daylight_saving_time():
    winter = read("# Winter\n\n## Timeline\n\n- 2026-01-12 09:00 PT – Alert.\n- 2026-01-12 10:00 PT – Fixed.\n",
                  name="winter.md")
    summer = read("# Summer\n\n## Timeline\n\n- 2026-07-12 09:00 PT – Alert.\n- 2026-07-12 10:00 PT – Fixed.\n",
                  name="summer.md")
    assert times(winter) == ["2026-01-12 17:00", "2026-01-12 18:00"]  # PST, UTC-8
    assert times(summer) == ["2026-07-12 16:00", "2026-07-12 17:00"]  # PDT, UTC-7


def test_french_et_between_two_times_is_not_a_zone():
    pm = read("# Panne\n\n## Chronologie\n\n- 2026-01-12 09:00 et 10:00 : alertes.\n"
              "- 2026-01-12 11:00 : réparé.\n", name="panne.md")
    assert times(pm)[0] == "2026-01-12 09:00"


# --- several facts on one header line -------------------------------------------------------

def test_each_fact_of_a_line_of_several_is_read():
    text = ("# Export delays\n\n**Severity:** high · **Status:** closed · **Duration:** 1h 15m\n\n"
            "## Timeline\n\n- 2025-11-02 10:00 UTC – Exports slow down.\n"
            "- 2025-11-02 10:30 UTC – Cause found.\n")
    pm = read(text, name="export-delays.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-11-02 10:00", "2025-11-02 11:15")
    assert pm.severity == "P2"



# --- a twelve-hour clock with dotted a.m./p.m., wherever a time is read --------------------

def test_a_window_sentence_with_dotted_meridiem_has_its_start_first():
    text = ("# Partial search outage\n\nOn June 9th, 2025, search was partly down. From 9:15 a.m. UTC to "
            "11:05 a.m. UTC, a fifth of the searches failed.\n\n## Timeline\n\n"
            "- 8:50 a.m. – A new index is built.\n- 9:15 a.m. – Searches start to fail.\n"
            "- 11:05 a.m. – The old index is back.\n")
    pm = read(text, name="search-outage.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-06-09 09:15", "2025-06-09 11:05")


# --- the end of a timeline that names no phase ----------------------------------------------

def test_a_last_entry_that_says_something_ended_is_the_resolution():
    text = ("# Chat bridge down\n\n## Timeline\n\n- 2025-07-02 21:12 UTC – Probes see the bridge stop.\n"
            "- 2025-07-02 21:30 UTC – The volunteer on duty looks at it.\n"
            "- 2025-07-02 22:41 UTC – The bridge host was rebooted and the relay was back online.\n")
    pm = read(text, name="bridge-down.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2025-07-02 21:12", "2025-07-02 22:41")


def test_a_last_entry_that_starts_something_is_no_resolution():
    text = ("# Chat bridge down\n\n## Timeline\n\n- 2025-07-02 21:12 UTC – Bridge stops.\n"
            "- 2025-07-02 21:30 UTC – Investigation started.\n")
    pm = read(text, name="bridge-start.md")
    assert pm.resolved is None


# --- a time written before its date, across midnight ----------------------------------------

def test_a_window_whose_times_come_before_their_dates_crosses_midnight():
    text = ("# Elevated error rates for object uploads\n\n## Summary\n\n"
            "Between 22:35 UTC on 14 January 2026 and 01:10 UTC on 15 January 2026, a share of uploads "
            "failed. The storage team paused a rollout at 22:50 UTC.\n")
    pm = read(text, name="uploads-errors.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-01-14 22:35", "2026-01-15 01:10")


# --- the French hour written with spaces around its h, in a window ---------------------------

def test_a_french_window_with_spaced_hours_and_a_city_zone():
    text = ("# Panne de l'annuaire\n\n**En bref :** le mardi 3 février 2026, entre 8 h 05 et 9 h 50 "
            "(heure de Paris), l'annuaire n'a pas répondu.\n\n## Cause\n\nUn disque plein.\n")
    pm = read(text, name="panne-annuaire.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-02-03 07:05", "2026-02-03 08:50")


# --- times in prose: four digits with a zone, a date that belongs to another time ------------

def test_four_digit_times_with_a_zone_in_prose_state_the_window():
    text = ("# Forum down\n\nposted on Monday March 2 2026\n\n"
            "Around 0310 UTC the forum started returning errors on every page.\n\n"
            "We restored the uploads from the copy of 2026-03-01 23:00 UTC. The forum was back up at 0755 UTC.\n")
    pm = read(text, name="forum-down.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-02 03:10", "2026-03-02 07:55")


def test_four_digits_without_a_zone_are_no_time():
    text = ("# Forum down\n\nposted on Monday March 2 2026\n\n"
            "Around 03:10 UTC the forum started returning errors for 1500 users.\n\n"
            "The forum was back up at 07:55 UTC.\n")
    pm = read(text, name="forum-users.md")
    assert (utc(pm.started), utc(pm.resolved)) == ("2026-03-02 03:10", "2026-03-02 07:55")


# --- a run of timed updates among untimed blocks ---------------------------------------------

STATUS_WITH_STATES = (
    "# Statement on the mirror outage\n\nMarch 3, 2026 by the infrastructure team\n\nService status:\n\n"
    "* mirror: operational\n* downloads: operational\n* search: operational\n* docs: operational\n"
    "* api: operational\n\n"
    "Update 2026-03-03 11:40 UTC: Every mirror is fully operational again.\n\n"
    "Update 2026-03-03 10:15 UTC: Downloads work; search is still rebuilding its index.\n\n"
    "Update 2026-03-03 08:55 UTC: We know that the mirror is down and are looking into it.\n\n"
    "## What happened\n\nA full disk on the primary mirror.\n"
)


def test_timed_updates_after_a_list_of_service_states_are_the_timeline(tmp_path):
    pm = read(STATUS_WITH_STATES, name="mirror-outage.md")
    assert times(pm) == ["2026-03-03 08:55", "2026-03-03 10:15", "2026-03-03 11:40"]
    assert utc(pm.resolved) == "2026-03-03 11:40"
    codes = check_lines(tmp_path, "mirror-outage.md", STATUS_WITH_STATES)
    assert not any(code.startswith('PM101 mandatory section "## Timeline"') for code in codes)


def test_two_timed_paragraphs_among_prose_are_no_timeline():
    pm = read("# Slow builds\n\nSome context.\n\n* a: fine\n* b: fine\n\n"
              "09:00 UTC was the busiest hour.\n\n10:00 UTC was quieter.\n\nNothing else.\n",
              name="2025-02-02-slow.md")
    assert pm.timeline == []


# --- a zone line with words between "all times" and the region it names ----------------------

def test_a_zone_line_naming_a_region_after_other_words_follows_its_daylight_saving():
    text = ("# Mail queue stall over the clock change\n\n## Timeline\n\n"
            "All times below are US Eastern, as the on-call logged them.\n\n"
            "- 2026-03-08 01:30 — Queue stalls.\n- 2026-03-08 03:30 — Queue drained; incident resolved.\n")
    pm = read(text, name="mail-queue.md")
    # 01:30 EST (UTC-5) and 03:30 EDT (UTC-4): clocks moved from 2:00 to 3:00 in between.
    assert times(pm) == ["2026-03-08 06:30", "2026-03-08 07:30"]
