"""Where the worked solutions go in print: an appendix of the book, and an answer key.

On the web page a solution is folded under its exercise. On paper a solution printed right
under its exercise gives it away, so in every LaTeX build:

* the book's PDF (and a chapter's) keeps each exercise in its chapter and prints the
  solutions together at the end, under "Solutions to the exercises", chapter by chapter;
* ``ANSWER_KEY=1`` (``make answers``, into ``_build/answers.pdf``) builds the instructor's
  key: only the exercises and their solutions, chapter by chapter, numbered as in the book;
* the student edition (``HIDE_SOLUTIONS=1``) has no solutions to move, and refuses to
  build the key.
"""

from __future__ import annotations

import os
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

APPENDIX_TITLE = "Solutions to the exercises"


def answer_key_requested() -> bool:
    """Whether ``ANSWER_KEY`` asks for the instructor's key."""
    value = os.environ.get("ANSWER_KEY", "").strip().lower()
    if value in ("1", "true", "yes"):
        return True
    if value in ("", "0", "false", "no"):
        return False
    raise ValueError(f"ANSWER_KEY must be 1 or 0, got {value!r}")


def _kind(node: nodes.Node) -> str:
    return type(node).__name__


def _is_exercise(node: nodes.Node) -> bool:
    return _kind(node) in ("exercise_node", "exercise_enumerable_node")


def _is_solution(node: nodes.Node) -> bool:
    return _kind(node) == "solution_node"


def _chapter(node: nodes.Node) -> tuple[str, str]:
    """(page, title) of the chapter holding ``node``: the page it was written in (empty in
    a chapter's own PDF) and the title of its outermost section there."""
    section, page = None, ""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            section = parent
            # Sphinx inlines a chapter into the book without re-parenting its top nodes
            # (the walk up never meets the start_of_file), but marks its sections.
            page = page or parent.get("docname", "")
        if isinstance(parent, addnodes.start_of_file):
            page = parent["docname"]
            break
        parent = parent.parent
    if section is None:
        return page, ""
    return page, next((c.astext() for c in section.children if isinstance(c, nodes.title)), "")


def _grouped(
    pairs: list[tuple[tuple[str, str], nodes.Element]],
) -> list[tuple[tuple[str, str], list[nodes.Element]]]:
    groups: list[tuple[tuple[str, str], list[nodes.Element]]] = []
    for chapter, node in pairs:
        if not groups or groups[-1][0] != chapter:
            groups.append((chapter, []))
        groups[-1][1].append(node)
    return groups


def _section(title: str, ident: str, children: list[nodes.Element]) -> nodes.section:
    section = nodes.section("", nodes.title("", title), ids=[ident])
    section.extend(children)
    return section


def _in_page(page: str, section: nodes.section) -> nodes.Element:
    """``section`` as written in ``page``, so its references resolve as in its chapter."""
    if not page:
        return section
    wrapper = addnodes.start_of_file(docname=page)
    wrapper += section
    return wrapper


def _top(doctree: nodes.document) -> nodes.Element:
    """The document's outermost section: in the book, the chapters are its sections."""
    return next((c for c in doctree.children if isinstance(c, nodes.section)), doctree)


def move_solutions_to_the_end(doctree: nodes.document) -> None:
    """Take every solution out of its chapter and print them all at the document's end: the
    book's last appendix, or a chapter PDF's last section."""
    solutions = [(_chapter(n), n) for n in doctree.findall(_is_solution)]
    if not solutions:
        return
    for _, node in solutions:
        node.parent.remove(node)
    body = [
        _in_page(page, _section(title, f"solutions-{i}", found))
        for i, ((page, title), found) in enumerate(_grouped(solutions))
    ]
    _top(doctree).append(_section(APPENDIX_TITLE, "solutions-to-the-exercises", body))


def keep_only_exercises(doctree: nodes.document) -> None:
    """The instructor's key: each chapter's exercises with their solutions, nothing else."""
    kept = [(_chapter(n), n) for n in doctree.findall(lambda n: _is_exercise(n) or _is_solution(n))]
    for _, node in kept:
        node.parent.remove(node)
    top = _top(doctree)
    for child in [c for c in top.children if not isinstance(c, nodes.title)]:
        top.remove(child)
    for i, ((_, title), found) in enumerate(_grouped(kept)):
        top.append(_section(title, f"key-{i}", found))
    # What a solution refers to (a figure, a section) is not in the key: the reference
    # keeps its text as the book prints it ("Fig. 3.1"), without the link.
    for reference in list(top.findall(nodes.reference)):
        if reference.get("refid") or reference.get("internal"):
            reference.replace_self(nodes.Text(reference.astext()))


def place_solutions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    if app.config.answer_key:
        if docname == app.config.root_doc:
            keep_only_exercises(doctree)
    elif not app.config.hide_solutions:
        move_solutions_to_the_end(doctree)


def configure(app: Sphinx, config: Any) -> None:
    config.answer_key = answer_key_requested()
    if not config.answer_key:
        return
    if config.hide_solutions:
        raise ValueError(
            "ANSWER_KEY=1 builds the solutions: it cannot be combined with HIDE_SOLUTIONS=1"
        )
    elements = dict(config.latex_elements or {})
    elements["maketitle"] = elements.get("maketitle", "").replace(
        "An executable textbook", "Answer key: the exercises and their worked solutions"
    )
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.add_config_value("answer_key", False, "env")
    app.connect("config-inited", configure, priority=950)  # after solutions_switch (900)
    # before _ext/print_book.py turns the book's structure into parts and a preface
    app.connect("doctree-resolved", place_solutions, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
