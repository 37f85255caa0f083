"""Coefficient tables: one row per penalty weight, one column per feature.

One job: turn a ``(m, p)`` array of coefficients into a pandas ``DataFrame`` that a
chapter prints, with a column that counts the *exact* zeros of each row. The count is
taken on the unrounded coefficients (``== 0.0``), so a small coefficient that prints as
``0.000`` after rounding is never mistaken for a zero. pandas is imported inside the
function.

:class:`CoefTable` shows such a table in a notebook, on the web page and in the PDF: a
real HTML ``<table>`` (``_repr_html_``), a real LaTeX ``tabular`` (``_repr_latex_``, the
output MyST-NB picks for the LaTeX builder) and, as ``text/plain``, the text of
:func:`table_text`. An exact zero is shown as a grey ``0``; a non-zero coefficient that
rounds to zero keeps its decimals and sign (``-0.00``), so the two never look alike.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_path_table,
    check_positive_int,
)

__all__ = ["CoefTable", "coef_table", "table_text"]

#: Colour of an exact zero on the web page, with a contrast ratio of at least 4.5:1
#: (WCAG AA) against what lies behind the table: white, and the light grey panel
#: (#ced6dd) on which pydata-sphinx-theme shows HTML outputs in its dark mode. A
#: notebook in JupyterLab's dark theme shows outputs on a dark background (#121212 or
#: so): ZERO_COLOUR_DARK there.
ZERO_COLOUR_LIGHT = "#555555"
ZERO_COLOUR_DARK = "#a3a3a3"
#: Backgrounds the zero colours are checked against (tests/test_tables.py, and the
#: browser suite measures the real one on the built site in light and dark mode).
LIGHT_BACKGROUNDS = ("#ffffff", "#ced6dd")
DARK_BACKGROUNDS = ("#121212", "#14181e")
#: The words a screen reader and a tooltip give for an exact zero.
EXACT_ZERO_TEXT = "exactly zero"
_MINUS = "\u2212"  # the minus sign, not a hyphen
_CELL = "text-align:right;padding:0.15em 0.45em;white-space:nowrap"


def coef_table(
    alphas: ArrayLike,
    coefs: ArrayLike,
    feature_names: list[str],
    *,
    decimals: int = 3,
    index_name: str = "alpha",
) -> Any:
    """A table of coefficients against the penalty weight, with exact zeros counted.

    Parameters
    ----------
    alphas : array_like of shape (m,)
        Penalty weights, one per row (any order; kept as given).
    coefs : array_like of shape (m, p)
        ``coefs[i, j]`` is coefficient ``j`` at ``alphas[i]``.
    feature_names : list of str
        ``p`` column names.
    decimals : int, default=3
        Decimals the coefficients are rounded to for display (>= 1).
    index_name : str, default="alpha"
        Name of the index.

    Returns
    -------
    pandas.DataFrame
        Index: the alphas. Columns: the rounded coefficients, then ``"zeros"``, the
        number of coefficients in the row that are exactly ``0.0`` *before* rounding.

    Examples
    --------
    >>> t = coef_table([10.0, 1.0], [[0.0, 0.0004], [1.23456, -2.0]], ["a", "b"])
    >>> t["zeros"].tolist()
    [1, 0]
    >>> t.loc[10.0, "b"]  # rounds to 0.0 but is not counted as a zero
    np.float64(0.0)
    """
    alphas, coefs, names = check_path_table(alphas, coefs, feature_names, "alphas")
    if len(set(names)) != len(names) or "zeros" in names:
        raise ValueError("feature_names must be distinct and must not contain 'zeros'")
    decimals = check_positive_int(decimals, "decimals")
    import pandas as pd

    # + 0.0 turns a rounded -0.0 into 0.0, so the table never prints "-0.000"
    table = pd.DataFrame(
        np.round(coefs, decimals) + 0.0, columns=names, index=pd.Index(alphas, name=str(index_name))
    )
    table["zeros"] = (coefs == 0.0).sum(axis=1)
    table.attrs["decimals"] = decimals  # for table_text
    return table


def table_text(table: Any) -> str:
    """A :func:`coef_table` as text, turned on its side so that it fits a printed page.

    Parameters
    ----------
    table : pandas.DataFrame
        As returned by :func:`coef_table`.

    Returns
    -------
    str
        One row per feature and a last row ``zeros``, one column per alpha (labelled with
        the shortest form of the number, ``f"{alpha:g}"``). Coefficients are shown with
        the decimals the table was made with; the zero counts as integers.

    Examples
    --------
    >>> t = coef_table([10.0, 0.5], [[0.0, 1.0], [1.25, -2.0]], ["a", "b"], decimals=2)
    >>> print(table_text(t))
    alpha    10    0.5
    a      0.00   1.25
    b      1.00  -2.00
    zeros     1      0
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame) or "zeros" not in table.columns:
        raise TypeError("table must be a DataFrame made by coef_table (with a 'zeros' column)")
    coefs = table.drop(columns="zeros")
    decimals = int(table.attrs.get("decimals", 3))
    rows = [[f"{v:.{decimals}f}" for v in coefs[name]] for name in coefs.columns]
    rows.append([str(int(k)) for k in table["zeros"]])
    labels = [str(name) for name in coefs.columns] + ["zeros"]
    header = [f"{float(alpha):g}" for alpha in table.index]
    first = max(len(str(table.index.name or "")), *(len(lab) for lab in labels))
    widths = [max(len(h), *(len(r[k]) for r in rows)) + 2 for k, h in enumerate(header)]
    lines = [
        str(table.index.name or "").ljust(first)
        + "".join(h.rjust(w) for h, w in zip(header, widths))
    ]
    for lab, row in zip(labels, rows):
        lines.append(lab.ljust(first) + "".join(v.rjust(w) for v, w in zip(row, widths)))
    return "\n".join(lines)


