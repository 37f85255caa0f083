"""Build what the slow tests read, each build once, and record how it went.

Usage (``make artefacts`` runs ``site`` beside ``nbval readers``)::

    python -m booktools.artefacts site     # the PDFs the tests read, then the HTML site
    python -m booktools.artefacts nbval    # every chapter under nbval, per arithmetic
    python -m booktools.artefacts readers  # every reader notebook run, natively

``site`` builds as ``make site`` does, from scratch: the book's PDF and one chapter's
(:data:`CHAPTER_PDF`; ``make pdf`` compiles every chapter's), then the HTML site, which
publishes them. ``nbval`` re-executes every chapter in the reader's environment (``make
reader``) and compares every stored output, once per arithmetic of
:mod:`booktools.arithmetic` (``WHY_LASSO_VARIANTS`` chooses). ``readers`` runs every reader
notebook (``notebooks/``, the full edition) top to bottom in a kernel of the reader's
environment, on this machine's own arithmetic, and keeps each run in
``_build/artefacts/readers/`` (tests/test_reader_notebooks.py compares what it printed
with the chapter's stored outputs). Each run's command, exit status and output go to
``_build/artefacts/<name>.json``; the tests read those records (tests/conftest.py's
``html_build``, ``pdf_build``; tests/test_notebooks.py) and the built files, and never
build them again. The exit status is 0 whatever the builds did: the tests are what fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from booktools.arithmetic import selected_variants
from booktools.env import ROOT, kernel_env, toc_notebooks

BUILD = ROOT / "_build"
RECORDS = BUILD / "artefacts"
CHAPTER_PDF = "kkt"  # the chapter whose own PDF the tests compile beside the book's
PDF = BUILD / "latex" / "book.pdf"  # the book's
READER = ROOT / ".venv-reader"
READER_RUNS = RECORDS / "readers"  # the reader notebooks as run_readers ran them
KERNEL_NAME = "why-lasso-reader"  # the kernelspec `make reader` installs into READER


def record(name: str, args: list[str], env: dict[str, str] | None = None) -> dict:
    """Run ``args`` from the repository's root and write what happened to ``<name>.json``."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    return write_record(name, args, done.returncode, done.stdout, done.stderr)


def write_record(name: str, args: list[str], returncode: int, stdout: str, stderr: str) -> dict:
    """Write how the build ``name`` went to ``<name>.json`` (what :func:`load` reads)."""
    result = {"args": args, "returncode": returncode, "stdout": stdout, "stderr": stderr}
    RECORDS.mkdir(parents=True, exist_ok=True)
    (RECORDS / f"{name}.json").write_text(json.dumps(result), encoding="utf-8")
    print(f"{name}: exit status {returncode}")
    return result


def load(name: str) -> dict | None:
    """The record of an artefact's build, or None when it was not built."""
    path = RECORDS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def jupyter_book(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("jupyter-book")), "build", *args, str(ROOT)]


def build_site() -> None:
    """The PDFs (when TeX is here), then the HTML site that publishes them."""
    shutil.rmtree(BUILD / "latex", ignore_errors=True)
    if shutil.which("xelatex"):
        env = {**os.environ, "MAKE": str(ROOT / "scripts" / "latex-make.sh"),
               "PDF_TARGETS": f"book.pdf {CHAPTER_PDF}.pdf"}  # fmt: skip
        record("pdf", jupyter_book("-W", "-n", "--keep-going", "--builder", "pdflatex",
                                   "--individualpages"), env)  # fmt: skip
    shutil.rmtree(BUILD / "html", ignore_errors=True)
    shutil.rmtree(BUILD / ".doctrees", ignore_errors=True)
    record("html", jupyter_book("-W", "-n", "--keep-going"))


def nbval_command() -> list[str]:
    """nbval over every chapter in the reader's kernel, two notebooks at a time."""
    notebooks = [str(p.relative_to(ROOT)) for p in toc_notebooks()]
    return [sys.executable, "-m", "pytest", *notebooks, "--nbval", "--nbval-kernel-name",
            KERNEL_NAME, "-p", "no:cacheprovider", "-q", "--no-header", "-rf", "--color=no",
            "-n", "2", "--dist", "loadfile", "-o", "addopts="]  # fmt: skip


def reader_kernel_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a kernel of the reader's environment, with ``extra`` on top."""
    env = {**os.environ, **extra, "JUPYTER_PATH": str(READER / "share" / "jupyter"),
           **kernel_env(READER)}  # fmt: skip
    env.pop("MPLBACKEND", None)  # the kernel's inline backend draws the figures
    return env


def run_nbval() -> None:
    """nbval under each selected arithmetic, one after another."""
    python = READER / "bin" / "python"
    if not python.exists():
        print("the reader's environment is missing: run `make reader`", file=sys.stderr)
        return
    for variant in selected_variants(str(python)):
        record(f"nbval-{variant.name}", nbval_command(), reader_kernel_env(variant.env))


def run_reader_notebook(stem: str, env: dict[str, str]) -> str:
    """Run ``notebooks/<stem>.ipynb`` in the reader's kernel and keep it, errors and all.

    Returns what went wrong beyond an error in a cell (which stays in the cell's outputs
    for the test to show), or "".
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    log = READER_RUNS / f"{stem}.kernel.log"  # the kernel's own messages, kept from the screen
    with tempfile.TemporaryDirectory() as cwd, log.open("w") as stderr:  # cwd: what it writes
        client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=600, allow_errors=True,
                                resources={"metadata": {"path": cwd}})  # fmt: skip
        try:
            client.execute(env=env, stderr=stderr)
            problem = ""
        except Exception as error:  # a dead kernel or a timeout: say which
            problem = f"{stem}: {type(error).__name__}: {error} (kernel log: {log})"
    nbformat.write(nb, READER_RUNS / f"{stem}.ipynb")
    return problem


def run_readers() -> None:
    """Every reader notebook of the full edition, one after another, natively."""
    if not (READER / "bin" / "python").exists():
        print("the reader's environment is missing: run `make reader`", file=sys.stderr)
        return
    shutil.rmtree(READER_RUNS, ignore_errors=True)
    READER_RUNS.mkdir(parents=True)
    env = reader_kernel_env({})
    os.environ["JUPYTER_PATH"] = env["JUPYTER_PATH"]  # where nbclient finds the kernelspec
    problems = [run_reader_notebook(p.stem, env) for p in toc_notebooks()]
    problems = [p for p in problems if p]
    write_record("readers", ["run_readers"], int(bool(problems)), "", "\n".join(problems))


def main(argv: list[str]) -> int:
    jobs = {"site": build_site, "nbval": run_nbval, "readers": run_readers}
    if not argv or any(a not in jobs for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    for name in argv:
        jobs[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
