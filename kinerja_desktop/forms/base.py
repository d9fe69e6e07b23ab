"""What every printed form shares: fonts, paper, styles, the page footer and building blocks.

Fonts: the DejaVu Sans Condensed family shipped in ``resources/fonts`` is registered once
and embedded (subset) in every PDF, so output does not depend on the machine's fonts.
Paper: A4 or F4 (215 x 330 mm). The footer of every page shows "Halaman X dari Y" counted
per form (a batch PDF holds many forms), the form's short verification code and a QR code
of the full verification payload; a counting canvas draws it when the document is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kinerja_desktop.forms.data import Distribusi, Identitas
from kinerja_desktop.forms.verification import Verification
from kinerja_desktop.i18n import format_date, translator
from kinerja_desktop.models.enums import PREDIKAT_CURVE_ORDER, Predikat
from kinerja_desktop.paths import resources_dir

FONT = "KDSans"
FONT_BOLD = "KDSans-Bold"
FONT_ITALIC = "KDSans-Oblique"
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "F4": (215 * mm, 330 * mm)}
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 26 * mm
GRID = colors.black
HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
SECTION_FILL = colors.Color(0.95, 0.95, 0.95)

LOCALES = {"id": "id_ID", "en": "en_GB"}

Translate = Callable[[str], str]


@cache
def register_fonts() -> str:
    """Register the shipped TTF family with reportlab (once); return the regular name."""
    folder = resources_dir() / "fonts"
    files = {
        FONT: "DejaVuSansCondensed.ttf",
        FONT_BOLD: "DejaVuSansCondensed-Bold.ttf",
        FONT_ITALIC: "DejaVuSansCondensed-Oblique.ttf",
        "KDSans-BoldOblique": "DejaVuSansCondensed-BoldOblique.ttf",
    }
    for name, filename in files.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic="KDSans-BoldOblique"
    )
    # reportlab.graphics starts every drawing in its default font (Helvetica, which is never
    # embedded) even when each string names ours; charts and QR codes would pull it into
    # the PDF. The program prints only its own forms, so the default is set once here.
    STATE_DEFAULTS["fontName"] = FONT
    return FONT


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    small: ParagraphStyle
    cell_right: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("kd-body", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_LEFT)
    cell = ParagraphStyle("kd-cell", parent=body, fontSize=8.5, leading=10.5)
    return Styles(
        body=body,
        cell=cell,
        cell_bold=ParagraphStyle("kd-cell-bold", parent=cell, fontName=FONT_BOLD),
        cell_center=ParagraphStyle("kd-cell-center", parent=cell, alignment=TA_CENTER),
        head=ParagraphStyle(
            "kd-head", parent=cell, fontName=FONT_BOLD, alignment=TA_CENTER, fontSize=8
        ),
        title=ParagraphStyle(
            "kd-title", parent=body, fontName=FONT_BOLD, fontSize=11, leading=14, alignment=1
        ),
        subtitle=ParagraphStyle(
            "kd-subtitle", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12, alignment=1
        ),
        small=ParagraphStyle("kd-small", parent=body, fontSize=7, leading=8.5),
        cell_right=ParagraphStyle("kd-cell-right", parent=cell, alignment=TA_RIGHT),
    )


@dataclass(frozen=True)
class RenderContext:
    """One render: the language of labels and dates, the paper and the usable width."""

    language: str
    paper: str
    t: Translate
    width: float
    st: Styles

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.language) if value else ""

    def number(self, value: float) -> str:
        """A number with the form language's separators, e.g. ``1.234,5``."""
        return format_decimal(value, locale=LOCALES.get(self.language, "id_ID"))


def make_context(language: str, paper: str) -> RenderContext:
    page_w, _page_h = PAPER_SIZES[paper]
    return RenderContext(
        language=language,
        paper=paper,
        t=translator(language),
        width=page_w - 2 * MARGIN_X,
        st=styles(),
    )


