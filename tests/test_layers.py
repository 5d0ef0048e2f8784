"""The import rules of architecture.md, checked on the package's source.

Imports point down the layers: a module may import modules of its own layer
or of layers below it, never above. Nothing imports the command line; only
the loader imports yaml; only the renderers import rich. Imports inside
`if TYPE_CHECKING:` are for type checkers only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "claimtrack"

# Lowest first. A new module must be placed here: the test fails for a module it does not know.
LAYERS: list[set[str]] = [
    {"errors", "codes", "textsafe"},
    {"model"},
    {"schema", "fuzzy", "scales", "userdates"},
    {"loader", "writer", "fsutil", "sqltables", "locate", "skim"},
    {"store"},
    {"index", "parse_pool"},
    {"graph"},
    {"checks"},
    {"index_delta"},
    {"pipeline"},
    {"query", "reports", "naming"},
    {"search", "quotes", "dupes", "capture", "scorecard", "timeline"},
    {"edits", "transaction", "authoring"},
    {"export"},
    {"render"},
    {"cli"},
]


def layer_of(module: str) -> int:
    """`export.json` and `capture_dates` belong with `export` and `capture`; `render_fuzzy` with render."""
    top = module.split(".")[0]
    for name in (top, top.split("_")[0]):  # a module named in the table is placed by its own name
        for n, names in enumerate(LAYERS):
            if name in names:
                return n
    raise AssertionError(f"module {module!r} has no layer in tests/test_layers.py: place it")


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        if parts and parts != ["__main__"]:
            found.append((".".join(parts), path))
    return found


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports(module: str, path: Path) -> list[tuple[str, int]]:
    """(imported name, line): package modules without the 'claimtrack.' prefix, others as written."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = module.split(".")[:-1] if not path.name == "__init__.py" else module.split(".")
    found = []
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append((alias.name.removeprefix("claimtrack."), node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                name = ".".join([*base, node.module] if node.module else base)
                if not node.module:  # `from . import codes`
                    found += [(".".join([*base, a.name]).lstrip("."), node.lineno) for a in node.names]
                    continue
                found.append((name.lstrip("."), node.lineno))
            elif node.module:
                found.append((node.module.removeprefix("claimtrack."), node.lineno))
    return found


def own(name: str) -> bool:
    try:
        layer_of(name)
    except AssertionError:
        return False
    return True


ALL = modules()


@pytest.mark.parametrize("module,path", ALL, ids=[m for m, _ in ALL])
def test_imports_point_down(module, path):
    mine = layer_of(module)
    for name, line in imports(module, path):
        if name.split(".")[0] in ("yaml",):
            assert module == "loader", f"{module}:{line} imports yaml: only the loader parses YAML"
        if name.split(".")[0] == "rich":
            assert module.startswith("render"), f"{module}:{line} imports rich: only render*.py may"
        if (
            name == ""
            or not (PACKAGE / (name.split(".")[0] + ".py")).exists()
            and not (PACKAGE / name.split(".")[0]).is_dir()
        ):
            continue
        if name.split(".")[0] == "cli":
            assert module.startswith("cli"), f"{module}:{line} imports the command line"
        assert layer_of(name) <= mine, f"{module}:{line} imports {name}, a layer above it"


def test_the_walk_sees_the_imports():
    """The walk must find what is there, or the test above passes on nothing."""
    found = dict(ALL)
    names = {n for n, _ in imports("pipeline", found["pipeline"])}
    assert {"checks", "errors", "store", "gc"} <= names
    assert "claimtrack" not in names
    cli_names = {n for n, _ in imports("cli", found["cli"])}
    assert "cli.read" in cli_names and "" not in cli_names
    assert layer_of("render_fuzzy") == layer_of("render") > layer_of("export.json") > layer_of("query")
