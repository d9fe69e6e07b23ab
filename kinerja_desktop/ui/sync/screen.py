"""Sync screen: exchange bundles with the hub (or offices), preview imports, decide conflicts.

Tabs: *Exchange* (this install, its trusted peers, export to a folder or drive, import,
enrolment by identity card), *Import preview* (what a bundle would change, before anything
is written; then Apply), *Conflicts* (both versions side by side: keep mine, keep theirs,
or take chosen fields from theirs) and *History* (bundles in and out, delivery).
``open_item(path)`` opens the preview of a bundle (double-clicking a ``.kinerja`` file).
Export and import run through ``run_task``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kinerja_desktop.errors import KinerjaError
from kinerja_desktop.i18n import _, format_date
from kinerja_desktop.services.sync import exchange as sync_service
from kinerja_desktop.services.sync.exchange import ExportResult, ImportReport
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.layout import FlowLayout
from kinerja_desktop.ui.messages import show_error
from kinerja_desktop.ui.tasks import run_task

_DIFFERS = QColor("#fff1c2")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def _text(value: Any) -> str:
    return "—" if value is None else str(value)


class SyncScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pending: Path | None = None
        self.preview: ImportReport | None = None
        self.last_export: ExportResult | None = None
        self.conflicts: list[sync_service.ConflictView] = []
        self.peer_rows: list[sync_service.PeerRow] = []
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._exchange_tab(), _("Exchange"))
        self.tabs.addTab(self._preview_tab(), _("Import preview"))
        self.tabs.addTab(self._conflicts_tab(), _("Conflicts"))
        self.tabs.addTab(self._history_tab(), _("History"))
        ctx.data_changed.connect(self._changed)
        self._loaded = False

    # --- building ---------------------------------------------------------------------------

    def _exchange_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.identity)
        layout.addWidget(QLabel(_("Installs this one exchanges bundles with:")))
        self.peers = _table(
            [_("Name"), _("Mode"), _("Install"), _("Key fingerprint"), _("Bundles sent"),
             _("Not yet confirmed")]
        )  # fmt: skip
        self.peers.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.peers)
        self.empty_peers = QLabel(
            _(
                "No install is trusted yet. Save this install's identity card and give it to "
                "the hub; trust the card the hub gives you. Compare the key fingerprints by "
                "phone."
            )
        )
        self.empty_peers.setWordWrap(True)
        layout.addWidget(self.empty_peers)
        buttons = FlowLayout()
        self.export_button = QPushButton(_("Export bundle to a folder…"))
        self.export_button.clicked.connect(self._choose_export_folder)
        self.import_button = QPushButton(_("Import a bundle or receipt…"))
        self.import_button.clicked.connect(self._choose_import_file)
        self.card_button = QPushButton(_("Save identity card…"))
        self.card_button.clicked.connect(self._save_card)
        self.trust_button = QPushButton(_("Trust an identity card…"))
        self.trust_button.clicked.connect(self._trust_card)
        self.remove_button = QPushButton(_("Remove install…"))
        self.remove_button.clicked.connect(self._remove_selected)
        for button in (self.export_button, self.import_button, self.card_button,
                       self.trust_button, self.remove_button):  # fmt: skip
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.exchange_message = QLabel()
        self.exchange_message.setWordWrap(True)
        self.exchange_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.exchange_message)
        return page

    def _preview_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.preview_title = QLabel(
            _("Choose a bundle to import: nothing is written before you apply it.")
        )
        self.preview_title.setWordWrap(True)
        layout.addWidget(self.preview_title)
        self.preview_counts = _table([_("Table"), _("Records that change")])
        layout.addWidget(self.preview_counts)
        self.preview_notes = QPlainTextEdit()
        self.preview_notes.setReadOnly(True)
        layout.addWidget(self.preview_notes)
        buttons = FlowLayout()
        self.apply_button = QPushButton(_("Apply this bundle"))
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_pending)
        self.discard_button = QPushButton(_("Do not import"))
        self.discard_button.setEnabled(False)
        self.discard_button.clicked.connect(self._discard_preview)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.discard_button)
        layout.addLayout(buttons)
        return page

    def _conflicts_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.conflict_hint = QLabel()
        self.conflict_hint.setWordWrap(True)
        layout.addWidget(self.conflict_hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.conflict_list = QListWidget()
        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        splitter.addWidget(self.conflict_list)
        self.fields = _table([_("Take theirs"), _("Field"), _("Mine (this install)"),
                              _("Theirs (other install)"), _("Merged text (editable)")])  # fmt: skip
        self.fields.setEditTriggers(
            QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed
        )
        header = self.fields.horizontalHeader()
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.fields)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 860])
        layout.addWidget(splitter, 1)
        buttons = FlowLayout()
        self.keep_mine = QPushButton(_("Keep mine"))
        self.keep_mine.clicked.connect(lambda: self.resolve_current("mine"))
        self.keep_theirs = QPushButton(_("Keep theirs"))
        self.keep_theirs.clicked.connect(lambda: self.resolve_current("theirs"))
        self.merge_button = QPushButton(_("Merge: take the ticked fields from theirs"))
        self.merge_button.clicked.connect(lambda: self.resolve_current("merge"))
        for button in (self.keep_mine, self.keep_theirs, self.merge_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history = _table([_("Date"), _("Direction"), _("Install"), _("No."), _("Status"),
                               _("Delivered"), _("Records"), _("File")])  # fmt: skip
        layout.addWidget(self.history)
        return page

    # --- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def _changed(self, area: str) -> None:
        if area in ("sync", "*") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._loaded = True
        try:
            status = sync_service.status(self.ctx.db, self.ctx.home, actor=self.ctx.actor)
        except KinerjaError as error:
            self.identity.setText(error.message)
            for button in (self.export_button, self.import_button, self.card_button,
                           self.trust_button):  # fmt: skip
                button.setEnabled(False)
            return
        mode = _("hub") if status.mode == "hub" else _("office")
        self.identity.setText(
            _("This install: {name} ({mode}), id {id}. Key fingerprint: {fp}.").format(
                name=status.name or _("(unnamed)"),
                mode=mode,
                id=status.install_id,
                fp=status.fingerprint,
            )
        )
        self.peer_rows = list(status.peers)
        _fill(
            self.peers,
            [[p.name, _("hub") if p.mode == "hub" else _("office"), p.install_id[:8],
              p.fingerprint, str(p.bundles_sent),
              str(p.undelivered)] for p in self.peer_rows],
        )  # fmt: skip
        self.empty_peers.setVisible(not self.peer_rows)
        self._update_buttons()
        self._load_conflicts()
        self._load_history()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self._selected_peer() is not None)
        self.remove_button.setEnabled(self._selected_peer() is not None)

    def _selected_peer(self) -> sync_service.PeerRow | None:
        row = self.peers.currentRow()
        rows = self.peer_rows
        if len(rows) == 1:
            return rows[0]
        return rows[row] if 0 <= row < len(rows) else None

    def _load_conflicts(self) -> None:
        self.conflicts = sync_service.list_conflicts(self.ctx.db, actor=self.ctx.actor)
        self.conflict_list.clear()
        for conflict in self.conflicts:
            changed = ", ".join(f.name for f in conflict.fields if f.differs)
            kind = {"edit": _("changed on both sides"), "delete": _("deleted on one side"),
                    "duplicate": _("same key, two records")}.get(conflict.kind, conflict.kind)  # fmt: skip
            origin = _("from {name}").format(
                name=conflict.remote_name or conflict.remote_install_id[:8]
            )
            item = QListWidgetItem(f"{conflict.table} · {kind} · {origin}\n{changed}")
            self.conflict_list.addItem(item)
        self.conflict_hint.setText(
            _("No conflicts wait for a decision.")
            if not self.conflicts
            else _(
                "The same record was changed here and elsewhere. Compare both versions and "
                "decide; your decision travels with the next bundle."
            )
        )
        self.tabs.setTabText(
            2,
            _("Conflicts ({n})").format(n=len(self.conflicts))
            if self.conflicts
            else _("Conflicts"),
        )
        if self.conflicts:
            self.conflict_list.setCurrentRow(0)
        else:
            self.fields.setRowCount(0)
            self._conflict_buttons(None)

    def _show_conflict(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self._conflict_buttons(conflict)
        if conflict is None:
            self.fields.setRowCount(0)
            return
        ordered = sorted(conflict.fields, key=lambda f: not f.differs)  # differences first
        self.fields.setRowCount(len(ordered))
        for r, diff in enumerate(ordered):
            take = QTableWidgetItem()
            if diff.differs and conflict.kind != "duplicate":
                take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                take.setCheckState(Qt.CheckState.Unchecked)
            else:
                take.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.fields.setItem(r, 0, take)
            cells = [diff.name, _text(diff.mine), _text(diff.theirs)]
            for c, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if diff.differs:
                    item.setBackground(QBrush(_DIFFERS))
                self.fields.setItem(r, c, item)
            merged = QTableWidgetItem()
            if diff.differs and diff.is_text and conflict.kind != "duplicate":
                merged.setText("" if diff.mine is None else str(diff.mine))
                merged.setData(Qt.ItemDataRole.UserRole, merged.text())
                merged.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsEditable
                )
            else:
                merged.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.fields.setItem(r, 4, merged)

    def _conflict_buttons(self, conflict: sync_service.ConflictView | None) -> None:
        self.keep_mine.setEnabled(conflict is not None)
        self.keep_theirs.setEnabled(conflict is not None)
        self.merge_button.setEnabled(conflict is not None and conflict.kind != "duplicate")

    def _load_history(self) -> None:
        rows = sync_service.history(self.ctx.db, actor=self.ctx.actor)
        statuses = {
            "sent": _("sent"),
            "delivered": _("delivered"),
            "applied": _("applied"),
            "conflicts": _("applied, with conflicts"),
        }
        _fill(
            self.history,
            [[format_date(r.at.date()), _("in") if r.direction == "in" else _("out"),
              r.peer_name or r.peer_install_id[:8], str(r.bundle_seq),
              statuses.get(r.status, r.status),
              "—" if r.direction == "in" else (_("yes") if r.delivered else _("not yet")),
              str(sum((r.report.get("counts") or r.report.get("applied") or {}).values())),
              r.file_name]
             for r in rows],
        )  # fmt: skip

    # --- actions ----------------------------------------------------------------------------

    def _choose_export_folder(self) -> None:
        peer = self._selected_peer()
        if peer is None:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Folder or drive for the bundle"))
        if folder:
            self.export_to(peer.install_id, Path(folder))

    def export_to(self, peer_install_id: str, folder: Path) -> None:
        """Write a bundle for the peer into ``folder`` (in the background)."""
        ctx = self.ctx

        def work(progress: Any) -> ExportResult:
            return sync_service.export(ctx.db, ctx.home, actor=ctx.actor, to=peer_install_id,
                                       out=folder, progress=progress)  # fmt: skip

        run_task(self, work, title=_("Writing the bundle…"), on_done=self._exported)

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        self.exchange_message.setText(
            _("Bundle no. {seq} for {name} written: {records} records, {files} files.\n{path}")
            .format(seq=result.bundle_seq, name=result.peer_name, records=result.records,
                    files=result.attachments, path=result.path)
        )  # fmt: skip
        self.refresh()

    def _choose_import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Bundle or receipt to import"), "",
            _("Kinerja bundles and receipts (*.kinerja *.kinerja-receipt);;All files (*)"),
        )  # fmt: skip
        if name:
            self.open_item(Path(name))

    def open_item(self, payload: object) -> None:
        """Preview the import of the bundle at ``payload`` (a path); nothing is written."""
        path = Path(str(payload))
        self.pending = path
        self.preview = None
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        self.preview_title.setText(_("Checking {name}…").format(name=path.name))
        self.preview_counts.setRowCount(0)
        self.preview_notes.clear()
        self.tabs.setCurrentIndex(1)
        ctx = self.ctx

        def work(progress: Any) -> Any:
            return sync_service.import_file(ctx.db, ctx.home, actor=ctx.actor, path=path,
                                            dry_run=True, progress=progress)  # fmt: skip

        run_task(self, work, title=_("Checking the bundle…"),
                 on_done=lambda result: self._previewed(path, result),
                 on_error=lambda error: self._refused(path, error))  # fmt: skip

    def _refused(self, path: Path, error: BaseException) -> None:
        if self.pending != path:  # another file was opened meanwhile: keep its preview
            show_error(self, error)
            return
        self.pending = None
        self.preview_title.setText(_("This file cannot be imported."))
        self.preview_notes.setPlainText(
            error.message if isinstance(error, KinerjaError) else str(error)
        )
        self.discard_button.setEnabled(False)
        if not isinstance(error, KinerjaError):
            show_error(self, error)

    def _previewed(self, path: Path, result: Any) -> None:
        if self.pending != path:  # another file was opened meanwhile
            return
        if not isinstance(result, ImportReport):
            self.preview_title.setText(result.message)
            self.pending = None
            return
        self.preview = result
        if result.status == "already":
            self.preview_title.setText(result.message)
            self.pending = None
            return
        self.preview_title.setText(
            _("Bundle no. {seq} from {name}. {summary}").format(
                seq=result.bundle_seq, name=result.source_name, summary=result.message
            )
        )
        _fill(self.preview_counts, [[t, str(n)] for t, n in result.applied.items()])
        notes = [
            _("Will wait for a decision: {table} {id} ({kind})").format(
                table=c["table"], id=c["record_id"], kind=c["kind"])
            for c in result.conflicts
        ] + [
            _("Refused: {table} {id}: {why}").format(
                table=r["table"], id=r["record_id"], why=r["reason"])
            for r in result.refused
        ]  # fmt: skip
        self.preview_notes.setPlainText("\n".join(notes) or _("Nothing waits for a decision."))
        self.apply_button.setEnabled(True)
        self.discard_button.setEnabled(True)

    def _discard_preview(self) -> None:
        self.pending = None
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        self.preview_title.setText(_("Not imported; nothing was changed."))

    def apply_pending(self) -> None:
        """Import the previewed bundle (in the background)."""
        path = self.pending
        if path is None:
            return
        self.apply_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        ctx = self.ctx

        def work(progress: Any) -> Any:
            return sync_service.import_file(ctx.db, ctx.home, actor=ctx.actor, path=path,
                                            progress=progress)  # fmt: skip

        run_task(self, work, title=_("Importing the bundle…"),
                 on_done=lambda result: self._applied(path, result),
                 on_error=lambda error: self._refused(path, error))  # fmt: skip

    def _applied(self, path: Path, result: Any) -> None:
        if self.pending == path:  # not when another file was opened while this one imported
            self.pending = None
            self.preview_title.setText(_("Imported. {summary}").format(summary=result.message))
        self.refresh()

    def ticked_fields(self) -> tuple[str, ...]:
        """The fields ticked to take from the other version."""
        names: list[str] = []
        for r in range(self.fields.rowCount()):
            tick, name = self.fields.item(r, 0), self.fields.item(r, 1)
            ticked = tick is not None and tick.checkState() == Qt.CheckState.Checked
            if ticked and name is not None:
                names.append(name.text())
        return tuple(names)

    def edited_texts(self) -> dict[str, str]:
        """Text fields whose merged text was edited to differ from this install's value."""
        texts: dict[str, str] = {}
        for r in range(self.fields.rowCount()):
            name, merged = self.fields.item(r, 1), self.fields.item(r, 4)
            if name is None or merged is None:
                continue
            editable = bool(merged.flags() & Qt.ItemFlag.ItemIsEditable)
            if editable and merged.text() != merged.data(Qt.ItemDataRole.UserRole):
                texts[name.text()] = merged.text()
        return texts

    def _save_card(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save identity card"), "kinerja-identity.kinerja-id",
            _("Identity cards (*.kinerja-id)"),
        )  # fmt: skip
        if not name:
            return
        try:
            path = sync_service.save_identity(self.ctx.db, self.ctx.home, actor=self.ctx.actor,
                                              out=Path(name))  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self.exchange_message.setText(
            _("Identity card saved to {path}. Give it to the other side.").format(path=path)
        )

    def _trust_card(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Identity card to trust"), "", _("Identity cards (*.kinerja-id)")
        )
        if name:
            self.trust_card(Path(name))

    def trust_card(self, path: Path) -> None:
        """Show both key fingerprints of the identity card at ``path`` and trust its install
        only once the operator confirms they match what the other side reads."""
        try:
            info = sync_service.read_card(
                self.ctx.db, self.ctx.home, actor=self.ctx.actor, card_path=path
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        answer = QMessageBox.question(
            self,
            _("Compare the key fingerprints"),
            _(
                "Identity card of {name} ({id}).\n\n"
                "Its key fingerprint:\n{theirs}\n\n"
                "This install's key fingerprint (read it to the other side):\n{mine}\n\n"
                "Call the other side. Trust this card only if they read you exactly its "
                "fingerprint. Do they match?"
            ).format(
                name=info.name, id=info.install_id, theirs=info.fingerprint,
                mine=info.own_fingerprint,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            self.exchange_message.setText(_("Not trusted; nothing was changed."))
            return
        try:
            peer = sync_service.trust(
                self.ctx.db, actor=self.ctx.actor, card_path=path, confirmed=info.fingerprint
            )
        except KinerjaError as error:
            show_error(self, error)
            return
        self.exchange_message.setText(
            _("Now trusting {name} (key fingerprint {fp}).").format(
                name=peer.name, fp=peer.fingerprint
            )
        )
        self.refresh()

    def _remove_selected(self) -> None:
        peer = self._selected_peer()
        if peer is not None:
            self.remove_peer(peer)

    def remove_peer(self, peer: sync_service.PeerRow) -> None:
        """Stop trusting ``peer`` (as ``kinerja sync untrust``), once the operator confirmed
        the install by its name and key fingerprint."""
        answer = QMessageBox.question(
            self,
            _("Remove an install"),
            _(
                "Remove {name} ({id}) from the installs this one trusts?\n\n"
                "Its key fingerprint:\n{fp}\n\n"
                "Its keys are deleted and its bundles are refused from now on. To exchange "
                "with it again, trust its identity card again."
            ).format(name=peer.name, id=peer.install_id, fp=peer.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.exchange_message.setText(_("Not removed; nothing was changed."))
            return
        try:
            sync_service.untrust(self.ctx.db, actor=self.ctx.actor, peer=peer.install_id)
        except KinerjaError as error:
            show_error(self, error)
            return
        self.exchange_message.setText(
            _("{name} was removed: its bundles are refused from now on.").format(name=peer.name)
        )
        self.refresh()

    def resolve_current(self, choice: str) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        take = self.ticked_fields()
        texts = {name: text for name, text in self.edited_texts().items() if name not in take}
        if choice == "merge" and not take and not texts:
            QMessageBox.information(
                self, _("Merge"),
                _("Tick the fields to take from theirs, or edit the merged text."),
            )  # fmt: skip
            return
        try:
            sync_service.resolve_conflict(self.ctx.db, actor=self.ctx.actor,
                                          conflict_id=conflict.id, choice=choice,
                                          take_theirs=take, texts=texts)  # fmt: skip
        except KinerjaError as error:
            show_error(self, error)
            return
        self.refresh()
