"""Labels of the enum values printed on forms, translated with the form's own language.

The names come from ``kinerja_desktop.enum_labels`` (one message id per term, shared with the
screens); forms pass a per-render translator instead of the program's active language, so an
English rendering can be printed while the program runs in Indonesian. The lampiran lists
are headed in capitals on the official SKP form.
"""

from __future__ import annotations

from enum import Enum

from kinerja_desktop.enum_labels import label as enum_label
from kinerja_desktop.forms.base import Translate
from kinerja_desktop.i18n import N_
from kinerja_desktop.models.enums import JenisLampiran

_FORM_HEADINGS: dict[JenisLampiran, str] = {
    JenisLampiran.DUKUNGAN_SUMBER_DAYA: N_("RESOURCE SUPPORT"),
    JenisLampiran.SKEMA_PERTANGGUNGJAWABAN: N_("ACCOUNTABILITY SCHEME"),
    JenisLampiran.KONSEKUENSI: N_("CONSEQUENCES"),
}


def label(t: Translate, value: Enum | None, empty: str = "-") -> str:
    """The label of ``value`` in the form's language (``empty`` when not set)."""
    if value is None:
        return empty
    if isinstance(value, JenisLampiran):
        return t(_FORM_HEADINGS[value])
    return enum_label(value, t)
