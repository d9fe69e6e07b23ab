"""Source material of the demo data: Indonesian names, a regency's organisation, positions and
degrees (the wording of plans, feedback and coaching notes is in ``_wording``).

This is data, not interface text: it is Indonesian on purpose (it stands for what an office
would type) and is not translated. ``_org`` and ``_year`` draw from it with the run's seeded
generator.
"""

from __future__ import annotations

# --- Names -----------------------------------------------------------------------------------
# Each group: (male given names, female given names, family names or None). Javanese and
# Sundanese names carry no family name; Batak names end with the marga; Bugis nobility use
# "Andi" as the first part of the name.

JAWA_L = [
    "Budi", "Agus", "Bambang", "Joko", "Slamet", "Sugeng", "Hadi", "Eko", "Dwi", "Tri",
    "Wahyu", "Sutrisno", "Suharto", "Purnomo", "Hartono", "Widodo", "Priyo", "Gunawan",
    "Teguh", "Bayu", "Adi", "Rudi", "Yudi", "Heru", "Setyo", "Bagus", "Aji", "Dimas",
    "Arif", "Prasetyo", "Nugroho", "Santoso", "Kurniawan", "Wibowo", "Susilo", "Haryanto",
    "Sigit", "Aris", "Ari", "Wahyudi", "Sukardi", "Suparman", "Mulyono", "Darmawan",
]  # fmt: skip
JAWA_P = [
    "Sri", "Endang", "Sulastri", "Wahyuni", "Rahayu", "Lestari", "Dewi", "Ratna", "Tri",
    "Sumarni", "Suryani", "Yuliana", "Puji", "Retno", "Ayu", "Dian", "Indah", "Nur",
    "Handayani", "Setyaningsih", "Kusumawati", "Purwanti", "Astuti", "Widyastuti",
    "Anggraini", "Pratiwi", "Utami", "Wulandari", "Sari", "Rini", "Ika", "Novi",
]  # fmt: skip
SUNDA_L = [
    "Asep", "Dede", "Ujang", "Cecep", "Yayan", "Dadang", "Iwan", "Aep", "Engkos",
    "Encep", "Agus", "Deden", "Jajang", "Ade", "Saepudin", "Sopian", "Hendra", "Rohmat",
    "Wawan", "Kurnia", "Ruhiyat", "Mamat", "Yusuf", "Hidayat", "Suhendar", "Nandang",
]  # fmt: skip
SUNDA_P = [
    "Euis", "Neng", "Iis", "Imas", "Yuyun", "Enok", "Cucu", "Dewi", "Nining", "Lilis",
    "Tati", "Yeti", "Rina", "Nenden", "Rosita", "Siti", "Nurhayati", "Kokom", "Eti",
    "Popon", "Wiwin", "Santi", "Ratih", "Rosmiati",
]  # fmt: skip
BATAK_L = [
    "Tigor", "Parulian", "Hotman", "Binsar", "Marihot", "Togar", "Sahat", "Poltak",
    "Bonar", "Martua", "Dohar", "Jhonson", "Roy", "Daniel", "Samuel", "Robert", "Hendrik",
    "Fernando", "Rudolf", "Edison",
]  # fmt: skip
BATAK_P = [
    "Rosmawati", "Tiurma", "Romauli", "Lamria", "Hotmaida", "Sondang", "Rumondang",
    "Erna", "Maria", "Lusiana", "Debora", "Yohana", "Ruth", "Elisabeth", "Friska", "Novita",
]  # fmt: skip
MARGA = [
    "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sitompul", "Hutagalung",
    "Sinaga", "Panjaitan", "Pardede", "Situmorang", "Manurung", "Simatupang", "Sihombing",
    "Tampubolon", "Silalahi", "Pasaribu", "Gultom", "Hutapea", "Sianturi", "Ritonga", "Damanik",
]  # fmt: skip
MINANG_L = [
    "Afrizal", "Syafrizal", "Yusrizal", "Zulkifli", "Erwin", "Fadli", "Rahmat", "Hendri",
    "Yulianto", "Irwan", "Zainal", "Masrul", "Syahrial", "Asrul", "Darwis", "Nofrizal",
    "Refki", "Yondri", "Elfi", "Azwar",
]  # fmt: skip
MINANG_P = [
    "Yulia", "Rahmi", "Yusnita", "Elvi", "Yenni", "Desi", "Fitri", "Rosnelli", "Nelfi",
    "Yuliarni", "Marlina", "Nurhasanah", "Afni", "Reni", "Suci", "Mardiah",
]  # fmt: skip
MINANG_2 = [
    "Hidayat", "Putra", "Syafri", "Effendi", "Rahman", "Arifin", "Yunus", "Anwar",
    "Hamzah", "Chaniago", "Koto", "Piliang", "Tanjung", "Sikumbang", "Jambak", "Caniago",
]  # fmt: skip
BUGIS_L = [
    "Muhammad", "Andi Muh.", "Andi", "Syamsul", "Ilham", "Sudirman", "Rusdi", "Baharuddin",
    "Jamaluddin", "Amiruddin", "Hasanuddin", "Nasrullah", "Arfan", "Irfan", "Akbar",
    "Syahrir", "Mappa", "Rahman", "Haeruddin", "Muhlis",
]  # fmt: skip
BUGIS_P = [
    "Andi Nurul", "Andi Sitti", "Sitti", "Hasnawati", "Rosmini", "Nurhaeda", "Hasniah",
    "Nurlina", "Darmawati", "Murniati", "Rahmawati", "Andi Tenri", "Hardianti", "Asriani",
]  # fmt: skip
BUGIS_2 = [
    "Amir", "Yusuf", "Mallarangeng", "Lahab", "Pawelloi", "Latif", "Salam", "Tahir",
    "Sanusi", "Makkasau", "Daeng Tompo", "Halim", "Mappanyukki", "Parenrengi",
]  # fmt: skip
MANADO_L = [
    "Stevanus", "Johanis", "Fransiskus", "Alfrets", "Jeffry", "Meyer", "Rolly", "Denny",
    "Ferry", "Jemmy", "Ronald", "Steven", "Hendrik", "Max",
]  # fmt: skip
MANADO_P = [
    "Meiske", "Deisy", "Magdalena", "Stella", "Jeane", "Vivi", "Grace", "Femmy", "Olivia",
    "Christy", "Inggrid", "Wenny",
]  # fmt: skip
MANADO_2 = [
    "Lumowa", "Wenas", "Sondakh", "Pangemanan", "Tumbelaka", "Rondonuwu", "Mandagi",
    "Kaunang", "Rumengan", "Lengkong", "Sumampouw", "Tambuwun", "Walangitan", "Pontoh",
]  # fmt: skip
MELAYU_L = [
    "Muhammad", "Ahmad", "Abdul", "Rizky", "Fajar", "Hasan", "Ridwan", "Syaiful", "Taufik",
    "Ikhsan", "Faisal", "Hafiz", "Rizal", "Firman", "Ilyas", "Khairul",
]  # fmt: skip
MELAYU_P = [
    "Siti", "Nurul", "Aisyah", "Fatimah", "Khadijah", "Nabila", "Salsabila", "Annisa",
    "Zahra", "Rahmah", "Hafsah", "Maryam", "Laila", "Syarifah",
]  # fmt: skip
MELAYU_2 = [
    "Hidayat", "Ramadhan", "Maulana", "Firdaus", "Hakim", "Saputra", "Hasibuan", "Fauzi",
    "Syahputra", "Ananda", "Aziz", "Rasyid", "Zulfikar", "Alatas", "Assegaf", "Baswedan",
]  # fmt: skip
TIONGHOA_L = ["Hendra", "Budi", "Steven", "Kevin", "Wilson", "Rudy", "Yohanes", "Andreas"]
TIONGHOA_P = ["Lina", "Susanti", "Melinda", "Yenny", "Lily", "Jessica", "Cynthia", "Mei"]
TIONGHOA_2 = ["Wijaya", "Halim", "Gunawan", "Tanoto", "Santoso", "Kusuma", "Salim", "Hartanto"]