def _latex_escape(text: str) -> str:
    """``text`` with the characters LaTeX treats specially escaped."""
    out = []
    for char in text:
        if char in "&%$#_{}":
            out.append("\\" + char)
        elif char == "\\":
            out.append(r"\textbackslash{}")
        elif char in "~^":
            out.append(r"\string" + char)
        else:
            out.append(char)
    return "".join(out)


class CoefTable:
    """A coefficient table that displays as a real table in HTML, LaTeX and text.

    Rows are the penalty weights, columns the features and a last column ``zeros``, the
    number of coefficients in the row that are exactly ``0.0`` before rounding. A cell
    whose unrounded coefficient is exactly ``0.0`` shows a grey ``0`` (with the title and
    label ``"exactly zero"`` on the page); every other cell shows the coefficient rounded
    to ``decimals`` places, sign included, so a tiny non-zero shows as ``0.00`` or
    ``-0.00``.

    Parameters
    ----------
    alphas : array_like of shape (m,)
        Penalty weights, one per row (kept in the order given).
    coefs : array_like of shape (m, p)
        ``coefs[i, j]`` is coefficient ``j`` at ``alphas[i]``, unrounded.
    feature_names : list of str
        ``p`` distinct column names (not ``"zeros"``).
    decimals : int, default=3
        Decimals shown (>= 1).
    caption : str, default="Coefficients at each alpha; a grey 0 is exactly zero."
        The table's caption, above it on the web page and in print.
    index_name : str, default="alpha"
        Heading of the first column.

    Attributes
    ----------
    frame : pandas.DataFrame
        The table as :func:`coef_table` makes it (rounded values and the ``zeros`` column).

    Examples
    --------
    >>> t = CoefTable([2.0, 1.0], [[0.0, -1e-9], [1.5, 2.0]], ["a", "b"], decimals=2)
    >>> t.frame["zeros"].tolist()
    [1, 0]
    >>> print(repr(t))
    alpha     2     1
    a      0.00  1.50
    b      0.00  2.00
    zeros     1     0
    >>> "<table" in t._repr_html_() and "exactly zero" in t._repr_html_()
    True
    >>> print(t._repr_latex_().splitlines()[1])
    \\begin{tabular}{r|rr|r}
    """

    def __init__(
        self,
        alphas: ArrayLike,
        coefs: ArrayLike,
        feature_names: list[str],
        *,
        decimals: int = 3,
        caption: str = "Coefficients at each alpha; a grey 0 is exactly zero.",
        index_name: str = "alpha",
    ) -> None:
        if not isinstance(caption, str):
            raise TypeError(f"caption must be a str, got {type(caption).__name__}")
        self.frame = coef_table(
            alphas, coefs, feature_names, decimals=decimals, index_name=index_name
        )
        self._alphas = as_float_vector(alphas, "alphas")
        self._coefs = as_float_matrix(coefs, "coefs")
        self._names = [str(name) for name in feature_names]
        self._decimals = int(self.frame.attrs["decimals"])
        self._index_name = str(index_name)
        self.caption = caption

    def _cells(self) -> list[list[str | None]]:
        """Each coefficient as shown, ``None`` for an exact zero (unrounded ``== 0.0``)."""
        rows: list[list[str | None]] = []
        for row in self._coefs:
            rows.append([None if v == 0.0 else f"{v:.{self._decimals}f}" for v in row])
        return rows

    def __repr__(self) -> str:
        return table_text(self.frame)

    def _repr_html_(self) -> str:
        zero_style = (
            f"table.lessonlib-coef td.exact-zero{{color:{ZERO_COLOUR_LIGHT}}}"
            f"[data-jp-theme-light=false] table.lessonlib-coef td.exact-zero"
            f"{{color:{ZERO_COLOUR_DARK}}}"
        )
        head = "".join(
            f'<th scope="col" style="{_CELL}">{html.escape(name)}</th>'
            for name in [self._index_name, *self._names, "zeros"]
        )
        body = []
        for alpha, cells, zeros in zip(self._alphas, self._cells(), self.frame["zeros"]):
            tds = []
            for cell in cells:
                if cell is None:
                    tds.append(
                        f'<td class="exact-zero" title="{EXACT_ZERO_TEXT}" '
                        f'aria-label="{EXACT_ZERO_TEXT}" style="{_CELL}">0</td>'
                    )
                else:
                    shown = cell.replace("-", _MINUS)
                    tds.append(f'<td style="{_CELL}">{shown}</td>')
            body.append(
                f'<tr><th scope="row" style="{_CELL}">{float(alpha):g}</th>'
                + "".join(tds)
                + f'<td style="{_CELL}">{int(zeros)}</td></tr>'
            )
        return (
            f"<div><style>{zero_style}</style>"
            # 0.85em: twelve columns fit the page's text column (~670 px) at 1280 px
            '<table class="lessonlib-coef" style="border-collapse:collapse;font-size:0.85em;'
            'font-variant-numeric:tabular-nums lining-nums;margin:0 auto">'
            '<caption style="caption-side:top;text-align:left;color:inherit">'
            f"{html.escape(self.caption)}</caption>"
            f"\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
            + "\n".join(body)
            + "\n</tbody></table></div>"
        )

    def _repr_latex_(self) -> str:
        ncols = len(self._names)
        caption = rf"\textit{{{_latex_escape(self.caption)}}}"
        lines = [
            r"\mbox{\footnotesize\setlength{\tabcolsep}{4pt}%",
            r"\begin{tabular}{r|" + "r" * ncols + "|r}",
            # the caption, as on the web page: in print the grey zeros are grey too
            rf"\multicolumn{{{ncols + 2}}}{{l}}{{{caption}}} \\[2pt]",
            r"\hline",
        ]
        header = [self._index_name, *self._names, "zeros"]
        lines.append(" & ".join(_latex_escape(h) for h in header) + r" \\ \hline")
        for alpha, cells, zeros in zip(self._alphas, self._cells(), self.frame["zeros"]):
            shown = [r"\textcolor{gray}{0}" if c is None else c.replace("-", "$-$") for c in cells]
            lines.append(" & ".join([f"{float(alpha):g}", *shown, str(int(zeros))]) + r" \\")
        lines += [r"\hline", r"\end{tabular}}"]
        return "\n".join(lines)
