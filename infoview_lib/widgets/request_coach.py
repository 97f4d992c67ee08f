"""The request coach: draft an informational-interview request and see feedback as you type.

Same as ``score_request(text, channel="email")``: the widget calls it on every change
and shows the Report.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..saved_work import RequestDraft
from ._common import CoachWidget, same_as_html

#: (label shown, value passed to score_request)
CHANNELS = (("E-mail", "email"), ("LinkedIn message", "linkedin"), ("Phone call", "phone"))


class RequestCoach(CoachWidget):
    """A request draft (``text_area``), its channel (``channel``) and live feedback.

    Drive it from Python: ``coach.text_area.value = "..."``, ``coach.channel.value = "linkedin"``;
    read ``coach.report`` (the Report) or ``coach.feedback.value`` (its HTML).
    Saves ``{"text", "channel"}`` under ``key``.
    """

    def __init__(self, store=None, key: str = "request"):
        super().__init__(store=store, key=key, title="Request coach: draft your request, get feedback as you type",
                         same_as="score_request(text, channel='email')")
        self.text_area = widgets.Textarea(
            description="Your request", placeholder="Dear ... (type or paste your request here)",
            continuous_update=True, layout=widgets.Layout(width="100%", height="14em"),
            style={"description_width": "initial"},
        )
        self.channel = widgets.Dropdown(options=CHANNELS, value="email", description="Sent by")
        self.set_body(self.text_area, self.channel)
        self.text_area.observe(self.changed, "value")
        self.channel.observe(self.changed, "value")
        self.reload()

    def snapshot(self) -> dict:
        return RequestDraft(self.text_area.value, self.channel.value).to_dict()

    def apply(self, data: dict) -> None:
        draft = RequestDraft.from_dict(data)
        self.text_area.value = draft.text
        if draft.channel in dict((v, k) for k, v in CHANNELS):  # a channel this coach offers
            self.channel.value = draft.channel

    def update_feedback(self) -> None:
        from ..rules.request import score_request

        self.same_as.value = same_as_html(f"score_request(text, channel={self.channel.value!r})")
        if not self.text_area.value.strip():
            self.show_message("Type or paste your request above; feedback appears as you type.")
            return
        self.show_report(score_request(self.text_area.value, channel=self.channel.value))


def request_coach(store=None, key: str = "request") -> RequestCoach:
    """A request coach widget. Same as: ``score_request(text, channel='email')``.

    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return RequestCoach(store=store, key=key)
