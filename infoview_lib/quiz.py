"""Scenario questions: the advice no scorer can check, practised as situations.

Every piece of advice realised as "quiz" in :data:`infoview_lib.advice.ADVICE`
has at least one question here. Each question is a situation from library and
archive work with three or four options; exactly one is right, and every option
explains why it is right or wrong, in the project's own words, following
"Demystifying the Informational Interview" by Ellen Mehling ("the article").

    >>> from infoview_lib.quiz import questions_for, check_answer
    >>> q = questions_for("prep")[0]
    >>> check_answer(q.id, "a").correct in (True, False)
    True
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from .advice import ADVICE
from .lookup import by_id, read_stages


@dataclass(frozen=True)
class QuizOption:
    """One answer to a scenario question."""

    key: str
    """"a", "b", "c" or "d"."""
    text: str
    """The answer as the student reads it."""
    correct: bool
    """True for the one right answer."""
    explanation: str
    """Why this answer is right or wrong, with the advice behind it."""


@dataclass(frozen=True)
class QuizQuestion:
    """A scenario with three or four options, exactly one of them right."""

    id: str
    """Stable id (a short slug), used as the key of saved answers."""
    stage: str
    """The stage of its first advice id: what, request, job, prep, during or after."""
    advice_ids: tuple[str, ...]
    """The advice it practises (keys of ADVICE)."""
    prompt: str
    """The situation and the question."""
    options: tuple[QuizOption, ...]

    def __post_init__(self):
        object.__setattr__(self, "advice_ids", tuple(ADVICE[a].id for a in self.advice_ids))
        keys = [o.key for o in self.options]
        if not 3 <= len(self.options) <= 4 or keys != list(string.ascii_lowercase[: len(keys)]):
            raise ValueError(f"quiz question {self.id!r} needs 3 or 4 options keyed a, b, c(, d), not {keys}")
        if sum(o.correct for o in self.options) != 1:
            raise ValueError(f"quiz question {self.id!r} must have exactly one correct option")
        if not all(o.explanation.strip() for o in self.options):
            raise ValueError(f"quiz question {self.id!r}: every option needs an explanation")

    @property
    def correct_option(self) -> QuizOption:
        return next(o for o in self.options if o.correct)

    def option(self, key: str) -> QuizOption:
        """The option with ``key`` ("a", "B", " c "); ValueError listing the keys otherwise."""
        if not isinstance(key, str):
            raise TypeError(f"an answer key must be a letter such as 'a', not {type(key).__name__}")
        wanted = key.strip().lower()
        for opt in self.options:
            if opt.key == wanted:
                return opt
        raise ValueError(
            f"question {self.id!r} has no option {key!r}; choose one of "
            f"{', '.join(o.key for o in self.options)}"
        )


def _question(qid: str, advice_ids: tuple[str, ...], prompt: str, *options: tuple[str, bool, str]) -> QuizQuestion:
    return QuizQuestion(
        id=qid,
        stage=ADVICE[advice_ids[0]].stage,
        advice_ids=advice_ids,
        prompt=prompt,
        options=tuple(QuizOption(key, text, correct, why)
                      for key, (text, correct, why) in zip(string.ascii_lowercase, options)),
    )


RIGHT, WRONG = True, False

QUIZ: tuple[QuizQuestion, ...] = (
    # -- what: notebook 01 ----------------------------------------------------------------------
    _question(
        "describe-it", ("what.purpose",),
        "A classmate asks you what an informational interview actually is. Which description fits best?",
        ("A short meeting with a working professional to learn about a subject you name beforehand, such as "
         "how their archive decides what to digitise.", RIGHT,
         "Right. The article describes it as a meeting with another professional to learn about a stated "
         "topic: a workplace, a kind of library or a kind of work."),
        ("An informal first round for a vacancy the library has not advertised yet.", WRONG,
         "No. Nobody is hiring in an informational interview; treating it as a hidden job interview leaves "
         "the person you meet in an uncomfortable spot."),
        ("A regular session in which an experienced librarian reviews your progress.", WRONG,
         "That is mentoring. The article asks you to assume a single meeting unless they offer more."),
        ("A chance to ask someone any career question that comes to mind.", WRONG,
         "No. The meeting has a stated topic that you agreed in advance; an open-ended \"pick your brain\" "
         "leaves all the work to them."),
    ),
    _question(
        "suit-and-cv", ("what.not_job_interview",),
        "A friend says: \"Wear your best suit and bring ten copies of your CV: it's basically a job "
        "interview.\" What do you tell them?",
        ("They are right: any meeting at a library is a chance to be hired.", WRONG,
         "No. The article is clear that an informational interview is not a job interview; arriving as a "
         "candidate changes what the meeting is about."),
        ("Bring the CVs, but hand one over only at the very end.", WRONG,
         "Handing over a CV, even at the end, tells them you came for a job after all."),
        ("It is not a job interview: you go to learn about their work, so you take questions, not CVs "
         "(unless they ask for one).", RIGHT,
         "Right. It is a conversation to learn about their work, not a job interview; dress and prepare "
         "well, but leave the application out of it."),
    ),
    _question(
        "a-silence", ("what.you_lead",),
        "Ten minutes into your meeting with a systems librarian there is a pause. She smiles and waits. "
        "What do you do?",
        ("Wait for her to go on talking about her job.", WRONG,
         "No. You asked for the meeting, so you bring and ask most of the questions; she is not there to "
         "give a presentation."),
        ("Ask your next question, linking it to something she said earlier.", RIGHT,
         "Right. The article puts you in charge of most of the questions and hopes for a conversation "
         "rather than a Q&A; building on her answers does both."),
        ("Read out the rest of your questions one after another so that you cover everything.", WRONG,
         "That turns the meeting into a quiz. Ask one question at a time and respond to her answers."),
    ),
    _question(
        "just-a-coffee", ("what.take_seriously",),
        "The school librarian you are meeting writes: \"Let's keep it casual, just a coffee!\" "
        "How do you prepare?",
        ("No preparation is needed: it's only a coffee.", WRONG,
         "No. The article says that although the meeting may be informal you should take it seriously "
         "and prepare; arriving unprepared wastes their time."),
        ("Prepare a formal presentation about your skills and experience.", WRONG,
         "No. The meeting is for learning about their work, not for presenting yourself."),
        ("Prepare as for any professional meeting (research, a short list of questions, on time, "
         "suitably dressed) and keep the tone relaxed.", RIGHT,
         "Right. Informal in tone, serious in preparation: that is how the article asks you to treat it."),
    ),
    _question(
        "nervous-about-interviews", ("what.interview_practice",),
        "You are nervous about the job interviews you will have next spring. How can informational "
        "interviews help?",
        ("They let you practise on the same people who will later hire you.", WRONG,
         "No. They are not a back door into hiring; going in to impress a future employer misreads the "
         "meeting."),
        ("They don't help: they have nothing to do with job interviews.", WRONG,
         "They do help. The article compares them with mock interviews: they give you interview "
         "experience."),
        ("Like mock interviews, they give you practice at talking with professionals about work, so that "
         "job interviews feel more familiar.", RIGHT,
         "Right. The article points out that they are usually less nerve-racking than job interviews and "
         "build the experience that makes real interviews easier."),
    ),
    _question(
        "ask-to-be-mentored", ("what.not_mentoring",),
        "The meeting with a digital archivist has gone really well. Should you end by asking \"Would you be "
        "my mentor?\"",
        ("Yes: the worst she can say is no.", WRONG,
         "No. Asking turns a one-off favour into an open-ended commitment; the article says to leave any "
         "such suggestion to them."),
        ("No: treat it as a one-time meeting. If she wants to mentor you she will offer, and then you can "
         "accept.", RIGHT,
         "Right. Unless they say otherwise, assume it is a single meeting, not the start of a mentorship."),
        ("Yes, but in an e-mail afterwards rather than face to face.", WRONG,
         "It is the same request by another route: still an ask for ongoing mentoring that they did not "
         "offer."),
    ),
    _question(
        "mentoring-offered", ("what.not_mentoring", "job.be_flexible"),
        "At the end of your meeting, the head of a hospital library says: \"I'd be happy to meet every "
        "couple of months while you finish your degree.\" What do you do?",
        ("Say no: an informational interview is a one-time meeting.", WRONG,
         "The one-time rule is about not asking for more. When the offer comes from them, the article "
         "says it is fine, and a good sign."),
        ("Thank her and accept gladly, and let her set how often and how you meet.", RIGHT,
         "Right. She suggested it, which is exactly when mentoring can start; being flexible when they "
         "offer more is part of the advice."),
        ("Accept, and ask her to review your job applications at every meeting.", WRONG,
         "Accept, yes, but don't load the offer with requests she did not make; let the relationship "
         "grow at her pace."),
    ),
    # -- request: notebook 02 -----------------------------------------------------------------------
    _question(
        "phone-or-write", ("request.channel",),
        "Your lecturer gives you the name, e-mail address and desk phone number of a records manager at "
        "the city archive and says she is happy for you to get in touch. How do you ask for a meeting?",
        ("Ring her desk phone: a call is more personal than an e-mail.", WRONG,
         "No. A call interrupts whatever she is doing and asks for an answer on the spot; a written "
         "message lets her reply when it suits her."),
        ("Send a short e-mail that names your lecturer and says what you hope to learn.", RIGHT,
         "Right. Writing (e-mail or a LinkedIn message) intrudes less than a phone call and leaves her "
         "time to think about it; naming the lecturer tells her how you came to write."),
        ("Go to the archive's reception and ask whether she can see you for a few minutes.", WRONG,
         "Turning up unannounced is even more intrusive than a call: she has to decide then and there, "
         "in front of her colleagues."),
    ),
    _question(
        "blog-stranger", ("request.connection", "request.homework"),
        "You have read every post on the blog of a metadata librarian at another university, but you have "
        "never met her and nobody you know knows her. How do you go about asking for a meeting?",
        ("Write to her today: her address is on the blog, so she expects to hear from readers.", WRONG,
         "No. A request from someone she has never heard of can feel pushy, and it rarely gets a yes; "
         "make some contact first."),
        ("Make some contact first (comment on a post, talk to her after a conference session, or find "
         "someone who can introduce you), then write, saying where you met.", RIGHT,
         "Right. The advice is to reach out after some contact or an introduction, and to remind her of "
         "it in the message, all the more if some time has passed."),
        ("Write a long message listing your grades and skills, so that she takes a stranger seriously.",
         WRONG,
         "A list of achievements does not make up for having no connection, and it turns the request "
         "into a message about you rather than about her work."),
        ("Ask a friend at her university to pass on your CV.", WRONG,
         "A CV says you are after a job, which is not what an informational interview is for; ask for an "
         "introduction to talk about her work instead."),
    ),
    _question(
        "how-long-to-ask-for", ("request.brief", "request.respectful"),
        "Which sentence is the best way to ask for the meeting itself?",
        ("\"Could we meet for an afternoon so I can learn everything about your role?\"", WRONG,
         "No. An afternoon is a lot to ask of a busy professional; make the ask small and bounded."),
        ("\"I need an hour with you next Tuesday at 10.\"", WRONG,
         "This sets the day, the time and the length for her and reads as a demand; a request should "
         "leave her free to say when, or whether."),
        ("\"Let me know when you're free and we can talk for as long as you like.\"", WRONG,
         "Open-ended time sounds generous but leaves her unsure how much she is agreeing to; name a "
         "short length."),
        ("\"If you are willing, could you spare about twenty minutes in the next few weeks, at your "
         "library or by video?\"", RIGHT,
         "Right. A stated, short length of time and her choice of when and where make the request easy "
         "to say yes to."),
    ),
    _question(
        "eight-topics", ("request.specific_topics", "request.homework", "request.concise"),
        "Your draft request to a children's librarian lists eight things you would like to ask her about, "
        "from budgets to her favourite picture books. What do you change?",
        ("Nothing: a long list shows how keen you are.", WRONG,
         "No. A long list makes the meeting look like a lot of work and suggests you have not decided "
         "what you want to learn."),
        ("Replace the list with \"I'd love to pick your brain about anything at all.\"", WRONG,
         "Open-ended is worse: she has to guess what would help you. Name what you want to learn."),
        ("Keep one or two subjects that connect with what you found out about her work, such as the "
         "bilingual story time her library started last year.", RIGHT,
         "Right. One or two named subjects, chosen after some research, respect her time, show that you "
         "have prepared and keep the message short."),
    ),
    _question(
        "closing-line", ("request.graceful_out", "request.respectful"),
        "How do you end your request to the head of a prison library service?",
        ("\"I'll be glad to hear from you, and I'll completely understand if now isn't a good time.\"",
         RIGHT,
         "Right. Telling her that no is an acceptable answer takes the pressure off and makes a yes more "
         "likely."),
        ("\"I look forward to meeting you next week.\"", WRONG,
         "No. It assumes she has already agreed; a request should not take a yes for granted."),
        ("\"If I don't hear back by Friday, I'll call your office.\"", WRONG,
         "A deadline and a threatened call put pressure on her; give her room to decide, including room "
         "to decline."),
    ),
    _question(
        "mentor-in-the-request", ("request.specific_topics", "what.not_mentoring"),
        "Your draft to an experienced law librarian says: \"I'm hoping you could mentor me through my "
        "first year in the profession.\" What do you do with that sentence?",
        ("Keep it: being honest about what you want is best.", WRONG,
         "No. It asks a stranger for an open-ended commitment before you have even met; the request is "
         "for one conversation."),
        ("Soften it to \"perhaps you could mentor me now and then\".", WRONG,
         "Softer wording is still a request for ongoing mentoring, which is hers to offer, not yours to "
         "ask for."),
        ("Replace it with a request for one short meeting about one or two named subjects, such as how "
         "she trains new staff in legal research.", RIGHT,
         "Right. Ask for a single conversation on a stated subject; if she would like to mentor you, she "
         "will say so."),
    ),
    # -- job: notebook 03 ---------------------------------------------------------------------------
    _question(
        "post-advertised", ("job.no_job_ask",),
        "The week before your meeting, the interviewee's library advertises a cataloguing post you would "
        "love. What do you do in the meeting?",
        ("Ask whether she could put in a word for you.", WRONG,
         "No. That asks for a job through the back door and leaves her in an uncomfortable spot."),
        ("Say you saw the advert and ask what the panel is looking for.", WRONG,
         "Still a job question. The article says not to raise an opening even when there is one."),
        ("Ask whether any other posts are coming up soon.", WRONG,
         "Asking about openings is also asking for a job; it can make you look desperate."),
        ("Keep to the topics you agreed; if you want the post, apply through the advert, and don't raise "
         "it in the meeting.", RIGHT,
         "Right. She agreed to talk about certain topics. Bringing up the vacancy would make her doubt "
         "your motives; applying the normal way keeps the two things apart."),
    ),
    _question(
        "salary-curiosity", ("job.stay_on_topic",),
        "You asked to learn how a university library runs its research-data service. Halfway through you "
        "become curious about their salary bands and their director's management style. What do you do?",
        ("Ask about both: you have her attention, and it's useful to know.", WRONG,
         "No. The article warns that switching to something else entirely can look manipulative and makes "
         "them question why you really came."),
        ("Ask about salaries only, because it's a factual question.", WRONG,
         "Factual or not, it is off the agreed topic, and it sounds like a job question."),
        ("Stay with the research-data topics you named in your request.", RIGHT,
         "Right. Keep to the subjects you asked about; that is what she agreed to discuss."),
    ),
    _question(
        "tour-offered", ("job.be_flexible",),
        "Near the end, the head of special collections asks: \"Would you like a quick look at the reading "
        "room and the conservation lab?\" It was not on your plan. What do you do?",
        ("Decline politely and finish your questions: the tour was not on the agenda.", WRONG,
         "Staying on topic is about what you bring up. When they offer something extra, the article asks "
         "you to be flexible."),
        ("Accept with thanks, if you kept time free; the offer is generous and a good sign.", RIGHT,
         "Right. A tour, an introduction or another meeting offered by them is a bonus; go along with it "
         "gracefully (one reason to keep spare time after the meeting)."),
        ("Accept, and use the tour to ask the staff you meet about vacancies.", WRONG,
         "Accepting is right, but asking about jobs is still asking about jobs, whoever you ask."),
    ),
    _question(
        "cut-short", ("job.be_flexible", "during.watch_time"),
        "Fifteen minutes into a thirty-minute meeting, the branch manager is called away to deal with a "
        "leak in the children's library. What do you do?",
        ("Ask if you can wait until she comes back, so you can finish your questions.", WRONG,
         "No. That presses for time she no longer has; let the meeting end there."),
        ("Thank her, say you understand completely, and leave; you can send your thanks in writing later.",
         RIGHT,
         "Right. The article notes that the interviewee will appreciate your flexibility if something cuts "
         "the conversation short."),
        ("Quickly ask your remaining questions before she goes.", WRONG,
         "Rushing her while she has an emergency is the opposite of respecting her time."),
    ),
    _question(
        "friend-got-internship", ("job.no_expectations",),
        "A friend was offered a paid internship after an informational interview. You have three such "
        "meetings next month. What should you expect from them?",
        ("At least one internship offer, since it worked for your friend.", WRONG,
         "No. Offers do happen, but the article says you should never expect one."),
        ("Nothing beyond the conversations themselves; something may come of them, but don't count on "
         "it.", RIGHT,
         "Right. Go to learn. Any opportunity that follows is a bonus, not the point."),
        ("An introduction to a hiring manager at each of them.", WRONG,
         "Introductions are something they may offer, not something you are owed."),
    ),
    # -- prep: notebook 04 --------------------------------------------------------------------------
    _question(
        "law-firm-dress", ("prep.dress",),
        "You are meeting the librarian of a large law firm, where the staff wear suits. What do you wear?",
        ("Jeans and a neat t-shirt: it's not a job interview.", WRONG,
         "No. The article rules out jeans and t-shirts: first impressions count even in an informal "
         "meeting."),
        ("Business casual, whatever the workplace.", WRONG,
         "Business casual is fine in most places, but you know this workplace is formal, so match it."),
        ("A suit or a similarly formal outfit, because the workplace is formal.", RIGHT,
         "Right. Business casual as a rule; when you know the place is very formal, a suit may be better."),
    ),
    _question(
        "bus-times", ("prep.arrival_window", "prep.route"),
        "Your meeting at the county archive is at 14:00. One bus gets you there at 13:25, the next at "
        "14:05. What is the best plan?",
        ("Take the bus that arrives at 13:25, wait in a café nearby and walk in at about 13:50.", RIGHT,
         "Right. The article asks you to leave plenty of time but to arrive no more than ten minutes "
         "early, and never late."),
        ("Take the later bus: five minutes late is fine for an informal chat.", WRONG,
         "No. Never be late; it tells them their time matters less than yours."),
        ("Take the earlier bus and wait in their reception from 13:25.", WRONG,
         "Thirty-five minutes early puts pressure on them to drop what they are doing; wait somewhere else "
         "and go in within ten minutes of the start."),
    ),
    _question(
        "confirm-the-date", ("prep.confirm",),
        "Three weeks ago the librarian of a museum agreed to meet you next Thursday at 10:00 in the "
        "museum library. It is now Monday. What do you do?",
        ("Nothing: the meeting was agreed, and writing again would only bother her.", WRONG,
         "No. Plans change in three weeks; a short confirmation a few days ahead catches a mix-up before "
         "it costs either of you a wasted trip."),
        ("Phone her on Thursday morning to check that she remembers.", WRONG,
         "That is too late to sort out a problem, and a call on the day is more intrusive than a short "
         "written note."),
        ("Send a brief e-mail this week confirming the day, the time and the place.", RIGHT,
         "Right. Confirm the time and the place a few days before: it shows care and avoids "
         "misunderstandings."),
        ("E-mail her every few days from now on, so that she does not forget.", WRONG,
         "Repeated reminders are pressure, not courtesy; one confirmation a few days ahead is enough."),
    ),
    _question(
        "twenty-minutes", ("prep.questions_fit_time", "prep.question_list"),
        "A data librarian has given you twenty minutes. How many questions do you bring?",
        ("Twenty or more, so that you never run out of things to ask.", WRONG,
         "No. You could not get through them, and it shows you have not thought about her time."),
        ("None: you will think of questions as the conversation goes.", WRONG,
         "Arriving without questions leaves her to run the meeting you asked for; bring a short list."),
        ("About four or five specific questions on the subjects you agreed, the most important first.",
         RIGHT,
         "Right. A short list that fits the time you were given leaves room for her answers and for "
         "follow-up questions; putting the key ones first means they get asked."),
    ),
    _question(
        "open-or-closed", ("prep.open_questions", "prep.show_research"),
        "Which question is the best one to ask a scholarly communications librarian?",
        ("\"Do you enjoy your job?\"", WRONG,
         "No. It can be answered with a yes or no, and it shows nothing about what you already know."),
        ("\"Is your open-access fund popular with researchers?\"", WRONG,
         "A yes or no ends the thread at once; ask how or why to start a conversation."),
        ("\"What does a scholarly communications librarian do?\"", WRONG,
         "It is open, but you could have found the answer online; it shows no research."),
        ("\"Your library moved its repository to a new platform last year: how did the team decide, and "
         "what would you do differently?\"", RIGHT,
         "Right. It is open (how, what), and it shows the homework you did on her library."),
    ),
    _question(
        "after-the-meeting", ("prep.buffer_time",),
        "Your thirty-minute meeting with a corporate librarian starts at 15:00. What do you plan for "
        "afterwards?",
        ("A dentist appointment at 15:35 across town: the meeting ends at 15:30.", WRONG,
         "No. If she is happy to keep talking you would have to leave, which is a poor end to a good "
         "meeting."),
        ("Keep the rest of the afternoon free, or at least an hour, in case she wants to go on.", RIGHT,
         "Right. Some free time after the meeting lets you accept gladly if she extends it, which is a "
         "very good sign."),
        ("Nothing in particular, but tell her at the start that you must leave at 15:30 sharp.", WRONG,
         "Keeping to her time is right, but announcing your own deadline shuts the door on any extra "
         "time she might offer."),
    ),
    # -- during: notebook 04 ------------------------------------------------------------------------
    _question(
        "front-desk", ("during.polite_to_all",),
        "At the front desk of a university library, the student assistant takes a while to find out "
        "where your interviewee's office is. How do you behave?",
        ("Be patient and friendly, and thank the assistant.", RIGHT,
         "Right. The article asks you to be polite to everyone you meet at the workplace, not only to "
         "the person you came to see."),
        ("Sigh, and mention that you have an important meeting.", WRONG,
         "No. Impatience with staff is noticed and often passed on; courtesy to everyone is part of the "
         "first impression."),
        ("Ignore the assistant and go looking for the office yourself.", WRONG,
         "Brushing past the person helping you is rude, and wandering about a workplace uninvited is "
         "worse."),
    ),
    _question(
        "passing-remark", ("during.listen",),
        "The interviewee mentions in passing that her team has just stopped using the discovery system "
        "you had planned to ask about. What is the best response?",
        ("Ask your prepared question about the discovery system anyway.", WRONG,
         "That shows you were not listening; your list is a guide, not a script."),
        ("Note it silently and move on to the next topic on your list.", WRONG,
         "Notes are good, but she has opened a thread; responding to it shows you are paying attention."),
        ("Pick up on what she said: ask why they stopped and what they use now.", RIGHT,
         "Right. The article asks you to listen closely and answer what they actually tell you."),
    ),
    _question(
        "taking-notes", ("during.notes",),
        "How should you take notes during the meeting?",
        ("Record the conversation on your phone without mentioning it.", WRONG,
         "No. Devices should be off, and recording someone without asking is disrespectful."),
        ("Write down everything she says, word for word, so you miss nothing.", WRONG,
         "The article wants notes, not a transcript: you cannot listen well while copying down every word."),
        ("Take no notes at all: it looks unprofessional.", WRONG,
         "Notes are expected and show you value what they say; just keep them brief."),
        ("Jot down key points, names and resources, and keep your attention on her.", RIGHT,
         "Right. Brief notes help you remember and follow up without getting in the way of the "
         "conversation."),
    ),
    _question(
        "criticises-library", ("during.stay_positive",),
        "The interviewee says the public library across town \"has no idea how to run a makerspace\". You "
        "had a bad experience there too. What do you say?",
        ("Agree, and tell her about your own bad experience there.", WRONG,
         "No. The article advises against joining in when the interviewee criticises a person or another "
         "library, however tempting."),
        ("Stay neutral and steer back: \"What do you think makes a makerspace work well?\"", RIGHT,
         "Right. Keep the conversation as positive as you can without arguing or piling on."),
        ("Defend the other library firmly.", WRONG,
         "You don't have to agree, but arguing sours the meeting; a neutral, positive turn works better."),
    ),
    _question(
        "time-is-up", ("during.watch_time",),
        "You were given twenty minutes. The time is up and you still have four questions. The interviewee "
        "has not mentioned the time. What do you do?",
        ("Carry on: she hasn't said she needs to go.", WRONG,
         "No. The article asks you to keep track of the time you were given and not to push for more."),
        ("Ask if she could give you another twenty minutes.", WRONG,
         "That is pushing for more time; it puts her on the spot."),
        ("Say the time is up, thank her and offer to stop; stay on only if she clearly offers.", RIGHT,
         "Right. You respect the time she set, and if she chooses to extend the meeting that is a very "
         "good sign (and your spare time after the meeting pays off)."),
    ),
    # -- after: notebook 05 -------------------------------------------------------------------------
    _question(
        "thank-you-when", ("after.thank_you_timely", "after.handwritten"),
        "You met a public library's outreach coordinator on Monday afternoon. How do you thank her?",
        ("A handwritten card in two or three weeks, once you have had time to reflect.", WRONG,
         "No. The card is the right choice, but thanks should go within a few days while the meeting "
         "is fresh for both of you."),
        ("A short e-mail that evening, then a handwritten card posted within a few days.", RIGHT,
         "Right. A handwritten note is best because it takes effort and is remembered; a quick e-mail "
         "first is a good addition."),
        ("No note: you thanked her in person when you left.", WRONG,
         "Saying thank you at the door is polite, but a note afterwards is expected, and many people "
         "never send one, so yours stands out."),
        ("A text message at the end of the month, along with news of your coursework.", WRONG,
         "Too late, and a casual text about yourself does not say thank you the way a note does."),
    ),
    _question(
        "how-often", ("after.cadence", "after.stay_in_touch"),
        "The meeting went well and you connected on LinkedIn. How do you keep in touch?",
        ("Message her every week so she does not forget you.", WRONG,
         "No. Weekly messages feel like pressure and crowd her inbox."),
        ("Wait until you next need something, then get in touch.", WRONG,
         "Silence until you need a favour makes every contact a request; keep in touch in between."),
        ("Send a brief catching-up note every few months.", RIGHT,
         "Right. A short message every few months keeps the contact alive without intruding."),
    ),
    _question(
        "share-a-report", ("after.share_useful", "after.not_always_asking"),
        "You come across a new report on digitising local newspapers, the very project your interviewee "
        "leads at a county archive. What do you do?",
        ("Nothing: she is the expert and will have seen it already.", WRONG,
         "Maybe, maybe not. Passing on something useful now and then is one of the best ways to stay in "
         "touch."),
        ("Send her the link with a line on why it made you think of her project, and ask for nothing.",
         RIGHT,
         "Right. Sharing something she might find useful, with no request attached, keeps the contact "
         "warm and gives rather than takes."),
        ("Send the link, and at the end ask if she would look over your CV.", WRONG,
         "Tacking a request onto the link turns a gift into a favour; not every message should ask for "
         "something."),
    ),
    _question(
        "early-favour", ("after.no_early_requests",),
        "Two weeks after your meeting, you would like the interviewee to be a referee for a scholarship "
        "application. What do you do?",
        ("Ask her now, while she still remembers you.", WRONG,
         "No. A new request so soon makes the meeting look like the first step in a series of favours."),
        ("Ask her to introduce you to her director instead: that is a smaller favour.", WRONG,
         "A smaller favour is still a new request; hold back on any request for now."),
        ("Find another referee, and ask her for nothing new until you have been in regular touch for "
         "some time.", RIGHT,
         "Right. Build the contact first with thanks, catching-up notes and useful links; requests can "
         "come much later, if at all."),
    ),
    _question(
        "return-the-favour", ("after.offer_help",),
        "In your meeting, a systems librarian mentioned that she is struggling to find students to test "
        "her library's new catalogue search. What do you do?",
        ("Offer, in your thank-you note, to ask classmates who might take part in a test session.", RIGHT,
         "Right. Think about what you can do for the person who gave you their time, and offer it; "
         "networking works best when it is not all one way."),
        ("Nothing: you are the one who gained from the meeting, so there is nothing to give.", WRONG,
         "No. You gained more from this meeting, which is all the more reason to offer what you can."),
        ("Offer to recruit testers if she will introduce you to the head of her department.", WRONG,
         "Help with a price attached is a trade, and it is also a new request; offer it freely."),
    ),
    _question(
        "no-reply", ("after.dont_force",),
        "You sent a thank-you note, a catching-up e-mail three months later, then a link to an article "
        "she might like. She has not replied to either e-mail. What next?",
        ("Send a short reminder every week until she answers.", WRONG,
         "No. Repeated messages to someone who is not replying are exactly what the article calls "
         "forcing it."),
        ("Phone her office to check that the e-mails arrived.", WRONG,
         "A call to chase her adds pressure; silence is usually an answer in itself."),
        ("Let it rest: she may be busy or not want more contact, so don't force it.", RIGHT,
         "Right. When someone stops answering or seems to have lost interest, the article advises "
         "letting it go; she knows how to reach you."),
    ),
)

_BY_ID = {q.id: q for q in QUIZ}
if len(_BY_ID) != len(QUIZ):  # pragma: no cover - a data error caught at import
    raise ValueError("quiz question ids must be unique")


def quiz_question(question_id: str) -> QuizQuestion:
    """One question by id; KeyError naming the closest ids if there is none."""
    return by_id(_BY_ID, "quiz question", question_id)


def questions_for(stages=None) -> tuple[QuizQuestion, ...]:
    """The questions for one stage ("during") or several (["what", "job"]); all for None."""
    wanted = read_stages(stages)
    return tuple(q for q in QUIZ if q.stage in wanted)


def check_answer(question_id: str, key: str) -> QuizOption:
    """The option a student chose, with ``.correct`` and ``.explanation``.

    KeyError for an unknown question id (naming close ones); ValueError for a key the
    question does not have (listing its keys).
    """
    return quiz_question(question_id).option(key)


def quiz_score(answers: Mapping[str, str | None], stages=None) -> tuple[int, int]:
    """(correct, total) for ``answers``, a mapping of question id to chosen key.

    Without ``stages`` the total is the number of answers given; with ``stages`` it is
    the number of questions in those stages, so unanswered questions count as not
    correct. An answer of None (not answered yet) counts as not correct. Unknown ids or
    keys raise KeyError/ValueError as in :func:`check_answer`.
    """
    if not isinstance(answers, Mapping):
        raise TypeError(f"answers must be a dict of question id -> chosen key, not {type(answers).__name__}")
    correct = sum(1 for qid, key in answers.items() if key is not None and check_answer(qid, key).correct)
    for qid in answers:
        quiz_question(qid)  # unanswered (None) entries must still name real questions
    if stages is None:
        return correct, len(answers)
    in_scope = {q.id for q in questions_for(stages)}
    outside = sorted(set(answers) - in_scope)
    if outside:
        raise ValueError(f"answers for questions outside the stages {', '.join(read_stages(stages))}: "
                         f"{', '.join(outside)}")
    return correct, len(in_scope)
