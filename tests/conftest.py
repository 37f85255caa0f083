"""Fixtures for tests/: the built book the slow tests read, and what they need installed.

See ../conftest.py too. The book is built before the tests run, once, by
``make artefacts`` (booktools/artefacts.py, which ``make test`` runs); the fixtures here
read what it recorded, and never build. Run on its own, a slow test says which make target
to run first.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from booktools.artefacts import PDF, load
from booktools.env import ROOT

CHROMIUM = Path("/usr/bin/chromium")

# Marker -> (what it needs, whether that is here). scripts/debian-packages.txt names the
# packages; `make test` installs them as root and otherwise says in one line what is missing.
NEEDS = {
    "pdf": ("TeX (xelatex)", lambda: shutil.which("xelatex") is not None),
    "browser": ("Debian's chromium", lambda: CHROMIUM.exists()),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for marker, (what, present) in NEEDS.items():
            if item.get_closest_marker(marker) and not present():
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"{what} is not installed "
                        "(scripts/install-debian.sh, run by `make test`)"
                    )
                )


def recorded(name: str) -> subprocess.CompletedProcess:
    """How the build ``name`` went, as `make artefacts` recorded it."""
    done = load(name)
    if done is None:
        pytest.fail(f"the book is not built ({name}): run `make artefacts` first", pytrace=False)
    return subprocess.CompletedProcess(
        done["args"], done["returncode"], done["stdout"], done["stderr"]
    )


@pytest.fixture(scope="session")
def html_build() -> subprocess.CompletedProcess:
    """The site as `make site` builds it: the PDFs (when TeX is here), then the HTML."""
    return recorded("html")


@pytest.fixture(scope="session")
def pdf_build() -> subprocess.CompletedProcess:
    """The PDF as `make pdf` builds it, with one chapter's PDF of all (CHAPTER_PDF)."""
    return recorded("pdf")


@pytest.fixture(scope="module")
def site(html_build):
    """The built site served on 127.0.0.1 (tests/test_pages.py, tests/test_browser.py)."""
    from chromium import served

    assert html_build.returncode == 0, (html_build.stdout + html_build.stderr)[-3000:]
    with served(ROOT / "_build" / "html") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for a test file (tests/chromium.py)."""
    from chromium import launched

    with launched() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pdf(pdf_build):
    """The book's PDF (booktools.artefacts.PDF), once its build is known to have worked."""
    if shutil.which("xelatex") is None:
        pytest.fail(
            "xelatex is missing: run `make test` (it installs TeX) or scripts/install-debian.sh tex"
        )
    log = pdf_build.stdout + pdf_build.stderr
    assert pdf_build.returncode == 0, log[-5000:]
    assert PDF.exists(), "the PDF build produced no _build/latex/book.pdf"
    return PDF


# Hypothesis profiles (CONTRIBUTING.md, "Property tests"). `ci`, the default, draws the same
# examples on every run (derandomize) and stores nothing, so a failure is a failure of the
# code, never of the draw; print_blob prints what reproduces a failing example.
# HYPOTHESIS_PROFILE=long searches far longer, with new random examples each run.
settings.register_profile("ci", max_examples=200, derandomize=True, database=None, print_blob=True)
settings.register_profile(
    "long", max_examples=2000, derandomize=False, database=None, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
