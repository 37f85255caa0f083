"""The order in which the lasso admits features, and how stable it is under resampling.

One job: read the order of entry off an exact lasso path, and refit the lasso and
ridge on bootstrap resamples of the rows to see how much of that order is a property
of the data set rather than of one sample (used by the chapter "Real data: ridge
shrinks, lasso selects"). The fits come from :mod:`lessonlib.path` (exact, so every
zero is a true ``0.0``); the resamples from ``numpy.random.default_rng(seed)``, so a
chapter re-run prints the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._bootstrap import bootstrap_refits
from lessonlib._centring import center
from lessonlib._validation import (
    check_bool,
    check_entries,
    check_penalty,
    check_positive_int,
    check_seed,
    check_Xy,
)
from lessonlib.path import LassoPath, lasso_homotopy_unchecked
from lessonlib.solvers import ridge_svd

__all__ = ["BootstrapFits", "bootstrap_fits", "entry_alphas"]


def entry_alphas(path: LassoPath) -> list[tuple[int, float]]:
    """Each feature with the alpha at which it *first* became non-zero, in path order.

    Parameters
    ----------
    path : LassoPath
        As returned by :func:`lessonlib.path.lasso_homotopy`.

    Returns
    -------
    list of (int, float)
        ``(feature, alpha)`` pairs, largest alpha first (the order of
        ``path.feature_order``). Later leave and re-enter events are ignored.

    Examples
    --------
    >>> import numpy as np
    >>> from lessonlib.path import lasso_homotopy
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 3))
    >>> y = X @ np.array([2.0, 0.0, -1.0]) + rng.standard_normal(50)
    >>> [(j, round(a, 3)) for j, a in entry_alphas(lasso_homotopy(X, y))]
    [(0, 2.474), (2, 0.568), (1, 0.085)]
    """
    if not isinstance(path, LassoPath):
        raise TypeError(f"path must be a LassoPath, got {type(path).__name__}")
    first: dict[int, float] = {}
    for event in path.events:
        if event.kind == "enter" and event.feature not in first:
            first[event.feature] = float(event.alpha)
    return list(first.items())


@dataclass(frozen=True, eq=False)
class BootstrapFits:
    """Lasso and ridge refitted on bootstrap resamples (see :func:`bootstrap_fits`).

    Attributes
    ----------
    rows : numpy.ndarray of shape (n_boot, n)
        The row indices of each resample.
    feature_orders : list of list of int
        For each resample, the order in which features first entered the lasso path.
    lasso_coefs : numpy.ndarray of shape (n_boot, p)
        Exact lasso coefficients at ``lasso_alpha`` for each resample.
    ridge_coefs : numpy.ndarray of shape (n_boot, p)
        Ridge coefficients at ``ridge_alpha`` for each resample.
    """

    rows: np.ndarray
    feature_orders: list[list[int]]
    lasso_coefs: np.ndarray
    ridge_coefs: np.ndarray


def bootstrap_fits(
    X: ArrayLike,
    y: ArrayLike,
    *,
    lasso_alpha: float,
    ridge_alpha: float,
    n_boot: int = 30,
    seed: int = 0,
    fit_intercept: bool = True,
) -> BootstrapFits:
    """Refit the exact lasso path and a ridge fit on ``n_boot`` bootstrap resamples.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    lasso_alpha : float
        Where to read the lasso coefficients (scikit-learn's ``Lasso`` scale, ``>= 0``).
    ridge_alpha : float
        Ridge penalty weight (scikit-learn's ``Ridge`` scale, ``>= 0``).
    n_boot : int, default=30
        Number of resamples.
    seed : int, default=0
        Seed for ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept.

    Returns
    -------
    BootstrapFits

    Notes
    -----
    Resample ``b`` draws ``n`` row indices uniformly with replacement,
    ``rng.integers(0, n, size=n)``, one resample after the other from one generator (the
    resamples of :func:`lessonlib.topics.selection.bootstrap_indices`, drawn by the same
    code). The columns are used as given (not re-standardised on each resample). ``X``
    and ``y`` are checked once; each resample is fitted without being checked (and
    copied) again, and its lasso path is computed once, for both the order of entry and
    the coefficients at ``lasso_alpha``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> X = rng.standard_normal((40, 3))
    >>> y = X @ np.array([3.0, 0.0, 1.0]) + rng.standard_normal(40)
    >>> boot = bootstrap_fits(X, y, lasso_alpha=0.5, ridge_alpha=1.0, n_boot=5, seed=0)
    >>> boot.lasso_coefs.shape, [order[0] for order in boot.feature_orders]
    ((5, 3), [0, 0, 0, 0, 0])
    >>> int((boot.ridge_coefs == 0.0).sum())
    0
    """
    X, y = check_Xy(X, y)
    lasso_alpha = check_penalty(lasso_alpha, "lasso_alpha")
    ridge_alpha = check_penalty(ridge_alpha, "ridge_alpha")
    n_boot = check_positive_int(n_boot, "n_boot")
    check_entries((n_boot, X.shape[0]), "n_boot")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    seed = check_seed(seed)
    ridge_alphas = np.array([ridge_alpha])

    def fit(Xb: np.ndarray, yb: np.ndarray) -> tuple[list[int], np.ndarray, np.ndarray]:
        # the arguments were checked once above: Xb, yb are not checked again here
        path = lasso_homotopy_unchecked(Xb, yb, fit_intercept, 0.0, None)  # once, read twice
        Xc, yc, _, _ = center(Xb, yb, fit_intercept)
        return path.feature_order, path.at([lasso_alpha])[0][0], ridge_svd(Xc, yc, ridge_alphas)[0]

    rows, fits = bootstrap_refits(X, y, fit, n_boot, seed)
    orders = [order for order, _, _ in fits]
    lasso_rows = np.array([w for _, w, _ in fits])
    return BootstrapFits(rows, orders, lasso_rows, np.array([w for _, _, w in fits]))
