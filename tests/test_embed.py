"""Files and figures carried inside HTML (infoview_lib.embed): what every download link and figure relies on."""
from __future__ import annotations

import base64
import re

import pytest

from infoview_lib.embed import data_uri, download_link_html, figure_png

LINK = re.compile(r"<a download='([^']*)' href='data:([^;]+);base64,([^']*)'>(.*)</a>")


def test_a_download_link_carries_the_file_and_names_it():
    payload = "Caf\u00e9 <b>&</b>".encode("utf-8")
    name, mime, encoded, text = LINK.fullmatch(download_link_html(payload, "my 'work'.json", "Download my work")).groups()
    assert base64.b64decode(encoded) == payload
    assert (name, mime) == ("my &#x27;work&#x27;.json", "application/json")
    assert text == "Download my work (my &#x27;work&#x27;.json)"


@pytest.mark.parametrize("file_name, mime", [("plan.ics", "text/calendar"), ("sheet.HTML", "text/html"),
                                             ("notes", "application/octet-stream"), ("x.bin", "application/octet-stream")])
def test_the_mime_type_follows_the_suffix_unless_given(file_name, mime):
    assert LINK.fullmatch(download_link_html(b"x", file_name, "Get it")).group(2) == mime
    assert LINK.fullmatch(download_link_html(b"x", file_name, "Get it", mime="text/plain")).group(2) == "text/plain"


def test_data_uri_refuses_text():
    assert data_uri(b"hi", "text/plain") == "data:text/plain;base64,aGk="
    with pytest.raises(TypeError, match="payload must be bytes, not str"):
        data_uri("hi", "text/plain")


def test_figure_png_is_a_png_of_the_figure():
    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    figure.add_subplot().plot([0, 1], [0, 1])
    png = figure_png(figure)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 500


def test_the_views_use_the_one_link_helper(tmp_path):
    """The work saver, the follow-up planner and the capstone write the same kind of link."""
    from infoview_lib.capstone import download_links_html
    from infoview_lib.widgets.follow_up import ics_link_html
    from infoview_lib.widgets.work_saver import download_link_html as work_link

    sheet = tmp_path / "sheet.html"
    sheet.write_bytes(b"<p>sheet</p>")
    for link, payload in ((work_link(b"{}"), b"{}"), (ics_link_html(b"BEGIN:VCALENDAR"), b"BEGIN:VCALENDAR"),
                          (download_links_html([sheet])[len("<ul class='iv-downloads'><li>"):-len("</li></ul>")],
                           b"<p>sheet</p>")):
        assert base64.b64decode(LINK.fullmatch(link).group(3)) == payload
