"""SKP content: creating, field rules vs completeness, reorder/duplicate/delete with restore,
perilaku and lampiran, copy from the previous year, handing out RHK, the matriks."""

from __future__ import annotations

import datetime as dt

import pytest

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.i18n import set_language
from kinerja_desktop.models.enums import (
    Aspek,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    KlasifikasiRhk,
    Pendekatan,
    SkpStatus,
)
from kinerja_desktop.services.skp import cascade
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import queries as skp_queries
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import IkiInput, RhkInput
from tests.factories import Office
from tests.unit.skp_helpers import YEAR, draft, iki, kabid_approved


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are matched in English (the catalog's message ids)."""
    set_language("en")


def test_create_defaults_to_the_year_and_takes_the_layout_from_the_position(
    db: Database, office: Office
) -> None:
    staf = skp_create.create_skp(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=YEAR)
    assert (staf.summary.periode_mulai, staf.summary.periode_selesai) == (
        dt.date(YEAR, 1, 1),
        dt.date(YEAR, 12, 31),
    )
    assert staf.summary.jenis_jabatan is JenisJabatan.JF
    assert staf.summary.status is SkpStatus.DRAFT
    assert staf.penilai is not None and staf.penilai.nama == "Siti Rahmawati"
    assert [p.nama for p in staf.perilaku][:2] == ["Berorientasi Pelayanan", "Akuntabel"]
    assert all(len(p.panduan) == 3 for p in staf.perilaku) and len(staf.perilaku) == 7
    kepala = skp_create.create_skp(
        db, actor=office.admin.actor, pegawai_id=office.kepala.id, tahun=YEAR
    )
    assert kepala.summary.jenis_jabatan is JenisJabatan.JPT


def test_period_rules_and_overlap(db: Database, office: Office) -> None:
    actor = office.staf.actor
    with pytest.raises(ValidationError, match="inside the year") as err:
        skp_create.create_skp(
            db,
            actor=actor,
            pegawai_id=office.staf.id,
            tahun=YEAR,
            periode_mulai=dt.date(YEAR - 1, 12, 1),
        )
    assert err.value.field == "periode"
    with pytest.raises(ValidationError, match="ends before"):
        skp_create.create_skp(
            db,
            actor=actor,
            pegawai_id=office.staf.id,
            tahun=YEAR,
            periode_mulai=dt.date(YEAR, 6, 1),
            periode_selesai=dt.date(YEAR, 5, 1),
        )
    first = skp_create.create_skp(
        db, actor=actor, pegawai_id=office.staf.id, tahun=YEAR, periode_selesai=dt.date(YEAR, 6, 30)
    )
    with pytest.raises(ValidationError, match="overlap"):
        skp_create.create_skp(
            db,
            actor=actor,
            pegawai_id=office.staf.id,
            tahun=YEAR,
            periode_mulai=dt.date(YEAR, 6, 30),
        )
    second = skp_create.create_skp(
        db, actor=actor, pegawai_id=office.staf.id, tahun=YEAR, periode_mulai=dt.date(YEAR, 7, 1)
    )
    assert second.summary.periode_selesai == dt.date(YEAR, 12, 31)
    with pytest.raises(ValidationError, match="overlap"):
        skp_create.update_header(
            db,
            actor=actor,
            skp_id=first.id,
            periode_mulai=dt.date(YEAR, 1, 1),
            periode_selesai=dt.date(YEAR, 7, 31),
            pendekatan=Pendekatan.KUANTITATIF,
        )
    skp_create.delete_skp(db, actor=actor, skp_id=second.id)
    skp_create.update_header(
        db,
        actor=actor,
        skp_id=first.id,
        periode_mulai=dt.date(YEAR, 1, 1),
        periode_selesai=dt.date(YEAR, 7, 31),
        pendekatan=Pendekatan.KUALITATIF,
    )
    with pytest.raises(PermissionDenied):
        skp_create.create_skp(db, actor=office.staf2.actor, pegawai_id=office.staf.id, tahun=2027)


def test_draft_saves_field_rules_only_and_submit_lists_every_gap(
    db: Database, office: Office
) -> None:
    actor = office.staf.actor
    skp_id = skp_create.create_skp(db, actor=actor, pegawai_id=office.staf.id, tahun=YEAR).id
    with pytest.raises(ValidationError, match="must be a number") as err:
        skp_edit.add_rhk(
            db,
            actor=actor,
            skp_id=skp_id,
            data=RhkInput("Laporan"),
            iki=[IkiInput("Jumlah", target_min="12")],
        )  # type: ignore[arg-type]
    assert err.value.field == "iki.target_min"
    with pytest.raises(ValidationError, match="below the lower"):
        skp_edit.add_rhk(
            db,
            actor=actor,
            skp_id=skp_id,
            data=RhkInput("Laporan"),
            iki=[IkiInput("Jumlah", target_min=5, target_max=3, satuan="x")],
        )
    with pytest.raises(ValidationError, match="perspective"):
        skp_edit.add_rhk(
            db,
            actor=actor,
            skp_id=skp_id,
            data=RhkInput("Laporan"),
            iki=[
                IkiInput(
                    "Jumlah",
                    perspektif=next(
                        iter(__import__("kinerja_desktop.models.enums").models.enums.Perspektif)
                    ),
                )
            ],
        )
    assert skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk == ()
    # an incomplete draft saves: no IKI yet, no target, no link to the supervisor
    rhk_id = skp_edit.add_rhk(db, actor=actor, skp_id=skp_id, data=RhkInput("Laporan"))
    skp_edit.add_iki(db, actor=actor, rhk_id=rhk_id, data=IkiInput("Jumlah laporan"))
    skp_edit.add_rhk(
        db,
        actor=actor,
        skp_id=skp_id,
        data=RhkInput("Tugas panitia", JenisRhk.TAMBAHAN, penugasan_dari="Kabid"),
    )
    detail = skp_queries.get_skp(db, actor=actor, skp_id=skp_id)
    fields = [p.field for p in detail.problems]
    assert fields == [
        "rhk[0].intervensi",
        "rhk[0].iki[0].target_min",
        "rhk[0].iki[0].aspek",
        "rhk[1].iki",
    ]
    with pytest.raises(ValidationError) as err:
        skp_workflow.submit(db, actor=actor, skp_id=skp_id)
    assert "IKI 1" in err.value.message and "supervisor's work result" in err.value.message
    assert skp_queries.get_skp(db, actor=actor, skp_id=skp_id).status is SkpStatus.DRAFT


def test_no_core_rhk_and_intervention_rules(db: Database, office: Office) -> None:
    kabid_skp, kabid_rhk = kabid_approved(db, office)
    actor = office.staf.actor
    skp_id = skp_create.create_skp(db, actor=actor, pegawai_id=office.staf.id, tahun=YEAR).id
    skp_edit.add_rhk(
        db, actor=actor, skp_id=skp_id, data=RhkInput("Panitia", JenisRhk.TAMBAHAN), iki=[iki()]
    )
    messages = [p.message for p in skp_queries.get_skp(db, actor=actor, skp_id=skp_id).problems]
    assert messages == ["Add at least one core work result (RHK utama)."]
    candidates = cascade.intervensi_candidates(db, actor=actor, skp_id=skp_id)
    assert [c.rhk_id for c in candidates] == [kabid_rhk, candidates[1].rhk_id]
    assert candidates[0].pemilik == "Siti Rahmawati" and candidates[0].iki == ("Jumlah dokumen",)
    kepala_rhk = skp_queries.get_skp(db, actor=office.kepala.actor, skp_id=kabid_skp).rhk[0]
    with pytest.raises(ValidationError, match="supervisor's SKP"):
        skp_edit.add_rhk(
            db,
            actor=actor,
            skp_id=skp_id,
            data=RhkInput("X", intervensi_rhk_id=kepala_rhk.intervensi_rhk_id),
        )
    skp_edit.add_rhk(
        db,
        actor=actor,
        skp_id=skp_id,
        data=RhkInput("Layanan", intervensi_rhk_id=kabid_rhk),
        iki=[iki()],
    )
    assert skp_queries.get_skp(db, actor=actor, skp_id=skp_id).problems == ()
    # the supervisor revises and deletes the supported RHK: the staff's SKP points at it
    skp_workflow.start_revision(db, actor=office.kabid.actor, skp_id=kabid_skp, alasan="Ubah")
    skp_edit.delete_rhk(db, actor=office.kabid.actor, rhk_id=kabid_rhk)
    problems = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).problems
    assert [p.field for p in problems] == ["rhk[0].intervensi"]
    assert "was deleted; choose another" in problems[0].message


