"""Coaching widgets (ipywidgets 8) for the lesson notebooks.

Each function returns a labelled widget, ready to display, that restores the work
saved under its key, saves as the student types, and names the plain library call
that does the same thing. The widgets hold no scoring logic: they call the library
and show the Report it returns.

=====================  =======================  ==================================================
widget                 default key              same as
=====================  =======================  ==================================================
request_coach()        "request"                score_request(text, channel="email")
question_planner()     "questions"              score_questions(questions, minutes, topics=topics)
logistics_planner()    "logistics"              check_logistics(meeting_at, confirmed_on, ...)
prep_checklist()       "checklist"              checklist_progress(ticked_ids, stages=...)
scenario_quiz(stages)  "quiz-<stages>"          check_answer(question_id, key)
follow_up_planner()    "follow_up"              plan_follow_up(interview_on), audit_contact_log(...)
work_saver()           (all keys)               WorkStore.export_bytes() / restore_bytes(...)
=====================  =======================  ==================================================

Every function takes ``store=None`` (the default :class:`~infoview_lib.work_store.WorkStore`).
"""
from __future__ import annotations

from .checklist import PrepChecklist, prep_checklist
from .follow_up import FollowUpPlanner, follow_up_planner
from .logistics_planner import LogisticsPlanner, logistics_planner
from .question_planner import QuestionPlanner, question_planner
from .quiz import ScenarioQuiz, scenario_quiz
from .request_coach import RequestCoach, request_coach
from .work_saver import WorkSaver, work_saver

__all__ = [
    "FollowUpPlanner", "LogisticsPlanner", "PrepChecklist", "QuestionPlanner", "RequestCoach",
    "ScenarioQuiz", "WorkSaver", "follow_up_planner", "logistics_planner", "prep_checklist",
    "question_planner", "request_coach", "scenario_quiz", "work_saver",
]
