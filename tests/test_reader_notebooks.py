"""The reader notebooks (``notebooks/``, made by ``make notebooks``): what a student runs.

Fast checks (``make check``): the committed notebooks are what the builder makes from the
chapters now; they hold plain Markdown and no MyST; every exercise is a heading with its
solution collapsed, and the student edition has no solution at all; links go to the
published pages; the code a chapter shows with ``literalinclude`` is there.
Slow checks (``make test``): each reader notebook runs top to bottom in the reader's
environment and prints what the chapter's stored outputs print.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

from booktools.artefacts import READER_RUNS, load
from toc import BOOK, ROOT, toc_notebooks

READER = ROOT / "notebooks"
EDITIONS = {"full": READER, "student": READER / "student"}
CHAPTERS = [p.stem for p in toc_notebooks()]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASE_URL = CONFIG["html"]["baseurl"]
REPOSITORY = CONFIG["repository"]["url"]

ALL = [(edition, stem) for edition in EDITIONS for stem in CHAPTERS]
ALL_IDS = [f"{edition}-{stem}" for edition, stem in ALL]


def reader(edition: str, stem: str) -> nbformat.NotebookNode:
    return nbformat.read(EDITIONS[edition] / f"{stem}.ipynb", as_version=4)


def chapter(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(BOOK / f"{stem}.ipynb", as_version=4)


def markdown(nb: nbformat.NotebookNode) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


# -- in step with the chapters ----------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """The reader notebooks as the builder makes them from the chapters now."""
    out = tmp_path_factory.mktemp("readernb")
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("jupyter-book")),
            "build",
            "-W",
            "-n",
            "--keep-going",
            "--builder",
            "custom",
            "--custom-builder",
            "notebooks",
            "--path-output",
            str(out),
            str(ROOT),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return out / "_build" / "notebooks"


def test_reader_notebooks_are_in_step_with_the_chapters(fresh):
    made = {p.relative_to(fresh): p.read_text(encoding="utf-8") for p in fresh.rglob("*.ipynb")}
    committed = {
        p.relative_to(READER): p.read_text(encoding="utf-8") for p in READER.rglob("*.ipynb")
    }
    assert made, "the builder made no notebook"
    stale = sorted(str(p) for p in made if committed.get(p) != made[p])
    extra = sorted(str(p) for p in committed if p not in made)
    assert not stale and not extra, (
        f"notebooks/ is out of step with the chapters (changed: {stale}; not made any more: "
        f"{extra}): run `make notebooks` and commit notebooks/"
    )


def test_every_chapter_has_a_reader_notebook_in_both_editions():
    for edition, folder in EDITIONS.items():
        assert sorted(p.stem for p in folder.glob("*.ipynb")) == sorted(CHAPTERS), edition


# -- plain Markdown, nothing of MyST ----------------------------------------------------------

MYST = {
    "directive fence": re.compile(r"^\s*(```+|:::+)\s*\{", re.MULTILINE),
    "role": re.compile(r"\{[a-z]+(?::[a-z]+)?\}`"),
    "glue": re.compile(r"\bglue\b"),
    "label target": re.compile(r"^\s*\([\w-]+\)=\s*$", re.MULTILINE),
    "directive option": re.compile(r"^\s*:[a-z-]+:(\s|$)", re.MULTILINE),
    "myst_nb": re.compile(r"myst_nb"),
}


@pytest.mark.parametrize(("edition", "stem"), ALL, ids=ALL_IDS)
def test_no_myst_syntax(edition, stem):
    found = []
    for i, cell in enumerate(reader(edition, stem).cells):
        for what, pattern in MYST.items():
            for match in pattern.finditer(cell.source):
                found.append(f"cell {i} ({cell.cell_type}): {what}: {match.group(0)!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("edition", "stem"), ALL, ids=ALL_IDS)
def test_opens_with_title_and_the_install_cell(edition, stem):
    nb = reader(edition, stem)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert nb.cells[0].source[2:].strip() in markdown(chapter(stem))
    install = next(c for c in nb.cells if c.cell_type == "code")
    assert f'"{REPOSITORY}"' in install.source
    assert "%pip install" in install.source and "lessonlib" in install.source
    assert "enable_custom_widget_manager()" in install.source
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize(("edition", "stem"), ALL, ids=ALL_IDS)
def test_shown_code_only(edition, stem):
    """The notebook's code is the code behind the page, in order: hidden checks stay out,
    and what the page hides behind its output (a figure's, a chart's) is folded away."""
    cells = [c for c in chapter(stem).cells if c.cell_type == "code"]
    shown = [c for c in cells if "remove-cell" not in c.metadata.get("tags", [])]
    code = [c for c in reader(edition, stem).cells if c.cell_type == "code"][1:]
    code = [c for c in code if "exercise" not in c.metadata.get("tags", [])]
    assert [c.source for c in code] == [c.source for c in shown]
    for mine, theirs in zip(code, shown):
        folded = bool({"hide-input", "remove-input"} & set(theirs.metadata.get("tags", [])))
        assert mine.metadata.get("jupyter", {}).get("source_hidden", False) == folded


@pytest.mark.parametrize(("edition", "stem"), ALL, ids=ALL_IDS)
def test_links_are_absolute_and_reach_book_pages(edition, stem):
    pages = {p.relative_to(ROOT).with_suffix("").as_posix() for p in BOOK.glob("*.*")}
    for target in re.findall(r"\]\(([^)\s]+)\)", markdown(reader(edition, stem))):
        assert target.startswith("https://"), target
        if target.startswith(BASE_URL) and target != BASE_URL:
            page = target[len(BASE_URL) :].split("#")[0]
            assert page.endswith(".html") and page[: -len(".html")] in pages, target


@pytest.mark.parametrize("stem", CHAPTERS)
def test_glued_numbers_are_written_in(stem):
    """Every number the chapter's prose glues reads in the notebook as on the page."""
    stored = {}
    for cell in chapter(stem).cells:
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime.startswith("application/papermill.record/text/plain"):
                    stored[out["metadata"]["scrapbook"]["name"]] = value
    text = markdown(reader("full", stem))
    roles = re.findall(r"\{glue:text\}`([^`:]+)(?::([^`]+))?`", markdown(chapter(stem)))
    assert roles or stem not in {"ridge", "lasso", "diabetes"}
    for key, spec in roles:
        value = stored[key]
        if value[:1] in "'\"":
            value = ast.literal_eval(value)  # a glued string reads without its quotes
        elif spec:
            value = format(float(value) if re.search(r"[.eE]|nan|inf", value) else int(value), spec)
        assert value in text, f"{key}: {value!r} is not in the notebook"


