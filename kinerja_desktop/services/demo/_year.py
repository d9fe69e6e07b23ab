"""The demo regency's performance year: what each person's SKP holds and what happened.

``Year`` writes the capaian organisasi of the units and, per person, an approved SKP with its
events, RHK cascading from the supervisor's RHK, IKI with targets, ekspektasi khusus,
lampiran and rencana aksi; then for the periods that have ended the realisasi, umpan balik
and evaluations, and now and then coaching sessions with agreed actions and a development
plan.
"""

from __future__ import annotations

import datetime as dt

from kinerja_desktop.db.reference_data import BERAKHLAK
from kinerja_desktop.models.enums import (
    Aspek,
    CapaianOrganisasi,
    EvaluasiStatus,
    JenisCatatan,
    JenisJabatan,
    JenisLampiran,
    JenisRhk,
    JenisSesi,
    JenjangJabatan,
    KlasifikasiRhk,
    Pendekatan,
    Perspektif,
    Rating,
    SkpStatus,
    StatusAksi,
    StatusSesi,
)
from kinerja_desktop.services.core.periods import Periode
from kinerja_desktop.services.core.reference import GOLONGAN_PNS, GOLONGAN_PPPK
from kinerja_desktop.services.demo import _wording as W
from kinerja_desktop.services.demo._org import Person, Unit
from kinerja_desktop.services.demo._rows import Rows
from kinerja_desktop.services.evaluation.evaluations import predikat_kinerja

_RATING_OF_CAPAIAN = {
    CapaianOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    CapaianOrganisasi.BAIK: Rating.SESUAI,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    CapaianOrganisasi.KURANG: Rating.DI_BAWAH,
    CapaianOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}
_FLOW = {"dokumen", "laporan", "kegiatan", "layanan", "berkas"}
_RATINGS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
_SESI = (JenisSesi.DIALOG_KINERJA, JenisSesi.BIMBINGAN_KINERJA, JenisSesi.COACHING,
         JenisSesi.MENTORING, JenisSesi.KONSELING)  # fmt: skip
_AKSI = (StatusAksi.DONE, StatusAksi.OPEN, StatusAksi.DROPPED)
IkiRow = tuple[str, str, float | None, str, str]
"""An IKI of a person's SKP: (id, satuan, target, kind, wording)."""


