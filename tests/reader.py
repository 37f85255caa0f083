"""The reader's environment: what Binder installs (requirements.txt alone), made by `make reader`.

The chapters run in it through a Jupyter kernel of its own, so the tests' environment, which
has the build and test tools, never executes a chapter.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from _env import kernel_env
from toc import ROOT

READER = ROOT / ".venv-reader"
KERNEL_NAME = "why-lasso-reader"  # the kernelspec `make reader` installs into READER


def reader_python() -> Path:
    """The reader environment's interpreter (it may not exist yet)."""
    return READER / "bin" / "python"


def require_reader() -> Path:
    """The reader environment's interpreter; fail with what to run when it is missing."""
    python = reader_python()
    kernel = READER / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    if not (python.exists() and kernel.exists()):
        pytest.fail(
            "the reader's environment is missing: run `make reader` (or `make test`)", pytrace=False
        )
    return python


def kernel_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a kernel of the reader's environment (nbval's or nbclient's).

    Jupyter finds the reader's kernelspec through ``JUPYTER_PATH``; the kernel gets the
    book's fixed hash seed and a font cache of the reader's own (scripts/_env.py), and
    ``extra`` (an arithmetic of tests/arithmetic.py, say) on top.
    """
    prefix = require_reader().parent.parent
    env = {
        **os.environ,
        **(extra or {}),
        "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
        **kernel_env(prefix),
    }
    env.pop("MPLBACKEND", None)  # the kernel's inline backend draws the figures
    return env
