"""The solutions in print: the book's PDF keeps them in an appendix, and `make answers`
builds the instructor's key with every exercise and its worked solution (_ext/answer_key.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from toc import ROOT, toc_notebooks

pytestmark = pytest.mark.pdf


def exercise_count() -> int:
    return sum(
        len(re.findall(r"^`{3,}\{exercise\}", c.source, flags=re.MULTILINE))
        for path in toc_notebooks()
        for c in nbformat.read(path, as_version=4).cells
        if c.cell_type == "markdown"
    )


def text_of(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def answer_key(tmp_path_factory) -> str:
    """`make answers`, into a scratch folder: its text."""
    out = tmp_path_factory.mktemp("answers")
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            "-W",
            "-n",
            "--keep-going",
            "--builder",
            "pdflatex",
            "--path-output",
            str(out),
            str(ROOT),
        ],
        cwd=ROOT,
        env={**os.environ, "ANSWER_KEY": "1", "MAKE": str(ROOT / "scripts" / "latex-make.sh")},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    log = (out / "_build" / "latex" / "book.log").read_text(errors="replace")
    assert "undefined" not in log.lower(), "a reference in the key points nowhere"
    return text_of(out / "_build" / "latex" / "book.pdf")


def numbers(text: str, pattern: str) -> list[str]:
    return re.findall(pattern, re.sub(r"\s+", " ", text))


def test_the_key_holds_every_exercise_with_its_solution_and_nothing_else(answer_key):
    exercises = numbers(answer_key, r"(?<!to )Exercise (\d+\.\d+)")
    solutions = numbers(answer_key, r"Solution to Exercise (\d+\.\d+)")
    # the contents page does not list exercises: each appears once as an exercise
    assert len(set(exercises)) == exercise_count()
    assert solutions == sorted(set(exercises), key=lambda e: tuple(map(int, e.split("."))))
    assert "Answer key" in answer_key
    for chapter_text in ("Learning objectives", "Summary"):
        assert chapter_text not in answer_key


def test_the_books_solutions_are_in_an_appendix_after_every_chapter(pdf):
    text = re.sub(r"\s+", " ", text_of(pdf))
    last_exercise = max(m.start() for m in re.finditer(r"(?<!to )Exercise 13\.\d", text))
    appendix = text.index("Solutions to the exercises", last_exercise)  # the heading
    first_solution = text.index("Solution to Exercise 1.1")
    assert last_exercise < appendix < first_solution
    assert len(re.findall(r"Solution to Exercise \d+\.\d+", text)) == exercise_count()
