"""The coaching widgets, driven from Python as a student would drive them: type, click,
pick dates; the feedback a student sees changes, the work is saved, and a new widget on
the same store (a kernel restart, a reopened notebook) shows it again."""
from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re

import pytest

from infoview_lib.work_store import WorkStore


@pytest.fixture
def store(tmp_path):
    return WorkStore(tmp_path / "my_work", autosave_delay=0.05)


def shown_status(feedback_html: str, advice_id: str) -> str:
    """ "MET" or "NOT MET", as the feedback panel shows it for ``advice_id``."""
    match = re.search(rf"<li class='iv-(?:not)?met' data-advice='{re.escape(advice_id)}'><details><summary>"
                      rf"[^<]*<span aria-hidden='true'>.</span> <strong class='iv-word'>(met|not met)</strong>",
                      feedback_html)
    assert match, f"{advice_id} is not shown in the feedback:\n{feedback_html}"
    return match.group(1).upper()


def data_uri_payload(link_html: str, mime: str) -> bytes:
    match = re.search(rf"href='data:{re.escape(mime)};base64,([A-Za-z0-9+/=]+)'", link_html)
    assert match, f"no data:{mime} link in {link_html[:200]}"
    return base64.b64decode(match.group(1))


# -- request coach --------------------------------------------------------------------------------

DRAFT = (
    "Dear Ms Ruiz,\n\nWe met at the state library conference last week, where you spoke about "
    "digitising the county archive. I am a library-school student and would love to learn how you "
    "planned that project. I understand if you are too busy."
)


def test_request_coach_feedback_changes_as_the_student_types(store):
    from infoview_lib.widgets import request_coach

    coach = request_coach(store=store)
    assert "Request coach" in coach.title.value
    assert "score_request(text, channel='email')" in coach.same_as.value
    assert coach.report is None and "Type or paste" in coach.feedback.value

    coach.text_area.value = DRAFT
    assert shown_status(coach.feedback.value, "request.brief") == "NOT MET"
    coach.text_area.value = DRAFT + " Could we talk for 20 minutes some time next month?"
    assert shown_status(coach.feedback.value, "request.brief") == "MET"
    assert coach.report.finding("request.brief").passed
    brief = coach.report.finding("request.brief")
    phrase = coach.text_area.value[slice(*brief.spans[0])]
    assert f"Evidence: \u201c{phrase}\u201d" in coach.feedback.value  # in the met item's details
    coach.text_area.value += " Are there any openings?"  # the first thing to fix, highlighted in the draft
    assert re.search(r"<div class='iv-next'><p[^>]*><strong>Next step</strong></p><ol><li data-advice='job.no_job_ask'>",
                     coach.feedback.value)
    assert "<mark>Are there any openings</mark>" in coach.feedback.value

    assert shown_status(coach.feedback.value, "request.channel") == "MET"
    coach.channel.value = "phone"
    assert shown_status(coach.feedback.value, "request.channel") == "NOT MET"
    assert "channel='phone'" in coach.same_as.value


def test_request_coach_autosaves_and_a_new_coach_restores_it(store):
    from infoview_lib.widgets import request_coach

    coach = request_coach(store=store)
    coach.text_area.value = "Dear Mr Okafor, ünïcode ✓"
    coach.channel.value = "linkedin"
    store.flush()
    assert store.load("request") == {"text": "Dear Mr Okafor, ünïcode ✓", "channel": "linkedin"}
    assert "Saved at" in coach.status.value

    again = request_coach(store=WorkStore(store.folder))  # as after a kernel restart
    assert again.text_area.value == "Dear Mr Okafor, ünïcode ✓" and again.channel.value == "linkedin"
    # feedback shown at once for the restored draft, scored with the restored channel
    from infoview_lib import score_request

    assert again.report.to_records() == score_request("Dear Mr Okafor, ünïcode ✓", channel="linkedin").to_records()
    assert shown_status(again.feedback.value, "request.channel") == "MET"


def test_request_coach_shows_problems_but_keeps_the_text(store):
    from infoview_lib.widgets import request_coach

    coach = request_coach(store=store)
    too_long = "word " * 5000  # over the 20,000-character limit of score_request
    coach.text_area.value = too_long
    assert "Problem:" in coach.feedback.value and "20,000" in coach.feedback.value
    store.flush()
    assert store.load("request")["text"] == too_long  # nothing the student typed is lost


