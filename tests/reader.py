"""The reader's environment: what Binder installs (requirements.txt alone), made by `make reader`.

The chapters and the reader notebooks run in it through a Jupyter kernel of its own, so
the tests' environment, which has the build and test tools, never executes a chapter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from booktools.artefacts import KERNEL_NAME, READER, reader_kernel_env

__all__ = ["KERNEL_NAME", "READER", "kernel_environment", "reader_python", "require_reader"]


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
    """The environment for a kernel of the reader's environment (nbclient's), with
    ``extra`` (an arithmetic of booktools/arithmetic.py, say) on top."""
    require_reader()
    return reader_kernel_env(extra or {})
