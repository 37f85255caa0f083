"""Inline maths and the punctuation that touches it stay on one line in the HTML.

MathJax draws an inline formula as an element of its own, and browsers allow a line break
between that element and the text after it: on a phone a line could start with the comma
or full stop that closes a formula, and a parenthesis could end a line with its formula
on the next. This post-transform (HTML builders only: LaTeX keeps its own line breaking,
and the reader notebooks are untouched) puts each inline formula, together with the
characters that touch it with no space between them (``(``, ``,``, ``.``, ``)``, ``'s``,
...), in a ``<span class="math-nowrap">``; static/theme-fixes.css sets that span
``white-space: nowrap``. The formula's own span keeps its ``math`` class, so MathJax still
typesets it, and MathJax's own break points inside a long formula (``mjx-break``, which
set ``white-space: normal``) still work.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

LEADING = re.compile(r"^\S+")
TRAILING = re.compile(r"\S+$")


def _index(node: nodes.Node) -> int:
    """``node``'s place among its parent's children (by identity: Text nodes are strings,
    and two equal strings would be the same child to ``list.index``)."""
    return next(i for i, child in enumerate(node.parent.children) if child is node)


def _text_beside(node: nodes.Node, step: int) -> nodes.Text | None:
    """The Text node right before (``step=-1``) or after (``step=1``) ``node``, if any."""
    parent = node.parent
    index = _index(node) + step
    if 0 <= index < len(parent) and isinstance(parent[index], nodes.Text):
        return parent[index]
    return None


def _split(text: nodes.Text | None, pattern: re.Pattern) -> tuple[str, str]:
    """``text`` as (the part that touches the formula, the rest)."""
    if text is None:
        return "", ""
    found = pattern.search(text.astext())
    if not found:
        return "", text.astext()
    whole = text.astext()
    return found.group(), whole[: found.start()] + whole[found.end() :]


def keep_together(math: nodes.math) -> bool:
    """Wrap ``math`` and the characters touching it in a ``math-nowrap`` inline node.

    Returns whether there was anything to keep with the formula.

    >>> para = nodes.paragraph("", "", nodes.Text("at ("), nodes.math("", "x"),
    ...                        nodes.Text("), then"))
    >>> keep_together(para[1])
    True
    >>> [n.astext() for n in para.children], para[1]["classes"]
    (['at ', '(x),', ' then'], ['math-nowrap'])
    """
    before, after = _text_beside(math, -1), _text_beside(math, 1)
    touching_before, rest_before = _split(before, TRAILING)
    touching_after, rest_after = _split(after, LEADING)
    if not touching_before and not touching_after:
        return False
    wrapper = nodes.inline(classes=["math-nowrap"])
    if touching_before:
        wrapper += nodes.Text(touching_before)
    parent, at = math.parent, _index(math)
    parent[at] = wrapper
    wrapper += math
    if touching_after:
        wrapper += nodes.Text(touching_after)
    # the text around it, less what moved into the wrapper
    for text, rest in ((after, rest_after), (before, rest_before)):
        if text is not None:
            if rest:
                parent[_index(text)] = nodes.Text(rest)
            else:
                del parent[_index(text)]
    return True


class KeepPunctuationWithMath(SphinxPostTransform):
    """Every inline formula of an HTML page kept on one line with what touches it."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for math in list(self.document.findall(nodes.math)):
            if math.parent is not None:
                keep_together(math)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(KeepPunctuationWithMath)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
