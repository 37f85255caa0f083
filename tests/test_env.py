"""The build settings live in one place (booktools/env.py), and the Makefile agrees with it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from booktools.env import kernel_env, toc_docnames, toc_notebooks, toc_parts
from toc import ROOT, chapter_notebooks

PYTHON_SOURCES = [
    p
    for folder in ("booktools", "tests", "benchmarks", "_ext")
    for p in (ROOT / folder).glob("*.py")
] + [ROOT / "conftest.py"]


def test_makefile_exports_what_kernel_env_says() -> None:
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    exported = dict(re.findall(r"^export (\w+) := (.+)$", make, flags=re.MULTILINE))
    venv = re.search(r"^VENV\s*:?=\s*(\S+)$", make, flags=re.MULTILINE)
    assert venv is not None
    expected = kernel_env(Path("$(CURDIR)") / venv.group(1))
    for name, value in expected.items():
        assert exported[name].replace("$(VENV)", venv.group(1)) == value, name
    assert kernel_env("/x")["MPLCONFIGDIR"] == str(Path("/x") / "mplconfig")
    assert kernel_env()["MPLCONFIGDIR"] == str(Path(sys.prefix) / "mplconfig")


def test_no_other_python_file_sets_the_kernel_variables_or_parses_the_toc() -> None:
    for path in PYTHON_SOURCES:
        if path.relative_to(ROOT).as_posix() in ("booktools/env.py", "tests/test_env.py"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(
            r"[\"'](PYTHONHASHSEED|MPLCONFIGDIR)[\"']|"
            r"\b(PYTHONHASHSEED|MPLCONFIGDIR)\s*=",
            text,
        ), path
        assert "parse_toc_yaml" not in text and '_toc.yml").read_text' not in text, path


def test_toc_readers_agree() -> None:
    pages = toc_docnames()
    assert pages[0] == "book/index" and len(pages) == len(set(pages))
    assert [p for _, docs in toc_parts() for p in docs] == [p for p in pages if p != "book/index"]
    notebooks = toc_notebooks()
    assert notebooks == [ROOT / f"{p}.ipynb" for p in pages if (ROOT / f"{p}.ipynb").exists()]
    assert set(notebooks) <= set(chapter_notebooks())