# (weight, male, female, second part or None, probability of a second part)
NAME_GROUPS: list[tuple[int, list[str], list[str], list[str] | None, float]] = [
    (40, JAWA_L, JAWA_P, None, 0.0),
    (16, SUNDA_L, SUNDA_P, None, 0.0),
    (8, BATAK_L, BATAK_P, MARGA, 1.0),
    (8, MINANG_L, MINANG_P, MINANG_2, 0.8),
    (8, BUGIS_L, BUGIS_P, BUGIS_2, 0.9),
    (4, MANADO_L, MANADO_P, MANADO_2, 1.0),
    (13, MELAYU_L, MELAYU_P, MELAYU_2, 0.85),
    (3, TIONGHOA_L, TIONGHOA_P, TIONGHOA_2, 1.0),
]

# --- The regency ----------------------------------------------------------------------------

KABUPATEN = [
    "Sukamaju", "Tanjung Harapan", "Sumber Rejo", "Bukit Raya", "Mekar Sari", "Karang Anyar",
    "Lembah Hijau", "Pasir Putih",
]  # fmt: skip

# (name, code, bidang topics). The topics name the bidang ("Bidang <topic>") and, with
# SEKSI_KIND, its seksi. Badan have subbidang instead of seksi.
OPD: list[tuple[str, str, list[str]]] = [
    ("Dinas Pendidikan", "DISDIK", ["Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama", "Pendidikan Anak Usia Dini dan Nonformal", "Ketenagaan"]),
    ("Dinas Kesehatan", "DINKES", ["Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit", "Pelayanan Kesehatan", "Sumber Daya Kesehatan"]),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", ["Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang"]),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "DISPERKIM", ["Perumahan", "Kawasan Permukiman", "Pertanahan"]),
    ("Dinas Sosial", "DINSOS", ["Perlindungan dan Jaminan Sosial", "Rehabilitasi Sosial", "Pemberdayaan Sosial"]),
    ("Dinas Tenaga Kerja", "DISNAKER", ["Penempatan Tenaga Kerja", "Hubungan Industrial", "Pelatihan dan Produktivitas"]),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", ["Pemberdayaan Perempuan", "Perlindungan Anak", "Data Gender dan Anak"]),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", ["Pengendalian Penduduk", "Keluarga Berencana", "Ketahanan Keluarga"]),
    ("Dinas Ketahanan Pangan", "DKP", ["Ketersediaan Pangan", "Distribusi dan Cadangan Pangan", "Konsumsi dan Keamanan Pangan"]),
    ("Dinas Lingkungan Hidup", "DLH", ["Tata Lingkungan", "Pengendalian Pencemaran", "Pengelolaan Sampah", "Pertamanan"]),
    ("Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", ["Pelayanan Pendaftaran Penduduk", "Pelayanan Pencatatan Sipil", "Pengelolaan Informasi Administrasi Kependudukan"]),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", ["Pemerintahan Desa", "Pemberdayaan Masyarakat", "Keuangan dan Aset Desa"]),
    ("Dinas Perhubungan", "DISHUB", ["Lalu Lintas", "Angkutan", "Sarana dan Prasarana Perhubungan"]),
    ("Dinas Komunikasi dan Informatika", "DISKOMINFO", ["Informasi dan Komunikasi Publik", "Aplikasi Informatika", "Statistik dan Persandian"]),
    ("Dinas Koperasi dan Usaha Mikro", "DISKOPUM", ["Koperasi", "Usaha Mikro", "Pengawasan Koperasi"]),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", ["Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Pengawasan"]),
    ("Dinas Kepemudaan dan Olahraga", "DISPORA", ["Kepemudaan", "Olahraga", "Sarana Prasarana Olahraga"]),
    ("Dinas Pariwisata dan Kebudayaan", "DISPARBUD", ["Destinasi Pariwisata", "Pemasaran Pariwisata", "Kebudayaan"]),
    ("Dinas Perpustakaan dan Kearsipan", "DISPUSIP", ["Pengembangan Perpustakaan", "Kearsipan"]),
    ("Dinas Perikanan", "DISKAN", ["Perikanan Tangkap", "Perikanan Budidaya", "Pengolahan Hasil Perikanan"]),
    ("Dinas Pertanian", "DISTAN", ["Tanaman Pangan", "Hortikultura", "Penyuluhan", "Prasarana dan Sarana Pertanian"]),
    ("Dinas Peternakan dan Kesehatan Hewan", "DISNAKKESWAN", ["Produksi Peternakan", "Kesehatan Hewan", "Kesehatan Masyarakat Veteriner"]),
    ("Dinas Perdagangan dan Perindustrian", "DISDAGPERIN", ["Perdagangan", "Perindustrian", "Metrologi Legal"]),
    ("Satuan Polisi Pamong Praja", "SATPOLPP", ["Penegakan Peraturan Daerah", "Ketertiban Umum", "Perlindungan Masyarakat"]),
    ("Badan Perencanaan Pembangunan Daerah", "BAPPEDA", ["Perencanaan Pemerintahan dan Pembangunan Manusia", "Perekonomian dan Sumber Daya Alam", "Infrastruktur dan Pengembangan Wilayah", "Penelitian dan Pengembangan"]),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", ["Anggaran", "Perbendaharaan", "Akuntansi", "Aset"]),
    ("Badan Pendapatan Daerah", "BAPENDA", ["Pendataan dan Penetapan", "Penagihan", "Pengembangan Pendapatan"]),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", ["Mutasi dan Promosi", "Pengembangan Kompetensi", "Penilaian Kinerja dan Penghargaan", "Data dan Informasi Kepegawaian"]),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", ["Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"]),
    ("Badan Kesatuan Bangsa dan Politik", "BAKESBANGPOL", ["Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri", "Ketahanan Ekonomi, Sosial dan Budaya"]),
    ("Inspektorat Daerah", "INSPEKTORAT", ["Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II", "Inspektur Pembantu Wilayah III"]),
    ("Sekretariat DPRD", "SETWAN", ["Persidangan dan Perundang-undangan", "Fasilitasi Penganggaran dan Pengawasan", "Umum dan Keuangan"]),
    ("Rumah Sakit Umum Daerah", "RSUD", ["Pelayanan Medik", "Keperawatan", "Penunjang Medik"]),
]  # fmt: skip

