"""score_request and the detection helpers behind it: the tricky cases pinned."""
from __future__ import annotations

from pathlib import Path

import pytest

from infoview_lib.rules.request import CHANNELS, WORD_BUDGET, score_request
from infoview_lib.rules.detect.jobs import find_job_asks
from infoview_lib.rules.detect.request import find_connection
from infoview_lib.rules.detect.text import is_negated, sentence_spans
from infoview_lib.rules.detect.time import find_long_time_asks, find_time_bounds


def passed(text: str, advice_id: str, **kwargs) -> bool:
    return score_request(text, **kwargs).finding(advice_id).passed


def evidence(text: str, advice_id: str) -> list[str]:
    report = score_request(text)
    return [text[a:b] for a, b in report.finding(advice_id).spans]


# --- job asks ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I'm not looking for a job; I'd simply like to hear how you got started.",
    "I am not asking about openings, just about how you plan exhibits.",
    "To be clear, this isn't a request for a job.",
    "I loved the zine exhibit; you did a great job on it.",
    "I'd love to hear how you got your first job in archives.",
    "I'd love to hear how a small team like yours fills vacancies without a dedicated HR office.",
    "I read that your library is hiring a new director, and I'd like to learn how you plan succession.",
    # referring someone to a person or a resource is not a job referral
    "Could you refer me to someone in cataloguing who knows BIBFRAME?",
    "I'd love to discuss the role of metadata librarians in research data.",
    "Please consider me if you ever need volunteers for the book sale.",
])
def test_not_a_job_ask(text):
    assert find_job_asks(text) == []
    assert passed(text, "job.no_job_ask")


@pytest.mark.parametrize("text, phrase", [
    ("Are there any openings?", "Are there any openings"),
    ("Hello, could you refer me for the internship?", "refer me for"),
    ("Is your library hiring? I would love 15 minutes to talk.", "Is your library hiring"),
    ("I saw your archive posted an assistant archivist position. Could we chat about how I might get it?",
     "how I might get it"),
    ("Could you pass my resume along to the hiring committee?", "pass my resume"),
    ("Please consider me for the cataloguing post.", "consider me for the"),
    ("I'd like to know about job opportunities at your library.", "job opportunities at your"),
    ("Would you put in a good word for me?", "put in a good word"),
    ("I don't know if your library is hiring, but I'd love to find out.", "if your library is hiring"),
    ("I'm not looking for a job right now, but are there any openings on your team?", "are there any openings"),
    ("Do you know of anyone who is hiring?", "anyone who is hiring"),
    ("I would be grateful if you could forward my CV to HR.", "forward my CV"),
    ("I'd like to meet so I can ask about the vacancy and whether you could put in a word for me.",
     "ask about the vacancy"),
    ("Could we talk about the advertised position on your team?", "talk about the advertised position"),
    ("I'm applying for the analyst role. Would you be willing to refer me?", "refer me"),
    ("I hope you will consider me if a position opens up on your team.", "consider me if a position"),
    ("I need to speak with someone about employment at your library.", "about employment at your"),
    ("I graduate in May and I need a job.", "I need a job"),
    ("I would like to discuss the position with you and how I could be considered.", "discuss the position"),
])
def test_job_ask(text, phrase):
    assert phrase in [text[a:b] for a, b in find_job_asks(text)]
    assert not passed(text, "job.no_job_ask")


# --- connection and time bounds ---------------------------------------------

@pytest.mark.parametrize("text", [
    "We met briefly at the conference.",
    "Professor X suggested I contact you.",
    "As a fellow alum of Pratt, I hoped you might share your experience.",
    "My classmate Tom Reilly introduced us by email last week.",
    "I attended your talk on linked data at the state conference.",
    "It was great to meet you at the Code4Lib social!",
    "I was referred by Ana Flores at the reference desk.",
    "I'm an MLIS student who heard you speak on the ALA podcast about prison library services.",
])
def test_connection(text):
    assert find_connection(text), text
    assert passed(text, "request.connection")


@pytest.mark.parametrize("text", [
    "We have never met, but I admire your work.",
    "I found your name online.",
    "I came across your profile on LinkedIn.",
])
def test_no_connection(text):
    assert not passed(text, "request.connection")


