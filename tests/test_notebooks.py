"""Every chapter re-executed in the reader's environment, under several arithmetics, by nbval.

One execution serves two checks. The kernel is the reader's environment (`make reader`:
a virtual environment made from requirements.txt alone, what Binder installs), so a chapter
that imports a package only the build tools bring in fails; and nbval compares every fresh
output with the stored one, so a changed number fails too.

`make artefacts` (booktools/artefacts.py) runs nbval over all chapters once per arithmetic
of booktools/arithmetic.py and records each run; this module reads the records. A failure
names the arithmetic, the notebook and the cell, and says how to repeat it.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from booktools.arithmetic import Variant, selected_variants
from booktools.artefacts import load
from reader import reader_python, require_reader

pytestmark = pytest.mark.notebooks


def _variants() -> list[Variant]:
    python = reader_python()
    return selected_variants(str(python) if python.exists() else sys.executable)


def test_reader_environment_has_no_build_tools():
    """Binder installs requirements.txt only: the chapters must not need the build tools."""
    python = require_reader()
    for tool in ("jupyter_book", "nbval", "pytest"):
        probe = subprocess.run([str(python), "-c", f"import {tool}"], capture_output=True)
        assert probe.returncode != 0, f"{tool} should not be in the reader's environment"
    probe = subprocess.run(
        [str(python), "-c", "import lessonlib, myst_nb"], capture_output=True, text=True
    )
    assert probe.returncode == 0, probe.stderr


@pytest.mark.parametrize("variant", _variants(), ids=lambda v: v.name)
def test_stored_outputs_hold(variant):
    run = load(f"nbval-{variant.name}")
    if run is None:
        pytest.fail(
            f"nbval did not run under {variant.name}: run `make artefacts` first", pytrace=False
        )
    summary = run["stdout"].strip().splitlines()[-1:] or ["(no output)"]
    print(f"{variant.name}: {summary[0]}")
    if run["returncode"] != 0:
        failed = re.findall(r"^FAILED (\S+::Cell \d+)", run["stdout"], flags=re.MULTILINE)
        again = f"WHY_LASSO_VARIANTS={variant.name} .venv/bin/python -m booktools.artefacts nbval"
        pytest.fail(
            f"stored outputs changed under the {variant.name} arithmetic ({variant.describe()}) "
            f"in {failed or 'no cell (see the log)'}.\nRepeat with: {again}\n"
            "CONTRIBUTING.md, 'Outputs that hold on every machine', says how to fix such a cell.\n"
            + run["stdout"][-8000:]
            + run["stderr"][-2000:],
            pytrace=False,
        )
    assert re.search(r"\d+ passed", summary[0]), summary
