"""The areas of the main window, in the order of the performance cycle.

Adding a screen touches one line here: the area's key, its title, its icon and the screen
class (``module:Class``, constructed as ``Screen(ctx)``, imported on first use).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja_desktop.i18n import N_


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    icon: str
    factory: str


AREAS: list[Area] = [
    Area("home", N_("Home"), "home", "kinerja_desktop.ui.home.screen:HomeScreen"),
    Area("people", N_("People"), "people", "kinerja_desktop.ui.people.screen:PeopleScreen"),
    Area("skp", N_("SKP"), "skp", "kinerja_desktop.ui.skp.screen:SkpScreen"),
    Area("monitoring", N_("Monitoring"), "monitoring", "kinerja_desktop.ui.monitoring.screen:MonitoringScreen"),
    Area("harian", N_("Daily log"), "harian", "kinerja_desktop.ui.harian.screen:HarianScreen"),
    Area("coaching", N_("Dialogue & Coaching"), "coaching", "kinerja_desktop.ui.coaching.screen:CoachingScreen"),
    Area("evaluation", N_("Evaluation"), "evaluation", "kinerja_desktop.ui.evaluation.screen:EvaluationScreen"),
    Area("print", N_("Print"), "print", "kinerja_desktop.ui.print.screen:PrintScreen"),
    Area("sync", N_("Sync"), "sync", "kinerja_desktop.ui.sync.screen:SyncScreen"),
    Area("audit", N_("Audit log"), "audit", "kinerja_desktop.ui.audit.screen:AuditScreen"),
    Area("settings", N_("Settings"), "settings", "kinerja_desktop.ui.settings.screen:SettingsScreen"),
]  # fmt: skip
