"""The capstone plan: gathering saved work, the printable prep sheet and the calendar export."""
from __future__ import annotations

import datetime as dt
import html
import os
import subprocess
import sys

import pytest

from infoview_lib.capstone import (
    CALENDAR_NAME,
    PREP_SHEET_NAME,
    InterviewPlan,
    download_links_html,
    export_plan,
    plan_from_store,
    prep_sheet_html,
    sheet_preview_html,
    write_follow_up_calendar,
    write_prep_sheet,
)
from infoview_lib import render
from infoview_lib.render import report_html
from infoview_lib.rules.follow_up import plan_follow_up
from infoview_lib.work_store import WorkStore

REQUEST = (
    "Dear Ms Alvarez, thank you for your talk on oral histories at the state library meeting. "
    "I read your team's report and would like to learn how you plan an oral-history project. "
    "Would you have 20 minutes for a short call? I understand if not. <b>Sam</b> & co"
)
QUESTIONS = [
    "I read that you recorded 40 interviews last year; how did you find the volunteers?",
    "What does planning an oral-history project involve <first>?",
]


def seed_store(store: WorkStore) -> None:
    """What the lesson widgets save, in the contract's formats."""
    store.save("request", {"text": REQUEST, "channel": "email"})
    store.save("questions", {"questions": QUESTIONS, "minutes": 20, "topics": ["oral history", "volunteers"]})
    store.save("logistics", {"meeting_at": "2026-03-18T14:00:00", "confirmed_on": "2026-03-15",
                             "arrive_at": "2026-03-18T13:52:00", "free_until": "2026-03-18T15:30:00",
                             "pickers": {"meeting_date": "2026-03-18"}})
    store.save("follow_up", {"interview_on": "2026-03-18", "log": []})


@pytest.fixture
def store(tmp_path):
    store = WorkStore(tmp_path / "work")
    seed_store(store)
    return store


def test_plan_from_store_reads_every_widget_entry(store):
    plan = plan_from_store(store)
    assert plan.request_text == REQUEST and plan.channel == "email"
    assert plan.questions == tuple(QUESTIONS) and plan.minutes == 20
    assert plan.topics == ("oral history", "volunteers")
    assert plan.meeting_at == dt.datetime(2026, 3, 18, 14, 0)
    assert plan.confirmed_on == dt.date(2026, 3, 15)
    assert plan.arrive_at == dt.datetime(2026, 3, 18, 13, 52)
    assert plan.free_until == dt.datetime(2026, 3, 18, 15, 30)
    assert plan.interview_on == dt.date(2026, 3, 18)
    assert plan.complete and plan.missing() == []


def test_the_meeting_length_set_in_the_logistics_planner_reaches_the_prep_sheet(store):
    plan = plan_from_store(store)
    assert plan.meeting_minutes is None and "Meant to last</th><td>30 minutes" in prep_sheet_html(plan)
    buffer = next(f for f in plan.logistics_report().findings if f.advice_id == "prep.buffer_time")
    assert buffer.passed  # 14:00 + 30 minutes, free until 15:30
    logistics = store.load("logistics")
    store.save("logistics", {**logistics, "duration_minutes": 75})
    plan = plan_from_store(store)
    assert plan.meeting_minutes == 75 and "Meant to last</th><td>75 minutes" in prep_sheet_html(plan)
    buffer = next(f for f in plan.logistics_report().findings if f.advice_id == "prep.buffer_time")
    assert not buffer.passed  # ends 15:15: only 15 minutes free
    store.save("logistics", {**logistics, "duration_minutes": "long"})
    assert any("'logistics'" in p and "duration_minutes must be a number" in p for p in plan_from_store(store).problems)


def test_plan_from_store_accepts_a_folder_and_rejects_other_things(store):
    assert plan_from_store(str(store.folder)) == plan_from_store(store)
    with pytest.raises(TypeError, match="store must be a WorkStore"):
        plan_from_store({"request": {"text": "hi"}})


def test_the_default_store_is_the_work_folder_of_the_session(tmp_path, monkeypatch):
    monkeypatch.setenv("INFOVIEW_WORK_DIR", str(tmp_path / "session-work"))
    WorkStore(tmp_path / "session-work").save("request", {"text": "Dear Ms Ng, ...", "channel": "linkedin"})
    plan = plan_from_store()
    assert plan.request_text == "Dear Ms Ng, ..." and plan.channel == "linkedin"


def test_topics_saved_as_one_comma_separated_string_are_split(tmp_path):
    store = WorkStore(tmp_path)
    store.save("questions", {"questions": ["How?"], "minutes": 15, "topics": "archives, metadata ,"})
    assert plan_from_store(store).topics == ("archives", "metadata")


