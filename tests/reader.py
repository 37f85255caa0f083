"""The reader's environment: what Binder installs (requirements.txt alone), made by `make reader`.

The chapters run in it through a Jupyter kernel of its own, so the tests' environment, which
has the build and test tools, never executes a chapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
