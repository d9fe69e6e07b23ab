"""Source material of the demo data: the wording of plans (RHK, IKI, expectations, lampiran,
rencana aksi), feedback, evaluations and coaching notes (names and the regency's organisation
are in ``_data``).

This is data, not interface text: it is Indonesian on purpose (it stands for what an office
would type) and is not translated. ``_year`` draws from it with the run's seeded generator.
"""

from __future__ import annotations

# --- Plans ------------------------------------------------------------------------------------
# RHK wording by level; {topic} is the bidang/unit topic, {opd} the organisation's name.
RHK_JPT = [
    "Meningkatnya kinerja penyelenggaraan urusan {opd_lower}",
    "Meningkatnya kualitas pelayanan publik pada {opd}",
    "Terwujudnya tata kelola {opd} yang akuntabel",
    "Meningkatnya capaian indikator kinerja utama {opd}",
    "Meningkatnya kepuasan masyarakat terhadap layanan {opd}",
]
RHK_ADMINISTRATOR = [
    "Meningkatnya kualitas layanan {topic}",
    "Tercapainya target program {topic}",
    "Terlaksananya kebijakan teknis {topic} secara tepat waktu",
    "Meningkatnya efektivitas pengelolaan {topic}",
]
RHK_PENGAWAS = [
    "Tersusunnya rencana kerja {topic} yang berkualitas",
    "Terlaksananya kegiatan {topic} sesuai jadwal",
    "Tersedianya data {topic} yang mutakhir",
    "Terlaksananya pembinaan dan pengawasan {topic}",
]
RHK_STAFF = [
    "Tersusunnya laporan {topic} tepat waktu",
    "Terlaksananya administrasi {topic} yang tertib",
    "Tersedianya bahan kebijakan {topic}",
    "Terselesaikannya verifikasi dokumen {topic}",
    "Terlayaninya permohonan masyarakat terkait {topic}",
    "Termutakhirkannya basis data {topic}",
    "Terdokumentasinya kegiatan {topic}",
]
RHK_TAMBAHAN = [
    ("Terlaksananya tugas sebagai anggota tim penyusun LKjIP", "Kepala {opd_short}"),
    ("Terlaksananya tugas sebagai panitia peringatan Hari Jadi Kabupaten", "Sekretaris Daerah"),
    ("Terlaksananya tugas sebagai anggota Tim Reformasi Birokrasi", "Bupati"),
    ("Terlaksananya tugas sebagai anggota tim Zona Integritas", "Kepala {opd_short}"),
    ("Terlaksananya tugas sebagai narasumber sosialisasi", "Kepala {opd_short}"),
]
# (IKI wording, unit, low, high) for quantitative plans.
IKI_KUANTITAS = [
    ("Jumlah dokumen {topic} yang diselesaikan", "dokumen", 4, 24),
    ("Jumlah laporan {topic} yang disusun", "laporan", 4, 12),
    ("Jumlah kegiatan {topic} yang dilaksanakan", "kegiatan", 3, 20),
    ("Jumlah layanan {topic} yang diberikan", "layanan", 50, 600),
    ("Jumlah data {topic} yang diverifikasi", "berkas", 40, 400),
]
IKI_KUALITAS = [
    ("Persentase dokumen {topic} yang diterima tanpa revisi", "persen", 80, 100),
    ("Indeks kepuasan pengguna layanan {topic}", "indeks", 80, 95),
    ("Persentase kelengkapan data {topic}", "persen", 85, 100),
]
IKI_WAKTU = [
    ("Ketepatan waktu penyampaian laporan {topic}", "bulan", 12, 12),
    ("Rata-rata waktu penyelesaian layanan {topic}", "hari", 3, 7),
]
IKI_JPT = [
    ("Indeks kepuasan masyarakat {opd}", "indeks", 80, 90, "penerima_layanan"),
    ("Persentase capaian indikator kinerja utama", "persen", 85, 100, "proses_bisnis"),
    ("Nilai SAKIP {opd}", "nilai", 70, 80, "penguatan_internal"),
    ("Persentase realisasi anggaran", "persen", 90, 98, "anggaran"),
    ("Indeks reformasi birokrasi perangkat daerah", "indeks", 65, 80, "penguatan_internal"),
]
IKI_TAMBAHAN = ("Jumlah laporan pelaksanaan tugas tambahan yang disampaikan", "laporan", 1, 4)
TARGET_KUALITATIF = [
    "Seluruh {topic} selesai tepat waktu dan diterima pimpinan tanpa revisi",
    "Layanan {topic} berjalan sesuai standar pelayanan tanpa keluhan berulang",
    "Data {topic} lengkap, akurat dan dapat digunakan untuk pengambilan keputusan",
]

