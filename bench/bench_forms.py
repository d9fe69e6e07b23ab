"""Benchmark of printed forms: the SKP and evaluation worksheet batches of a unit of ~500.

"With loading" is ``services.printing.print_to_file``: bulk reads from the database, then the
project's layout into one PDF. The floor is bare reportlab drawing the same tables from the
same form data, already in memory: platypus ``Table``s and ``Paragraph``s in the same
embedded DejaVu font, one per form section (identities, RHK and IKI with targets, behaviour
with expectations, attachments; for the worksheet also the ratings), with none of the
project's layout code (no QR codes, no headers and footers, no charts). Targets (issue 6):
20 or more forms per second on one core, and at least half the floor's rate.

Workload, the same in every run: a regency generated with seed 11 (1,750 employees, year
2026, "today" 20 July 2026); the unit whose people (sub-units included) number closest to
500, ties going to the smaller unit code. The process is pinned to one core while measuring
and its CPU affinity restored afterwards. Rates are forms per second of CPU time of this
process (the machine is shared; wall time would count other people's work); each figure is
the median of ``RUNS`` batches after one warm-up, with the spread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table
from sqlalchemy import select

from bench import MIN_RUNS, Figure, Sample, Target
from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.forms.data import EvaluasiData, FormData, SkpData
from kinerja_desktop.home import open_home
from kinerja_desktop.models.org import Pegawai, UnitKerja
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import unit_scope
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind, PrintRequest

EMPLOYEES = 1_750
UNIT_SIZE = 500
RUNS = MIN_RUNS
TARGET_RATE = 20.0
TARGET_SHARE = 0.5
FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"


def unit_of_about(db: Database, size: int) -> tuple[str, int]:
    """The unit whose people (sub-units included) number closest to ``size``; ties go to the
    smaller unit code, so every run measures the same unit."""
    with db.read(SYSTEM) as session:
        direct = Counter(
            session.execute(select(Pegawai.unit_id).where(Pegawai.aktif.is_(True))).scalars()
        )
        sizes = {
            kode: sum(direct.get(u, 0) for u in unit_scope.subtree_ids(session, unit_id))
            for unit_id, kode in session.execute(select(UnitKerja.id, UnitKerja.kode)).all()
        }
    kode = min(sizes, key=lambda k: (abs(sizes[k] - size), k))
    return kode, sizes[kode]


@contextlib.contextmanager
def one_core() -> Iterator[None]:
    """Pin this process to one core, and give it back every core it had afterwards."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def cpu_rates(forms: int, work: Callable[[], object]) -> Sample:
    """Forms per CPU second of ``RUNS`` runs of ``work``, after one warm-up."""
    work()
    rates = []
    for _ in range(RUNS):
        started = time.process_time()
        work()
        rates.append(forms / (time.process_time() - started))
    return Sample(tuple(rates))


# --- the floor: bare reportlab ---------------------------------------------------------------


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    if "BareDejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BareDejaVu", str(FONTS / "DejaVuSansCondensed.ttf")))
    body = ParagraphStyle("bare", fontName="BareDejaVu", fontSize=8, leading=10)
    title = ParagraphStyle("bare-title", parent=body, fontSize=11, leading=14)
    return body, title


def _table(rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1)
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.4, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return table


