"""A writer process for the crash-safety test: imports batch after batch of people.

``python -m tests.e2e.crash_writer HOME SIZE`` imports, in an endless loop, one unit ``B<k>``
with ``SIZE`` people through the master-data import service (one transaction per batch) and
prints ``start <k>`` before each; the test kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from kinerja_desktop.actor import SYSTEM
from kinerja_desktop.db.session import Database
from kinerja_desktop.paths import DataHome
from kinerja_desktop.services.people import directory as people
from kinerja_desktop.services.people import master_import

SEQUENCES = 999


def nip(index: int) -> str:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=index // SEQUENCES)
    return f"{born:%Y%m%d}200001{1 + index % 2}{1 + index % SEQUENCES:03d}"


def batch_files(folder: Path, batch: int, size: int) -> tuple[Path, Path]:
    units = folder / f"units-{batch}.csv"
    units.write_text(f"kode,nama,induk_kode\nB{batch},Batch {batch},\n", encoding="utf-8")
    lines = ["nip,nama,golongan,unit_kode,penilai_nip"]
    head = nip(batch * size)
    for i in range(size):
        number = nip(batch * size + i)
        lines.append(f"{number},Pegawai {batch}-{i},III/a,B{batch},{head if i else ''}")
    persons = folder / f"people-{batch}.csv"
    persons.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return units, persons


def main(home_dir: str, size: int) -> None:
    db = Database.open(DataHome(Path(home_dir)))
    existing = {u.kode for u in people.list_units(db, actor=SYSTEM, include_inactive=True)}
    batch = 0
    with tempfile.TemporaryDirectory() as folder:
        while True:
            while f"B{batch}" in existing:
                batch += 1
            units, persons = batch_files(Path(folder), batch, size)
            print(f"start {batch}", flush=True)
            master_import.import_master(db, actor=SYSTEM, units_csv=units, people_csv=persons)
            print(f"done {batch}", flush=True)
            existing.add(f"B{batch}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
