"""Printable PDF forms (reportlab), rendered from plain data: no sessions, no Qt.

``render(forms, out, language=..., paper=...)`` writes one PDF holding every form given (a
batch is many forms in one file), each starting on a new page with its own page count,
verification code and QR code in the footer. The data types are in ``forms.data``; the
printing service (``services.printing``) loads them from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from kinerja_desktop.forms.base import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAPER_SIZES,
    FooterInfo,
    FormCanvas,
    FormStart,
    RenderContext,
    make_context,
)
from kinerja_desktop.forms.coaching import b18_story, b19_story, sesi_story
from kinerja_desktop.forms.data import (
    B18Data,
    B19Data,
    DokumenEvaluasiData,
    EvaluasiData,
    FormData,
    KeberatanData,
    PredikatData,
    SesiData,
    SkpData,
)
from kinerja_desktop.forms.evaluasi import dokumen_evaluasi_story, evaluasi_story
from kinerja_desktop.forms.keberatan import keberatan_story
from kinerja_desktop.forms.lkh import LkhData, lkh_story
from kinerja_desktop.forms.predikat import predikat_story
from kinerja_desktop.forms.skp import skp_story
from kinerja_desktop.forms.verification import verification_code

_BUILDERS: dict[type[FormData], Callable[[RenderContext, Any], list[Flowable]]] = {
    SkpData: skp_story,
    EvaluasiData: evaluasi_story,
    DokumenEvaluasiData: dokumen_evaluasi_story,
    B18Data: b18_story,
    B19Data: b19_story,
    SesiData: sesi_story,
    PredikatData: predikat_story,
    KeberatanData: keberatan_story,
    LkhData: lkh_story,
}

LANGUAGES = ("id", "en")


def render(
    forms: Sequence[FormData],
    out: str | Path | IO[bytes],
    *,
    language: str = "id",
    paper: str = "A4",
    on_form: Callable[[int], None] | None = None,
    title: str = "",
) -> None:
    """Write ``forms`` into one PDF at ``out``.

    ``on_form(i)`` is called as form ``i`` starts to be laid out: a batch reports progress
    and may raise there to stop (the caller then discards the partial file).
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper size {paper!r}")
    ctx = make_context(language, paper)
    story: list[Flowable] = []
    for index, data in enumerate(forms):
        if index:
            story.append(PageBreak())
        info = FooterInfo(verification_code(data), ctx.t)
        callback = (lambda i=index: on_form(i)) if on_form is not None else None
        story.append(FormStart(info, callback))
        story += _BUILDERS[type(data)](ctx, data)
    page_w, page_h = PAPER_SIZES[paper]
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=(page_w, page_h),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Kinerja Desktop",
        creator="Kinerja Desktop",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        page_w - 2 * MARGIN_X,
        page_h - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame])])
    doc.build(story, canvasmaker=FormCanvas)


__all__ = ["LANGUAGES", "render"]
