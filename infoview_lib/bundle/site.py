"""The course website's sources in the bundle (``site=True``), set to the class repository."""
from __future__ import annotations

import json
import shutil

from .base import BundleBuild, BundleBuildError

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
