"""Sessions and the unit of work.

``Database`` holds the engine and a session factory for one data home. A service does its
work inside ``db.unit_of_work(actor)``: one transaction, committed at the end, rolled back on
any error (so a refused input leaves the data as it was). The actor rides on the session so
that the tracking hooks can stamp authorship, versions and the audit log.

After a unit of work commits, the set of tables it changed goes to every function given to
``subscribe`` (the GUI turns it into a Qt signal that refreshes the screens showing those
tables; the data layer itself knows nothing of Qt).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from kinerja_desktop.actor import Actor
from kinerja_desktop.db import keyslots, tracking
from kinerja_desktop.db.engine import make_engine
from kinerja_desktop.paths import DataHome


@dataclass
class Database:
    """The open database of one data home."""

    home: DataHome
    engine: Engine
    factory: sessionmaker[Session]
    key: bytes | None = field(default=None, repr=False)
    # Private-notes keys and password secrets of this session's logins (in memory only).
    keyring: keyslots.SessionKeys = field(default_factory=keyslots.SessionKeys, repr=False)
    listeners: list[Callable[[frozenset[str]], None]] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, home: DataHome, key: bytes | None = None) -> Database:
        """Open the (already migrated) database of ``home``, encrypted with ``key``."""
        engine = make_engine(home.database, key=key)
        factory = sessionmaker(engine, expire_on_commit=False)
        tracking.install(factory)
        if key is not None:
            keyslots.remember(home, key)
        return cls(home=home, engine=engine, factory=factory, key=key)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def reopen(self, key: bytes | None) -> None:
        """Point this object at the database file again, now with ``key`` (after the file
        was replaced by its encrypted copy); sessions already handed out must be closed."""
        self.engine.dispose()
        self.engine = make_engine(self.home.database, key=key)
        self.factory = sessionmaker(self.engine, expire_on_commit=False)
        tracking.install(self.factory)
        self.key = key
        if key is not None:
            keyslots.remember(self.home, key)

    @contextmanager
    def unit_of_work(
        self, actor: Actor, *, connection: Connection | None = None
    ) -> Iterator[Session]:
        """A session in one transaction, committed on success, rolled back on error; on
        ``connection`` (not in a transaction) when given, else on one from the pool."""
        session = self.factory() if connection is None else self.factory(bind=connection)
        session.info["actor"] = actor
        session.info["keyring"] = self.keyring
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            changed = tracking.committed_tables(session)
            session.close()
            if changed:
                self._publish(changed)

    def subscribe(self, listener: Callable[[frozenset[str]], None]) -> Callable[[], None]:
        """Call ``listener`` with the changed tables after each commit; returns the undo."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def _publish(self, tables: frozenset[str]) -> None:
        for listener in list(self.listeners):
            listener(tables)

    @contextmanager
    def read(self, actor: Actor) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        session = self.factory()
        session.info["actor"] = actor
        session.info["keyring"] = self.keyring
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
