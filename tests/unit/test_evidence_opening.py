"""Opening evidence (issue 12, hole 1): the Qt-free policy the GUI follows. Links open only
as http(s) web addresses; stored files only through a temporary copy named with the safe
extension of their accepted type (with the Mark-of-the-Web on Windows); nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import update

from kinerja_desktop.db.session import Database
from kinerja_desktop.errors import NotFoundError, ValidationError
from kinerja_desktop.models.monitoring import BuktiDukung, Lampiran
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.core import attachments
from kinerja_desktop.services.monitoring import entries as monitoring_entries
from tests.factories import Office
from tests.unit.eval_fixtures import SkpIds, make_skp

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "url",
    [
        "https://drive.example.go.id/bukti.pdf",
        "http://intranet.example/laporan?id=3#hal-2",
    ],
)
def test_web_links_may_open(url):
    assert attachments.link_to_open(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "file:///C:/Windows/System32/calc.exe",
        "ms-msdt:/id PCWDiagnostic /skip force",
        "search-ms:query=x&crumb=location:\\\\evil\\share",
        "javascript:alert(1)",
        "\\\\server\\share\\run.exe",
        "C:\\Windows\\System32\\calc.exe",
        "https://user:pw@evil.example/",
        "https://ok.example/\nfile:///x",
        "https:///no-host",
        "",
    ],
)
def test_everything_else_is_refused_with_a_message(url):
    with pytest.raises(ValidationError) as caught:
        attachments.link_to_open(url)
    assert "http" in caught.value.message


def _stored(home: DataHome, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    path = attachments.stored_path(home, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha


def test_a_file_opens_as_a_copy_with_the_extension_of_its_type(tmp_path):
    home = DataHome(tmp_path / "home").ensure()
    sha = _stored(home, PDF)
    copy = attachments.copy_for_opening(home, sha, "application/pdf", "laporan.exe")
    assert copy.name == "laporan.pdf"
    assert copy.read_bytes() == PDF
    assert home.root not in copy.parents  # not the stored file itself
    assert not Path(f"{copy}:Zone.Identifier").exists()
    odd = attachments.copy_for_opening(home, sha, "image/png", "../../x y.PNG.lnk")
    assert odd.name == "x y_PNG.png" and odd.parent.name.startswith("kinerja-bukti-")


def test_the_mark_of_the_web_is_written_on_windows(tmp_path):
    home = DataHome(tmp_path / "home").ensure()
    sha = _stored(home, PDF)
    copy = attachments.copy_for_opening(home, sha, "application/pdf", "a.pdf", windows=True)
    # on Linux the stream name is an ordinary file next to the copy: its content is checked
    mark = Path(f"{copy}:Zone.Identifier")
    assert mark.read_bytes() == b"[ZoneTransfer]\r\nZoneId=3\r\n"


def test_unknown_types_invalid_hashes_and_symlinks_do_not_open(tmp_path):
    home = DataHome(tmp_path / "home").ensure()
    sha = _stored(home, PDF)
    with pytest.raises(ValidationError):
        attachments.copy_for_opening(home, sha, "application/x-msdownload", "setup.exe")
    for bad in ("./../secret.txt", "/etc/passwd"):
        with pytest.raises(NotFoundError):
            attachments.copy_for_opening(home, bad, "application/pdf", "x.pdf")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"secret")
    digest = hashlib.sha256(b"secret").hexdigest()
    link = attachments.stored_path(home, digest)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    with pytest.raises(NotFoundError):
        attachments.copy_for_opening(home, digest, "text/plain", "secret.txt")


def test_the_service_hands_out_only_what_the_policy_allows(
    db: Database, office: Office, tmp_path: Path
) -> None:
    skp: SkpIds = make_skp(db, office.staf, office.kabid)
    staf = office.staf.actor
    rid = monitoring_entries.save_realisasi(
        db, actor=staf, iki_id=skp.iki_ids[0], periode="2026-TW1", nilai=10
    )
    source = tmp_path / "laporan.pdf"
    source.write_bytes(PDF)
    file_bukti = monitoring_entries.add_bukti_file(db, actor=staf, realisasi_id=rid, path=source)
    link_bukti = monitoring_entries.add_bukti_link(
        db, actor=staf, realisasi_id=rid, url="https://drive.example.id/x"
    )
    opened = monitoring_entries.evidence_to_open(db, actor=staf, bukti_id=file_bukti.id)
    assert opened.kind == "file" and Path(opened.address).read_bytes() == PDF
    assert Path(opened.address).suffix == ".pdf"
    link = monitoring_entries.evidence_to_open(db, actor=staf, bukti_id=link_bukti.id)
    assert (link.kind, link.address) == ("link", "https://drive.example.id/x")
    # what a hostile peer or a raw database edit could leave behind is refused
    with db.unit_of_work(staf) as session:
        session.execute(
            update(BuktiDukung)
            .where(BuktiDukung.id == link_bukti.id)
            .values(url="file:///C:/Windows/System32/calc.exe")
        )
        session.execute(update(Lampiran).values(mime="application/x-msdownload"))
    with pytest.raises(ValidationError):
        monitoring_entries.evidence_to_open(db, actor=staf, bukti_id=link_bukti.id)
    with pytest.raises(ValidationError):
        monitoring_entries.evidence_to_open(db, actor=staf, bukti_id=file_bukti.id)
