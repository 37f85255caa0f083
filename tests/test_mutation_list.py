"""The hand-listed mutants of ``benchmarks/mutation_check.py`` still apply to the code.

A refactor that rewrites a mutated snippet would otherwise leave a mutant that the
script refuses to run, found only when a maintainer next runs the (slow) check.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "mutation_check", ROOT / "benchmarks" / "mutation_check.py"
)
mutation_check = importlib.util.module_from_spec(_spec)
sys.modules["mutation_check"] = mutation_check  # dataclasses look their module up
_spec.loader.exec_module(mutation_check)
MUTANTS = mutation_check.FIXES + mutation_check.NEW


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_snippet_occurs_once(mutant) -> None:
    text = (ROOT / mutant.file).read_text()
    assert text.count(mutant.original) == 1, (
        f"{mutant.name}: update its snippet in benchmarks/mutation_check.py"
    )
    assert mutant.mutated != mutant.original
