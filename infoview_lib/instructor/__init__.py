"""Instructor and grader tools: the class report by advice item and parallel autograding.

- :mod:`.class_data`: read an nbgrader gradebook into DataFrames and tabulate how many
  students meet each advice item; :mod:`.class_charts` draws its charts and
  :mod:`.class_report` writes them as a self-contained HTML report.
- :mod:`.gradebook`: the gradebook's URL helpers and :class:`~.gradebook.GradebookError`.
- :mod:`.parallel_grade`: run nbgrader's own autograder for many submissions at once,
  with progress, per-submission timeouts and a single writer to the gradebook.
- :mod:`.practice_course`: a small nbgrader course with made-up submissions, for
  trying these tools (and for their tests and benchmark).

Nothing here scores student work itself: grades come from nbgrader's grade cells,
which are named after advice ids (``infoview_lib.advice``).
"""
