"""The short bounded fuzz pass CI runs: inputs 0-199 of seed 20240601, quick size, through
the whole pipeline in a timed worker (``scripts/fuzz.py``; long runs are documented there)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz.py"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("storyline_fuzz", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_200_mutated_articles_crash_nothing(tmp_path):
    fuzz = _fuzz_module()
    summary = fuzz.fuzz(20240601, inputs=200, timeout=60, out_dir=tmp_path, max_bytes=fuzz.QUICK_BYTES)
    assert summary.inputs == 200
    assert summary.crashes == 0, f"crashes: {summary.crash_sites}; inputs saved in {tmp_path}"
    assert summary.documents > 100  # most mutated articles are still articles


def test_the_same_seed_and_index_make_the_same_input():
    fuzz = _fuzz_module()
    seeds = fuzz.load_seeds(SCRIPT.parents[1] / "examples")
    a, b = fuzz.make_case(7, 42, seeds), fuzz.make_case(7, 42, seeds)
    assert (a.data, a.mutations, a.text) == (b.data, b.mutations, b.text)
    assert fuzz.make_case(7, 43, seeds).data != a.data


def test_a_crash_is_found_and_saved(tmp_path, monkeypatch):
    # a fault injected into the batch: the fuzzer must see it and save the input
    fuzz = _fuzz_module()
    from storyline.pipeline import batch

    def broken(self, **kwargs):
        raise KeyError("injected")

    monkeypatch.setattr(batch.Batch, "analyze", broken)
    summary = fuzz.fuzz(1, inputs=3, timeout=60, out_dir=tmp_path, max_bytes=fuzz.QUICK_BYTES)
    seeds = fuzz.load_seeds(SCRIPT.parents[1] / "examples")
    file_inputs = sum(1 for i in range(3) if fuzz.make_case(1, i, seeds, fuzz.QUICK_BYTES).text is None)
    assert file_inputs > 0 and summary.crash_types == {"KeyError": file_inputs}
    assert len(list(tmp_path.glob("crash-1-*-KeyError.txt"))) == file_inputs