# -- question planner -------------------------------------------------------------------------------


def test_question_planner_add_edit_reorder_remove(store):
    from infoview_lib.rules.questions import score_questions
    from infoview_lib.widgets import question_planner

    planner = question_planner(store=store)
    for question in ("How did you move into archives work?", "What does a typical week look like?",
                     "Which skills do you use most?"):
        planner.new_question.value = question
        planner.add_button.click()
    assert planner.new_question.value == ""
    assert [row.text.value for row in planner.rows] == planner.questions and len(planner.rows) == 3

    planner.rows[2].up.click()
    assert planner.questions[1] == "Which skills do you use most?"
    planner.rows[0].text.value = "How did you first move into archives work?"
    planner.rows[2].remove.click()
    assert planner.questions == ["How did you first move into archives work?", "Which skills do you use most?"]
    assert planner.rows[0].up.disabled and planner.rows[-1].down.disabled
    # the feedback is the library's verdict on exactly what is listed
    expected = score_questions(planner.questions, planner.minutes.value, topics=())
    assert planner.report.to_records() == expected.to_records()
    assert store.load("questions")["questions"] == planner.questions  # buttons save at once

    planner.topics.value = "archives work, skills"
    planner.minutes.value = 30
    store.flush()
    saved = store.load("questions")
    assert saved == {"questions": planner.questions, "minutes": 30, "topics": ["archives work", "skills"]}
    again = question_planner(store=WorkStore(store.folder))
    assert again.questions == planner.questions and again.minutes.value == 30
    assert again.topics.value == "archives work, skills"


def test_question_planner_evidence_lines_up_with_its_rows_when_a_row_is_blank(store):
    """A row emptied in the middle stays a row: the report's evidence points at the row it quotes."""
    from infoview_lib.widgets import question_planner

    planner = question_planner(store=store)
    for question in ("How did you move into archives work?", "Placeholder", "Can you get me a job there?",
                     "Do you like it?"):
        planner.new_question.value = question
        planner.add_button.click()
    planner.rows[1].text.value = "   "  # the student clears row 2 and has not written it yet
    report = planner.report
    assert report.text.split("\n") == planner.questions  # one line per row on screen, blank ones too
    spans = [(f.advice_id, span) for f in report.findings for span in f.spans]
    assert {report.text[:a].count("\n") for _, (a, _b) in spans} >= {2, 3}  # evidence in rows 3 and 4
    for advice_id, (a, b) in spans:
        row = report.text[:a].count("\n")
        assert report.text[a:b] in planner.rows[row].text.value, (advice_id, row)
    yes_no = report.finding("prep.open_questions")
    assert [report.text[a:b] for a, b in yes_no.spans] == ["Can you get me a job there?", "Do you like it?"]


def test_question_planner_feedback_follows_the_minutes(store):
    from infoview_lib.widgets import question_planner

    planner = question_planner(store=store)
    for n in range(12):
        planner.new_question.value = f"What is the {n + 1}th thing you would tell a new archivist?"
        planner.add_button.click()
    planner.minutes.value = 15  # twelve questions cannot fit in a quarter of an hour
    assert shown_status(planner.feedback.value, "prep.questions_fit_time") == "NOT MET"
    planner.minutes.value = 45
    assert shown_status(planner.feedback.value, "prep.questions_fit_time") == "MET"
    assert "minutes=45" in planner.same_as.value


# -- logistics planner --------------------------------------------------------------------------------


def test_logistics_planner_feedback_and_restore(store):
    from infoview_lib.widgets import logistics_planner

    planner = logistics_planner(store=store)
    assert planner.report is None and "Choose the meeting date" in planner.feedback.value
    planner.meeting_date.value = dt.date(2026, 3, 14)
    planner.meeting_time.value = dt.time(10, 0)
    planner.arrive_time.value = dt.time(9, 30)  # half an hour early
    assert shown_status(planner.feedback.value, "prep.arrival_window") == "NOT MET"
    planner.arrive_time.value = dt.time(9, 55)
    assert shown_status(planner.feedback.value, "prep.arrival_window") == "MET"
    assert shown_status(planner.feedback.value, "prep.confirm") == "NOT MET"
    planner.confirmed_on.value = dt.date(2026, 3, 11)
    assert shown_status(planner.feedback.value, "prep.confirm") == "MET"
    assert "'2026-03-14T10:00'" in planner.same_as.value
    store.flush()
    saved = store.load("logistics")
    assert saved["meeting_at"] == "2026-03-14T10:00:00" and saved["arrive_at"] == "2026-03-14T09:55:00"
    assert saved["confirmed_on"] == "2026-03-11" and saved["free_until"] is None

    again = logistics_planner(store=WorkStore(store.folder))
    assert again.meeting_date.value == dt.date(2026, 3, 14) and again.arrive_time.value == dt.time(9, 55)
    assert again.report.to_records() == planner.report.to_records()


