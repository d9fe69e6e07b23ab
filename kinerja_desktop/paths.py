"""Where the program keeps its files.

Every file of one installation (database, attachments, backups, logs, settings, keys) lives
under one *data home*. ``--home DIR`` on the command line or the ``KINERJA_HOME`` environment
variable choose it; otherwise platformdirs gives the user's data folder for this OS.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "KinerjaDesktop"
APP_AUTHOR = "Kinerja"
ENV_HOME = "KINERJA_HOME"


@dataclass(frozen=True)
class DataHome:
    """The folders and files of one data home."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "kinerja.sqlite3"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def lock_file(self) -> Path:
        return self.root / "kinerja.lock"

    def ensure(self) -> DataHome:
        """Create the folders if missing, make them private (``restrict``), return self."""
        for folder in (self.root, self.attachments, self.backups, self.logs, self.keys):
            folder.mkdir(parents=True, exist_ok=True)
        self.restrict()
        return self

    def restrict(self) -> None:
        """On POSIX: the data home's folders 0700 and its files 0600, and this process's
        new files owner-only (umask 077), so that other users of the PC read nothing.
        Windows gives the user's own profile folder (the default data home) to its owner."""
        if os.name != "posix":
            return
        os.umask(0o077)
        for folder in (self.root, self.attachments, self.backups, self.logs, self.keys):
            _chmod(folder, 0o700)
            entries = folder.rglob("*") if folder == self.attachments else folder.iterdir()
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_file():
                    _chmod(entry, 0o600)
                elif entry.is_dir() and folder == self.attachments:
                    _chmod(entry, 0o700)


def _chmod(path: Path, mode: int) -> None:
    if path.stat().st_mode & 0o777 != mode:
        path.chmod(mode)


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> DataHome:
    """The data home: the explicit folder, else ``KINERJA_HOME``, else the user data dir."""
    if explicit:
        return DataHome(Path(explicit).expanduser().resolve())
    env = os.environ.get(ENV_HOME)
    if env:
        return DataHome(Path(env).expanduser().resolve())
    return DataHome(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def resources_dir() -> Path:
    """The folder of shipped resources (fonts, icons, styles)."""
    frozen = Path(getattr(__import__("sys"), "_MEIPASS", "")) / "resources"
    if frozen.is_dir():
        return frozen
    return Path(__file__).resolve().parent.parent / "resources"


def i18n_dir() -> Path:
    """The folder holding the gettext catalogs."""
    frozen = Path(getattr(__import__("sys"), "_MEIPASS", "")) / "i18n"
    if frozen.is_dir():
        return frozen
    return Path(__file__).resolve().parent.parent / "i18n"
