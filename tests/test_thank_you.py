"""score_thank_you: channels, dates, gratitude, detail, requests, offers."""
from __future__ import annotations

import datetime as dt

import pytest

from infoview_lib.rules.thank_you import CHANNELS, TIMELY_DAYS, score_thank_you


def passed(text: str, advice_id: str, **kwargs) -> bool:
    return score_thank_you(text, **kwargs).finding(advice_id).passed


@pytest.mark.parametrize("channel, ok", [("handwritten", True), ("email+handwritten", True), ("both", True),
                                         ("Card", True), ("email", False), ("linkedin", False)])
def test_handwritten(channel, ok):
    assert passed("Thank you for your time.", "after.handwritten", channel=channel) is ok


def test_unknown_channel_lists_the_allowed_ones():
    with pytest.raises(ValueError) as err:
        score_thank_you("Thanks", channel="fax")
    assert all(repr(c) in str(err.value) for c in CHANNELS)


def test_timeliness_only_when_both_dates_are_given():
    assert "after.thank_you_timely" not in score_thank_you("Thanks")
    assert "after.thank_you_timely" not in score_thank_you("Thanks", interview_on="2026-03-10")
    assert "after.thank_you_timely" in score_thank_you("Thanks", interview_on="2026-03-10", sent_on="2026-03-10")


@pytest.mark.parametrize("days, ok", [(0, True), (1, True), (TIMELY_DAYS, True), (TIMELY_DAYS + 1, False), (30, False)])
def test_within_three_days(days, ok):
    interview = dt.date(2026, 3, 10)
    finding = score_thank_you("Thank you!", interview_on=interview,
                              sent_on=interview + dt.timedelta(days=days)).finding("after.thank_you_timely")
    assert finding.passed is ok
    assert ("the same day" if days == 0 else f"{days} day") in finding.message


def test_dates_accept_datetimes_and_iso_strings():
    report = score_thank_you("Thank you!", interview_on=dt.datetime(2026, 3, 10, 15, 0), sent_on="2026-03-12")
    assert report.finding("after.thank_you_timely").passed


def test_a_note_sent_before_the_interview_is_a_date_error():
    with pytest.raises(ValueError, match="sent_on .* is before interview_on"):
        score_thank_you("Thank you!", interview_on="2026-03-10", sent_on="2026-03-01")


@pytest.mark.parametrize("kwargs, error", [({"interview_on": "10/03/2026", "sent_on": "2026-03-11"}, ValueError),
                                           ({"interview_on": 20260310, "sent_on": "2026-03-11"}, TypeError)])
def test_bad_dates_name_the_parameter(kwargs, error):
    with pytest.raises(error, match="interview_on"):
        score_thank_you("Thanks", **kwargs)


@pytest.mark.parametrize("text, ok", [
    ("I'm so grateful you made the time.", True),
    ("Thanks in advance for your help with my resume.", False),
    ("It was good to meet you on Tuesday.", False),
    ("I can't thank you enough for your time.", True),
])
def test_gratitude(text, ok):
    assert passed(text, "after.gratitude") is ok


@pytest.mark.parametrize("text, ok", [
    ("Your point about starting with the most-requested items changed how I plan my practicum project.", True),
    ("Hearing how your team trained staff on BIBFRAME showed me which skills to build.", True),
    ("I will follow up on your suggestion to volunteer with the county's literacy program.", True),
    ("I never realized how much planning goes into a summer reading program until you walked me through it.", True),
    ("I can't stop thinking about your point on weeding the reference collection.", True),
    ("Thank you for your time and advice. I learned a lot.", False),
    ("Thank you for sharing your insights.", False),
    ("Thanks! Would you mind introducing me to your manager?", False),
])
def test_specific_detail(text, ok):
    assert passed(text, "after.specific_detail") is ok


@pytest.mark.parametrize("text, ok", [
    ("Thank you. If I can ever be of help, please let me know.", True),
    ("Thank you. Would you like me to send you our survey template?", True),
    ("Thank you. Can we meet again next month?", False),
    ("Thank you. Please let me know if there are any openings.", False),
])
def test_no_early_requests(text, ok):
    assert passed(text, "after.no_early_requests") is ok


