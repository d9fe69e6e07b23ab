"""The evaluation forms: the periodic worksheet and the one-page Dokumen Evaluasi.

Evaluasi Kinerja Pegawai (domain reference §4.B): title with the approach and the period,
instansi and period, identity table, CAPAIAN KINERJA ORGANISASI and the POLA DISTRIBUSI
curve, the hasil kerja table with realisasi and umpan balik berkelanjutan, RATING HASIL
KERJA, the perilaku table with expectations and feedback, RATING PERILAKU KERJA, PREDIKAT
KINERJA PEGAWAI and the signatures.

Dokumen Evaluasi Kinerja Pegawai (§4.C), periodic and annual ("AKHIR"): the heading, the
period, the instansi and assessment period, then the numbered blocks 1 Pegawai yang Dinilai,
2 Pejabat Penilai Kinerja, 3 Atasan Pejabat Penilai Kinerja, 4 Evaluasi Kinerja (capaian
kinerja organisasi, predikat kinerja pegawai), 5 Catatan/Rekomendasi, and two dated
signatures. The official sheet opens with the national emblem (Garuda Pancasila); the
program does not reproduce it: a plain heading stands in its place.
"""

from __future__ import annotations

from typing import Any

from babel.dates import get_month_names
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from kinerja_desktop.forms.base import (
    LOCALES,
    SECTION_FILL,
    RenderContext,
    distribution_chart,
    grid_style,
    identity_table,
    label_value_table,
    markup,
    para,
    signature_block,
    text,
    title_block,
)
from kinerja_desktop.forms.data import DokumenEvaluasiData, EvaluasiData, Identitas
from kinerja_desktop.forms.labels import label
from kinerja_desktop.forms.skp import (
    hasil_kerja_table,
    perilaku_table,
    skp_title_lines,
    unit_period_line,
)

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_name(ctx: RenderContext, code: str, tahunan: bool) -> str:
    """The period as forms name it: SEMESTER I, TRIWULAN II, BULAN MARET, AKHIR (annual)."""
    _ = ctx.t
    kind = code[5:]
    if tahunan or not kind:
        return _("FINAL")
    if kind.startswith("S"):
        return _("SEMESTER {n}").format(n=_ROMAN[int(kind[1])])
    if kind.startswith("TW"):
        return _("QUARTER {n}").format(n=_ROMAN[int(kind[2])])
    months = get_month_names("wide", locale=LOCALES.get(ctx.language, "id_ID"))
    return _("MONTH OF {month}").format(month=months[int(kind[1:])].upper())


def evaluasi_story(ctx: RenderContext, data: EvaluasiData) -> list[Flowable]:
    _, st = ctx.t, ctx.st
    skp = data.skp
    lines = skp_title_lines(ctx, skp, _("EMPLOYEE PERFORMANCE EVALUATION"))
    lines.append(_("PERIOD: {period}").format(period=period_name(ctx, data.periode, data.tahunan)))
    story: list[Flowable] = title_block(ctx, lines)
    story += [
        unit_period_line(
            ctx, skp.instansi, skp.unit_nama, data.periode_mulai, data.periode_selesai
        ),
        Spacer(1, 2 * mm),
        identity_table(
            ctx, _("APPRAISED EMPLOYEE"), skp.pegawai, _("APPRAISING OFFICIAL"), skp.penilai
        ),
        Spacer(1, 3 * mm),
        _organisation_block(ctx, data),
        Spacer(1, 3 * mm),
        para(_("WORK RESULTS"), st.cell_bold),
        Spacer(1, 1 * mm),
        hasil_kerja_table(ctx, skp, skp.rhk, evaluation=True),
        label_value_table(ctx, [(_("WORK RESULT RATING"), label(_, data.rating_hasil))]),
        Spacer(1, 3 * mm),
        perilaku_table(ctx, skp.perilaku, evaluation=True),
        label_value_table(ctx, [(_("WORK BEHAVIOUR RATING"), label(_, data.rating_perilaku))]),
        Spacer(1, 3 * mm),
        label_value_table(ctx, [(_("EMPLOYEE PERFORMANCE RATING"), label(_, data.predikat))]),
        signature_block(
            ctx,
            _("Appraised employee"),
            skp.pegawai,
            _("Appraising official"),
            skp.penilai,
            tempat=skp.tempat,
            tanggal=data.tanggal,
        ),
    ]
    return story


