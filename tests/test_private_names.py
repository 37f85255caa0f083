"""No private name of one lessonlib module is used by another.

A helper shared by several modules gets a public name, in a private module when it is
not part of the book's API (``lessonlib._validation``, ``_scaling``, ``_centring``,
``figures._common``). The test reads the source with ``ast``: ``from lessonlib.x import
_name`` and ``x._name`` (``x`` a lessonlib module imported here) both count.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONLIB = ROOT / "lessonlib"


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def crossings(source: str, module: str) -> list[str]:
    """``module: what`` for every private name of another lessonlib module used here."""
    tree = ast.parse(source)
    aliases: dict[str, str] = {}  # local name -> lessonlib module it stands for
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("lessonlib.") and a.asname:
                    aliases[a.asname] = a.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lessonlib"):
            for a in node.names:
                source_module = f"{node.module}.{a.name}"
                aliases[a.asname or a.name] = source_module  # maybe a submodule
                if is_private(a.name) and node.module != module:
                    found.append(f"{module}: from {node.module} import {a.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and is_private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and aliases[node.value.id] != module
        ):
            found.append(f"{module}: {node.value.id}.{node.attr}")
    return found


def test_no_private_name_crosses_modules() -> None:
    files = sorted(LESSONLIB.rglob("*.py"))
    assert len(files) > 10
    found = []
    for f in files:
        module = ".".join(f.relative_to(ROOT).with_suffix("").parts)
        found += crossings(f.read_text(encoding="utf-8"), module)
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_the_check_sees_both_forms_and_allows_public_names_of_private_modules() -> None:
    assert crossings("from lessonlib.solvers import _center\n", "lessonlib.path") == [
        "lessonlib.path: from lessonlib.solvers import _center"
    ]
    assert crossings(
        "from lessonlib import geometry\ngeometry._l1_batch(1)\n",
        "lessonlib.display.figures.corners",
    ) == ["lessonlib.display.figures.corners: geometry._l1_batch"]
    assert crossings("import lessonlib.solvers as s\ns._means(1)\n", "lessonlib.path") == [
        "lessonlib.path: s._means"
    ]
    assert crossings("from lessonlib._validation import check_Xy\n", "lessonlib.path") == []
    assert crossings("from lessonlib._centring import center\n", "lessonlib.path") == []
    assert crossings("x = obj._private\n", "lessonlib.path") == []  # not a module
