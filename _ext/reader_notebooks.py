"""Build the reader notebooks: each chapter as a plain notebook a student runs.

The chapters are MyST notebooks: their prose needs the book's build (glue, roles,
directives) and some of their cells only keep the book honest (``remove-cell``). A
reader notebook is what a student opens on Binder or Colab or downloads from the page:

* its Markdown renders in any notebook front end (:mod:`notebook_markdown` writes it from
  the page's resolved doctree, so every number, reference and citation reads as on the
  web page, and links go to the published pages);
* its first cell installs the book's library where it is missing (Colab) and turns on
  Colab's widget manager, so the live explorers work;
* it holds the code the page shows (a figure's or a chart's folded away, as on the page)
  and no outputs: running it makes them, the charts and live explorers included.

``make notebooks`` runs this builder (``jupyter-book build --builder custom
--custom-builder notebooks``) and copies ``_build/notebooks`` to ``notebooks/`` in the
repository, where Binder and Colab find them: ``notebooks/<chapter>.ipynb`` with the
worked solutions in collapsed blocks, ``notebooks/student/<chapter>.ipynb`` without them.
With ``HIDE_SOLUTIONS=1`` only the student edition is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from notebook_markdown import Cell, Context, NotebookWriter  # _ext/ is on the path
from print_book import book_parts, chapter_label
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

logger = logging.getLogger(__name__)

STUDENT_DIR = "student"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Tags of chapter cells whose code a reader notebook folds away: a figure's drawing code
# and a chart's wiring, which the page hides too but a student must run to see the output.
FOLDED = {"hide-input", "remove-input"}


def published_url(config: Any) -> str:
    """The published site's address, ending in "/" (``html.baseurl`` in _config.yml)."""
    base = (config.html_baseurl or "").strip()
    if not base:
        raise ValueError("reader notebooks need html.baseurl in _config.yml (the site's address)")
    return base if base.endswith("/") else base + "/"


def install_cell_source(repository: str, ref: str) -> str:
    """The first cell of every reader notebook.

    >>> print(install_cell_source("https://github.com/o/r", "v1").splitlines()[6])
        %pip install --quiet "lessonlib @ git+$REPO@$REF"
    """
    return (
        "# Run this cell first. Where the book's library, lessonlib, is missing\n"
        "# (on Colab, say), it installs it; on Colab it also turns on the sliders.\n"
        "import importlib.util\n"
        "\n"
        f'REPO, REF = "{repository}", "{ref}"\n'
        'if importlib.util.find_spec("lessonlib") is None:\n'
        '    %pip install --quiet "lessonlib @ git+$REPO@$REF"\n'
        "try:  # Colab shows ipywidgets with its custom widget manager\n"
        "    from google.colab import output\n"
        "\n"
        "    output.enable_custom_widget_manager()\n"
        "except ImportError:  # not on Colab\n"
        "    pass"
    )


def _cell_id(*parts: object) -> str:
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:8]


