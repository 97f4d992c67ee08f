"""What rendered HTML may contain once a student's text is in it: only the kit's own tags.

Student text is escaped everywhere it reaches HTML, so no ``<`` a student typed survives as
markup: parsed by the standard library's HTML parser, a page holds only the tags and
attributes the kit writes itself. A student's ``<script>``, ``<b onmouseover=x>`` or
``<first>`` that slipped through unescaped would show up as a tag or attribute of its own.
"""
from __future__ import annotations

from html.parser import HTMLParser

#: every tag the kit's renderers, prep sheet, widgets and reports write
KIT_TAGS = frozenset({
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2", "h4", "h5",
    "div", "p", "span", "strong", "em", "small", "code", "mark", "meter", "figure", "figcaption", "iframe",
    "ol", "ul", "li", "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "br",
})
#: every attribute the kit writes (no event handlers: nothing of a student's may become one)
KIT_ATTRIBUTES = frozenset({
    "class", "style", "lang", "charset", "name", "content", "id", "role", "title", "alt", "src", "href",
    "download", "srcdoc", "scope", "min", "max", "value", "aria-label", "aria-hidden", "data-advice",
    "data-artefact",
})
#: markup a student might type, in every field: a script, an event handler, an unknown tag, a comment
MARKUP = ("<script>alert(1)</script>", "<b onmouseover=x>bold</b>", "<first>", "<!-- x -->", "a < b & c > d")


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Parsed:
    parsed = _Parsed()
    parsed.feed(page)
    parsed.close()
    return parsed


def assert_only_kit_markup(page: str, *student_texts: str) -> None:
    """Fail when ``page`` holds a tag, an attribute or a comment the kit does not write, or a
    student text with a ``<`` in it appears unescaped; an ``<iframe srcdoc>`` is checked inside too.
    Each student text must be on the page as text (escaped, not dropped)."""
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag in KIT_TAGS, f"<{tag}> is not the kit's markup: a student's '<' survived"
        for name, value in attrs:
            assert name in KIT_ATTRIBUTES, f"<{tag} {name}=...> is not the kit's markup"
            if name == "srcdoc":
                assert_only_kit_markup(value, *student_texts)
    assert not parsed.comments, f"a comment survived: {parsed.comments}"
    shown = "".join(parsed.text)
    for text in student_texts:
        if "<" in text:
            assert text not in page, f"{text!r} is in the HTML unescaped"
        if not any(name == "srcdoc" for _, attrs in parsed.tags for name, _ in attrs):
            assert " ".join(text.split()) in " ".join(shown.split()), f"{text!r} is not shown as text"
