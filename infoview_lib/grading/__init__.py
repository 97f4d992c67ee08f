"""Grading support for the nbgrader assignments in ``assignments/``.

- :mod:`.checks`: what the assignments' test cells call. Each check re-scores the
  student's answer in a fresh Python process (:mod:`.grade_answer`); in the
  student's kernel this is feedback while they work, never the grade.
- :mod:`.answers`: how an answer (text, lists, dates, a DataFrame) travels to that
  process as JSON.
- :mod:`.answer_source`: what an answer cell may hold (the allow-list), read with
  ``ast`` and never run.
- :mod:`.trusted`: the clean grading process that runs the instructor's test cells
  on the answers alone; :mod:`.autograde`: the nbgrader preprocessors that record
  its verdicts as the grade (``SaveTrustedGrades``) and restore tampered cell
  metadata first (``RestoreCellMetadata``).
- :mod:`.sandbox`: confines an autograding kernel's writes to its submission folder.
- :mod:`.feedback`: the nbgrader preprocessor that keeps hidden tests, mark schemes
  and traceback source lines out of the feedback students receive.
- :mod:`.audit`: lists what in a submission goes beyond its answers
  (``infoview audit SUBMISSIONS_DIR``).

The test cells hold no scoring logic: the verdicts come from the scorers in
:mod:`infoview_lib.rules`, the same ones the lessons and widgets use.
"""