def test_logistics_planner_meeting_length_moves_the_end_and_is_saved(store):
    from infoview_lib.widgets import logistics_planner

    planner = logistics_planner(store=store)
    planner.meeting_date.value = dt.date(2026, 3, 14)
    planner.meeting_time.value = dt.time(10, 0)
    planner.free_until_time.value = dt.time(11, 0)
    assert planner.duration.value == 30
    assert shown_status(planner.feedback.value, "prep.buffer_time") == "MET"  # ends 10:30, free until 11:00
    planner.duration.value = 45
    assert shown_status(planner.feedback.value, "prep.buffer_time") == "NOT MET"  # only 15 minutes after 10:45
    assert "duration_minutes=45" in planner.same_as.value
    store.flush()
    assert store.load("logistics")["duration_minutes"] == 45
    again = logistics_planner(store=WorkStore(store.folder))
    assert again.duration.value == 45 and again.report.to_records() == planner.report.to_records()


def test_logistics_planner_keeps_a_half_filled_plan(store):
    from infoview_lib.widgets import logistics_planner

    planner = logistics_planner(store=store)
    planner.arrive_time.value = dt.time(9, 55)  # no meeting date yet
    store.flush()
    assert store.load("logistics")["arrive_at"] is None  # not a full date and time yet...
    again = logistics_planner(store=WorkStore(store.folder))
    assert again.arrive_time.value == dt.time(9, 55)  # ...but the picked time comes back


# -- checklist -----------------------------------------------------------------------------------------


def test_checklist_progress_and_restore(store):
    from infoview_lib.checklist import CHECKLIST
    from infoview_lib.widgets import prep_checklist

    checklist = prep_checklist(store=store, stages=("prep", "during"))
    items = [i for i in CHECKLIST if i.stage in ("prep", "during")]
    assert set(checklist.checkboxes) == {i.id for i in items}
    assert checklist.progress_text.value == f"0 of {len(items)} done"
    first, second = items[0].id, items[-1].id
    checklist.checkboxes[first].value = True
    checklist.checkboxes[second].value = True
    assert checklist.progress.value == 2 and checklist.progress_text.value == f"2 of {len(items)} done"
    store.flush()
    assert sorted(store.load("checklist")["ticked"]) == sorted([first, second])

    again = prep_checklist(store=WorkStore(store.folder), stages=("prep", "during"))
    assert again.ticked == checklist.ticked and again.progress.value == 2


def test_checklist_keeps_ticks_of_stages_it_does_not_show(store):
    from infoview_lib.checklist import CHECKLIST
    from infoview_lib.widgets import prep_checklist

    after_item = next(i.id for i in CHECKLIST if i.stage == "after")
    store.save("checklist", {"ticked": [after_item]})
    prep_only = prep_checklist(store=store, stages=("prep",))
    assert after_item not in prep_only.checkboxes
    next(iter(prep_only.checkboxes.values())).value = True
    store.flush()
    assert after_item in store.load("checklist")["ticked"]


def test_checklist_rejects_unknown_stages(store):
    from infoview_lib.widgets import prep_checklist

    with pytest.raises(KeyError, match="unknown stage .nonsense."):
        prep_checklist(store=store, stages=("nonsense",))


# -- quiz ------------------------------------------------------------------------------------------------


