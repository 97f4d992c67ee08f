"""The thank-you coach: draft your thank-you note and see feedback as you type.

Same as ``score_thank_you(text, interview_on, sent_on, channel="handwritten")``: the
widget calls it on every change and shows the Report.
"""
from __future__ import annotations

import datetime as _dt

import ipywidgets as widgets

from ._common import CoachWidget, iso_or_none, parse_iso, same_as_html

#: (label shown, value passed to score_thank_you); the values are the library's channels
#: (``infoview_lib.rules.thank_you.CHANNELS``), checked when the widget is built.
CHANNELS = (("Handwritten note", "handwritten"), ("E-mail now, then a handwritten note", "email+handwritten"),
            ("E-mail", "email"), ("LinkedIn message", "linkedin"))


class ThankYouCoach(CoachWidget):
    """A thank-you draft (``text_area``), how it is sent (``channel``), the interview and sending
    dates (``interview_on``, ``sent_on``: optional) and live feedback.

    Drive it from Python: ``coach.text_area.value = "..."``, ``coach.channel.value = "email"``,
    ``coach.interview_on.value = datetime.date(...)``; read ``coach.report`` or ``coach.feedback.value``.
    Saves ``{"text", "channel", "interview_on", "sent_on"}`` under ``key``.
    """

    def __init__(self, store=None, key: str = "thank_you"):
        from ..rules.thank_you import CHANNELS as LIBRARY_CHANNELS

        unknown = {v for _l, v in CHANNELS} - set(LIBRARY_CHANNELS)
        if unknown:  # pragma: no cover - guards the two lists against drifting apart
            raise RuntimeError(f"thank-you channels unknown to the library: {sorted(unknown)}")
        super().__init__(store=store, key=key,
                         title="Thank-you coach: draft your thank-you note, get feedback as you type",
                         same_as="score_thank_you(text, interview_on, sent_on, channel='handwritten')")
        label = {"description_width": "initial"}
        self.text_area = widgets.Textarea(
            description="Your thank-you note", placeholder="Dear ... (type or paste your note here)",
            continuous_update=True, layout=widgets.Layout(width="100%", height="12em"), style=label,
        )
        self.channel = widgets.Dropdown(options=CHANNELS, value="handwritten", description="Sent as", style=label)
        self.interview_on = widgets.DatePicker(description="Interview date (optional)", style=label)
        self.sent_on = widgets.DatePicker(description="Date you send it (optional)", style=label)
        self.set_body(self.text_area, self.channel,
                      widgets.HBox((self.interview_on, self.sent_on), layout=widgets.Layout(flex_flow="row wrap")))
        for control in (self.text_area, self.channel, self.interview_on, self.sent_on):
            control.observe(self.changed, "value")
        self.reload()

    def snapshot(self) -> dict:
        return {"text": self.text_area.value, "channel": self.channel.value,
                "interview_on": iso_or_none(self.interview_on.value), "sent_on": iso_or_none(self.sent_on.value)}

    def apply(self, data: dict) -> None:
        text = data.get("text")
        self.text_area.value = text if isinstance(text, str) else ""
        if data.get("channel") in {v for _l, v in CHANNELS}:
            self.channel.value = data["channel"]
        self.interview_on.value = parse_iso(data.get("interview_on"), _dt.date)
        self.sent_on.value = parse_iso(data.get("sent_on"), _dt.date)

    def update_feedback(self) -> None:
        from ..rules.thank_you import score_thank_you

        self.same_as.value = same_as_html(
            f"score_thank_you(text, interview_on={iso_or_none(self.interview_on.value)!r}, "
            f"sent_on={iso_or_none(self.sent_on.value)!r}, channel={self.channel.value!r})")
        if not self.text_area.value.strip():
            self.show_message("Type or paste your thank-you note above; feedback appears as you type.")
            return
        self.show_report(score_thank_you(self.text_area.value, interview_on=self.interview_on.value,
                                         sent_on=self.sent_on.value, channel=self.channel.value))


def thank_you_coach(store=None, key: str = "thank_you") -> ThankYouCoach:
    """A thank-you coach widget. Same as: ``score_thank_you(text, interview_on, sent_on, channel='handwritten')``.

    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return ThankYouCoach(store=store, key=key)