def _organisation_block(ctx: RenderContext, data: EvaluasiData) -> Table:
    """CAPAIAN KINERJA ORGANISASI beside the POLA DISTRIBUSI curve of the unit."""
    _, st = ctx.t, ctx.st
    left = [
        para(_("ORGANISATIONAL PERFORMANCE ACHIEVEMENT"), st.cell_bold),
        para(label(_, data.capaian_organisasi), st.cell),
    ]
    right: list[Any] = [para(_("DISTRIBUTION PATTERN"), st.cell_bold)]
    if data.distribusi is not None and data.distribusi.total:
        right.append(
            distribution_chart(
                data.distribusi,
                lambda p: label(_, p),
                width=ctx.width * 0.6 - 8,
                height=38 * mm,
            )
        )
    else:
        right.append(para(_("No evaluations in this unit for the period yet."), st.cell))
    table = Table([[left, right]], colWidths=[ctx.width * 0.4, ctx.width * 0.6])
    table.setStyle(grid_style(header_rows=0))
    return table


def dokumen_evaluasi_story(ctx: RenderContext, data: DokumenEvaluasiData) -> list[Flowable]:
    _, st = ctx.t, ctx.st
    skp = data.skp
    story: list[Flowable] = title_block(
        ctx,
        [
            _("EMPLOYEE PERFORMANCE EVALUATION DOCUMENT"),
            _("PERIOD: {period}").format(period=period_name(ctx, data.periode, data.tahunan)),
            skp.instansi.upper(),
            _("ASSESSMENT PERIOD: {start} TO {end}").format(
                start=ctx.date(data.periode_mulai).upper(),
                end=ctx.date(data.periode_selesai).upper(),
            ),
        ],
    )
    rows: list[list[Any]] = []
    commands: list[Any] = []

    def block(number: str, heading: str) -> None:
        row = len(rows)
        rows.append([para(number, st.cell_bold), para(heading, st.cell_bold), ""])
        commands.extend(
            [("SPAN", (1, row), (2, row)), ("BACKGROUND", (0, row), (-1, row), SECTION_FILL)]
        )

    def line(caption: str, value: str) -> None:
        rows.append(["", para(caption, st.cell), para(value, st.cell)])

    def person(number: str, heading: str, who: Identitas) -> None:
        block(number, heading)
        line(_("NAME"), who.nama)
        line(_("NIP"), who.nip)
        line(_("RANK/GRADE"), who.pangkat)
        line(_("POSITION"), who.jabatan)
        line(_("WORK UNIT"), who.unit_kerja)

    person("1", _("APPRAISED EMPLOYEE"), skp.pegawai)
    person("2", _("APPRAISING OFFICIAL"), skp.penilai)
    person("3", _("APPRAISING OFFICIAL'S SUPERIOR"), data.atasan_penilai)
    block("4", _("PERFORMANCE EVALUATION"))
    line(_("ORGANISATIONAL PERFORMANCE ACHIEVEMENT"), label(_, data.capaian_organisasi))
    line(_("EMPLOYEE PERFORMANCE RATING"), label(_, data.predikat))
    block("5", _("NOTES/RECOMMENDATIONS"))
    notes = "<br/>".join(text(part) for part in (data.catatan, data.rekomendasi) if part) or "-"
    row = len(rows)
    rows.append(["", markup(notes, st.cell), ""])
    commands.append(("SPAN", (1, row), (2, row)))
    table = Table(rows, colWidths=[ctx.width * s for s in (0.06, 0.34, 0.6)])
    table.setStyle(grid_style(*commands, header_rows=0))
    story += [
        table,
        signature_block(
            ctx,
            _("Appraised employee"),
            skp.pegawai,
            _("Appraising official"),
            skp.penilai,
            tempat=skp.tempat,
            tanggal=data.tanggal,
            date_both=True,
        ),
    ]
    return story
