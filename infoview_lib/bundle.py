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
(``BUNDLE_STEPS``), each a function of the ``BundleBuild`` being assembled.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlparse

from .errors import InfoviewError
from .layout import GENERATED, WELCOME, course_root, kit_page_config

#: where the Binder links open the course (JupyterLab, then Notebook 7)

#: the course repository's own folders the bundle is built from
LESSONS_DIR = "notebooks"
COURSE_DIR = "assignments"
KIT_PACKAGE = "infoview_lib"

#: files and folders never copied: editor, Python and Jupyter leftovers, and a
#: student's own saved work (``my_work/``, the work store's default folder)
SKIPPED_NAMES = frozenset({"__pycache__", ".ipynb_checkpoints", "my_work", ".DS_Store", ".nbgrader.log"})
SKIPPED_SUFFIXES = (".pyc", ".pyo")

#: parts of the kit only instructors run, left out of the students' copy: they hold
#: nbgrader's region markers (the feedback preprocessor), a practice course with its
#: solutions, or tools for grading and publishing. Students' test cells need only
#: infoview_lib.grading's checks, which stay.
INSTRUCTOR_ONLY = (
    "instructor",
    "grading/feedback.py",
    "grading/feedback_summary.py",
    "grading/audit.py",
    "bundle.py",
    "cli/audit.py",
    "cli/class_report.py",
    "cli/grade.py",
    "cli/student_bundle.py",
)


#: nbgrader's instructor-side extensions, turned off in the students' Binder.
#: "validate-assignment" stays on (students check their work before submitting).
#: The assignment list is turned off as well: it needs an nbgrader exchange, which
#: Binder does not have (on a JupyterHub with an exchange, students keep it; see
#: docs/deploy.md).
DISABLED_LAB_EXTENSIONS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
)
DISABLED_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.assignment_list",
)

#: the placeholder used in the student README when no --repo-url is given
PLACEHOLDER_REPO_URL = "https://github.com/OWNER/REPOSITORY"


class BundleError(InfoviewError, ValueError):
    """The bundle cannot be written as asked (bad output folder, bad URL): nothing was written."""


class BundleBuildError(InfoviewError, RuntimeError):
    """A step failed (nbgrader could not release an assignment, or a solution would leak)."""


@dataclass
class BundleBuild:
    """The bundle being assembled: the steps read ``course`` and write into ``staging``."""

    course: Path
    """The instructor's course checkout (holds notebooks/, assignments/, infoview_lib/, binder/)."""
    staging: Path
    """The folder the steps write the bundle into; moved to the output folder at the end."""
    scratch: Path
    """A private temporary folder for nbgrader's copy of the course."""
    repo_url: str | None = None
    """The class's public repository (for the README's Binder links), if known."""
    assignments: list[str] = field(default_factory=list)
    """The assignments released into the bundle, in order."""
    notes: list[str] = field(default_factory=list)
    """Things the instructor should know (printed by the CLI)."""
    site: bool = False
    """Also copy the course website's sources (``site/``, the coach app's guide), set to ``repo_url``."""


# --------------------------------------------------------------------------- helpers

def binder_links(repo_url: str, ref: str = "HEAD", path: str = WELCOME) -> dict[str, str]:
    """mybinder.org launch URLs opening ``path`` in JupyterLab ("lab") and Notebook 7 ("notebook").

    GitHub and GitLab repositories get mybinder's short forms; any other git URL
    uses the generic ``git`` provider.
    """
    provider_spec = _binder_spec(repo_url, ref)
    base = f"https://mybinder.org/v2/{provider_spec}"
    return {"lab": f"{base}?urlpath=lab/tree/{path}", "notebook": f"{base}?urlpath=tree/{path}"}


def binder_badge_markdown(repo_url: str) -> str:
    """The README Markdown: a Binder badge opening JupyterLab, and a Notebook 7 link."""
    links = binder_links(repo_url)
    return (
        f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({links['lab']})\n"
        f"[Open in Notebook 7 on Binder]({links['notebook']})"
    )


