"""Fixtures for tests/: the book builds, tools the slow suites need, and tests/ importable.

See ../conftest.py too. Under pytest-xdist (`make test` runs two workers), everything that
reads the built site or PDF runs on one worker, so each is built once per run.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")

# Marker -> (what it needs, whether that is here). scripts/debian-packages.txt names the
# packages; `make test` installs them as root and otherwise says in one line what is missing.
NEEDS = {
    "pdf": ("TeX (xelatex)", lambda: shutil.which("xelatex") is not None),
    "browser": ("Debian's chromium", lambda: CHROMIUM.exists()),
}
# Tests that build or read _build/ share one worker: jupyter-book's HTML and LaTeX builds
# share _build/.doctrees and must not run at the same time.
SITE_MARKERS = ("build", "pdf", "browser")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups from the markers
def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker, (what, present) in NEEDS.items():
            if item.get_closest_marker(marker) and not present():
                item.add_marker(pytest.mark.skip(reason=f"{what} is not installed "
                                                 "(scripts/install-debian.sh, run by `make test`)"))
        if any(item.get_closest_marker(m) for m in SITE_MARKERS):
            item.add_marker(pytest.mark.xdist_group("site"))


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