def test_met_briefly_is_a_connection_but_not_a_time_bound():
    text = "We met briefly at the conference."
    assert find_connection(text)
    assert find_time_bounds(text) == []
    assert not passed(text, "request.brief")


@pytest.mark.parametrize("text, minutes", [
    ("Would you have 20 minutes?", 20),
    ("Could we have a 15-minute call?", 15),
    ("Would 15 to 20 minutes suit you?", 20),
    ("Could you spare half an hour?", 30),
    ("Would a short call work for you?", None),
    ("Could we have a quick chat next week?", None),
    ("I'd welcome a brief conversation.", None),
    ("Could I have a few minutes of your time?", None),
    ("Would you be open to a 20–30 minute conversation?", 30),
])
def test_time_bounds(text, minutes):
    bounds = find_time_bounds(text)
    assert [m for _, m in bounds] == [minutes]
    assert passed(text, "request.brief")


@pytest.mark.parametrize("text", [
    "Could we meet for an hour or two?",
    "Could we meet for two hours next week?",
    "Would you be free all afternoon on Friday?",
    "Could you give me 45 minutes?",
    "Could we meet for an hour?",
    "Could we grab lunch?",
    "Could I have 20 minutes, or would you rather we spend as long as you like?",
    "We had a short chat at the conference. Could we meet?",
    "I live 20 minutes away from your library. Could we meet?",
])
def test_not_brief(text):
    assert not passed(text, "request.brief")


def test_an_hour_or_two_is_a_long_ask_but_half_an_hour_is_not():
    assert find_long_time_asks("an hour or two")
    assert find_long_time_asks("half an hour") == []


# --- topics -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I have no specific agenda; I'd just like to chat.",
    "I'd love to hear about everything you do.",
    "I would like to learn about libraries.",
    "I would like to meet with you.",
    "I'd like to talk about your career. I have a few questions and would like about an hour of your time.",
    "I'd like to ask you about:\n- collection development\n- budgeting\n- staffing\n- vendor negotiations\n"
    "- outreach\n- assessment",
])
def test_vague_or_long_topics_fail(text):
    assert not passed(text, "request.specific_topics")


@pytest.mark.parametrize("text", [
    "I'm interested in how your team runs its digitisation program, especially how you choose collections.",
    "I'm not asking about job openings; I'd like your perspective on how you built the county partnership.",
    "Could I visit for 20 minutes to see how your archive handles born-digital records?",
    # a bulleted list after a colon names the topics
    "I'd love to ask you about two things:\n- how you decided between a PhD and practice\n"
    "- how you balance teaching with research\nWould 20 minutes work?",
])
def test_named_topics_pass(text):
    assert passed(text, "request.specific_topics")


def test_topic_list_detail_counts_the_topics():
    report = score_request("I'd like to learn about cataloguing, budgeting, staffing, outreach and grants.")
    assert "5 topics" in report.finding("request.specific_topics").message


# --- tone, graceful out, mentoring, channel, length ------------------------

@pytest.mark.parametrize("text", [
    "I NEED TO TALK TO YOU.",
    "Please reply ASAP.",
    "I'll see you on Tuesday at 3 in your office.",
    # announcing a call or a deadline instead of asking
    "I'll call your office on Monday at 10 to set up a time.",
    "Can we meet next week? If I don't hear back by Friday, I will call your office.",
])
def test_pressure_is_not_respectful(text):
    assert not passed(text, "request.respectful")


@pytest.mark.parametrize("text", [
    "I know you must be very busy, so I would be grateful for 15 minutes.",
    "I am an MLIS student at the ALA student chapter.",
    "If you'd rather talk by phone, I'll call you whenever suits you.",
])
def test_courtesy_is_respectful(text):
    assert passed(text, "request.respectful")


