"""A chapter's cells, read and run outside a kernel: for tests that check what a cell
computes (the explorers' cells, which nbval does not compare)."""

from __future__ import annotations

import ast

import nbformat

from toc import BOOK


def notebook(chapter: str) -> nbformat.NotebookNode:
    """The chapter's notebook, e.g. ``notebook("lasso")``."""
    return nbformat.read(BOOK / f"{chapter}.ipynb", as_version=4)


def cell(chapter: str, cell_id: str) -> nbformat.NotebookNode:
    """The chapter's cell with id ``cell_id``."""
    return next(c for c in notebook(chapter).cells if c.get("id") == cell_id)


def chapter_lines(chapter: str, *prefixes: str) -> str:
    """The chapter's own code lines that start with ``prefixes``, one each, in that order."""
    code = [
        line
        for c in notebook(chapter).cells
        if c.cell_type == "code"
        for line in c.source.splitlines()
    ]
    found = []
    for prefix in prefixes:
        matches = [line for line in code if line.startswith(prefix)]
        assert len(matches) == 1, f"{chapter}: expected one line starting {prefix!r}: {matches}"
        found.append(matches[0])
    return "\n".join(found)


def run(source: str, namespace: dict, name: str):
    """Execute a cell's source like a kernel: return the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), namespace)
    if last is not None:
        return eval(compile(ast.Expression(last.value), name, "eval"), namespace)
    return None
