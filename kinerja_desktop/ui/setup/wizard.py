"""The first-start wizard: language, the office's identity, the first administrator, then
master data from files, demo data, or nothing yet.

Each page writes through the services when the person moves on (so a refused input stays
on its page with the service's message): the instansi and its first unit, the administrator
account (pengelola kinerja and hub operator, no forced password change), which also
encrypts the database (``services/admin/vault.py``) and is followed by the page showing the
recovery key once, then the master data import or the demo data, both run in the
background with progress and Cancel. When the wizard ends, ``actor`` is the administrator,
logged in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kinerja_desktop import preferences
from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import LANGUAGES, _, current_language, ngettext, set_language
from kinerja_desktop.paths import DataHome
from kinerja_desktop.ui.login.recovery_dialog import key_label, print_key, recovery_key_text
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.tasks import run_task
from kinerja_desktop.ui.widgets.fields import error_label

# The services (SQLAlchemy, the models, the crypto libraries) are imported where used: on a
# first start the wizard shows before the database is opened (``ui/startup.py``).
if TYPE_CHECKING:
    from kinerja_desktop.services.core.database import Database
    from kinerja_desktop.services.people import master_import


class _Page(QWizardPage):
    """A page whose texts are set when it is shown (after the language was chosen)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.setup = wizard
        self.error = error_label()

    def fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.setVisible(True)
        return False


class LanguagePage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.label = QLabel()
        layout.addWidget(self.label)
        layout.addWidget(self.language)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._apply)
        self._texts()

    def _texts(self) -> None:
        self.setTitle(_("Welcome to Kinerja Desktop"))
        self.setSubTitle(_("A few steps prepare this computer for your office."))
        self.label.setText(_("Language of the program:"))
        self.setup.retranslate_buttons()

    def _apply(self) -> None:
        code = str(self.language.currentData())
        set_language(code)
        preferences.set_value(self.setup.home.settings_file, "language", code)
        self._texts()


