"""Builders of SKPs for the SKP tests: a complete plan for each person of the test office,
cascading kepala -> kabid -> staf."""

from __future__ import annotations

from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import Aspek, JenisRhk, KlasifikasiRhk, Perspektif
from kinerja_desktop.services.skp import create as skp_create
from kinerja_desktop.services.skp import edit as skp_edit
from kinerja_desktop.services.skp import workflow as skp_workflow
from kinerja_desktop.services.skp.plan import IkiInput, RhkInput
from tests.factories import Office, Person

YEAR = 2026


def iki(text: str = "Jumlah dokumen", target: float = 12, satuan: str = "dokumen") -> IkiInput:
    return IkiInput(text, aspek=Aspek.KUANTITAS, target_min=target, satuan=satuan)


def jpt_iki(text: str = "Indeks kepuasan masyarakat") -> IkiInput:
    return IkiInput(text, perspektif=Perspektif.PENERIMA_LAYANAN, target_min=80, satuan="indeks")


def draft(
    db: Database,
    person: Person,
    *,
    intervensi: str | None = None,
    texts: tuple[str, ...] = ("Terlaksananya pelayanan",),
) -> str:
    """A complete draft SKP of ``person`` (JA/JF rows, supporting ``intervensi``)."""
    detail = skp_create.create_skp(db, actor=person.actor, pegawai_id=person.id, tahun=YEAR)
    for text in texts:
        skp_edit.add_rhk(
            db,
            actor=person.actor,
            skp_id=detail.id,
            data=RhkInput(text, JenisRhk.UTAMA, intervensi),
            iki=[iki()],
        )
    return detail.id


def kepala_approved(db: Database, office: Office) -> tuple[str, list[str]]:
    """The head's JPT SKP, approved by the administrator (the head has no penilai)."""
    detail = skp_create.create_skp(
        db, actor=office.kepala.actor, pegawai_id=office.kepala.id, tahun=YEAR
    )
    ids = [
        skp_edit.add_rhk(
            db,
            actor=office.kepala.actor,
            skp_id=detail.id,
            data=RhkInput(text, klasifikasi=KlasifikasiRhk.ORGANISASI),
            iki=[jpt_iki()],
        )
        for text in ("Meningkatnya kualitas pelayanan publik", "Tertibnya administrasi")
    ]
    skp_workflow.submit(db, actor=office.kepala.actor, skp_id=detail.id)
    skp_workflow.approve(db, actor=office.admin.actor, skp_id=detail.id)
    return detail.id, ids


def kabid_approved(db: Database, office: Office) -> tuple[str, str]:
    """kepala's SKP approved, then kabid's supporting it, approved by kepala.

    Returns (kabid's SKP id, kabid's first RHK id)."""
    _kepala_skp, kepala_rhk = kepala_approved(db, office)
    skp_id = draft(
        db,
        office.kabid,
        intervensi=kepala_rhk[0],
        texts=("Terlaksananya pelayanan bidang", "Tersusunnya laporan bidang"),
    )
    skp_workflow.submit(db, actor=office.kabid.actor, skp_id=skp_id)
    detail = skp_workflow.approve(db, actor=office.kepala.actor, skp_id=skp_id)
    return skp_id, detail.rhk[0].id
