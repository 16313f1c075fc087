"""The house by stage: imports only point down the pipeline, and no module imports itself back.

Every ``import analysis...`` of every module (at the top or inside a function) is read with
:mod:`ast`; each module belongs to the stage of its folder (``docs/architecture.md``), and a
module may import its own stage and the stages below it, never one above.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"

#: Stages from the bottom up; a module may import only from its own stage or a lower one.
STAGES = [
    {"config", "tables", "text"},
    {"knowledge", "store"},
    {"read"},
    {"annotate"},
    {"corpus"},
    {"measure"},
    {"plot"},
    {"workbook"},
    {"cli", "__init__"},
]
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def imports(path: Path) -> set[str]:
    """The ``analysis`` modules (dotted, without the ``analysis.`` prefix) a file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            found |= {a.name[len("analysis."):] for a in node.names
                      if a.name.startswith("analysis.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("analysis."):
                found.add(node.module[len("analysis."):])
            elif node.module == "analysis":
                found |= {a.name for a in node.names}
    return found


def stage(name: str) -> str:
    return name.split(".")[0]


MODULES = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_stage():
    assert sorted({stage(m) for m in MODULES} - RANK.keys()) == []


def test_imports_point_down_the_pipeline():
    upward = sorted(f"{module} imports {target}" for module, targets in MODULES.items()
                    for target in targets
                    if module != "__init__" and RANK[stage(target)] > RANK[stage(module)])
    assert upward == []


def test_no_import_cycle_between_modules():
    graph = {m: {t for t in ts if t in MODULES} for m, ts in MODULES.items() if m != "__init__"}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_modules_stay_small():
    big = sorted(f"{p.relative_to(PACKAGE)}: {n}" for p in PACKAGE.rglob("*.py")
                 if (n := len(p.read_text(encoding="utf-8").splitlines())) > 320)
    assert big == []