def _skp_story(skp: SkpData, body: ParagraphStyle, title: ParagraphStyle) -> list[object]:
    p = lambda text: Paragraph(str(text), body)  # noqa: E731
    people = [
        (p(label), p(getattr(skp.pegawai, field)), p(getattr(skp.penilai, field)))
        for label, field in (("Nama", "nama"), ("NIP", "nip"), ("Pangkat", "pangkat"),
                             ("Jabatan", "jabatan"), ("Unit kerja", "unit_kerja"))
    ]  # fmt: skip
    hasil = [(p("No"), p("Rencana hasil kerja"), p("Indikator kinerja"), p("Target"))]
    for number, rhk in enumerate(skp.rhk, 1):
        for iki in rhk.iki or ():
            target = iki.target_teks or f"{iki.target_min} - {iki.target_max} {iki.satuan}"
            hasil.append((p(number), p(rhk.teks), p(iki.teks), p(target)))
    perilaku = [(p("No"), p("Perilaku kerja"), p("Ekspektasi khusus pimpinan"))]
    perilaku += [
        (p(row.nomor), p(row.nama + "<br/>" + "<br/>".join(row.panduan)), p(row.ekspektasi))
        for row in skp.perilaku
    ]
    lampiran = [(p("Lampiran"), p("Isi"))]
    lampiran += [(p(str(item.jenis)), p("<br/>".join(item.items))) for item in skp.lampiran]
    return [
        Paragraph(f"SASARAN KINERJA PEGAWAI {skp.instansi} {skp.unit_nama}", title),
        _table(
            [(p(""), p("Pegawai yang dinilai"), p("Pejabat penilai")), *people],
            (30 * mm, 75 * mm, 75 * mm),
        ),
        Spacer(1, 4 * mm),
        _table(hasil, (10 * mm, 60 * mm, 70 * mm, 40 * mm)),
        Spacer(1, 4 * mm),
        _table(perilaku, (10 * mm, 100 * mm, 70 * mm)),
        Spacer(1, 4 * mm),
        _table(lampiran, (40 * mm, 140 * mm)),
    ]


def render_bare(forms: Sequence[FormData], out: Path) -> None:
    """The same forms' tables drawn with reportlab alone, into one PDF."""
    body, title = _styles()
    story: list[object] = []
    for form in forms:
        if isinstance(form, EvaluasiData):
            story += _skp_story(form.skp, body, title)
            ratings = [("Hasil kerja", str(form.rating_hasil)),
                       ("Perilaku kerja", str(form.rating_perilaku)),
                       ("Predikat", str(form.predikat))]  # fmt: skip
            story += [Spacer(1, 4 * mm), _table(ratings, (60 * mm, 120 * mm))]
        else:
            assert isinstance(form, SkpData)
            story += _skp_story(form, body, title)
        story.append(PageBreak())
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


# --- the run ---------------------------------------------------------------------------------


def run() -> list[Figure | tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-forms-") as tmp, one_core():
        home = DataHome(Path(tmp) / "home").ensure()
        db, _migration = open_home(home)
        try:
            generate_demo(db, employees=EMPLOYEES, seed=11, year=2026, today=dt.date(2026, 7, 20))
            kode, people = unit_of_about(db, UNIT_SIZE)
            rows: list[Figure | tuple[str, str, str]] = [
                ("unit printed (people, sub-units included)", f"{kode} ({people})", "")
            ]
            out = Path(tmp) / "batch.pdf"
            for label, request in (
                ("SKP", PrintRequest(FormKind.SKP, "2026", unit_kode=kode)),
                ("evaluation worksheet", PrintRequest(FormKind.EVALUASI, "2026-TW2", unit_kode=kode)),
            ):  # fmt: skip
                data = printing.load_forms(db, actor=SYSTEM, request=request)
                full = cpu_rates(len(data), functools.partial(
                    printing.print_to_file, db, actor=SYSTEM, request=request, out=out, paper="A4"))  # fmt: skip
                bare = cpu_rates(len(data), functools.partial(render_bare, data, out))
                rows += [
                    (f"{label} batch: forms", f"{len(data)}", ""),
                    Figure(f"{label} batch with data loading (CPU, one core)", full, "forms/s",
                           target=Target(">=", TARGET_RATE)),
                    Figure(f"{label} batch / bare reportlab, same tables (floor)", full,
                           "forms/s", floor=bare, target=Target(">=", TARGET_SHARE),
                           on_ratio=True),
                ]  # fmt: skip
            return rows
        finally:
            db.close()