def test_prep_sheet_has_the_escaped_student_text_findings_and_schedule(store):
    plan = plan_from_store(store)
    sheet = prep_sheet_html(plan)

    # student text is there, escaped: no markup of theirs survives
    assert html.escape(REQUEST, quote=True) in sheet
    assert "<b>Sam</b>" not in sheet and "<first>" not in sheet
    for question in QUESTIONS:
        assert f"<li>{html.escape(question, quote=True)}</li>" in sheet
    assert "Time given: 20 minutes, about 10 minutes a question." in sheet

    # every finding of every part, in the layout of every view: a line with its short title and
    # a status word, what to fix (without restating the advice), and a Next step per part
    for report in (plan.request_report(), plan.questions_report(), plan.logistics_report()):
        assert report.findings
        assert report_html(report, show_text=False) in sheet
        for finding in report.findings:
            assert f"data-advice='{finding.advice_id}'><details>" in sheet
        for finding in report.failed:  # what to fix, in full
            assert html.escape(render.message(finding), quote=True) in sheet
        met = len(report.findings) - len(report.failed)
        assert f"{met} of {len(report.findings)} advice items met" in sheet
    assert sheet.count("<strong>Next step</strong>") == 3
    # one status word per finding, and the right one: as many "met" and "not met" as the reports have
    reports = (plan.request_report(), plan.questions_report(), plan.logistics_report())
    failed = sum(len(r.failed) for r in reports)
    met = sum(len(r.findings) for r in reports) - failed
    assert failed and met  # this plan has both, so a sheet showing one word for everything fails
    assert sheet.count("<strong class='iv-word'>not met</strong>") == failed
    assert sheet.count("<strong class='iv-word'>met</strong>") == met

    # the follow-up schedule, one row per planned action
    schedule = plan.follow_up_schedule()
    assert len(schedule) > 3
    for row in schedule.itertuples(index=False):
        assert html.escape(str(row.action), quote=True) in sheet
        day = row.date if isinstance(row.date, dt.date) else dt.date.fromisoformat(str(row.date)[:10])
        assert day.strftime("%a %d %b %Y") in sheet
    assert "Still missing" not in sheet


def test_prep_sheet_is_printable_and_self_contained(store):
    sheet = prep_sheet_html(plan_from_store(store))
    assert sheet.startswith("<!DOCTYPE html>")
    assert "@page" in sheet and "@media print" in sheet and "break-inside: avoid" in sheet
    assert "<title>My informational interview plan</title>" in sheet
    lowered = sheet.lower()
    for external in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert external not in lowered
    assert "Demystifying the Informational Interview" in sheet and "Ellen Mehling" in sheet


def test_an_empty_plan_gives_a_sheet_saying_what_is_missing(tmp_path):
    plan = plan_from_store(WorkStore(tmp_path / "nothing-saved-yet"))
    assert plan == InterviewPlan()
    sheet = prep_sheet_html(plan)
    assert "Still missing" in sheet
    for gap in plan.missing():
        assert html.escape(gap, quote=True) in sheet
    for where in ("request coach", "question planner", "logistics planner", "follow-up planner"):
        assert where in sheet
    assert len(plan.missing()) == 5 and not plan.complete
    written = export_plan(plan, tmp_path / "out")
    assert set(written) == {"prep_sheet"}, "no calendar without an interview date"
    with pytest.raises(ValueError, match="interview date"):
        write_follow_up_calendar(plan, tmp_path / "out" / CALENDAR_NAME)


def test_a_partial_plan_flags_only_the_missing_parts(tmp_path):
    plan = InterviewPlan(questions=["How do you plan your outreach year?"], minutes=15)
    missing = " ".join(plan.missing())
    assert "request" in missing and "meeting date" in missing and "follow-up" in missing
    assert "No questions yet" not in missing and "meeting length" not in missing
    sheet = prep_sheet_html(plan)
    assert "How do you plan your outreach year?" in sheet
    assert "<section id='request'><h2>1. My request</h2><p class='todo'>" in sheet


def test_a_saved_entry_the_scorer_rejects_is_reported_not_raised(tmp_path):
    store = WorkStore(tmp_path)
    store.save("request", {"text": "Dear Dr Osei, ...", "channel": "carrier pigeon"})
    store.save("questions", {"questions": ["How do you plan?"], "minutes": 20})
    plan = plan_from_store(store)
    assert plan.request_text == "" and plan.questions == ("How do you plan?",)
    assert any(p.startswith("'request'") and "carrier pigeon" in p for p in plan.problems)
    assert "carrier pigeon" in prep_sheet_html(plan)


def test_follow_up_counts_from_the_meeting_when_no_interview_date_was_saved(tmp_path):
    plan = InterviewPlan(meeting_at="2026-05-04T10:30")
    assert plan.follow_up_from == dt.date(2026, 5, 4)
    schedule = plan.follow_up_schedule()
    assert schedule["date"].iloc[0] == dt.date(2026, 5, 4)  # the e-mailed thanks: the day of the meeting
    assert list(schedule["date"]) == list(plan_follow_up(dt.date(2026, 5, 4))["date"])
    assert list(schedule["date"]) != list(plan_follow_up(dt.date(2026, 5, 5))["date"])
    assert not any("interview date" in gap for gap in plan.missing())