def test_reorder_duplicate_delete_and_restore(db: Database, office: Office) -> None:
    actor = office.staf.actor
    skp_id = draft(db, office.staf, texts=("A", "B", "C"))
    rows = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk
    a, b, c = (r.id for r in rows)
    assert skp_edit.move_rhk(db, actor=actor, rhk_id=c, delta=-1)
    assert not skp_edit.move_rhk(db, actor=actor, rhk_id=a, delta=-1)
    texts = [r.teks for r in skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk]
    assert texts == ["A", "C", "B"]
    copy = skp_edit.duplicate_rhk(db, actor=actor, rhk_id=a)
    detail = skp_queries.get_skp(db, actor=actor, skp_id=skp_id)
    assert [r.teks for r in detail.rhk] == ["A", "A", "C", "B"]
    assert detail.rhk[1].id == copy and detail.rhk[1].iki[0].teks == "Jumlah dokumen"
    assert detail.rhk[1].iki[0].id != detail.rhk[0].iki[0].id
    second_iki = skp_edit.add_iki(db, actor=actor, rhk_id=b, data=iki("Ketepatan", 100, "%"))
    first_iki = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk_by_id(b).iki[0].id
    skp_edit.delete_iki(db, actor=actor, iki_id=first_iki)
    skp_edit.delete_rhk(db, actor=actor, rhk_id=b)
    assert [r.teks for r in skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk] == [
        "A",
        "A",
        "C",
    ]
    skp_edit.restore_rhk(db, actor=actor, rhk_id=b)
    restored = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk_by_id(b)
    assert [i.id for i in restored.iki] == [second_iki]  # the IKI deleted earlier stays deleted
    skp_edit.restore_iki(db, actor=actor, iki_id=first_iki)
    assert skp_edit.move_iki(db, actor=actor, iki_id=second_iki, delta=-1)
    order = [i.id for i in skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk_by_id(b).iki]
    assert order == [second_iki, first_iki]
    skp_edit.update_iki(
        db,
        actor=actor,
        iki_id=second_iki,
        data=IkiInput("Ketepatan waktu", Aspek.WAKTU, target_min=12, target_max=14, satuan="bulan"),
    )
    updated = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk_by_id(b).iki[0]
    assert (updated.teks, updated.aspek, updated.target_min, updated.target_max) == (
        "Ketepatan waktu",
        Aspek.WAKTU,
        12,
        14,
    )


