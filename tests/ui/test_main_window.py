"""The main window: every area opens, navigation by signal, language switch rebuilds screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.i18n import current_language
from kinerja_desktop.paths import DataHome
from kinerja_desktop.preferences import language
from kinerja_desktop.ui.areas import AREAS
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.main_window import MainWindow
from tests.factories import Office


def _window(qtbot: QtBot, db: Database, home: DataHome, office: Office) -> MainWindow:
    window = MainWindow(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_area_opens(
    qtbot: QtBot, db: Database, home: DataHome, office: Office, artifacts: Path
) -> None:
    window = _window(qtbot, db, home, office)
    for row, area in enumerate(AREAS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.area_screen(area.key)
    assert str(home.database) in window.db_label.text()
    assert office.admin.nama in window.user_label.text()
    window.nav.setCurrentRow(1)
    window.grab().save(str(artifacts / "main-window-people.png"))


def test_navigate_signal_opens_person(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    window = _window(qtbot, db, home, office)
    window.ctx.navigate.emit("people", office.staf.id)
    screen = window.area_screen("people")
    assert window.stack.currentWidget() is screen
    assert screen.current_person().id == office.staf.id  # type: ignore[attr-defined]


def test_language_switch_rebuilds_and_is_remembered(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    window = _window(qtbot, db, home, office)
    window.nav.setCurrentRow(1)
    window.switch_language("en")
    assert current_language() == "en"
    assert language(home.settings_file) == "en"
    assert window.nav.item(1).text() == "People"
    assert window.stack.currentWidget() is window.area_screen("people")
    window.switch_language("id")
    assert window.nav.item(1).text() == "Pegawai"
    labels = [w.text() for w in window.area_screen("people").findChildren(QLabel)]
    assert "Nama" in labels


def test_qt_standard_buttons_in_indonesian(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from kinerja_desktop.i18n import set_language
    from kinerja_desktop.ui.application import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    set_language("id")
    install_translators(app)
    try:
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"Simpan", "Batal"}
    finally:
        set_language("en")
        install_translators(app)
        set_language("id")


def test_window_shows_before_the_database_and_attaches_later(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.loading
    assert window.nav.count() == len(AREAS)
    window.nav.setCurrentRow(2)
    assert window.stack.currentWidget() is window.loading
    window.attach(AppContext(db, home, office.admin.actor))
    assert window.stack.currentWidget() is window.area_screen("skp")
    assert office.admin.nama in window.user_label.text()


def test_file_dialog_in_indonesian(qtbot: QtBot) -> None:
    """Problem 9 of issue 16: the file dialog says "Cari di" and "Jenis berkas", its buttons,
    tooltips and columns are Indonesian too."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QTreeView

    from kinerja_desktop.i18n import set_language
    from kinerja_desktop.ui.application import install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    set_language("id")
    install_translators(app)
    assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    dialog = QFileDialog(None, "Pilih", "", "CSV (*.csv)")
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {w.text().replace("&", "") for w in dialog.findChildren(QLabel) if w.isVisible()}
    texts |= {b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.isVisible()}
    tree = next(v for v in dialog.findChildren(QTreeView))
    model = tree.model()
    texts |= {str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(4)}
    assert {"Cari di:", "Jenis berkas:", "Folder induk", "Nama", "Ukuran"} <= texts
    english = {"Look in:", "Files of type:", "Back", "Parent Directory", "Name", "Size", "Type"}
    assert not texts & english


def test_every_area_has_its_own_icon(qtbot: QtBot) -> None:
    """Problem 14 of issue 16: one icon set, a distinct symbol for each area."""
    from kinerja_desktop.ui.icons import NAMES, icon

    glyphs = [NAMES[area.icon] for area in AREAS]
    assert len(set(glyphs)) == len(glyphs)
    assert all(glyph.startswith("mdi6.") for glyph in glyphs)
    assert not any(icon(area.icon).isNull() for area in AREAS)
