"""Which features does a penalised fit select, and how stable is that choice?

One job: refit the lasso, the elastic net and ridge on many seeded bootstrap resamples
of the same data, so a chapter can measure how often each feature is selected (used by
the chapter "Correlated features and the elastic net").

* :func:`bootstrap_indices` -- the seeded resamples (rows drawn with replacement).
* :func:`resample_coefs` -- the coefficients of one method on every resample.
* :func:`selection_frequency` -- the share of resamples in which a coefficient is
  exactly non-zero.
* :func:`within_group_spread` -- how different the coefficients of one correlated group
  are (largest minus smallest), the quantity behind the elastic net's grouping effect.

Objectives are scikit-learn's (see :mod:`lessonlib.solvers`); every fit has an
unpenalised intercept. The lasso and the elastic net are solved *exactly* by the
homotopy of :mod:`lessonlib.path`, so a zero is a true zero and not a solver artefact.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._bootstrap import bootstrap_refits, draw_rows
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_choice,
    check_entries,
    check_fraction,
    check_penalty,
    check_positive_int,
    check_seed,
    check_Xy,
)
from lessonlib.path import lasso_homotopy_unchecked
from lessonlib.scale import enet_alphas
from lessonlib.solvers import ridge_svd

__all__ = [
    "METHODS",
    "bootstrap_indices",
    "resample_coefs",
    "selection_frequency",
    "within_group_spread",
]

METHODS = ("lasso", "enet", "ridge")


def bootstrap_indices(n: int, n_resamples: int = 200, seed: int = 0) -> np.ndarray:
    """Row indices of ``n_resamples`` bootstrap samples of ``n`` rows.

    Parameters
    ----------
    n : int
        Number of rows of the data (>= 2).
    n_resamples : int, default=200
        Number of resamples.
    seed : int, default=0
        Seed for ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    numpy.ndarray of shape (n_resamples, n), dtype int
        Row ``b`` lists the rows of resample ``b``: ``n`` draws with replacement,
        ``numpy.random.default_rng(seed).integers(0, n, size=(n_resamples, n))``.

    Examples
    --------
    >>> idx = bootstrap_indices(5, n_resamples=3, seed=0)
    >>> idx.shape
    (3, 5)
    >>> bool((idx == bootstrap_indices(5, n_resamples=3, seed=0)).all())
    True
    """
    n = _check_n_rows(n)
    n_resamples = check_positive_int(n_resamples, "n_resamples")
    check_entries((n_resamples, n), "n_resamples x n")
    return draw_rows(n, n_resamples, check_seed(seed))


def _check_n_rows(n: object) -> int:
    """``n``, checked: a positive int, and >= 2 (one row cannot be resampled)."""
    n = check_positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be >= 2 to resample, got {n}")
    return n


def _lasso_exact(Xc: np.ndarray, yc: np.ndarray, alpha: float) -> np.ndarray:
    """The lasso on centred (checked) data at ``alpha``, by the exact homotopy."""
    return lasso_homotopy_unchecked(Xc, yc, False, alpha, None).at([alpha])[0][0]


def _enet_exact(Xc: np.ndarray, yc: np.ndarray, alpha: float, l1_ratio: float) -> np.ndarray:
    """The elastic net on centred data, as a lasso on augmented data (solved exactly)."""
    n, p = Xc.shape
    a1, a2 = enet_alphas(alpha, l1_ratio)
    if a2 == 0.0:
        return _lasso_exact(Xc, yc, a1)
    X_aug = np.vstack([Xc, np.sqrt(n * a2) * np.eye(p)])
    y_aug = np.concatenate([yc, np.zeros(p)])
    return _lasso_exact(X_aug, y_aug, a1 * n / (n + p))


def resample_coefs(
    X: ArrayLike,
    y: ArrayLike,
    method: str,
    alpha: float,
    *,
    l1_ratio: float = 0.5,
    n_resamples: int = 200,
    seed: int = 0,
) -> np.ndarray:
    """Fit one method on every bootstrap resample; return the coefficients.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    method : {"lasso", "enet", "ridge"}
        Which penalised fit (scikit-learn's objectives, with an unpenalised intercept).
    alpha : float
        Penalty weight (> 0), on scikit-learn's scale for that method: ``1/(2n)`` loss
        for the lasso and the elastic net, sum of squares for ridge.
    l1_ratio : float in (0, 1], default=0.5
        Share of the L1 penalty, used by ``"enet"`` only.
    n_resamples : int, default=200
        Number of bootstrap resamples.
    seed : int, default=0
        Seed of :func:`bootstrap_indices`.

    Returns
    -------
    numpy.ndarray of shape (n_resamples, p)
        Row ``b`` holds the coefficients fitted on resample ``b``.

    Raises
    ------
    ValueError
        For an unknown ``method`` or an out-of-range ``alpha`` / ``l1_ratio``; and, for
        the lasso, when a resample makes one column a linear combination of others (for
        example a binary column that is constant in the resample), where the lasso
        solution may not be unique (see :func:`lessonlib.path.lasso_path`).

    Notes
    -----
    Each resample is centred (the intercept is unpenalised), then:

    * lasso: the exact homotopy solution :func:`lessonlib.path.lasso_path` at ``alpha``;
    * elastic net: with :math:`\\alpha_1 = \\alpha\\,\\text{l1\\_ratio}` and
      :math:`\\alpha_2 = \\alpha(1 - \\text{l1\\_ratio})`, the objective
      :math:`\\frac{1}{2n}\\|y_c - X_c w\\|^2 + \\alpha_1\\|w\\|_1 + \\frac{\\alpha_2}{2}\\|w\\|^2`
      equals the lasso objective of the augmented data
      :math:`X^* = \\begin{bmatrix} X_c \\\\ \\sqrt{n\\alpha_2}\\,I \\end{bmatrix}`,
      :math:`y^* = \\begin{bmatrix} y_c \\\\ 0 \\end{bmatrix}` (``n + p`` rows) at
      :math:`\\alpha^* = \\alpha_1 n / (n + p)` -- the extra rows add
      :math:`n\\alpha_2\\|w\\|^2` to the squared error -- so it too is solved exactly
      by the homotopy;
    * ridge: the closed form :math:`(X_c^\\top X_c + \\alpha I)^{-1} X_c^\\top y_c`,
      computed from the SVD of :math:`X_c` (:func:`lessonlib.solvers.ridge`), never from
      the normal equations: with two equal columns and a tiny ``alpha`` those are
      singular to working precision, and the two coefficients came out unequal.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 3))
    >>> y = X @ np.array([2.0, 0.0, -1.0]) + rng.standard_normal(40)
    >>> C = resample_coefs(X, y, "lasso", 0.1, n_resamples=4)
    >>> C.shape
    (4, 3)
    >>> selection_frequency(C).tolist()  # feature 1 (true coefficient 0) in 1 of 4
    [1.0, 0.25, 1.0]
    """
    X, y = check_Xy(X, y)
    method = check_choice(method, "method", METHODS)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    l1_ratio = check_fraction(l1_ratio, "l1_ratio")
    if method == "enet" and l1_ratio == 0.0:
        raise ValueError("l1_ratio must be in (0, 1] for the elastic net, got 0.0; use 'ridge'")
    _check_n_rows(X.shape[0])
    n_resamples = check_positive_int(n_resamples, "n_resamples")
    check_entries((n_resamples, X.shape[0]), "n_resamples")
    seed = check_seed(seed)
    ridge_alphas = np.array([alpha])

    def fit(Xb: np.ndarray, yb: np.ndarray) -> np.ndarray:
        Xc, yc = Xb - Xb.mean(axis=0), yb - yb.mean()
        if method == "lasso":
            return _lasso_exact(Xc, yc, alpha)
        if method == "enet":
            return _enet_exact(Xc, yc, alpha, l1_ratio)
        return ridge_svd(Xc, yc, ridge_alphas)[0]

    _, coefs = bootstrap_refits(X, y, fit, n_resamples, seed)
    return np.array(coefs)


def selection_frequency(coefs: ArrayLike) -> np.ndarray:
    """Share of rows in which each coefficient is exactly non-zero.

    Parameters
    ----------
    coefs : array_like of shape (n_resamples, p)
        Coefficients, one row per resample (as from :func:`resample_coefs`).

    Returns
    -------
    numpy.ndarray of shape (p,)
        ``mean(coefs != 0.0, axis=0)``: an exact test, no threshold.

    Examples
    --------
    >>> selection_frequency([[1.0, 0.0], [0.5, 0.0], [0.0, 1e-300]]).round(3).tolist()
    [0.667, 0.333]
    """
    coefs = as_float_matrix(coefs, "coefs")
    return (coefs != 0.0).mean(axis=0)


def within_group_spread(coefs: ArrayLike, groups: list[list[int]]) -> np.ndarray:
    """Largest minus smallest coefficient within each group, for each row.

    Parameters
    ----------
    coefs : array_like of shape (m, p) or (p,)
        Coefficients, one row per fit.
    groups : list of list of int
        Column indices of each group (each group with at least one column).

    Returns
    -------
    numpy.ndarray of shape (m, len(groups)) (or (len(groups),) for 1-D ``coefs``)
        ``max_j w_j - min_j w_j`` over the columns ``j`` of each group: 0 when a group's
        coefficients are all equal.

    Examples
    --------
    >>> within_group_spread([1.0, 0.5, 0.0, -2.0, -2.0], [[0, 1, 2], [3, 4]]).tolist()
    [1.0, 0.0]
    """
    one_row = np.ndim(coefs) == 1
    coefs = as_float_vector(coefs, "coefs")[None, :] if one_row else as_float_matrix(coefs, "coefs")
    p = coefs.shape[1]
    if not groups or any(len(g) == 0 for g in groups):
        raise ValueError("groups must be a non-empty list of non-empty lists of column indices")
    for g in groups:
        if any(not isinstance(j, (int, np.integer)) or not 0 <= j < p for j in g):
            raise ValueError(f"groups must hold column indices in [0, {p}), got {list(g)}")
    spread = np.column_stack([coefs[:, g].max(axis=1) - coefs[:, g].min(axis=1) for g in groups])
    return spread[0] if one_row else spread
