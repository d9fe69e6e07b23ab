"""End to end through ``kinerja sync``: three data homes (office A, the hub, the supervisor's
office B). A drafts and submits an SKP, the hub relays it, B approves it and gives feedback,
A receives both; a second import of every bundle is a no-op; a conflicting edit is detected
at the hub and resolved, and the decision reaches both offices."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kinerja_desktop.actor import SYSTEM, Actor
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.forms.verification import verification_code
from kinerja_desktop.home import open_home
from kinerja_desktop.models.enums import (
    Aspek,
    JenisAsn,
    JenisJabatan,
    JenjangJabatan,
    Role,
    SkpStatus,
)
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.printing._load_skp import skp_forms
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp._rules import IkiInput, RhkInput


def run(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> str:
    code = main(["--lang", "en", "--home", str(home), *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def run_json(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> Any:
    return json.loads(run(capsys, home, *args, "--json"))


@contextmanager
def database(home: Path) -> Iterator[Database]:
    db = open_home(DataHome(home))[0]
    try:
        yield db
    finally:
        db.close()


def actor_for(pegawai_id: str) -> Actor:
    return Actor(user_id=None, pegawai_id=pegawai_id, name="", roles=frozenset({Role.PEGAWAI}))


def test_skp_travels_office_hub_office_and_back(tmp_path, capsys):
    a, hub, b, mail = tmp_path / "a", tmp_path / "hub", tmp_path / "b", tmp_path / "mail"
    mail.mkdir()
    for home, name in ((a, "Dinas A"), (b, "Dinas B")):
        run(capsys, home, "init")
        run(capsys, home, "sync", "set-name", name)
    run(capsys, hub, "init")
    run(capsys, hub, "sync", "hub-init", "--name", "BKD")
    fingerprints = {h: run_json(capsys, h, "sync", "status")["fingerprint"] for h in (a, hub, b)}
    for office in (a, b):
        run(capsys, office, "sync", "enrol-file", "--out", str(office) + ".id")
        run(capsys, hub, "sync", "trust", str(office) + ".id",
            "--fingerprint", fingerprints[office])  # fmt: skip
    run(capsys, hub, "sync", "enrol-file", "--out", str(mail / "hub.id"))
    for office in (a, b):
        assert "Now trusting BKD" in run(capsys, office, "sync", "trust", str(mail / "hub.id"),
                                         "--fingerprint", fingerprints[hub].lower())  # fmt: skip
    ids = {h: run_json(capsys, h, "sync", "status")["install_id"] for h in (a, hub, b)}
    imported: list[tuple[Path, Path]] = []

    def send(src: Path, dst: Path) -> dict[str, Any]:
        result = run_json(capsys, src, "sync", "export", "--to", ids[dst], "--out", str(mail))
        report = run_json(capsys, dst, "sync", "import", result["path"])
        assert report["status"] == "applied", report
        imported.append((dst, Path(result["path"])))
        return report

    # office B: its instansi, unit and the supervisor (penilai)
    with database(b) as db, db.unit_of_work(SYSTEM) as session:
        instansi = Instansi(kode="PEMKAB", nama="Pemerintah Kabupaten Contoh")
        session.add(instansi)
        session.flush()
        unit_b = UnitKerja(instansi_id=instansi.id, kode="DINAS-B", nama="Dinas B")
        session.add(unit_b)
        session.flush()
        kepala = Jabatan(nama="Kepala Bidang", jenis=JenisJabatan.JA, memimpin_unit=True,
                         jenjang=JenjangJabatan.ADMINISTRATOR, unit_id=unit_b.id)  # fmt: skip
        session.add(kepala)
        session.flush()
        boss = Pegawai(nip="197505202000121001", jenis_asn=JenisAsn.PNS, nama="Bambang",
                       unit_id=unit_b.id, jabatan_id=kepala.id)  # fmt: skip
        session.add(boss)
        session.flush()
        boss_id, instansi_id = boss.id, instansi.id
    send(b, hub)
    relayed = send(hub, a)
    assert relayed["applied"]["pegawai"] == 1

    # office A: the staff member, whose penilai sits in office B
    with database(a) as db, db.unit_of_work(SYSTEM) as session:
        unit_a = UnitKerja(instansi_id=instansi_id, kode="DINAS-A", nama="Dinas A")
        session.add(unit_a)
        session.flush()
        jabatan = Jabatan(nama="Analis Kebijakan", jenis=JenisJabatan.JF,
                          jenjang=JenjangJabatan.AHLI_PERTAMA, unit_id=unit_a.id)  # fmt: skip
        session.add(jabatan)
        session.flush()
        staf = Pegawai(nip="199003152015032002", jenis_asn=JenisAsn.PNS, nama="Dewi",
                       unit_id=unit_a.id, penilai_id=boss_id, jabatan_id=jabatan.id)  # fmt: skip
        session.add(staf)
        session.flush()
        staf_id = staf.id
    send(a, hub)

    # office B: the supervisor's own SKP; the hub relays the plan to the staff's office
    with database(b) as db:
        boss_actor = actor_for(boss_id)
        boss_skp = skp_create.create_skp(db, actor=boss_actor, pegawai_id=boss_id, tahun=2026)
        boss_rhk = skp_edit.add_rhk(
            db, actor=boss_actor, skp_id=boss_skp.id, data=RhkInput("Meningkatnya layanan"),
        )  # fmt: skip
    send(b, hub)
    plan = send(hub, a)
    assert plan["applied"]["skp"] == 1 and plan["applied"]["rhk"] == 1

    # office A: the staff member drafts an SKP supporting it and submits it
    with database(a) as db:
        staff = actor_for(staf_id)
        draft = skp_create.create_skp(db, actor=staff, pegawai_id=staf_id, tahun=2026)
        skp_edit.add_rhk(
            db, actor=staff, skp_id=draft.id,
            data=RhkInput("Terlaksananya layanan KTP", intervensi_rhk_id=boss_rhk),
            iki=[IkiInput("Jumlah KTP tercetak", aspek=Aspek.KUANTITAS, target_min=100,
                          target_max=100, satuan="keping")],
        )  # fmt: skip
        skp_workflow.submit(db, actor=staff, skp_id=draft.id)
    send(a, hub)
    to_b = send(hub, b)
    assert to_b["applied"]["skp"] == 1

    # office B: the supervisor approves and gives feedback
    with database(b) as db:
        detail = skp_workflow.approve(db, actor=boss_actor, skp_id=draft.id)
        assert detail.status is SkpStatus.DISETUJUI
        rhk_id = detail.rhk[0].id
        feedback.give_feedback(
            db, actor=boss_actor, skp_id=draft.id, periode="2026", rhk_id=rhk_id,
            teks="Pertahankan kecepatan layanan.",
        )  # fmt: skip
    send(b, hub)
    back = send(hub, a)
    assert back["applied"]["umpan_balik"] == 1
    with database(a) as db, db.read(SYSTEM) as session:
        assert session.get(Skp, draft.id).status is SkpStatus.DISETUJUI
        texts = session.scalars(select(UmpanBalik.teks)).all()
        assert texts == ["Pertahankan kecepatan layanan."]

    # every bundle imported a second time: a no-op that says so
    for dst, path in imported:
        again = run_json(capsys, dst, "sync", "import", str(path))
        assert again["status"] == "already"
        assert "already imported" in again["message"]
    assert "already imported" in run(capsys, a, "sync", "import", str(imported[-1][1]))

    # a conflicting edit: the home office and the hub (the two with write authority on the
    # staff member's record) change the phone number
    for home, phone in ((a, "0811-A"), (hub, "0822-HUB")):
        with database(home) as db, db.unit_of_work(SYSTEM) as session:
            session.get(Pegawai, staf_id).telepon = phone
    report = send(a, hub)
    assert report["conflicts"] == [{"table": "pegawai", "record_id": staf_id, "kind": "edit"}]
    (conflict,) = run_json(capsys, hub, "sync", "conflicts")
    shown = run(capsys, hub, "sync", "show", conflict["id"][:8])
    assert "0811-A" in shown and "0822-HUB" in shown
    run(capsys, hub, "sync", "resolve", conflict["id"][:8], "--keep", "theirs")
    assert run_json(capsys, hub, "sync", "conflicts") == []
    send(hub, a)
    send(hub, b)
    for home in (a, hub, b):
        with database(home) as db, db.read(SYSTEM) as session:
            assert session.get(Pegawai, staf_id).telepon == "0811-A"
        assert run_json(capsys, home, "sync", "conflicts") == []

    # receipts: the hub's receipt file tells office A its bundles arrived
    receipt = mail / "hub-to-a.kinerja-receipt"
    run(capsys, hub, "sync", "receipt", "--to", ids[a], "--out", str(receipt))
    run(capsys, a, "sync", "import", str(receipt))
    history = run_json(capsys, a, "sync", "history")
    assert all(row["delivered"] for row in history if row["direction"] == "out")
    assert "Dinas A" in run(capsys, hub, "sync", "peers")

    # the hub checks the verification code printed on office A's approved SKP form
    with database(a) as db, db.read(SYSTEM) as session:
        [form] = skp_forms(session, [session.get(Skp, draft.id)])
        code = verification_code(form).short_code
    assert "matches" in run(capsys, hub, "sync", "verify-code", code)
    assert main(["--home", str(hub), "sync", "verify-code", "S-FFFFFFFF-1-AAAAAAAA"]) == 1
