"""``infoview score``: a readable table, and exit 0 (all met), 1 (some not met), 2 (bad input)."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_lib.advice import ADVICE
from infoview_lib.cli import main
from infoview_lib.rules.request import score_request

JOB_ASK = ADVICE["job.no_job_ask"].title

GOOD_REQUEST = (
    "Dear Ms. Alvarez, Professor Chen suggested I contact you. I read your report on oral-history "
    "digitisation and would love to learn how you choose which collections to digitise first. Would you "
    "have 20 minutes for a short conversation? I completely understand if your schedule doesn't allow it. "
    "Thank you, Priya"
)
BAD_REQUEST = "Hello, I am looking for a job. Are there any openings at your library?"
NOTE = "Dear Dr. Osei, thank you for your time. I have already signed up for the metadata course you recommended."


def write(tmp_path: Path, text: str, name: str = "draft.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_all_met_exits_0_with_a_table(tmp_path, capsys):
    assert main(["score", "request", write(tmp_path, GOOD_REQUEST)]) == 0
    out = capsys.readouterr().out
    total = score_request(GOOD_REQUEST).max_points  # the points depend on the rules' weights
    items = len(score_request(GOOD_REQUEST).findings)
    assert out.startswith(f"request: {items} of {items} advice items met [##########] {total:g}/{total:g} points")
    assert "Next step: none. Every advice item is met." in out
    assert f"\u2714 met  {ADVICE['request.connection'].title}" in out and "not met" not in out


def test_some_not_met_exits_1_and_names_them(tmp_path, capsys):
    assert main(["score", "request", write(tmp_path, BAD_REQUEST)]) == 1
    out = capsys.readouterr().out
    assert f"\u2718 not met  {JOB_ASK}" in out
    next_step = out.split("Next step\n", 1)[1].split("\n\n", 1)[0]
    assert next_step.startswith(f"  1. {JOB_ASK}: ")  # the job ask comes first
    assert 'you wrote "I am looking for a job", "Are there any openings"' in " ".join(next_step.split())


def test_channel_option(tmp_path, capsys):
    assert main(["score", "request", write(tmp_path, GOOD_REQUEST), "--channel", "phone"]) == 1
    assert f"\u2718 not met  {ADVICE['request.channel'].title}" in capsys.readouterr().out


def test_thank_you_with_dates(tmp_path, capsys):
    path = write(tmp_path, NOTE)
    code = main(["score", "thank-you", path, "--interview-on", "2026-03-10", "--sent-on", "2026-03-20"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"\u2718 not met  {ADVICE['after.thank_you_timely'].title}" in out and "10 days after" in out


def test_details_print_what_was_found_the_advice_and_its_source_under_each_item(tmp_path, capsys):
    path = write(tmp_path, BAD_REQUEST)
    assert main(["score", "request", path]) == 1
    short = capsys.readouterr().out
    assert main(["score", "request", path, "--details"]) == 1
    out = capsys.readouterr().out
    brief = ADVICE["request.brief"]
    for said in (brief.summary, brief.source):  # the details, under the item's line
        assert said not in " ".join(short.split()) and said in " ".join(out.split())
    item = re.split("\n  [\u2714\u2718] ", out.split(brief.title, 1)[1])[0]
    assert "The advice:" in item and "Source:" in item and "request.brief" in item


def test_dash_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_REQUEST.encode("utf-8"))))
    assert main(["score", "request", "-"]) == 1
    assert JOB_ASK in capsys.readouterr().out


def test_json_output(tmp_path, capsys):
    import json

    assert main(["score", "notes", write(tmp_path, "Their catalogue is a mess."), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["artefact"] == "notes" and data["findings"][0]["evidence"] == ["catalogue is a mess"]
    # the one documented shape (docs/report-format.md), the same as Report.to_dict()
    from infoview_lib.report import Report
    from infoview_lib.rules import scorer_for

    assert data == Report.from_dict(data).to_dict() == scorer_for("notes")("Their catalogue is a mess.").to_dict()
    assert (data["format"], data["version"]) == ("infoview-report", 1)
    assert data["findings"][0]["title"] and data["findings"][0]["priority"] in range(1, 6)


@pytest.mark.parametrize("make_args, message", [
    (lambda p: ["score", "request", str(p / "missing.txt")], "no such file"),
    (lambda p: ["score", "request", ""], "path is empty"),
    (lambda p: ["score", "request", str(p)], "not a file"),
    (lambda p: ["score", "letter", write(p, "Hi")], "unknown kind 'letter'"),
    (lambda p: ["score", "request", write(p, "")], "is empty: nothing to check yet"),
    (lambda p: ["score", "notes", write(p, " \n\t\n")], "is empty: nothing to check yet"),
    (lambda p: ["score", "request", write(p, "x" * 20_001)], "20,000"),
    (lambda p: ["score", "request", write(p, "Hi"), "--channel", "pigeon"], "channel must be one of"),
    (lambda p: ["score", "request", write(p, "Hi"), "--sent-on", "2026-03-01"], "--sent-on does not apply"),
    (lambda p: ["score", "thank-you", write(p, "Hi"), "--interview-on", "March 3"], "interview_on must be a date"),
])
def test_bad_input_exits_2_with_a_clear_error(tmp_path, capsys, make_args, message):
    assert main(make_args(tmp_path)) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_not_utf8_exits_2(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 au lait".encode("latin-1"))
    assert main(["score", "request", str(path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_the_installed_command_runs(tmp_path):
    exe = Path(sys.executable).with_name("infoview")
    if not exe.exists():
        pytest.skip(f"{exe} is not installed (pip install -e .)")
    out = subprocess.run([str(exe), "score", "request", write(tmp_path, BAD_REQUEST)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, out.stderr
    assert f"\u2718 not met  {JOB_ASK}" in out.stdout
