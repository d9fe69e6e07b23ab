"""Coaching forms: B.1.8, B.1.9 and the record of a coaching session.

Format B.1.8 Umpan Balik Pelaksanaan Bimbingan Kinerja and Format B.1.9 Evaluasi Kompetensi
Pegawai sebagai Tindak Lanjut Bimbingan Kinerja follow the Lampiran of PermenPANRB 6/2022
(pp. 83-84): the title, the identity table of the pegawai and their PEJABAT PENILAI KINERJA,
the statements in their three groups (B.1.8) or the competency columns (B.1.9), and the
signature ("Pegawai yang Dinilai" on B.1.8; the coach, who makes the evaluation, on B.1.9).
Nothing the Lampiran lacks is added to them (no session lines, no legend of the scale). The
session record lists the agenda, the SHARED notes, the agreed actions and the summary, signed
by both. Private notes never reach these forms: the printing service does not load them, and
the data types have no place for them.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer

from kinerja_desktop.forms.base import (
    RenderContext,
    grid_style,
    identity_table,
    label_value_table,
    markup,
    numbered,
    para,
    signature_block,
    single_signature,
    text,
    title_block,
)
from kinerja_desktop.forms.data import B18Data, B19Data, CoachingData, SesiData
from kinerja_desktop.forms.labels import label


def _session_lines(ctx: RenderContext, data: CoachingData) -> list[Flowable]:
    _ = ctx.t
    sesi = data.sesi
    when = ctx.date(sesi.tanggal) + (f", {sesi.waktu}" if sesi.waktu else "")
    rows = [
        (_("Session type"), label(_, sesi.jenis)),
        (_("Date"), when),
        (_("Place"), sesi.tempat or "-"),
    ]
    if sesi.topik:
        rows.append((_("Topic"), sesi.topik))
    return [
        identity_table(ctx, _("EMPLOYEE GUIDED"), data.pegawai, _("COACH"), data.coach),
        Spacer(1, 2 * mm),
        label_value_table(ctx, rows, label_share=0.25),
        Spacer(1, 3 * mm),
    ]


def _official_identity(ctx: RenderContext, data: CoachingData) -> list[Flowable]:
    """The Lampiran's identity table of B.1.8 and B.1.9: the pegawai and their pejabat
    penilai kinerja (not the coach)."""
    _ = ctx.t
    return [
        identity_table(
            ctx, _("APPRAISED EMPLOYEE"), data.pegawai, _("APPRAISING OFFICIAL"), data.penilai
        ),
        Spacer(1, 4 * mm),
    ]


def b18_story(ctx: RenderContext, data: B18Data) -> list[Flowable]:
    """Format B.1.8 as in the Lampiran (p. 83): the nine statements in their three groups,
    signed by the pegawai. The answer columns (Ya, Tidak, Keterangan) are the program's: the
    Lampiran's were not legible in the copies found."""
    _, st = ctx.t, ctx.st
    story: list[Flowable] = title_block(
        ctx, [_("FORMAT B.1.8"), _("FEEDBACK ON THE PERFORMANCE GUIDANCE SESSION")]
    )
    story += _official_identity(ctx, data)
    rows: list[list[Any]] = [
        [
            para(h, st.head)
            for h in (
                _("NO"),
                _("FEEDBACK CRITERIA SUBJECT"),
                _("YES"),
                _("NO (ANSWER)"),
                _("REMARKS"),
            )
        ]
    ]
    spans: list[tuple[Any, ...]] = []
    group = ""
    for nomor, kelompok, statement, jawaban, keterangan in data.jawaban:
        if kelompok != group:
            group = kelompok
            spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append([para(_(kelompok), st.cell_bold), "", "", "", ""])
        rows.append(
            [
                para(str(nomor), st.cell_center),
                para(_(statement), st.cell),
                para("✓" if jawaban is True else "", st.cell_center),
                para("✓" if jawaban is False else "", st.cell_center),
                para(keterangan, st.cell),
            ]
        )
    table = LongTable(
        rows,
        colWidths=[ctx.width * s for s in (0.06, 0.5, 0.1, 0.1, 0.24)],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(grid_style(*spans))
    story += [
        table,
        single_signature(
            ctx, _("Appraised employee"), data.pegawai, tempat=data.kota, tanggal=data.sesi.tanggal
        ),
    ]
    return story


def b19_story(ctx: RenderContext, data: B19Data) -> list[Flowable]:
    """Format B.1.9 as far as the Lampiran (p. 84) was legible: the full title, the identity
    table and the columns NO, KOMPETENSI PEGAWAI*, NILAI (SKALA 1-5), ALASAN. No legend of
    the scale (the Lampiran has none); the signature is the coach's, who makes the evaluation
    (section h)."""
    _, st = ctx.t, ctx.st
    story: list[Flowable] = title_block(
        ctx,
        [
            _("FORMAT B.1.9"),
            _("EMPLOYEE COMPETENCY EVALUATION AS A FOLLOW-UP TO PERFORMANCE GUIDANCE"),
        ],
    )
    story += _official_identity(ctx, data)
    rows: list[list[Any]] = [
        [
            para(h, st.head)
            for h in (_("NO"), _("EMPLOYEE COMPETENCY*"), _("SCORE (SCALE 1-5)"), _("REASON"))
        ]
    ]
    for nomor, (kompetensi, skor, alasan) in enumerate(data.kompetensi, start=1):
        rows.append(
            [
                para(str(nomor), st.cell_center),
                para(kompetensi, st.cell),
                para(str(skor), st.cell_center),
                para(alasan, st.cell),
            ]
        )
    if not data.kompetensi:
        rows.append([para("-", st.cell_center), "", "", ""])
    table = LongTable(
        rows,
        colWidths=[ctx.width * s for s in (0.06, 0.34, 0.14, 0.46)],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(grid_style())
    story += [
        table,
        single_signature(
            ctx,
            _("Leader/ Other Party Given a Special Assignment"),
            data.coach,
            tempat=data.kota,
            tanggal=data.sesi.tanggal,
        ),
    ]
    return story


def sesi_story(ctx: RenderContext, data: SesiData) -> list[Flowable]:
    _, st = ctx.t, ctx.st
    sesi = data.sesi
    story: list[Flowable] = title_block(
        ctx, [_("COACHING SESSION RECORD"), label(_, sesi.jenis).upper(), data.instansi.upper()]
    )
    story += _session_lines(ctx, data)
    if sesi.hadir_lain:
        story += [
            label_value_table(ctx, [(_("Also present"), sesi.hadir_lain)], 0.25),
            Spacer(1, 3 * mm),
        ]
    story += [
        para(_("AGENDA"), st.cell_bold),
        Spacer(1, 1 * mm),
        markup(numbered(sesi.agenda) if sesi.agenda else "-", st.cell),
        Spacer(1, 3 * mm),
        para(_("NOTES"), st.cell_bold),
        Spacer(1, 1 * mm),
    ]
    if sesi.catatan:
        rows: list[list[Any]] = [[para(_("AUTHOR"), st.head), para(_("NOTE"), st.head)]]
        rows += [[para(author, st.cell), para(note, st.cell)] for author, note in sesi.catatan]
        notes = LongTable(
            rows, colWidths=[ctx.width * 0.25, ctx.width * 0.75], repeatRows=1, splitInRow=1
        )
        notes.setStyle(grid_style())
        story.append(notes)
    else:
        story.append(para("-", st.cell))
    story += [Spacer(1, 3 * mm), para(_("AGREED ACTIONS"), st.cell_bold), Spacer(1, 1 * mm)]
    actions: list[list[Any]] = [
        [para(h, st.head) for h in (_("NO"), _("ACTION"), _("BY"), _("DUE"), _("STATUS"))]
    ]
    for nomor, (teks, pelaksana, tenggat, status) in enumerate(sesi.aksi, start=1):
        actions.append(
            [
                para(str(nomor), st.cell_center),
                para(teks, st.cell),
                para(pelaksana, st.cell),
                para(ctx.date(tenggat) or "-", st.cell),
                para(label(_, status), st.cell),
            ]
        )
    if not sesi.aksi:
        actions.append([para("-", st.cell_center), "", "", "", ""])
    table = LongTable(
        actions,
        colWidths=[ctx.width * s for s in (0.06, 0.44, 0.2, 0.16, 0.14)],
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(grid_style())
    story += [
        table,
        Spacer(1, 3 * mm),
        para(_("SUMMARY"), st.cell_bold),
        Spacer(1, 1 * mm),
        markup(text(sesi.ringkasan) or "-", st.cell),
        signature_block(
            ctx,
            _("Employee guided"),
            data.pegawai,
            _("Coach"),
            data.coach,
            tempat=data.kota,
            tanggal=sesi.tanggal,
        ),
    ]
    return story
