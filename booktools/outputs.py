"""Re-execute the book's notebooks in fresh kernels and store their outputs deterministically.

Usage::

    python -m booktools.outputs            # every notebook listed in _toc.yml
    python -m booktools.outputs book/x.ipynb ...

Each notebook runs top to bottom in a new kernel with the working directory ``book/``.
What is stored is a function of the code and the machine only: execution timestamps are
not recorded, notebook metadata is reduced to a fixed kernelspec, and the file is written
the way nbformat always writes it. Cell sources are never changed. A notebook that raises,
or writes anything to stderr (a warning, say), is not stored and the script exits 1: the
book must not show tracebacks or warnings.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from booktools.env import kernel_env, toc_notebooks

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Fixed hash seed and a font cache of this environment's own (booktools/env.py says why);
# and every figure stored with its phone rendering (lessonlib/display/phone.py).
KERNEL_ENV = {**kernel_env(), "LESSONLIB_PHONE_FIGURES": "1"}


def clean_metadata(nb: nbformat.NotebookNode) -> None:
    """Reduce notebook and cell metadata to what is stable between runs."""
    nb.metadata = nbformat.from_dict(
        {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
            **{k: v for k, v in nb.metadata.items() if k in ("mystnb", "jupytext")},
        }
    )
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stable_outputs(nb: nbformat.NotebookNode) -> None:
    """Make each cell's outputs the same on every run.

    * Adjacent writes to the same stream are merged: how a cell's prints are split into
      chunks depends on timing (a slow computation between two prints), not on the code.
    * Widget views are dropped: their model id is random, and without the widget state
      (which a static page does not have) no reader could display them anyway. The
      ``text/plain`` fallback stays.
    """
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            if (
                out.output_type == "stream"
                and merged
                and merged[-1].output_type == "stream"
                and merged[-1].name == out.name
            ):
                merged[-1].text += out.text
                continue
            if WIDGET_VIEW in out.get("data", {}):
                del out.data[WIDGET_VIEW]
                out.metadata.pop(WIDGET_VIEW, None)
            merged.append(out)
        cell.outputs = merged


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """List every stored error or stderr output: the book shows neither."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                found.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"cell {i}: stderr: {out.text.strip()[:300]}")
    return found


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute ``path`` in a fresh kernel and return the notebook with new outputs."""
    nb = nbformat.read(path, as_version=4)
    sources = [cell.source for cell in nb.cells]
    env = {**os.environ, **KERNEL_ENV}
    env.pop("MPLBACKEND", None)  # the kernel's inline backend draws the figures
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=env)
    assert [cell.source for cell in nb.cells] == sources, "a cell source changed"
    clean_metadata(nb)
    stable_outputs(nb)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook in _toc.yml"
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or toc_notebooks()
    failed = False
    for path in paths:
        start = time.perf_counter()
        nb = execute(path)
        seconds = time.perf_counter() - start
        bad = problems(nb)
        if bad:
            failed = True
            print(f"NOT stored: {path.relative_to(ROOT)}", *bad, sep="\n  ", file=sys.stderr)
            continue
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"stored: {path.relative_to(ROOT)} (executed in {seconds:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