@pytest.mark.parametrize("text, ok", [
    ("Would 20 minutes suit you? I completely understand if your schedule doesn't allow it.", True),
    ("No worries at all if not.", True),
    ("I understand if you're too busy right now.", True),
    ("Should your schedule not allow it, I understand.", True),
    ("I realize you have a busy schedule, so please don't feel obligated.", True),
    ("I know how busy you are, but please reply.", False),
    ("I won't understand if you say no.", False),
    # "if" after "wonder" asks a question; it offers no way out
    ("I was wondering if you'd be willing to meet for 20 minutes.", False),
])
def test_graceful_out(text, ok):
    assert passed(text, "request.graceful_out") is ok


@pytest.mark.parametrize("text, ok", [
    ("Could we set up regular check-ins?", False),
    ("Could we have a call every two weeks?", False),
    ("I read about your mentorship program and would like to learn how you run it.", True),
    ("I'm not asking you to be my mentor.", True),
    ("Would you be willing to meet with me regularly over the next year as I make this transition?", False),
])
def test_mentoring(text, ok):
    assert passed(text, "what.not_mentoring") is ok


@pytest.mark.parametrize("channel, ok", [("email", True), ("E-mail", True), ("LinkedIn", True),
                                         ("phone", False), ("voicemail", False), ("call", False)])
def test_channel(channel, ok):
    assert passed("We met at the conference.", "request.channel", channel=channel) is ok


def test_unknown_channel_lists_the_allowed_ones():
    with pytest.raises(ValueError) as err:
        score_request("Hello", channel="carrier pigeon")
    for name in CHANNELS:
        assert repr(name) in str(err.value)
    with pytest.raises(TypeError, match="channel"):
        score_request("Hello", channel=None)


def test_concise_counts_words_and_says_so():
    long_text = " ".join(["word"] * (WORD_BUDGET + 1))
    finding = score_request(long_text).finding("request.concise")
    assert not finding.passed and f"{WORD_BUDGET + 1} words" in finding.message
    assert score_request(" ".join(["word"] * WORD_BUDGET)).finding("request.concise").passed



@pytest.mark.parametrize("body_words", [WORD_BUDGET, WORD_BUDGET + 1])
def test_the_word_budget_counts_the_body_only(body_words):
    """A greeting and a three-line signature (sign-off, name, affiliation) are not counted."""
    body = " ".join(["word"] * (body_words - 1)) + " end."
    text = f"Dear Ms Ruiz,\n\n{body}\n\nBest regards,\nSam Lee\nMLIS student, Simmons University"
    finding = score_request(text).finding("request.concise")
    assert finding.passed is (body_words <= WORD_BUDGET), finding.message
    assert f"({body_words} words, not counting greeting and sign-off" in finding.message


def test_the_word_budget_is_the_one_the_advice_and_the_lessons_state():
    from infoview_lib import ADVICE

    assert f"about {WORD_BUDGET} words" in ADVICE["request.concise"].summary
    lesson = (Path(__file__).resolve().parents[1] / "notebooks" / "02_making_the_request.ipynb").read_text(encoding="utf-8")
    assert f"about {WORD_BUDGET} words" in lesson

# --- input handling ---------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   \n\t", "..."])
def test_empty_text_gives_one_nothing_to_check_finding_and_scores_zero(text):
    report = score_request(text)
    assert report.score == 0 and not report.passed and report.max_points > 0
    assert len(report.findings) == 1 and report.findings[0].message.startswith("Nothing to check yet")


def test_bad_input_errors_name_the_parameter():
    with pytest.raises(TypeError, match="text"):
        score_request(None)
    with pytest.raises(ValueError, match="20,000"):
        score_request("a" * 20_001)


def test_very_short_text_is_scored():
    report = score_request("Hi")
    assert 0 < report.score < 1 and report.finding("job.no_job_ask").passed


def test_sentences_do_not_split_at_titles():
    text = "Dear Dr. Osei, we spoke. Thanks!\nPriya"
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Dear Dr. Osei, we spoke.", "Thanks!", "Priya"]


def test_negation_stops_at_the_clause():
    text = "I'm not looking for a job, but are there any openings?"
    assert is_negated(text, text.index("a job"))
    assert not is_negated(text, text.index("any openings"))


# --- realistic messages in the style of career-centre templates ------------

