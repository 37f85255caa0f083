"""No function in lessonlib is longer than 60 lines (its docstring aside).

A long function is split into named steps (see ``lessonlib.path._homotopy``). The body is
counted from its first statement after the docstring to its last line, comments and blank
lines included, nested functions included in their parent.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LESSONLIB = Path(__file__).resolve().parent.parent / "lessonlib"
MAX_LINES = 60
# "module:function" -> why it cannot be split. Keep this empty if at all possible.
ALLOWED: dict[str, str] = {}


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]  # the docstring
    if not body:
        return 0
    assert node.end_lineno is not None
    return node.end_lineno - body[0].lineno + 1


def long_functions(source: str, module: str) -> dict[str, int]:
    out = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = body_lines(node)
            if n > MAX_LINES and f"{module}:{node.name}" not in ALLOWED:
                out[f"{module}:{node.name}"] = n
    return out


def test_no_function_in_lessonlib_is_over_60_lines() -> None:
    files = sorted(LESSONLIB.rglob("*.py"))
    assert len(files) > 10
    too_long: dict[str, int] = {}
    for f in files:
        module = ".".join(f.relative_to(LESSONLIB.parent).with_suffix("").parts)
        too_long |= long_functions(f.read_text(encoding="utf-8"), module)
    assert not too_long, f"functions over {MAX_LINES} lines: {too_long}"


def test_the_counter_sees_a_long_body_and_skips_the_docstring() -> None:
    doc = '    """' + "doc\n" * 100 + '    """\n'
    short = "def f():\n" + doc + "    return 1\n"
    long = "def g():\n" + doc + "    x = 0\n" * 61
    assert long_functions(short, "m") == {}
    assert long_functions(long, "m") == {"m:g": 61}
    nested = "class C:\n    def h(self):\n" + "        y = 1\n" * 70
    assert long_functions(nested, "m") == {"m:h": 70}


@pytest.mark.parametrize("key", sorted(ALLOWED))
def test_allowlist_is_still_needed(key: str) -> None:
    module, name = key.split(":")
    path = LESSONLIB.parent.joinpath(*module.split(".")).with_suffix(".py")
    nodes = [
        n
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
    ]
    assert nodes and max(map(body_lines, nodes)) > MAX_LINES, f"{key}: drop it from ALLOWED"
