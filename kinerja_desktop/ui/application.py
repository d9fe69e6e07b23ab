"""Starting the Qt application: locale and Qt's own strings, the main window shown at once
(before the database layer is even imported), then the session (lock, integrity check,
migrations, first-start wizard or login; see ``ui.startup``) attached to it."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from kinerja_desktop.i18n import _, current_language
from kinerja_desktop.paths import DataHome, i18n_dir
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.icons import app_icon
from kinerja_desktop.ui.main_window import MainWindow
from kinerja_desktop.ui.tasks import shutdown as shutdown_tasks

if TYPE_CHECKING:
    from kinerja_desktop.services.core.database import MigrationResult
    from kinerja_desktop.ui.startup import Session


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
    # Native file and print dialogs speak the system's language, not the program's: in
    # Indonesian, Qt's own dialogs are used with the translations below.
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, language == "id")
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
    """Show the main window at once, then open the session (lock, checks, migrations, wizard
    or login) and give the window its database; return the program's exit code."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setApplicationName("Kinerja Desktop")
    app.setOrganizationName("Kinerja")
    app.setWindowIcon(app_icon())
    install_translators(app)
    window = MainWindow()
    window.show_fitted()
    if benchmark_started is not None:
        return _benchmark_startup(app, window, home, benchmark_started)
    opened: list[Session] = []
    refused: list[int] = []

    def open_session() -> None:
        from kinerja_desktop.ui.startup import start_session

        session = start_session(app, home)
        if session is None:
            refused.append(1)
            app.quit()
            return
        opened.append(session)
        ctx = AppContext(session.db, home, session.actor)
        window.attach(ctx)
        session.attach(ctx, window)
        _say_if_upgraded(window, session.migration)
        if bundle is not None:
            ctx.navigate.emit("sync", bundle)

    QTimer.singleShot(0, open_session)
    try:
        code = app.exec()
    finally:
        shutdown_tasks()
        for session in opened:
            session.close()
    return refused[0] if refused else code


def _say_if_upgraded(window: MainWindow, migration: MigrationResult) -> None:
    if migration.upgraded and migration.before is not None:
        QMessageBox.information(
            window,
            _("Database upgraded"),
            _(
                "The database was upgraded for this version. A copy of the previous one was saved at {path}."
            ).format(path=migration.backup),
        )


def _benchmark_startup(
    app: QApplication, window: MainWindow, home: DataHome, started: float
) -> int:
    """The real start, timed (for ``bench/bench_gui.py``): print when the main window was shown
    and painted (``shown_after_ms``), then go the whole start path (log, lock, database check,
    migration check, opening, accounts) and print when the login dialog or the first-start
    wizard is shown and painted (``login_after_ms``), then close it as a person quitting would."""
    window.repaint()
    print(f"shown_after_ms={(time.perf_counter() - started) * 1000:.1f}", flush=True)
    from kinerja_desktop.ui.login.login_dialog import LoginDialog
    from kinerja_desktop.ui.startup import start_session

    def first_dialog(widget: QWidget) -> TypeGuard[QDialog]:
        # The wizard's module is not imported here: the login dialog shows without it.
        wizard = sys.modules.get("kinerja_desktop.ui.setup.wizard")
        return isinstance(widget, LoginDialog) or (
            wizard is not None and isinstance(widget, wizard.SetupWizard)
        )

    def watch() -> None:
        dialog = app.activeModalWidget()
        if dialog is not None and first_dialog(dialog) and dialog.isVisible():
            dialog.repaint()
            print(f"login_after_ms={(time.perf_counter() - started) * 1000:.1f}", flush=True)
            dialog.reject()
        else:
            QTimer.singleShot(1, watch)

    QTimer.singleShot(0, watch)
    session = start_session(app, home)
    window.close()
    if session is not None:
        session.close()
    return 0