EKSPEKTASI = {
    "berorientasi_pelayanan": [
        "Menanggapi permintaan layanan paling lambat satu hari kerja",
        "Menyampaikan informasi layanan dengan jelas dan ramah",
        "Mengusulkan satu perbaikan layanan setiap triwulan",
    ],
    "akuntabel": [
        "Menyampaikan laporan kegiatan tepat waktu dengan bukti dukung lengkap",
        "Menggunakan barang milik daerah sesuai peruntukannya",
        "Hadir dan pulang sesuai jam kerja",
    ],
    "kompeten": [
        "Mengikuti pengembangan kompetensi minimal 20 JP dalam setahun",
        "Berbagi pengetahuan kepada rekan kerja dalam forum internal",
        "Menyelesaikan tugas dengan kualitas terbaik",
    ],
    "harmonis": [
        "Menghargai pendapat rekan kerja dalam rapat",
        "Membantu rekan kerja yang mengalami kesulitan",
        "Menjaga suasana kerja yang kondusif",
    ],
    "loyal": [
        "Menjaga kerahasiaan data pribadi penduduk",
        "Menjaga nama baik instansi di media sosial",
        "Melaksanakan kebijakan pimpinan dengan penuh tanggung jawab",
    ],
    "adaptif": [
        "Cepat menguasai aplikasi layanan yang baru",
        "Mengusulkan inovasi sederhana untuk mempercepat pekerjaan",
        "Proaktif menyesuaikan diri dengan perubahan prioritas",
    ],
    "kolaboratif": [
        "Aktif berkoordinasi dengan bidang lain",
        "Terbuka bekerja sama dalam tim lintas unit",
        "Melibatkan pemangku kepentingan dalam kegiatan",
    ],
}

LAMPIRAN = {
    "dukungan_sumber_daya": [
        "Anggaran kegiatan pada DPA tahun berjalan",
        "Sarana komputer dan jaringan internet",
        "Dukungan tenaga pelaksana pada unit kerja",
        "Akses ke aplikasi SIPD dan e-Kinerja",
    ],
    "skema_pertanggungjawaban": [
        "Laporan capaian kinerja disampaikan setiap triwulan kepada pejabat penilai",
        "Realisasi dan bukti dukung diunggah paling lambat tanggal 5 bulan berikutnya",
        "Dialog kinerja dengan pejabat penilai setiap triwulan",
    ],
    "konsekuensi": [
        "Capaian di bawah target menjadi dasar pembinaan kinerja",
        "Predikat kinerja menjadi dasar pemberian tambahan penghasilan pegawai",
        "Tidak tercapainya target dapat berpengaruh pada pengembangan karier",
    ],
}

FRASA = [
    ("Hasil kerja sudah sesuai target, pertahankan.", False),
    ("Capaian triwulan ini melampaui target, terima kasih atas kerja kerasnya.", False),
    ("Mohon lengkapi bukti dukung realisasi.", False),
    ("Capaian masih di bawah target; mari kita bahas kendalanya.", False),
    ("Laporan perlu disampaikan lebih tepat waktu.", False),
    ("Kualitas dokumen sudah baik, perhatikan konsistensi format.", False),
    ("Koordinasikan lebih awal dengan bidang terkait.", False),
    ("Perilaku kerja sudah sesuai harapan.", True),
    ("Terus tingkatkan keramahan dalam melayani masyarakat.", True),
    ("Inisiatif yang baik, teruskan.", True),
    ("Perlu lebih disiplin terhadap jam kerja.", True),
    ("Kerja sama dengan rekan kerja sudah sangat baik.", True),
]

