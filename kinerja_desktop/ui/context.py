"""What every screen shares: the open database, the acting user, and application signals.

Screens never announce their own changes: after each commit the database publishes the set
of tables it changed (``Database.subscribe``), and the context turns it into Qt signals, on
the GUI thread whatever thread committed. ``tables_changed`` carries the table names;
``data_changed`` carries each area those tables belong to (``TABLE_AREAS``; a table not listed
there refreshes everything, "*"), and each screen refreshes only when an area concerns it;
``any_changed`` comes once per commit, for the screens that show a bit of everything.
``notify`` is left for the one refresh nothing wrote: the Refresh menu. ``navigate`` asks the
main window to show an area and open an item in it (a pegawai id, an SKP id, a bundle path).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kinerja_desktop.actor import Actor

if TYPE_CHECKING:
    from kinerja_desktop.paths import DataHome
    from kinerja_desktop.services.core.database import Database

# The screens' areas each table's changes concern.
TABLE_AREAS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("pegawai", "unit_kerja", "jabatan", "instansi", "sync_pegawai_home"),
                    ("people",)),
    **dict.fromkeys(("skp", "rhk", "iki", "rencana_aksi", "skp_event", "lampiran_item",
                     "ekspektasi_khusus", "perilaku_nilai", "perilaku_panduan"), ("skp",)),
    **dict.fromkeys(("realisasi", "bukti_dukung", "penilaian_diri", "frasa_umpan_balik",
                     "berkas"), ("monitoring",)),
    # Feedback also holds the replies on daily entries.
    "umpan_balik": ("monitoring", "harian"),
    **dict.fromkeys(("evaluasi", "amandemen_evaluasi", "capaian_organisasi",
                     "keberatan_evaluasi"), ("evaluation",)),
    # The hand-over to SIASN shows on the evaluation; results read back in the timeline.
    **dict.fromkeys(("serah_siasn", "riwayat_siasn"), ("evaluation", "coaching")),
    "penilai_non_asn": ("people", "evaluation"),
    **dict.fromkeys(("progres_harian", "bukti_harian", "cuti_pegawai"),
                    ("harian",)),
    **dict.fromkeys(("sesi_coaching", "agenda_sesi", "catatan_sesi", "aksi_disepakati",
                     "umpan_balik_bimbingan", "evaluasi_kompetensi", "rencana_pengembangan",
                     "kebutuhan_pengembangan", "kegiatan_pengembangan"), ("coaching",)),
    # Settings hold the distribution's rounding rule and the office calendar of the daily log;
    # the rhythm sets the monitoring periods.
    "setting": ("settings", "evaluation", "harian"),
    "ritme_periode": ("settings", "monitoring"),
    **dict.fromkeys(("sync_bundle_log", "sync_conflict", "sync_peer"), ("sync",)),
    "user_account": ("accounts",),
    "audit_log": ("audit",),
    # Every synced write counts on this install's change counter: no screen shows it.
    "install_state": (),
}  # fmt: skip


def areas_of(tables: frozenset[str]) -> list[str]:
    """The areas concerned by changes to ``tables``, in a fixed order ("*" if one is unknown)."""
    if any(table not in TABLE_AREAS for table in tables):
        return ["*"]
    return sorted({area for table in tables for area in TABLE_AREAS[table]})


class AppContext(QObject):
    data_changed = Signal(str)
    tables_changed = Signal(object)
    any_changed = Signal()
    _committed = Signal(object)
    navigate = Signal(str, object)
    actor_changed = Signal()
    language_changed = Signal()

    def __init__(self, db: Database, home: DataHome, actor: Actor) -> None:
        super().__init__()
        self.db = db
        self.home = home
        self._actor = actor
        # Delivered on this object's (the GUI) thread: directly when the GUI thread committed,
        # queued when a worker thread did (Qt's automatic connection decides at each emit).
        self._committed.connect(self._publish)
        signal = weakref.WeakMethod(self._on_commit)

        def listener(tables: frozenset[str]) -> None:
            bound = signal()
            if bound is not None:
                bound(tables)

        db.subscribe(listener)

    def _on_commit(self, tables: frozenset[str]) -> None:
        self._committed.emit(tables)

    def _publish(self, tables: frozenset[str]) -> None:
        self.tables_changed.emit(tables)
        for area in areas_of(tables):
            self.data_changed.emit(area)
        self.any_changed.emit()

    @property
    def actor(self) -> Actor:
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor
        self.actor_changed.emit()

    def notify(self, area: str) -> None:
        """Tell every screen that data of ``area`` changed (when no commit says so)."""
        self.data_changed.emit(area)
        self.any_changed.emit()