@pytest.mark.parametrize("text, ok", [
    ("Thank you. If there is anything I can do for your team, let me know.", True),
    ("Thanks again; I'd be happy to share the reading list our class put together.", True),
])
def test_offer_help(text, ok):
    assert passed(text, "after.offer_help") is ok


@pytest.mark.parametrize("text, ok", [
    ("You and your team did a great job on the new reading room.", True),
    ("I am sure my skills would make me a valuable member of your team.", False),
    ("Please keep me in mind if a position opens up.", False),
    ("I hope you will consider me if a position opens up on your team.", False),
    ("I'm going to apply for the research assistant opening - would you be willing to refer me?", False),
    ("If you ever need volunteers for summer reading, please consider me.", True),
    ("Would you mind connecting me with your hiring manager?", False),
])
def test_no_job_ask(text, ok):
    assert passed(text, "job.no_job_ask") is ok


def test_empty_note_scores_zero():
    report = score_thank_you("", interview_on="2026-03-10", sent_on="2026-03-11")
    assert report.score == 0 and not report.passed and len(report.findings) == 1
    assert report.findings[0].message.startswith("Nothing to check yet")


def test_bad_text():
    with pytest.raises(TypeError, match="text"):
        score_thank_you(b"thanks")
    with pytest.raises(ValueError, match="20,000"):
        score_thank_you("x" * 20_001)


GOOD_NOTE = (
    "Dear Ms. Chen,\nThank you so much for taking the time to meet with me yesterday. I truly enjoyed learning "
    "about your path into medical librarianship, and your advice to volunteer with the hospital's "
    "patient-education program was especially helpful. I plan to contact their volunteer coordinator this "
    "week.\nIf I can ever be of help, for instance with the survey analysis you mentioned, please let me know."
    "\nBest regards,\nSam"
)
BAD_NOTE = ("Hi Mark, thanks for chatting with me today! It was great. Let me know if anything opens up on your "
            "team. Also, would you mind introducing me to your manager?")


def test_a_good_note_meets_every_advice_item():
    report = score_thank_you(GOOD_NOTE, interview_on="2026-03-10", sent_on="2026-03-11")
    assert report.passed, [(f.advice_id, f.message) for f in report.failed]


def test_a_bad_note_fails_where_expected():
    report = score_thank_you(BAD_NOTE, channel="email")
    assert {f.advice_id for f in report.failed} == {
        "after.specific_detail", "after.no_early_requests", "job.no_job_ask", "after.offer_help", "after.handwritten"}


LABELLED = [
    ("Dear Ms. Smith, Thank you for taking the time to speak with me yesterday about your work at ABC Library. "
     "I really appreciated your insights on archival science, particularly your advice about gaining experience "
     "through volunteering. I will follow up with the local historical society as you suggested. Please don't "
     "hesitate to let me know if there's anything I can do for you. Sincerely, Ana",
     {"after.gratitude": True, "after.specific_detail": True, "after.no_early_requests": True,
      "job.no_job_ask": True, "after.offer_help": True}),
    ("Thanks for your time. I enjoyed talking with you. Hope to hear about job opportunities soon!",
     {"after.gratitude": True, "after.specific_detail": False, "job.no_job_ask": False}),
    ("Dear Tom, thank you for the tour of the makerspace. Seeing how you run the 3D printing lab with volunteers "
     "gave me ideas for my own library. Would you be willing to meet again next month and also introduce me to "
     "your director?",
     {"after.gratitude": True, "after.specific_detail": True, "after.no_early_requests": False}),
    ("Hi Priya, it was nice to meet you. I learned a lot. Best, Sam",
     {"after.gratitude": False, "after.specific_detail": False}),
    ("Dear Ms. Okafor, I'm so grateful for the half hour you gave me on Friday. Your story about building the "
     "seed library from a single donated cabinet stuck with me, and I've started sketching a similar plan for my "
     "practicum site. I'd be happy to send you the finished plan if it's useful. With thanks, Lee",
     {"after.gratitude": True, "after.specific_detail": True, "after.offer_help": True,
      "after.no_early_requests": True, "job.no_job_ask": True}),
    ("Thank you for meeting with me. As we discussed, I'm very interested in the archivist position, and I've "
     "attached my resume. I hope you'll keep me in mind.",
     {"job.no_job_ask": False, "after.no_early_requests": False}),
]

