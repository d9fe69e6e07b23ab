"""A private note is its author's alone: no other user, no service, no CLI output, no form
record, no audit log entry and no sync export carries its text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.cli.main import main as cli_main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, WorkflowError
from kinerja_desktop.models.accounts import AuditLog
from kinerja_desktop.models.coaching import CatatanSesi
from kinerja_desktop.models.enums import JenisSesi
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.coaching import actions as coaching_actions
from kinerja_desktop.services.coaching import forms as coaching_forms
from kinerja_desktop.services.coaching import notes as coaching_notes
from kinerja_desktop.services.coaching import sessions as coaching
from kinerja_desktop.services.coaching import timeline
from kinerja_desktop.services.coaching.sessions import SessionInput
from tests.factories import Office

SECRET = "RAHASIA-kabid-7f3a"
SECRET_REFLECTION = "RAHASIA-refleksi-staf-19bc"
SHARED = "Catatan bersama tentang target"


@pytest.fixture
def sesi_id(db: Database, office: Office) -> str:
    row = coaching.schedule_session(
        db, actor=office.kabid.actor,
        data=SessionInput(jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 3, 10),
                          coach_id=office.kabid.id, pegawai_id=office.staf.id),
    )  # fmt: skip
    coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=row.id, teks=SHARED)
    coaching_notes.add_note(db, actor=office.kabid.actor, sesi_id=row.id, teks=SECRET, privat=True)
    coaching_notes.answer_reflection(db, actor=office.staf.actor, sesi_id=row.id, prompt="got_in_way",
                               teks=SECRET_REFLECTION, privat=True)  # fmt: skip
    return row.id


def _everyone_but(office: Office, author: str) -> list[Actor]:
    people = [office.kepala, office.kabid, office.staf, office.staf2, office.admin]
    return [p.actor for p in people if p.id != author] + [SYSTEM]


def test_author_reads_own_private_note(db: Database, office: Office, sesi_id: str) -> None:
    detail = coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi_id)
    assert [(n.teks, n.privat) for n in detail.catatan] == [(SHARED, False), (SECRET, True)]
    own = coaching.get_session(db, actor=office.staf.actor, sesi_id=sesi_id).refleksi
    assert [(r.teks, r.privat) for r in own] == [(SECRET_REFLECTION, True)]


def test_no_other_user_reads_a_private_note(db: Database, office: Office, sesi_id: str) -> None:
    for actor in _everyone_but(office, office.kabid.id):
        try:
            detail = coaching.get_session(db, actor=actor, sesi_id=sesi_id)
        except Exception as error:  # staf2 may not even open the session
            assert actor == office.staf2.actor, error
            continue
        texts = repr(detail)
        assert SECRET not in texts, actor.name
        assert SHARED in texts
    for actor in _everyone_but(office, office.staf.id):
        try:
            texts = repr(coaching.get_session(db, actor=actor, sesi_id=sesi_id))
        except Exception:
            assert actor == office.staf2.actor
            continue
        assert SECRET_REFLECTION not in texts, actor.name


def test_form_record_has_shared_notes_only_even_for_the_author(
    db: Database, office: Office, sesi_id: str
) -> None:
    for actor in (office.kabid.actor, office.staf.actor, office.admin.actor, SYSTEM):
        record = coaching_forms.session_record(db, actor, sesi_id)
        text = repr(record)
        assert SECRET not in text and SECRET_REFLECTION not in text
        assert [n.teks for n in record.catatan] == [SHARED]


def test_other_services_never_return_it(db: Database, office: Office, sesi_id: str) -> None:
    for actor in (office.kepala.actor, office.kabid.actor, office.staf.actor, SYSTEM):
        outputs = [
            coaching.list_sessions(db, actor=actor, pegawai_id=office.staf.id),
            coaching.my_sessions(db, actor=actor),
            coaching_actions.open_actions(db, actor=actor, pegawai_id=office.staf.id),
            timeline.timeline(db, actor=actor, pegawai_id=office.staf.id),
            coaching_actions.team_overview(
                db, actor=actor, penilai_id=actor.pegawai_id or office.kabid.id
            ),
            coaching.home_items(db, actor, dt.date(2026, 3, 10)),
        ]
        assert SECRET not in repr(outputs) and SECRET_REFLECTION not in repr(outputs)


def test_other_users_cannot_change_or_unmask_it(db: Database, office: Office, sesi_id: str) -> None:
    note_id = next(
        n.id for n in coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi_id).catatan
        if n.privat
    )  # fmt: skip
    for actor in _everyone_but(office, office.kabid.id):
        with pytest.raises(NotFoundError):
            coaching_notes.update_note(db, actor=actor, catatan_id=note_id, teks="x", privat=False)
        with pytest.raises(NotFoundError):
            coaching_notes.delete_note(db, actor=actor, catatan_id=note_id)


def test_a_shared_note_cannot_turn_private(db: Database, office: Office, sesi_id: str) -> None:
    shared = next(
        n for n in coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi_id).catatan
        if not n.privat
    )  # fmt: skip
    with pytest.raises(WorkflowError):
        coaching_notes.update_note(db, actor=office.kabid.actor, catatan_id=shared.id, teks=SHARED,
                             privat=True)  # fmt: skip


def test_audit_log_keeps_no_private_text(db: Database, office: Office, sesi_id: str) -> None:
    note_id = next(
        n.id for n in coaching.get_session(db, actor=office.kabid.actor, sesi_id=sesi_id).catatan
        if n.privat
    )  # fmt: skip
    coaching_notes.update_note(
        db, actor=office.kabid.actor, catatan_id=note_id, teks=SECRET + " v2"
    )
    with db.read(SYSTEM) as session:
        rows = session.execute(
            select(AuditLog).where(AuditLog.table_name == "catatan_sesi")
        ).scalars().all()  # fmt: skip
        dump = json.dumps([[r.before, r.after] for r in rows])
        assert any(r.record_id == note_id and r.action == "update" for r in rows)
    assert SHARED in dump  # shared notes are audited as usual
    assert SECRET not in dump and SECRET_REFLECTION not in dump


def test_sync_excludes_private_notes() -> None:
    assert CatatanSesi.__sync_exclude__ == "privat"


def test_cli_list_json_has_no_private_note(
    db: Database, office: Office, sesi_id: str, home: DataHome, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli_main(["--home", str(home.root), "coaching", "list", "--nip", office.staf.nip,
                     "--json"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert [n["teks"] for n in data[0]["catatan"]] == [SHARED]
    assert SECRET not in out and SECRET_REFLECTION not in out


def test_cli_add_from_paper(
    db: Database, office: Office, home: DataHome, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    notes = tmp_path / "catatan.txt"
    notes.write_text("Pegawai menyampaikan kendala jaringan.\nDisepakati pelatihan.",
                     encoding="utf-8")  # fmt: skip
    code = cli_main(["--home", str(home.root), "coaching", "add", "--nip", office.staf.nip,
                     "--coach", office.kabid.nip, "--type", "konseling", "--date", "2026-02-03",
                     "--notes-file", str(notes)])  # fmt: skip
    assert code == 0
    rows = coaching.list_sessions(db, actor=office.staf.actor, pegawai_id=office.staf.id)
    assert [(r.jenis, r.tanggal) for r in rows] == [(JenisSesi.KONSELING, dt.date(2026, 2, 3))]
    detail = coaching.get_session(db, actor=office.staf.actor, sesi_id=rows[0].id)
    assert (
        detail.catatan[0].teks.startswith("Pegawai menyampaikan") and not detail.catatan[0].privat
    )
    capsys.readouterr()
    bad = cli_main(["--home", str(home.root), "coaching", "add", "--nip", office.staf.nip,
                    "--coach", office.kabid.nip, "--type", "rapat", "--date", "2026-02-03",
                    "--notes-file", str(notes)])  # fmt: skip
    assert bad == 2
    assert "dialog_kinerja" in capsys.readouterr().err


def test_printed_coaching_forms_carry_no_private_text(
    db: Database, office: Office, sesi_id: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from kinerja_desktop.services.printing import service as printing

    request = printing.PrintRequest(
        kind=printing.FormKind.COACHING, periode="2026", sesi_id=sesi_id
    )
    for actor in (office.kabid.actor, office.staf.actor, office.admin.actor):
        data = printing.load_forms(db, actor=actor, request=request)
        assert SHARED in repr(data)
        assert SECRET not in repr(data) and SECRET_REFLECTION not in repr(data)
    out = tmp_path / "sesi.pdf"
    printing.render_forms(data, out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Catatan bersama" in text and "RAHASIA" not in text
