"""The self-test checks the Qt plugins the build must keep (installer/kinerja.spec leaves the
others out): the desktop platform plugins of this system and the image formats the program
reads. It passes on the development environment and names what is missing otherwise."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from kinerja_desktop import selftest


def test_the_plugins_the_program_needs_are_found(qtbot: QtBot) -> None:
    assert sys.platform in selftest.PLATFORM_PLUGINS
    selftest.check_qt_plugins()


def test_a_missing_plugin_is_named(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(selftest.PLATFORM_PLUGINS, sys.platform, ("qxcb", "qnosuchplatform"))
    monkeypatch.setattr(selftest, "IMAGE_FORMATS", ("svg", "nosuchformat"))
    with pytest.raises(AssertionError) as caught:
        selftest.check_qt_plugins()
    assert str(caught.value).endswith("nosuchformat, qnosuchplatform")