LABELLED += [
    ("Dear Professor Lin, thank you for meeting with me on Wednesday. I've already started using the "
     'Zotero group library setup you showed me, and it has made my thesis research far more organised. If '
     "you ever need a student volunteer for the open-access week events, I'd be glad to help.",
     {'after.gratitude': True, 'after.specific_detail': True, 'after.offer_help': True,
      'after.no_early_requests': True, 'job.no_job_ask': True}),
    ('Hi Dana, thanks again for chatting! It was so helpful. Could we set up another call next week to go '
     'over my cover letter?',
     {'after.gratitude': True, 'after.specific_detail': False, 'after.no_early_requests': False}),
    ('Dear Mr. Abebe, I wanted to say how much I appreciated our conversation. Learning that your team '
     'reviews weeded items with local historians gave me a new angle for my collection-development paper. '
     'Thank you.',
     {'after.gratitude': True, 'after.specific_detail': True, 'after.no_early_requests': True,
      'job.no_job_ask': True, 'after.offer_help': False}),
    ('Thank you for your time today. I am very interested in joining your team and hope you will consider '
     'my application.',
     {'after.gratitude': True, 'job.no_job_ask': False}),
    ('Dear Ms. Ivanova, thank you so much for the tour of the conservation lab and for explaining how you '
     "stabilise the nitrate negatives. I'd be happy to share the bibliography on film preservation that I "
     'put together for class, if that would be useful.',
     {'after.gratitude': True, 'after.specific_detail': True, 'after.offer_help': True,
      'after.no_early_requests': True}),
    # held-out-like notes written after career-centre examples
    ("Hi Dana, thanks so much for chatting with me today about your work at the law firm library. I'm going to "
     "apply for the research assistant opening - would you be willing to refer me? Thanks again, Kim",
     {"after.gratitude": True, "after.no_early_requests": False, "job.no_job_ask": False, "after.offer_help": False}),
    ("Dear Ms. Clark, thank you for meeting with me. I learned so much about metadata work at your library, and I "
     "hope you will consider me if a position opens up on your team. Sincerely, Al",
     {"after.gratitude": True, "after.no_early_requests": False, "job.no_job_ask": False, "after.offer_help": False}),
    ("Dear Mr. Brown, Thank you for your time yesterday. I really enjoyed our conversation and learned a lot. "
     "I appreciate your help. Best regards, Sam",
     {"after.gratitude": True, "after.specific_detail": False, "after.no_early_requests": True,
      "job.no_job_ask": True, "after.offer_help": False}),
]


@pytest.mark.parametrize("text, labels", LABELLED, ids=[f"note{i}" for i in range(len(LABELLED))])
def test_career_centre_style_notes(text, labels):
    report = score_thank_you(text)
    assert {advice_id: report.finding(advice_id).passed for advice_id in labels} == labels


@pytest.mark.parametrize("text, advice", [
    ("thx so much for the chat, was really helpful!!", "after.gratitude"),
    ("Should I be able to assist with the training materials you mentioned, I would be honoured to do so.",
     "after.offer_help"),
])
def test_casual_thanks_and_formal_offers(text, advice):
    assert score_thank_you(text).finding(advice).passed


@pytest.mark.parametrize("text, specific", [
    ("Thanks for the talk on Friday about open-access mandates.", False),
    ("Thank you for our chat about metadata careers.", False),
    ("Thank you for our conversation about how you restructured the reference desk around live chat.", True),
])
def test_naming_the_talk_s_topic_is_not_a_specific_detail(text, specific):
    assert score_thank_you(text).finding("after.specific_detail").passed is specific


@pytest.mark.parametrize("text, offers", [
    ("I'll send you the link to my project once it's live, in case it's useful.", True),
    ("I'll send you my CV tomorrow.", False),
])
def test_i_ll_send_you_something_useful_is_an_offer(text, offers):
    assert score_thank_you("Thank you for Tuesday. " + text).finding("after.offer_help").passed is offers


def test_a_formal_courtesy_with_a_name_is_not_a_specific_detail():
    text = ("Dear Dr. Bello, I am writing to express my sincere gratitude for the time you took to speak with me. "
            "Your insights were most valuable and I will remember our conversation. Yours sincerely, Nia")
    assert not score_thank_you(text).finding("after.specific_detail").passed
