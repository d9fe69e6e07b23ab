"""Penetapan Predikat Kinerja: a unit's employee ratings for a period and its distribution.

The decision the authorised leader signs (SE MenPANRB 3/2023: "ditandatangani oleh pimpinan
yang berwenang menetapkan Predikat kinerja organisasi", the head of the unit one level up):
the unit, the period, the capaian kinerja organisasi, each employee's rating hasil kerja,
rating perilaku kerja and predikat from FINAL evaluations only (drafts are listed apart and
not counted), the count and share of each predikat, and the distribution curve as a bar
chart of the five predikat, Sangat Kurang to Sangat Baik (reportlab.graphics).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Spacer, Table

from kinerja_desktop.forms.base import (
    RenderContext,
    distribution_chart,
    grid_style,
    label_value_table,
    markup,
    para,
    single_signature,
    text,
    title_block,
)
from kinerja_desktop.forms.data import PredikatData, PredikatRow
from kinerja_desktop.forms.evaluasi import period_name
from kinerja_desktop.forms.labels import label
from kinerja_desktop.i18n import format_percent
from kinerja_desktop.models.enums import Predikat


def _people_table(ctx: RenderContext, people: Sequence[PredikatRow]) -> LongTable:
    _, st = ctx.t, ctx.st
    rows: list[list[Any]] = [
        [
            para(h, st.head)
            for h in (
                _("NO"),
                _("NAME / NIP"),
                _("POSITION"),
                _("WORK RESULT RATING"),
                _("WORK BEHAVIOUR RATING"),
                _("EMPLOYEE PERFORMANCE RATING"),
            )
        ]
    ]
    for nomor, row in enumerate(people, start=1):
        rows.append(
            [
                para(str(nomor), st.cell_center),
                markup(
                    f"{text(row.nama)}<br/>{text(_('NIP. {nip}').format(nip=row.nip))}", st.cell
                ),
                para(row.jabatan, st.cell),
                para(label(_, row.rating_hasil), st.cell),
                para(label(_, row.rating_perilaku), st.cell),
                para(label(_, row.predikat), st.cell_bold),
            ]
        )
    if not people:
        rows.append([para("-", st.cell_center)] + [""] * 5)
    table = LongTable(
        rows,
        colWidths=[ctx.width * s for s in (0.05, 0.29, 0.22, 0.14, 0.14, 0.16)],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(grid_style())
    return table


def predikat_story(ctx: RenderContext, data: PredikatData) -> list[Flowable]:
    _, st = ctx.t, ctx.st
    story: list[Flowable] = title_block(
        ctx,
        [
            _("EMPLOYEE PERFORMANCE RATING DECISION"),
            data.unit_nama.upper(),
            data.instansi.upper(),
            _("PERIOD: {period}").format(period=period_name(ctx, data.periode, data.tahunan)),
            _("ASSESSMENT PERIOD: {start} TO {end}").format(
                start=ctx.date(data.periode_mulai).upper(),
                end=ctx.date(data.periode_selesai).upper(),
            ),
        ],
    )
    story += [
        label_value_table(
            ctx, [(_("ORGANISATIONAL PERFORMANCE ACHIEVEMENT"), label(_, data.capaian_organisasi))]
        ),
        Spacer(1, 3 * mm),
    ]
    story += [_people_table(ctx, data.rows), Spacer(1, 4 * mm)]
    if data.draft_rows:
        story += [
            para(_("EVALUATIONS NOT YET FINAL (not set or counted by this decision)"),
                 st.cell_bold),
            Spacer(1, 1 * mm),
            _people_table(ctx, data.draft_rows),
            Spacer(1, 4 * mm),
        ]  # fmt: skip
    counts = dict(data.distribusi.counts)
    total = data.distribusi.total
    summary: list[list[Any]] = [
        [para(h, st.head) for h in (_("EMPLOYEE PERFORMANCE RATING"), _("PEOPLE"), _("SHARE"))]
    ]
    for predikat in Predikat:
        n = counts.get(predikat, 0)
        share = format_percent(n / total, 1) if total else "-"
        summary.append(
            [
                para(label(_, predikat), st.cell),
                para(str(n), st.cell_center),
                para(share, st.cell_center),
            ]
        )
    summary.append([para(_("TOTAL"), st.cell_bold), para(str(total), st.cell_center), ""])
    summary_table = Table(summary, colWidths=[ctx.width * s for s in (0.2, 0.11, 0.12)])
    summary_table.setStyle(grid_style())
    chart = distribution_chart(
        data.distribusi,
        lambda p: label(_, p),
        width=ctx.width * 0.55,
        height=55 * mm,
        title=_("DISTRIBUTION CURVE"),
    )
    side = Table([[summary_table, chart]], colWidths=[ctx.width * 0.44, ctx.width * 0.56])
    side.setStyle(
        grid_style(
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            header_rows=0,
        )
    )
    story += [
        KeepTogether([para(_("DISTRIBUTION PATTERN"), st.cell_bold), Spacer(1, 1 * mm), side]),
        single_signature(
            ctx,
            _("Leader authorised to set the organisational performance rating"),
            data.pimpinan,
            tempat=data.tempat,
            tanggal=data.tanggal,
        ),
    ]
    return story