def _binder_spec(repo_url: str, ref: str) -> str:
    if not isinstance(repo_url, str):
        raise BundleError(f"repo URL must be a string, not {type(repo_url).__name__}")
    parsed = urlparse(repo_url.strip())
    if parsed.scheme not in ("https", "http") or not parsed.netloc:
        raise BundleError(
            f"repo URL must be an https:// address of a git repository (e.g. {PLACEHOLDER_REPO_URL}), "
            f"not {repo_url!r}"
        )
    parts = [p for p in parsed.path.split("/") if p]
    if parts and parts[-1].endswith(".git"):
        parts[-1] = parts[-1][: -len(".git")]
    host = parsed.netloc.lower()
    if host in ("github.com", "www.github.com"):
        if len(parts) != 2:
            raise BundleError(f"a GitHub repo URL looks like https://github.com/OWNER/REPOSITORY, not {repo_url!r}")
        return f"gh/{parts[0]}/{parts[1]}/{ref}"
    if host in ("gitlab.com", "www.gitlab.com"):
        if len(parts) < 2:
            raise BundleError(f"a GitLab repo URL looks like https://gitlab.com/GROUP/PROJECT, not {repo_url!r}")
        return f"gl/{quote('/'.join(parts), safe='')}/{ref}"
    return f"git/{quote(repo_url.strip(), safe='')}/{ref}"


def solution_delimiters() -> tuple[str, ...]:
    """The region markers nbgrader strips from released notebooks (solutions, hidden tests, mark schemes).

    Read from nbgrader's own preprocessors, so they match what ``generate_assignment`` removes.
    """
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, ClearSolutions

    markers = []
    for cls, names in (
        (ClearSolutions, ("begin_solution_delimeter", "end_solution_delimeter")),
        (ClearHiddenTests, ("begin_test_delimeter", "end_test_delimeter")),
        (ClearMarkScheme, ("begin_mark_scheme_delimeter", "end_mark_scheme_delimeter")),
    ):
        traits = cls.class_traits()
        markers.extend(traits[name].default_value for name in names)
    return tuple(markers)


def find_solution_markers(folder: Path) -> list[tuple[str, str]]:
    """(relative path, marker) for every file under ``folder`` holding an nbgrader region marker."""
    markers = solution_delimiters()
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for marker in markers:
            if marker in text:
                hits.append((path.relative_to(folder).as_posix(), marker))
    return hits


def _skipped(name: str) -> bool:
    return name in SKIPPED_NAMES or name.endswith(SKIPPED_SUFFIXES)


def _copy_tree(src: Path, dst: Path, leave_out: tuple[str, ...] = ()) -> list[Path]:
    """Copy the files under ``src`` to ``dst`` (sorted, contents only, no timestamps kept).

    ``leave_out``: paths relative to ``src`` (files or folders) not to copy.
    """
    left_out = [Path(p) for p in leave_out]
    copied = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(_skipped(part) for part in rel.parts) or any(rel == p or p in rel.parents for p in left_out):
            continue
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied.append(target)
    return copied


def clear_notebook(path: Path) -> None:
    """Rewrite a notebook with outputs, execution counts and run metadata removed, as nbformat writes it."""
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several unrelated types for bad files
        raise BundleBuildError(f"{path} is not a readable notebook: {err}") from err
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, path)


# --------------------------------------------------------------------------- steps

def copy_lessons(build: BundleBuild) -> None:
    """notebooks/ -> notebooks/, with every lesson's outputs cleared; data files come along."""
    src = build.course / LESSONS_DIR
    if not (src / Path(WELCOME).name).is_file():
        raise BundleError(f"{src} has no {Path(WELCOME).name}: is {build.course} the course folder?")
    for path in _copy_tree(src, build.staging / LESSONS_DIR):
        if path.suffix == ".ipynb":
            clear_notebook(path)


