"""Non-ASN appraising officials (issue 15 item 10): a JPT's penilai recorded by name,
position and unit, status NON ASN; the SKP and the Dokumen Evaluasi print that official with
a blank NIP and pangkat; ``penilai_info`` gives SIASN's ``statusPenilai``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.cli.main import main
from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import PermissionDenied, ValidationError
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import penilai
from kinerja_desktop.services.printing import service as printing
from kinerja_desktop.services.printing.service import FormKind, PrintRequest
from tests.factories import Office
from tests.unit.forms_fixtures import make_world
from tests.unit.forms_pdf import pdf_text, save_png


def test_status_penilai_for_both_cases(db: Database, office: Office) -> None:
    asn = penilai.penilai_info(db, actor=SYSTEM, pegawai_id=office.staf.id)
    assert asn is not None and (asn.status_penilai, asn.nama, asn.nip, asn.golongan) == (
        "ASN", "Siti Rahmawati", office.kabid.nip, "IV/a",
    )  # fmt: skip
    assert penilai.penilai_info(db, actor=SYSTEM, pegawai_id=office.kepala.id) is None
    with pytest.raises(PermissionDenied):
        penilai.set_penilai_non_asn(db, actor=office.kabid.actor, pegawai_id=office.kepala.id,
                                    nama="H. Ahmad", jabatan="Bupati Contoh")  # fmt: skip
    with pytest.raises(ValidationError):
        penilai.set_penilai_non_asn(db, actor=office.admin.actor, pegawai_id=office.kepala.id,
                                    nama="H. Ahmad", jabatan=" ")  # fmt: skip
    info = penilai.set_penilai_non_asn(
        db, actor=office.admin.actor, pegawai_id=office.kepala.id, nama="H. Ahmad Fauzi",
        jabatan="Bupati Contoh", unit="Pemerintah Kabupaten Contoh",
    )  # fmt: skip
    assert (info.status_penilai, info.nama, info.nip, info.golongan, info.jabatan) == (
        "NON ASN", "H. Ahmad Fauzi", "", "", "Bupati Contoh",
    )  # fmt: skip
    assert penilai.penilai_info(db, actor=office.kepala.actor, pegawai_id=office.kepala.id) == info
    penilai.clear_penilai_non_asn(db, actor=office.admin.actor, pegawai_id=office.kepala.id)
    assert penilai.penilai_info(db, actor=SYSTEM, pegawai_id=office.kepala.id) is None


def test_forms_print_the_non_asn_appraiser_with_blank_nip(
    db: Database, office: Office, tmp_path: Path, artifacts: Path
) -> None:
    make_world(db, office)
    penilai.set_penilai_non_asn(db, actor=office.admin.actor, pegawai_id=office.kepala.id,
                                nama="H. Ahmad Fauzi", jabatan="Bupati Contoh",
                                unit="Pemerintah Kabupaten Contoh")  # fmt: skip
    for kind, periode in ((FormKind.SKP, "2026"), (FormKind.DOKUMEN_EVALUASI, "2026-S1")):
        out = tmp_path / f"{kind.value}.pdf"
        printing.print_to_file(db, actor=SYSTEM, out=out,
                               request=PrintRequest(kind, periode, nip=office.kepala.nip))  # fmt: skip
        text = pdf_text(out)
        assert "H. Ahmad Fauzi" in text and "Bupati Contoh" in text, kind
        # the NIP and PANGKAT rows of the appraiser are blank, and no "NIP. -" is signed
        assert "NIP. -" not in text, kind
        assert "NAMA H. Ahmad Fauzi" in text
        save_png(out, artifacts, f"form-{kind.value}-non-asn", last=1)
    assert "NIP 3 PANGKAT/GOL. RUANG" in pdf_text(tmp_path / "skp.pdf")


def test_cli_records_and_shows_the_non_asn_penilai(
    home: DataHome, office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--home", str(home.root), "people", "penilai", "--nip", office.kepala.nip]
    assert main([*base, "--non-asn", "H. Ahmad Fauzi", "--jabatan", "Bupati Contoh",
                 "--json"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert '"status_penilai": "NON ASN"' in out and '"nip": ""' in out
    assert main([*base, "--non-asn", "H. Ahmad Fauzi"]) == 2
    assert "jabatan" in capsys.readouterr().err.lower()
