"""Data for the printed-form tests, built with the models on the test office.

- staf (JF): an approved kuantitatif SKP 2026 with UTAMA and TAMBAHAN RHK, IKI with aspek,
  ekspektasi, lampiran, realisasi and feedback in 2026-S1, a final evaluation;
- kepala (JPT): an approved kualitatif SKP with perspektif;
- staf2 (JA): a LONG SKP (many RHK, long texts) that must split across pages;
- kabid's unit BID1 has a capaian for 2026-S1; a coaching session kabid -> staf with a
  shared and a PRIVATE note, agenda, an agreed action, B.1.8 answers and B.1.9 scores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.coaching import (
    AgendaSesi,
    AksiDisepakati,
    CatatanSesi,
    EvaluasiKompetensi,
    SesiCoaching,
    UmpanBalikBimbingan,
)
from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    EvaluasiStatus,
    JenisCatatan,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    JenisSesi,
    Pendekatan,
    Perspektif,
    Predikat,
    Rating,
    SkpStatus,
    StatusSesi,
)
from kinerja_desktop.models.evaluation import CapaianKinerjaOrganisasi, Evaluasi
from kinerja_desktop.models.monitoring import Realisasi, UmpanBalik
from kinerja_desktop.models.skp import EkspektasiKhusus, Iki, LampiranItem, Rhk, Skp
from tests.factories import Office

PRIVATE_NOTE = "RAHASIA-PRIBADI: catatan ini hanya untuk pembimbing"
SHARED_NOTE = "Disepakati fokus pada ketepatan waktu laporan"
LONG_RHK_COUNT = 24


@dataclass(frozen=True)
class FormsWorld:
    skp_staf: str
    skp_kepala: str
    skp_long: str
    evaluasi_staf: str
    sesi: str
    rhk_texts: tuple[str, ...]
    iki_texts: tuple[str, ...]
    long_rhk_texts: tuple[str, ...]


def _snapshot(nama: str, nip: str, pangkat: str, jabatan: str, unit: str) -> dict[str, str]:
    return {"nama": nama, "nip": nip, "pangkat": pangkat, "jabatan": jabatan, "unit": unit}


def make_world(db: Database, office: Office) -> FormsWorld:
    approved = dt.datetime(2026, 1, 15, 3, 0, tzinfo=dt.UTC)
    with db.unit_of_work(SYSTEM) as s:
        kabid_rhk = Rhk(skp_id="", teks="Meningkatnya kualitas pelayanan administrasi kependudukan")
        skp_kabid = Skp(
            pegawai_id=office.kabid.id, penilai_id=office.kepala.id, tahun=2026,
            periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
            pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JA,
            status=SkpStatus.DISETUJUI, disetujui_at=approved,
        )  # fmt: skip
        s.add(skp_kabid)
        s.flush()
        kabid_rhk.skp_id = skp_kabid.id
        s.add(kabid_rhk)
        s.flush()

        skp = Skp(
            pegawai_id=office.staf.id, penilai_id=office.kabid.id, tahun=2026,
            periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
            pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JF,
            status=SkpStatus.DISETUJUI, disetujui_at=approved,
            pegawai_snapshot=_snapshot("Dewi Lestari, S.E.", office.staf.nip,
                                       "Penata Muda Tk.I / III/b",
                                       "Analis Kebijakan Ahli Pertama", "Bidang Pelayanan"),
            penilai_snapshot=_snapshot("Siti Rahmawati", office.kabid.nip, "Pembina / IV/a",
                                       "Kepala Bidang Pelayanan", "Bidang Pelayanan"),
            atasan_penilai_snapshot=_snapshot("Ir. Bambang Sutrisno", office.kepala.nip,
                                              "Pembina Utama Muda / IV/c", "Kepala Dinas",
                                              "Dinas Kependudukan"),
        )  # fmt: skip
        s.add(skp)
        s.flush()
        rhk_texts = (
            "Tersusunnya rekomendasi kebijakan pelayanan publik",
            "Terlaksananya survei kepuasan masyarakat",
            "Tersusunnya laporan evaluasi program (penugasan tambahan)",
        )
        iki_specs = [
            (0, "Jumlah rekomendasi kebijakan yang disampaikan", Aspek.KUANTITAS, 4, None, "dokumen"),
            (0, "Persentase rekomendasi yang diterima pimpinan", Aspek.KUALITAS, 80, None, "persen"),
            (1, "Jumlah responden survei", Aspek.KUANTITAS, 300, 400, "orang"),
            (1, "Waktu penyelesaian laporan survei", Aspek.WAKTU, 2, None, "bulan"),
            (2, "Jumlah laporan evaluasi", Aspek.KUANTITAS, 1, None, "laporan"),
        ]  # fmt: skip
        rhks = []
        for index, teks in enumerate(rhk_texts):
            jenis = JenisRhk.TAMBAHAN if index == 2 else JenisRhk.UTAMA
            rhk = Rhk(skp_id=skp.id, jenis=jenis, urutan=index, teks=teks,
                      intervensi_rhk_id=kabid_rhk.id if jenis is JenisRhk.UTAMA else None,
                      penugasan_dari="Kepala Dinas" if jenis is JenisRhk.TAMBAHAN else "")  # fmt: skip
            s.add(rhk)
            rhks.append(rhk)
        s.flush()
        ikis = []
        for order, (rhk_index, teks, aspek, low, high, satuan) in enumerate(iki_specs):
            iki = Iki(rhk_id=rhks[rhk_index].id, urutan=order, teks=teks, aspek=aspek,
                      target_min=low, target_max=high, satuan=satuan)  # fmt: skip
            s.add(iki)
            ikis.append(iki)
        s.flush()
        s.add(EkspektasiKhusus(skp_id=skp.id, nilai_id="akuntabel",
                               teks="Menyampaikan laporan tepat waktu setiap bulan"))  # fmt: skip
        for jenis, teks in [
            (JenisLampiran.DUKUNGAN_SUMBER_DAYA, "Akses data kependudukan"),
            (JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, "Laporan triwulanan kepada pimpinan"),
            (JenisLampiran.KONSEKUENSI, "Teguran tertulis bila target tidak tercapai"),
        ]:
            s.add(LampiranItem(skp_id=skp.id, jenis=jenis, teks=teks))
        s.add(Realisasi(iki_id=ikis[0].id, periode="2026-S1", nilai=3, teks="Tiga rekomendasi"))
        s.add(UmpanBalik(skp_id=skp.id, periode="2026-S1", iki_id=ikis[0].id,
                         penulis_id=office.kabid.id, teks="Analisis sudah tajam, pertahankan"))  # fmt: skip
        s.add(UmpanBalik(skp_id=skp.id, periode="2026-S1", nilai_id="kolaboratif",
                         penulis_id=office.kabid.id, teks="Aktif membantu rekan satu tim"))  # fmt: skip
        evaluasi = Evaluasi(
            skp_id=skp.id, periode="2026-S1", penilai_id=office.kabid.id,
            rating_hasil=Rating.SESUAI, rating_perilaku=Rating.DI_ATAS, predikat=Predikat.BAIK,
            catatan="Kinerja stabil sepanjang semester",
            rekomendasi="Mengikuti pelatihan analisis kebijakan",
            status=EvaluasiStatus.FINAL, final_at=dt.datetime(2026, 7, 3, 2, 0, tzinfo=dt.UTC),
        )  # fmt: skip
        s.add(evaluasi)
        s.add(CapaianKinerjaOrganisasi(unit_id=office.unit_bidang, periode="2026-S1",
                                       capaian=CapaianOrganisasi.BAIK))  # fmt: skip

        skp_kepala = Skp(
            pegawai_id=office.kepala.id, penilai_id=None, tahun=2026,
            periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
            pendekatan=Pendekatan.KUALITATIF, jenis_jabatan=JenisJabatan.JPT,
            status=SkpStatus.DISETUJUI, disetujui_at=approved,
        )  # fmt: skip
        s.add(skp_kepala)
        s.flush()
        rhk_jpt = Rhk(skp_id=skp_kepala.id, teks="Meningkatnya kepuasan masyarakat atas layanan")
        s.add(rhk_jpt)
        s.flush()
        s.add(Iki(rhk_id=rhk_jpt.id, teks="Indeks kepuasan masyarakat",
                  perspektif=Perspektif.PENERIMA_LAYANAN,
                  target_teks="Layanan dinilai memuaskan oleh mayoritas responden"))  # fmt: skip

        skp_long = Skp(
            pegawai_id=office.staf2.id, penilai_id=office.kabid.id, tahun=2026,
            periode_mulai=dt.date(2026, 1, 1), periode_selesai=dt.date(2026, 12, 31),
            pendekatan=Pendekatan.KUANTITATIF, jenis_jabatan=JenisJabatan.JA,
            status=SkpStatus.DRAFT,
        )  # fmt: skip
        s.add(skp_long)
        s.flush()
        long_texts = []
        filler = (
            "dengan memperhatikan standar pelayanan minimal, ketentuan peraturan perundang-"
            "undangan yang berlaku, serta masukan dari masyarakat dan pemangku kepentingan "
        )
        for index in range(LONG_RHK_COUNT):
            teks = f"RHK-PANJANG-{index + 1:02d} Terselenggaranya administrasi umum " + filler * (
                1 + index % 3
            )
            long_texts.append(f"RHK-PANJANG-{index + 1:02d}")
            rhk = Rhk(skp_id=skp_long.id, urutan=index, teks=teks,
                      jenis=JenisRhk.TAMBAHAN if index >= LONG_RHK_COUNT - 3 else JenisRhk.UTAMA)  # fmt: skip
            s.add(rhk)
            s.flush()
            for j in range(1 + index % 3):
                s.add(Iki(rhk_id=rhk.id, urutan=j, aspek=list(Aspek)[j % 3],
                          teks=f"IKI-PANJANG-{index + 1:02d}.{j + 1} Persentase berkas yang "
                               "diselesaikan tepat waktu sesuai standar " + filler,
                          target_min=90 + j, satuan="persen"))  # fmt: skip

        sesi = SesiCoaching(
            jenis=JenisSesi.BIMBINGAN_KINERJA, tanggal=dt.date(2026, 5, 12), waktu="09:30",
            tempat="Ruang Rapat Bidang", coach_id=office.kabid.id, pegawai_id=office.staf.id,
            skp_id=skp.id, rhk_id=rhks[1].id, status=StatusSesi.SELESAI,
            ringkasan="Sesi membahas rencana survei dan kendala pengumpulan data",
        )  # fmt: skip
        s.add(sesi)
        s.flush()
        s.add(AgendaSesi(sesi_id=sesi.id, penulis_id=office.staf.id, teks="Kendala survei"))
        s.add(CatatanSesi(sesi_id=sesi.id, penulis_id=office.kabid.id, jenis=JenisCatatan.NOTE,
                          teks=SHARED_NOTE, privat=False))  # fmt: skip
        s.add(CatatanSesi(sesi_id=sesi.id, penulis_id=office.kabid.id, jenis=JenisCatatan.NOTE,
                          teks=PRIVATE_NOTE, privat=True))  # fmt: skip
        s.add(AksiDisepakati(sesi_id=sesi.id, pelaksana_id=office.staf.id,
                             teks="Menyusun instrumen survei", tenggat=dt.date(2026, 6, 1)))  # fmt: skip
        s.add(UmpanBalikBimbingan(sesi_id=sesi.id, nomor=1, jawaban=True))
        s.add(UmpanBalikBimbingan(sesi_id=sesi.id, nomor=9, jawaban=False,
                                  keterangan="Sudah cukup jelas"))  # fmt: skip
        s.add(EvaluasiKompetensi(sesi_id=sesi.id, urutan=0, kompetensi="Analisis data",
                                 skor=4, alasan="Mampu mengolah data survei"))  # fmt: skip
        s.flush()
        return FormsWorld(
            skp_staf=skp.id,
            skp_kepala=skp_kepala.id,
            skp_long=skp_long.id,
            evaluasi_staf=evaluasi.id,
            sesi=sesi.id,
            rhk_texts=rhk_texts,
            iki_texts=tuple(spec[1] for spec in iki_specs),
            long_rhk_texts=tuple(long_texts),
        )
