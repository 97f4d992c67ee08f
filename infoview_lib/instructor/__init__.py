"""Instructor and grader tools: the class report by advice item and parallel autograding.

- :mod:`.class_data`: read an nbgrader gradebook into DataFrames and tabulate how many
  students meet each advice item; :mod:`.class_charts` draws its charts and
  :mod:`.class_report` writes them as a self-contained HTML report.
- :mod:`.gradebook`: the gradebook's URL helpers and :class:`~.gradebook.GradebookError`.
- :mod:`.parallel_grade`: run nbgrader's own autograder for many submissions at once,
  with progress, per-submission timeouts and a single writer to the gradebook.
  Its parts: :mod:`.grading_course` (the course's settings and submissions),
  :mod:`.gradebook_merge` (the workers' snapshot and merging their results),
  :mod:`.grade_worker` (the worker processes), :mod:`.grading_summary` (outcomes and status record).
- :mod:`.gradebook`: gradebook URLs and their errors, shared by the class report and grading.
- :mod:`.practice_course`: a small nbgrader course with made-up submissions, for
  trying these tools (and for their tests and benchmark).

Nothing here scores student work itself: grades come from nbgrader's grade cells,
which are named after advice ids (``infoview_lib.advice``).
"""
