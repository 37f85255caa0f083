"""``import lessonlib`` (and its light modules) must stay as cheap as NumPy."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("sympy", "sklearn", "matplotlib", "scipy", "pandas")


@pytest.mark.parametrize(
    "statement",
    ["import lessonlib", "import lessonlib.simple", "import lessonlib.data"],
)
def test_import_pulls_in_no_heavy_library(statement):
    code = (
        f"{statement}\n"
        "import sys\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_check_can_fail():
    # the same check notices a heavy import, so the test above is not vacuous
    code = "import lessonlib, sympy, sys; assert 'sympy' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
