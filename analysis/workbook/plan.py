"""The batch plan: which notebook runs with which parameters (``notebooks/plan.toml``).

Every notebook matching ``[plan] notebooks`` (default ``"[0-9][0-9]_*.ipynb"``) runs once with
its defaults, unless one or more ``[[run]]`` tables name it: then it runs once per table, with
that table's ``parameters`` (and its ``name``, by default the notebook's stem plus the parameter
values, ``05_actor_deep_dive-north-korea``). Paths are relative to the plan's folder.

``[plan] actors`` lists the actors the batch compares: the family of the multiple-comparison
correction (Holm's adjustment of the tone tests), the same in every notebook, on the index and in
``workbook compare``. The batch passes it as the ``family`` parameter to every notebook that
declares one; :func:`plan_family` reads it for a notebook run by hand and for the command line.
"""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_PATTERN", "PlanError", "Run", "load_plan", "notebook_parameters", "plan_family",
           "select"]

DEFAULT_PATTERN = "[0-9][0-9]_*.ipynb"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class PlanError(ValueError):
    """The plan or a selection is invalid; the message names the file and what to do."""


@dataclass(frozen=True)
class Run:
    """One planned run: a notebook and the parameters the plan gives it."""

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict, hash=False)
    #: The plan's actor list (``[plan] actors``): the family of the Holm adjustment.
    family: tuple[str, ...] = field(default=(), hash=False, compare=False)


def _slug(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")


def load_plan(path: str | Path) -> list[Run]:
    """Read and validate a batch plan (see the module docstring); raises :class:`PlanError`."""
    path = Path(path).resolve()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PlanError(f"{path}: cannot read the plan ({exc.strerror}); pass --plan FILE") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: invalid TOML: {exc}") from exc
    if unknown := sorted(set(data) - {"plan", "run"}):
        raise PlanError(f"{path}: unknown table(s) {unknown}; valid: ['plan', 'run']")
    settings, tables = data.get("plan", {}), data.get("run", [])
    if set(settings) - {"notebooks", "actors"} or not isinstance(settings.get("notebooks", ""), str):
        raise PlanError(f'{path}: [plan] holds only notebooks = "<glob>", e.g. "{DEFAULT_PATTERN}", '
                        'and actors = ["China", ...]')
    family = settings.get("actors", [])
    if not isinstance(family, list) or not all(isinstance(a, str) and a.strip() for a in family):
        raise PlanError(f'{path}: [plan] actors must be a list of actor names, e.g. '
                        '["China", "North Korea", "Japan"]')
    family = tuple(dict.fromkeys(a.strip() for a in family))
    if not isinstance(tables, list):
        raise PlanError(f"{path}: write each run as a [[run]] table (double brackets)")
    pattern = settings.get("notebooks", DEFAULT_PATTERN)
    explicit: dict[Path, list[Run]] = {}
    for i, table in enumerate(tables, 1):
        where = f"{path}: [[run]] #{i}"
        if unknown := sorted(set(table) - {"notebook", "name", "parameters"}):
            raise PlanError(f"{where}: unknown key(s) {unknown}; valid: notebook, name, parameters")
        if not isinstance(table.get("notebook"), str):
            raise PlanError(f'{where}: needs notebook = "<file>.ipynb"')
        params = table.get("parameters", {})
        if not isinstance(params, dict):
            raise PlanError(f"{where}: parameters must be a table, e.g. {{ actor = \"Japan\" }}")
        notebook = (path.parent / table["notebook"]).resolve()
        name = table.get("name") or "-".join([notebook.stem, *map(_slug, params.values())])
        if not _NAME.fullmatch(name):
            raise PlanError(f"{where}: name {name!r} must be letters, digits, '.', '_' or '-'")
        explicit.setdefault(notebook, []).append(Run(name, notebook, params, family))
    found = {p.resolve() for p in path.parent.glob(pattern) if p.is_file()}
    runs = [r for nb in sorted(found | set(explicit))
            for r in explicit.get(nb, [Run(nb.stem, nb, {}, family)])]
    names = [r.name for r in runs]
    if dupes := sorted({n for n in names if names.count(n) > 1}):
        raise PlanError(f"{path}: duplicate run name(s) {dupes}; give each [[run]] a unique name")
    return runs


def plan_family(path: str | Path | None = None) -> list[str]:
    """The plan's actor list (``[plan] actors``), as written; [] when the plan has none or
    there is no plan. ``path`` defaults to ``notebooks/plan.toml`` under the project root."""
    if path is None:
        from analysis.config import project_root

        path = project_root() / "notebooks" / "plan.toml"
    if not Path(path).is_file():
        return []
    runs = load_plan(path)
    return list(runs[0].family) if runs else _family_only(Path(path))


def _family_only(path: Path) -> list[str]:
    """``[plan] actors`` of a plan that names no notebook (already validated by load_plan)."""
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get("plan", {}).get("actors", []))


def notebook_parameters(path: str | Path) -> dict[str, Any]:
    """Names and default values assigned in a notebook's cell tagged ``parameters``.

    Values that are not literals are given as None. A notebook without such a cell declares none.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            declared: dict[str, Any] = {}
            for node in ast.parse(source).body:
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                for target in targets:
                    if isinstance(target, ast.Name) and node.value is not None:
                        try:
                            declared[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            declared[target.id] = None
            return declared
    return {}


def select(runs: list[Run], only: str | Iterable[str] | None) -> list[Run]:
    if not only:
        return runs
    patterns = [only] if isinstance(only, str) else list(only)
    for pat in patterns:
        if not any(fnmatch.fnmatchcase(n, pat) for r in runs for n in (r.name, r.notebook.stem)):
            raise PlanError(f"--only {pat!r} matches no run; runs: {[r.name for r in runs]}")
    return [
        r
        for r in runs
        if any(fnmatch.fnmatchcase(n, p) for p in patterns for n in (r.name, r.notebook.stem))
    ]
