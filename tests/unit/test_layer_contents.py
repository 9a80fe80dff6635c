"""The Lambda layer ships the runtime package without the synthetic-report generators (layers/biometry/Makefile)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "layers" / "biometry" / "biometry"
TOOLING = ("synth",)  # folders the layer build leaves out


def _module_level_imports(path: Path) -> list[str]:
    """Modules imported at the top level of a file (imports inside functions run only when called)."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_runtime_module_imports_the_generators_at_import_time() -> None:
    runtime = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in TOOLING]
    offenders = {
        str(p.relative_to(PACKAGE)): name
        for p in runtime
        for name in _module_level_imports(p)
        if name.startswith(tuple(f"biometry.{t}" for t in TOOLING))
    }
    assert offenders == {}


def test_layer_build_leaves_the_generators_out() -> None:
    makefile = (PACKAGE.parent / "Makefile").read_text(encoding="utf-8")
    assert all(f"--exclude='biometry/{t}'" in makefile for t in TOOLING)
