"""One home for each fact: the rules, widgets, plots and command line that share a fact agree on it.

Each test here would have caught a disagreement the code once had: "note" and "post" meant a
handwritten thank-you to one rule and not the other; the thank-you deadline and its wording were
defined twice; the kinds of contact were listed three times; ``infoview score --help`` listed fewer
request channels than the scorer accepted; messages restated constants as literals.
"""
from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from infoview_lib import audit_contact_log, plan_follow_up, score_request, score_thank_you
from infoview_lib.inputs import (AMBIGUOUS_CHANNELS, CHANNEL_ALIASES, CHANNELS, KINDS, REQUEST_CHANNELS,
                                 THANK_YOU_CHANNELS)
from infoview_lib.rules import follow_up, load_all_rules, thank_you

RULES_DIR = Path(follow_up.__file__).parent
INTERVIEW = dt.date(2026, 3, 2)
EVERY_CHANNEL_WORD = sorted({*CHANNELS, *CHANNEL_ALIASES, *AMBIGUOUS_CHANNELS, "Post", " Hand-Written  Note "})


def _thank_you_handwritten(word: str):
    """True/False from the thank-you rule, or the ValueError it raises."""
    try:
        return score_thank_you("Thank you for your time.", channel=word).finding("after.handwritten").passed
    except ValueError as error:
        return error


def _contact_log_handwritten(word: str):
    """True/False from the contact-log rule for a one-row log of thanks sent by ``word``, or its ValueError."""
    log = [{"date": "2026-03-03", "channel": word, "kind": "thanks", "replied": False}]
    try:
        return audit_contact_log(log, INTERVIEW).finding("after.handwritten").passed
    except ValueError as error:
        return error


@pytest.mark.parametrize("word", EVERY_CHANNEL_WORD)
def test_the_thank_you_note_and_the_contact_log_agree_on_every_channel_word(word):
    note, log = _thank_you_handwritten(word), _contact_log_handwritten(word)
    if isinstance(log, ValueError):  # only an ambiguous word is refused by the log, and then by both
        assert word.strip().lower() in AMBIGUOUS_CHANNELS and isinstance(note, ValueError)
        assert "'handwritten' or 'email'" in str(log) and "'handwritten' or 'email'" in str(note)
        assert "row 1" in str(log)
    elif isinstance(note, ValueError):  # a channel no thank-you is sent by (phone, text): never handwritten
        assert log is False and "must be one of" in str(note)
    else:
        assert note is log, f"{word!r}: thank-you says {note}, contact log says {log}"


def test_post_and_card_are_handwritten_and_note_is_asked_about():
    assert _thank_you_handwritten("post") is True and _contact_log_handwritten("post") is True
    assert _thank_you_handwritten("card") is True and _contact_log_handwritten("Card") is True
    assert isinstance(_thank_you_handwritten("note"), ValueError)
    assert isinstance(_contact_log_handwritten("note"), ValueError)


def test_every_channel_a_scorer_accepts_is_listed_by_the_command_line_and_by_its_error():
    from infoview_lib.cli import score as cli_score

    import argparse
    parser = argparse.ArgumentParser()
    cli_score.add_arguments(parser)
    help_text = " ".join(parser.format_help().split())
    for channel in (*REQUEST_CHANNELS, *THANK_YOU_CHANNELS):
        assert channel in help_text
    accepted = [c for c in CHANNELS if _accepts(score_request, c)]
    assert sorted(accepted) == sorted(REQUEST_CHANNELS)
    assert sorted(c for c in CHANNELS if _accepts(score_thank_you, c)) == sorted(THANK_YOU_CHANNELS)
    with pytest.raises(ValueError) as err:
        score_request("Hello", channel="fax")
    assert re.findall(r"'([^']+)'", str(err.value))[:-1] == list(REQUEST_CHANNELS)
    # aliases such as "call" resolve to a listed channel, so the listing is complete
    assert score_request("Hello", channel="call").finding("request.channel").message.endswith("(Channel: phone.)")


def _accepts(scorer, channel) -> bool:
    try:
        scorer("Hello, thank you.", channel=channel)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("days", [0, thank_you.TIMELY_DAYS, thank_you.TIMELY_DAYS + 1, 10])
def test_the_thank_you_deadline_is_the_same_for_the_note_and_the_contact_log(days):
    sent = INTERVIEW + dt.timedelta(days=days)
    note = score_thank_you("Thank you!", interview_on=INTERVIEW, sent_on=sent).finding("after.thank_you_timely")
    log = audit_contact_log([{"date": sent, "channel": "handwritten", "kind": "thanks", "replied": False}],
                            INTERVIEW).finding("after.thank_you_timely")
    assert note.passed is log.passed is (days <= thank_you.TIMELY_DAYS)
    if not note.passed:
        assert note.message.startswith(thank_you.TIMELY_FAILED) and log.message.startswith(thank_you.TIMELY_FAILED)