def test_quiz_check_shows_the_explanation_and_the_score(store):
    from infoview_lib.quiz import questions_for
    from infoview_lib.widgets import scenario_quiz

    questions = questions_for(("what",))
    quiz = scenario_quiz(("what",), store=store)
    assert quiz.key == "quiz-what" and set(quiz.cards) == {q.id for q in questions}
    question = questions[0]
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    card = quiz.cards[question.id]
    assert card.choice.value is None  # nothing chosen for the student

    card.check_button.click()
    assert "Choose an answer first" in card.explanation.value
    card.choice.value = wrong.key
    card.check_button.click()
    # announced (role=status) in words: the cross is hidden from screen readers, the explanation says "No."
    assert wrong.explanation.startswith("No.") and right.explanation.startswith("Right.")
    assert card.explanation.value.startswith("<p role='status'><span aria-hidden='true'>\u2718</span> ")
    assert card.explanation.value.endswith(f" {html.escape(wrong.explanation)}</p>")
    assert "0 of" in quiz.score_line.value
    card.choice.value = right.key
    assert card.explanation.value == ""  # a new choice needs a new check
    card.check_button.click()
    assert card.explanation.value.startswith("<p role='status'><span aria-hidden='true'>\u2714</span> ")
    assert card.explanation.value.endswith(f" {html.escape(right.explanation)}</p>")
    assert card.explanation.value.count("Right.") == 1
    assert "<strong>Score:</strong> 1 of" in quiz.score_line.value
    assert store.load("quiz-what") == {"answers": {question.id: right.key}, "checked": [question.id]}

    again = scenario_quiz(("what",), store=WorkStore(store.folder))
    assert again.cards[question.id].choice.value == right.key
    assert "Right." in again.cards[question.id].explanation.value


# -- follow-up planner --------------------------------------------------------------------------------


def test_follow_up_planner_schedule_timeline_calendar_and_log(store):
    from infoview_lib.rules.follow_up import plan_follow_up
    from infoview_lib.widgets import follow_up_planner

    planner = follow_up_planner(store=store)
    assert planner.plan is None and "Choose the interview date" in planner.schedule.value
    planner.interview_on.value = dt.date(2026, 3, 2)
    expected = plan_follow_up(dt.date(2026, 3, 2))
    assert planner.plan.equals(expected) and "<table" in planner.schedule.value
    assert all(str(action) in planner.schedule.value for action in expected["action"].head(3))
    (image,) = planner.timeline.outputs
    assert base64.b64decode(image["data"]["image/png"]).startswith(b"\x89PNG")
    assert planner.timeline_text.value.strip()  # the plot is described in words
    ics = data_uri_payload(planner.ics_link.value, "text/calendar")
    assert ics.startswith(b"BEGIN:VCALENDAR") and "download=" in planner.ics_link.value

    assert shown_status(planner.feedback.value, "after.thank_you_timely") == "NOT MET"
    planner.add_row_button.click()
    row = planner.log_rows[0]
    row.date.value = dt.date(2026, 3, 3)
    row.channel.value = "handwritten"
    row.kind.value = "thanks"
    assert shown_status(planner.feedback.value, "after.thank_you_timely") == "MET"
    planner.add_row_button.click()
    planner.log_rows[1].kind.value = "request"
    store.flush()
    saved = store.load("follow_up")
    assert saved["interview_on"] == "2026-03-02" and len(saved["log"]) == 2
    assert saved["log"][0] == {"date": "2026-03-03", "channel": "handwritten", "kind": "thanks", "replied": False}
    planner.log_rows[1].remove.click()
    assert len(store.load("follow_up")["log"]) == 1

    again = follow_up_planner(store=WorkStore(store.folder))
    assert again.interview_on.value == dt.date(2026, 3, 2) and again.log_records == planner.log_records
    assert again.report.to_records() == planner.report.to_records()


def test_follow_up_audit_names_rows_as_the_widget_numbers_them_while_one_is_undated(store):
    from infoview_lib.widgets import follow_up_planner

    planner = follow_up_planner(store=store)
    planner.interview_on.value = dt.date(2026, 3, 2)
    for date, channel, kind in ((dt.date(2026, 3, 9), "linkedin", "connect"), (None, "email", "share"),
                                (dt.date(2026, 3, 4), "handwritten", "thanks")):
        planner.add_row_button.click()
        row = planner.log_rows[-1]
        row.date.value, row.channel.value, row.kind.value = date, channel, kind
    assert planner.log_rows[2].date.description.startswith("3.")
    shown = planner.feedback.value
    assert shown_status(shown, "after.thank_you_timely") == "MET"
    assert "4 March 2026 (row 3)" in shown and "(row 2)" not in shown
    assert "1 row(s) without a date are not checked yet" in shown


# -- work saver -------------------------------------------------------------------------------------------


