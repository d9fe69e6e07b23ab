"""The SKP form (Sasaran Kinerja Pegawai), both layouts and both approaches.

Layout (domain reference §4.A): title lines, instansi/unit and period, the identity table,
HASIL KERJA (JA/JF: NO, RHK PIMPINAN YANG DIINTERVENSI, RENCANA HASIL KERJA, ASPEK,
INDIKATOR KINERJA INDIVIDU, TARGET; JPT: NO, RENCANA HASIL KERJA, INDIKATOR KINERJA
INDIVIDU, TARGET, PERSPEKTIF; a kualitatif SKP lists its indicators and targets inside the
RHK cell under "Ukuran keberhasilan / Indikator Kinerja Individu, dan Target:" instead of the
ASPEK/IKI/TARGET grid) with a column-number row, UTAMA and TAMBAHAN sections and RHK
cells spanning their IKI rows, PERILAKU KERJA (7 values, 3 behaviours each, the leader's
specific expectation), LAMPIRAN (3 lists) and the signatures. The hasil kerja and perilaku
tables are shared with the evaluation worksheet, which adds realisasi and feedback columns.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Spacer, Table

from kinerja_desktop.forms.base import (
    GROUP_TEXT_CHECK,
    ROW_LIMIT,
    SECTION_FILL,
    RenderContext,
    cell_height,
    grid_style,
    identity_table,
    markup,
    numbered,
    para,
    plain_style,
    row_height,
    signature_block,
    split_tall_row,
    text,
    title_block,
)
from kinerja_desktop.forms.data import IkiRow, PerilakuRow, RhkRow, SkpData
from kinerja_desktop.forms.labels import label
from kinerja_desktop.models.enums import JenisJabatan, JenisRhk, Pendekatan


def skp_title_lines(ctx: RenderContext, data: SkpData, first: str) -> list[str]:
    _ = ctx.t
    approach = (
        _("QUANTITATIVE WORK RESULT APPROACH")
        if data.pendekatan is Pendekatan.KUANTITATIF
        else _("QUALITATIVE WORK RESULT APPROACH")
    )
    audience = (
        _("FOR SENIOR EXECUTIVES AND HEADS OF INDEPENDENT WORK UNITS")
        if data.jenis_jabatan is JenisJabatan.JPT
        else _("FOR ADMINISTRATIVE AND FUNCTIONAL OFFICIALS")
    )
    return [first, approach, audience]


def unit_period_line(
    ctx: RenderContext, instansi: str, unit: str, mulai: Any, selesai: Any
) -> Table:
    """Instansi and unit on the left, the assessment period on the right."""
    st = ctx.st
    _ = ctx.t
    period = _("ASSESSMENT PERIOD: {start} TO {end}").format(
        start=ctx.date(mulai).upper(), end=ctx.date(selesai).upper()
    )
    left = "<br/>".join(text(part.upper()) for part in (instansi, unit) if part)
    table = Table(
        [[markup(f"<b>{left}</b>", st.cell), markup(f"<b>{text(period)}</b>", st.cell_right)]],
        colWidths=[ctx.width * 0.45, ctx.width * 0.55],
    )
    table.setStyle(
        plain_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0))
    )
    return table


def _amount(ctx: RenderContext, low: float, high: float | None, satuan: str) -> str:
    value = ctx.number(low)
    if high is not None and high != low:
        value = f"{value}–{ctx.number(high)}"
    return f"{value} {satuan}".strip()


def target_text(ctx: RenderContext, iki: IkiRow) -> str:
    """The target as printed: a number or range with its unit, or the quality statement."""
    if iki.target_min is None:
        return iki.target_teks
    return _amount(ctx, iki.target_min, iki.target_max, iki.satuan)


def realisasi_text(ctx: RenderContext, iki: IkiRow) -> str:
    number = (
        _amount(ctx, iki.realisasi_nilai, None, iki.satuan)
        if iki.realisasi_nilai is not None
        else ""
    )
    return "\n".join(part for part in (number, iki.realisasi_teks) if part)


def _text_size(rhk: RhkRow, evaluation: bool) -> int:
    size = len(rhk.teks) + len(rhk.intervensi) + len(rhk.penugasan_dari)
    for iki in rhk.iki:
        size += len(iki.teks) + len(iki.target_teks)
        if evaluation:
            size += len(iki.realisasi_teks) + len(iki.umpan_balik)
    return size


def _group_fits(group: list[list[Any]], widths: list[float], size: int) -> bool:
    """An RHK with its IKI rows fits on one page (checked only when its text is long)."""
    if size < GROUP_TEXT_CHECK:
        return True
    heights = [row_height(row, widths) for row in group]
    lead = max(cell_height(cell, w) for cell, w in zip(group[0], widths, strict=False))
    return sum(heights) <= ROW_LIMIT and lead <= ROW_LIMIT


def _kualitatif_row(
    ctx: RenderContext, number: int, rhk: RhkRow, rhk_text: str, jpt: bool, evaluation: bool
) -> list[Any]:
    """One row of a kualitatif SKP: the RHK cell lists its indicators and targets under
    "Ukuran keberhasilan / Indikator Kinerja Individu, dan Target:"."""
    _, st = ctx.t, ctx.st
    lines = []
    for iki in rhk.iki:
        line = f"- {iki.teks}: {target_text(ctx, iki)}"
        if jpt and iki.perspektif is not None:
            line += f" ({label(_, iki.perspektif)})"
        lines.append(line)
    cell = "\n".join(
        [rhk_text, "", _("Measures of success / Individual Performance Indicators, and Target:")]
        + (lines or ["-"])
    )
    row: list[Any] = [para(str(number), st.cell_center)]
    if not jpt:
        row.append(para(rhk.intervensi or "-", st.cell))
    row.append(para(cell, st.cell))
    if evaluation:
        row += [
            para("\n".join(realisasi_text(ctx, iki) for iki in rhk.iki), st.cell),
            para("\n".join(iki.umpan_balik for iki in rhk.iki if iki.umpan_balik), st.cell),
        ]
    return row


def hasil_kerja_table(
    ctx: RenderContext, data: SkpData, rhks: tuple[RhkRow, ...], *, evaluation: bool
) -> LongTable:
    """HASIL KERJA: header and column numbers repeated on every page, RHK cells spanning.

    ``evaluation`` adds the worksheet's two columns: realisasi and umpan balik berkelanjutan,
    each "berdasarkan bukti dukung".
    """
    _, st = ctx.t, ctx.st
    jpt = data.jenis_jabatan is JenisJabatan.JPT
    kualitatif = data.pendekatan is Pendekatan.KUALITATIF
    headers, shares = _hasil_kerja_columns(ctx, jpt, kualitatif, evaluation)
    ncols = len(headers)
    rows: list[list[Any]] = [
        [para(h, st.head) for h in headers],
        [para(f"({i})", st.cell_center) for i in range(1, ncols + 1)],
    ]
    commands: list[Any] = [
        ("BACKGROUND", (0, 1), (-1, 1), (0.94, 0.94, 0.94)),
    ]
    number = 0
    for jenis, heading in ((JenisRhk.UTAMA, _("CORE")), (JenisRhk.TAMBAHAN, _("ADDITIONAL"))):
        prefix = "A." if jenis is JenisRhk.UTAMA else "B."
        section_row = len(rows)
        rows.append([markup(f"<b>{prefix} {text(heading)}</b>", st.cell)] + [""] * (ncols - 1))
        commands += [
            ("SPAN", (0, section_row), (-1, section_row)),
            ("BACKGROUND", (0, section_row), (-1, section_row), SECTION_FILL),
        ]
        items = [r for r in rhks if r.jenis is jenis]
        if not items:
            rows.append([para("-", st.cell_center)] + [""] * (ncols - 1))
            continue
        for rhk in items:
            number += 1
            rhk_text = rhk.teks
            if rhk.penugasan_dari:
                rhk_text += "\n" + _("(assignment from {source})").format(source=rhk.penugasan_dari)
            lead_cols = 2 if jpt else 3
            if kualitatif:
                group = [_kualitatif_row(ctx, number, rhk, rhk_text, jpt, evaluation)]
            else:
                group = _iki_rows(ctx, number, rhk, rhk_text, jpt, evaluation)
            widths = [ctx.width * s for s in shares]
            if _group_fits(group, widths, _text_size(rhk, evaluation)):
                first = len(rows)
                rows.extend(group)
                last = len(rows) - 1
                if last > first:
                    for col in range(lead_cols):
                        commands.append(("SPAN", (col, first), (col, last)))
            else:
                # Too tall to keep on one page: no spans, and rows taller than the page are
                # cut into continuation rows, so every word is printed.
                for row in group:
                    rows.extend(split_tall_row(row, widths, ROW_LIMIT))
    table = LongTable(
        rows,
        colWidths=[ctx.width * s for s in shares],
        repeatRows=2,
    )
    table.setStyle(grid_style(*commands, header_rows=1))
    return table


def _hasil_kerja_columns(
    ctx: RenderContext, jpt: bool, kualitatif: bool, evaluation: bool
) -> tuple[list[str], list[float]]:
    """The HASIL KERJA table's headers and their shares of the width. Qualitative SKPs put
    indicators and targets inside the RHK cell (no ASPEK/IKI/TARGET grid); a JPT's has no
    superior's RHK column and shows each IKI's perspective instead of its aspect."""
    _ = ctx.t
    if kualitatif:
        headers = [_("NO")]
        if not jpt:
            headers.append(_("SUPERIOR'S WORK RESULT SUPPORTED"))
        headers.append(_("PLANNED WORK RESULT"))
        shares = {
            (False, False): [0.06, 0.34, 0.6],
            (True, False): [0.06, 0.94],
            (False, True): [0.04, 0.2, 0.32, 0.22, 0.22],
            (True, True): [0.05, 0.45, 0.25, 0.25],
        }[(jpt, evaluation)]
    elif jpt:
        headers = [
            _("NO"),
            _("PLANNED WORK RESULT"),
            _("INDIVIDUAL PERFORMANCE INDICATOR"),
            _("TARGET"),
            _("PERSPECTIVE"),
        ]
        shares = (
            [0.05, 0.32, 0.33, 0.15, 0.15]
            if not evaluation
            else [0.04, 0.19, 0.2, 0.11, 0.12, 0.17, 0.17]
        )
    else:
        headers = [
            _("NO"),
            _("SUPERIOR'S WORK RESULT SUPPORTED"),
            _("PLANNED WORK RESULT"),
            _("ASPECT"),
            _("INDIVIDUAL PERFORMANCE INDICATOR"),
            _("TARGET"),
        ]
        shares = (
            [0.05, 0.22, 0.25, 0.09, 0.25, 0.14]
            if not evaluation
            else [0.04, 0.13, 0.15, 0.09, 0.17, 0.1, 0.16, 0.16]
        )
    if evaluation:
        headers += [
            _("ACHIEVEMENT BASED ON SUPPORTING EVIDENCE"),
            _("CONTINUOUS FEEDBACK BASED ON SUPPORTING EVIDENCE"),
        ]
    return headers, shares


def _iki_rows(
    ctx: RenderContext, number: int, rhk: RhkRow, rhk_text: str, jpt: bool, evaluation: bool
) -> list[list[Any]]:
    """One row per IKI of an RHK (one empty row if it has none); the RHK's own cells (number,
    superior's RHK, text) are filled on the first row only, to span the others."""
    _, st = ctx.t, ctx.st
    ikis = rhk.iki or ()
    group: list[list[Any]] = []
    for index in range(max(1, len(ikis))):
        iki = ikis[index] if ikis else None
        lead: list[Any]
        if index == 0:
            lead = [para(str(number), st.cell_center)]
            if not jpt:
                lead.append(para(rhk.intervensi or "-", st.cell))
            lead.append(para(rhk_text, st.cell))
        else:
            lead = [""] * (2 if jpt else 3)
        if iki is None:
            cells: list[Any] = [""] * 3
        elif jpt:
            cells = [
                para(iki.teks, st.cell),
                para(target_text(ctx, iki), st.cell),
                para(label(_, iki.perspektif), st.cell),
            ]
        else:
            cells = [
                para(label(_, iki.aspek), st.cell),
                para(iki.teks, st.cell),
                para(target_text(ctx, iki), st.cell),
            ]
        if evaluation:
            cells += [
                para(realisasi_text(ctx, iki) if iki else "", st.cell),
                para(iki.umpan_balik if iki else "", st.cell),
            ]
        group.append(lead + cells)
    return group


