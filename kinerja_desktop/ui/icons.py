"""Icons of the program: the application icon from resources, area icons from Qt's own
standard set (always present, scale with the screen, no extra dependency)."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from kinerja_desktop.paths import resources_dir

_SP = QStyle.StandardPixmap
_STANDARD = {
    "home": _SP.SP_DirHomeIcon,
    "people": _SP.SP_DirIcon,
    "skp": _SP.SP_FileDialogDetailedView,
    "monitoring": _SP.SP_FileDialogContentsView,
    "harian": _SP.SP_FileDialogNewFolder,
    "coaching": _SP.SP_MessageBoxInformation,
    "evaluation": _SP.SP_DialogApplyButton,
    "print": _SP.SP_DialogSaveButton,
    "sync": _SP.SP_BrowserReload,
    "audit": _SP.SP_FileDialogInfoView,
    "settings": _SP.SP_FileDialogListView,
}


def icon(name: str) -> QIcon:
    """The icon called ``name`` (an empty icon for an unknown name)."""
    style = QApplication.style()
    pixmap = _STANDARD.get(name)
    if style is None or pixmap is None:
        return QIcon()
    return style.standardIcon(pixmap)


def app_icon() -> QIcon:
    """The program's own icon, from resources/icons when shipped."""
    for candidate in ("kinerja.svg", "kinerja-256.png", "kinerja.png"):
        path = resources_dir() / "icons" / candidate
        if path.exists():
            return QIcon(str(path))
    return QIcon()
