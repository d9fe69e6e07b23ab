"""Starting the Qt application: locale and Qt's own strings, the session (lock, integrity
check, migrations, first-start wizard or login; see ``ui.startup``), the main window."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _, current_language
from kinerja_desktop.paths import DataHome, i18n_dir
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.icons import app_icon
from kinerja_desktop.ui.main_window import MainWindow
from kinerja_desktop.ui.startup import start_session
from kinerja_desktop.ui.tasks import shutdown as shutdown_tasks


def install_translators(app: QApplication) -> None:
    """Qt's own strings (standard buttons) in the chosen language.

    Qt ships no Indonesian; the project's ``i18n/qt/qtbase_id.qm`` fills the few strings
    standard dialogs use.
    """
    language = current_language()
    locale = (
        QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
        if language == "id"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
    translator = QTranslator(app)
    own = i18n_dir() / "qt" / f"qtbase_{language}.qm"
    if (own.exists() and translator.load(str(own))) or translator.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)


def run_gui(
    home: DataHome, *, bundle: Path | None = None, benchmark_started: float | None = None
) -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setApplicationName("Kinerja Desktop")
    app.setOrganizationName("Kinerja")
    app.setWindowIcon(app_icon())
    install_translators(app)
    if benchmark_started is not None:
        return _benchmark_startup(app, home, benchmark_started)
    session = start_session(app, home)
    if session is None:
        return 1
    ctx = AppContext(session.db, home, session.actor)
    window = MainWindow(ctx)
    window.show()
    session.attach(ctx, window)
    migration = session.migration
    if migration.upgraded and migration.before is not None:
        QMessageBox.information(
            window,
            _("Database upgraded"),
            _(
                "The database was upgraded for this version. A copy of the previous one was saved at {path}."
            ).format(path=migration.backup),
        )
    if bundle is not None:
        QTimer.singleShot(0, lambda: ctx.navigate.emit("sync", bundle))
    try:
        return app.exec()
    finally:
        shutdown_tasks()
        session.close()


def _benchmark_startup(app: QApplication, home: DataHome, started: float) -> int:
    """Open the main window on ``home`` without login and print two times: when the window
    was shown and painted (``shown_after_ms``), and when its first screen had its content
    (``ready_after_ms``); then quit."""
    db, _migration = open_home(home)
    try:
        window = MainWindow(AppContext(db, home, SYSTEM))
        window.show()
        window.repaint()
        print(f"shown_after_ms={(time.perf_counter() - started) * 1000:.1f}", flush=True)
        app.processEvents()
        print(f"ready_after_ms={(time.perf_counter() - started) * 1000:.1f}", flush=True)
        window.close()
    finally:
        db.close()
    return 0
