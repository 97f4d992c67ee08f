"""The saved-work records (infoview_lib.saved_work): the one reading of what the lesson widgets save,
shared by the widgets and the capstone. Entries in the formats the widgets write, and wrote before,
still load; a damaged entry gets an error naming the entry and the field."""
from __future__ import annotations

import datetime as dt

import pytest

from infoview_lib.saved_work import (
    Contact,
    FollowUpLog,
    LogisticsPlan,
    QuestionList,
    RequestDraft,
    SavedWorkError,
    parse_topics,
    read_record,
)

#: Entries exactly as the lesson widgets write them today (store key -> saved JSON).
WRITTEN_BY_THE_WIDGETS = {
    "request": {"text": "Dear Dr Osei, ...", "channel": "linkedin"},
    "questions": {"questions": ["How did you start?", "", "What changed?"], "minutes": 20, "topics": ["archives"]},
    "logistics": {"meeting_at": "2026-03-18T14:00:00", "confirmed_on": "2026-03-15",
                  "arrive_at": "2026-03-18T13:52:00", "free_until": None, "duration_minutes": 45,
                  "pickers": {"meeting_date": "2026-03-18", "meeting_time": "14:00:00", "confirmed_on": "2026-03-15",
                              "arrive_time": "13:52:00", "free_until_time": None}},
    "follow_up": {"interview_on": "2026-03-18",
                  "log": [{"date": "2026-03-18", "channel": "email", "kind": "thanks", "replied": True},
                          {"date": None, "channel": "handwritten", "kind": "thanks", "replied": False}]},
    "quiz-what": {"answers": {"describe-it": "a", "not-a-job": "b"}, "checked": ["describe-it"]},
    "checklist": {"ticked": ["prep-research", "after-thanks"]},
}


@pytest.mark.parametrize("key", WRITTEN_BY_THE_WIDGETS)
def test_what_the_widgets_write_reads_back_unchanged(key):
    data = WRITTEN_BY_THE_WIDGETS[key]
    assert read_record(key, data).to_dict() == data


def test_the_records_hold_typed_values():
    logistics = read_record("logistics", WRITTEN_BY_THE_WIDGETS["logistics"])
    assert logistics.meeting_at == dt.datetime(2026, 3, 18, 14, 0) and logistics.free_until is None
    assert logistics.arrive_at == dt.datetime(2026, 3, 18, 13, 52) and logistics.duration_minutes == 45
    follow_up = read_record("follow_up", WRITTEN_BY_THE_WIDGETS["follow_up"])
    assert follow_up.log[0] == Contact(dt.date(2026, 3, 18), "email", "thanks", True)
    questions = read_record("questions", WRITTEN_BY_THE_WIDGETS["questions"])
    assert questions.asked == ("How did you start?", "What changed?") and len(questions.questions) == 3


def test_older_entries_still_load():
    # topics typed as one comma-separated text; logistics saved before the pickers were kept; keys missing
    assert QuestionList.from_dict({"questions": ["How?"], "minutes": 15, "topics": "archives, metadata ,"}).topics == (
        "archives", "metadata")
    old = LogisticsPlan.from_dict({"meeting_at": "2026-03-18T14:00:00", "confirmed_on": "2026-03-15",
                                   "arrive_at": "2026-03-18T13:52:00", "free_until": "2026-03-18T15:30:00"})
    assert (old.meeting_date, old.meeting_time, old.free_until_time) == (
        dt.date(2026, 3, 18), dt.time(14, 0), dt.time(15, 30))
    assert old.duration_minutes is None
    assert RequestDraft.from_dict({}) == RequestDraft("", "email")
    assert FollowUpLog.from_dict({"interview_on": None}) == FollowUpLog()
    # a half-filled plan: a day and no time keeps the day, and no meeting time yet
    half = LogisticsPlan.from_dict({"meeting_at": None, "pickers": {"meeting_date": "2026-03-18"}})
    assert half.meeting_date == dt.date(2026, 3, 18) and half.meeting_at is None


@pytest.mark.parametrize("key, data, message", [
    ("request", ["Dear"], "request: the saved entry must be a dictionary, not list"),
    ("request", {"text": 3}, "request: text must be text, not int"),
    ("questions", {"questions": "How?"}, "questions: questions must be a list of texts"),
    ("questions", {"questions": [], "minutes": "twenty"}, "questions: minutes must be a number of minutes"),
    ("questions", {"questions": [], "minutes": 0}, "questions: minutes must be more than 0"),
    ("questions", {"topics": 7}, "questions: topics must be a list of texts or one comma-separated text"),
    ("logistics", {"meeting_at": "next Tuesday afternoon"}, "logistics: meeting_at must be an ISO date and time"),
    ("logistics", {"pickers": {"meeting_time": "2pm"}}, "logistics: meeting_time must be an ISO time"),
    ("logistics", {"duration_minutes": "long"}, "logistics: duration_minutes must be a number of minutes"),
    ("follow_up", {"log": {}}, "follow_up: log must be a list of contacts"),
    ("follow_up", {"log": [{"date": "18/03/2026"}]}, r"follow_up: log\[0\]\.date must be an ISO date"),
    ("follow_up", {"log": [{"replied": "yes"}]}, r"follow_up: log\[0\]\.replied must be true or false"),
    ("quiz-what", {"answers": {"describe-it": 2}}, "quiz: answers must map question ids to option keys"),
    ("checklist", {"ticked": "prep-research"}, "checklist: ticked must be a list of texts"),
])
def test_a_damaged_entry_is_refused_naming_the_entry_and_the_field(key, data, message):
    with pytest.raises(SavedWorkError, match=message):
        read_record(key, data)


def test_topics_are_parsed_in_one_place():
    assert parse_topics("digital archives,  cataloguing , ,") == ("digital archives", "cataloguing")
    assert parse_topics(["a", " "]) == ("a",) and parse_topics(None) == ()


def test_the_widgets_save_the_records_the_capstone_reads(tmp_path):
    """Drive each widget, then gather the plan: what the widgets saved is what the capstone shows."""
    from infoview_lib.capstone import plan_from_store
    from infoview_lib.widgets import follow_up_planner, logistics_planner, question_planner, request_coach
    from infoview_lib.work_store import WorkStore

    store = WorkStore(tmp_path)
    coach = request_coach(store=store)
    coach.text_area.value, coach.channel.value = "Dear Ms Ng, we met at the open day.", "linkedin"
    planner = question_planner(store=store)
    for question in ("How did you start?", "What changed?"):
        planner.new_question.value = question
        planner.add_button.click()
    planner.topics.value = "oral history, volunteers"
    logistics = logistics_planner(store=store)
    logistics.meeting_date.value, logistics.meeting_time.value = dt.date(2026, 3, 18), dt.time(14, 0)
    logistics.duration.value = 45
    follow_up = follow_up_planner(store=store)
    follow_up.interview_on.value = dt.date(2026, 3, 18)
    store.flush()

    assert read_record("request", store.load("request")) == RequestDraft(coach.text_area.value, "linkedin")
    for widget in (planner, logistics, follow_up):
        assert read_record(widget.key, store.load(widget.key)) == widget.saved
    plan = plan_from_store(store)
    assert (plan.request_text, plan.channel) == ("Dear Ms Ng, we met at the open day.", "linkedin")
    assert plan.questions == ("How did you start?", "What changed?") and plan.topics == ("oral history", "volunteers")
    assert plan.meeting_at == dt.datetime(2026, 3, 18, 14, 0) and plan.meeting_minutes == 45
    assert plan.interview_on == dt.date(2026, 3, 18) and plan.problems == ()
