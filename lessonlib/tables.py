"""Coefficient tables: one row per penalty weight, one column per feature.

One job: turn a ``(m, p)`` array of coefficients into a pandas ``DataFrame`` that a
chapter prints, with a column that counts the *exact* zeros of each row. The count is
taken on the unrounded coefficients (``== 0.0``), so a small coefficient that prints as
``0.000`` after rounding is never mistaken for a zero. pandas is imported inside the
function.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_matrix, as_float_vector, check_positive_int

__all__ = ["coef_table", "table_text"]


def coef_table(
    alphas: object,
    coefs: object,
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
    alphas = as_float_vector(alphas, "alphas")
    coefs = as_float_matrix(coefs, "coefs")
    if coefs.shape[0] != alphas.size:
        raise ValueError(
            f"coefs must have one row per alpha ({alphas.size}), got shape {coefs.shape}"
        )
    names = [str(name) for name in feature_names]
    if len(names) != coefs.shape[1]:
        raise ValueError(f"feature_names must have {coefs.shape[1]} names, got {len(names)}")
    if len(set(names)) != len(names) or "zeros" in names:
        raise ValueError("feature_names must be distinct and must not contain 'zeros'")
    decimals = check_positive_int(decimals, "decimals")
    import pandas as pd

    # + 0.0 turns a rounded -0.0 into 0.0, so the table never prints "-0.000"
    table = pd.DataFrame(np.round(coefs, decimals) + 0.0, columns=names,
                         index=pd.Index(alphas, name=str(index_name)))
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
    lines = [str(table.index.name or "").ljust(first)
             + "".join(h.rjust(w) for h, w in zip(header, widths))]
    for lab, row in zip(labels, rows):
        lines.append(lab.ljust(first) + "".join(v.rjust(w) for v, w in zip(row, widths)))
    return "\n".join(lines)
