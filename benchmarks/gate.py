"""The benchmark gate: fail when a headline figure falls below its floor.

    .venv/bin/python benchmarks/gate.py [--only NAME_PART] [--floors FILE]

Reads ``benchmarks/floors.toml``, runs each benchmark command it names once, reads each
figure from the command's output and prints it beside its floor. Exit status 1 when any
figure is below ``floor - margin`` or could not be read; 0 when all hold. Without the
evaluation data (``../shared/eval``) it prints ``skipped: …`` and exits 0, as every
benchmark does. ``.ci/run`` runs it after the tests when the data is there.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("STORYLINE_EVAL", ROOT.parent / "shared" / "eval"))
COMMAND_SECONDS = 3600


def load(path: Path) -> list[dict]:
    figures = tomllib.loads(path.read_text("utf-8")).get("figure", [])
    known = {"name", "command", "pattern", "floor", "margin", "count"}
    for i, f in enumerate(figures, 1):
        extra = set(f) - known
        missing = {"name", "command", "pattern", "floor"} - set(f)
        if extra or missing:
            raise SystemExit(f"{path.name}: figure {i} ({f.get('name', '?')}): "
                             + (f"unknown key(s) {sorted(extra)}" if extra else f"missing {sorted(missing)}"))
    return figures


def run(command: list[str]) -> tuple[int, str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, timeout=COMMAND_SECONDS)
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - t0


def read(figure: dict, output: str) -> float | None:
    m = re.search(figure["pattern"], output)
    if not m:
        return None
    if "count" in figure:
        return float(m.group(1).count(figure["count"]))
    return float(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--floors", type=Path, default=ROOT / "benchmarks" / "floors.toml")
    ap.add_argument("--only", help="check only the figures whose name contains this text")
    args = ap.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: no evaluation data at {EVAL}")
        return 0
    figures = [f for f in load(args.floors) if not args.only or args.only.lower() in f["name"].lower()]
    outputs: dict[tuple[str, ...], tuple[int, str, float]] = {}
    failed = 0
    print(f"{'figure':48} {'value':>9} {'floor':>9} {'margin':>7}  result")
    for f in figures:
        key = tuple(f["command"])
        if key not in outputs:
            outputs[key] = run(f["command"])
            code, _, seconds = outputs[key]
            print(f"-- {' '.join(key)}: exit {code}, {seconds:.0f} s")
        code, output, _ = outputs[key]
        value = read(f, output) if code == 0 else None
        margin = float(f.get("margin", 0))
        if value is None:
            ok, shown = False, "unread"
        else:
            ok, shown = value >= f["floor"] - margin - 1e-9, f"{value:g}"
        failed += not ok
        print(f"{f['name']:48} {shown:>9} {f['floor']:>9g} {margin:>7g}  {'ok' if ok else 'BELOW FLOOR' if value is not None else 'FAILED'}")
    for key, (code, output, _) in outputs.items():
        if code != 0:
            tail = "\n".join(output.strip().splitlines()[-5:])
            print(f"\n{' '.join(key)} exited {code}:\n{tail}")
    print(f"\n{len(figures) - failed} held, {failed} below floor or unread")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
