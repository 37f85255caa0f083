"""What a reader gets on Binder: a fresh environment from requirements.txt alone runs every chapter.

Binder (repo2docker) installs requirements.txt into a new environment and opens the
notebooks. Here a new virtual environment gets requirements.txt plus only nbclient (a
notebook executor), and every chapter runs top to bottom in it. This catches a chapter
importing a package that only the build tools happen to bring in.
"""

from __future__ import annotations

import os
import subprocess
import venv

import pytest

from book import ROOT, chapter_notebooks

pytestmark = pytest.mark.binder

RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
failed = []
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
        print("ran", path)
    except Exception as exc:
        failed.append(path)
        print("FAILED", path, type(exc).__name__, str(exc)[-2000:])
sys.exit(1 if failed else 0)
"""


@pytest.fixture(scope="module")
def binder_env(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("binder") / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    env = {**os.environ, "MPLCONFIGDIR": str(env_dir / "mplconfig")}  # own font cache (conftest.py)
    pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # -e . in requirements.txt is resolved against the working directory, as on Binder.
    done = subprocess.run([*pip, "-r", "requirements.txt", "nbclient"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return py, env


def test_environment_has_no_build_tools(binder_env):
    py, env = binder_env
    for tool in ("jupyter_book", "nbval", "pytest"):
        probe = subprocess.run([str(py), "-c", f"import {tool}"], capture_output=True, env=env)
        assert probe.returncode != 0, f"{tool} should not be in the reader's environment"


def test_every_chapter_runs_in_the_binder_environment(binder_env):
    py, env = binder_env
    notebooks = [str(p) for p in chapter_notebooks()]
    assert notebooks
    run = subprocess.run([str(py), "-c", RUNNER, *notebooks], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=3600)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-3000:]
