"""Dependencies point inward only: each layer imports its own or lower layers.

core (tocsin.config, tocsin.plugins, tocsin.reference) < sources < store
< analysis, intake < alerts < reports < web < cli
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tocsin"

LAYERS: dict[str, int] = {
    "config": 0,
    "plugins": 0,
    "reference": 0,
    "sources": 1,
    "store": 2,
    "analysis": 3,
    "intake": 3,
    "alerts": 4,
    "reports": 5,
    "web": 6,
    "cli": 7,
    "__main__": 7,
    "__init__": 0,
}


def _layer_of(module_parts: list[str]) -> int:
    top = module_parts[0] if module_parts else "__init__"
    if top not in LAYERS:
        raise AssertionError(f"tocsin.{top} is not assigned a layer in tests/test_layers.py")
    return LAYERS[top]


def _imported_tocsin_modules(tree: ast.AST) -> list[list[str]]:
    found: list[list[str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [name.split(".")[1:] for name in names if name.split(".")[0] == "tocsin"]
    return found


def test_every_import_points_inward() -> None:
    violations = []
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        own = _layer_of(parts)
        for target in _imported_tocsin_modules(ast.parse(path.read_text(), str(path))):
            if target and _layer_of(target) > own:
                violations.append(f"{'/'.join(parts)}.py imports tocsin.{'.'.join(target)}")
    assert not violations, "outward imports:\n" + "\n".join(sorted(violations))


def test_checker_catches_an_outward_import() -> None:
    tree = ast.parse("from tocsin.web.app import create_app\nimport tocsin.cli.main")
    targets = _imported_tocsin_modules(tree)
    assert [_layer_of(t) for t in targets] == [LAYERS["web"], LAYERS["cli"]]
    assert _layer_of(["store", "db"]) < _layer_of(targets[0])
