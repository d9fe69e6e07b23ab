"""SQLAlchemy entities of the whole performance cycle. Import this package to register all."""

from kinerja_desktop.models.accounts import AuditLog, Setting, UserAccount
from kinerja_desktop.models.base import Base, Local, Synced, new_id, utcnow
from kinerja_desktop.models.coaching import (
    AgendaSesi,
    AksiDisepakati,
    CatatanSesi,
    EvaluasiKompetensi,
    KebutuhanPengembangan,
    KegiatanPengembangan,
    RencanaPengembangan,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.evaluation import (
    AmandemenEvaluasi,
    CapaianKinerjaOrganisasi,
    Evaluasi,
)
from kinerja_desktop.models.harian import (
    BuktiHarian,
    CutiPegawai,
    ProgresHarian,
    StatusHarian,
)
from kinerja_desktop.models.monitoring import (
    BuktiDukung,
    FrasaUmpanBalik,
    Lampiran,
    PenilaianDiri,
    Realisasi,
    RencanaAksi,
    RitmePeriode,
    UmpanBalik,
)
from kinerja_desktop.models.org import Instansi, Jabatan, Pegawai, UnitKerja
from kinerja_desktop.models.siasn import RiwayatSiasn, SerahSiasn
from kinerja_desktop.models.skp import (
    EkspektasiKhusus,
    Iki,
    LampiranItem,
    PerilakuNilai,
    PerilakuPanduan,
    Rhk,
    Skp,
    SkpEvent,
)
from kinerja_desktop.models.sync_state import (
    InstallState,
    SyncBundleLog,
    SyncConflict,
    SyncPeer,
    SyncPegawaiHome,
)

__all__ = [
    "AgendaSesi",
    "AksiDisepakati",
    "AmandemenEvaluasi",
    "AuditLog",
    "Base",
    "BuktiDukung",
    "BuktiHarian",
    "CapaianKinerjaOrganisasi",
    "CatatanSesi",
    "CutiPegawai",
    "EkspektasiKhusus",
    "Evaluasi",
    "EvaluasiKompetensi",
    "FrasaUmpanBalik",
    "Iki",
    "InstallState",
    "Instansi",
    "Jabatan",
    "KebutuhanPengembangan",
    "KegiatanPengembangan",
    "Lampiran",
    "LampiranItem",
    "Local",
    "Pegawai",
    "PenilaianDiri",
    "PerilakuNilai",
    "PerilakuPanduan",
    "ProgresHarian",
    "Realisasi",
    "RencanaAksi",
    "RencanaPengembangan",
    "Rhk",
    "RitmePeriode",
    "RiwayatSiasn",
    "SerahSiasn",
    "SesiCoaching",
    "Setting",
    "Skp",
    "SkpEvent",
    "StatusHarian",
    "SyncBundleLog",
    "SyncConflict",
    "SyncPeer",
    "SyncPegawaiHome",
    "Synced",
    "UmpanBalik",
    "UmpanBalikBimbingan",
    "UnitKerja",
    "UserAccount",
    "new_id",
    "utcnow",
]
