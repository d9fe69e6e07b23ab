"""Reference data every database holds: the BerAKHLAK core values and their three standard
behaviours (panduan perilaku), as in PermenPANRB 6/2022. Stable ids, the same on every install.
"""

from __future__ import annotations

BERAKHLAK: list[tuple[str, str, tuple[str, str, str]]] = [
    (
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    (
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, "
            "dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, "
            "efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    (
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    (
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    (
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    (
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ),
    ),
]


def perilaku_rows() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Rows for ``perilaku_nilai`` and ``perilaku_panduan``."""
    nilai: list[dict[str, object]] = []
    panduan: list[dict[str, object]] = []
    for order, (key, name, behaviours) in enumerate(BERAKHLAK, start=1):
        nilai.append({"id": key, "urutan": order, "nama": name})
        for index, text in enumerate(behaviours, start=1):
            panduan.append({"id": f"{key}_{index}", "nilai_id": key, "urutan": index, "teks": text})
    return nilai, panduan
