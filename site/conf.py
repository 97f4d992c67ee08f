"""Sphinx configuration of the course website (``make site``; sources staged by ``site/build.py``).

The one setting a class changes is the public repository in ``site.json`` (the launch buttons
open each lesson from it on Binder); ``infoview student-bundle --site --repo-url URL`` writes it.
Everything the pages need is bundled with Sphinx, myst-nb and sphinx-book-theme: the build
fetches nothing from the network, and the pages load nothing from it.
"""
import json
from pathlib import Path

SETTINGS = json.loads((Path(__file__).parent / "site.json").read_text(encoding="utf-8"))

project = "Infoview: informational interviews"
author = "The Infoview developers"
copyright = "The Infoview developers (BSD-3-Clause)"
language = "en"

extensions = ["myst_nb"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "**/my_work"]
root_doc = "index"

# a broken reference or a failing notebook fails the build (site/build.py runs sphinx-build -W -n)
nitpicky = True
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# lessons are executed at build time; an error in any cell fails the build
nb_execution_mode = "force"
nb_execution_timeout = 180
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# widgets are shown as a note to launch the lesson (site/build.py removes their outputs):
# no widget JavaScript from a CDN
nb_ipywidgets_js = {}

html_theme = "sphinx_book_theme"
html_title = "Infoview"
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": SETTINGS["repository_url"],
    "repository_branch": SETTINGS.get("branch", "HEAD"),
    "path_to_docs": "",
    "use_repository_button": True,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "show_toc_level": 2,
}
html_static_path = []
