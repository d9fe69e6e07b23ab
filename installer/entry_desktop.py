"""Entry script of the frozen ``kinerja-desktop`` program (PyInstaller runs it as __main__)."""

import sys

from kinerja_desktop.app import main

sys.exit(main())
