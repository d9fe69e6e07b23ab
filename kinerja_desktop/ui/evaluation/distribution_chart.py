"""The predikat distribution curve: one bar per predikat (best on the left), the count and
share above each bar, a smooth curve through the bar tops, and the pattern's limits marked.

Painted with QPainter so it needs nothing beyond QtGui and looks the same everywhere.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kinerja_desktop.i18n import _, format_percent
from kinerja_desktop.models.enums import PREDIKAT_CURVE_ORDER, Predikat
from kinerja_desktop.services.core.reference import label
from kinerja_desktop.services.evaluation.distribution import DistributionCheck

_COLOURS = {
    Predikat.SANGAT_BAIK: QColor("#2e7d32"),
    Predikat.BAIK: QColor("#66bb6a"),
    Predikat.BUTUH_PERBAIKAN: QColor("#fbc02d"),
    Predikat.KURANG: QColor("#fb8c00"),
    Predikat.SANGAT_KURANG: QColor("#c62828"),
}


class DistributionChart(QWidget):
    """Shows a ``DistributionCheck``; ``set_check(None)`` shows an empty chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check: DistributionCheck | None = None
        self.setMinimumSize(420, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def set_check(self, check: DistributionCheck | None) -> None:
        self._check = check
        self.update()

    def _limits(self) -> dict[Predikat, list[tuple[str, int]]]:
        """For each predikat the limits of single-predikat rules: ("max"/"min", people)."""
        marks: dict[Predikat, list[tuple[str, int]]] = {}
        if self._check is None:
            return marks
        for rule in self._check.aturan:
            if len(rule.predikat) == 1:
                marks.setdefault(rule.predikat[0], []).append((rule.kind, rule.batas))
        return marks

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        check = self._check
        total = check.total if check is not None else 0
        counts = check.jumlah if check is not None else dict.fromkeys(Predikat, 0)
        area = QRectF(self.rect()).adjusted(40, 28, -16, -48)
        top = max([*counts.values(), *(n for m in self._limits().values() for _k, n in m), 1])
        scale = area.height() / top
        slot = area.width() / len(Predikat)
        text_pen = QPen(self.palette().text().color())
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        tops: list[QPointF] = []
        limits = self._limits()
        for index, predikat in enumerate(PREDIKAT_CURVE_ORDER):  # Sangat Kurang → Sangat Baik
            count = counts.get(predikat, 0)
            x = area.left() + index * slot
            bar = QRectF(x + slot * 0.2, area.bottom() - count * scale, slot * 0.6, count * scale)
            painter.fillRect(bar, _COLOURS[predikat])
            tops.append(QPointF(bar.center().x(), bar.top()))
            painter.setPen(text_pen)
            share = format_percent(count / total) if total else "–"
            painter.drawText(
                QRectF(x, bar.top() - 22, slot, 20),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                f"{count} ({share})",
            )
            painter.setFont(small)
            painter.drawText(
                QRectF(x, area.bottom() + 4, slot, 40),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
                | int(Qt.TextFlag.TextWordWrap),
                label(predikat),
            )
            painter.setFont(self.font())
            for kind, people in limits.get(predikat, []):
                y = area.bottom() - people * scale
                colour = QColor("#c62828") if kind == "max" else QColor("#1565c0")
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x + slot * 0.1, y), QPointF(x + slot * 0.9, y))
        if total:
            curve = QPainterPath(tops[0])
            for previous, point in itertools.pairwise(tops):
                middle = (previous.x() + point.x()) / 2
                curve.cubicTo(QPointF(middle, previous.y()), QPointF(middle, point.y()), point)
            painter.setPen(QPen(QColor("#37474f"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(curve)
        painter.setPen(text_pen)
        caption = (
            _("{count} people with a predikat").format(count=total)
            if total
            else _("No predikat yet in this period")
        )
        painter.drawText(
            QRectF(area.left(), 4, area.width(), 20), int(Qt.AlignmentFlag.AlignLeft), caption
        )
        legend = _("dashed: red = most allowed, blue = fewest required")
        painter.setFont(small)
        painter.drawText(
            QRectF(area.left(), 4, area.width(), 20), int(Qt.AlignmentFlag.AlignRight), legend
        )
        painter.end()
