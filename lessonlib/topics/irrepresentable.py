"""The irrepresentable condition of Zhao and Yu (2006) for a design and a true support.

One job: say how well the features outside the true support are "represented" by those
inside it, the quantity behind the lasso's sign consistency (used by the chapter
"Correlated features and the elastic net").

* :func:`irrepresentable_values` -- the entries
  :math:`\\lvert C_{S^cS} C_{SS}^{-1} \\operatorname{sign}(\\beta_S)\\rvert`, one per feature
  outside the support :math:`S`, with :math:`C = X_c^\\top X_c / n` (centred columns).

The strong irrepresentable condition asks that every entry is at most :math:`1 - \\eta`
for some :math:`\\eta > 0`; under it (and conditions on :math:`n`, :math:`p`, the penalty
and the size of the true coefficients) the lasso recovers :math:`S` with the right signs
with probability tending to one as :math:`n \\to \\infty`; if some entry exceeds 1, it
does not (Zhao and Yu 2006, Theorems 1 to 4).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_matrix, as_float_vector

__all__ = ["irrepresentable_values"]


def irrepresentable_values(X: ArrayLike, support: ArrayLike, signs: ArrayLike) -> np.ndarray:
    """The irrepresentable quantities of the features outside the true support.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred here; the scale of the rows cancels).
    support : array_like of int
        The indices :math:`S` of the features whose true coefficients are non-zero: distinct,
        in ``[0, p)``, at least one and fewer than ``p``.
    signs : array_like of shape (len(support),)
        The signs of the true coefficients on ``support``, each ``+1`` or ``-1``.

    Returns
    -------
    numpy.ndarray of shape (p - len(support),)
        :math:`\\lvert C_{S^cS} C_{SS}^{-1} s_S\\rvert` for the features outside ``support``,
        in increasing index order, with :math:`C = X_c^\\top X_c / n`. The strong
        irrepresentable condition holds when the largest entry is below 1.

    Raises
    ------
    ValueError
        If ``support`` or ``signs`` is malformed, or :math:`C_{SS}` is singular.

    Examples
    --------
    Two features, the support the first: the value is :math:`\\lvert C_{10}/C_{00}\\rvert`,
    here :math:`(1 + 1 - 0.5 - 0.5)/4 = 0.25`.

    >>> import numpy as np
    >>> X = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -0.5], [-1.0, 0.5]])
    >>> irrepresentable_values(X, [0], [1.0]).round(4).tolist()
    [0.25]
    """
    X = as_float_matrix(X, "X", min_rows=2)
    n, p = X.shape
    S = np.asarray(support)
    if S.ndim != 1 or S.size == 0 or not np.issubdtype(S.dtype, np.integer):
        raise ValueError(f"support must be a non-empty 1-D array of ints, got {support!r}")
    if S.size >= p or np.unique(S).size != S.size or S.min() < 0 or S.max() >= p:
        raise ValueError(
            f"support must hold distinct indices in [0, {p}) and leave at least "
            f"one feature out, got {S.tolist()}"
        )
    s = as_float_vector(signs, "signs")
    if s.size != S.size or not np.all(np.abs(s) == 1.0):
        raise ValueError(f"signs must be {S.size} values of +1 or -1, got {s.tolist()}")
    Xc = X - X.mean(axis=0)
    C = Xc.T @ Xc / n
    out = np.setdiff1d(np.arange(p), S)
    C_SS = C[np.ix_(S, S)]
    if np.linalg.matrix_rank(C_SS) < S.size:
        raise ValueError("X: the columns in support are linearly dependent (C_SS is singular)")
    return np.abs(C[np.ix_(out, S)] @ np.linalg.solve(C_SS, s))
