"""The follow-up planner: your schedule after the interview, as a table, a timeline and a
calendar file, and a contact log checked against the advice.

Same as ``plan_follow_up(interview_on)``, ``follow_up_ics(plan)`` and
``audit_contact_log(log, interview_on)``.
"""
from __future__ import annotations

import base64
import datetime as _dt
import html

import ipywidgets as widgets

from ..embed import download_link_html, figure_png
from ..inputs import CONTACT_KINDS, KINDS
from ..render import schedule_html
from ..saved_work import Contact, FollowUpLog
from ._common import CoachWidget, close_rows, iso_or_none, message_html, parse_iso

#: Choices offered in the contact-log editor.
LOG_CHANNELS = (("E-mail", "email"), ("Handwritten note", "handwritten"), ("LinkedIn", "linkedin"),
                ("Phone", "phone"), ("In person", "in person"))
#: Labels for the kinds of contact the library knows (one list, in ``infoview_lib.inputs``).
KIND_LABELS = CONTACT_KINDS
ICS_FILE_NAME = "infoview-follow-up.ics"


class ContactRow(widgets.HBox):
    """One contact-log row: ``date``, ``channel``, ``kind``, ``replied`` and a ``remove`` button."""

    def __init__(self, number: int, row: dict):
        channels = [v for _l, v in LOG_CHANNELS]
        kinds = list(KINDS)
        label = {"description_width": "initial"}
        self.date = widgets.DatePicker(value=parse_iso(row.get("date"), _dt.date), description=f"{number}. Date",
                                       style=label, layout=widgets.Layout(width="13.5em"))
        self.channel = widgets.Dropdown(options=LOG_CHANNELS, description="Channel",
                                        value=row.get("channel") if row.get("channel") in channels else "email",
                                        layout=widgets.Layout(width="12.5em"), style=label)
        self.kind = widgets.Dropdown(options=[(KIND_LABELS.get(k, k), k) for k in kinds], description="Kind",
                                     value=row.get("kind") if row.get("kind") in kinds else "thanks",
                                     layout=widgets.Layout(width="16em"), style=label)
        self.replied = widgets.Checkbox(value=bool(row.get("replied")), description="They replied", indent=False,
                                        layout=widgets.Layout(width="8em"))
        self.remove = widgets.Button(description="Remove", tooltip=f"Remove contact {number}",
                                     layout=widgets.Layout(width="5.5em", flex="none"))
        super().__init__(children=(self.date, self.channel, self.kind, self.replied, self.remove),
                         layout=widgets.Layout(flex_flow="row wrap"))

    @property
    def contact(self) -> Contact:
        return Contact(self.date.value, self.channel.value, self.kind.value, self.replied.value)

    @property
    def record(self) -> dict:
        return self.contact.to_dict()


def ics_link_html(ics: bytes, file_name: str = ICS_FILE_NAME) -> str:
    """A download link carrying the calendar file itself (works on Binder, no server files)."""
    return download_link_html(ics, file_name, "Download the follow-up plan as a calendar file", mime="text/calendar")


