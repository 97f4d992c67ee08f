"""One exception root: every error class of the library derives from InfoviewError."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import infoview_lib
from infoview_lib.errors import InfoviewError


def test_every_error_class_of_the_library_derives_from_infoview_error():
    classes, outside = [], []
    for info in pkgutil.walk_packages(infoview_lib.__path__, "infoview_lib."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == module.__name__ and not issubclass(cls, Warning):
                classes.append(f"{info.name}.{name}")
                if not issubclass(cls, InfoviewError):
                    outside.append(f"{info.name}.{name}")
    assert len(classes) >= 15, classes  # the walk really found the library's errors
    assert outside == [], f"error classes that do not derive from InfoviewError: {outside}"


def test_a_kit_error_is_still_the_builtin_error_callers_caught_before():
    from infoview_lib.instructor.class_data import UnknownAssignmentError
    from infoview_lib.quiz import QuizDataError
    from infoview_lib.work_store import WorkRestoreError

    assert issubclass(QuizDataError, ValueError) and issubclass(UnknownAssignmentError, KeyError)
    assert issubclass(WorkRestoreError, InfoviewError)


def test_the_library_never_imports_its_command_line():
    """infoview_lib.cli may use the library; nothing outside cli/ imports infoview_lib.cli."""
    import ast
    from pathlib import Path

    package = Path(infoview_lib.__file__).parent
    offenders = []
    for path in package.rglob("*.py"):
        if "cli" in path.relative_to(package).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            if module.split(".")[0] == "cli" or module.startswith("infoview_lib.cli"):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == [], f"library modules importing the command line: {offenders}"