def test_perilaku_and_lampiran(db: Database, office: Office) -> None:
    skp_id = draft(db, office.staf)
    with pytest.raises(PermissionDenied):
        skp_edit.set_ekspektasi(
            db, actor=office.staf.actor, skp_id=skp_id, nilai_id="kompeten", teks="Ikut pelatihan"
        )
    skp_edit.set_ekspektasi(
        db,
        actor=office.kabid.actor,
        skp_id=skp_id,
        nilai_id="kompeten",
        teks="Ikut pelatihan 20 JP",
    )
    skp_edit.set_lampiran(
        db,
        actor=office.staf.actor,
        skp_id=skp_id,
        jenis=JenisLampiran.KONSEKUENSI,
        items=["Tegur", " ", "TPP"],
    )
    skp_edit.set_lampiran(
        db,
        actor=office.staf.actor,
        skp_id=skp_id,
        jenis=JenisLampiran.KONSEKUENSI,
        items=["Teguran lisan"],
    )
    detail = skp_queries.get_skp(db, actor=office.staf.actor, skp_id=skp_id)
    assert {p.nilai_id: p.ekspektasi for p in detail.perilaku}["kompeten"] == "Ikut pelatihan 20 JP"
    assert [r.teks for r in detail.lampiran[JenisLampiran.KONSEKUENSI]] == ["Teguran lisan"]
    assert detail.lampiran[JenisLampiran.DUKUNGAN_SUMBER_DAYA] == ()


def test_copy_from_previous_year(db: Database, office: Office) -> None:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    source = draft(db, office.staf, intervensi=kabid_rhk, texts=("A", "B"))
    skp_edit.set_lampiran(
        db,
        actor=office.staf.actor,
        skp_id=source,
        jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA,
        items=["Laptop"],
    )
    assert (
        skp_workflow.previous_skp(
            db, actor=office.staf.actor, pegawai_id=office.staf.id, before=YEAR + 1
        )
        == source
    )
    copy = skp_workflow.copy_skp(db, actor=office.staf.actor, source_skp_id=source, tahun=YEAR + 1)
    assert copy.summary.tahun == YEAR + 1 and copy.disalin_dari_id == source
    assert [r.teks for r in copy.rhk] == ["A", "B"]
    assert all(r.intervensi_rhk_id is None for r in copy.rhk)
    assert copy.rhk[0].iki[0].target_min == 12
    assert [r.teks for r in copy.lampiran[JenisLampiran.DUKUNGAN_SUMBER_DAYA]] == ["Laptop"]
    assert copy.events[0].jenis == "copy"