def test_one_list_of_kinds_of_contact():
    from infoview_lib import plots
    from infoview_lib.widgets import follow_up as widget

    assert list(widget.KIND_LABELS) == list(KINDS)
    assert list(plots.MARKERS) == list(plots.COLOURS) == list(KINDS)
    assert set(plan_follow_up(INTERVIEW)["kind"]) <= set(KINDS)
    for kind in KINDS:  # the contact log reads every kind the widgets offer
        audit_contact_log([{"date": "2026-03-03", "channel": "email", "kind": kind, "replied": True}], INTERVIEW)
    with pytest.raises(ValueError, match=", ".join(KINDS)):
        audit_contact_log([{"date": "2026-03-03", "channel": "email", "kind": "gossip", "replied": True}], INTERVIEW)


# -- messages are built from their constants ------------------------------------------------------

NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                    r"thirty|forty|fifty|sixty|ninety|hundred|half|dozen)\b", re.I)
QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


def _literal_parts(node, names: dict) -> list[str]:
    """The text of a message expression written as literals (f-string holes excluded)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _literal_parts(node.left, names) + _literal_parts(node.right, names)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # "...".format(...)
        return _literal_parts(node.func.value, names)
    if isinstance(node, ast.Name) and node.id in names:
        return _literal_parts(names[node.id], names)
    return []


def _rule_messages(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
             if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        declared = getattr(node, "func", None) and getattr(node.func, "id", None)
        if isinstance(node, ast.Call) and declared in ("rule", "require", "forbid") and node.args:
            advice_id = getattr(node.args[0 if declared == "rule" else 1], "value", "?")
            for keyword in node.keywords:
                if keyword.arg in ("passed", "failed"):
                    yield advice_id, keyword.arg, "".join(_literal_parts(keyword.value, names))


def test_rule_messages_state_no_number_of_their_own():
    """A threshold in a message comes from its constant: change the constant and the message follows.

    Numbers inside quoted examples ("20 minutes") are examples, not thresholds."""
    messages = [m for path in sorted(RULES_DIR.glob("*.py")) for m in _rule_messages(path)]
    assert len(messages) > 40  # every rule has both messages
    literal = [(advice_id, which, text) for advice_id, which, text in messages
               if NUMBER.search(QUOTED.sub("", text))]
    assert not literal, f"messages that restate a number instead of using its constant: {literal}"


def test_the_scan_sees_a_restated_constant(tmp_path):
    source = tmp_path / "seeded.py"
    source.write_text('@rule("prep.arrival_window", "logistics", passed=f"On time, at most {LIMIT} minutes.",\n'
                      '      failed="Arrive no more than ten minutes early.")\ndef f(plan): ...\n')
    assert [(w, bool(NUMBER.search(QUOTED.sub("", t)))) for _, w, t in _rule_messages(source)] == [
        ("passed", False), ("failed", True)]


def test_no_message_repeats_the_advice_summary():
    """The advice is shown once, by the renderers; a rule's message does not restate it."""
    for artefact, rules in load_all_rules().items():
        for r in rules.values():
            assert "(Advice " not in r.failed_message and "(Advice " not in r.passed_message
    report = score_request("Please meet me on Tuesday.")
    assert report.failed and all("(Advice " not in f.message for f in report.findings)


