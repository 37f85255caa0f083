"""The reader's path on the oldest and the newest Python the book supports.

`make pythons` runs this (it is not part of `make test`: each version installs the
reader's packages afresh, a few minutes): for each Python it finds (``PYTHONS``, default
``python3.10`` and ``python3.13``, or pyenv's), a virtual environment with
requirements.txt alone, as Binder or ``make lab`` makes it, then the first chapter's
reader notebook run top to bottom in it. A Python that is not on the machine is a failure
that says which, not a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from booktools.env import kernel_env
from toc import ROOT

pytestmark = pytest.mark.pythons

VERSIONS = os.environ.get("PYTHONS", "3.10 3.13").split()


def find_python(version: str) -> str:
    candidates = [shutil.which(f"python{version}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += sorted(str(p / "bin" / "python") for p in pyenv.glob(f"{version}.*"))
    found = next((c for c in candidates if c and Path(c).exists()), None)
    if found is None:
        pytest.fail(f"no Python {version} on this machine (PATH or pyenv)", pytrace=False)
    return found


@pytest.mark.parametrize("version", VERSIONS)
def test_the_first_chapter_runs_on(version, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([find_python(version), "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", "requirements.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    notebook = tmp_path / "regularization.ipynb"
    shutil.copyfile(ROOT / "notebooks" / "regularization.ipynb", notebook)
    run = subprocess.run(
        [str(venv / "bin" / "jupyter-execute"), "--inplace", str(notebook)],
        cwd=tmp_path, capture_output=True, text=True, timeout=1800,
        env={**os.environ, **kernel_env(venv)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert '"output_type": "error"' not in notebook.read_text()