def upload_value(content: bytes, name: str = "infoview-my-work.json"):
    """What ipywidgets 8's FileUpload holds after a student picks a file."""
    return ({"name": name, "type": "application/json", "size": len(content),
             "content": memoryview(content), "last_modified": dt.datetime(2026, 3, 1, 12, 0)},)


def test_work_saver_download_then_restore_into_another_store(store, tmp_path):
    from infoview_lib.widgets import logistics_planner, request_coach, work_saver

    coach = request_coach(store=store)
    coach.text_area.value = "Dear Dr Chen, ✓"
    saver = work_saver(store=store)
    saver.prepare_button.click()
    assert "download='infoview-my-work.json'" in saver.download.value
    bundle = json.loads(data_uri_payload(saver.download.value, "application/json"))
    assert bundle["format"] == "infoview-work-bundle"
    assert bundle["entries"]["request"]["text"] == "Dear Dr Chen, ✓"  # pending autosave included

    other = WorkStore(tmp_path / "other", autosave_delay=0.05)
    other.save("request", {"text": "old draft", "channel": "email"})
    coach_on_screen = request_coach(store=other)
    unrelated = logistics_planner(store=other)
    target = work_saver(store=other)
    target.upload.value = upload_value(json.dumps(bundle).encode())
    assert "Restored 1 item(s): request" in target.message.value and "backed up" in target.message.value
    assert coach_on_screen.text_area.value == "Dear Dr Chen, ✓"  # live widget reloaded
    assert unrelated.meeting_date.value is None
    assert other.load("request")["text"] == "Dear Dr Chen, ✓"
    backups = list((other.folder / "backups").glob("work-*.json"))
    assert len(backups) == 1 and "old draft" in backups[0].read_text(encoding="utf-8")
    assert target.upload.value == ()  # ready for the next file


def test_work_saver_rejects_a_foreign_file_and_changes_nothing(store):
    from infoview_lib.widgets import work_saver

    store.save("request", {"text": "keep", "channel": "email"})
    saver = work_saver(store=store)
    saver.upload.value = upload_value(b'{"cells": [], "nbformat": 4}', name="lesson.ipynb.json")
    assert "Problem:" in saver.message.value and "not an Infoview work file" in saver.message.value
    assert "lesson.ipynb.json was not restored" in saver.message.value
    saver.upload.value = upload_value(b'{"format": "infoview-work-bundle", "version": 9, "entries": {}}')
    assert "newer version of Infoview" in saver.message.value
    assert store.load("request") == {"text": "keep", "channel": "email"}
    assert not (store.folder / "backups").exists()


# -- robustness: default store, unreadable files, failing saves ------------------------------------------


def test_every_widget_builds_with_the_default_store(tmp_path, monkeypatch):
    import infoview_lib.widgets as iw

    monkeypatch.setenv("INFOVIEW_WORK_DIR", str(tmp_path / "default_work"))
    built = [iw.request_coach(), iw.question_planner(), iw.logistics_planner(), iw.prep_checklist(),
             iw.scenario_quiz(("what",)), iw.follow_up_planner(), iw.work_saver()]
    for widget in built:
        assert widget.store.folder == (tmp_path / "default_work").resolve()
        assert "Same as:" in widget.same_as.value and widget.title.value
        bundle = widget._repr_mimebundle_()  # what display() sends to the notebook
        assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id
    assert not (tmp_path / "default_work").exists() or not list((tmp_path / "default_work").glob("*.json"))


def test_a_corrupt_saved_entry_is_reported_in_the_widget_and_kept(store):
    from infoview_lib.widgets import request_coach

    store.folder.mkdir(parents=True)
    (store.folder / "request.json").write_text('{"format": "infoview-work", "vers', encoding="utf-8")
    coach = request_coach(store=store)
    assert "could not be read" in coach.status.value and "request.corrupt-1.json" in coach.status.value
    assert coach.text_area.value == ""
    assert (store.folder / "request.corrupt-1.json").exists()


def test_a_failing_save_is_shown_not_raised(tmp_path):
    from infoview_lib.widgets import question_planner

    blocked = tmp_path / "blocked"
    planner = question_planner(store=WorkStore(blocked, autosave_delay=0.05))
    blocked.write_text("a file where the work folder should be")
    planner.new_question.value = "How did you start?"
    planner.add_button.click()  # explicit action: saves at once, and fails
    assert "Not saved:" in planner.status.value
    assert planner.questions == ["How did you start?"]  # still on screen
