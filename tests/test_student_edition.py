"""The student edition (``HIDE_SOLUTIONS=1``) leaks no solution: not on a page, in a page
source, the search index, a reader notebook or the LaTeX of the PDFs.

The test builds the student edition into a scratch folder (the site, the reader notebooks
and the book's and chapters' LaTeX) and searches every file it produced for the worked
solutions' own sentences: each run of six plain words in a solution that appears nowhere
else in the book's sources. Those are read from the chapters themselves, so a new
solution is covered without editing this test. The committed student notebooks
(notebooks/student/) are searched too.
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

pytestmark = pytest.mark.build

RUN = 6  # words in a row that identify a solution's sentence


def plain_runs(text: str) -> set[str]:
    """Every run of RUN plain words (letters only, no maths or markup) in ``text``."""
    text = re.sub(r"^\s*(`{3,}|:{3,}|:[a-z-]+:).*$", "", text, flags=re.MULTILINE)  # fences
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)  # a sentence broken over lines is one
    text = re.sub(r"\$[^$]*\$|`[^`\n]*`|\{[^}\n]*\}|\[[^\]\n]*\]", " | ", text)
    runs = set()
    for chunk in re.split(r"[|.;:!?\n()]+", text):
        words = re.sub(r"[^A-Za-z ]+", " ", chunk).split()
        for i in range(len(words) - RUN + 1):
            runs.add(" ".join(words[i : i + RUN]).lower())
    return runs


def solution_runs() -> set[str]:
    """Runs of words that only the worked solutions contain."""
    solutions, elsewhere = [], []
    for path in toc_notebooks():
        text = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
        )
        pattern = r"^(`{3,})\{solution\}.*?^\1$"
        solutions += re.findall(r"^`{3,}\{solution\}.*?^`{3,}$", text, flags=re.M | re.S)
        elsewhere.append(re.sub(pattern, "", text, flags=re.M | re.S))
    for page in (ROOT / "book").glob("*.md"):
        elsewhere.append(page.read_text(encoding="utf-8"))
    common = plain_runs("\n".join(elsewhere))
    return {run for s in solutions for run in plain_runs(s)} - common


def build(out: Path, *builder: str) -> None:
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            "-W",
            "-n",
            "--keep-going",
            "--path-output",
            str(out),
            *builder,
            str(ROOT),
        ],
        cwd=ROOT,
        env={**os.environ, "HIDE_SOLUTIONS": "1", "MAKE": "true"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


def flat_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"\\[A-Za-z]+\*?", " ", text)  # LaTeX commands
    return " ".join(re.sub(r"[^A-Za-z ]+", " ", text).lower().split())


@pytest.fixture(scope="module")
def student_edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student")
    build(out)
    build(out, "--builder", "custom", "--custom-builder", "notebooks")
    # the LaTeX of the book's and every chapter's PDF, not compiled (make: true)
    build(out, "--builder", "pdflatex", "--individualpages")
    return out / "_build"


def test_solutions_are_found_in_the_full_edition():
    """The search can fail: the runs are there in the chapters' own solutions."""
    runs = solution_runs()
    assert len(runs) > 200
    full = " ".join(flat_text(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sum(run in full for run in runs) > 100


def test_no_solution_text_anywhere_in_the_student_edition(student_edition):
    runs = solution_runs()
    files = [
        p
        for p in student_edition.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".js", ".txt", ".ipynb", ".tex", ".json"}
        and "_static" not in p.parts
    ]
    files += sorted((ROOT / "notebooks" / "student").glob("*.ipynb"))
    assert any(p.name == "searchindex.js" for p in files)
    assert any(p.suffix == ".tex" for p in files) and any(p.suffix == ".ipynb" for p in files)
    leaks = {}
    for path in files:
        text = flat_text(path)
        found = [run for run in runs if run in text]
        if found:
            leaks[str(path)] = found[:3]
    assert not leaks, leaks


def test_student_edition_copies_no_page_source_and_says_how_solutions_are_given(
    student_edition,
):
    html = student_edition / "html"
    assert not (html / "_sources").exists()
    page = (html / "book" / "instructors.html").read_text(encoding="utf-8")
    assert "This is the <strong>student edition</strong>" in page
    assert "HIDE_SOLUTIONS" not in page  # the full edition's instructions are not printed
    kkt = (html / "book" / "kkt.html").read_text(encoding="utf-8")
    assert "notebooks/student/kkt.ipynb" in kkt and "_sources/" not in kkt