def text(value: str) -> str:
    """User text made safe for a Paragraph: XML escaped, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


# Parsed paragraph fragments of short texts that recur on every form of a batch (labels,
# the BerAKHLAK behaviours, names of the penilai): reportlab's markup parser is a large part
# of the rendering time, and a Paragraph built from given fragments skips it.
_FRAGMENTS: dict[tuple[str, str], list[Any]] = {}
_FRAGMENT_TEXT_LIMIT = 1000
_FRAGMENT_CACHE_SIZE = 20000


class LaidOutParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width. A table wraps every cell to measure
    its rows, then again to draw them (and again when it splits across pages), always at the
    column's width: breaking lines was the largest part of rendering a batch, and half of it
    repeated work. ``Paragraph.wrap`` depends on the width alone (not on the height); a
    refused ``split`` drops the lines (``blPara``), and then they are broken again."""

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from markup this package wrote (already escaped)."""
    if len(value) > _FRAGMENT_TEXT_LIMIT:
        return LaidOutParagraph(value, style)
    key = (value, style.name)
    frags = _FRAGMENTS.get(key)
    if frags is None:
        paragraph = LaidOutParagraph(value, style)
        if len(_FRAGMENTS) >= _FRAGMENT_CACHE_SIZE:
            _FRAGMENTS.clear()
        _FRAGMENTS[key] = paragraph.frags
        return paragraph
    return LaidOutParagraph(value, style, frags=frags)


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain (user) text."""
    return markup(text(value), style)


def numbered(items: Sequence[str]) -> str:
    """An escaped numbered list for a Paragraph: ``1. …<br/>2. …``."""
    return "<br/>".join(f"{i}. {text(item)}" for i, item in enumerate(items, start=1))


def grid_style(*extra: Any, header_rows: int = 1) -> TableStyle:
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    commands.extend(extra)
    return TableStyle(commands)


# A table row is never taller than this: about two thirds of the smallest frame (A4).
ROW_LIMIT = 460.0
# Below this many characters an RHK group cannot exceed ROW_LIMIT (no need to measure).
GROUP_TEXT_CHECK = 1200
_PADDING = 6.0


def cell_height(cell: Any, width: float) -> float:
    """The height a table cell's content takes at ``width`` (0 for empty cells)."""
    if isinstance(cell, Flowable):
        return float(cell.wrap(width - _PADDING, 1e6)[1]) + 5
    return 0.0


def row_height(row: Sequence[Any], widths: Sequence[float]) -> float:
    return max(cell_height(cell, w) for cell, w in zip(row, widths, strict=True))


def split_tall_row(row: list[Any], widths: Sequence[float], limit: float) -> list[list[Any]]:
    """The row as one or more rows none taller than ``limit``: each tall Paragraph is split
    (``Paragraph.split``) and its remainder continues in the next row, so nothing is cut."""
    pieces: list[list[Any]] = []
    for cell, width in zip(row, widths, strict=True):
        parts: list[Any] = [cell]
        while isinstance(parts[-1], Paragraph) and cell_height(parts[-1], width) > limit:
            split = parts[-1].split(width - _PADDING, limit - 5)
            if len(split) < 2:
                break
            parts[-1:] = split
        pieces.append(parts)
    count = max(len(parts) for parts in pieces)
    return [[parts[i] if i < len(parts) else "" for parts in pieces] for i in range(count)]