def perilaku_table(
    ctx: RenderContext, perilaku: tuple[PerilakuRow, ...], *, evaluation: bool
) -> LongTable:
    """PERILAKU KERJA: 7 values, their 3 behaviours and the leader's specific expectation."""
    _, st = ctx.t, ctx.st
    expectation = _("Leader's specific expectation")
    if evaluation:
        rows: list[list[Any]] = [
            [
                para(h, st.head)
                for h in (
                    _("NO"),
                    _("WORK BEHAVIOUR"),
                    _("LEADER'S SPECIFIC EXPECTATION"),
                    _("CONTINUOUS FEEDBACK BASED ON SUPPORTING EVIDENCE"),
                )
            ]
        ]
        shares = [0.05, 0.4, 0.28, 0.27]
        span: list[Any] = []
    else:
        rows = [[para(_("WORK BEHAVIOUR"), st.head), "", ""]]
        shares = [0.05, 0.55, 0.4]
        span = [("SPAN", (0, 0), (-1, 0))]
    for row in perilaku:
        behaviour = markup(f"<b>{text(row.nama)}</b><br/>{numbered(row.panduan)}", st.cell)
        if evaluation:
            cells: list[Any] = [
                para(row.ekspektasi or "-", st.cell),
                para(row.umpan_balik or "-", st.cell),
            ]
        else:
            cells = [markup(f"{text(expectation)}:<br/>{text(row.ekspektasi or '-')}", st.cell)]
        rows.append([para(str(row.nomor), st.cell_center), behaviour, *cells])
    table = LongTable(rows, colWidths=[ctx.width * s for s in shares], repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(*span, header_rows=1))
    return table


