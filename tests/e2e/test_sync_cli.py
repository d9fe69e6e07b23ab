"""End to end through ``kinerja sync``: three data homes (office A, the hub, the supervisor's
office B). A drafts and submits an SKP, the hub relays it, B approves it and gives feedback,
A receives both; a second import of every bundle is a no-op; a conflicting edit is detected
at the hub and resolved, and the decision reaches both offices. Then the cascade across
offices: a staff member at B under a Kepala Seksi at A links their RHK to the Kasi's, which
supports the Kabid's at A (the hub relays the whole chain up), is evaluated at A, objects at
B, and the keberatan decided at the hub's side reaches B."""

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
    Predikat,
    Rating,
    Role,
    SkpStatus,
)
from kinerja_desktop.models.monitoring import UmpanBalik
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.skp import Skp
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.evaluation import keberatan
from kinerja_desktop.services.monitoring import feedback
from kinerja_desktop.services.printing._load_skp import skp_forms
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import queries as skp_queries
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

    capsys.readouterr()

    # --- the cascade across offices (issue 15 item 11) and a keberatan decided at the hub ---
    # office A: a Kepala Bidang and a Kepala Seksi under them; office B: a staff member whose
    # supervisor is that Kepala Seksi. The Kasi's RHK supports the Kabid's: B must receive both.
    with database(a) as db, db.unit_of_work(SYSTEM) as session:
        kabid_j = Jabatan(nama="Kepala Bidang A", jenis=JenisJabatan.JA, memimpin_unit=True,
                          jenjang=JenjangJabatan.ADMINISTRATOR, unit_id=unit_a.id)  # fmt: skip
        kasi_j = Jabatan(nama="Kepala Seksi A", jenis=JenisJabatan.JA,
                         jenjang=JenjangJabatan.PENGAWAS, unit_id=unit_a.id)  # fmt: skip
        session.add_all([kabid_j, kasi_j])
        session.flush()
        kabid_a = Pegawai(nip="197801012003121001", jenis_asn=JenisAsn.PNS, nama="Kabid A",
                          unit_id=unit_a.id, jabatan_id=kabid_j.id)  # fmt: skip
        session.add(kabid_a)
        session.flush()
        kasi = Pegawai(nip="198201012008011002", jenis_asn=JenisAsn.PNS, nama="Kasi A",
                       unit_id=unit_a.id, jabatan_id=kasi_j.id, penilai_id=kabid_a.id)  # fmt: skip
        session.add(kasi)
        session.flush()
        kabid_a_id, kasi_id = kabid_a.id, kasi.id
    send(a, hub)
    send(hub, b)
    with database(b) as db, db.unit_of_work(SYSTEM) as session:
        staf_b_j = Jabatan(nama="Pengadministrasi B", jenis=JenisJabatan.JA,
                           jenjang=JenjangJabatan.PELAKSANA, unit_id=unit_b.id)  # fmt: skip
        session.add(staf_b_j)
        session.flush()
        budi = Pegawai(nip="199501012020121003", jenis_asn=JenisAsn.PNS, nama="Budi B",
                       unit_id=unit_b.id, jabatan_id=staf_b_j.id, penilai_id=kasi_id)  # fmt: skip
        session.add(budi)
        session.flush()
        budi_id = budi.id
    send(b, hub)
    with database(a) as db:
        kabid_actor, kasi_actor = actor_for(kabid_a_id), actor_for(kasi_id)
        kabid_skp = skp_create.create_skp(db, actor=kabid_actor, pegawai_id=kabid_a_id,
                                          tahun=2026)  # fmt: skip
        kabid_rhk = skp_edit.add_rhk(db, actor=kabid_actor, skp_id=kabid_skp.id,
                                     data=RhkInput("Meningkatnya kualitas layanan A"))  # fmt: skip
        kasi_skp = skp_create.create_skp(db, actor=kasi_actor, pegawai_id=kasi_id, tahun=2026)
        kasi_rhk = skp_edit.add_rhk(
            db, actor=kasi_actor, skp_id=kasi_skp.id,
            data=RhkInput("Tertibnya arsip layanan", intervensi_rhk_id=kabid_rhk),
        )  # fmt: skip
    send(a, hub)
    cascade = send(hub, b)  # refused before: "refers to rhk ..., which this install does not have"
    assert cascade["applied"]["skp"] == 2 and cascade["applied"]["rhk"] == 2
    # office B: the staff member's SKP imported from a file, linked to the Kasi's RHK by text
    skp_file = mail / "budi-skp.json"
    skp_file.write_text(json.dumps({
        "format": "kinerja-skp", "version": 1,
        "pegawai": {"nip": "199501012020121003", "nama": "Budi B"}, "tahun": 2026,
        "periode_mulai": "2026-01-01", "periode_selesai": "2026-12-31",
        "pendekatan": "kuantitatif", "jenis_jabatan": "ja",
        "rhk": [{
            "jenis": "utama", "teks": "Tersusunnya daftar arsip",
            "intervensi": {"nip": "198201012008011002", "teks": "Tertibnya arsip layanan"},
            "klasifikasi": None, "penugasan_dari": "",
            "iki": [{"teks": "Jumlah berkas tertata", "aspek": "kuantitas", "perspektif": None,
                     "target_min": 50, "target_max": 50, "satuan": "berkas", "target_teks": ""}],
        }],
        "ekspektasi": {},
        "lampiran": {"dukungan_sumber_daya": [], "skema_pertanggungjawaban": [],
                     "konsekuensi": []},
    }), encoding="utf-8")  # fmt: skip
    run(capsys, b, "skp", "import", str(skp_file))
    with database(b) as db:
        budi_actor = actor_for(budi_id)
        budi_skp = skp_queries.find_skp(db, actor=SYSTEM, pegawai_id=budi_id, tahun=2026)
        assert budi_skp is not None and budi_skp.rhk[0].intervensi_rhk_id == kasi_rhk
        skp_workflow.submit(db, actor=budi_actor, skp_id=budi_skp.id)
    send(b, hub)
    assert send(hub, a)["applied"]["skp"] == 1
    with database(a) as db:
        skp_workflow.approve(db, actor=kasi_actor, skp_id=budi_skp.id)
        evaluation.save_evaluation(db, actor=kasi_actor, pegawai_id=budi_id, periode="2026",
                                   rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
        evaluation.finalize_evaluation(db, actor=kasi_actor, pegawai_id=budi_id, periode="2026")
    send(a, hub)
    assert send(hub, b)["applied"]["evaluasi"] == 1
    with database(b) as db:
        filed = keberatan.file_keberatan(db, actor=budi_actor, pegawai_id=budi_id,
                                         periode="2026", alasan="Arsip tambahan belum dinilai")  # fmt: skip
        assert filed.atasan_id == kabid_a_id
    send(b, hub)
    with database(hub) as db:  # the atasan pejabat penilai decides at the hub's side
        keberatan.decide_keberatan(db, actor=kabid_actor, keberatan_id=filed.id,
                                   alasan="Bukti arsip diterima", rating_hasil=Rating.DI_ATAS,
                                   rating_perilaku=Rating.DI_ATAS)  # fmt: skip
    decided = send(hub, b)
    assert decided["applied"]["keberatan_evaluasi"] == 1
    with database(b) as db:
        row = keberatan.get_keberatan(db, actor=budi_actor, keberatan_id=filed.id)
        assert row.diputuskan and row.sesudah["predikat"] == "sangat_baik"
        ev = evaluation.get_evaluation(db, actor=budi_actor, pegawai_id=budi_id, periode="2026")
        assert ev.predikat is Predikat.SANGAT_BAIK
