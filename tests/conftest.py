"""Fixtures for tests/: the book builds, and tests/book.py importable (see ../conftest.py too)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
