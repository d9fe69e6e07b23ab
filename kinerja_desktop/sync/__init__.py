"""Sync bundles: the file format, keys, export, verification, import, conflicts and receipts.

Offices and a hub exchange data as signed, encrypted bundle files (``*.kinerja``); see
``docs/sync.md`` for the format and the rules. Nothing here imports Qt or the services; the
service facade ``kinerja_desktop.services.sync.exchange`` adds permission checks for the GUI and CLI.
"""