class Year:
    """The year of every person of the regency, drawn from the shared ``rows``."""

    def __init__(
        self,
        rows: Rows,
        people: list[Person],
        *,
        instansi_nama: str,
        kabupaten: str,
        frasa: list[tuple[str, bool]],
    ) -> None:
        self.rows = rows
        self.people = people
        self.instansi_nama = instansi_nama
        self.kabupaten = kabupaten
        self.frasa = frasa
        self.capaian: dict[tuple[int, str], CapaianOrganisasi] = {}

    def unit_capaian(self, unit: Unit, period: Periode) -> None:
        value = self.rows.rng.choices(
            (CapaianOrganisasi.ISTIMEWA, CapaianOrganisasi.BAIK,
             CapaianOrganisasi.BUTUH_PERBAIKAN, CapaianOrganisasi.KURANG,
             CapaianOrganisasi.SANGAT_KURANG),
            cum_weights=(15, 80, 95, 99, 100),
        )[0]  # fmt: skip
        self.capaian[(unit.index, period.code)] = value
        self.rows.add("capaian_organisasi", unit_id=unit.id, periode=period.code, capaian=value.value,
                 catatan="")  # fmt: skip

    # --- a person's year ----------------------------------------------------------------

    def person_year(
        self, person: Person, periods: list[Periode], past: list[Periode]
    ) -> list[IkiRow]:
        """The person's year; returns their IKI as (id, satuan, target, kind, wording)."""
        rng = self.rows.rng
        unit = person.unit
        penilai = self.people[person.penilai] if person.penilai is not None else None
        atasan = (
            self.people[penilai.penilai]
            if penilai is not None and penilai.penilai is not None
            else None
        )
        jpt = person.jenis is JenisJabatan.JPT
        kualitatif = rng.random() < 0.12
        submitted = self.rows.day_in(
            dt.date(self.rows.tahun, 1, 5), dt.date(self.rows.tahun, 1, 25)
        )
        approved = submitted + dt.timedelta(days=self.rows.between(1, 6))
        skp_id = self.rows.add(
            "skp", pegawai_id=person.id, penilai_id=penilai.id if penilai else None,
            tahun=self.rows.tahun, periode_mulai=self.rows.store.date(dt.date(self.rows.tahun, 1, 1)),
            periode_selesai=self.rows.store.date(dt.date(self.rows.tahun, 12, 31)),
            pendekatan=(Pendekatan.KUALITATIF if kualitatif else Pendekatan.KUANTITATIF).value,
            jenis_jabatan=person.jenis.value, status=SkpStatus.DISETUJUI.value,
            diajukan_at=self.rows.dt_on(submitted), disetujui_at=self.rows.dt_on(approved, 14),
            pegawai_snapshot=self.rows.store.json(self.party(person)),
            penilai_snapshot=self.rows.store.json(self.party(penilai) if penilai else self.bupati()),
            atasan_penilai_snapshot=self.rows.store.json(self.party(atasan) if atasan else {}),
        )  # fmt: skip
        self.rows.add("skp_event", skp_id=skp_id, actor_pegawai_id=person.id, jenis="submit",
                 dari_status=SkpStatus.DRAFT.value, ke_status=SkpStatus.DIAJUKAN.value,
                 created_at=self.rows.dt_on(submitted), updated_at=self.rows.dt_on(submitted))  # fmt: skip
        self.rows.add("skp_event", skp_id=skp_id, actor_pegawai_id=penilai.id if penilai else None,
                 jenis="approve", dari_status=SkpStatus.DIAJUKAN.value,
                 ke_status=SkpStatus.DISETUJUI.value, created_at=self.rows.dt_on(approved, 14),
                 updated_at=self.rows.dt_on(approved, 14))  # fmt: skip
        topic = unit.topic if not jpt else unit.opd_name
        fill = {"topic": topic, "opd": unit.opd_name, "opd_lower": unit.opd_name.lower(),
                "opd_short": unit.opd_name}  # fmt: skip
        if jpt:
            templates = W.RHK_JPT
        elif person.jenjang is JenjangJabatan.ADMINISTRATOR:
            templates = W.RHK_ADMINISTRATOR
        elif person.jenjang is JenjangJabatan.PENGAWAS:
            templates = W.RHK_PENGAWAS
        else:
            templates = W.RHK_STAFF
        count = self.rows.between(3, 4) if jpt else self.rows.between(2, 4)
        iki_of: list[IkiRow] = []
        used: set[str] = set()
        rhk_ids: list[str] = []
        for order, template in enumerate(rng.sample(templates, min(count, len(templates))), 1):
            intervensi = (
                self.rows.pick(penilai.rhk_utama) if penilai and penilai.rhk_utama else None
            )
            rhk_id = self.rows.add(
                "rhk", skp_id=skp_id, jenis=JenisRhk.UTAMA.value, urutan=order,
                teks=template.format(**fill), intervensi_rhk_id=intervensi,
                klasifikasi=(KlasifikasiRhk.ORGANISASI if order <= 2 else KlasifikasiRhk.INDIVIDU).value
                if jpt else None,
            )  # fmt: skip
            person.rhk_utama.append(rhk_id)
            rhk_ids.append(rhk_id)
            iki_of.extend(self.iki(rhk_id, jpt, kualitatif, fill, used))
        if rng.random() < 0.15:
            teks, dari = self.rows.pick(W.RHK_TAMBAHAN)
            rhk_id = self.rows.add(
                "rhk", skp_id=skp_id, jenis=JenisRhk.TAMBAHAN.value, urutan=len(rhk_ids) + 1,
                teks=teks, penugasan_dari=dari.format(**fill).replace("Kepala Kecamatan", "Camat")
                .replace("Bupati", f"Bupati {self.kabupaten}"),
                klasifikasi=KlasifikasiRhk.INDIVIDU.value if jpt else None,
            )  # fmt: skip
            rhk_ids.append(rhk_id)
            iki_of.extend(self.iki(rhk_id, jpt, kualitatif, fill, used, tambahan=True))
        for nilai_id, _nama, _panduan in BERAKHLAK:
            self.rows.add("ekspektasi_khusus", skp_id=skp_id, nilai_id=nilai_id,
                     teks=self.rows.pick(W.EKSPEKTASI[nilai_id]))  # fmt: skip
        for jenis in JenisLampiran:
            items = W.LAMPIRAN[jenis.value]
            for order, teks in enumerate(rng.sample(items, self.rows.between(1, 2)), start=1):
                self.rows.add("lampiran_item", skp_id=skp_id, jenis=jenis.value, urutan=order,
                         teks=teks)  # fmt: skip
        # Rencana aksi: always for the current period, now and then for an earlier one.
        current = len(past) if len(past) < len(periods) else len(periods) - 1
        for rhk_id in person.rhk_utama:
            for number, period in enumerate(periods):
                if number > current or (number < current and rng.random() >= 0.3):
                    continue
                self.rows.add("rencana_aksi", rhk_id=rhk_id, periode=period.code, urutan=1,
                         teks=self.rows.pick(W.RENCANA_AKSI).format(**fill),
                         target=f"{self.rows.between(1, 4)} kegiatan")  # fmt: skip
        for period in past:
            self.realisasi(iki_of, period, len(periods))
        # The period under way is filled as far as it has gone: a share of the indicators.
        today = self.rows.today
        running = next((p for p in periods if p.mulai <= today <= p.selesai), None)
        if running is not None:
            gone = (today - running.mulai).days / max((running.selesai - running.mulai).days, 1)
            started = [item for item in iki_of if rng.random() < gone]
            self.realisasi(started, running, len(periods))
        if penilai is not None:
            for number, period in enumerate(past, start=1):
                self.feedback(skp_id, person, penilai, rhk_ids, period)
                self.evaluation(skp_id, person, penilai, period, last=number == len(past))
            if rng.random() < 0.08:
                self.coaching(skp_id, person, penilai, rhk_ids)
        if rng.random() < 0.10:
            self.development(person)
        return iki_of

    def party(self, person: Person) -> dict[str, str]:
        golongan = person.golongan
        if golongan in GOLONGAN_PNS:
            pangkat = f"{GOLONGAN_PNS[golongan].replace('Tingkat I', 'Tk.I')} / {golongan}"
        elif golongan in GOLONGAN_PPPK:
            pangkat = f"Golongan {golongan}"
        else:
            pangkat = golongan
        return {"nama": person.nama_lengkap, "nip": person.nip, "pangkat": pangkat,
                "jabatan": person.jabatan, "unit": person.unit.nama}  # fmt: skip

    def bupati(self) -> dict[str, str]:
        return {"nama": f"Bupati {self.kabupaten}", "nip": "", "pangkat": "",
                "jabatan": f"Bupati {self.kabupaten}", "unit": self.instansi_nama}  # fmt: skip

    def iki(
        self,
        rhk_id: str,
        jpt: bool,
        kualitatif: bool,
        fill: dict[str, str],
        used: set[str],
        *,
        tambahan: bool = False,
    ) -> list[IkiRow]:
        """IKI rows of an RHK; returns (id, satuan, target, kind, wording) for the realisasi.

        ``used`` holds the IKI wordings this SKP has already, so that they are not repeated
        while other wordings are left."""
        rng = self.rows.rng
        made: list[IkiRow] = []
        count = 1 if tambahan else self.rows.between(1, 2)
        for order in range(1, count + 1):
            aspek: str | None = None
            perspektif: str | None = None
            if tambahan:
                teks, satuan, low, high = W.IKI_TAMBAHAN
                if jpt:
                    perspektif = Perspektif.PENGUATAN_INTERNAL.value
                else:
                    aspek = Aspek.KUANTITAS.value
            elif jpt:
                teks, satuan, low, high, persp = self.rows.fresh(W.IKI_JPT, used)
                perspektif = Perspektif(persp).value
            elif order == 1:
                teks, satuan, low, high = self.rows.fresh(W.IKI_KUANTITAS, used)
                aspek = Aspek.KUANTITAS.value
            elif rng.random() < 0.6:
                teks, satuan, low, high = self.rows.fresh(W.IKI_KUALITAS, used)
                aspek = Aspek.KUALITAS.value
            else:
                teks, satuan, low, high = self.rows.fresh(W.IKI_WAKTU, used)
                aspek = Aspek.WAKTU.value
            target = float(self.rows.between(low, high))
            wording = teks.format(**fill)
            if kualitatif:
                iki_id = self.rows.add(
                    "iki", rhk_id=rhk_id, urutan=order, teks=wording, aspek=aspek,
                    perspektif=perspektif, target_teks=self.rows.pick(W.TARGET_KUALITATIF).format(**fill),
                    satuan="",
                )  # fmt: skip
                made.append((iki_id, "", None, "teks", wording))
                continue
            upper = target
            if satuan in ("persen", "indeks") and rng.random() < 0.2:
                upper = min(100.0, target + 5)
            iki_id = self.rows.add(
                "iki", rhk_id=rhk_id, urutan=order, teks=wording, aspek=aspek,
                perspektif=perspektif, target_min=target, target_max=upper, satuan=satuan,
                target_teks="",
            )  # fmt: skip
            made.append((iki_id, satuan, target, "flow" if satuan in _FLOW else "level", wording))
        return made

    def realisasi(self, iki_of: list[IkiRow], period: Periode, per_year: int) -> None:
        rng = self.rows.rng
        for iki_id, satuan, target, kind, _wording in iki_of:
            if kind == "teks" or target is None:
                nilai = None
                teks = self.rows.pick(("Tercapai sesuai target", "Sebagian besar tercapai",
                                   "Tercapai dengan catatan perbaikan kecil"))  # fmt: skip
            else:
                teks = ""
                if satuan == "bulan":
                    nilai = float(period.bulan)
                elif kind == "flow":
                    nilai = round(target / per_year * rng.uniform(0.7, 1.3))
                else:
                    nilai = round(target * rng.uniform(0.9, 1.05), 1)
                    if satuan == "persen":
                        nilai = min(nilai, 100.0)
            self.rows.add("realisasi", iki_id=iki_id, periode=period.code, nilai=nilai, teks=teks,
                     sumber_data=self.rows.pick(W.SUMBER_DATA))  # fmt: skip

    def feedback(
        self, skp_id: str, person: Person, penilai: Person, rhk_ids: list[str], period: Periode
    ) -> None:
        rng = self.rows.rng
        when = min(period.selesai + dt.timedelta(days=self.rows.between(3, 20)), self.rows.today)
        for rhk_id in rhk_ids:
            if rng.random() < 0.35:
                self.comment(skp_id, person, penilai, period, when, rhk_id=rhk_id)
        if rng.random() < 0.45:
            nilai_id = self.rows.pick(BERAKHLAK)[0]
            self.comment(skp_id, person, penilai, period, when, nilai_id=nilai_id)

    def comment(
        self,
        skp_id: str,
        person: Person,
        penilai: Person,
        period: Periode,
        when: dt.date,
        *,
        rhk_id: str | None = None,
        nilai_id: str | None = None,
    ) -> None:
        rng = self.rows.rng
        perilaku = nilai_id is not None
        frasa_id = None
        teks = self.rows.pick(W.UMPAN_BALIK_PERILAKU if perilaku else W.UMPAN_BALIK_RHK)
        if rng.random() < 0.3:
            frasa_id, _flag = self.rows.pick([f for f in self.frasa if f[1] == perilaku])
            teks = ""
        stamp = self.rows.dt_on(when, 10)
        feedback_id = self.rows.add(
            "umpan_balik", skp_id=skp_id, periode=period.code, rhk_id=rhk_id, nilai_id=nilai_id,
            frasa_id=frasa_id, penulis_id=penilai.id, teks=teks, created_at=stamp,
            updated_at=stamp,
        )  # fmt: skip
        if rng.random() < 0.25:
            reply = self.rows.dt_on(
                min(when + dt.timedelta(days=self.rows.between(0, 3)), self.rows.today), 15
            )
            self.rows.add(
                "umpan_balik", skp_id=skp_id, periode=period.code, rhk_id=rhk_id,
                nilai_id=nilai_id, penulis_id=person.id, balasan_untuk_id=feedback_id,
                teks=self.rows.pick(W.BALASAN), created_at=reply, updated_at=reply,
            )  # fmt: skip

    def evaluation(
        self, skp_id: str, person: Person, penilai: Person, period: Periode, *, last: bool
    ) -> None:
        rng = self.rows.rng
        status = EvaluasiStatus.FINAL
        if last:
            roll = rng.random()
            if roll < 0.25:
                return
            if roll < 0.4:
                status = EvaluasiStatus.DRAFT
        if person.unit.head == person.index:
            hasil = _RATING_OF_CAPAIAN[self.capaian[(person.unit.index, period.code)]]
        else:
            hasil = rng.choices(_RATINGS, cum_weights=(20, 85, 100))[0]
        perilaku = rng.choices(_RATINGS, cum_weights=(20, 92, 100))[0]
        done = min(period.selesai + dt.timedelta(days=self.rows.between(5, 25)), self.rows.today)
        self.rows.add(
            "evaluasi", skp_id=skp_id, periode=period.code, penilai_id=penilai.id,
            rating_hasil=hasil.value, rating_perilaku=perilaku.value,
            predikat=predikat_kinerja(hasil, perilaku).value,
            catatan=self.rows.pick(W.CATATAN_EVALUASI[predikat_kinerja(hasil, perilaku).value]),
            rekomendasi=self.rows.pick(W.REKOMENDASI),
            status=status.value,
            final_at=self.rows.dt_on(done, 11) if status is EvaluasiStatus.FINAL else None,
        )  # fmt: skip

    def coaching(self, skp_id: str, person: Person, penilai: Person, rhk_ids: list[str]) -> None:
        rng = self.rows.rng
        year_start, year_end = dt.date(self.rows.tahun, 1, 15), dt.date(self.rows.tahun, 12, 20)
        for _n in range(self.rows.between(1, 2)):
            if self.rows.today < year_end and rng.random() < 0.25 and self.rows.today > year_start:
                day = self.rows.today + dt.timedelta(days=self.rows.between(1, 30))
            else:
                day = self.rows.day_in(year_start, year_end)
            held = day < self.rows.today
            jenis = rng.choices(_SESI, cum_weights=(50, 75, 90, 95, 100))[0]
            sesi_id = self.rows.add(
                "sesi_coaching", jenis=jenis.value, tanggal=self.rows.store.date(day),
                waktu=self.rows.pick(("08:30", "09:00", "10:00", "13:30", "14:00")),
                tempat=self.rows.pick(W.TEMPAT), coach_id=penilai.id, pegawai_id=person.id,
                skp_id=skp_id, rhk_id=self.rows.pick(rhk_ids) if rng.random() < 0.5 else None,
                status=(StatusSesi.SELESAI if held else StatusSesi.DIJADWALKAN).value,
                ringkasan=self.rows.pick(W.CATATAN) if held else "",
            )  # fmt: skip
            for order, teks in enumerate(rng.sample(W.AGENDA, self.rows.between(1, 2)), start=1):
                self.rows.add("agenda_sesi", sesi_id=sesi_id, urutan=order, teks=teks, dibahas=held,
                         penulis_id=self.rows.pick((person.id, penilai.id)))  # fmt: skip
            if not held:
                continue
            for teks in rng.sample(W.CATATAN, self.rows.between(1, 2)):
                self.rows.add("catatan_sesi", sesi_id=sesi_id, penulis_id=penilai.id,
                         jenis=JenisCatatan.NOTE.value, teks=teks, privat=False)  # fmt: skip
            for teks in rng.sample(W.AKSI, self.rows.between(1, 2)):
                due = day + dt.timedelta(days=self.rows.between(14, 60))
                if due >= self.rows.today:
                    status = StatusAksi.OPEN
                else:
                    status = rng.choices(_AKSI, cum_weights=(60, 95, 100))[0]
                self.rows.add(
                    "aksi_disepakati", sesi_id=sesi_id, pelaksana_id=person.id, teks=teks,
                    tenggat=self.rows.store.date(due), status=status.value,
                    komentar_status="Sudah dilaksanakan" if status is StatusAksi.DONE else "",
                    tindak_lanjut=self.rows.store.date(due + dt.timedelta(days=7))
                    if status is StatusAksi.OPEN else None,
                )  # fmt: skip

    def development(self, person: Person) -> None:
        rng = self.rows.rng
        rencana_id = self.rows.add("rencana_pengembangan", pegawai_id=person.id, tahun=self.rows.tahun,
                              catatan="Target minimal 20 JP dalam setahun")  # fmt: skip
        self.rows.add("kebutuhan_pengembangan", rencana_id=rencana_id,
                 kompetensi=self.rows.pick(W.KOMPETENSI), keterangan="Hasil dialog kinerja")  # fmt: skip
        for nama, jenis, jp in rng.sample(W.KEGIATAN_PENGEMBANGAN, self.rows.between(1, 3)):
            day = self.rows.day_in(dt.date(self.rows.tahun, 2, 1), dt.date(self.rows.tahun, 11, 30))
            done = day < self.rows.today
            self.rows.add(
                "kegiatan_pengembangan", rencana_id=rencana_id, nama=nama, jenis=jenis,
                jp_rencana=float(jp), jp_realisasi=float(jp) if done else 0.0,
                tanggal=self.rows.store.date(day), selesai=done,
            )  # fmt: skip
