"""Grading support for the nbgrader assignments in ``assignments/``.

- :mod:`.checks`: what the assignments' test cells call. Each check re-scores the
  student's answer in a fresh Python process (:mod:`.grade_answer`), so rebinding a
  scorer or patching ``Report`` inside the notebook's kernel changes nothing.
- :mod:`.answers`: how an answer (text, lists, dates, a DataFrame) travels to that
  process as JSON.
- :mod:`.feedback`: the nbgrader preprocessor that keeps hidden tests, mark schemes
  and traceback source lines out of the feedback students receive.
- :mod:`.audit`: a static scan of submitted notebooks for tampering
  (``infoview audit SUBMISSIONS_DIR``).

The test cells hold no scoring logic: the verdicts come from the scorers in
:mod:`infoview_lib.rules`, the same ones the lessons and widgets use.
"""