def test_an_unreadable_saved_entry_is_reported_and_left_untouched(tmp_path):
    store = WorkStore(tmp_path)
    store.save("request", {"text": "Dear Dr Osei, ...", "channel": "email"})
    store.save("logistics", {"meeting_at": "next Tuesday afternoon"})
    before = store.path_for("logistics").read_bytes()
    plan = plan_from_store(store)
    assert plan.request_text == "Dear Dr Osei, ..."
    assert plan.meeting_at is None
    assert any("'logistics'" in p and "meeting_at" in p for p in plan.problems)
    assert any("Could not read a saved entry: 'logistics'" in gap for gap in plan.missing())
    assert "next Tuesday afternoon" in prep_sheet_html(plan)
    assert store.path_for("logistics").read_bytes() == before


def test_the_calendar_file_parses_back_with_the_plans_dates(store, tmp_path):
    import icalendar

    plan = plan_from_store(store)
    written = export_plan(plan, tmp_path / "out")
    assert written["calendar"].name == CALENDAR_NAME and written["prep_sheet"].name == PREP_SHEET_NAME
    calendar = icalendar.Calendar.from_ical(written["calendar"].read_bytes())
    event_dates = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    event_dates = [d.date() if isinstance(d, dt.datetime) else d for d in event_dates]
    planned = sorted(d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)[:10])
                     for d in plan.follow_up_schedule()["date"])
    planned = [d.date() if isinstance(d, dt.datetime) else d for d in planned]
    assert event_dates == planned
    assert event_dates[0] >= dt.date(2026, 3, 18)


def test_write_prep_sheet_replaces_the_file_whole_and_leaves_no_temp_files(store, tmp_path):
    out = tmp_path / "sheets" / PREP_SHEET_NAME
    out.parent.mkdir()
    out.write_text("an old sheet")
    path = write_prep_sheet(plan_from_store(store), out)
    assert path == out and out.read_text(encoding="utf-8") == prep_sheet_html(plan_from_store(store))
    assert [p.name for p in out.parent.iterdir()] == [PREP_SHEET_NAME]


def test_the_sheet_is_the_same_in_every_process(store):
    """Exporting the same saved work again gives the same file, whatever the process's hash seed
    (set order) or the time it runs: two fresh interpreters with different seeds render the sheet."""
    code = ("import sys\nfrom infoview_lib.capstone import plan_from_store, prep_sheet_html\n"
            "sys.stdout.write(prep_sheet_html(plan_from_store(sys.argv[1])))\n")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(store.folder)], stdout=subprocess.PIPE,
                             env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    sheets = [run.communicate(timeout=120)[0].decode("utf-8") for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert sheets[0] == sheets[1] == prep_sheet_html(plan_from_store(store))


def test_download_links_and_preview(store, tmp_path):
    written = export_plan(plan_from_store(store), tmp_path)
    links = download_links_html(written)
    assert f"download='{PREP_SHEET_NAME}' href='data:text/html;base64," in links
    assert f"download='{CALENDAR_NAME}' href='data:text/calendar;base64," in links
    preview = sheet_preview_html(plan_from_store(store))
    assert "<iframe title='Preview of your prep sheet' srcdoc='&lt;!DOCTYPE html&gt;" in preview
    assert "<figcaption>" in preview
    assert "<style>" not in preview, "the sheet's CSS must stay inside the frame"


@pytest.mark.parametrize("kwargs, error, words", [
    ({"minutes": "twenty"}, TypeError, "minutes"),
    ({"minutes": 0}, ValueError, "minutes"),
    ({"meeting_at": "next Tuesday"}, ValueError, "meeting_at"),
    ({"confirmed_on": 20260315}, TypeError, "confirmed_on"),
    ({"questions": "How do you plan?"}, TypeError, "questions"),
    ({"questions": ["ok", 3]}, TypeError, r"questions\[1\]"),
    ({"request_text": 42}, TypeError, "request_text"),
    # a channel the request rules do not know fails where the plan is made, naming the word and the
    # channels there are, not later inside prep_sheet_html
    ({"channel": "carrier pigeon"}, ValueError, r"channel must be one of .email.*not .carrier pigeon"),
    ({"channel": "note"}, ValueError, "handwritten"),
    ({"channel": 3}, TypeError, "channel"),
])
def test_bad_plan_values_raise_errors_naming_the_field(kwargs, error, words):
    with pytest.raises(error, match=words):
        InterviewPlan(**kwargs)


def test_a_plan_takes_other_words_for_a_channel_and_its_sheet_names_the_channel():
    plan = InterviewPlan(request_text="Dear Dr Osei, ...", channel=" E-mail ")
    assert plan.channel == "email"
    assert "Sent by: email" in prep_sheet_html(plan)
    assert InterviewPlan(channel="call").channel == "phone"


def test_prep_sheet_rejects_something_that_is_not_a_plan():
    with pytest.raises(TypeError, match="InterviewPlan"):
        prep_sheet_html({"request_text": "hi"})
