"""Icons of the program: the application icon from resources, every other icon from one set,
Material Design Icons 6 as shipped by QtAwesome (its font files travel inside the package
and the frozen program; licence: Apache 2.0 / SIL OFL). Each area has a symbol of what it
does, drawn in the palette's text colour so it follows light and dark themes.

Each icon is drawn once into pixmaps of the sizes screens use: QtAwesome's own icons draw
their glyph through Python at every paint, which a list repainted on each area switch pays
for again and again."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from kinerja_desktop.paths import resources_dir

NAMES = {
    "home": "mdi6.home-outline",
    "people": "mdi6.account-group-outline",
    "skp": "mdi6.clipboard-text-outline",
    "harian": "mdi6.notebook-outline",
    "monitoring": "mdi6.chart-timeline-variant",
    "coaching": "mdi6.forum-outline",
    "evaluation": "mdi6.star-check-outline",
    "print": "mdi6.printer-outline",
    "sync": "mdi6.usb-flash-drive-outline",
    "audit": "mdi6.history",
    "settings": "mdi6.cog-outline",
    "help": "mdi6.help-circle-outline",
    "logout": "mdi6.logout",
    "restore": "mdi6.backup-restore",
}


# The sizes icons are shown at (menus and lists, tool buttons, large buttons).
SIZES = (16, 20, 24, 32)


def icon(name: str) -> QIcon:
    """The icon called ``name`` (an empty icon for an unknown name)."""
    glyph = NAMES.get(name)
    if glyph is None or QApplication.instance() is None:
        return QIcon()
    import qtawesome  # loads in about half a second: only once an icon is wanted

    colour = QApplication.palette().color(QPalette.ColorRole.WindowText)
    drawn = qtawesome.icon(glyph, color=colour)
    fixed = QIcon()
    for size in SIZES:
        fixed.addPixmap(drawn.pixmap(size, size))
    return fixed


def app_icon() -> QIcon:
    """The program's own icon, from resources/icons when shipped."""
    for candidate in ("kinerja.svg", "kinerja-256.png", "kinerja.png"):
        path = resources_dir() / "icons" / candidate
        if path.exists():
            return QIcon(str(path))
    return QIcon()
