"""The feedback page's template: nbgrader's own page, made accessible by
``infoview_lib/grading/templates/feedback/index.html.j2`` (a language, readable links).

nbgrader always renders the template named "feedback" (its API insists), and that name is ours
first in ``assignments/nbgrader_config.py``'s template folders, so our template cannot reach
nbgrader's by the same name. :func:`nbgrader_feedback_page`, a Jinja filter, gives it nbgrader's
page compiled in the same Jinja environment (nbconvert's filters and template folders), to extend.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import pass_environment

#: nbgrader's feedback template file, relative to the nbgrader package
NBGRADER_PAGE = Path("server_extensions", "formgrader", "templates", "feedback", "index.html.j2")


def nbgrader_page_path() -> Path:
    import nbgrader

    return Path(nbgrader.__file__).parent / NBGRADER_PAGE


@pass_environment
def nbgrader_feedback_page(environment, _name=None):
    """(Jinja filter) nbgrader's feedback page as a template of ``environment``, to extend."""
    path = nbgrader_page_path()
    return environment.from_string(path.read_text(encoding="utf-8"))