GOOD = [
    # A referral, one topic, a bounded ask and a way out.
    "Dear Ms. Lopez, your colleague Dan Wu recommended that I reach out to you. I am exploring a move from "
    "teaching into school librarianship. I read your blog post on your first year in a school library and "
    "would value your perspective on how you made that transition. "
    "Would you have 15 minutes for a call in the next few weeks? If the timing isn't right, I completely "
    "understand. Best regards, Maya",
    # Met at an event, research shown, a coffee and no pressure.
    "Hello Dr. Kim, we met at the ALA Midwinter reception, where you mentioned the community archives "
    "project. I read your article on it in American Archivist and would love to learn how you recruit "
    "volunteers. Could I buy you a quick coffee in the next few weeks? No worries if it's not possible. Best, Lee",
    # Fellow alum, LinkedIn.
    "Hi Jordan, as a fellow University of Michigan alum, I noticed on your library's website that you led "
    "the move to a new discovery layer last year. I'd love to hear what you learned from the migration. "
    "Would you be open to a 20-minute chat? Totally fine if you're too busy. Thanks, Casey",
]
BAD = [
    ("Dear Mr. Patel, I am writing to request an informational interview. I am looking for a job as a data "
     "librarian and would like to know if your organization has any positions available. Please let me know "
     "when you are free to meet.", ["job.no_job_ask", "request.connection", "request.brief", "request.graceful_out"]),
    ("Dear Dr. Brown, I'm a student at Pratt. I would like to learn about your career, your daily "
     "responsibilities, the challenges you face, the skills needed, how you got started, and what advice you "
     "have for students. Could we meet for an hour?", ["request.specific_topics", "request.brief",
                                                       "request.connection", "request.graceful_out"]),
    ("I need to meet with you ASAP to discuss a job at your library. Let me know your availability by "
     "tomorrow.", ["request.respectful", "job.no_job_ask", "request.brief", "request.graceful_out"]),
]


@pytest.mark.parametrize("text", GOOD)
def test_good_requests_meet_every_advice_item(text):
    report = score_request(text, channel="linkedin")
    assert report.passed, [(f.advice_id, f.message) for f in report.failed]


@pytest.mark.parametrize("text, failing", BAD)
def test_bad_requests_fail_where_expected(text, failing):
    report = score_request(text)
    assert {f.advice_id for f in report.failed} >= set(failing)
    assert report.score < 0.6


