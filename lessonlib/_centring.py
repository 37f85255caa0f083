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
# Far above the subnormals, far below any data (see _varying).
_TINY = 2.0**-900
# The step of _varying's certificate, relative to max(|x_0|, _TINY): 2 * CONSTANT_ULPS * eps.
_STEP = 2 * CONSTANT_ULPS * np.finfo(float).eps


def is_constant(a: np.ndarray) -> np.ndarray:
    """Whether each column of ``a`` (or the vector ``a``) is constant to working precision.

    True where every entry is within ``CONSTANT_ULPS`` ulps of the first, measured
    relative to the largest entry of the column. ``a`` is finite (the callers validate it).

    Examples
    --------
    >>> x = np.array([0.3, 0.7, 1.9])
    >>> bool(is_constant(x - (x - 0.7))), bool(is_constant(x))
    (True, False)
    """
    if a.shape[0] < 2:
        return _within_ulps(a)
    if a.ndim == 1:  # _varying's certificate on two Python floats (an overflow gives inf)
        x0, x1 = a.item(0), a.item(1)
        varies = abs(x1 - x0) > _STEP * max(abs(x0), _TINY)
        return np.asarray(False) if varies else _within_ulps(a)
    # most columns are settled by their first two entries; only the others are read in full
    maybe = ~_varying(a)
    if np.count_nonzero(maybe):  # (cheaper than maybe.any())
        maybe[maybe] = _within_ulps(a[:, maybe])
    return maybe


def _within_ulps(a: np.ndarray) -> np.ndarray:
    """The definition of :func:`is_constant`, read off every entry."""
    with np.errstate(over="ignore", invalid="ignore"):  # an inf difference is not constant
        spread = np.abs(a - a[0])
    return np.all(spread <= CONSTANT_ULPS * np.finfo(float).eps * np.max(np.abs(a), axis=0), axis=0)


def _varying(a: np.ndarray) -> np.ndarray:
    """Columns that the first two entries alone prove not constant (a cheap certificate).

    Write ``c = CONSTANT_ULPS * eps``, ``M = max|x|`` for a column ``x`` and
    ``m = 2**-900``. If the column is constant, its largest entry is within ``c M``
    (rounded) of ``x_0``: so ``M <= |x_0| / (1 - 2 c)`` when ``|x_0| >= m``, and
    ``M < 2 m`` otherwise, and either way ``|x_1 - x_0| <= c M <= 2 c max(|x_0|, m)``,
    every bound a power of two times a number far from the subnormals (so computed
    exactly). A larger ``|x_1 - x_0|`` (the floating-point difference
    :func:`_within_ulps` computes too) proves the column not constant.
    """
    with np.errstate(over="ignore"):  # an inf difference varies
        step = np.abs(a[1] - a[0])
    return step > _STEP * np.maximum(np.abs(a[0]), _TINY)


def _column_sums(X: np.ndarray) -> np.ndarray:
    """``numpy.add.reduce(X, axis=0)``, the same bits, at half its cost on a narrow C-ordered X.

    On a C-ordered ``X`` with two or more columns both add the rows one after another
    (``add.reduce`` sums a single column pairwise, and a column of an F-ordered ``X`` too),
    and ``einsum`` does it without the reduction's overhead per row.
    """
    if X.flags.c_contiguous and X.shape[1] > 1:
        return np.einsum("ij->j", X)
    return np.add.reduce(X, axis=0)


def _means_and_constants(
    X: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray, bool]:
    """The means of :func:`means`, and which columns of ``X`` (and whether ``y``) are constant.

    (The sums divided by ``n`` are the bits of ``X.mean(axis=0)`` and ``y.mean()``, without
    their Python-level overhead.)
    """
    n = X.shape[0]
    constant, y_constant = is_constant(X), bool(is_constant(y))
    X_mean, y_mean = _column_sums(X) / n, float(np.add.reduce(y) / n)
    if np.count_nonzero(constant):
        X_mean[constant] = X[0, constant]
    if y_constant:
        y_mean = float(y[0])
    return X_mean, y_mean, constant, y_constant


def means(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Column means of ``X`` and the mean of ``y``; a constant one is its first value.

    Constant to working precision (:func:`lessonlib._centring.is_constant`): its
    computed mean can be off by an ulp, and centring would leave noise a solver fits.
    """
    X_mean, y_mean, _, _ = _means_and_constants(X, y)
    return X_mean, y_mean


def center(
    X: np.ndarray, y: np.ndarray, fit_intercept: bool, *, copy: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Return centred copies ``Xc, yc`` and the means (zeros when there is no intercept).

    A column of ``X`` (or ``y``) that is constant to working precision (see
    :func:`lessonlib._centring.is_constant`) is exactly zero once centred. With
    ``copy=False`` (for a caller that owns ``X`` and ``y``) they are centred in place
    and returned: the same numbers, without a second array of the size of ``X``.
    """
    if fit_intercept:
        X_mean, y_mean, constant, y_constant = _means_and_constants(X, y)
        if copy:
            Xc, yc = X - X_mean, y - y_mean
        else:
            Xc, yc = np.subtract(X, X_mean, out=X), np.subtract(y, y_mean, out=y)
        if np.count_nonzero(constant):
            Xc[:, constant] = 0.0
        if y_constant:
            yc[:] = 0.0
        return Xc, yc, X_mean, y_mean
    return X, y, np.zeros(X.shape[1]), 0.0
