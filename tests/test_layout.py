"""The layout is the pipeline: the import rules between packages, and the size limits that
keep every module readable. These read the source; they run no stage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
STAGE_PACKAGES = ("sections", "entities", "times", "quotes", "events", "checks")


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def _dotted(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The storyline modules ``path`` imports, as absolute dotted names."""
    tree = ast.parse(path.read_text("utf-8"))
    here = _dotted(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("storyline"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("storyline"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


RULES = [
    # (importer package, forbidden packages, why)
    ("storyline.model", ("storyline.ingest", "storyline.pipeline", "storyline.extract", "storyline.store",
                         "storyline.outputs", "storyline.web", "storyline.cli", "storyline.lexicon", "storyline.link"),
     "the model imports no stage"),
    ("storyline.extract", ("storyline.store", "storyline.outputs", "storyline.web", "storyline.cli", "storyline.ingest"),
     "stages never touch the store, an output or the input readers"),
    ("storyline.ingest", ("storyline.extract", "storyline.store", "storyline.outputs", "storyline.web", "storyline.cli"),
     "ingest does not import extractors, the store or outputs"),
    ("storyline.store", ("storyline.outputs", "storyline.web", "storyline.cli", "storyline.extract", "storyline.ingest",
                         "storyline.link"),
     "the store knows no screen and no stage"),
    ("storyline.lexicon", ("storyline.extract", "storyline.ingest", "storyline.pipeline", "storyline.store",
                           "storyline.outputs", "storyline.web", "storyline.cli"),
     "knowledge depends on no stage"),
    ("storyline.link", ("storyline.extract", "storyline.ingest", "storyline.outputs", "storyline.cli", "storyline.web",
                        "storyline.pipeline"),
     "linking reads the model, never a stage, a reader or a screen"),
    ("storyline.data", ("storyline.extract", "storyline.ingest", "storyline.pipeline", "storyline.store",
                        "storyline.outputs", "storyline.lexicon", "storyline.cli"),
     "the data files depend on nothing"),
    ("storyline.watch", ("storyline.extract", "storyline.outputs", "storyline.web", "storyline.cli"), "watch orchestrates ingest, pipeline and store; it renders nothing"),
    ("storyline.web", ("storyline.extract", "storyline.lexicon", "storyline.cli"),
     "the web app reads the store, the model and outputs, and analyses only through the pipeline"),
]


@pytest.mark.parametrize("importer,forbidden,why", RULES, ids=[r[0] for r in RULES])
def test_import_rules(importer, forbidden, why):
    broken = []
    for path in _modules():
        if not _under(_dotted(path), importer):
            continue
        for name in _imports(path):
            if any(_under(name, f) for f in forbidden):
                broken.append(f"{path.relative_to(SRC)} imports {name}")
    assert not broken, f"{why}: " + "; ".join(broken)


def test_only_the_link_step_imports_the_store():
    broken = [f"{p.relative_to(SRC)} imports {name}" for p in _modules()
              if _under(_dotted(p), "storyline.link") and _dotted(p) != "storyline.link.run"
              for name in _imports(p) if _under(name, "storyline.store")]
    assert not broken, "only link/run.py reads and writes the store: " + "; ".join(broken)


def test_no_stage_imports_another_stage():
    broken = []
    for path in _modules():
        mine = _dotted(path)
        if not _under(mine, "storyline.extract"):
            continue
        own = next((s for s in STAGE_PACKAGES if _under(mine, f"storyline.extract.{s}")), None)
        for name in _imports(path):
            for other in STAGE_PACKAGES:
                if other != own and _under(name, f"storyline.extract.{other}"):
                    broken.append(f"{path.relative_to(SRC)} imports {name}")
    assert not broken, "a stage reads what another stage wrote in the model, not its code: " + "; ".join(broken)


def test_modules_are_small():
    big = [f"{p.relative_to(SRC)}: {n} lines" for p in _modules() if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not big, f"modules over {MAX_MODULE_LINES} lines: " + "; ".join(big)


def test_functions_are_short():
    long = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}() {n} lines")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: " + "; ".join(long)
