"""Benchmark of the SKP area on demo data (issue 3).

Targets: opening one SKP, and the matriks peran hasil of a unit, each under 200 ms, on the
demo regency of 20,000 people (``services.demo.generate_demo``). The SKP is the one with the
most IKI, read by its pejabat penilai; "opens" is measured as the screen does it: the
service call, and the whole editor (service + header + hasil kerja tree + perilaku +
lampiran + history) offscreen. The matriks is measured for the unit that this supervisor
leads, and for the largest top-level unit (a whole dinas, sub-units included) as a stress
figure. The SKP screen is also built for the supervisor and an SKP opened through it, so the
demo data must load in these screens without errors. Medians of several runs after a warm-up.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench import TODAY, Figure, Target, sample_ms
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import Role
from kinerja_desktop.models.org import Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import Iki, Rhk, Skp
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.demo.generator import generate_demo
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.skp import cascade
from kinerja_desktop.services.skp import queries as skp_queries

EMPLOYEES = 20_000
YEAR = 2026
TARGET_MS = 200.0
RUNS = 9


def _richest_skp(db: Database) -> tuple[str, str, int]:
    """The SKP with the most IKI whose owner has a supervisor (of those, the owner with the
    smallest NIP: the demo's NIPs follow its seed, its ids do not): (skp id, penilai id, IKI)."""
    with db.read(SYSTEM) as session:
        row = session.execute(
            select(Skp.id, Pegawai.penilai_id, func.count(Iki.id).label("n"))
            .join(Pegawai, Pegawai.id == Skp.pegawai_id)
            .join(Rhk, Rhk.skp_id == Skp.id)
            .join(Iki, Iki.rhk_id == Rhk.id)
            .where(Skp.tahun == YEAR, Pegawai.penilai_id.is_not(None))
            .group_by(Skp.id, Pegawai.penilai_id, Pegawai.nip)
            .order_by(func.count(Iki.id).desc(), Pegawai.nip)  # ties: the same SKP every run
            .limit(1)
        ).one()
        assert row[1] is not None, "the query keeps pegawai with a penilai only"
        return row[0], row[1], int(row[2])


def _led_unit(db: Database, pegawai_id: str) -> str:
    with db.read(SYSTEM) as session:
        kode = session.execute(
            select(UnitKerja.kode)
            .join(Jabatan, Jabatan.unit_id == UnitKerja.id)
            .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
            .where(Pegawai.id == pegawai_id, Jabatan.memimpin_unit.is_(True))
        ).scalar_one_or_none()
        if kode is None:
            kode = session.execute(
                select(UnitKerja.kode)
                .join(Pegawai, Pegawai.unit_id == UnitKerja.id)
                .where(Pegawai.id == pegawai_id)
            ).scalar_one()
        return kode


def _largest_top_unit(db: Database) -> str:
    units = people.list_units(db, actor=SYSTEM)
    roots = [u for u in units if u.level == 0]
    sizes = {u.kode: len(people.list_people(db, actor=SYSTEM, unit_kode=u.kode)) for u in roots}
    return max(sorted(sizes), key=lambda k: sizes[k])  # ties: the smallest code


def run() -> list[Figure | tuple[str, str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kinerja_desktop.ui.context import AppContext
    from kinerja_desktop.ui.skp.editor import SkpEditor
    from kinerja_desktop.ui.skp.matriks_view import MatriksView
    from kinerja_desktop.ui.skp.screen import SkpScreen

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-skp-") as tmp:
        home = DataHome(Path(tmp) / "home").ensure()
        db, _migration = open_home(home)
        try:
            started = time.perf_counter()
            generate_demo(db, employees=EMPLOYEES, seed=11, year=YEAR, today=TODAY)
            generate_s = time.perf_counter() - started
            skp_id, penilai_id, iki_count = _richest_skp(db)
            supervisor = Actor(
                user_id="bench",
                pegawai_id=penilai_id,
                name="supervisor",
                roles=frozenset({Role.PEGAWAI}),
            )
            service_ms = sample_ms(
                RUNS, lambda: skp_queries.get_skp(db, actor=supervisor, skp_id=skp_id)
            )
            ctx = AppContext(db, home, supervisor)
            editor = SkpEditor(ctx)
            editor.resize(1300, 850)
            editor.show()

            def open_editor() -> None:
                editor.detail = None
                editor.show_skp(skp_id)
                app.processEvents()

            editor_ms = sample_ms(RUNS, open_editor)
            unit = _led_unit(db, penilai_id)
            unit_matriks = cascade.matriks_peran_hasil(
                db, actor=supervisor, unit_kode=unit, tahun=YEAR
            )
            matriks_ms = sample_ms(
                RUNS,
                lambda: cascade.matriks_peran_hasil(
                    db, actor=supervisor, unit_kode=unit, tahun=YEAR
                ),
            )
            view = MatriksView(ctx)
            view.resize(1300, 850)
            view.show()

            def open_matriks() -> None:
                view.show_matriks(
                    cascade.matriks_peran_hasil(db, actor=supervisor, unit_kode=unit, tahun=YEAR)
                )
                app.processEvents()

            matriks_view_ms = sample_ms(RUNS, open_matriks)
            big = _largest_top_unit(db)
            big_matriks = cascade.matriks_peran_hasil(db, actor=SYSTEM, unit_kode=big, tahun=YEAR)
            big_ms = sample_ms(
                RUNS,
                lambda: cascade.matriks_peran_hasil(db, actor=SYSTEM, unit_kode=big, tahun=YEAR),
            )
            screen = SkpScreen(ctx)
            screen.year.setValue(YEAR)
            screen_ms = sample_ms(RUNS, screen.reload_lists)
            screen.open_item(skp_id)
            assert screen.editor.detail is not None and screen.editor.detail.id == skp_id
            for widget in (editor, view, screen):
                widget.close()
                widget.deleteLater()
            app.processEvents()
        finally:
            db.close()
    target = Target("<", TARGET_MS)
    return [
        ("skp: demo data generated", f"{EMPLOYEES} people in {generate_s:.1f} s", ""),
        Figure(f"skp: open one SKP, service ({iki_count} IKI)", service_ms, "ms", target=target),
        Figure("skp: open one SKP in the editor (service + widgets)", editor_ms, "ms",
               target=target),
        Figure(f"skp: matriks peran hasil of the supervisor's unit ({unit}, "
               f"{unit_matriks.count()} RHK), service", matriks_ms, "ms", target=target),
        Figure("skp: same matriks, service + tree view", matriks_view_ms, "ms", target=target),
        Figure(f"skp: matriks of the largest top-level unit ({big}, {big_matriks.count()} RHK)",
               big_ms, "ms"),
        Figure("skp: SKP screen lists reload (mine, team, inbox)", screen_ms, "ms"),
    ]  # fmt: skip