def release_assignments(build: BundleBuild) -> None:
    """assignments/source/<a>/ -> assignments/<a>/, released by nbgrader in a temporary copy of the course.

    The temporary copy leaves out what nbgrader generated in the instructor's folder
    (release/, submitted/, gradebook.db...), so only a fresh release reaches the bundle,
    and the instructor's gradebook is never touched (``--no-db``).
    """
    src = build.course / COURSE_DIR
    if not (src / "source").is_dir():
        build.notes.append(f"no {COURSE_DIR}/source folder in {build.course}: the bundle has no assignments")
        return
    course = build.scratch / "course"
    course.mkdir(parents=True)
    for item in sorted(src.iterdir()):
        if item.name in GENERATED or _skipped(item.name):
            continue
        if item.is_dir():
            _copy_tree(item, course / item.name)
        else:
            shutil.copyfile(item, course / item.name)
    names = sorted(p.name for p in (course / "source").iterdir() if p.is_dir() and not _skipped(p.name))
    if not names:
        build.notes.append(f"{COURSE_DIR}/source has no assignment folders: the bundle has no assignments")
        return
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    # One nbgrader run for every assignment ("*" is a glob over source/).
    cmd = [
        sys.executable, "-m", "nbgrader", "generate_assignment", "--no-db", "--force",
        f"--CourseDirectory.root={course}", "--CourseDirectory.assignment_id=*",
    ]
    proc = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True)
    missing = [name for name in names if not (course / "release" / name).is_dir()]
    if proc.returncode != 0 or missing:
        raise BundleBuildError(
            f"nbgrader could not release {', '.join(missing) or 'the assignments'} (exit {proc.returncode}):\n"
            + (proc.stderr or proc.stdout)[-3000:]
        )
    for name in names:
        _copy_tree(course / "release" / name, build.staging / COURSE_DIR / name)
        build.assignments.append(name)


def copy_kit(build: BundleBuild) -> None:
    """infoview_lib/ and pyproject.toml: the kit the lessons and test cells import, less INSTRUCTOR_ONLY."""
    _copy_tree(build.course / KIT_PACKAGE, build.staging / KIT_PACKAGE, leave_out=INSTRUCTOR_ONLY)
    shutil.copyfile(build.course / "pyproject.toml", build.staging / "pyproject.toml")


def write_binder(build: BundleBuild) -> None:
    """binder/: the course's runtime.txt and requirements.txt, and the student-only Jupyter settings.

    requirements.txt is copied unchanged: its "." line installs the kit copied beside it.
    The settings are plain Jupyter config files under binder/jupyter/ (laid out like
    the environment's etc/jupyter/), which postBuild merges into the environment.
    """
    binder = build.staging / "binder"
    binder.mkdir(parents=True, exist_ok=True)
    for name in ("runtime.txt", "requirements.txt"):
        source = build.course / "binder" / name
        if not source.is_file():
            raise BundleError(f"{source} is missing: the bundle's Binder is built from the course's binder/ files")
        shutil.copyfile(source, binder / name)
    for rel, settings in student_jupyter_config().items():
        path = binder / "jupyter" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    post_build = binder / "postBuild"
    post_build.write_text(STUDENT_POST_BUILD, encoding="utf-8")
    post_build.chmod(0o755)


def student_jupyter_config() -> dict[str, dict]:
    """Jupyter config files (path under etc/jupyter -> content) that keep only nbgrader's student tools.

    JupyterLab reads labconfig/page_config.json; locking stops a plugin being switched
    back on from JupyterLab's plugin manager. jupyter_server_config.json at the
    environment level overrides the jupyter_server_config.d/ files nbgrader installs.
    """
    # plus the plugins the kit's own Jupyter config turns off (no "official Jupyter news?" prompt)
    kit_disabled = [name for name, off in kit_page_config().get("disabledExtensions", {}).items() if off]
    disabled = list(dict.fromkeys([*DISABLED_LAB_EXTENSIONS, *kit_disabled]))
    return {
        "labconfig/page_config.json": {
            "disabledExtensions": {name: True for name in disabled},
            "lockedExtensions": {name: True for name in disabled},
        },
        "jupyter_server_config.json": {
            "ServerApp": {"jpserver_extensions": {name: False for name in DISABLED_SERVER_EXTENSIONS}},
        },
    }


#: binder/postBuild of the bundle (repo2docker runs it after installing requirements.txt)
STUDENT_POST_BUILD = """#!/bin/bash
set -e
# Students' Binder: keep nbgrader's Validate button; turn off the instructor tools
# (formgrader, Create Assignment, course list) and the assignment list, which needs an
# nbgrader exchange that Binder does not have. The settings are in binder/jupyter/,
# laid out like the environment's etc/jupyter/; this merges them into it.
# Written by `infoview student-bundle`.
cd "$(dirname "$0")"
python - <<'PY'
import json
import sys
from pathlib import Path

def merge(base, extra):
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base

source = Path("jupyter")
target = Path(sys.prefix, "etc", "jupyter")
for path in sorted(source.rglob("*.json")):
    dest = target / path.relative_to(source)
    current = json.loads(dest.read_text()) if dest.is_file() and dest.stat().st_size else {}
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(merge(current, json.loads(path.read_text())), indent=2, sort_keys=True) + "\\n")
    print(f"postBuild: merged binder/{path} into {dest}")
PY
"""


