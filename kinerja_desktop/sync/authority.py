"""Write authority: which install may create or change each kind of record.

Every synced table has a rule (``RULES``; a table without one is refused whole, and a test
checks that every table in ``tables.SYNCED`` has one). The rules, as written in docs/sync.md:

- **origin** (master data): the hub, or the office the record came from. Any office may
  create a new record; an existing one may be changed only by the hub and by the offices
  named in its version vector *here* (its accepted history: under these rules, only the
  office it came from). A pegawai's origin is their home office.
- **people** (performance records): the hub, or the home office of the people named by the
  record's root (the SKP's pegawai and pejabat penilai; for evaluations only the pejabat
  penilai; a coaching session's pegawai and coach; a development plan's pegawai and that
  pegawai's own penilai). A child record (an RHK, a realisasi, an amendment ...) follows its
  root through its parent link; a changed record must be allowed by both its stored version
  and the incoming one, so a record cannot be moved out of another office's authority.

Who wrote an incoming version: every install whose entry in the incoming version vector is
ahead of the version held here, and at a hub also the sending office (it vouches for what it
sends). The hub itself (decisions on conflicts, master data) and this install (its own
changes coming back after a restore) are always allowed. Records that change nothing here
(equal or older versions) are not checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from kinerja_desktop.i18n import N_, _
from kinerja_desktop.sync import tables


@dataclass(frozen=True)
class Rule:
    """Who may write a table's records (see the module's docstring)."""

    kind: str
    """``"origin"`` or ``"people"``."""
    who: str
    """Who may, for the report and docs (an ``N_`` message id)."""
    root: str = ""
    """For ``people``: the root table whose columns name the people."""
    columns: tuple[str, ...] = ()
    """For ``people``: the root's columns naming the people."""
    with_penilai: bool = False
    """For ``people``: the named people's own penilai may write too."""


_MASTER = Rule("origin", N_("the hub, or the office the record came from"))
_SKP = Rule(
    "people",
    N_("the hub, or the offices of the SKP's pegawai and pejabat penilai"),
    root="skp",
    columns=("pegawai_id", "penilai_id"),
)
_EVALUATION = Rule(
    "people",
    N_("the hub, or the office of the SKP's pejabat penilai"),
    root="skp",
    columns=("penilai_id",),
)
_SESSION = Rule(
    "people",
    N_("the hub, or the offices of the session's pegawai and coach"),
    root="sesi_coaching",
    columns=("pegawai_id", "coach_id"),
)
_PLAN = Rule(
    "people",
    N_("the hub, or the offices of the pegawai and of their pejabat penilai"),
    root="rencana_pengembangan",
    columns=("pegawai_id",),
    with_penilai=True,
)
_DAILY = Rule(
    "people",
    N_("the hub, or the offices of the pegawai and of their pejabat penilai"),
    root="progres_harian",
    columns=("pegawai_id",),
    with_penilai=True,
)
_LEAVE = Rule(
    "people",
    N_("the hub, or the pegawai's office"),
    root="cuti_pegawai",
    columns=("pegawai_id",),
)
_OBJECTION = Rule(
    "people",
    N_("the hub, or the offices of the pegawai and of the atasan who decides"),
    root="keberatan_evaluasi",
    columns=("pegawai_id", "atasan_id"),
)

RULES: dict[str, Rule] = {
    "instansi": _MASTER,
    "unit_kerja": _MASTER,
    "jabatan": _MASTER,
    "ritme_periode": _MASTER,
    "frasa_umpan_balik": _MASTER,
    "capaian_organisasi": _MASTER,
    "berkas": _MASTER,
    "pegawai": Rule("origin", N_("the hub, or the pegawai's home office")),
    "skp": _SKP,
    "rhk": _SKP,
    "iki": _SKP,
    "lampiran_item": _SKP,
    "ekspektasi_khusus": _SKP,
    "penilaian_diri": _SKP,
    "rencana_aksi": _SKP,
    "realisasi": _SKP,
    "bukti_dukung": _SKP,
    "skp_event": _SKP,
    "umpan_balik": _SKP,
    "evaluasi": _EVALUATION,
    "amandemen_evaluasi": _EVALUATION,
    "sesi_coaching": _SESSION,
    "agenda_sesi": _SESSION,
    "aksi_disepakati": _SESSION,
    "catatan_sesi": _SESSION,
    "evaluasi_kompetensi": _SESSION,
    "umpan_balik_bimbingan": _SESSION,
    "rencana_pengembangan": _PLAN,
    "kegiatan_pengembangan": _PLAN,
    "kebutuhan_pengembangan": _PLAN,
    "progres_harian": _DAILY,
    "bukti_harian": _DAILY,
    "cuti_pegawai": _LEAVE,
    "keberatan_evaluasi": _OBJECTION,
    "penilai_non_asn": _MASTER,
}
"""The write authority of every synced table."""