def test_hand_out_one_rhk_to_several_staff(db: Database, office: Office) -> None:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    submitted = draft(db, office.staf2, intervensi=kabid_rhk)
    skp_workflow.submit(db, actor=office.staf2.actor, skp_id=submitted)
    results = cascade.distribute_rhk(
        db,
        actor=office.kabid.actor,
        source_rhk_id=kabid_rhk,
        pegawai_ids=[office.staf.id, office.staf2.id],
    )
    assert [(r.nama, r.added) for r in results] == [("Dewi Lestari", True), ("Agus Pratama", False)]
    staf = skp_queries.find_skp(db, actor=office.staf.actor, pegawai_id=office.staf.id, tahun=YEAR)
    assert staf is not None and staf.status is SkpStatus.DRAFT
    assert staf.rhk[0].intervensi_rhk_id == kabid_rhk and staf.rhk[0].sumber_rhk_id == kabid_rhk
    assert staf.rhk[0].iki[0].aspek is Aspek.KUANTITAS
    again = cascade.distribute_rhk(
        db, actor=office.kabid.actor, source_rhk_id=kabid_rhk, pegawai_ids=[office.staf.id]
    )
    assert not again[0].added
    with pytest.raises(PermissionDenied):
        cascade.distribute_rhk(
            db,
            actor=office.kabid.actor,
            source_rhk_id=kabid_rhk,
            pegawai_ids=[office.staf.id, office.admin.id],
        )
    with pytest.raises(PermissionDenied):
        cascade.distribute_rhk(
            db, actor=office.staf.actor, source_rhk_id=kabid_rhk, pegawai_ids=[office.staf.id]
        )


def test_matriks_peran_hasil(db: Database, office: Office) -> None:
    kabid_skp, kabid_rhk = kabid_approved(db, office)
    draft(db, office.staf, intervensi=kabid_rhk, texts=("Staf A",))
    loose = draft(db, office.staf2, texts=("Staf2 lepas",))
    matriks = cascade.matriks_peran_hasil(
        db, actor=office.kabid.actor, unit_kode="BID1", tahun=YEAR
    )
    assert matriks.pimpinan_nama == "Siti Rahmawati"
    assert [
        (n.teks, [c.teks for c in n.children], n.tidak_diintervensi) for n in matriks.roots
    ] == [
        ("Terlaksananya pelayanan bidang", ["Staf A"], False),
        ("Tersusunnya laporan bidang", [], True),
    ]
    assert [n.teks for n in matriks.tanpa_intervensi] == ["Staf2 lepas"]
    assert matriks.tanpa_skp == ()
    whole = cascade.matriks_peran_hasil(db, actor=office.admin.actor, unit_kode="DINAS", tahun=YEAR)
    top = [n.teks for n in whole.roots]
    assert top == ["Meningkatnya kualitas pelayanan publik", "Tertibnya administrasi"]
    assert [c.teks for c in whole.roots[0].children[0].children] == ["Staf A"]
    assert "Rina Wulandari" in whole.tanpa_skp
    assert loose and kabid_skp
    with pytest.raises(PermissionDenied):
        cascade.matriks_peran_hasil(
            db,
            actor=office.admin.actor.__class__(user_id="x", pegawai_id=office.admin.id, name="x"),
            unit_kode="BID1",
            tahun=YEAR,
        )


def test_lists_by_scope(db: Database, office: Office) -> None:
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    draft(db, office.staf, intervensi=kabid_rhk)
    mine = skp_queries.list_skp(db, actor=office.staf.actor, scope="mine")
    assert [s.nama for s in mine] == ["Dewi Lestari"]
    team = skp_queries.list_skp(db, actor=office.kabid.actor, scope="team")
    assert [s.nama for s in team] == ["Dewi Lestari"]
    below = skp_queries.list_skp(db, actor=office.kepala.actor, scope="below", tahun=YEAR)
    assert {s.nama for s in below} == {"Dewi Lestari", "Siti Rahmawati"}
    assert {s.nama for s in skp_queries.list_skp(db, actor=office.staf2.actor)} == set()
    everything = skp_queries.list_skp(db, actor=office.admin.actor, status=SkpStatus.DISETUJUI)
    assert {s.nama for s in everything} == {"Siti Rahmawati", "Ir. Bambang Sutrisno"}
    assert [
        s.nama for s in skp_queries.list_skp(db, actor=office.admin.actor, unit_kode="BID1")
    ] == [
        "Dewi Lestari",
        "Siti Rahmawati",
    ]