def write_student_readme(build: BundleBuild) -> None:
    """README.md for students: what is inside, the Binder links, how work is kept."""
    repo_url = build.repo_url
    if repo_url is None:
        repo_url = PLACEHOLDER_REPO_URL
        build.notes.append(
            "no --repo-url given: README.md links to " + PLACEHOLDER_REPO_URL
            + "; rebuild with --repo-url https://github.com/<you>/<class-repo> before publishing"
        )
    lessons = sorted(p.name for p in (build.staging / LESSONS_DIR).glob("*.ipynb"))
    assignment_lines = [
        f"  - `{COURSE_DIR}/{name}/`: " + ", ".join(
            f"`{p.name}`" for p in sorted((build.staging / COURSE_DIR / name).glob("*.ipynb"))
        )
        for name in build.assignments
    ] or ["  - (none released yet)"]
    text = "\n".join([
        "# Infoview: informational interviews, step by step",
        "",
        "A short course on the informational interview: how to ask for one, prepare, hold",
        "the conversation and follow up. It follows \"Demystifying the Informational Interview\"",
        "by Ellen Mehling, in its own words, with instant feedback on your own drafts.",
        "",
        "## Start",
        "",
        binder_badge_markdown(repo_url),
        "",
        "The first link opens the course in JupyterLab, the second in the simpler Notebook",
        f"interface; both start at `{WELCOME}`. The first launch can take a few minutes.",
        "",
        "## Keep your work",
        "",
        "Binder is free and temporary: a session with nothing happening for about 10 minutes is",
        "shut down, and nothing is kept afterwards. The course saves what you type in its tools",
        "to the `my_work/` folder as you go, but that folder disappears with the session too.",
        "Use **Download my work** (in `00_welcome.ipynb`) before you stop, and restore the file",
        "next time. Download any assignment notebook you change (File > Download).",
        "",
        "## What is inside",
        "",
        "- `notebooks/`: the lessons, in order:",
        *[f"  - `{name}`" for name in lessons],
        "- `assignments/`: the graded exercises. Check one with the **Validate** button before you",
        "  hand it in the way your instructor asks.",
        *assignment_lines,
        "- `infoview_lib/`: the course's Python library (the feedback the lessons show).",
        "",
        "## On your own computer",
        "",
        "```sh",
        "python3 -m venv .venv",
        ".venv/bin/pip install -r binder/requirements.txt",
        f".venv/bin/jupyter lab {WELCOME}",
        "```",
        "",
    ])
    (build.staging / "README.md").write_text(text, encoding="utf-8")


#: the website's sources a bundle carries with ``site=True`` (docs/coach.md is its only guide:
#: the grading and deployment guides are for instructors)
SITE_FILES = ("site/conf.py", "site/index.md", "site/site.json", "site/build.py", "docs/coach.md")


def copy_site(build: BundleBuild) -> None:
    """With ``site=True``: the website's sources, so the class builds its own site (``python site/build.py``),
    its launch buttons set to the class repository."""
    if not build.site:
        return
    for name in SITE_FILES:
        source = build.course / name
        if not source.is_file():
            raise BundleBuildError(f"the course has no {name}, which the website needs")
        (build.staging / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, build.staging / name)
    if build.repo_url is not None:
        settings_path = build.staging / "site" / "site.json"
        settings = json.loads(settings_path.read_text(encoding="utf-8"))
        settings["repository_url"] = build.repo_url
        settings_path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    else:
        build.notes.append("no --repo-url given: the website's launch buttons point at the course's own "
                           "repository (site/site.json); rebuild with --repo-url before publishing")


def write_gitignore(build: BundleBuild) -> None:
    """.gitignore: students' saved work, the virtual environment the README has them create, and
    Jupyter's checkpoints stay out of the class repository."""
    (build.staging / ".gitignore").write_text(
        "my_work/\n.venv/\n.ipynb_checkpoints/\n__pycache__/\n*.egg-info/\nbuild/\n_build/\n", encoding="utf-8"
    )


