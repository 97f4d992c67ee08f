"""Score one answer in a fresh process: ``python -I -m infoview_lib.grading.grade_answer``.

One-shot mode reads ``{"artefact": "request", "answer": {"text": ..., "channel": ...}}`` (see
:mod:`.answers`) from stdin, runs the artefact's public scorer (the same function
the lessons use, looked up through :func:`infoview_lib.rules.scorer_for`) and
writes the report to stdout in the kit's one JSON shape (:meth:`infoview_lib.report.Report.to_dict`,
``docs/report-format.md``: ``"findings"`` holds one record per advice item), or
``{"error": "TypeError: ..."}`` when the scorer refused the answer. With
``--serve ARTEFACT...`` it imports those scorers, then answers one JSON request per
line of stdin with one JSON line, until stdin closes (the notebook's kernel ends).

Because this is a new interpreter started with ``-I`` (no current directory, no
PYTHONPATH, no user site-packages on the path), nothing a student did inside the
notebook's kernel (rebinding ``score_request``, patching ``Report.score``,
replacing modules in ``sys.modules``) reaches it. No student code runs here:
the answer arrives as data.
"""
from __future__ import annotations

import json
import sys

def grade(request: dict) -> dict:
    """The findings for one request (``artefact`` + ``answer`` keyword arguments)."""
    from infoview_lib.rules import SCORERS, scorer_for

    from .answers import decode

    artefact = request.get("artefact")
    if artefact not in SCORERS:
        return {"error": f"ValueError: unknown artefact {artefact!r}; expected one of {sorted(SCORERS)}"}
    answer = decode(request.get("answer") or {})
    try:
        report = scorer_for(artefact)(**answer)
    except (TypeError, ValueError, KeyError) as err:
        return {"error": f"{type(err).__name__}: {err}"}
    return report.to_dict()


def warm_up(artefact: str) -> None:
    """Import ``artefact``'s scorer and run it once on its first rule's first passing
    example, so lazy imports (pandas) and compiled patterns are ready before a check asks."""
    from infoview_lib.rules import RULES, SCORERS, scorer_for

    if artefact not in SCORERS:
        return
    scorer = scorer_for(artefact)
    for rule in RULES[artefact].values():
        if rule.passes:
            example = rule.passes[0]
            try:
                scorer(**({"text": example} if isinstance(example, str) else dict(example)))
            except Exception:  # a warm-up must never stop the grader
                pass
            return


def serve(artefacts: list[str]) -> int:
    """Answer one JSON request per stdin line with one JSON line, until stdin closes.

    The scorers of ``artefacts`` are imported first, so the process is warm by the
    time the notebook's first check asks (see ``checks.start_grader``).
    """
    from infoview_lib.rules.detect import pattern_cache

    for artefact in artefacts:
        warm_up(artefact)
    pattern_cache.save()  # this process is stopped, not ended: its exit hook would not run
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            result = grade(json.loads(line))
        except json.JSONDecodeError as err:
            result = {"error": f"ValueError: the grading request is not JSON ({err})"}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        pattern_cache.save()  # patterns this answer needed that the cache lacked (rarely any)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        return serve(argv[1:])
    try:
        request = json.loads(sys.stdin.read())
    except json.JSONDecodeError as err:
        print(json.dumps({"error": f"ValueError: the grading request is not JSON ({err})"}))
        return 2
    print(json.dumps(grade(request)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
