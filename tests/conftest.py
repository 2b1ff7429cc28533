"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyline import nlp as _nlp

    return _nlp.load()


@pytest.fixture(scope="session")
def analyze():
    """storyline.analyze_text, with the model already warm."""
    import storyline

    return storyline.analyze_text