def check_no_solutions(build: BundleBuild) -> None:
    """The safety net, last: no solution/hidden-test/mark-scheme region, source folder or gradebook."""
    problems = [f"{path}: contains {marker!r}" for path, marker in find_solution_markers(build.staging)]
    for path in sorted(build.staging.rglob("*")):
        rel = path.relative_to(build.staging).as_posix()
        if path.is_dir() and path.name == "source":
            problems.append(f"{rel}: a source folder")
        elif path.is_file() and (path.name == "gradebook.db" or path.suffix in (".db", ".sqlite")):
            problems.append(f"{rel}: a database file")
    if problems:
        raise BundleBuildError("the student bundle would reveal graded material:\n  " + "\n  ".join(problems))


#: The build, in order. copy_lessons comes first (it checks the course folder);
#: write_student_readme needs the lessons and released assignments in place;
#: check_no_solutions must stay last so it sees every file.
BUNDLE_STEPS = (
    copy_lessons,
    release_assignments,
    copy_kit,
    write_binder,
    copy_site,
    write_student_readme,
    write_gitignore,
    check_no_solutions,
)


# --------------------------------------------------------------------------- entry point

@dataclass(frozen=True)
class BundleResult:
    """What ``build_student_bundle`` wrote."""

    out_dir: Path
    """The bundle's folder."""
    files: tuple[str, ...]
    """Every file written, relative to out_dir, sorted."""
    assignments: tuple[str, ...]
    """The assignments released into it."""
    notes: tuple[str, ...]
    """Things the instructor should know (e.g. no --repo-url was given)."""


def build_student_bundle(
    out_dir: str | os.PathLike,
    course: str | os.PathLike | None = None,
    repo_url: str | None = None,
    force: bool = False,
    site: bool = False,
) -> BundleResult:
    """Write the student bundle of ``course`` (default: the course folder around the current one) to ``out_dir``.

    Refuses (``BundleError``, nothing written) when ``out_dir`` is not empty, unless
    ``force``: then its contents are replaced, except a ``.git`` folder, so a clone
    of the class repository can be refreshed in place. ``site``: also write the course
    website's sources (``site/``), its launch buttons set to ``repo_url``.
    """
    if course is None:
        try:
            course = course_root()
        except FileNotFoundError as err:
            raise BundleError(str(err)) from None
    course = Path(course).resolve()
    out = Path(out_dir).resolve()
    if repo_url is not None:
        _binder_spec(repo_url, "HEAD")  # validate before doing any work
    _check_output_folder(out, course, force)
    with tempfile.TemporaryDirectory(prefix="infoview-bundle-") as tmp:
        build = BundleBuild(course=course, staging=Path(tmp) / "bundle", scratch=Path(tmp) / "scratch", repo_url=repo_url,
                            site=site)
        build.staging.mkdir()
        build.scratch.mkdir()
        for step in BUNDLE_STEPS:
            step(build)
        _replace_contents(out, build.staging)
    files = tuple(sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                         if p.is_file() and ".git" not in p.relative_to(out).parts))
    return BundleResult(out, files, tuple(build.assignments), tuple(build.notes))


def _check_output_folder(out: Path, course: Path, force: bool) -> None:
    if out == course or out in course.parents:
        raise BundleError(f"{out} holds the course itself; choose a folder outside it (or a new subfolder)")
    for name in (LESSONS_DIR, COURSE_DIR, KIT_PACKAGE, "binder"):
        source = course / name
        if out == source or source in out.parents:
            raise BundleError(f"{out} is inside the course's {name}/ folder; choose another folder")
    if out.exists() and not out.is_dir():
        raise BundleError(f"{out} exists and is not a folder")
    if out.is_dir() and any(p.name != ".git" for p in out.iterdir()) and not force:
        raise BundleError(f"{out} is not empty; use --force to replace its contents (a .git folder is kept)")


def _replace_contents(out: Path, staging: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for item in out.iterdir():
        if item.name == ".git":
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()
    for item in sorted(staging.iterdir()):
        shutil.move(str(item), str(out / item.name))