# Career-centre style messages with the labels a coach would give, advice by advice.
LABELLED = [
    ("Dear Mr. Smith, My name is Jane Doe and I am a junior at XYZ University. I found your profile on LinkedIn "
     "through the XYZ alumni group and noticed that you have worked in public relations for several years. I am "
     "interested in learning more about the field, and I would appreciate the opportunity to ask you a few "
     "questions about your experience. Would you be available for a 20-minute phone call in the next few weeks? "
     "I look forward to hearing from you. Sincerely, Jane",
     {"request.connection": True, "request.homework": True, "request.specific_topics": False,
      "request.brief": True, "request.graceful_out": False, "job.no_job_ask": True, "request.respectful": True}),
    ("Hi Ms. Lee, our mutual friend Sam Park suggested I reach out. I'm curious how you made the jump from "
     "corporate records management to a university archive. Would you be open to a 15-minute Zoom call sometime "
     "this month? If not, no problem at all.",
     {"request.connection": True, "request.specific_topics": True, "request.brief": True,
      "request.graceful_out": True, "job.no_job_ask": True, "request.respectful": True}),
    ("To whom it may concern, I want an informational interview. Send me times you are free this week. I will "
     "call your office on Monday.",
     {"request.connection": False, "request.respectful": False, "request.graceful_out": False,
      "request.brief": False}),
    ("Hello Dr. Ortiz, I attended your webinar on privacy in library systems last week. I'd welcome the chance "
     "to hear more about how your team audits vendor contracts for patron privacy. Could you spare 20 minutes? "
     "I understand you're very busy, so please don't feel obligated.",
     {"request.connection": True, "request.homework": True, "request.specific_topics": True,
      "request.brief": True, "request.graceful_out": True, "job.no_job_ask": True}),
    ("Hi, I'm an MLIS student and I'd love to learn more about you and your work. Can we get lunch sometime?",
     {"request.specific_topics": False, "request.brief": False, "request.connection": False}),
    ("Dear Ms. Wong, we met at the SLA conference. I noticed your firm has an opening for a research analyst "
     "and I'd be a great fit. Could we talk for 20 minutes about how to get hired there?",
     {"job.no_job_ask": False, "request.connection": True, "request.brief": True}),
    ("Dear Mr. Ali, Professor Grant suggested I get in touch. I'm writing a paper on community archives and "
     "would like to ask about your work with the neighborhood history project. I'm not looking for employment, "
     "just your perspective. Would a 15 minute phone call be possible? No pressure if you're swamped.",
     {"job.no_job_ask": True, "request.connection": True, "request.specific_topics": True,
      "request.brief": True, "request.graceful_out": True}),
    ("Hello Kate, it was lovely chatting with you at the book fair. You mentioned you might be open to "
     "questions about running a school library on a tight budget. Could I take you for a quick coffee next "
     "week? Totally understand if your schedule is full.",
     {"request.connection": True, "request.specific_topics": True, "request.brief": True,
      "request.graceful_out": True, "request.respectful": True}),
    ("Dear Dr. Hall, I am a recent graduate. I would like you to be my mentor as I start my career. Could we "
     "have a call every two weeks?",
     {"what.not_mentoring": False, "request.connection": False}),
    ("Dear Ms. Reyes, I'm hoping to learn about collection development, weeding, acquisitions, vendor "
     "relations, and budgeting in public libraries. Would you be available for 30 minutes?",
     {"request.specific_topics": False, "request.brief": True}),
    ("Dear Dr. Yu, I see an urgent need for digitisation in small museums and immediately thought of your "
     "project on it. How do you manage its grant deadlines? Would 20 minutes suit you? I understand if not.",
     {"request.respectful": True, "request.homework": True, "request.brief": True}),
]