class OfficePage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.form = QFormLayout(self)
        self.kode = QLineEdit()
        self.kode.setObjectName("instansi_kode")
        self.nama = QLineEdit()
        self.nama.setObjectName("instansi_nama")
        self.kota = QLineEdit()
        self.kota.setObjectName("kota")
        self.unit_kode = QLineEdit()
        self.unit_kode.setObjectName("unit_kode")
        self.unit_nama = QLineEdit()
        self.unit_nama.setObjectName("unit_nama")
        self.labels = [QLabel() for _i in range(5)]
        for label, field in zip(
            self.labels,
            (self.kode, self.nama, self.kota, self.unit_kode, self.unit_nama),
            strict=True,
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow(self.error)
        self._filled = False

    def _fill(self) -> None:
        """The office's instansi as the database knows it (read once: the database is opened
        when this page is first shown, not before the wizard shows)."""
        from kinerja_desktop.services.admin import office

        if self._filled:
            return
        info = office.office_info(self.setup.db, actor=SYSTEM)
        self.kode.setText(info.instansi_kode)
        self.nama.setText(info.instansi_nama)
        self.kota.setText(info.kota)
        self._filled = True

    def initializePage(self) -> None:
        try:
            self._fill()
        except KinerjaError as error:  # the database could not be opened: nothing to set up
            show_error(self, error)
            self.setup.reject()
            return
        self.setTitle(_("Your office"))
        self.setSubTitle(
            _(
                "The instansi and the work unit this computer serves. The unit is optional when you import units from a file."
            )
        )
        texts = [_("Instansi &code:"), _("Instansi &name:"), _("&City (for signatures):"),
                 _("&Unit code:"), _("U&nit name:")]  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.kode.setPlaceholderText(_("for example PEMKAB-SLM"))
        self.nama.setPlaceholderText(_("for example Pemerintah Kabupaten Sleman"))

    def validatePage(self) -> bool:
        from kinerja_desktop.services.admin import office

        db = self.setup.db
        try:
            office.set_instansi(
                db,
                actor=SYSTEM,
                kode=self.kode.text(),
                nama=self.nama.text(),
                kota=self.kota.text(),
            )
        except KinerjaError as error:
            return self.fail(error.message)
        kode, nama = self.unit_kode.text().strip(), self.unit_nama.text().strip()
        if kode and not nama:
            return self.fail(_("Give the unit a name as well, or leave both unit fields empty."))
        # The unit is created on the last page: demo data brings its own units.
        self.setup.pending_unit = (kode, nama) if kode else None
        self.error.setVisible(False)
        return True


class AdminPage(_Page):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        form = QFormLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form.addRow(self.intro)
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _i in range(3)]
        for label, field in zip(
            self.labels, (self.username, self.password, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.error)

    def initializePage(self) -> None:
        from kinerja_desktop.services.admin import accounts

        self.setTitle(_("The administrator"))
        self.setSubTitle(
            _(
                "The performance administrator (pengelola kinerja) manages people, accounts and backups."
            )
        )
        self.intro.setText(
            _(
                "Choose the administrator's username and password (at least {n} characters). Each colleague gets an own account later."
            ).format(n=accounts.MIN_PASSWORD_LENGTH)
        )
        for label, text in zip(
            self.labels, (_("&Username:"), _("&Password:"), _("&Repeat password:")), strict=True
        ):
            label.setText(text)

    def validatePage(self) -> bool:
        if self.setup.actor is not None:
            return True
        if self.password.text() != self.repeat.text():
            return self.fail(_("The two passwords differ."))
        from kinerja_desktop.models.enums import Role
        from kinerja_desktop.services.admin import accounts, vault

        try:
            accounts.create_account(
                self.setup.db, actor=SYSTEM, username=self.username.text(),
                password=self.password.text(), roles={Role.PENGELOLA, Role.HUB_OPERATOR},
                must_change_password=False,
            )  # fmt: skip
            result = accounts.login(
                self.setup.db, username=self.username.text(), password=self.password.text()
            )
            self.setup.recovery_key = vault.encrypt_home(
                self.setup.db, username=self.username.text(), password=self.password.text()
            )
        except KinerjaError as error:
            return self.fail(error.message)
        self.setup.actor = result.actor
        self.username.setReadOnly(True)
        self.error.setVisible(False)
        return True


def _files_key(*paths: Path | None) -> tuple[tuple[str, float], ...]:
    """The chosen files and their modification times: a changed file is checked again."""
    return tuple(
        (str(p), p.stat().st_mtime if p.exists() else 0.0) if p else ("", 0.0) for p in paths
    )


class RecoveryPage(_Page):
    """The recovery key made with the administrator, shown this once."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.key = key_label("")
        layout.addWidget(self.key)
        self.print = QPushButton()
        self.print.clicked.connect(
            lambda: print_key(self, self.intro.text(), self.setup.recovery_key or "")
        )
        layout.addWidget(self.print, 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self.completeChanged)
        layout.addWidget(self.confirm)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.setTitle(_("Recovery key"))
        self.intro.setText(recovery_key_text())
        self.key.setText(self.setup.recovery_key or "")
        self.print.setText(_("Print…"))
        self.confirm.setText(_("I have printed or written down the recovery key"))

    def isComplete(self) -> bool:
        return self.confirm.isChecked()


class DataPage(_Page):
    """Master data: from spreadsheet files (XLSX or CSV), demo data, or nothing yet."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.done = False
        self.previewed: object = None
        layout = QVBoxLayout(self)
        self.choice = QButtonGroup(self)
        self.from_files = QRadioButton()
        self.from_files.setObjectName("from_files")
        self.demo = QRadioButton()
        self.demo.setObjectName("demo")
        self.empty = QRadioButton()
        self.empty.setObjectName("empty")
        for index, button in enumerate((self.from_files, self.demo, self.empty)):
            self.choice.addButton(button, index)
        self.empty.setChecked(True)
        layout.addWidget(self.from_files)
        files = QWidget()
        grid = QFormLayout(files)
        units_row, self.units_path = self._picker()
        people_row, self.people_path = self._picker()
        self.units_label, self.people_label = QLabel(), QLabel()
        grid.addRow(self.units_label, units_row)
        grid.addRow(self.people_label, people_row)
        self.templates = QPushButton()
        self.templates.clicked.connect(self.save_templates)
        grid.addRow(self.templates)
        self.confirm_tmt = QCheckBox()
        self.confirm_tmt.setObjectName("confirm_tmt")
        self.confirm_tmt.setVisible(False)  # shown when the check finds such NIPs
        grid.addRow(self.confirm_tmt)
        layout.addWidget(files)
        layout.addWidget(self.demo)
        demo_row = QHBoxLayout()
        self.employees = QSpinBox()
        self.employees.setObjectName("employees")
        self.employees.setRange(10, 20000)
        self.employees.setValue(300)
        self.employees_label = QLabel()
        demo_row.addWidget(self.employees_label)
        demo_row.addWidget(self.employees)
        demo_row.addStretch(1)
        layout.addLayout(demo_row)
        layout.addWidget(self.empty)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _picker(self) -> tuple[QWidget, QLineEdit]:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        line = QLineEdit()
        browse = QPushButton("…")
        browse.clicked.connect(lambda: self._browse(line))
        row.addWidget(line, 1)
        row.addWidget(browse)
        return holder, line

    def _browse(self, line: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a spreadsheet file"),
            str(Path.home()),
            _("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"),
        )
        if path:
            line.setText(path)
            self.from_files.setChecked(True)

    def save_templates(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the two template files"))
        if not folder:
            return
        from kinerja_desktop.services.people import master_import

        for kind, name in (("units", "unit.csv"), ("people", "pegawai.csv")):
            (Path(folder) / name).write_text(master_import.template_text(kind), encoding="utf-8")
        self.summary.setText(
            _("Templates saved in {folder}: unit.csv and pegawai.csv.").format(folder=folder)
        )

    def initializePage(self) -> None:
        self.setTitle(_("People and units"))
        self.setSubTitle(
            _("Bring in your office's units and people, or look around with demo data first.")
        )
        self.from_files.setText(_("Import units and people from spreadsheets (XLSX or CSV)"))
        self.units_label.setText(_("Units file:"))
        self.people_label.setText(_("People file:"))
        self.templates.setText(_("Save empty templates…"))
        self.confirm_tmt.setText(
            _("I checked them: accept the NIPs whose TMT CPNS lies before the 18th birthday")
        )
        self.demo.setText(_("Load demo data (a fictional regency) to look around"))
        self.employees_label.setText(_("Number of people:"))
        self.empty.setText(_("Start empty: add units and people later"))
        from kinerja_desktop.services.people import directory as people

        if people.has_people(self.setup.db, actor=SYSTEM):
            self.summary.setText(
                _("This database already holds people; nothing needs to be imported.")
            )

    def validatePage(self) -> bool:
        if self.done:
            return True
        db, actor = self.setup.db, self.setup.actor or SYSTEM
        if not self.demo.isChecked():
            try:
                self.setup.create_pending_unit()
            except KinerjaError as error:
                return self.fail(error.message)
        if self.empty.isChecked():
            return True
        if self.from_files.isChecked():
            from kinerja_desktop.services.people import master_import

            units = Path(self.units_path.text()) if self.units_path.text().strip() else None
            persons = Path(self.people_path.text()) if self.people_path.text().strip() else None
            if units is None and persons is None:
                return self.fail(_("Choose the units file, the people file, or both."))
            confirm = self.confirm_tmt.isChecked()
            key = (_files_key(units, persons), confirm)
            if key != self.previewed:
                run_task(
                    self,
                    lambda progress: master_import.import_master(
                        db, actor=actor, units_csv=units, people_csv=persons, dry_run=True,
                        confirm_tmt=confirm, progress=progress,
                    ),
                    title=_("Checking the files…"),
                    on_done=lambda s: self._previewed(key, s),
                    on_error=self._check_failed,
                )  # fmt: skip
                return False
            run_task(
                self,
                lambda progress: master_import.import_master(
                    db,
                    actor=actor,
                    units_csv=units,
                    people_csv=persons,
                    confirm_tmt=confirm,
                    progress=progress,
                ),
                title=_("Importing units and people…"),
                on_done=lambda s: self._finished(
                    _(
                        "Imported: {units} units and {people} people added, {updated} updated."
                    ).format(
                        units=s.units_added,
                        people=s.people_added,
                        updated=s.units_updated + s.people_updated,
                    )
                ),
            )
            return False
        from kinerja_desktop.services.demo import generator as demo

        count = self.employees.value()
        run_task(
            self,
            lambda progress: demo.generate_demo(db, employees=count, seed=1, progress=progress),
            title=_("Loading demo data…"),
            on_done=lambda _summary: self._finished(_("Demo data loaded.")),
        )
        return False

    def _check_failed(self, error: BaseException) -> None:
        """The files were refused: when some NIPs only need confirming, offer the checkbox."""
        from kinerja_desktop.services.people import master_import

        if isinstance(error, master_import.MasterImportError) and error.needs_confirmation:
            self.confirm_tmt.setVisible(True)
        show_error(self, error)

    def _previewed(self, key: object, summary: master_import.ImportSummary) -> None:
        """Show what the import will do; the next Finish applies it (unless a file changes)."""
        self.previewed = key
        self.error.setVisible(False)
        text = _(
            "The files are correct: {units} units and {people} people will be added, "
            "{updated} updated. Press Finish to import them."
        ).format(
            units=summary.units_added,
            people=summary.people_added,
            updated=summary.units_updated + summary.people_updated,
        )
        if summary.tmt_confirmed:
            text += " " + ngettext(
                "{n} NIP with a TMT CPNS before the 18th birthday is accepted as confirmed.",
                "{n} NIPs with a TMT CPNS before the 18th birthday are accepted as confirmed.",
                len(summary.tmt_confirmed),
            ).format(n=len(summary.tmt_confirmed))
        self.summary.setText(text)

    def _finished(self, message: str) -> None:
        self.done = True
        self.error.setVisible(False)
        self.summary.setText(message)
        self.setup.button(QWizard.WizardButton.FinishButton).click()


class SetupWizard(QWizard):
    """The first start; ``actor`` is the new administrator once the account page passed."""

    def __init__(
        self,
        db: Database | Callable[[], Database],
        home: DataHome,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.home = home
        self.actor: Actor | None = None
        self.pending_unit: tuple[str, str] | None = None
        self.recovery_key: str | None = None
        self.setWindowTitle(_("Kinerja Desktop: first start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(620, 460)
        self.language_page = LanguagePage(self)
        self.office_page = OfficePage(self)
        self.admin_page = AdminPage(self)
        self.recovery_page = RecoveryPage(self)
        self.data_page = DataPage(self)
        for page in (
            self.language_page,
            self.office_page,
            self.admin_page,
            self.recovery_page,
            self.data_page,
        ):
            self.addPage(page)

    @property
    def db(self) -> Database:
        """The database; given as an opener, it is opened on first use (the office page),
        so that the wizard shows before the data layer is even loaded."""
        if callable(self._db):
            self._db = self._db()
        return self._db

    def opened_db(self) -> Database | None:
        """The database if it was given or opened, None while the opener was not called."""
        return None if callable(self._db) else self._db

    def create_pending_unit(self) -> None:
        """Create the unit named on the office page, unless it exists already."""
        if self.pending_unit is None:
            return
        from kinerja_desktop.services.people import directory as people

        kode, nama = self.pending_unit
        if kode not in {u.kode for u in people.list_units(self.db, actor=SYSTEM)}:
            people.create_unit(self.db, actor=SYSTEM, kode=kode, nama=nama)

    def retranslate_buttons(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))

    def accept(self) -> None:
        if self.actor is None:
            return
        super().accept()
