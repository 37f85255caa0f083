"""Shared test set-up: make tests/book.py importable and draw figures off-screen."""

import sys
from pathlib import Path

# Tests draw off-screen. Set in this process only: the notebooks' kernels (nbval) keep their inline backend.
import matplotlib  # noqa: E402

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shutil
import subprocess

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _jupyter_book(*args: str) -> subprocess.CompletedProcess:
    """Run the venv's jupyter-book on the repository, capturing its output."""
    exe = Path(sys.executable).with_name("jupyter-book")
    return subprocess.run([str(exe), "build", *args, str(ROOT)], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def html_build() -> subprocess.CompletedProcess:
    """Build the HTML book from scratch once per session, exactly as `make book` does."""
    shutil.rmtree(ROOT / "_build" / "html", ignore_errors=True)
    shutil.rmtree(ROOT / "_build" / ".doctrees", ignore_errors=True)
    return _jupyter_book("-W", "-n", "--keep-going")


@pytest.fixture(scope="session")
def pdf_build() -> subprocess.CompletedProcess:
    """Build the PDF once per session, exactly as `make pdf` does."""
    shutil.rmtree(ROOT / "_build" / "latex", ignore_errors=True)
    return _jupyter_book("-W", "-n", "--keep-going", "--builder", "pdflatex")
