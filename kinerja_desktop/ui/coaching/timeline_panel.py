"""The pegawai's timeline: the year's story grouped by month, filterable by kind."""

from __future__ import annotations

import html

from babel.dates import get_month_names
from PySide6.QtWidgets import QCheckBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, current_locale, format_date
from kinerja_desktop.services.coaching import timeline
from kinerja_desktop.services.coaching.timeline import KIND_LABELS, Kind, TimelineItem
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.messages import show_error

_COLOURS = {
    Kind.SKP: "#1f4e79",
    Kind.FEEDBACK: "#7d3c98",
    Kind.REPLY: "#a569bd",
    Kind.SESSION: "#117a65",
    Kind.ACTION: "#b9770e",
    Kind.EVALUATION: "#c0392b",
    Kind.DEVELOPMENT: "#2e86c1",
}


class TimelinePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pegawai_id: str | None = None
        self.tahun: int | None = None
        self.items: list[TimelineItem] = []
        self.filters: dict[Kind, QCheckBox] = {}
        filters = FlowLayout()
        filters.addWidget(QLabel(_("Show:")))
        for kind, text in KIND_LABELS.items():
            box = QCheckBox(_(text))
            box.setChecked(True)
            box.toggled.connect(self.reload)
            self.filters[kind] = box
            filters.addWidget(box)
        self.count = QLabel()
        self.view = QTextBrowser()
        self.view.setObjectName("timeline")
        self.view.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.view, 1)

    def show_timeline(self, pegawai_id: str, tahun: int | None) -> None:
        self.pegawai_id, self.tahun = pegawai_id, tahun
        self.reload()

    def kinds(self) -> set[Kind]:
        return {kind for kind, box in self.filters.items() if box.isChecked()}

    def reload(self) -> None:
        if self.pegawai_id is None:
            return
        try:
            self.items = timeline.timeline(
                self.ctx.db, actor=self.ctx.actor, pegawai_id=self.pegawai_id, tahun=self.tahun,
                kinds=self.kinds(),
            )  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self.count.setText(_("{count} moments in time order").format(count=len(self.items)))
        self.view.setHtml(self.render_html())

    def render_html(self) -> str:
        if not self.items:
            return "<p>" + html.escape(
                _("Nothing recorded yet for this choice. Sessions, feedback, SKP steps, "
                  "evaluations and development activities appear here as they happen.")
            ) + "</p>"  # fmt: skip
        months = get_month_names("wide", locale=current_locale())
        parts: list[str] = []
        current: tuple[int, int] | None = None
        for item in self.items:
            key = (item.at.year, item.at.month)
            if key != current:
                if current is not None:
                    parts.append("</table>")
                current = key
                parts.append(f"<h3>{html.escape(months[key[1]])} {key[0]}</h3>")
                parts.append('<table cellspacing="0" cellpadding="3" width="100%">')
            colour = _COLOURS[item.kind]
            detail = (
                f'<br><span style="color:#555">{html.escape(item.detail)}</span>'
                if item.detail else ""
            )  # fmt: skip
            parts.append(
                f'<tr><td width="130" valign="top">{html.escape(format_date(item.tanggal))}</td>'
                f'<td width="150" valign="top" style="color:{colour}">'
                f"<b>{html.escape(_(KIND_LABELS[item.kind]))}</b></td>"
                f"<td valign='top'>{html.escape(item.title)}{detail}</td></tr>"
            )
        parts.append("</table>")
        return "".join(parts)
