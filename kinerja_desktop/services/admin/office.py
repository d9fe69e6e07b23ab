"""The office this install serves: its instansi and identity."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kinerja_desktop.actor import Actor
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import ValidationError
from kinerja_desktop.i18n import _
from kinerja_desktop.models.org import Instansi
from kinerja_desktop.models.sync_state import InstallState
from kinerja_desktop.services.core import access


@dataclass(frozen=True)
class OfficeInfo:
    install_id: str
    mode: str
    instansi_kode: str
    instansi_nama: str
    kota: str


def office_info(db: Database, *, actor: Actor) -> OfficeInfo:
    with db.read(actor) as session:
        state = session.get(InstallState, 1)
        assert state is not None
        instansi = session.execute(
            select(Instansi).where(Instansi.deleted.is_(False)).order_by(Instansi.created_at)
        ).scalar()
        return OfficeInfo(
            install_id=state.install_id,
            mode=state.mode,
            instansi_kode=instansi.kode if instansi else "",
            instansi_nama=instansi.nama if instansi else "",
            kota=instansi.kota if instansi else "",
        )


def set_instansi(db: Database, *, actor: Actor, kode: str, nama: str, kota: str = "") -> OfficeInfo:
    """Create or rename the instansi this office belongs to."""
    access.require_pengelola(actor)
    kode, nama = kode.strip(), " ".join(nama.split())
    if not kode:
        raise ValidationError(_("The instansi code is required."), field="kode")
    if not nama:
        raise ValidationError(_("The instansi name is required."), field="nama")
    with db.unit_of_work(actor) as session:
        instansi = session.execute(select(Instansi).where(Instansi.deleted.is_(False))).scalar()
        if instansi is None:
            session.add(Instansi(kode=kode, nama=nama, kota=kota.strip()))
        else:
            instansi.kode, instansi.nama, instansi.kota = kode, nama, kota.strip()
    return office_info(db, actor=actor)
