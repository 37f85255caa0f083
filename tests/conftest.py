"""Fixtures for tests/: the book builds, tools the slow suites need, and tests/ importable.

See ../conftest.py too. `make test` runs two pytest-xdist workers; :func:`build_once` makes
each book build happen once per run whichever workers need it.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
CHROMIUM = Path("/usr/bin/chromium")

# Marker -> (what it needs, whether that is here). scripts/debian-packages.txt names the
# packages; `make test` installs them as root and otherwise says in one line what is missing.
NEEDS = {
    "pdf": ("TeX (xelatex)", lambda: shutil.which("xelatex") is not None),
    "browser": ("Debian's chromium", lambda: CHROMIUM.exists()),
}


# The longest test files first, the one that starts the book builds before all, so that the
# two workers share the slow work from the start: units of work go out in collection order
# (see the scheduler in ../conftest.py).
SLOW_FIRST = ("test_html_build.py", "test_notebooks.py", "test_browser.py", "test_pdf_build.py")


def _slow_first(item) -> int:
    name = item.path.name
    return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_slow_first)  # stable: the order within each file is kept
    for item in items:
        for marker, (what, present) in NEEDS.items():
            if item.get_closest_marker(marker) and not present():
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"{what} is not installed "
                        "(scripts/install-debian.sh, run by `make test`)"
                    )
                )


def _jupyter_book(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the venv's jupyter-book on the repository, capturing its output."""
    exe = Path(sys.executable).with_name("jupyter-book")
    return subprocess.run(
        [str(exe), "build", *args, str(ROOT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def build_once(name: str, build) -> subprocess.CompletedProcess:
    """Run ``build`` once per test run, however many pytest-xdist workers ask for it.

    The first worker to ask builds while holding a lock on _build/ and records the result;
    the others wait for the lock and read the record. The same lock keeps the HTML and the
    LaTeX builds, which share _build/.doctrees, from running at the same time.
    """
    BUILD.mkdir(exist_ok=True)
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"pid{os.getpid()}")
    record = BUILD / f".{name}-{run_id}.json"
    with open(BUILD / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not record.exists():
                for old in BUILD.glob(f".{name}-*.json"):
                    old.unlink()
                done = build()
                record.write_text(
                    json.dumps([done.args, done.returncode, done.stdout, done.stderr])
                )
            args, code, out, err = json.loads(record.read_text())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return subprocess.CompletedProcess(args, code, out, err)


def _build_html() -> subprocess.CompletedProcess:
    shutil.rmtree(BUILD / "html", ignore_errors=True)
    shutil.rmtree(BUILD / ".doctrees", ignore_errors=True)
    return _jupyter_book("-W", "-n", "--keep-going")


# `make pdf` compiles a PDF of every chapter besides the book's (about a minute more on two
# cores); the tests compile the book's and this chapter's, side by side (seconds more).
CHAPTER_PDF = "kkt"


def _build_pdf() -> subprocess.CompletedProcess:
    shutil.rmtree(BUILD / "latex", ignore_errors=True)
    env = {
        **os.environ,
        "MAKE": str(ROOT / "scripts" / "latex-make.sh"),
        "PDF_TARGETS": f"book.pdf {CHAPTER_PDF}.pdf",
    }
    return _jupyter_book(
        "-W", "-n", "--keep-going", "--builder", "pdflatex", "--individualpages", env=env
    )


@pytest.fixture(scope="session")
def html_build() -> subprocess.CompletedProcess:
    """Build the site from scratch once per run, as `make site` does: the PDF first (when
    TeX is here), which the HTML build then publishes, then the HTML."""
    if NEEDS["pdf"][1]():
        build_once("pdf", _build_pdf)
    return build_once("html", _build_html)


@pytest.fixture(scope="session")
def pdf_build() -> subprocess.CompletedProcess:
    """Build the PDF once per run as `make pdf` does, with one chapter's PDF of all."""
    return build_once("pdf", _build_pdf)


# The book's PDF; the tests of the PDF (test_pdf_*.py, test_chapter_pdfs.py) take it from
# the fixture `pdf`, which fails when the build did.
PDF = BUILD / "latex" / "book.pdf"


@pytest.fixture(scope="module")
def pdf(pdf_build):
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
