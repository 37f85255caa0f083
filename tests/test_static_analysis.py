"""ruff (lint and format) over the repository, chapters included, and mypy over lessonlib.

The settings live in pyproject.toml ([tool.ruff], [tool.mypy]) and book/ruff.toml (the
chapters' 79-character column). Run the tools themselves to fix what these tests report:
``.venv/bin/ruff format . && .venv/bin/ruff check --fix .`` and ``.venv/bin/mypy``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess:
    exe = BIN / tool
    if not exe.exists():
        pytest.fail(f"{tool} is not installed in {BIN}: pip install -r requirements-dev.txt")
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_to_fix():
    done = run("ruff", "check", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_formatted_as_ruff_formats_it():
    done = run("ruff", "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_no_type_error_in_lessonlib():
    done = run("mypy")  # files and settings: [tool.mypy] in pyproject.toml
    assert done.returncode == 0 and "Success" in done.stdout, done.stdout + done.stderr
