"""Benchmark of the coaching area on demo data (issue 5).

Target: the timeline of a demo pegawai with a full year of data opens in under 200 ms. The
demo regency (``services.demo.generate_demo``, 20,000 people) is generated into a temporary
data home; the pegawai with the richest demo year (SKP steps, feedback, sessions, evaluations)
is then given a busy coaching year on top through the services: a session every month with
talking points, shared and private notes, three agreed actions (two closed), B.1.9 scores, and
a development plan. "Opens" is measured as the screen does it: the timeline service call, and
the whole timeline panel (service call, HTML rendering, QTextBrowser.setHtml) offscreen.
Each figure is the median of several runs after one warm-up, read by the pegawai's supervisor.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from bench import Figure, Target, sample_ms
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import JenisSesi, Role, StatusAksi, StatusSesi
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.org import Pegawai
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching import development, timeline
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching.development import ActivityInput
from kinerja_desktop.services.coaching.sessions import SessionInput
from kinerja_desktop.services.demo.generator import generate_demo

EMPLOYEES = 20_000
YEAR = 2026
TARGET_MS = 200.0
RUNS = 9


def _richest_pegawai(db: Database) -> tuple[str, str]:
    """The pegawai with the most feedback in the demo year who has a supervisor (ties: the
    smallest NIP, which follows the demo's seed where ids do not)."""
    with db.read(SYSTEM) as session:
        counts = Counter(
            session.execute(
                select(Skp.pegawai_id)
                .join(UmpanBalik, UmpanBalik.skp_id == Skp.id)
                .where(Skp.tahun == YEAR)
            ).scalars()
        )
        people = dict(
            session.execute(
                select(Pegawai.id, Pegawai.nip).where(Pegawai.penilai_id.is_not(None))
            ).all()
        )
        ranked = sorted((-n, people[pid], pid) for pid, n in counts.items() if pid in people)
        for _n, _nip, pegawai_id in ranked:
            penilai = session.execute(
                select(Pegawai.penilai_id).where(Pegawai.id == pegawai_id)
            ).scalar_one()
            if penilai is not None:
                return pegawai_id, penilai
    raise RuntimeError("the demo data has no pegawai with a supervisor and feedback")


def _busy_year(db: Database, pegawai_id: str, coach: Actor) -> None:
    """A coaching session every month, with notes and actions (the B.1.9 form in the bimbingan
    kinerja sessions), and a development plan."""
    assert coach.pegawai_id is not None
    me = Actor(user_id="bench-pegawai", pegawai_id=pegawai_id, name="pegawai",
               roles=frozenset({Role.PEGAWAI}))  # fmt: skip
    kinds = list(JenisSesi)
    for month in range(1, 13):
        day = dt.date(YEAR, month, 10)
        sesi = coaching.schedule_session(
            db, actor=coach, talking_points=[f"Capaian bulan {month}", "Kendala", "Rencana"],
            data=SessionInput(jenis=kinds[month % len(kinds)], tanggal=day, waktu="09:00",
                              tempat="Ruang rapat", coach_id=coach.pegawai_id,
                              pegawai_id=pegawai_id),
        )  # fmt: skip
        coaching_notes.add_note(db, actor=coach, sesi_id=sesi.id, teks=f"Catatan bersama {month}")
        coaching_notes.add_note(
            db, actor=coach, sesi_id=sesi.id, teks="Catatan pribadi", privat=True
        )
        coaching_notes.answer_reflection(db, actor=me, sesi_id=sesi.id, prompt="learned",
                                   teks=f"Pelajaran bulan {month}")  # fmt: skip
        actions = [
            coaching_actions.add_action(db, actor=coach, sesi_id=sesi.id, pelaksana_id=pegawai_id,
                                teks=f"Aksi {month}.{n}", tenggat=day + dt.timedelta(days=20))
            for n in range(1, 4)
        ]  # fmt: skip
        for aksi, status in zip(actions[:2], (StatusAksi.DONE, StatusAksi.DROPPED), strict=True):
            coaching_actions.set_action_status(db, actor=coach, aksi_id=aksi.id, status=status,
                                       komentar="ditutup")  # fmt: skip
        if sesi.jenis is JenisSesi.BIMBINGAN_KINERJA:  # B.1.9 belongs to these sessions only
            coaching_forms.save_b19(db, actor=coach, sesi_id=sesi.id,
                              items=[("Analisis data", 3, "berkembang"), ("Komunikasi", 4, "baik")])  # fmt: skip
        coaching.set_session_status(db, actor=coach, sesi_id=sesi.id, status=StatusSesi.SELESAI)
    for n in range(1, 7):
        development.add_activity(
            db, actor=coach, pegawai_id=pegawai_id, tahun=YEAR,
            data=ActivityInput(f"Pelatihan {n}", "pelatihan", 6, 6 if n < 4 else 0,
                               dt.date(YEAR, n * 2, 15), n < 4),
        )  # fmt: skip


def run() -> list[Figure | tuple[str, str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kinerja_desktop.ui.coaching.timeline_panel import TimelinePanel
    from kinerja_desktop.ui.context import AppContext

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-coaching-") as tmp:
        home = DataHome(Path(tmp) / "home").ensure()
        db, _migration = open_home(home)
        try:
            started = time.perf_counter()
            generate_demo(db, employees=EMPLOYEES, seed=5, year=YEAR,
                          today=dt.date(YEAR, 12, 31))  # fmt: skip
            demo_s = time.perf_counter() - started
            pegawai_id, penilai_id = _richest_pegawai(db)
            coach = Actor(user_id="bench-coach", pegawai_id=penilai_id, name="coach",
                          roles=frozenset({Role.PEGAWAI}))  # fmt: skip
            _busy_year(db, pegawai_id, coach)
            items = timeline.timeline(db, actor=coach, pegawai_id=pegawai_id, tahun=YEAR)
            service_ms = sample_ms(
                RUNS, lambda: timeline.timeline(db, actor=coach, pegawai_id=pegawai_id, tahun=YEAR)
            )
            panel = TimelinePanel(AppContext(db, home, coach))
            panel.resize(1200, 800)

            def show_panel() -> None:
                panel.show_timeline(pegawai_id, YEAR)
                app.processEvents()

            panel_ms = sample_ms(RUNS, show_panel)
            sessions = coaching.list_sessions(db, actor=coach, pegawai_id=pegawai_id)
            session_ms = sample_ms(
                RUNS, lambda: coaching.get_session(db, actor=coach, sesi_id=sessions[0].id)
            )
            team_ms = sample_ms(RUNS, lambda: coaching_actions.team_overview(db, actor=coach))
            home_ms = sample_ms(RUNS, lambda: coaching.home_items(db, coach, dt.date(YEAR, 12, 1)))
            panel.deleteLater()
        finally:
            db.close()
    target = Target("<", TARGET_MS)
    return [
        ("demo data generated (20,000 people)", f"{demo_s:.1f} s", ""),
        ("timeline items of the demo pegawai (year)", str(len(items)), ""),
        Figure("timeline service, one pegawai-year", service_ms, "ms", target=target),
        Figure("timeline panel opens (service + render)", panel_ms, "ms", target=target),
        Figure("session detail opens", session_ms, "ms"),
        Figure("supervisor team view", team_ms, "ms"),
        Figure("coaching home-screen items", home_ms, "ms"),
    ]