LABELLED += [
    ("Dear Professor Nakamura, I took your Information Policy course last fall, and I've since become "
     "interested in privacy work in public libraries. I'd be grateful for 20 minutes to hear how you "
     'advise libraries on patron data policies. If your schedule is too full this term, I completely '
     'understand.',
     {'request.connection': True, 'request.specific_topics': True, 'request.brief': True,
      'request.graceful_out': True, 'job.no_job_ask': True, 'request.respectful': True, 'request.concise':
      True}),
    ("Hi there, I'm a library student. What's it like being a librarian? Can we talk?",
     {'request.connection': False, 'request.specific_topics': False, 'request.brief': False,
      'request.graceful_out': False, 'job.no_job_ask': True, 'request.respectful': True}),
    ("Dear Ms. Grant, I'm reaching out because your library is hiring a teen services librarian and I'd "
     'like to be considered. Could we meet so I can tell you about my experience?',
     {'job.no_job_ask': False, 'request.brief': False}),
    ("Good afternoon Mr. Dube, Leah Cohen from our department gave me your name and said you'd be happy to"
     " talk with students. I'm hoping to learn how your firm's research team supports litigation. Would 15"
     ' minutes by phone work for you? If not, I understand.',
     {'request.connection': True, 'request.specific_topics': True, 'request.brief': True,
      'request.graceful_out': True, 'job.no_job_ask': True}),
    ("Dear Dr. Fischer, I'm not sure if you remember me, but we met at the iConference poster session. "
     'Your poster on citation analysis stuck with me. Could I ask you a few questions about how you '
     "collected the data? I know you must be busy, so even ten minutes would be wonderful. Please don't "
     'feel any pressure.',
     {'request.connection': True, 'request.homework': True, 'request.specific_topics': True,
      'request.brief': True, 'request.graceful_out': True, 'request.respectful': True}),
    ('MS. PATEL, I HAVE BEEN TRYING TO REACH YOU FOR WEEKS. PLEASE CALL ME BACK.',
     {'request.respectful': False, 'request.graceful_out': False}),
    ("Dear Mr. Osei, I'd love to chat with you sometime about your work. When we meet, I'll bring my "
     'portfolio so you can tell me what you think.',
     {'request.specific_topics': False, 'request.brief': False, 'request.graceful_out': False}),
    ('Hello Ms. Tran, my professor Dr. Ruiz mentioned that you lead the digital scholarship unit at State.'
     " I'm interested in learning about how you staff data-visualization consultations. Would you be "
     "willing to meet for a brief chat? I'm happy to work around your schedule, and no worries if it "
     "doesn't work out.",
     {'request.connection': True, 'request.specific_topics': True, 'request.brief': True,
      'request.graceful_out': True, 'job.no_job_ask': True}),
    # held-out-like messages written after career-centre templates (e-mail with subject line and signature,
    # a bulleted list, a presumptuous call, a reported accomplishment as homework)
    ("Subject: Informational interview request - career changer interested in law librarianship\n\n"
     "Dear Mr. Patel,\n\nMy name is Dana Wu, and I am a paralegal transitioning into law librarianship. Professor "
     "Ruth Klein at Rutgers suggested I reach out to you. I read your article in AALL Spectrum on teaching legal "
     "research to first-year associates, and I would be grateful for the chance to ask how you moved from practice "
     "into the library. Would you be available for a 20-minute phone call or coffee in the coming weeks? I "
     "understand you have a busy schedule, so please don't feel obligated.\n\nThank you for your consideration,\n"
     "Dana Wu\n(555) 201-3344\ndana.wu@example.com",
     {"request.connection": True, "request.homework": True, "request.specific_topics": True,
      "request.brief": True, "request.graceful_out": True, "request.respectful": True, "request.concise": True,
      "job.no_job_ask": True, "what.not_mentoring": True}),
    ("Subject: Request for a brief conversation\n\nDear Professor Hale,\n\nDr. Ames from my cataloguing class "
     "suggested I contact you. I'd love to ask you about two things:\n- how you decided between a PhD and practice\n"
     "- how you balance teaching with research\n\nWould a 20-minute Zoom call in the next few weeks be possible? "
     "No pressure at all if not.\n\nWarm regards,\nLuis Ortega\nMLIS candidate, San Jose State University\n"
     "408-555-0123",
     {"request.connection": True, "request.specific_topics": True, "request.brief": True,
      "request.graceful_out": True, "request.respectful": True, "request.concise": True, "job.no_job_ask": True}),
    ("Hi Ms. Chu, Jenna Park gave me your name. I'd like to learn how you run the teen advisory board at your "
     "branch. I'll call your office on Monday at 10 to set up a time. Thanks, Rob",
     {"request.connection": True, "request.specific_topics": True, "request.graceful_out": False,
      "request.respectful": False, "job.no_job_ask": True}),
    ("Hello Dr. Singh - my supervisor, Alan Reyes, mentioned that you led the migration to Alma at Westbrook "
     "University. I'm planning a similar move and would value 20 minutes to hear what you would do differently. "
     "If the timing doesn't work, I completely understand. Thank you!",
     {"request.connection": True, "request.homework": True, "request.specific_topics": True,
      "request.brief": True, "request.graceful_out": True, "request.respectful": True, "job.no_job_ask": True}),
    ("Dear Dr. Ali, Prof. Nakamura recommended that I contact you. I know your team is hiring for a data curator, "
     "and I would like to discuss the position with you and how I could be considered. Would 20 minutes work? "
     "Thank you, Sofia",
     {"request.connection": True, "request.brief": True, "job.no_job_ask": False}),
    ("Dear Sir or Madam, I'd like to request an informational interview. I'm interested in careers in "
     'librarianship and would like your advice on breaking into the field, as well as tips on job '
     'searching, networking, and interviewing. Could you let me know if there are any openings as well?',
     {'job.no_job_ask': False, 'request.specific_topics': False, 'request.connection': False}),
]


@pytest.mark.parametrize("text, labels", LABELLED, ids=[f"message{i}" for i in range(len(LABELLED))])
def test_career_centre_style_messages(text, labels):
    report = score_request(text)
    got = {advice_id: report.finding(advice_id).passed for advice_id in labels}
    assert got == labels


