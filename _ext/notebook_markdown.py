"""A chapter's resolved doctree as the cells of a plain Jupyter notebook.

Sphinx has already done the hard part by the time a builder writes a page: glued values
are pasted in, ``{term}``, ``{doc}``, ``{numref}`` and ``{cite}`` are references with their
final text ("Fig. 3.1", "Hoerl and Kennard [1970]"), ``{only}`` blocks for other builders
are gone, a ``literalinclude`` is the code it includes, and with ``hide_solutions`` the
solutions are removed. :class:`NotebookWriter` turns what is left into Markdown that any
notebook front end renders without an extension (JupyterLab, Notebook, VS Code, Colab):
admonitions become block quotes with a bold title, exercises headings, solutions
``<details>`` blocks, every link an absolute link to the published page.

A MyST-NB code cell in the doctree becomes a code cell whose source is the chapter's own
cell (found by its index); cells the page hides entirely (``remove-cell``: checks, glue)
are not in the doctree. The notebook stores no outputs: it is the notebook a student runs.

A node type the writer does not know stops the build (:class:`UnknownNode`) rather than
being dropped silently; add it here when a chapter starts to use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes

# Markdown's own characters in running text (`$` starts maths in a notebook).
_ESCAPE = re.compile(r"([\\`*_\[\]<>$])")


class UnknownNode(Exception):
    """A doctree node the writer has no rule for."""


@dataclass
class Cell:
    """One notebook cell: ``kind`` is "markdown" or "code"."""

    kind: str
    source: str
    metadata: dict = field(default_factory=dict)


@dataclass
class Context:
    """What the writer needs from the build besides the doctree.

    ``code_cell(index)`` gives the chapter's code cell ``index`` as a :class:`Cell` (or
    None to leave it out); ``exercise_title(node)``, ``solution_title(node)`` and
    ``figure_number(node)`` give the numbered titles the web page shows ("Fig. 3.1");
    ``student`` leaves every solution out.
    """

    code_cell: Callable[[int], Cell | None]
    exercise_title: Callable[[nodes.Element], str]
    solution_title: Callable[[nodes.Element], str]
    figure_number: Callable[[nodes.Element], str]
    student: bool = False


def escape(text: str) -> str:
    """Running text with Markdown's special characters escaped.

    >>> escape("a_b * c [d] $5")
    'a\\\\_b \\\\* c \\\\[d\\\\] \\\\$5'
    """
    return _ESCAPE.sub(r"\\\1", text)


def _prefix(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    out = [first + lines[0]] + [(rest + line) if line else rest.rstrip() for line in lines[1:]]
    return "\n".join(out)


def _is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def _class_name(node: nodes.Node) -> str:
    return type(node).__name__


class NotebookWriter:
    """Render one resolved doctree as a list of :class:`Cell`."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.cells: list[Cell] = []
        self._markdown: list[str] = []

    # -- cells ------------------------------------------------------------------------
    def render(self, document: nodes.document) -> list[Cell]:
        self._blocks(document.children, level=0)
        self._flush()
        return self.cells

    def _flush(self) -> None:
        text = "\n\n".join(b for b in self._markdown if b.strip()).strip()
        if text:
            self.cells.append(Cell("markdown", text))
        self._markdown = []

    def _emit(self, cell: Cell) -> None:
        self._flush()
        self.cells.append(cell)

    # -- blocks at the top of the page, where code cells live --------------------------
    def _blocks(self, children: Iterable[nodes.Node], level: int) -> None:
        for child in children:
            if isinstance(child, nodes.section):
                self._flush()  # a heading opens a new cell
                self._blocks(child.children, level + 1)
            elif isinstance(child, nodes.title):
                self._markdown.append("#" * max(level, 1) + " " + self.inline(child))
                if level <= 1:
                    self._flush()  # the chapter's title is a cell of its own
            elif _is_code_cell(child):
                cell = self.context.code_cell(child["cell_index"])
                if cell is not None:
                    self._emit(cell)
                self._markdown.extend(self._figure_captions(child))
            elif self._is_exercise(child):
                self._flush()  # an exercise opens a cell of its own
                starter = self._starter(child)
                self._markdown.append(self.exercise(child, level))
                if starter is not None:  # tagged, so a reader sees it is the attempt's
                    self._emit(Cell("code", starter, {"tags": ["exercise"]}))
            elif self._is_solution(child):
                if not self.context.student:
                    self._markdown.append(self.solution(child))
            else:
                self._markdown.append(self.block(child))

    def _figure_captions(self, cell: nodes.Element) -> list[str]:
        """The numbered caption of a figure a code cell draws, as the web page shows it."""
        captions = []
        for figure in cell.findall(nodes.figure):
            number = self.context.figure_number(figure)
            for caption in figure.findall(nodes.caption):
                text = self.inline(caption)
                captions.append(f"**{number}:** {text}" if number else text)
        return captions

    # -- block nodes ----------------------------------------------------------------------
    def block(self, node: nodes.Node) -> str:
        name = _class_name(node)
        rule = getattr(self, f"block_{name}", None)
        if rule is not None:
            return rule(node)
        if isinstance(node, nodes.Admonition) and not self._is_exercise(node):
            return self.admonition(node)
        if isinstance(node, (nodes.Invisible, nodes.target)):
            return ""
        if isinstance(node, nodes.TextElement):
            raise UnknownNode(f"no rule for the block node {name}: {node.astext()[:60]!r}")
        if isinstance(node, (nodes.container, nodes.compound, addnodes.compact_paragraph)):
            return self.blocks(node.children)
        raise UnknownNode(f"no rule for the block node {name}: {node.astext()[:60]!r}")

    def blocks(self, children: Iterable[nodes.Node]) -> str:
        return "\n\n".join(text for c in children if (text := self.block(c)).strip())

    def block_paragraph(self, node: nodes.Element) -> str:
        return self.inline(node)

    def block_section(self, node: nodes.Element) -> str:
        # sphinx-exercise wraps an exercise's and a solution's text in an untitled section
        return self.blocks(node.children)

    def block_title(self, node: nodes.Element) -> str:
        return "**" + self.inline(node) + "**"

    def block_comment(self, node: nodes.Element) -> str:
        return ""

    def block_substitution_definition(self, node: nodes.Element) -> str:
        return ""

    def block_index(self, node: nodes.Element) -> str:
        return ""

    def block_math_block(self, node: nodes.Element) -> str:
        latex = node.astext().strip()
        # amsmath's top-level environments are not allowed inside $$ in a notebook's MathJax
        latex = re.sub(r"\\(begin|end)\{(align|gather)\*?\}", r"\\\1{\2ed}", latex)
        if node.get("number"):
            latex += rf" \tag{{{node['number']}}}"
        return "$$\n" + latex + "\n$$"

    def block_literal_block(self, node: nodes.Element) -> str:
        language = node.get("language", "")
        if language in ("default", "ipython3", "ipython"):
            language = "python"
        code = node.astext().rstrip("\n")
        fence = "````" if "```" in code else "```"
        return f"{fence}{language}\n{code}\n{fence}"

    def block_bullet_list(self, node: nodes.Element) -> str:
        return "\n".join(self._item(item, "- ") for item in node.children)

    def block_enumerated_list(self, node: nodes.Element) -> str:
        start = node.get("start", 1)
        return "\n".join(self._item(item, f"{start + i}. ") for i, item in enumerate(node.children))

    def _item(self, item: nodes.Node, marker: str) -> str:
        body = self.blocks(item.children) if isinstance(item, nodes.Element) else ""
        return _prefix(body, marker, " " * len(marker))

    def block_block_quote(self, node: nodes.Element) -> str:
        return _prefix(self.blocks(node.children), "> ", "> ")

    def block_definition_list(self, node: nodes.Element) -> str:
        out = []
        for item in node.children:
            term = next(iter(item.findall(nodes.term)))
            definition = next(iter(item.findall(nodes.definition)))
            out.append(f"**{self.inline(term)}**\n" + _prefix(self.blocks(definition), ": ", "  "))
        return "\n\n".join(out)

    def block_rubric(self, node: nodes.Element) -> str:
        return "**" + self.inline(node) + "**"

    def block_raw(self, node: nodes.Element) -> str:
        return ""  # the chapters write no raw HTML; extensions add page scripts (Thebe's)

    def block_transition(self, node: nodes.Element) -> str:
        return "---"

    def block_figure(self, node: nodes.Element) -> str:
        raise UnknownNode("a figure outside a code cell (a static image) has no rule yet")

    def block_table(self, node: nodes.Element) -> str:
        rows = [
            [self.inline_cells(entry) for entry in row.findall(nodes.entry)]
            for row in node.findall(nodes.row)
        ]
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + " --- |" * width)
        caption = [self.inline(t) for t in node.findall(nodes.title)]
        return "\n".join(([f"**{caption[0]}**", ""] if caption else []) + lines)

    def inline_cells(self, entry: nodes.Element) -> str:
        return " ".join(self.inline(p) for p in entry.children).replace("|", "\\|")

    def admonition(self, node: nodes.Element) -> str:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        title = self.inline(titles[0]) if titles else _class_name(node).replace("_", " ").title()
        body = self.blocks(c for c in node.children if not isinstance(c, nodes.title))
        if "dropdown" in node.get("classes", []):  # collapsed on the page: collapsed here too
            return f"<details>\n<summary>{title}</summary>\n\n{body}\n\n</details>"
        return _prefix(f"**{title}**\n\n{body}", "> ", "> ")

    # -- exercises ------------------------------------------------------------------------
    @staticmethod
    def _is_exercise(node: nodes.Node) -> bool:
        return _class_name(node) in ("exercise_node", "exercise_enumerable_node")

    @staticmethod
    def _is_solution(node: nodes.Node) -> bool:
        return _class_name(node) == "solution_node"

    @staticmethod
    def _starter(node: nodes.Element) -> str | None:
        """A computational exercise's starter code: its last Python block, taken out of its
        text to become the code cell under it (an empty one when it has none)."""
        if "computational" not in node.get("classes", []):
            return None
        blocks = [
            b
            for b in node.findall(nodes.literal_block)
            if b.get("language", "python") in ("python", "ipython3", "default")
        ]
        if not blocks:
            return "# Your code here"
        blocks[-1].parent.remove(blocks[-1])
        return blocks[-1].astext().rstrip("\n")

    def exercise(self, node: nodes.Element, level: int) -> str:
        heading = "#" * min(max(level + 1, 2), 6) + " " + self.context.exercise_title(node)
        body = self.blocks(c for c in node.children if not isinstance(c, nodes.title))
        return f"{heading}\n\n{body}"

    def solution(self, node: nodes.Element) -> str:
        body = self.blocks(c for c in node.children if not isinstance(c, nodes.title))
        title = escape(self.context.solution_title(node))
        return f"<details>\n<summary>{title}</summary>\n\n{body}\n\n</details>"

    # -- inline nodes ---------------------------------------------------------------------
    def inline(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return escape(str(node))
        if isinstance(node, nodes.reference):
            return self.inline_reference(node)  # Sphinx's number_reference too
        name = _class_name(node)
        rule = getattr(self, f"inline_{name}", None)
        if rule is not None:
            return rule(node)
        if isinstance(node, (nodes.inline, nodes.TextElement, addnodes.pending_xref)):
            return self.inline_children(node)
        raise UnknownNode(f"no rule for the inline node {name}: {node.astext()[:60]!r}")

    def inline_children(self, node: nodes.Element) -> str:
        return "".join(self.inline(c) for c in node.children)

    def inline_emphasis(self, node: nodes.Element) -> str:
        return "*" + self.inline_children(node) + "*"

    def inline_strong(self, node: nodes.Element) -> str:
        return "**" + self.inline_children(node) + "**"

    def inline_literal(self, node: nodes.Element) -> str:
        code = node.astext()
        fence = "``" if "`" in code else "`"
        pad = " " if code.startswith("`") or code.endswith("`") else ""
        return f"{fence}{pad}{code}{pad}{fence}"

    def inline_math(self, node: nodes.Element) -> str:
        return "$" + node.astext().strip() + "$"

    def inline_reference(self, node: nodes.Element) -> str:
        text = self.inline_children(node)
        uri = node.get("refuri")
        if not uri:
            return text  # an anchor in this page: its text is what the reader needs
        return f"[{text}]({uri})"

    def inline_target(self, node: nodes.Element) -> str:
        return self.inline_children(node)

    def inline_footnote_reference(self, node: nodes.Element) -> str:
        raise UnknownNode("footnotes have no rule yet")

    def inline_image(self, node: nodes.Element) -> str:
        raise UnknownNode("inline images have no rule yet")

    def inline_problematic(self, node: nodes.Element) -> str:
        raise UnknownNode(f"a problem left in the doctree: {node.astext()!r}")