class FollowUpPlanner(CoachWidget):
    """Interview date -> follow-up schedule, timeline plot, calendar file; plus a contact log.

    Drive it from Python: ``interview_on.value`` (a date); ``add_row_button.click()`` then
    ``log_rows[i].date/channel/kind/replied.value``; ``log_rows[i].remove.click()``.
    Read ``plan`` (the DataFrame), ``schedule.value`` (its HTML table), ``timeline.outputs``
    (the plot as PNG), ``timeline_text.value`` (what the plot shows), ``ics_link.value``,
    ``report`` / ``feedback.value`` (the contact-log audit).
    Saves ``{"interview_on": ISO date or null, "log": [{"date", "channel", "kind", "replied"}]}``.
    """

    def __init__(self, store=None, key: str = "follow_up"):
        super().__init__(store=store, key=key, title="Follow-up planner: after the interview",
                         same_as="plan_follow_up(interview_on); audit_contact_log(log, interview_on)")
        self.plan = None
        self.interview_on = widgets.DatePicker(description="Interview date", style={"description_width": "initial"})
        self.schedule = widgets.HTML()
        self.timeline = widgets.Output()
        self.timeline_text = widgets.HTML()
        self.ics_link = widgets.HTML()
        self.log_rows: list[ContactRow] = []
        self.log_list = widgets.VBox()
        self.add_row_button = widgets.Button(description="Add contact", tooltip="Add a row to your contact log")
        self.set_body(
            self.interview_on,
            widgets.HTML("<h5 style='margin:.4em 0 .1em'>Your follow-up schedule</h5>"),
            self.schedule, self.timeline, self.timeline_text, self.ics_link,
            widgets.HTML("<h5 style='margin:.4em 0 .1em'>Your contact log</h5>"
                         "<small>One row per message or meeting since the interview. "
                         "Same as: <code>audit_contact_log(log, interview_on)</code></small>"),
            self.log_list, self.add_row_button,
        )
        self.interview_on.observe(self._interview_changed, "value")
        self.add_row_button.on_click(lambda _b: self.add_contact())
        self.reload()

    # -- the contact log -----------------------------------------------------------------
    @property
    def log_records(self) -> list[dict]:
        return [row.record for row in self.log_rows]

    def add_contact(self, record: dict | None = None) -> None:
        default = {"date": iso_or_none(_dt.date.today()), "channel": "email", "kind": "thanks", "replied": False}
        self._set_rows(self.log_records + [record or default])
        self.refresh()
        self.save_now()

    def remove_contact(self, index: int) -> None:
        records = self.log_records
        del records[index]
        self._set_rows(records)
        self.refresh()
        self.save_now()

    def _set_rows(self, records: list[dict]) -> None:
        close_rows(self.log_rows)
        self.log_rows = []
        for i, record in enumerate(records):
            row = ContactRow(i + 1, record if isinstance(record, dict) else {})
            for control in (row.date, row.channel, row.kind, row.replied):
                control.observe(self.changed, "value")
            row.remove.on_click(lambda _b, i=i: self.remove_contact(i))
            self.log_rows.append(row)
        self.log_list.children = tuple(self.log_rows)

    # -- the schedule ----------------------------------------------------------------------
    def _interview_changed(self, _change=None) -> None:
        if self._applying:  # reload() shows the plan once everything is applied
            return
        self._show_plan()
        self.changed()

    def _show_plan(self) -> None:
        """Schedule table, timeline and calendar link for the interview date (or a prompt)."""
        self.plan = None
        self.timeline.outputs = ()
        self.timeline_text.value = ""
        self.ics_link.value = ""
        day = self.interview_on.value
        if day is None:
            self.schedule.value = message_html("Choose the interview date to see your follow-up schedule.")
            return
        try:
            from ..follow_up_plan import plan_follow_up

            self.plan = plan_follow_up(day)
            self.schedule.value = schedule_html(self.plan)
        except Exception as exc:
            self.schedule.value = message_html(f"The schedule is not available: {exc}", "problem")
            return
        try:  # the plot and the calendar file are extras: the table above stands without them
            from ..plots import describe_follow_up_timeline, follow_up_timeline

            png = figure_png(follow_up_timeline(self.plan))
            description = describe_follow_up_timeline(self.plan)
            png64 = base64.b64encode(png).decode("ascii")
            # text/html first: an <img> with the description as alt text (a bare PNG output has none)
            self.timeline.outputs = ({"output_type": "display_data", "metadata": {},
                                      "data": {"text/html": f"<img src='data:image/png;base64,{png64}' "
                                                            f"alt='{html.escape(description, quote=True)}' "
                                                            "style='max-width:100%'>",
                                               "image/png": png64, "text/plain": description}},)
            self.timeline_text.value = f"<p>{html.escape(description)}</p>"
        except Exception as exc:
            self.timeline_text.value = message_html(f"The timeline is not available: {exc}", "problem")
        try:
            from ..calendar import follow_up_ics

            self.ics_link.value = ics_link_html(follow_up_ics(self.plan))
        except Exception as exc:
            self.ics_link.value = message_html(f"The calendar file is not available: {exc}", "problem")

    # -- the store and the library -----------------------------------------------------------
    @property
    def saved(self) -> FollowUpLog:
        """The interview date and the contact log, as the record the planner saves."""
        return FollowUpLog(self.interview_on.value, tuple(row.contact for row in self.log_rows))

    def snapshot(self) -> dict:
        return self.saved.to_dict()

    def apply(self, data: dict) -> None:
        saved = FollowUpLog.from_dict(data)
        self.interview_on.value = saved.interview_on
        self._set_rows([contact.to_dict() for contact in saved.log])

    def reload(self) -> None:
        super().reload()
        self._show_plan()

    def update_feedback(self) -> None:
        from ..rules.follow_up import audit_contact_log

        day = self.interview_on.value
        if day is None:
            self.show_message("Choose the interview date, then log each contact to see feedback.")
            return
        undated = sum(1 for r in self.log_records if not r["date"])
        # Undated rows (still being filled in) are left out but keep their place, so the
        # audit's "row N" is the row numbered N in the widget.
        self.show_report(audit_contact_log(self.log_records, day, skip_undated=True))
        if undated:
            self.feedback.value += message_html(f"{undated} row(s) without a date are not checked yet.")


def follow_up_planner(store=None, key: str = "follow_up") -> FollowUpPlanner:
    """A follow-up planner widget.

    Same as: ``plan_follow_up(interview_on)``, ``follow_up_ics(plan)``,
    ``follow_up_timeline(plan)`` and ``audit_contact_log(log, interview_on)``.
    ``store``: a WorkStore (default: ``WorkStore.default()``); ``key``: the entry it saves under.
    """
    return FollowUpPlanner(store=store, key=key)
