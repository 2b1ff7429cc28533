"""What the event tests share: ``find``, the events of a list that match a code and actors."""

from __future__ import annotations

import pytest


def _find(evs, root=None, code=None, source=None, target=None):
    """The events of ``evs`` with this root and code, and source and target codes starting so."""
    return [
        e for e in evs
        if (root is None or e.root == root) and (code is None or e.code == code)
        and (source is None or (e.source or "").startswith(source))
        and (target is None or (e.target or "").startswith(target))
    ]


@pytest.fixture
def find():
    return _find
