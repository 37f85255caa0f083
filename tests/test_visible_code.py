"""The code a reader sees teaches; the plumbing that publishes the book stays out of sight.

A chapter's code cells are of three kinds, by their tags:

* shown (no tag, or ``hide-input``, whose code is one click away): teaching code, which
  the website, the PDF and the reader notebooks show;
* ``remove-input``: the code is hidden, its output shown (a chart's wiring); the reader
  notebooks fold it away;
* ``remove-cell``: run and compared by nbval, shown nowhere: ``glue`` calls and the checks
  that keep the prose honest.

This test reads the stored chapters (fast, in ``make check``) and fails on a shown cell
that glues, asserts, imports myst_nb or carries a comment about the build, and on prose
that talks about the hidden checks.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from toc import ROOT, chapter_notebooks

NOTEBOOKS = chapter_notebooks()
IDS = [p.stem for p in NOTEBOOKS]

HIDDEN = {"remove-cell", "remove-input"}

# Words a comment in a shown cell may not use: they speak of the build, not of the maths.
PLUMBING_COMMENT = re.compile(
    r"#.*\b(tests?/|test_\w+|nbval|glue|stored output|not compared|flush|the build|"
    r"sphinx|myst)",
    re.IGNORECASE,
)


def shown_code_cells(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if HIDDEN & set(cell.metadata.get("tags", [])):
            continue
        yield cell


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_shown_code_has_no_glue_or_bare_assert(path):
    problems = []
    for cell in shown_code_cells(path):
        for number, line in enumerate(cell.source.splitlines(), 1):
            where = f"cell {cell.get('id')} line {number}: {line.strip()}"
            if (
                "glue(" in line
                or "myst_nb" in line
                or re.match(r"\s*assert\b", line)
                or PLUMBING_COMMENT.search(line)
            ):
                problems.append(where)
    assert not problems, (
        "shown code cells hold build plumbing; move it to a cell tagged remove-cell "
        "(or into tests/):\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_prose_does_not_speak_of_hidden_checks(path):
    nb = nbformat.read(path, as_version=4)
    found = [
        f"cell {c.get('id')}: ...{m.group(0)}..."
        for c in nb.cells
        if c.cell_type == "markdown"
        for m in re.finditer(
            r".{0,40}(\bassert(ion)?s?\b|\bthe tests\b|\btest (file|suite)\b).{0,40}", c.source
        )
    ]
    assert not found, "the prose names checks the reader cannot see:\n" + "\n".join(found)


def _bound_names(tree: ast.AST) -> set[str]:
    """The names a cell binds: assignments, loop targets, imports, functions, classes."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_shown_cells_never_read_what_a_hidden_cell_bound(path):
    """A reader notebook leaves the hidden checks out, so what a shown cell reads must come
    from shown cells: a hidden cell that binds a name (anew, or over a shown cell's value)
    which a later shown cell reads would make the notebook fail or compute otherwise."""
    nb = nbformat.read(path, as_version=4)
    last_bound_hidden: dict[str, str] = {}  # name -> the hidden cell that bound it last
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        tree = ast.parse(source)
        bound = _bound_names(tree)
        if "remove-cell" in cell.metadata.get("tags", []):
            last_bound_hidden.update(dict.fromkeys(bound, cell.get("id")))
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Name)
                and isinstance(node.ctx, ast.Load)
                and node.id in last_bound_hidden
                and node.id not in bound
            ):
                problems.append(
                    f"cell {cell.get('id')} reads {node.id!r}, last bound by hidden cell "
                    f"{last_bound_hidden[node.id]}"
                )
        for name in bound:
            last_bound_hidden.pop(name, None)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_rule_is_checked_on_real_chapters():
    assert len(NOTEBOOKS) >= 13, [p.name for p in NOTEBOOKS]
    assert str(NOTEBOOKS[0]).startswith(str(ROOT))
