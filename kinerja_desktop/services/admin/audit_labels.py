"""What the audit log shows people instead of table and column names: a label for each kind
of record and each field, and which bookkeeping fields (ids, sync counters, timestamps) are
left out of the list of changes."""

from __future__ import annotations

from kinerja_desktop.i18n import N_, _

TABLES: dict[str, str] = {
    "agenda_sesi": N_("Conversation agenda item"),
    "aksi_disepakati": N_("Agreed action"),
    "amandemen_evaluasi": N_("Evaluation amendment"),
    "audit_log": N_("Audit entry"),
    "berkas": N_("Stored file"),
    "bukti_harian": N_("Daily log evidence"),
    "bukti_dukung": N_("Supporting evidence"),
    "capaian_organisasi": N_("Organisational achievement"),
    "catatan_sesi": N_("Conversation note"),
    "cuti_pegawai": N_("Leave day"),
    "ekspektasi_khusus": N_("Leader's expectation"),
    "evaluasi": N_("Evaluation"),
    "evaluasi_kompetensi": N_("Competence assessment"),
    "frasa_umpan_balik": N_("Standard feedback phrase"),
    "iki": N_("Indicator (IKI)"),
    "install_state": N_("This installation"),
    "instansi": N_("Office (instansi)"),
    "jabatan": N_("Position"),
    "keberatan_evaluasi": N_("Objection to an evaluation"),
    "kebutuhan_pengembangan": N_("Development need"),
    "kegiatan_pengembangan": N_("Development activity"),
    "lampiran_item": N_("SKP appendix item"),
    "pegawai": N_("Person"),
    "penilai_non_asn": N_("Non-ASN appraising official"),
    "penilaian_diri": N_("Self-assessment"),
    "progres_harian": N_("Daily log entry"),
    "perilaku_nilai": N_("Work behaviour value"),
    "perilaku_panduan": N_("Work behaviour guide"),
    "realisasi": N_("Achievement (realisasi)"),
    "rencana_aksi": N_("Action plan"),
    "rencana_pengembangan": N_("Development plan"),
    "rhk": N_("Work result (RHK)"),
    "riwayat_siasn": N_("Result read back from SIASN"),
    "ritme_periode": N_("Evaluation rhythm"),
    "sesi_coaching": N_("Coaching conversation"),
    "serah_siasn": N_("Hand-over to SIASN"),
    "setting": N_("Setting"),
    "skp": N_("SKP"),
    "skp_event": N_("SKP step"),
    "sync_bundle_log": N_("Sync bundle"),
    "sync_conflict": N_("Sync conflict"),
    "sync_peer": N_("Sync partner"),
    "sync_pegawai_home": N_("Person's home installation"),
    "umpan_balik": N_("Feedback"),
    "umpan_balik_bimbingan": N_("Coaching feedback"),
    "unit_kerja": N_("Work unit"),
    "user_account": N_("User account"),
}

FIELDS: dict[str, str] = {
    "aktif": N_("Active"),
    "alamat": N_("Address"),
    "alasan": N_("Reason"),
    "alasan_dikembalikan": N_("Reason for returning"),
    "aspek": N_("Aspect"),
    "capaian": N_("Achievement"),
    "catatan": N_("Notes"),
    "deleted": N_("Deleted"),
    "email": N_("E-mail"),
    "gelar_belakang": N_("Title after the name"),
    "gelar_depan": N_("Title before the name"),
    "golongan": N_("Rank (golongan)"),
    "harus_ganti_password": N_("Must change password"),
    "jabatan_id": N_("Position"),
    "jenis": N_("Kind"),
    "jenis_asn": N_("Kind of civil servant"),
    "jenis_kelamin": N_("Sex"),
    "jenjang": N_("Level"),
    "kode": N_("Code"),
    "kota": N_("City"),
    "level": N_("Level"),
    "nama": N_("Name"),
    "nilai": N_("Value"),
    "nip": N_("NIP"),
    "password_hash": N_("Password"),
    "pegawai_id": N_("Person"),
    "pendekatan": N_("Approach"),
    "penilai_id": N_("Appraising official"),
    "periode": N_("Period"),
    "periode_mulai": N_("Period start"),
    "periode_selesai": N_("Period end"),
    "predikat": N_("Predikat"),
    "rating_hasil": N_("Work result rating"),
    "rating_perilaku": N_("Work behaviour rating"),
    "rekomendasi": N_("Recommendation"),
    "revisi": N_("Revision"),
    "roles": N_("Roles"),
    "satuan": N_("Unit of measure"),
    "status": N_("Status"),
    "tahun": N_("Year"),
    "tanggal": N_("Date"),
    "tanggal_lahir": N_("Date of birth"),
    "target": N_("Target"),
    "teks": N_("Text"),
    "telepon": N_("Telephone"),
    "tenggat": N_("Due date"),
    "unit_id": N_("Work unit"),
    "username": N_("Username"),
    "failure": N_("Kind of failure"),
    "line": N_("Line of the security log"),
}

# Bookkeeping every record carries: not a change a person made or needs to read.
HIDDEN = {
    "id", "vv", "change_seq", "change_counter", "created_at", "created_by", "updated_at",
    "updated_by", "instansi_id", "install_id", "local_seq", "gagal_login", "last_login_at",
}  # fmt: skip


def table_label(table: str) -> str:
    """The kind of record a person reads for ``table``."""
    known = TABLES.get(table)
    return _(known) if known else _humanise(table)


def field_label(field: str) -> str:
    """The label of ``field``: a known label, else the name written as words."""
    known = FIELDS.get(field)
    if known:
        return _(known)
    return _humanise(field[:-3] if field.endswith("_id") else field)


def shown_fields(fields: list[str]) -> list[str]:
    """``fields`` without the bookkeeping ones."""
    return [f for f in fields if f not in HIDDEN]


def _humanise(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]
