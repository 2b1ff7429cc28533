"""The docs are tested: every file path they name exists, and README's Python runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(r"`((?:src/storyline|tests|benchmarks|examples|docs)/[\w./-]+?)`")


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_path_the_docs_name_exists(doc):
    missing = sorted({m for m in PATH.findall(doc.read_text("utf-8")) if not (ROOT / m.rstrip("/")).exists()})
    assert not missing, f"{doc.name} names files that do not exist: {', '.join(missing)}"


def test_readme_python_runs():
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert blocks, "README has no Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