def test_home_items(db: Database, office: Office) -> None:
    import datetime as _dt

    from kinerja_desktop.services.home import items as home

    today = _dt.date(YEAR, 3, 1)
    _kabid_skp, kabid_rhk = kabid_approved(db, office)
    kinds = [i.kind for i in home.items_for(db, actor=office.staf.actor, today=today)]
    assert "skp.missing" in kinds
    skp_id = draft(db, office.staf, intervensi=kabid_rhk)
    skp_workflow.submit(db, actor=office.staf.actor, skp_id=skp_id)
    waiting = [
        i
        for i in home.items_for(db, actor=office.kabid.actor, today=today)
        if i.kind == "skp.waiting"
    ]
    assert [(i.payload, i.area) for i in waiting] == [(skp_id, "skp")]
    skp_workflow.return_skp(db, actor=office.kabid.actor, skp_id=skp_id, alasan="Lengkapi IKI")
    returned = [
        i
        for i in home.items_for(db, actor=office.staf.actor, today=today)
        if i.kind == "skp.returned"
    ]
    assert [(i.payload, i.detail) for i in returned] == [(skp_id, "Lengkapi IKI")]


def test_qualitative_and_jpt_layouts(db: Database, office: Office) -> None:
    actor = office.staf2.actor
    skp_id = skp_create.create_skp(
        db, actor=actor, pegawai_id=office.staf2.id, tahun=YEAR, pendekatan=Pendekatan.KUALITATIF
    ).id
    with pytest.raises(ValidationError, match="in words"):
        skp_edit.add_rhk(
            db,
            actor=actor,
            skp_id=skp_id,
            data=RhkInput("Arsip"),
            iki=[IkiInput("Arsip tertata", Aspek.KUALITAS, target_min=1)],
        )
    rhk_id = skp_edit.add_rhk(
        db,
        actor=actor,
        skp_id=skp_id,
        data=RhkInput("Arsip"),
        iki=[IkiInput("Arsip tertata", Aspek.KUALITAS)],
    )
    fields = [p.field for p in skp_queries.get_skp(db, actor=actor, skp_id=skp_id).problems]
    assert "rhk[0].iki[0].target_teks" in fields
    iki_id = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk[0].iki[0].id
    skp_edit.update_iki(
        db,
        actor=actor,
        iki_id=iki_id,
        data=IkiInput(
            "Arsip tertata",
            Aspek.KUALITAS,
            target_teks="Seluruh arsip 2026 tertata dan mudah dicari",
        ),
    )
    row = skp_queries.get_skp(db, actor=actor, skp_id=skp_id).rhk_by_id(rhk_id).iki[0]
    assert (row.target_teks, row.target_min, row.satuan) == (
        "Seluruh arsip 2026 tertata dan mudah dicari",
        None,
        "",
    )
    # JPT: klasifikasi and perspektif, no aspek, no link needed
    kepala = office.kepala.actor
    jpt_id = skp_create.create_skp(db, actor=kepala, pegawai_id=office.kepala.id, tahun=YEAR).id
    with pytest.raises(ValidationError, match="perspective"):
        skp_edit.add_rhk(
            db,
            actor=kepala,
            skp_id=jpt_id,
            data=RhkInput("Layanan"),
            iki=[IkiInput("IKM", Aspek.KUALITAS, target_min=80, satuan="indeks")],
        )
    skp_edit.add_rhk(
        db,
        actor=kepala,
        skp_id=jpt_id,
        data=RhkInput("Layanan"),
        iki=[IkiInput("IKM", target_min=80, satuan="indeks")],
    )
    problems = skp_queries.get_skp(db, actor=kepala, skp_id=jpt_id).problems
    assert [p.field for p in problems] == ["rhk[0].iki[0].perspektif"]
    with pytest.raises(ValidationError, match="classifies"):
        skp_edit.add_rhk(
            db, actor=actor, skp_id=skp_id, data=RhkInput("X", klasifikasi=KlasifikasiRhk.INDIVIDU)
        )