def test_make_test_runs_the_library_docstring_examples():
    """``make test`` runs pytest with the project's settings: the library's docstring examples are collected."""
    try:
        import tomllib
    except ImportError:  # Python 3.10: tomli, a dependency there (pyproject.toml)
        import tomli as tomllib

    settings = tomllib.loads((RULES_DIR.parents[1] / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in settings["addopts"].split() and "infoview_lib" in settings["testpaths"]


def test_every_rule_function_says_in_one_line_what_it_checks():
    for rules in load_all_rules().values():
        for r in rules.values():
            doc = (r.check.__doc__ or "").strip()
            assert doc and "\n" not in doc, f"{r.check.__module__}.{r.name} ({r.advice_id}) needs a one-line docstring"


def test_declared_rules_use_their_detector_as_evidence():
    """require(): met with the detector's spans as evidence, else says what it looked for; forbid(): the reverse."""
    from infoview_lib.rules.base import RULES

    text = "Dear Ms Byrne, thank you for your time."
    found = score_thank_you(text).finding("after.gratitude")
    assert found.passed and [text[a:b] for a, b in found.spans] == ["thank you"]
    missing = score_thank_you("Dear Ms Byrne, it was good to meet you.").finding("after.gratitude")
    assert not missing.passed and missing.message.endswith("(The coach found no words of thanks.)")
    asks = score_request("Are there any openings at your library?").finding("job.no_job_ask")
    assert not asks.passed and asks.spans and asks.points == 0
    assert RULES["thank-you"]["after.gratitude"].check.__name__ == "gratitude"  # named after the advice id


# -- the lessons, the quiz, the checklist and the advice state the library's numbers ---------------

ROOT = RULES_DIR.parents[1]
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}


def _as_number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _prose(relative: str) -> str:
    """The words a student reads in ``relative``: a lesson's Markdown cells, or a data file; spaces folded."""
    path = ROOT / relative
    if path.suffix == ".ipynb":
        import json

        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return " ".join(text.split())


def _stated_numbers():
    """(where, wording, how many times it is stated, the library's numbers it must state)."""
    from infoview_lib.advice import ADVICE
    from infoview_lib.bundle.binder import BINDER_IDLE_MINUTES
    from infoview_lib.render import NEXT_STEP_LIMIT
    from infoview_lib.rules.detect.topics import ADVISED_TOPICS
    from infoview_lib.rules.logistics import MAX_MINUTES_EARLY
    from infoview_lib.rules.questions import MINUTES_PER_QUESTION, question_range
    from infoview_lib.rules.request import WORD_BUDGET

    lesson = "notebooks/{}.ipynb".format
    quiz = "infoview_lib/data/quiz.toml"
    topics = r"\b(one) or (\w+) (?:topics|subjects|named subjects|things you would)"
    return [
        (lesson("00_welcome"), r"about (\w+) minutes without activity", 1, (BINDER_IDLE_MINUTES,)),
        (lesson("00_welcome"), r"under about (\d+) words", 1, (WORD_BUDGET,)),
        (lesson("00_welcome"), r"the (one) or (\w+) things to fix first", 1, (1, NEXT_STEP_LIMIT)),
        (lesson("01_what_it_is"), topics, 1, (1, ADVISED_TOPICS)),
        (lesson("02_making_the_request"), topics, 5, (1, ADVISED_TOPICS)),
        (lesson("02_making_the_request"), r"about (\d+) words or fewer", 1, (WORD_BUDGET,)),
        (lesson("02_making_the_request"), r"under about (\d+) words", 1, (WORD_BUDGET,)),
        (lesson("03_dont_ask_for_a_job"), topics, 1, (1, ADVISED_TOPICS)),
        (lesson("04_before_and_during"), r"takes (\w+) to (\w+) minutes", 1, MINUTES_PER_QUESTION),
        (lesson("04_before_and_during"), r"a (\d+)-minute meeting has room for about (\w+) to (\w+) questions", 1,
         (20, *question_range(20))),
        (lesson("04_before_and_during"), r"no more than (\w+) minutes (?:before|early)", 2, (MAX_MINUTES_EARLY,)),
        (lesson("06_capstone_my_interview_plan"), r"answered in (\w+) to (\w+) minutes", 1, MINUTES_PER_QUESTION),
        ("assignments/source/02_request/making_the_request.ipynb", r"about (\d+) words or fewer", 1, (WORD_BUDGET,)),
        ("assignments/source/02_request/making_the_request.ipynb", r"the (one) or (\w+) things you would ask", 1,
         (1, ADVISED_TOPICS)),
        (quiz, topics, 3, (1, ADVISED_TOPICS)),
        (quiz, r"no more than (\w+) minutes early|within (\w+) minutes of the start", 2, (MAX_MINUTES_EARLY,)),
        ("advice: prep.arrival_window", r"at most (\w+) minutes early", 1, (MAX_MINUTES_EARLY,)),
        ("advice: request.concise", r"about (\d+) words or fewer", 1, (WORD_BUDGET,)),
        ("advice: request.specific_topics", topics, 1, (1, ADVISED_TOPICS)),
        ("title: request.specific_topics", r"(one) or (\w+) topics", 1, (1, ADVISED_TOPICS)),
    ], ADVICE


def test_lessons_and_quiz_state_the_numbers_the_library_checks():
    """A number a lesson, an assignment, the quiz or the advice states is the constant the coach checks against: change
    the constant (or the wording) and this fails until the prose says the same again."""
    stated, advice = _stated_numbers()
    for where, wording, times, expected in stated:
        kind, _, advice_id = where.partition(": ")
        text = {"advice": lambda: advice[advice_id].summary, "title": lambda: advice[advice_id].title}.get(
            kind, lambda: _prose(where))()
        found = list(re.finditer(wording, text, re.I))
        assert len(found) == times, f"{where}: expected {times} × {wording!r}, found {len(found)}"
        for match in found:
            numbers = tuple(_as_number(g) for g in match.groups() if g is not None)
            assert numbers == tuple(expected), f"{where}: {match.group()!r} states {numbers}, the library {expected}"


def test_the_checklist_states_the_arrival_window_from_its_constant():
    """Built from the constant: a literal "ten minutes" would fail here once the constant changed."""
    from infoview_lib import checklist
    from infoview_lib.rules import logistics

    walk_in = next(i.text for i in checklist.CHECKLIST if i.id == "prep.walk_in_time")
    assert f"no more than {logistics.describe_minutes(logistics.MAX_MINUTES_EARLY)} before" in walk_in
