"""The program's log: a rotating file in the data home's ``logs`` folder.

``setup_logging(home)`` sends every log record at INFO and above to ``logs/kinerja.log``
(1 MB per file, five old files kept), so an unexpected error leaves its traceback where the
crash dialog says it is. Calling it again for the same home changes nothing.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kinerja_desktop.paths import DataHome

LOG_NAME = "kinerja.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d] %(message)s"


class _KinerjaHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so a second call can find it."""


def log_file(home: DataHome) -> Path:
    return home.logs / LOG_NAME


def setup_logging(home: DataHome, *, level: int = logging.INFO) -> Path:
    """Log to the home's rotating log file; return its path."""
    path = log_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _KinerjaHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            root.removeHandler(handler)
            handler.close()
    handler = _KinerjaHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    return path
