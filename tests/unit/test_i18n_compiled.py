"""A source checkout compiles its .po catalogs once: the .mo is kept beside the .po, so the
next start reads it (as an installed program does); a folder that cannot be written is fine."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kinerja_desktop import i18n

REPO_I18N = Path(__file__).resolve().parents[2] / "i18n"


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "i18n" / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(REPO_I18N / "id" / "LC_MESSAGES" / "kinerja.po", folder / "kinerja.po")
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path / "i18n")
    return folder


def test_the_compiled_catalog_is_kept_and_used(catalogs: Path) -> None:
    first = i18n._load("id")
    mo = catalogs / "kinerja.mo"
    assert mo.exists()
    assert first.gettext("Add note") == "Tambah catatan"
    mo.write_bytes(i18n.compile_po(catalogs / "kinerja.po"))
    os.utime(catalogs / "kinerja.po", (1, 1))  # the .po older than the .mo: the .mo is read
    assert i18n._load("id").gettext("Add note") == "Tambah catatan"
    assert [p.name for p in catalogs.iterdir() if p.name.endswith(".tmp")] == []


def test_a_folder_that_cannot_be_written_only_means_compiling_again(
    catalogs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(i18n.os, "replace", refuse)
    assert i18n._load("id").gettext("Add note") == "Tambah catatan"
    assert sorted(p.name for p in catalogs.iterdir()) == ["kinerja.po"]
