"""Keep the gettext catalogs in step with the code (run by ``make i18n``).

Under a file lock (several developers may share one tree): extract every ``_()``/``N_()``
message into ``i18n/messages.pot``, update ``i18n/{id,en}/LC_MESSAGES/kinerja.po``, fill the
English catalog's empty entries with the (English) message id, merge Indonesian translations
given with ``--id FILE.json`` (a ``{"msgid": "msgstr"}`` object), and list what is still
untranslated. ``--check`` only reports, and fails if anything is missing.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
POT = I18N / "messages.pot"
LANGS = ("id", "en")


def _po(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / "kinerja.po"


def _run(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(done.returncode)


def extract() -> None:
    _run(
        "extract",
        "-F",
        str(I18N / "babel.cfg"),
        "-k",
        "N_",
        "--no-location",
        "--sort-output",
        "--project",
        "kinerja-desktop",
        "-o",
        str(POT),
        "kinerja_desktop",
    )
    for lang in LANGS:
        po = _po(lang)
        if po.exists():
            _run(
                "update",
                "-i",
                str(POT),
                "-o",
                str(po),
                "-l",
                lang,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
        else:
            po.parent.mkdir(parents=True, exist_ok=True)
            _run("init", "-i", str(POT), "-o", str(po), "-l", lang)


def _missing(path: Path) -> list[str]:
    with path.open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def fill(lang: str, translations: dict[str, str] | None) -> None:
    path = _po(lang)
    with path.open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if lang == "en":
            if isinstance(message.id, tuple):
                if not all(message.string):
                    message.string = tuple(message.id)
            elif not message.string:
                message.string = message.id
        elif translations and key in translations:
            # Indonesian has one plural form: a plural message gets the one translation.
            value = translations[key]
            message.string = (value,) if isinstance(message.id, tuple) else value
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, no_location=True, sort_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--id", dest="id_file", help="JSON object of Indonesian translations")
    parser.add_argument("--check", action="store_true", help="only report missing entries")
    args = parser.parse_args()
    lock_path = ROOT / "build" / "i18n.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not args.check:
            extract()
            translations = json.loads(Path(args.id_file).read_text()) if args.id_file else None
            fill("en", None)
            fill("id", translations)
        status = 0
        for lang in LANGS:
            missing = _missing(_po(lang))
            if missing:
                status = 1
                print(f"{lang}: {len(missing)} untranslated")
                for msgid in missing:
                    print(f"  {json.dumps(msgid, ensure_ascii=False)}")
        return status if args.check else 0


if __name__ == "__main__":
    sys.exit(main())
