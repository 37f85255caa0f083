"""The hand-listed mutants of ``booktools/mutation.py`` still apply to the code.

A refactor that rewrites a mutated snippet would otherwise leave a mutant that the
script refuses to run, found only when a maintainer next runs the (slow) check.
"""

from __future__ import annotations

import pytest

from booktools.mutation import MUTANTS
from toc import ROOT


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_snippet_occurs_once(mutant) -> None:
    text = (ROOT / mutant.file).read_text()
    assert text.count(mutant.original) == 1, (
        f"{mutant.name}: update its snippet in booktools/mutation.py"
    )
    assert mutant.mutated != mutant.original


def test_every_mutant_has_its_own_name() -> None:
    names = [m.name for m in MUTANTS]
    assert len(names) == len(set(names))
    assert len(MUTANTS) >= 45  # issue 26: the survivors and one per display module at least


def test_every_display_module_has_a_mutant() -> None:
    """What the reader looks at is tested by what it draws: each module of
    lessonlib/display plants at least one bug in a drawn value or a label."""
    planted = {m.file for m in MUTANTS}
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "lessonlib" / "display").rglob("*.py")
        if path.name != "__init__.py"
    }
    assert not modules - planted, sorted(modules - planted)
