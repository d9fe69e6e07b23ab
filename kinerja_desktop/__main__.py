"""``python -m kinerja_desktop`` opens the GUI."""

import sys

from kinerja_desktop.app import main

sys.exit(main())
