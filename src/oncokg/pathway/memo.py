"""One memo for the reasoner: a dictionary that stops growing at a size, so a long cohort cannot use up memory."""

import sys
from collections.abc import Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """Values worked out once per key: read with `get` (a plain dictionary lookup, so a hit costs no
    more than one), add with `keep`. With a `size`, at most that many are kept (0 keeps none: every
    call works it out afresh); without one, the keys are bounded by the graph (its pathways, steps and
    compositions), not by the patients asked about. Values are never None, so `get` returning None
    means "not yet".

    >>> memo: Memo[str, str] = Memo(size=1)
    >>> memo.keep("a", "A"), memo.keep("b", "B"), memo.get("a"), memo.get("b")
    ('A', 'B', 'A', None)
    """

    def __init__(self, size: int | None = None):
        super().__init__()
        self.size = sys.maxsize if size is None else size

    def keep(self, key: K, value: V) -> V:
        """Remember `value` for `key` while there is room; return it."""
        if len(self) < self.size:
            self[key] = value
        return value
