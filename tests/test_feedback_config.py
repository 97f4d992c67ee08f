"""The feedback preprocessor accepts the configuration nbconvert's HTML exporter gives every
preprocessor, so `nbgrader generate_feedback` logs no "not recognized" warning for it."""
from __future__ import annotations

import logging

import nbformat
from nbconvert.exporters import HTMLExporter

from infoview_lib.grading.feedback import HideHiddenTests


def test_feedback_export_logs_no_unrecognized_config_warning(caplog):
    # What GenerateFeedback does: an HTML exporter registers the preprocessor with itself as parent,
    # so the exporter's default config (NbConvertBase.display_data_priority) reaches it.
    exporter = HTMLExporter()
    exporter.log.propagate = True
    with caplog.at_level(logging.WARNING):
        exporter.register_preprocessor(HideHiddenTests, enabled=True)
        cell = nbformat.v4.new_code_cell("x = 1\n### BEGIN HIDDEN TESTS\nsecret = 2\n### END HIDDEN TESTS")
        body, _ = exporter.from_notebook_node(nbformat.v4.new_notebook(cells=[cell]))
    messages = [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "not recognized" in m], messages
    assert "hidden checks ran here" in body and "secret = 2" not in body