class ReaderNotebookBuilder(Builder):
    """Writes ``<chapter>.ipynb`` (and ``student/<chapter>.ipynb``) for each chapter."""

    name = "notebooks"
    format = "notebook"  # so a chapter can say {only} notebook
    epilog = "The reader notebooks are in %(outdir)s."
    allow_parallel = False

    def init(self) -> None:
        self.base_url = published_url(self.config)
        options = self.config.html_theme_options or {}
        self.repository = options.get("repository_url", "")
        self.ref = options.get("repository_branch", "main")

    def get_outdated_docs(self) -> list[str]:
        return list(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"{self.base_url}{docname}.html"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)  # every link goes to the published page

    def prepare_writing(self, docnames: set[str]) -> None:
        pass

    def editions(self) -> list[tuple[bool, Path]]:
        """(student, folder) for each edition this build writes."""
        student = [(True, Path(self.outdir) / STUDENT_DIR)]
        return student if self.config.hide_solutions else [(False, Path(self.outdir)), *student]

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        source = Path(self.env.doc2path(docname))
        if source.suffix != ".ipynb":
            return  # the reference pages are not notebooks
        chapter = nbformat.read(source, as_version=4)
        for student, folder in self.editions():
            cells = NotebookWriter(self._context(docname, chapter, student)).render(
                doctree.deepcopy()
            )
            notebook = self._notebook(docname, cells)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{source.stem}.ipynb"
            text = nbformat.writes(notebook) + "\n"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")

    def _context(self, docname: str, chapter: Any, student: bool) -> Context:
        def code_cell(index: int) -> Cell | None:
            cell = chapter.cells[index]
            tags = set(cell.metadata.get("tags", []))
            metadata: dict = {"id": cell.get("id") or _cell_id(docname, index)}
            if tags & FOLDED:
                metadata["jupyter"] = {"source_hidden": True}
            return Cell("code", cell.source, metadata)

        return Context(
            code_cell=code_cell,
            exercise_title=lambda node: self._exercise_title(docname, node),
            solution_title=self._solution_title,
            figure_number=lambda node: self._figure_number(docname, node),
            student=student,
        )

    def _figure_number(self, docname: str, node: nodes.Element) -> str:
        numbers = self.env.toc_fignumbers.get(docname, {}).get("figure", {})
        for figure_id in node.get("ids", []):
            if figure_id in numbers:
                number = ".".join(map(str, numbers[figure_id]))
                return self.config.numfig_format["figure"] % number
        return ""

    def _exercise_number(self, docname: str, label: str) -> str:
        numbers = self.env.toc_fignumbers.get(docname, {}).get("exercise", {})
        return ".".join(map(str, numbers.get(label, ())))

    def _exercise_title(self, docname: str, node: nodes.Element) -> str:
        """ "Exercise 4.3", with the exercise's own title (its difficulty) as the page has it."""
        number = self._exercise_number(docname, node.get("label", ""))
        title = self.config.numfig_format["exercise"] % number
        subtitles = [n.astext().strip() for n in node.findall(nodes.subtitle)]
        return f"{title} ({subtitles[0]})" if subtitles and subtitles[0] else title

    def _solution_title(self, node: nodes.Element) -> str:
        target = node.get("target_label", "")
        entry = self.env.sphinx_exercise_registry.get(target, {})
        number = self._exercise_number(entry.get("docname", ""), target)
        return "Solution to " + self.config.numfig_format["exercise"] % number

    def _notebook(self, docname: str, cells: list[Cell]) -> nbformat.NotebookNode:
        url = self.get_target_uri(docname)
        label = chapter_label(book_parts(self.app), docname)
        where = f"{'Appendix' if label[0] else 'Chapter'} {label[1]}" if label else "A chapter"
        note = (
            f"*{where} of [{self.config.html_title}]({self.base_url}), an executable textbook "
            f"([this chapter on the web]({url})). Run the cells from the top. "
            "Text CC BY 4.0, code MIT.*"
        )
        out = []
        for i, cell in enumerate(cells):
            if cell.kind == "markdown":
                out.append(
                    nbformat.v4.new_markdown_cell(cell.source, id=_cell_id(docname, "md", i))
                )
                if i == 0:
                    out.append(nbformat.v4.new_markdown_cell(note, id=_cell_id(docname, "note")))
                    out.append(
                        nbformat.v4.new_code_cell(
                            install_cell_source(self.repository, self.ref),
                            id=_cell_id(docname, "install"),
                        )
                    )
            else:
                metadata = dict(cell.metadata)
                cell_id = metadata.pop("id", None) or _cell_id(docname, "code", i)
                out.append(nbformat.v4.new_code_cell(cell.source, id=cell_id, metadata=metadata))
        notebook = nbformat.v4.new_notebook(
            cells=out, metadata={"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
        )
        nbformat.validate(notebook)
        return notebook

    def finish(self) -> None:
        pass


def add_mime_priorities(app: Sphinx, config: Any) -> None:
    """Give this builder MyST-NB's HTML choice of outputs (the writer ignores them, but
    MyST-NB warns about every output of a builder it has no priorities for)."""
    from myst_nb.core.render import base_render_priority

    html = base_render_priority()["html"]
    config.nb_mime_priority_overrides = list(config.nb_mime_priority_overrides) + [
        (ReaderNotebookBuilder.name, mime, priority) for mime, priority in html.items()
    ]


def setup(app: Sphinx) -> dict:
    app.add_builder(ReaderNotebookBuilder)
    app.connect("config-inited", add_mime_priorities, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
