"""Bootstrap resampling of rows, written once.

The chapters refit on bootstrap resamples in two places: the order of entry of the
lasso path (:func:`lessonlib.topics.entry_order.bootstrap_fits`) and the selection
frequencies of the lasso, the elastic net and ridge
(:func:`lessonlib.topics.selection.resample_coefs`). Both draw their resamples and
loop over them here. The arguments are already checked by those public functions
(scikit-learn's ``check_input=False`` pattern), so nothing is validated again per
resample.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def draw_rows(n: int, n_resamples: int, seed: int) -> np.ndarray:
    """Row indices of ``n_resamples`` bootstrap samples of ``n`` rows, one per row.

    Parameters
    ----------
    n : int
        Number of rows of the data.
    n_resamples : int
        Number of resamples.
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    numpy.ndarray of shape (n_resamples, n), dtype int
        ``numpy.random.default_rng(seed).integers(0, n, size=(n_resamples, n))``: the
        same draws as ``n_resamples`` successive calls ``rng.integers(0, n, size=n)``.

    Examples
    --------
    >>> draw_rows(4, 2, seed=0).shape
    (2, 4)
    """
    return np.random.default_rng(seed).integers(0, n, size=(n_resamples, n))


def bootstrap_refits(
    X: np.ndarray,
    y: np.ndarray,
    fit: Callable[[np.ndarray, np.ndarray], T],
    n_resamples: int,
    seed: int,
) -> tuple[np.ndarray, list[T]]:
    """Draw seeded bootstrap resamples of the rows of ``X, y`` and apply ``fit`` to each.

    Parameters
    ----------
    X : numpy.ndarray of shape (n, p)
        Features, already checked.
    y : numpy.ndarray of shape (n,)
        Response, already checked.
    fit : callable
        ``fit(X_b, y_b)`` for the rows of one resample; its result is collected.
    n_resamples : int
        Number of resamples (``>= 1``).
    seed : int
        Seed of :func:`draw_rows`.

    Returns
    -------
    rows : numpy.ndarray of shape (n_resamples, n)
        The row indices of each resample (:func:`draw_rows`).
    fits : list
        ``fit(X[rows[b]], y[rows[b]])`` for ``b = 0, 1, ...``, in order.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.arange(8.0).reshape(4, 2); y = np.arange(4.0)
    >>> rows, means = bootstrap_refits(X, y, lambda Xb, yb: float(yb.mean()), 3, seed=0)
    >>> rows.shape, bool(np.allclose(means, y[rows].mean(axis=1)))
    ((3, 4), True)
    """
    rows = draw_rows(X.shape[0], n_resamples, seed)
    return rows, [fit(X[r], y[r]) for r in rows]
