"""Laporan Kinerja Harian (LKH): a pegawai's daily entries of one month, signed by the pegawai
(who makes the report) and acknowledged by the pejabat penilai; many regional governments still
sign it on paper for the TPP. The identity table of both parties, one row per entry (date,
time, activity, the IKI or rencana aksi it advances, realisasi, hours), the month's totals
(entries, hours, working days filled) and the two signatures; the footer carries the
verification code like every form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer

from kinerja_desktop.forms.base import (
    RenderContext,
    grid_style,
    identity_table,
    label_value_table,
    para,
    signature_block,
    title_block,
)
from kinerja_desktop.forms.data import NOT_HASHED, FormData, Identitas


@dataclass(frozen=True)
class LkhRow:
    tanggal: dt.date
    mulai: str
    selesai: str
    kegiatan: str
    rencana: str = ""
    realisasi: float | None = None
    satuan: str = ""
    menit: int = 0


@dataclass(frozen=True)
class LkhData(FormData):
    KIND: ClassVar[str] = "H"

    instansi: str = ""
    tahun: int = 2000
    bulan: int = 1
    pegawai: Identitas = field(default_factory=Identitas)
    penilai: Identitas = field(default_factory=Identitas)
    rows: tuple[LkhRow, ...] = ()
    hari_kerja: int = 0
    hari_terisi: int = 0
    kota: str = ""
    tanggal: dt.date | None = field(default=None, metadata=NOT_HASHED)


def _hours(ctx: RenderContext, minutes: int) -> str:
    return ctx.number(round(minutes / 60, 2))


def lkh_story(ctx: RenderContext, data: LkhData) -> list[Flowable]:
    _ = ctx.t
    month = ctx.date(dt.date(data.tahun, data.bulan, 1)).split(" ", 1)[-1].upper()
    story: list[Flowable] = title_block(
        ctx,
        [
            _("DAILY PERFORMANCE REPORT (LKH)"),
            _("MONTH {month}").format(month=month),
            data.instansi.upper(),
        ],
    )
    story += [
        identity_table(
            ctx, _("EMPLOYEE REPORTING"), data.pegawai, _("APPRAISING OFFICIAL"), data.penilai
        ),
        Spacer(1, 3 * mm),
    ]
    table = _entries_table(ctx, data)
    total = sum(r.menit for r in data.rows)
    story += [
        table,
        Spacer(1, 3 * mm),
        label_value_table(
            ctx,
            [
                (_("Entries"), str(len(data.rows))),
                (_("Hours worked"), _hours(ctx, total)),
                (
                    _("Working days filled in"),
                    _("{filled} of {days}").format(filled=data.hari_terisi, days=data.hari_kerja),
                ),
            ],
            label_share=0.3,
        ),
        signature_block(
            ctx,
            _("Appraising official"),
            data.penilai,
            _("Employee reporting"),
            data.pegawai,
            tempat=data.kota,
            tanggal=data.tanggal,
        ),
    ]
    return story


def _entries_table(ctx: RenderContext, data: LkhData) -> LongTable:
    """The month's entries, one row each (header repeated on every page), and their total."""
    _, st = ctx.t, ctx.st
    heads = (
        _("NO"),
        _("DATE"),
        _("TIME"),
        _("DAILY ACTIVITY"),
        _("ACTION PLAN / IKI"),
        _("REALISASI"),
        _("HOURS"),
    )
    rows: list[list[Any]] = [[para(h, st.head) for h in heads]]
    for nomor, row in enumerate(data.rows, start=1):
        realisasi = (
            f"{ctx.number(row.realisasi)} {row.satuan}".strip() if row.realisasi is not None else ""
        )
        rows.append(
            [
                para(str(nomor), st.cell_center),
                para(ctx.date(row.tanggal), st.cell),
                para(f"{row.mulai}–{row.selesai}", st.cell_center),
                para(row.kegiatan, st.cell),
                para(row.rencana or _("Other duties"), st.cell),
                para(realisasi, st.cell_center),
                para(_hours(ctx, row.menit), st.cell_right),
            ]
        )
    if not data.rows:
        rows.append([para("-", st.cell_center), "", "", "", "", "", ""])
    total = sum(r.menit for r in data.rows)
    rows.append(
        [
            para(_("TOTAL"), st.cell_bold),
            "",
            "",
            "",
            "",
            "",
            para(_hours(ctx, total), st.cell_right),
        ]
    )
    table = LongTable(
        rows,
        colWidths=[ctx.width * s for s in (0.05, 0.15, 0.11, 0.32, 0.2, 0.1, 0.07)],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(grid_style(("SPAN", (0, len(rows) - 1), (5, len(rows) - 1))))
    return table
