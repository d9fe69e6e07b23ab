"""The keberatan letter: a pegawai's objection to a final evaluation and the decision of the
atasan pejabat penilai (PP 30/2019 Pasal 59). No official format was found; this is a
simple letter with both signatures (docs/forms.md)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kinerja_desktop.forms.base import (
    RenderContext,
    identity_table,
    label_value_table,
    para,
    single_signature,
    title_block,
)
from kinerja_desktop.forms.data import KeberatanData
from kinerja_desktop.forms.labels import label


def keberatan_story(ctx: RenderContext, data: KeberatanData) -> list[Flowable]:
    _, st = ctx.t, ctx.st
    story: list[Flowable] = title_block(
        ctx,
        [
            _("OBJECTION TO THE RESULT OF THE PERFORMANCE EVALUATION"),
            data.instansi.upper(),
            _("PERIOD: {period}").format(period=data.periode_label.upper()),
        ],
    )
    story += [
        identity_table(
            ctx,
            _("APPRAISED EMPLOYEE"),
            data.pegawai,
            _("APPRAISING OFFICIAL'S SUPERIOR"),
            data.atasan,
        ),
        Spacer(1, 4 * mm),
        para(_("A. OBJECTION"), st.cell_bold),
        Spacer(1, 1 * mm),
        label_value_table(
            ctx,
            [
                (_("Employee performance rating objected to"), label(_, data.predikat_sebelum)),
                (_("Reasons"), data.alasan),
                (_("Evidence"), data.bukti or "-"),
            ],
            label_share=0.3,
        ),
        single_signature(
            ctx, _("Appraised employee"), data.pegawai, tempat=data.kota, tanggal=data.tanggal
        ),
        Spacer(1, 4 * mm),
        para(_("B. DECISION OF THE APPRAISING OFFICIAL'S SUPERIOR (FINAL)"), st.cell_bold),
        Spacer(1, 1 * mm),
    ]
    if data.keputusan_tanggal is None:
        story.append(para(_("Not decided yet."), st.cell))
        return story
    story += [
        label_value_table(
            ctx,
            [
                (_("Employee performance rating set"), label(_, data.predikat_sesudah)),
                (_("Reasons"), data.keputusan_alasan),
            ],
            label_share=0.3,
        ),
        single_signature(
            ctx,
            _("Appraising official's superior"),
            data.atasan,
            tempat=data.kota,
            tanggal=data.keputusan_tanggal,
        ),
    ]
    return story
