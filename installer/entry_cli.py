"""Entry script of the frozen ``kinerja`` command line (PyInstaller runs it as __main__)."""

import sys

from kinerja_desktop.cli.main import main

sys.exit(main())
