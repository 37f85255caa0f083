"""Bibliography labels in the same author-year form as the citations in the text.

The text cites "[Hoerl and Kennard, 1970]" (``bibtex_reference_style: author_year``), but
pybtex's formatting styles label the bibliography alphabetically ("[HK70]"), so a reader
cannot match a citation to its entry at a glance. This extension registers a pybtex label
style that writes the citation's own text (first author and "et al." from three authors
on, as sphinxcontrib-bibtex does in the text) and a formatting style, ``authoryear``, that
is pybtex's ``plain`` with those labels (``bibtex_default_style: authoryear``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx


def _surname(person) -> str:
    """A person's last name(s) as plain text (TeX accents and braces resolved)."""
    return str(Text.from_latex(" ".join(person.prelast_names + person.last_names)))


def author_year(entry) -> str:
    """``Hoerl and Kennard, 1970`` / ``Hastie et al., 2009``, as the text cites ``entry``."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_surname(p) for p in people]
    if not names:
        who = entry.fields.get("organization") or entry.fields.get("title", "Anonymous")
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {entry.fields.get('year', 'n.d.')}"


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels ``Author, Year``; two entries with the same label get ``a``, ``b``, ..."""

    def format_labels(self, sorted_entries: Iterable) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = [author_year(e) for e in entries]
        repeated, seen = Counter(labels), Counter()
        for label in labels:
            if repeated[label] > 1:
                seen[label] += 1
                label += "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            yield label


class AuthorYearStyle(PlainStyle):
    """pybtex's ``plain`` formatting, labelled author-year."""

    default_label_style = "authoryear"


def setup(app: Sphinx) -> dict:
    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabelStyle)
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