def plain_style(*extra: Any) -> TableStyle:
    """A table without rules, in the embedded font (reportlab's default would add Helvetica)."""
    return TableStyle(
        [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"), *extra]
    )


def title_block(ctx: RenderContext, lines: Sequence[str]) -> list[Flowable]:
    """The centred title lines of a form, the first larger."""
    out: list[Flowable] = []
    for index, line in enumerate(lines):
        out.append(para(line, ctx.st.title if index == 0 else ctx.st.subtitle))
    out.append(Spacer(1, 4 * mm))
    return out


def identity_table(
    ctx: RenderContext,
    left_title: str,
    left: Identitas,
    right_title: str,
    right: Identitas,
) -> Table:
    """The two-column identity table: NO | label | value for each party, side by side."""
    _, st = ctx.t, ctx.st
    labels = [_("NAME"), _("NIP"), _("RANK/GRADE"), _("POSITION"), _("WORK UNIT")]
    rows: list[list[Any]] = [
        [
            para(_("NO"), st.head),
            para(left_title, st.head),
            "",
            para(_("NO"), st.head),
            para(right_title, st.head),
            "",
        ]
    ]
    for i, label in enumerate(labels):
        lv = _identity_values(left)[i]
        rv = _identity_values(right)[i]
        rows.append(
            [
                para(str(i + 1), st.cell_center),
                para(label, st.cell),
                para(lv, st.cell),
                para(str(i + 1), st.cell_center),
                para(label, st.cell),
                para(rv, st.cell),
            ]
        )
    w = ctx.width
    widths = [0.04 * w, 0.17 * w, 0.29 * w, 0.04 * w, 0.17 * w, 0.29 * w]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_style(("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0))))
    return table


def _identity_values(person: Identitas) -> list[str]:
    return [person.nama, person.nip, person.pangkat, person.jabatan, person.unit_kerja]


def signature_block(
    ctx: RenderContext,
    left_role: str,
    left: Identitas,
    right_role: str,
    right: Identitas,
    *,
    tempat: str,
    tanggal: dt.date | None,
    date_both: bool = False,
) -> KeepTogether:
    """Two signature columns kept on one page: place and date, role, space, name, NIP.

    The date line sits on the right (over the appraising official) as on the SKP; the
    Dokumen Evaluasi dates both columns (``date_both``).
    """
    st = ctx.st
    place_date = ", ".join(part for part in (tempat, ctx.date(tanggal)) if part)
    left_date = place_date if date_both else ""
    rows = [
        [para(left_date, st.cell_center), para(place_date, st.cell_center)],
        [para(left_role, st.cell_center), para(right_role, st.cell_center)],
        ["", ""],
        [_name(left.nama, st), _name(right.nama, st)],
        [
            para(_nip_line(ctx, left), st.cell_center),
            para(_nip_line(ctx, right), st.cell_center),
        ],
    ]
    table = Table(
        rows, colWidths=[ctx.width / 2, ctx.width / 2], rowHeights=[None, None, 18 * mm, None, None]
    )
    table.setStyle(plain_style())
    return KeepTogether([Spacer(1, 5 * mm), table])


def single_signature(
    ctx: RenderContext, role: str, person: Identitas, *, tempat: str, tanggal: dt.date | None
) -> KeepTogether:
    """One signature on the right half (a decision signed by one official)."""
    st = ctx.st
    place_date = ", ".join(part for part in (tempat, ctx.date(tanggal)) if part)
    rows = [
        ["", para(place_date, st.cell_center)],
        ["", para(role, st.cell_center)],
        ["", ""],
        ["", _name(person.nama, st)],
        ["", para(_nip_line(ctx, person), st.cell_center)],
    ]
    table = Table(
        rows, colWidths=[ctx.width / 2, ctx.width / 2], rowHeights=[None, None, 18 * mm, None, None]
    )
    table.setStyle(plain_style())
    return KeepTogether([Spacer(1, 5 * mm), table])


def _name(nama: str, st: Styles) -> Paragraph:
    return markup(f"<u>{text(nama)}</u>" if nama else "", st.cell_center)


def _nip_line(ctx: RenderContext, person: Identitas) -> str:
    """ "NIP. …" under a signature; blank for a non-ASN official ("bagi Non PNS
    dikosongkan")."""
    _ = ctx.t
    if person.non_asn:
        return ""
    return _("NIP. {nip}").format(nip=person.nip or "-")


def label_value_table(
    ctx: RenderContext, rows: Sequence[tuple[str, str]], label_share: float = 0.35
) -> Table:
    """A boxed two-column table of ``LABEL | value`` lines (ratings, predikat)."""
    st = ctx.st
    data = [[para(label, st.cell_bold), para(value, st.cell)] for label, value in rows]
    table = Table(data, colWidths=[ctx.width * label_share, ctx.width * (1 - label_share)])
    table.setStyle(grid_style(header_rows=0))
    return table


def _chart_drawing(
    values: Sequence[int], names: Sequence[str], width: float, height: float, title: str
) -> Drawing:
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 30
    chart.width, chart.height = width - 40, height - (50 if title else 40)
    chart.data = [list(values)]
    chart.bars[0].fillColor = colors.Color(0.35, 0.45, 0.6)
    chart.valueAxis.valueMin = 0
    top = max([*values, 1])
    chart.valueAxis.valueMax = top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    if title:
        drawing.add(
            String(
                width / 2, height - 10, title, fontName=FONT_BOLD, fontSize=8, textAnchor="middle"
            )
        )
    return drawing


class ChartFlowable(Flowable):
    """A chart drawn once per PDF as a form XObject and reused wherever the same chart
    recurs (every worksheet of a unit shows the unit's distribution)."""

    def __init__(
        self, values: Sequence[int], names: Sequence[str], width: float, height: float, title: str
    ) -> None:
        super().__init__()
        self.key = (tuple(values), tuple(names), width, height, title)
        self.width, self.height = width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        made: dict[tuple[Any, ...], str] = canvas.__dict__.setdefault("kd_charts", {})
        name = made.get(self.key)
        if name is None:
            name = made[self.key] = f"kdchart{len(made)}"
            canvas.beginForm(name, 0, 0, self.width, self.height)
            renderPDF.draw(_chart_drawing(*self.key), canvas, 0, 0)
            canvas.endForm()
        canvas.doForm(name)


def distribution_chart(
    distribusi: Distribusi,
    predikat_label: Callable[[Predikat], str],
    *,
    width: float,
    height: float,
    title: str = "",
) -> ChartFlowable:
    """The distribution curve: a bar for each of the five predikat, the x axis from Sangat
    Kurang on the left to Sangat Baik on the right (as the kurva in e-SKP)."""
    counts = dict(distribusi.counts)
    values = [counts.get(p, 0) for p in PREDIKAT_CURVE_ORDER]
    # one word a line, so five names fit under narrow bars
    names = [predikat_label(p).replace("/", "/ ").replace(" ", "\n") for p in PREDIKAT_CURVE_ORDER]
    return ChartFlowable(values, names, width, height, title)


@dataclass
class FooterInfo:
    """What the footer of each page of one form prints."""

    verification: Verification
    t: Translate
    qr_form: str | None = None


class FormStart(Flowable):
    """A zero-size marker at the top of each form: the canvas footer follows it from here."""

    def __init__(self, info: FooterInfo, on_start: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.info = info
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.kd_form = self.info
        if self.on_start is not None:
            self.on_start()


QR_SIZE = 17 * mm


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code of ``payload`` (level M) as rows of dark/light modules.

    Any of the eight mask patterns gives a valid code (readers take it from the format
    information); choosing the "best" one scores all eight in pure Python and took about
    0.2 s per form, so the first pattern is used.
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return [list(row) for row in code.modules]


class FormCanvas(Canvas):
    """A canvas that holds pages until save, then draws each page's footer with its form's
    page count ("Halaman X dari Y"), verification code and QR code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or register_fonts()
        super().__init__(*args, **kwargs)
        self.kd_form: FooterInfo | None = None
        self._kd_pages: list[tuple[dict[str, Any], FooterInfo | None]] = []

    def showPage(self) -> None:
        self._kd_pages.append((dict(self.__dict__), self.kd_form))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for _state, info in self._kd_pages:
            totals[id(info)] = totals.get(id(info), 0) + 1
        seen: dict[int, int] = {}
        for state, info in self._kd_pages:
            self.__dict__.update(state)
            seen[id(info)] = seen.get(id(info), 0) + 1
            if info is not None:
                self._draw_footer(info, seen[id(info)], totals[id(info)])
            Canvas.showPage(self)
        Canvas.save(self)

    def _qr_form(self, info: FooterInfo) -> str:
        """Draw the QR code once as a form XObject that every page of the form reuses."""
        name = f"kdqr{id(info):x}"
        modules = qr_modules(info.verification.payload)
        size = QR_SIZE / len(modules)
        self.beginForm(name, 0, 0, QR_SIZE, QR_SIZE)
        path = self.beginPath()
        top = len(modules) - 1
        for r, row in enumerate(modules):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    path.rect(start * size, (top - r) * size, (c - start) * size, size)
                else:
                    c += 1
        self.setFillColor(colors.black)
        self.drawPath(path, stroke=0, fill=1)
        self.endForm()
        return name

    def _draw_footer(self, info: FooterInfo, page: int, total: int) -> None:
        page_w, _page_h = self._pagesize
        y = 8 * mm
        self.saveState()
        self.setStrokeColor(colors.grey)
        self.setLineWidth(0.4)
        self.line(MARGIN_X, y + QR_SIZE + 2 * mm, page_w - MARGIN_X, y + QR_SIZE + 2 * mm)
        if info.qr_form is None:
            info.qr_form = self._qr_form(info)
        self.saveState()
        self.translate(MARGIN_X, y)
        self.doForm(info.qr_form)
        self.restoreState()
        self.setFont(FONT, 7.5)
        self.setFillColor(colors.black)
        x = MARGIN_X + QR_SIZE + 3 * mm
        _ = info.t
        self.drawString(
            x,
            y + 10 * mm,
            _("Verification code: {code}").format(code=info.verification.short_code),
        )
        self.setFont(FONT, 6.5)
        self.drawString(
            x,
            y + 6 * mm,
            _(
                "Printed by Kinerja Desktop; the code identifies the record, its version "
                "and the printed content."
            ),
        )
        self.setFont(FONT, 8)
        self.drawRightString(
            page_w - MARGIN_X,
            y + 10 * mm,
            _("Page {page} of {total}").format(page=page, total=total),
        )
        self.restoreState()