# -- exercises --------------------------------------------------------------------------------


def exercise_headings(nb) -> list[str]:
    return re.findall(r"^#+ (Exercise \d+\.\d+)", markdown(nb), flags=re.MULTILINE)


@pytest.mark.parametrize("stem", CHAPTERS)
def test_each_exercise_is_a_heading_with_its_solution_collapsed(stem):
    directives = len(re.findall(r"^`{3,}\{exercise\}", markdown(chapter(stem)), re.MULTILINE))
    full, student = reader("full", stem), reader("student", stem)
    headings = exercise_headings(full)
    assert len(headings) == directives
    assert exercise_headings(student) == headings
    summaries = re.findall(
        r"<details>\s*<summary>Solution to (Exercise \d+\.\d+)</summary>", markdown(full)
    )
    assert summaries == headings


@pytest.mark.parametrize("stem", CHAPTERS)
def test_student_edition_has_no_solution_text(stem):
    full = markdown(reader("full", stem))
    student = markdown(reader("student", stem))
    assert "<summary>Solution to" not in student and "Solution to" not in student
    solutions = r"<summary>Solution to [^<]*</summary>\n(.*?)\n</details>"
    for body in re.findall(solutions, full, flags=re.DOTALL):
        for line in body.strip().splitlines():
            if len(line.strip()) > 30:  # a line of a solution's own text
                assert line.strip() not in student, f"solution text in the student edition: {line}"


