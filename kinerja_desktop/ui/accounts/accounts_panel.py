"""Accounts and backups in the settings screen.

``AccountsPanel``: everyone may change their own password here; the pengelola kinerja also
sees every account and adds accounts, resets passwords (a temporary password is made and
shown once; the person must replace it at the next login), changes roles and (de)activates.
``BackupsPanel`` (pengelola kinerja): the backups in the data folder, "Back up now", "Save a
copy as…", and the database check. A restore replaces the open database, so it is done with
the program closed: ``kinerja restore FILE`` (the panel says so).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_datetime, format_number
from kinerja_desktop.models.enums import Role
from kinerja_desktop.services.admin import accounts, audit, backup
from kinerja_desktop.services.admin.accounts import AccountRow
from kinerja_desktop.services.core import access
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.login.login_dialog import ChangePasswordDialog
from kinerja_desktop.ui.messages import confirm, show_error
from kinerja_desktop.ui.restore import restore_database
from kinerja_desktop.ui.widgets.fields import error_label
from kinerja_desktop.ui.widgets.person_picker import PersonPicker, choices


def role_label(role: Role) -> str:
    return {
        Role.PEGAWAI: _("pegawai"),
        Role.PENGELOLA: _("performance administrator"),
        Role.HUB_OPERATOR: _("hub operator"),
    }[role]


class AccountDialog(QDialog):
    """Add an account (``row`` None) or change an account's roles and state."""

    def __init__(self, ctx: AppContext, row: AccountRow | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.password = ""
        self.setWindowTitle(
            _("Add account") if row is None else _("Account {name}").format(name=row.username)
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(row.username if row else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(row is not None)
        form.addRow(_("&Username:"), self.username)
        self.person = PersonPicker(name="person")
        self.nips: dict[str, str] = {}
        if row is None:
            taken = {a.pegawai_id for a in accounts.list_accounts(ctx.db, actor=ctx.actor)}
            free = [p for p in people.list_people(ctx.db, actor=ctx.actor) if p.id not in taken]
            self.nips = {p.id: p.nip for p in free}
            self.person.set_people(
                choices(free), leading=[(_("(no person: administrator only)"), "")]
            )
            form.addRow(_("&Person:"), self.person)
        self.roles: dict[Role, QCheckBox] = {}
        for role in (Role.PENGELOLA, Role.HUB_OPERATOR):
            box = QCheckBox(role_label(role))
            box.setObjectName(f"role_{role.value}")
            box.setChecked(row is not None and role in row.roles)
            self.roles[role] = box
            form.addRow("", box)
        self.active = QCheckBox(_("Active"))
        self.active.setChecked(row is None or row.aktif)
        if row is not None:
            form.addRow("", self.active)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_roles(self) -> set[Role]:
        return {Role.PEGAWAI} | {role for role, box in self.roles.items() if box.isChecked()}

    def save(self) -> None:
        try:
            if self.row is None:
                self.password = accounts.one_time_password()
                accounts.create_account(
                    self.ctx.db, actor=self.ctx.actor, username=self.username.text(),
                    password=self.password, nip=self.nips.get(str(self.person.currentData()), ""),
                    roles=self.chosen_roles(),
                )  # fmt: skip
            else:
                accounts.update_account(
                    self.ctx.db, actor=self.ctx.actor, username=self.row.username,
                    roles=self.chosen_roles(), aktif=self.active.isChecked(),
                )  # fmt: skip
        except KinerjaError as error:
            self.error.setText(error.message)
            self.error.setVisible(True)
            return
        self.accept()


def show_temporary_password(
    parent: QWidget, username: str, password: str, *, reset: bool = False
) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Temporary password"))
    box.setText(
        _("The temporary password of {name} is:\n\n{password}\n\nGive it to the person; they "
          "choose their own password at the next login. It is not shown again.")
        .format(name=username, password=password)
    )  # fmt: skip
    if reset:
        box.setInformativeText(
            _("A reset cannot open {name}'s private coaching notes: they stay locked until "
              "{name} enters their own private-notes recovery code.").format(name=username)
        )  # fmt: skip
    box.exec()


class AccountsPanel(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Accounts"), parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        own = QHBoxLayout()
        self.me = QLabel()
        self.change_own = QPushButton(_("Change my password…"))
        self.change_own.clicked.connect(self.change_my_password)
        own.addWidget(self.me, 1)
        own.addWidget(self.change_own)
        layout.addLayout(own)
        self.admin = QWidget()
        admin_layout = QVBoxLayout(self.admin)
        admin_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("accounts")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        admin_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add = QPushButton(_("Add account…"))
        self.edit = QPushButton(_("Roles and state…"))
        self.reset = QPushButton(_("Reset password…"))
        for button in (self.add, self.edit, self.reset):
            buttons.addWidget(button)
        buttons.addStretch(1)
        admin_layout.addLayout(buttons)
        layout.addWidget(self.admin)
        self.add.clicked.connect(self.add_account)
        self.edit.clicked.connect(self.edit_account)
        self.reset.clicked.connect(self.reset_password)
        ctx.actor_changed.connect(self.refresh)
        ctx.data_changed.connect(self._data_changed)
        self.rows: list[AccountRow] = []
        self.refresh()

    def _data_changed(self, area: str) -> None:
        if area in ("accounts", "people", "*"):
            self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        self.me.setText(_("Logged in as {name}.").format(name=actor.name))
        self.change_own.setEnabled(actor.user_id is not None)
        self.admin.setVisible(actor.is_pengelola)
        if not actor.is_pengelola:
            return
        self.rows = accounts.list_accounts(self.ctx.db, actor=actor)
        self.table.setHorizontalHeaderLabels(
            [_("Username"), _("Name"), _("Roles"), _("Active"), _("Locked until")]
        )
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            locked = (
                row.terkunci_sampai.astimezone().strftime("%H:%M") if row.terkunci_sampai else ""
            )
            cells = [
                row.username, row.pegawai_nama,
                ", ".join(role_label(r) for r in sorted(row.roles)),
                _("yes") if row.aktif else _("no"), locked,
            ]  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> AccountRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def change_my_password(self) -> None:
        ChangePasswordDialog(self.ctx.db, self.ctx.actor, parent=self).exec()

    def add_account(self) -> None:
        dialog = AccountDialog(self.ctx, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            show_temporary_password(self, dialog.username.text().strip(), dialog.password)

    def edit_account(self) -> None:
        row = self.selected()
        if row is not None:
            AccountDialog(self.ctx, row, self).exec()

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            reset = accounts.reset_password(
                self.ctx.db, actor=self.ctx.actor, username=row.username
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.refresh()
        show_temporary_password(self, row.username, reset.one_time_password, reset=True)


class BackupsPanel(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Backups"), parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.note = QLabel(
            _("A backup is made automatically every {minutes} minutes while data changes, and "
              "when the program closes; the newest {keep} are kept in {folder}. To go back to "
              "one, choose it and press “Restore…”.").format(
                minutes=int(backup.AUTO_INTERVAL.total_seconds() // 60), keep=backup.KEEP_AUTOMATIC,
                folder=ctx.home.backups,
            )
        )  # fmt: skip
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backups")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.now = QPushButton(_("Back up now"))
        self.save_as = QPushButton(_("Save a copy as…"))
        self.check = QPushButton(_("Check the database"))
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setObjectName("restore")
        self.restore_button.setToolTip(
            _("Replace the current data with the chosen backup (or another backup file)")
        )
        buttons = FlowLayout()
        for button in (self.now, self.save_as, self.check, self.restore_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.now.clicked.connect(lambda: self.make(None))
        self.save_as.clicked.connect(self.choose_and_save)
        self.check.clicked.connect(self.run_check)
        self.restore_button.clicked.connect(self.choose_and_restore)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        ctx.actor_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.setVisible(self.ctx.actor.is_pengelola)
        rows = backup.list_backups(self.ctx.home)
        self.table.setHorizontalHeaderLabels([_("File"), _("Made"), _("Size (KB)")])
        self.table.setRowCount(len(rows))
        for index, info in enumerate(rows):
            cells = [
                info.path.name,
                format_datetime(info.created),
                format_number(info.size // 1024),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()

    def make(self, out: Path | None) -> None:
        try:
            path = backup.export_backup(self.ctx.home, actor=self.ctx.actor, out=out)
        except KinerjaError as error:
            show_error(self, error)
            return
        self.status.setText(_("Backup written and checked: {path}").format(path=path))
        self.refresh()

    def choose_and_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy of the database"), str(Path.home() / "kinerja-backup.sqlite3"),
            _("Kinerja database (*.sqlite3)"),
        )  # fmt: skip
        if path:
            self.make(Path(path))

    def chosen_backup(self) -> Path | None:
        item = self.table.item(self.table.currentRow(), 0)
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def choose_and_restore(self) -> None:
        path = self.chosen_backup()
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self, _("Choose a backup to restore"), str(self.ctx.home.backups),
                _("Kinerja database (*.sqlite3)"),
            )  # fmt: skip
            if not name:
                return
            path = Path(name)
        self.restore(path)

    def restore(self, path: Path) -> bool:
        """Check ``path`` as ``kinerja restore`` does, ask, replace the database with it, and
        have everyone log in again (the accounts are those of the backup). True when done."""
        try:
            access.require_pengelola(self.ctx.actor)
            backup.verify_restorable(self.ctx.home, path)
        except KinerjaError as error:
            show_error(self, error)
            return False
        question = _(
            "Replace the current data with the backup {name}? Changes made after it are lost; "
            "the current database is kept as a copy in {folder}. Everyone logs in again."
        ).format(name=path.name, folder=self.ctx.home.backups)
        if not confirm(self, question, _("Restore a backup")):
            return False
        try:
            result = restore_database(self.ctx, path)
        except KinerjaError as error:
            show_error(self, error)
            return False
        window = self.window()
        rebuild = getattr(window, "rebuild_screens", None)
        log_out = getattr(window, "log_out", None)
        message = _("Database restored from {path}.").format(path=result.restored_from)
        if rebuild is not None and log_out is not None:
            rebuild()
            log_out(message)
        else:
            self.status.setText(message)
        return True

    def run_check(self) -> None:
        """SQLite's integrity check, the schema against its revision, the audit log's chain."""
        result = backup.check_database(self.ctx.home, full=True, schema=True)
        if result.ok:
            chain = audit.verify_chain(self.ctx.home.database, backup.home_key(self.ctx.home))
            healthy = _("The database is healthy: {path}").format(path=result.path)
            self.status.setText(f"{healthy}\n{chain.message}" if chain.ok else chain.message)
        else:
            self.status.setText(
                _("The database is damaged: {problems}").format(problems=result.message())
            )