SEKSI_KIND = ["Perencanaan", "Pembinaan", "Pengembangan", "Pengawasan", "Pelayanan"]
SUBBAGIAN = ["Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Pelaporan"]

KECAMATAN = [
    "Sukajadi", "Karangrejo", "Tanjungsari", "Sumbersari", "Pagar Alam", "Bojongsari",
    "Mekarjaya", "Sidomulyo", "Cikarang Hilir", "Lubuk Sikaping", "Air Molek", "Tebing Tinggi",
    "Padang Bulan", "Batu Ampar", "Sungai Limau", "Watang Pulu", "Tellu Siattinge", "Talaga",
    "Wonosari", "Gunung Putri",
]  # fmt: skip
SEKSI_KECAMATAN = [
    "Seksi Pemerintahan", "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Desa", "Seksi Pelayanan Umum",
]  # fmt: skip

# --- Staff positions --------------------------------------------------------------------------
# (name, jenis, jenjang, PNS golongan choices, PPPK golongan choices, weight, degree kind)
# degree kind: "" none (secondary school), "d3", "s1", "s1k" (health), "dr" (doctor).
STAFF_POSITIONS: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...], int, str]] = [
    ("Pengadministrasi Perkantoran", "ja", "pelaksana", ("II/a", "II/b", "II/c", "II/d"), ("V",), 14, ""),
    ("Operator Layanan Operasional", "ja", "pelaksana", ("II/a", "II/b", "II/c"), ("V",), 8, ""),
    ("Pengelola Layanan Operasional", "ja", "pelaksana", ("II/c", "II/d", "III/a"), ("VI", "VII"), 8, "d3"),
    ("Pengolah Data dan Informasi", "ja", "pelaksana", ("III/a", "III/b"), ("VII",), 8, "s1"),
    ("Penata Layanan Operasional", "ja", "pelaksana", ("III/a", "III/b", "III/c"), ("VII",), 8, "s1"),
    ("Penelaah Teknis Kebijakan", "ja", "pelaksana", ("III/a", "III/b", "III/c"), ("IX",), 6, "s1"),
    ("Analis Kebijakan Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 4, "s1"),
    ("Analis Kebijakan Ahli Muda", "jf", "ahli_muda", ("III/c", "III/d"), ("X",), 2, "s2"),
    ("Perencana Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 2, "s1"),
    ("Perencana Ahli Muda", "jf", "ahli_muda", ("III/c", "III/d"), ("X",), 1, "s2"),
    ("Pranata Komputer Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 3, "s1"),
    ("Pranata Komputer Terampil", "jf", "terampil", ("II/c", "II/d"), ("VII",), 2, "d3"),
    ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 2, "s1"),
    ("Analis Keuangan Pusat dan Daerah Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 2, "s1"),
    ("Arsiparis Terampil", "jf", "terampil", ("II/c", "II/d"), ("VII",), 2, "d3"),
    ("Arsiparis Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
    ("Pustakawan Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
    ("Auditor Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
    ("Auditor Ahli Muda", "jf", "ahli_muda", ("III/c", "III/d"), ("X", "XI"), 1, "s2"),
    ("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda", "jf", "ahli_muda", ("III/c", "III/d"), ("X",), 1, "s2"),
    ("Penyuluh Pertanian Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 2, "s1"),
    ("Penyuluh Pertanian Mahir", "jf", "mahir", ("III/a", "III/b"), ("VII",), 1, "d3"),
    ("Perawat Terampil", "jf", "terampil", ("II/c", "II/d"), ("VII",), 3, "d3k"),
    ("Perawat Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 2, "s1k"),
    ("Bidan Terampil", "jf", "terampil", ("II/c", "II/d"), ("VII",), 2, "d3b"),
    ("Dokter Ahli Pertama", "jf", "ahli_pertama", ("III/b",), ("IX",), 1, "dr"),
    ("Dokter Ahli Muda", "jf", "ahli_muda", ("III/c", "III/d"), ("XI",), 1, "dr"),
    ("Pranata Hubungan Masyarakat Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
    ("Statistisi Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
    ("Polisi Pamong Praja Terampil", "jf", "terampil", ("II/b", "II/c", "II/d"), ("VII",), 2, ""),
    ("Pengelola Pengadaan Barang/Jasa Ahli Pertama", "jf", "ahli_pertama", ("III/a", "III/b"), ("IX",), 1, "s1"),
]  # fmt: skip

# --- Degrees and titles ----------------------------------------------------------------------
GELAR_S1 = ["S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.Pd.", "S.IP.", "S.AP.", "S.Ak.", "S.Si.", "S.P.", "S.Hut."]  # fmt: skip
GELAR_S2 = ["M.M.", "M.Si.", "M.A.P.", "M.T.", "M.Kes.", "M.H.", "M.Pd.", "M.Ak.", "M.E."]
GELAR_D3 = ["A.Md.", "A.Md.Kom.", "A.Md.Ak."]
GELAR_S1K = ["S.Kep., Ners", "S.K.M.", "S.Farm., Apt."]
