"""Hypothesis profiles: ``ci`` (the default, a few dozen examples per property, for the
suite's time budget) and ``long`` (thousands, for a soak run):

    HYPOTHESIS_PROFILE=long python -m pytest tests/robustness -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], derandomize=False)
settings.register_profile("ci", max_examples=30, **_COMMON)
settings.register_profile("long", max_examples=3000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
