"""Starting the Qt application: locale and Qt's own strings, the database, the first-start
offer of demo data, the main window."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from kinerja_desktop.actor import Actor
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.home import open_home
from kinerja_desktop.i18n import _, current_language
from kinerja_desktop.models.enums import Role
from kinerja_desktop.paths import DataHome, i18n_dir
from kinerja_desktop.services import office
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.icons import app_icon
from kinerja_desktop.ui.main_window import MainWindow
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


def administrator_actor() -> Actor:
    """The acting user while the install has no accounts yet: the office's administrator."""
    return Actor(
        user_id=None,
        pegawai_id=None,
        name=_("Administrator"),
        roles=frozenset({Role.PENGELOLA, Role.HUB_OPERATOR}),
    )


def run_gui(
    home: DataHome, *, bundle: Path | None = None, benchmark_started: float | None = None
) -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setApplicationName("Kinerja Desktop")
    app.setOrganizationName("Kinerja")
    app.setWindowIcon(app_icon())
    install_translators(app)
    try:
        db, migration = open_home(home)
    except KinerjaError as error:
        QMessageBox.critical(None, _("Kinerja Desktop"), error.message)
        return 1
    ctx = AppContext(db, home, administrator_actor())
    window = MainWindow(ctx)
    window.show()
    if benchmark_started is not None:
        app.processEvents()
        print(f"shown_after_ms={(time.perf_counter() - benchmark_started) * 1000:.1f}", flush=True)
        db.close()
        return 0
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
    elif office.is_empty(db, actor=ctx.actor):
        QTimer.singleShot(0, lambda: offer_demo_data(window, ctx))
    try:
        return app.exec()
    finally:
        shutdown_tasks()
        db.close()


def offer_demo_data(window: MainWindow, ctx: AppContext) -> None:
    """On an empty database, offer demo data to look around (in the background, cancellable)."""
    from kinerja_desktop.services import demo
    from kinerja_desktop.ui.tasks import run_task

    answer = QMessageBox.question(
        window,
        _("Empty database"),
        _(
            "This database holds no data yet. Load demo data (a fictional office of 300 people) to look around?"
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    run_task(
        window,
        lambda progress: demo.generate_demo(ctx.db, employees=300, seed=1, progress=progress),
        title=_("Loading demo data…"),
        on_done=lambda _summary: ctx.notify("*"),
    )