# Research shows in facts of their own: their role and workplace, a change they made, a recent date,
# a named programme. The writer's own moves and dates, and generic questions, are no research.
@pytest.mark.parametrize("text, shown", [
    ("I'm especially curious about how your team handled the migration to linked data last year.", True),
    ("I know you lead the metadata team at the Boston Athenaeum.", True),
    ("I'd love to hear how you run the oral history programme at the county museum.", True),
    ("How did the BIBFRAME pilot change your workflows?", True),
    ("How did the move to the new discovery layer change the way you run tests?", True),
    ("What made Eastside decide to lend 3D printers?", True),
    ("How did you move from the National Archives into digital preservation?", True),
    ("After the move to Boston I started volunteering at the library.", False),
    ("My move to the US last spring was hard.", False),
    ("Last year I started my MLIS.", False),
    ("I'm curious how you got into competitive intelligence.", False),
    ("I'd love to hear how you run your team.", False),
    ("Could you tell me what it's like to work at Google?", False),
])
def test_research_shows_in_facts_of_theirs(text, shown):
    assert bool(score_request(text).finding("request.homework").passed) is shown


@pytest.mark.parametrize("text, asks", [
    ("I'd also love to know whether your team might have room for a junior analyst in the new year.", True),
    ("If you ever take on summer interns, I'd of course be very interested, but mainly I just want to learn.", True),
    ("I'm not asking for one, but if a records assistant role does open up, please do let me know.", True),
    ("Do you have room for a quick call next week?", False),
    ("If you ever need volunteers for the festival, let me know and I'll help.", False),
])
def test_soft_and_conditional_job_asks(text, asks):
    assert bool(find_job_asks(text)) is asks


@pytest.mark.parametrize("text, known", [
    ("My tutor Dr. Hughes has given me your contact.", True),
    ("Jess from the Makerspace volunteers here.", True),
    ("We were both on the conference planning committee.", True),
    ("Your name came up when I asked around about map librarianship.", True),
    ("I found your name on the university website.", False),
    ("We both love maps.", False),
])
def test_connection_through_a_referrer_or_a_shared_group(text, known):
    assert bool(find_connection(text)) is known


@pytest.mark.parametrize("text, out", [
    ("Could we meet for 20 minutes? If you have no time, I understand it completely.", True),
    ("Could we talk for half an hour? Only if you have time, of course!", True),
    ("Could we talk for half an hour? I have time on Friday.", False),
])
def test_graceful_out_in_plain_and_casual_forms(text, out):
    assert score_request(text).finding("request.graceful_out").passed is out


@pytest.mark.parametrize("text, ongoing", [
    ("Could we meet for coffee once a month or so?", True),
    ("Could you guide me as I build my career?", True),
    ("Could we meet for coffee once next month?", False),
])
def test_mentoring_asks_with_words_between(text, ongoing):
    assert score_request(text).finding("what.not_mentoring").passed is not ongoing


def test_a_quarter_of_an_hour_is_brief():
    assert score_request("Could I have no more than a quarter of an hour of your time?").finding("request.brief").passed
    assert not score_request("Could I have an hour of your time?").finding("request.brief").passed


@pytest.mark.parametrize("text, asks", [
    ("can we chat abt how to get in there, maybe a job for me lol", True),
    ("I'd like to formally express my interest in the research assistant post on your project.", True),
    ("My CV is attached for your consideration.", True),
    ("I'd love to be part of a team like yours one day - if you're ever recruiting, I'd jump at the chance.", True),
    ("I read your position paper on open-access mandates.", False),
    ("We met at the opening of the new Westside branch.", False),
])
def test_job_asks_that_apply_for_a_post(text, asks):
    assert bool(find_job_asks(text)) is asks


def test_a_negation_ends_at_a_comma_before_just():
    text = ("I'm not looking for a job, just trying to understand how corporate librarians prove their value. "
            "Might you spare 15 minutes?")
    assert score_request(text).finding("request.specific_topics").passed


@pytest.mark.parametrize("text, known", [
    ("Dr. Obi, who chairs it, thought you'd be a good person to ask about born-digital accessioning.", True),
    ("You did a great job on the panel about rural broadband at ARSL last week.", True),
])
def test_connection_in_contractions_and_their_panels(text, known):
    assert bool(find_connection(text)) is known


