"""The main window: navigation by area on the left, the area's screen on the right, the
open database and the acting user in the status bar.

Screens are built on first visit. A language switch rebuilds them so every label follows.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from kinerja_desktop import __version__
from kinerja_desktop.i18n import LANGUAGES, _, current_language, set_language
from kinerja_desktop.preferences import set_value
from kinerja_desktop.ui.areas import AREAS, Area
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.guide import GuideWindow
from kinerja_desktop.ui.icons import icon
from kinerja_desktop.ui.layout import compact_combos

PREFERRED_SIZE = QSize(1280, 800)


def available_screen_size() -> QSize:
    """The primary screen's size without task bars and docks."""
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen else PREFERRED_SIZE


class CurrentPageStack(QStackedWidget):
    """A stack whose size hints are those of the page shown: a large area visited once does
    not keep the window's minimum size up after leaving it."""

    def sizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.minimumSizeHint() if current is not None else super().minimumSizeHint()


class MainWindow(QMainWindow):
    """Without a context the window is an empty frame that says it is loading: the program
    shows it at once and ``attach``es the opened database and signed-in user afterwards."""

    def __init__(self, ctx: AppContext | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self.fit_to_screen()
        self._screens: dict[str, QWidget] = {}
        self._guide: GuideWindow | None = None
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMinimumWidth(140)
        self.nav.setMaximumWidth(200)
        self.nav.currentRowChanged.connect(self._show_row)
        self.stack = CurrentPageStack()
        self.stack.currentChanged.connect(lambda _index: self.stack.updateGeometry())
        self.loading = QLabel(_("Opening the database…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([180, 1100])
        self.setCentralWidget(splitter)
        self.db_label = QLabel()
        self.user_label = QLabel()
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        self.retranslate()
        if ctx is not None:
            self.attach(ctx)

    def fit_to_screen(self, available: QSize | None = None) -> None:
        """Size the window to fit ``available`` (default: the primary screen's available
        geometry): the preferred 1280×800 where it fits, otherwise the available size."""
        self.resize(PREFERRED_SIZE.boundedTo(available or available_screen_size()))

    def show_fitted(self) -> None:
        """Show the window, maximised when the screen is smaller than the preferred size."""
        if PREFERRED_SIZE.boundedTo(available_screen_size()) != PREFERRED_SIZE:
            self.showMaximized()
        else:
            self.show()

    def _refresh(self) -> None:
        if self._ctx is not None:
            self._ctx.notify("*")

    @property
    def ctx(self) -> AppContext:
        assert self._ctx is not None, "the window has no database yet"
        return self._ctx

    def attach(self, ctx: AppContext) -> None:
        """Give the window its database and user, and open the first area."""
        self._ctx = ctx
        ctx.navigate.connect(self.open_area)
        ctx.actor_changed.connect(self._update_status)
        ctx.actor_changed.connect(self._apply_roles)
        self._update_status()
        self._apply_roles()
        self._show_row(max(self.nav.currentRow(), 0))
        QTimer.singleShot(0, self._set_icons)

    def _build_menus(self) -> None:
        self.menuBar().clear()
        file_menu = self.menuBar().addMenu(_("&File"))
        log_out = QAction(_("&Log out or switch user…"), self)
        log_out.setObjectName("logOut")
        log_out.triggered.connect(lambda: self.log_out())
        file_menu.addAction(log_out)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(_("&View"))
        refresh = QAction(_("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self._refresh)
        view_menu.addAction(refresh)
        self._area_actions: dict[str, QAction] = {}
        for index, area in enumerate(AREAS[:9], start=1):
            action = QAction(_(area.title).replace("&", "&&"), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _checked=False, key=area.key: self.open_area(key, None))
            view_menu.addAction(action)
            self._area_actions[area.key] = action
        language_menu = self.menuBar().addMenu(_("&Language"))
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            language_menu.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        guide = QAction(_("User &guide"), self)
        guide.setObjectName("userGuide")
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(lambda: self.show_guide())
        help_menu.addAction(guide)
        self._icon_actions: dict[str, QAction] = {"logout": log_out, "help": guide}
        about = QAction(_("&About Kinerja Desktop"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Kinerja Desktop"))
        current = max(self.nav.currentRow(), 0)
        self.nav.blockSignals(True)
        self.nav.clear()
        for area in AREAS:
            item = QListWidgetItem(_(area.title))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.nav.addItem(item)
        self.nav.setCurrentRow(current)
        self.nav.blockSignals(False)
        self._update_status()

    def _set_icons(self) -> None:
        """The areas' icons, added once the window has its database and user (the icon
        font's library takes a moment to load: neither the first paint of the window nor the
        login dialog waits for it)."""
        for row, area in enumerate(AREAS):
            item = self.nav.item(row)
            if item is not None:
                item.setIcon(icon(area.icon))
        for key, action in self._icon_actions.items():
            action.setIcon(icon(key))

    def _apply_roles(self) -> None:
        """Show only the areas the acting user has use for."""
        from kinerja_desktop.ui.roles import area_visible

        if self._ctx is None:
            return
        for row, area in enumerate(AREAS):
            visible = area_visible(area.key, self.ctx)
            self.nav.setRowHidden(row, not visible)
            action = self._area_actions.get(area.key)
            if action is not None:
                action.setVisible(visible)
        current = self.nav.currentRow()
        if current >= 0 and self.nav.isRowHidden(current):
            self.nav.setCurrentRow(0)

    def _update_status(self) -> None:
        if self._ctx is None:
            return
        self.db_label.setText(_("Database: {path}").format(path=self.ctx.home.database))
        self.user_label.setText(_("Signed in as {name}").format(name=self.ctx.actor.name))

    def area_screen(self, key: str) -> QWidget:
        """The screen of area ``key``, built on first use."""
        if key not in self._screens:
            area = self._area(key)
            module_name, class_name = area.factory.split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            widget = cls(self.ctx)
            widget.setObjectName(f"screen-{key}")
            compact_combos(widget)
            self._screens[key] = widget
            self.stack.addWidget(widget)
        return self._screens[key]

    def _area(self, key: str) -> Area:
        for area in AREAS:
            if area.key == key:
                return area
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        if self._ctx is not None and 0 <= row < len(AREAS):
            self.stack.setCurrentWidget(self.area_screen(AREAS[row].key))

    def open_area(self, key: str, payload: object) -> None:
        """Show area ``key`` and hand ``payload`` to its screen's ``open_item``."""
        row = next(i for i, area in enumerate(AREAS) if area.key == key)
        self.nav.setCurrentRow(row)
        widget = self.area_screen(key)
        self.stack.setCurrentWidget(widget)
        opener = getattr(widget, "open_item", None)
        if payload is not None and opener is not None:
            opener(payload)

    def show_guide(self, anchor: str | None = None) -> GuideWindow:
        """Open the user guide at ``anchor``, by default the section of the area shown."""
        if self._guide is None:
            self._guide = GuideWindow(self)
        if anchor is None:
            anchor = AREAS[max(self.nav.currentRow(), 0)].key
        self._guide.show_section(anchor)
        return self._guide

    def log_out(self, reason: str = "") -> bool:
        """End the session of the acting user and ask who works next; the window's content
        is hidden meanwhile. Quitting the login closes the program. True when someone logged
        in."""
        from kinerja_desktop.services.admin import office
        from kinerja_desktop.ui.login.login_dialog import LoginDialog

        central = self.centralWidget()
        assert central is not None
        central.setVisible(False)
        try:
            info = office.office_info(self.ctx.db, actor=self.ctx.actor)
            login = LoginDialog(self.ctx.db, office_name=info.instansi_nama, parent=self)
            if reason:
                login.show_error(reason)
            if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
                self.close()
                return False
            self.ctx.set_actor(login.actor)
            self.open_area(AREAS[0].key, None)
            return True
        finally:
            central.setVisible(True)

    def rebuild_screens(self) -> None:
        """Drop every area's screen; each is built anew on its next visit (after a language
        change or a restored database)."""
        for widget in self._screens.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._screens.clear()

    def switch_language(self, code: str) -> None:
        """Change the language now and remember it; screens are rebuilt in it."""
        set_language(code)
        set_value(self.ctx.home.settings_file, "language", code)
        current = AREAS[max(self.nav.currentRow(), 0)].key
        self.rebuild_screens()
        self._build_menus()
        self.retranslate()
        self._set_icons()
        self._apply_roles()
        self.ctx.language_changed.emit()
        self.open_area(current, None)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            _("About Kinerja Desktop"),
            _(
                "Kinerja Desktop {version}\n\nOffline performance management for civil "
                "servants under PermenPANRB 6/2022.\n\nData folder: {home}"
            ).format(version=__version__, home=self.ctx.home.root),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
