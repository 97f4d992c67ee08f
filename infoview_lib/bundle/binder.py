"""The bundle's Binder: the launch links, the students' Jupyter settings (nbgrader's instructor tools
off) and the student README that carries the links."""
from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlparse

from ..layout import WELCOME, kit_page_config
from .base import COURSE_DIR, LESSONS_DIR, BundleBuild, BundleError

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

#: how long mybinder.org keeps a session with nothing happening (its documented idle timeout, about
#: ten minutes): the student README says it, and lesson 00 states the same number (a test checks)
BINDER_IDLE_MINUTES = 10

#: the placeholder used in the student README when no --repo-url is given
PLACEHOLDER_REPO_URL = "https://github.com/OWNER/REPOSITORY"


def binder_links(repo_url: str, ref: str = "HEAD", path: str = WELCOME) -> dict[str, str]:
    """mybinder.org launch URLs opening ``path`` in JupyterLab ("lab") and Notebook 7 ("notebook").

    GitHub and GitLab repositories get mybinder's short forms; any other git URL
    uses the generic ``git`` provider.
    """
    provider_spec = binder_spec(repo_url, ref)
    base = f"https://mybinder.org/v2/{provider_spec}"
    return {"lab": f"{base}?urlpath=lab/tree/{path}", "notebook": f"{base}?urlpath=tree/{path}"}


def binder_badge_markdown(repo_url: str) -> str:
    """The README Markdown: a Binder badge opening JupyterLab, and a Notebook 7 link."""
    links = binder_links(repo_url)
    return (
        f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({links['lab']})\n"
        f"[Open in Notebook 7 on Binder]({links['notebook']})"
    )


def binder_spec(repo_url: str, ref: str) -> str:
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


# --------------------------------------------------------------------------- steps

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
        f"Binder is free and temporary: a session with nothing happening for about {BINDER_IDLE_MINUTES} minutes is",
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