# -- the code a chapter shows with literalinclude -----------------------------------------


def included_code(directive: str) -> str:
    path = re.search(r"\{literalinclude\}\s+(\S+)", directive).group(1)
    options = dict(re.findall(r"^:([a-z-]+):[ \t]*(.*)$", directive, flags=re.MULTILINE))
    text = (BOOK / path).resolve().read_text(encoding="utf-8")
    start, end = (options[k].strip().strip('"') for k in ("start-after", "end-before"))
    body = text.split(start, 1)[1].split("\n", 1)[1]
    code = body.split(end, 1)[0].rsplit("\n", 1)[0]
    if options.get("dedent"):  # by so many columns
        return "\n".join(line[int(options["dedent"]) :] for line in code.splitlines())
    return textwrap.dedent(code) if "dedent" in options else code  # a bare :dedent:


@pytest.mark.parametrize("stem", CHAPTERS)
def test_literalinclude_becomes_the_code_it_includes(stem):
    source = markdown(chapter(stem))
    directives = re.findall(r"```\{literalinclude\}.*?\n```", source, flags=re.DOTALL)
    text = markdown(reader("full", stem))
    for directive in directives:
        code = included_code(directive)
        assert code.strip() and code.strip() in text, directive


# -- running in the reader's environment --------------------------------------------------

COMPARED = ("text/plain", "text/latex")


def printed(cell) -> list[tuple[str, str]]:
    """What a cell printed or displayed as text, as nbval compares it (images aside)."""
    out = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            if out and out[-1][0] == output.name:
                out[-1] = (output.name, out[-1][1] + output.text)  # one stream, however split
            else:
                out.append((output.name, output.text))
        elif output.output_type in ("display_data", "execute_result"):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue  # a live widget: no text to compare
            for mime in COMPARED:
                if mime in data:
                    out.append((mime, data[mime]))
        elif output.output_type == "error":
            out.append(("error", f"{output.ename}: {output.evalue}"))
    return out


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", CHAPTERS)
def test_reader_notebook_runs_and_prints_what_the_chapter_prints(stem):
    """Top to bottom in a fresh kernel of the reader's environment (requirements.txt alone),
    with no error; every cell whose code is the chapter's prints what the chapter stored.
    This is also the check that the stored outputs hold on this machine's own arithmetic
    (nbval runs the chapters under two others: booktools/arithmetic.py). The run is
    ``make artefacts``' (booktools/artefacts.py, ``run_readers``)."""
    record, ran = load("readers"), READER_RUNS / f"{stem}.ipynb"
    if record is None or not ran.exists():
        pytest.fail("the reader notebooks have not run: run `make artefacts`", pytrace=False)
    failed = [line for line in record["stderr"].splitlines() if line.startswith(f"{stem}:")]
    assert not failed, failed
    nb = nbformat.read(ran, as_version=4)
    assert [c.source for c in nb.cells] == [c.source for c in reader("full", stem).cells], (
        "the run is of an older notebook: run `make artefacts` again"
    )

    by_id = {c.get("id"): c for c in chapter(stem).cells if c.cell_type == "code"}
    compared = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert all(o.output_type != "error" for o in cell.outputs), printed(cell)
        assert all(getattr(o, "name", "stdout") == "stdout" for o in cell.outputs), printed(cell)
        original = by_id.get(cell.get("id"))
        if original is None or original.source != cell.source:
            continue
        if "nbval-ignore-output" in original.metadata.get("tags", []):
            continue
        assert printed(cell) == printed(original), f"cell {cell.get('id')} prints otherwise"
        compared += 1
    assert compared >= 3, f"only {compared} cells compared"
