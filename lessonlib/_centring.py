"""Centring that keeps exact zeros: a constant column is zero once centred, not rounding noise.

The computed mean of a constant vector can be off by an ulp (``(0.1 + 0.1 + 0.1) / 3`` is
not ``0.1``), and a column computed as ``x - (x - 0.7)`` is 0.7 only give or take an ulp;
``v - mean(v)`` then leaves noise of ~1e-17 where exact arithmetic gives 0, and a solver
fits it (a constant column entered the lasso path at ``alpha ~ 1e-34`` with a coefficient
of order 1; a constant ``y`` got non-zero slopes).
"""

from __future__ import annotations

import numpy as np

# Entries within this many ulps of the first (relative to the largest) are one value.
CONSTANT_ULPS = 4


def is_constant(a: np.ndarray) -> np.ndarray:
    """Whether each column of ``a`` (or the vector ``a``) is constant to working precision.

    True where every entry is within ``CONSTANT_ULPS`` ulps of the first, measured
    relative to the largest entry of the column.

    Examples
    --------
    >>> x = np.array([0.3, 0.7, 1.9])
    >>> bool(is_constant(x - (x - 0.7))), bool(is_constant(x))
    (True, False)
    """
    with np.errstate(over="ignore", invalid="ignore"):  # an inf difference is not constant
        spread = np.abs(a - a[0])
    return np.all(spread <= CONSTANT_ULPS * np.finfo(float).eps * np.max(np.abs(a), axis=0), axis=0)


def means(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Column means of ``X`` and the mean of ``y``; a constant one is its first value.

    Constant to working precision (:func:`lessonlib._centring.is_constant`): its
    computed mean can be off by an ulp, and centring would leave noise a solver fits.
    """
    X_mean, y_mean = X.mean(axis=0), float(y.mean())
    constant = is_constant(X)
    X_mean[constant] = X[0, constant]
    if is_constant(y):
        y_mean = float(y[0])
    return X_mean, y_mean


def center(
    X: np.ndarray, y: np.ndarray, fit_intercept: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Return centred copies ``Xc, yc`` and the means (zeros when there is no intercept).

    A column of ``X`` (or ``y``) that is constant to working precision (see
    :func:`lessonlib._centring.is_constant`) is exactly zero once centred.
    """
    if fit_intercept:
        X_mean, y_mean = means(X, y)
        Xc, yc = X - X_mean, y - y_mean
        Xc[:, is_constant(X)] = 0.0
        if is_constant(y):
            yc[:] = 0.0
        return Xc, yc, X_mean, y_mean
    return X, y, np.zeros(X.shape[1]), 0.0