_CHUNK = 900


class Candidate(NamedTuple):
    """An incoming record that would change something here, with the version held here."""

    record: dict[str, Any]
    local_vv: dict[str, int] | None


class Authority:
    """The write-authority checks of one import (caches what it reads from the database)."""

    def __init__(
        self,
        session: Session,
        *,
        own_id: str,
        sender: str,
        hub_ids: Iterable[str],
        hub: bool,
        names: dict[str, str] | None = None,
    ) -> None:
        self.session = session
        self.names = names or {}
        """Install id -> name, to name an install without authority in the report."""
        self.own_id = own_id
        self.sender = sender
        self.hub = hub
        self.always = {own_id, *hub_ids}
        self._offices: dict[tuple[str, str], frozenset[str]] = {}
        self._homes: dict[str, frozenset[str]] = {}
        self._penilai: dict[str, str | None] = {}
        self._new_writers: dict[tuple[str, ...], frozenset[str]] = {}
        self._people_offices: dict[tuple[Any, ...], frozenset[str]] = {}

    def refusals(self, spec: tables.SyncedTable, candidates: list[Candidate]) -> dict[str, str]:
        """Record id -> reason, for the candidates written by an install without authority."""
        rule = RULES.get(spec.name)
        if rule is None:
            return {
                c.record["id"]: _("no write authority is defined for this kind of record")
                for c in candidates
            }
        if rule.kind == "origin":  # any office may create: only changes are checked
            candidates = [c for c in candidates if c.local_vv is not None]
        writers = {c.record["id"]: self._writers(c) for c in candidates}
        checked = [c for c in candidates if writers[c.record["id"]]]
        if not checked:
            return {}
        if rule.kind == "origin":
            allowed = {c.record["id"]: self._office_keys(c.local_vv or {}) for c in checked}
        else:
            allowed = self._people(spec, rule, checked)
        out: dict[str, str] = {}
        for candidate in checked:
            rid = candidate.record["id"]
            intruders = writers[rid] - allowed[rid]
            if intruders:
                out[rid] = _(
                    "install {who} may not write this record; only {rule} may (write authority)"
                ).format(who=self._named(intruders), rule=_(rule.who))
        return out

    def refusals_of_new(
        self, spec: tables.SyncedTable, records: list[dict[str, Any]]
    ) -> dict[str, str]:
        """``refusals`` for records none of which is held here, worked out once per kind of
        record: for a new record the verdict depends only on the installs that wrote it (its
        version vector's keys) and on what it concerns (its root's people, or its parent)."""
        concerns = itemgetter(*_concerning(spec))
        kinds = list(
            zip(map(tuple, map(itemgetter("vv"), records)), map(concerns, records), strict=True)
        )
        # one record of each kind (the first: later ones overwrite from the end)
        first = dict(zip(reversed(kinds), reversed(records), strict=True))
        refused = self.refusals(spec, [Candidate(record, None) for record in first.values()])
        if not refused:
            return {}
        verdicts = {kind: refused[r["id"]] for kind, r in first.items() if r["id"] in refused}
        return {
            r["id"]: verdicts[kind]
            for kind, r in zip(kinds, records, strict=True)
            if kind in verdicts
        }

    def _named(self, installs: Iterable[str]) -> str:
        return ", ".join(
            f"{self.names[i]} ({i})" if self.names.get(i) else i for i in sorted(installs)
        )

    def _writers(self, candidate: Candidate) -> frozenset[str]:
        vv, local = candidate.record["vv"], candidate.local_vv
        if local is None:  # a new record: every install it names (the same few, many times)
            keys = tuple(vv)
            found = self._new_writers.get(keys)
            if found is None:
                found = self._new_writers[keys] = self._outside(set(keys))
            return found
        return self._outside({k for k, v in vv.items() if v > local.get(k, 0)})

    def _outside(self, writers: set[str]) -> frozenset[str]:
        if self.hub:
            writers.add(self.sender)
        return frozenset(writers - self.always)

    def _office_keys(self, vv: dict[str, int]) -> frozenset[str]:
        return frozenset(vv) - self.always

    def _people(
        self, spec: tables.SyncedTable, rule: Rule, candidates: list[Candidate]
    ) -> dict[str, frozenset[str]]:
        existing = [c.record["id"] for c in candidates if c.local_vv is not None]
        if spec.name == rule.root:
            columns = rule.columns
            stored = self._rows(spec.name, columns, existing)
            everyone = [c.record[name] for c in candidates for name in columns]
            self._preload(rule, everyone + [p for row in stored.values() for p in row])
            out: dict[str, frozenset[str]] = {}
            for candidate in candidates:
                rid = candidate.record["id"]
                incoming = self._offices_of_people(rule, [candidate.record[c] for c in columns])
                if rid in stored:
                    incoming &= self._offices_of_people(rule, list(stored[rid]))
                out[rid] = incoming
            return out
        link = _link(spec.name)
        column, parent = link
        stored_links = self._rows(spec.name, (column,), existing)
        wanted = {c.record[column] for c in candidates} | {v[0] for v in stored_links.values()}
        parents = self._offices_of(parent, rule, sorted(wanted))
        result: dict[str, frozenset[str]] = {}
        for candidate in candidates:
            rid = candidate.record["id"]
            offices = parents.get(candidate.record[column], frozenset())
            if rid in stored_links:
                offices &= parents.get(stored_links[rid][0], frozenset())
            result[rid] = offices
        return result

    def _offices_of(self, table: str, rule: Rule, ids: list[str]) -> dict[str, frozenset[str]]:
        """The offices that may write below the stored records ``ids`` of ``table``."""
        missing = [i for i in ids if (table, i) not in self._offices]
        if missing:
            if table == rule.root:
                rows = self._rows(table, rule.columns, missing)
                self._preload(rule, [p for row in rows.values() for p in row])
                for rid, people in rows.items():
                    self._offices[(table, rid)] = self._offices_of_people(rule, list(people))
            else:
                column, parent = _link(table)
                links = self._rows(table, (column,), missing)
                above = self._offices_of(parent, rule, sorted({v[0] for v in links.values()}))
                for rid, (parent_id,) in links.items():
                    self._offices[(table, rid)] = above.get(parent_id, frozenset())
        return {i: self._offices.get((table, i), frozenset()) for i in ids}

    def _offices_of_people(self, rule: Rule, people: list[Any]) -> frozenset[str]:
        # the same few people are named by many records: each set is worked out once (what
        # it depends on, a person's home and penilai, is read once per import too)
        key = (rule.with_penilai, *people)
        found = self._people_offices.get(key)
        if found is None:
            found = self._people_offices[key] = self._offices_of_named(rule, people)
        return found

    def _offices_of_named(self, rule: Rule, people: list[Any]) -> frozenset[str]:
        ids = [p for p in people if isinstance(p, str)]
        if rule.with_penilai:
            self._load_people(ids)
            ids += [p for i in ids if (p := self._penilai.get(i))]
        self._load_people(ids)
        found: frozenset[str] = frozenset()
        for pid in ids:
            found |= self._homes.get(pid, frozenset())
        return found

    def _preload(self, rule: Rule, people: list[Any]) -> None:
        """Read the homes (and penilai) of many people at once."""
        ids = [p for p in people if isinstance(p, str)]
        self._load_people(ids)
        if rule.with_penilai:
            self._load_people([p for i in ids if (p := self._penilai.get(i))])

    def _load_people(self, ids: list[str]) -> None:
        missing = sorted({i for i in ids if i not in self._homes})
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            marks = ", ".join("?" for _i in chunk)
            sql = f'SELECT "id", "vv", "penilai_id" FROM "pegawai" WHERE "id" IN ({marks})'
            for pid, vv, penilai in self.session.connection().exec_driver_sql(sql, tuple(chunk)):
                self._homes[pid] = self._office_keys(json.loads(vv) if vv else {})
                self._penilai[pid] = penilai

    def _rows(
        self, table: str, columns: tuple[str, ...], ids: list[str]
    ) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        names = ", ".join(f'"{c}"' for c in columns)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" for _i in chunk)
            sql = f'SELECT "id", {names} FROM "{table}" WHERE "id" IN ({marks})'
            for row in self.session.connection().exec_driver_sql(sql, tuple(chunk)):
                found[row[0]] = tuple(row[1:])
        return found


def _concerning(spec: tables.SyncedTable) -> tuple[str, ...]:
    """The columns besides the version vector that the verdict on a new record of ``spec``
    depends on (its id where it is not shared with other records)."""
    rule = RULES.get(spec.name)
    if rule is None or rule.kind == "origin":
        return ("id",)
    if spec.name == rule.root:
        return rule.columns
    return (_link(spec.name)[0],)


def _link(table: str) -> tuple[str, str]:
    """The link of a child table under a ``people`` rule to its parent (every one has it:
    test_every_synced_table_has_an_authority_rule)."""
    link = tables.parent_link(tables.SYNCED[table])
    assert link is not None, f"{table} has no parent link to its root"
    return link