def lampiran_table(ctx: RenderContext, data: SkpData) -> LongTable:
    _, st = ctx.t, ctx.st
    rows: list[list[Any]] = []
    commands: list[Any] = []
    for block in data.lampiran:
        commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), SECTION_FILL))
        rows.append([para(label(_, block.jenis), st.cell_bold)])
        rows.append([markup(numbered(block.items) if block.items else "-", st.cell)])
    if not rows:
        rows.append([para("-", st.cell)])
    table = LongTable(rows, colWidths=[ctx.width], splitInRow=1)
    table.setStyle(grid_style(*commands, header_rows=0))
    return table


def skp_story(ctx: RenderContext, data: SkpData) -> list[Flowable]:
    _ = ctx.t
    story: list[Flowable] = title_block(
        ctx, skp_title_lines(ctx, data, _("EMPLOYEE PERFORMANCE PLAN"))
    )
    story += [
        unit_period_line(
            ctx, data.instansi, data.unit_nama, data.periode_mulai, data.periode_selesai
        ),
        Spacer(1, 2 * mm),
        identity_table(
            ctx, _("APPRAISED EMPLOYEE"), data.pegawai, _("APPRAISING OFFICIAL"), data.penilai
        ),
        Spacer(1, 3 * mm),
        para(_("WORK RESULTS"), ctx.st.cell_bold),
        Spacer(1, 1 * mm),
        hasil_kerja_table(ctx, data, data.rhk, evaluation=False),
        Spacer(1, 3 * mm),
        perilaku_table(ctx, data.perilaku, evaluation=False),
        Spacer(1, 3 * mm),
        para(_("APPENDIX TO THE EMPLOYEE PERFORMANCE PLAN"), ctx.st.cell_bold),
        Spacer(1, 1 * mm),
        lampiran_table(ctx, data),
        signature_block(
            ctx,
            _("Appraised employee"),
            data.pegawai,
            _("Appraising official"),
            data.penilai,
            tempat=data.tempat,
            tanggal=data.tanggal,
        ),
    ]
    return story
