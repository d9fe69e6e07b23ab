"""One way to count a person's predikat: the distribution check and the printed Penetapan
Predikat both take ``distribution.latest_predikat`` (the evaluation changed last)."""

from __future__ import annotations

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.models.enums import EvaluasiStatus, JenisJabatan, Predikat, Rating
from kinerja_desktop.services.evaluation import distribution
from kinerja_desktop.services.evaluation import evaluations as evaluation
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind, PrintRequest
from tests.factories import Office
from tests.unit.eval_fixtures import make_skp

A, S = Rating.DI_ATAS, Rating.SESUAI


def test_the_check_and_the_printed_form_count_the_latest_predikat(
    db: Database, office: Office
) -> None:
    make_skp(db, office.staf, office.kabid, jenis_jabatan=JenisJabatan.JF)
    make_skp(db, office.staf2, office.kabid)
    kabid = office.kabid.actor
    for person, rating in ((office.staf, A), (office.staf2, S), (office.staf, S)):
        evaluation.save_evaluation(db, actor=kabid, pegawai_id=person.id, periode="2026-TW1",
                                   rating_hasil=rating, rating_perilaku=rating)  # fmt: skip
    with db.read(SYSTEM) as session:
        latest = distribution.latest_predikat(session, [office.unit_bidang], "2026-TW1")
    # staf was rated twice: the second rating (Sesuai, Baik) counts, not the first.
    assert {pid: (p.unit_id, p.predikat, p.status) for pid, p in latest.items()} == {
        office.staf.id: (office.unit_bidang, Predikat.BAIK, EvaluasiStatus.DRAFT),
        office.staf2.id: (office.unit_bidang, Predikat.BAIK, EvaluasiStatus.DRAFT),
    }
    check = distribution.unit_distribution(db, actor=kabid, unit_kode="BID1", periode="2026-TW1")
    assert check.check.jumlah[Predikat.BAIK] == 2
    assert check.check.jumlah.get(Predikat.SANGAT_BAIK, 0) == 0
    forms = printing.load_forms(db, actor=kabid, request=PrintRequest(
        kind=FormKind.EVALUASI, periode="2026-TW1", nip=office.staf.nip
    ))  # fmt: skip
    printed = forms[0].distribusi
    assert printed is not None and printed.counts == ((Predikat.BAIK, 2),)
