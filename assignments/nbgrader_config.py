"""nbgrader configuration of the Infoview course (run nbgrader from this folder).

    cd assignments
    nbgrader generate_assignment 02_request      # source/ -> release/
    nbgrader autograde 02_request                # submitted/ -> autograded/ + gradebook.db
    nbgrader generate_feedback 02_request        # autograded/ -> feedback/
    nbgrader export                              # grades.csv

See docs/grading.md for the whole workflow.
"""
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import GetGrades

from infoview_lib.grading.autograde import autograde_preprocessors, sanitize_preprocessors
from infoview_lib.grading.feedback import HideHiddenTests
from infoview_lib.grading.feedback_summary import FeedbackSummary
from infoview_lib.grading.sandbox import KERNEL_LINE

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

HERE = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "infoview"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.db_url = f"sqlite:///{HERE / 'gradebook.db'}"
# The contact log of 05_follow_up travels with the notebook.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "my_work"]

# Per-cell limit while autograding. Answers are data, so a test cell needs about a
# second (one grading process, see infoview_lib.grading.checks); a student's
# infinite loop costs this once, then the kernel is interrupted and the rest of
# the notebook is graded.
c.ExecutePreprocessor.timeout = 15
c.Execute.timeout = 15
# Before the first cell, the kernel confines its own writes (and its children's) to the
# submission's folder and a private temporary folder (Linux Landlock; see
# infoview_lib/grading/sandbox.py): a notebook cannot change the course folder.
c.Execute.extra_arguments = [f"--IPKernelApp.exec_lines={KERNEL_LINE}"]

# A deleted test cell comes back (with the instructor's code), so a student who
# deleted one is graded on their answers like everyone else, never given the points.
c.OverwriteCells.add_missing_cells = True

# The points come from the answers alone: after nbgrader has run the notebook,
# SaveTrustedGrades (in place of nbgrader's SaveAutoGrades) reads the answers with
# `ast`, runs the instructor's test cells on them in a clean process and records
# those verdicts (see infoview_lib/grading/autograde.py and docs/grading.md).
c.Autograde.autograde_preprocessors = autograde_preprocessors()
# Before that, every cell the gradebook knows gets its nbgrader metadata back (a test cell
# marked ungraded, other points, a duplicated cell would otherwise fail the whole submission).
c.Autograde.sanitize_preprocessors = sanitize_preprocessors()

# Feedback: grades first, then hide hidden tests, mark schemes and traceback source.
# The order matters: GetGrades reads the cells' metadata before anything is trimmed, and
# FeedbackSummary (Next step, then one line per advice item, at the top) reads the scores GetGrades wrote.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, FeedbackSummary, CSSHTMLHeaderPreprocessor]
# The feedback page: nbgrader's, with a language and readable links (the kit's
# infoview_lib/grading/templates/feedback, which extends nbgrader's page through the filter in
# infoview_lib/grading/feedback_page.py). nbgrader always asks for the template named "feedback"
# (its API insists), so ours is found first; setting the folders replaces nbgrader's own, so its
# folder is listed too.
import nbgrader  # noqa: E402

import infoview_lib.grading  # noqa: E402

c.HTMLExporter.extra_template_basedirs = [
    str(Path(infoview_lib.grading.__file__).parent / "templates"),
    str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"),
]
c.HTMLExporter.filters = {"nbgrader_feedback_page": "infoview_lib.grading.feedback_page.nbgrader_feedback_page"}

# What replaces a solution region in the release: a placeholder a non-programmer can
# overwrite (a letter, a message, a list item); the checks treat it as "not answered".
c.ClearSolutions.code_stub = {"python": '"""YOUR ANSWER HERE"""'}
