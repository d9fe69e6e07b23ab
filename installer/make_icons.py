"""Draw the program's icons into resources/icons/ (run again after changing the drawing).

The SVGs are the source: ``kinerja.svg`` (the program: three rising bars under a trend line on
a blue tile) and ``kinerja-bundle.svg`` (a sync bundle file: a page carrying the same bars).
Qt renders them to PNGs in the sizes desktops ask for, and the PNGs are packed into Windows
``.ico`` files (PNG-compressed entries, read by Windows Vista and later).

    .venv/bin/python installer/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)

APP_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1f6fb8"/>
      <stop offset="1" stop-color="#0b3d6e"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="url(#tile)"/>
  <rect x="48" y="146" width="36" height="62" rx="6" fill="#ffffff"/>
  <rect x="110" y="112" width="36" height="96" rx="6" fill="#ffffff"/>
  <rect x="172" y="76" width="36" height="132" rx="6" fill="#f5b800"/>
  <path d="M46 112 L84 78 L112 96 L190 34" fill="none" stroke="#ffffff" stroke-width="14"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""

BUNDLE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <path d="M44 12 H164 L212 60 V244 H44 Z" fill="#ffffff" stroke="#0b3d6e" stroke-width="10"
        stroke-linejoin="round"/>
  <path d="M164 12 V60 H212" fill="#d8e6f3" stroke="#0b3d6e" stroke-width="10"
        stroke-linejoin="round"/>
  <rect x="72" y="168" width="28" height="52" rx="4" fill="#1f6fb8"/>
  <rect x="114" y="140" width="28" height="80" rx="4" fill="#1f6fb8"/>
  <rect x="156" y="110" width="28" height="110" rx="4" fill="#f5b800"/>
  <path d="M72 132 L104 104 L128 118 L176 76" fill="none" stroke="#0b3d6e" stroke-width="10"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def render_png(svg: bytes, size: int) -> bytes:
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("invalid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding the given PNG images (ICONDIR, one ICONDIRENTRY each, the data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def write_icon_set(name: str, svg: str) -> None:
    (ICONS / f"{name}.svg").write_text(svg, encoding="utf-8")
    pngs = {size: render_png(svg.encode(), size) for size in PNG_SIZES}
    for size, png in pngs.items():
        (ICONS / f"{name}-{size}.png").write_bytes(png)
    (ICONS / f"{name}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    write_icon_set("kinerja", APP_SVG)
    write_icon_set("kinerja-bundle", BUNDLE_SVG)
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
