"""Smaller fixes of issue 16, each held by a test: the SKP editor follows a change of year
(problem 16), "Back up now" is not named like an automatic backup (problem 16)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.admin import backup
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.ui.accounts.accounts_panel import BackupsPanel
from kinerja_desktop.ui.context import AppContext
from kinerja_desktop.ui.skp.screen import SkpScreen
from tests.factories import Office
from tests.ui.test_fit import (  # noqa: F401 (fixtures)
    _demo_template,
    _errors_fail_the_test,
    actor_for,
    demo_db,
)


def test_changing_the_year_changes_the_skp_shown(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    actor = actor_for(demo_db, "pegawai")
    screen = SkpScreen(AppContext(demo_db, home, actor))
    qtbot.addWidget(screen)
    screen.show()
    own = skp_queries.list_skp(demo_db, actor=actor, scope="mine")
    screen.year.setValue(own[0].tahun)
    screen.open_item(own[0].id)
    assert screen.editor.detail is not None and screen.editor.detail.summary.tahun == own[0].tahun
    screen.year.setValue(own[0].tahun - 1)
    assert screen.editor.detail is None or screen.editor.detail.summary.tahun == own[0].tahun - 1
    screen.year.setValue(own[0].tahun)
    assert screen.editor.detail is not None and screen.editor.detail.id == own[0].id


def test_back_up_now_is_a_manual_backup(
    qtbot: QtBot, db: Database, home: DataHome, office: Office
) -> None:
    panel = BackupsPanel(AppContext(db, home, office.admin.actor))
    qtbot.addWidget(panel)
    panel.now.click()
    names = [info.path.name for info in backup.list_backups(home)]
    assert len(names) == 1 and names[0].startswith(backup.MANUAL_PREFIX)
    assert not backup.list_backups(home)[0].automatic


def test_empty_states_of_an_administrator_without_a_pegawai_record(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    """Problem 10: no "choose on the left" beside an empty list, no empty action bar."""
    from kinerja_desktop.i18n import _
    from kinerja_desktop.ui.evaluation.evaluation_tab import NO_RECORD, EvaluationTab

    actor = actor_for(demo_db, "administrator")
    tab = EvaluationTab(AppContext(demo_db, home, actor))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_period("2026-TW3")
    assert tab.people.isHidden() and tab.empty.text() == _(NO_RECORD)
    screen = SkpScreen(AppContext(demo_db, home, actor))
    qtbot.addWidget(screen)
    screen.show()
    some = skp_queries.list_skp(demo_db, actor=actor, tahun=2026, scope="all")
    screen.open_item(some[0].id)
    bar = screen.editor.workflow_bar
    assert bar.isVisible() == any(b.isVisible() for b in screen.editor.buttons.values())


def test_unit_pickers_show_the_tree(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    """Problem 11: each unit comes right under its parent, indented one step more."""
    from kinerja_desktop.actor import SYSTEM
    from kinerja_desktop.services.people import directory as people
    from kinerja_desktop.ui.units import INDENT, unit_choices

    units = {u.kode: u for u in people.list_units(demo_db, actor=SYSTEM)}
    by_id = {u.id: u for u in units.values()}
    choices = unit_choices(demo_db, actor=SYSTEM)
    assert len(choices) == len(units)
    path: list[str] = []
    for text, kode in choices:
        depth = (len(text) - len(text.lstrip(" "))) // len(INDENT)
        assert depth <= len(path)
        path = path[:depth]
        parent = by_id.get(units[kode].parent_id or "")
        assert (parent.kode if parent else None) == (path[-1] if path else None), text
        path.append(kode)


def test_nip_and_dates_are_not_broken_mid_way() -> None:
    """Problems 13 and 14: a NIP is grouped as printed and, like a date, kept on one line."""
    from kinerja_desktop.ui.labels import NBSP, one_line, person_label

    assert person_label("Dewi", "199003152015032002") == (
        f"Dewi (19900315{NBSP}201503{NBSP}2{NBSP}002)"
    )
    assert person_label("Dewi", None) == "Dewi"
    assert one_line("31 Desember 2026") == f"31{NBSP}Desember{NBSP}2026"


def test_supervisor_feedback_field_is_wide_and_in_view_at_1024(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    """Problem 2: the supervisor's feedback field in Pemantauan is wide and above the fold."""
    from kinerja_desktop.actor import SYSTEM
    from kinerja_desktop.services.people import directory as people
    from kinerja_desktop.ui.main_window import MainWindow
    from tests.ui import fit_check

    actor = actor_for(demo_db, "supervisor")
    assert actor.pegawai_id is not None
    staff = people.subordinates(demo_db, actor=SYSTEM, penilai_id=actor.pegawai_id)
    window = MainWindow(AppContext(demo_db, home, actor))
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window.open_area("monitoring", staff[0].id)
    fit_check.settle()
    sheet = window.area_screen("monitoring").sheet  # type: ignore[attr-defined]
    sheet.set_target(staff[0].id, "2026-TW4")
    tree = sheet.tree
    first_rhk = tree.topLevelItem(0).child(0)
    tree.setCurrentItem(first_rhk.child(0))
    fit_check.settle()
    field = sheet.iki_page.feedback.text
    assert field.isVisible() and field.width() >= 200
    viewport = sheet.stack.parentWidget()
    top = field.mapTo(viewport, field.rect().topLeft()).y()
    assert top >= 0 and top + field.height() <= viewport.height()


def test_no_double_full_stop_after_a_title(
    qtbot: QtBot,
    demo_db: Database,  # noqa: F811 (fixture)
    home: DataHome,
) -> None:
    """Problem 14: "M.Si.. Capaian": a name ending in a title is not followed by a full stop."""
    from kinerja_desktop.ui.evaluation.evaluation_tab import EvaluationTab

    tab = EvaluationTab(AppContext(demo_db, home, actor_for(demo_db, "supervisor")))
    qtbot.addWidget(tab)
    tab.show()
    tab.set_period("2026-TW3")
    shown = 0
    for row in range(tab.people.count()):
        tab.people.setCurrentRow(row)
        if tab.form_box.isVisible():
            shown += 1
            assert ".." not in tab.info.text(), tab.info.text()
    assert shown > 0
