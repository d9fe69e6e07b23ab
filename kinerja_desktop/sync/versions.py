"""Version vectors: ``{install_id: that install's change counter at its last change}``.

No wall clock decides anything: one version follows another when its vector is at least as
large for every install; otherwise the two are concurrent (a conflict).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Order(enum.Enum):
    EQUAL = "equal"
    AFTER = "after"
    BEFORE = "before"
    CONCURRENT = "concurrent"


def _covers(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    return all(a.get(key, 0) >= value for key, value in b.items())


def compare(incoming: Mapping[str, int], local: Mapping[str, int]) -> Order:
    """How ``incoming`` relates to ``local``: AFTER means incoming is the newer version."""
    forward, backward = _covers(incoming, local), _covers(local, incoming)
    if forward and backward:
        return Order.EQUAL
    if forward:
        return Order.AFTER
    if backward:
        return Order.BEFORE
    return Order.CONCURRENT


def merge(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    """The smallest vector covering both."""
    out = dict(a)
    for key, value in b.items():
        out[key] = max(out.get(key, 0), value)
    return out