UMPAN_BALIK_RHK = [
    "Progres sesuai rencana aksi, pertahankan.",
    "Realisasi triwulan ini baik; dokumentasikan bukti dukung dengan rapi.",
    "Masih ada keterlambatan; segera koordinasikan dengan seksi terkait.",
    "Kualitas keluaran sudah baik, tinggal percepat penyelesaiannya.",
    "Target tercapai lebih awal, terima kasih.",
]
UMPAN_BALIK_PERILAKU = [
    "Sikap pelayanan kepada masyarakat sudah sangat baik.",
    "Kedisiplinan perlu ditingkatkan, terutama kehadiran rapat.",
    "Aktif membantu rekan kerja, teruskan.",
    "Cepat beradaptasi dengan aplikasi baru.",
    "Koordinasi dengan unit lain sudah baik.",
]
BALASAN = [
    "Terima kasih, Pak/Bu. Akan saya tindak lanjuti.",
    "Baik, bukti dukung akan saya lengkapi minggu ini.",
    "Siap, kendalanya akan saya sampaikan pada dialog kinerja.",
    "Terima kasih atas masukannya.",
]
SUMBER_DATA = ["Laporan bulanan", "Aplikasi e-Kinerja", "Rekap kegiatan", "SIPD", "Notulen rapat"]
RENCANA_AKSI = [
    "Menyusun jadwal dan rencana kerja {topic}",
    "Melaksanakan kegiatan {topic} sesuai jadwal",
    "Melakukan monitoring dan evaluasi {topic}",
    "Menyusun laporan capaian {topic}",
]
# The evaluation's note, fitting its predikat (four of each, so a pick draws alike).
CATATAN_EVALUASI = {
    "sangat_baik": [
        "Hasil kerja melampaui target pada sebagian besar indikator.",
        "Kinerja di atas ekspektasi; layak menjadi contoh di unit kerja.",
        "Capaian dan perilaku kerja di atas ekspektasi.",
        "Pertahankan kualitas pelayanan yang sangat baik.",
    ],
    "baik": [
        "Capaian kinerja sesuai ekspektasi.",
        "Pertahankan kualitas pelayanan.",
        "Target tercapai; perlu peningkatan ketepatan waktu pelaporan.",
        "Kinerja sesuai ekspektasi pada seluruh indikator.",
    ],
    "butuh_perbaikan": [
        "Sebagian target belum tercapai; perlu perbaikan cara kerja.",
        "Perlu peningkatan ketepatan waktu pelaporan.",
        "Perilaku kerja perlu diperbaiki, terutama kolaborasi.",
        "Capaian di bawah ekspektasi pada beberapa indikator.",
    ],
    "kurang": [
        "Capaian kinerja di bawah ekspektasi; perlu bimbingan rutin.",
        "Banyak target belum tercapai; perlu rencana perbaikan.",
        "Perilaku kerja di bawah ekspektasi; perlu pembinaan.",
        "Perlu pendampingan atasan pada periode berikutnya.",
    ],
    "sangat_kurang": [
        "Capaian kinerja jauh di bawah ekspektasi; perlu pembinaan intensif.",
        "Hasil dan perilaku kerja jauh di bawah ekspektasi.",
        "Sebagian besar target tidak tercapai; perlu rencana perbaikan tertulis.",
        "Perlu pembinaan dan pemantauan ketat pada periode berikutnya.",
    ],
}
REKOMENDASI = [
    "Diikutsertakan dalam pelatihan teknis.",
    "Dipertimbangkan untuk pengembangan karier.",
    "Perlu bimbingan kinerja pada triwulan berikutnya.",
    "",
]

# --- Coaching ---------------------------------------------------------------------------------
TEMPAT = ["Ruang rapat bidang", "Ruang kerja kepala", "Aula kantor", "Daring (Zoom)"]
AGENDA = [
    "Kendala pencapaian target triwulan",
    "Rencana pengembangan kompetensi",
    "Pembagian tugas dalam tim",
    "Umpan balik atas laporan terakhir",
]
CATATAN = [
    "Pegawai menyampaikan kendala keterbatasan data dari desa; disepakati koordinasi rutin.",
    "Target triwulan berikutnya dibahas dan disepakati realistis.",
    "Pegawai berminat mengikuti pelatihan analisis data.",
    "Beban kerja dibagi ulang agar laporan tepat waktu.",
    "Capaian baik diapresiasi; pegawai diminta berbagi praktik baik dengan rekan.",
]
AKSI = [
    "Menyusun jadwal koordinasi dengan kecamatan",
    "Melengkapi bukti dukung realisasi triwulan",
    "Mendaftar pelatihan analisis data",
    "Menyusun SOP layanan",
    "Menyampaikan draf laporan kepada kepala seksi",
]
KOMPETENSI = [
    "Analisis data", "Penyusunan kebijakan", "Pelayanan publik", "Manajemen arsip",
    "Penulisan laporan", "Pengelolaan keuangan daerah", "Kepemimpinan",
]  # fmt: skip
KEGIATAN_PENGEMBANGAN = [
    ("Pelatihan Analisis Data dengan Spreadsheet", "pelatihan", 24),
    ("Bimbingan Teknis Penyusunan SAKIP", "bimbingan teknis", 32),
    ("Webinar Pelayanan Publik Prima", "seminar", 4),
    ("E-learning Manajemen ASN", "e-learning", 20),
    ("Pelatihan Kepemimpinan Pengawas", "pelatihan", 40),
    ("Coaching oleh atasan langsung", "coaching", 6),
    ("Magang di perangkat daerah lain", "magang", 16),
]