def test_finding_them_on_a_website_is_no_homework():
    text = "I found you through the company website. I'd love 15-20 min to ask you about data pipelines."
    assert not score_request(text).finding("request.homework").passed
    assert score_request("I read on your library's website that you opened a seed library. Could we talk for "
                         "15 minutes?").finding("request.homework").passed


def test_a_formal_should_you_is_a_graceful_out():
    text = "I should be most grateful for a short conversation, should you be able to spare the time."
    assert score_request(text).finding("request.graceful_out").passed


@pytest.mark.parametrize("advice, text, met", [
    ("request.graceful_out", "If the timing is bad, just let me know and I'll leave it there.", True),
    ("request.graceful_out", "If you aren't able to, no problem at all.", True),
    ("request.graceful_out", "It's completely OK to decline.", True),
    ("request.graceful_out", "Please let me know your availability.", False),
    ("request.connection", "I'm a member of ARLIS/NA too.", True),
    ("request.connection", "You may remember me from the SAA conference.", True),
    ("request.connection", "My colleague Tom Reyes speaks highly of you.", True),
    ("request.connection", "Like you, I studied at Simmons.", True),
    ("request.connection", "I came across your name online.", False),
    ("request.respectful", "You won't regret meeting me.", False),
    ("request.respectful", "I'm sure you'll agree to meet.", False),
    ("request.respectful", "Thank you for considering my request.", True),
    ("job.no_job_ask", "Any chance there's an opening?", False),
    ("job.no_job_ask", "Could you let me know if your team needs anyone?", False),
    ("job.no_job_ask", "If you ever need someone to test the portal, I'd be happy to help.", True),
])
def test_probe_families(advice, text, met):
    assert score_request(text).finding(advice).passed is met


@pytest.mark.parametrize("text, specific", [
    ("I'm researching how hospital libraries support nurses and would value your perspective.", True),
    ("I'm looking into whether small archives should digitise in-house. Could we talk for 15 minutes?", True),
    ("I'd love to chat about the library world in general.", False),
])
def test_topics_named_by_research_verbs_and_vague_generalities(text, specific):
    assert score_request(text).finding("request.specific_topics").passed is specific


@pytest.mark.parametrize("text, asks", [
    ("I'd welcome the chance to interview for the role you mentioned.", True),
    ("I would love to apply for the archivist post when it is advertised.", True),
    ("How did you apply for your first role?", False),
])
def test_wishing_to_apply_or_interview_is_a_job_ask(text, asks):
    assert bool(find_job_asks(text)) is asks


@pytest.mark.parametrize("advice, text, met", [
    ("request.connection", "Your name was given to me by Mrs. Aldridge of the County Record Office.", True),
    ("request.connection", "I was referred to you by Alice Ng.", True),
    ("request.connection", 'Professor Kerr said "you must talk to Layla Haddad about chat reference" - so here I am!', True),
    ("request.respectful", 'Professor Kerr said "you must talk to Layla Haddad about chat reference" - so here I am!', True),
    ("request.respectful", "You must reply to me by Friday.", False),
    ("request.graceful_out", "Should it prove inconvenient, I shall of course think no less of you.", True),
    ("what.not_mentoring", "I'd like to check in with you every couple of months as I find my feet.", False),
    ("request.homework", "I'd love to hear how your consortium staffs its 24/7 chat service.", True),
])
def test_batch_seven_families(advice, text, met):
    assert score_request(text).finding(advice).passed is met


@pytest.mark.parametrize("text, asks", [
    ("I noticed you're hiring a DAM specialist - I've attached my résumé just in case!", True),
    ("I've enclosed my résumé so you know a little about me.", False),
    ("I look forward to hearing from you about any opportunities at the Getty.", True),
    ("I'd love to hear about opportunities to volunteer at the archive.", False),
])
def test_a_resume_beside_a_vacancy_and_hoped_for_opportunities_are_job_asks(text, asks):
    assert bool(find_job_asks(text)) is asks
