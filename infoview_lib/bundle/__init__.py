"""The student bundle: the public course folder a class's students get.

``build_student_bundle(out_dir)`` writes a folder ready to push as the class's public
repository (and to launch on Binder):

* ``notebooks/``: the lessons, outputs and execution counts cleared, with the data
  files beside them;
* ``assignments/<assignment>/``: the release version of every graded assignment,
  made by nbgrader's own ``generate_assignment`` in a temporary copy of the
  instructor's ``assignments/`` folder (so solutions, hidden tests and mark schemes
  are removed exactly as nbgrader removes them);
* the course kit (``infoview_lib/`` and ``pyproject.toml``), which the lessons and
  the assignments' test cells import;
* ``binder/``: the repository's own runtime and requirements, plus Jupyter settings
  (``binder/jupyter/``) that turn off nbgrader's instructor extensions, which
  ``binder/postBuild`` merges into the environment;
* a student ``README.md`` with the Binder launch links.

It never contains a ``source/`` folder, a gradebook, or any solution, hidden-test or
mark-scheme region: the last step scans every file it wrote and refuses to finish
otherwise. The content is reproducible: building twice gives identical files.

Like nbgrader's converters, the build is an ordered list of small steps
(``BUNDLE_STEPS``), each a function of the ``BundleBuild`` being assembled. One module per concern:

* :mod:`.base`: the build being assembled, its folders and its errors;
* :mod:`.copying`: copying and filtering the course (lessons cleared, assignments released
  by nbgrader, the kit less what only instructors run, the ``.gitignore``);
* :mod:`.binder`: the Binder links, the students' Jupyter settings and the student README;
* :mod:`.site`: the course website's sources (``site=True``);
* :mod:`.leak_check`: the last step, which refuses a bundle that reveals graded material;
* :mod:`.build`: the steps in order and :func:`build_student_bundle`, the entry point.
"""
from __future__ import annotations

from .base import BundleBuild, BundleBuildError, BundleError
from .build import BUNDLE_STEPS, BundleResult, build_student_bundle

__all__ = ["BUNDLE_STEPS", "BundleBuild", "BundleBuildError", "BundleError", "BundleResult", "build_student_bundle"]
