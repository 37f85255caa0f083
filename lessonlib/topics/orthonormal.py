"""Orthonormal features: lasso, ridge and best subset in closed form.

The chapter "Orthonormal features" uses this module.

One job: the three thresholding rules for a design with ``X^T X = I``, and the brute-force
best-subset fit that checks the third one.

The chapter uses the article's scaling, with the SSE unscaled::

    lasso        SSE(w) + lam * ||w||_1      ->  w_j = soft_threshold(z_j, lam / 2)
    ridge        SSE(w) + lam * ||w||_2^2    ->  w_j = z_j / (1 + lam)
    best subset  SSE(w) + lam0 * ||w||_0     ->  w_j = z_j * 1(|z_j| > sqrt(lam0))

where ``z = X^T y`` is the least-squares estimate and ``||w||_0`` counts the non-zero
coefficients. They follow from ``SSE(w) = sum_j (w_j - z_j)^2 + const`` when
``X^T X = I``: the loss separates into one-dimensional problems. scikit-learn's
``Lasso`` uses ``alpha = lam / (2n)``, its ``Ridge`` ``alpha = lam``.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_penalty,
    check_positive_int,
    check_same_length,
    check_seed,
)
from lessonlib.simple import soft_threshold

__all__ = [
    "best_subset_bruteforce",
    "best_subset_orthonormal",
    "hard_threshold",
    "lasso_orthonormal",
    "orthonormal_design",
    "ridge_orthonormal",
]


def orthonormal_design(n_samples: int, n_features: int, *, seed: int = 0) -> np.ndarray:
    """A seeded design with centred columns and ``X^T X = I``.

    Parameters
    ----------
    n_samples : int
        Rows, > ``n_features`` (centring uses up one dimension).
    n_features : int
        Columns, >= 1.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    numpy.ndarray of shape (n_samples, n_features)

    Notes
    -----
    A standard normal matrix is centred column by column and orthonormalised by a QR
    decomposition. The columns of ``Q`` span the same space as the centred columns, all
    orthogonal to the vector of ones, so they stay centred.

    Examples
    --------
    >>> X = orthonormal_design(20, 3, seed=1)
    >>> bool(np.allclose(X.T @ X, np.eye(3))), bool(np.allclose(X.sum(axis=0), 0.0))
    (True, True)
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_features = check_positive_int(n_features, "n_features")
    if n_samples <= n_features:
        raise ValueError(f"n_samples must be > n_features = {n_features}, got {n_samples}")
    Z = np.random.default_rng(check_seed(seed)).standard_normal((n_samples, n_features))
    Q, R = np.linalg.qr(Z - Z.mean(axis=0))
    return Q * np.sign(np.diag(R))  # fix the signs so each column follows its draw


def hard_threshold(z: ArrayLike, threshold: float) -> np.ndarray:
    """Keep ``z`` where ``|z| > threshold``, set it to exactly 0.0 elsewhere.

    Parameters
    ----------
    z : array_like of shape (p,)
        Least-squares coefficients ``X^T y``.
    threshold : float
        >= 0.

    Returns
    -------
    numpy.ndarray of shape (p,)

    Examples
    --------
    >>> hard_threshold([-2.0, 0.5, 1.0, 3.0], 1.0).tolist()
    [-2.0, 0.0, 0.0, 3.0]
    """
    z = as_float_vector(z, "z")
    threshold = check_penalty(threshold, "threshold")
    return np.where(np.abs(z) > threshold, z, 0.0)


def lasso_orthonormal(z: ArrayLike, lam: float) -> np.ndarray:
    """Lasso for ``X^T X = I``, loss ``SSE + lam ||w||_1``: ``soft_threshold(z, lam/2)``.

    Parameters
    ----------
    z : array_like
        Least-squares coefficients ``X^T y``.
    lam : float
        Penalty weight in the article's scaling (``>= 0``).

    Returns
    -------
    numpy.ndarray
        The lasso coefficients.

    Examples
    --------
    >>> lasso_orthonormal([-2.0, 0.5, 3.0], 2.0).tolist()
    [-1.0, 0.0, 2.0]
    """
    z = as_float_vector(z, "z")
    lam = check_penalty(lam, "lam")
    return np.asarray(soft_threshold(z, lam / 2), dtype=float)


def ridge_orthonormal(z: ArrayLike, lam: float) -> np.ndarray:
    """Ridge for ``X^T X = I``, loss ``SSE + lam ||w||_2^2``: ``z / (1 + lam)``.

    Parameters
    ----------
    z : array_like
        Least-squares coefficients ``X^T y``.
    lam : float
        Penalty weight in the article's scaling (``>= 0``).

    Returns
    -------
    numpy.ndarray
        The ridge coefficients.

    Examples
    --------
    >>> ridge_orthonormal([-2.0, 0.5, 3.0], 1.0).tolist()
    [-1.0, 0.25, 1.5]
    """
    z = as_float_vector(z, "z")
    lam = check_penalty(lam, "lam")
    return z / (1 + lam)


def best_subset_orthonormal(z: ArrayLike, lam0: float) -> np.ndarray:
    """Best subset for ``X^T X = I``, loss ``SSE + lam0 ||w||_0``: hard threshold at ``sqrt(lam0)``.

    Parameters
    ----------
    z : array_like
        Least-squares coefficients ``X^T y``.
    lam0 : float
        Price of each non-zero coefficient (``>= 0``).

    Returns
    -------
    numpy.ndarray
        ``z`` where ``|z| > sqrt(lam0)``, exactly 0.0 elsewhere.

    Examples
    --------
    >>> best_subset_orthonormal([-2.0, 0.5, 3.0], 1.0).tolist()
    [-2.0, 0.0, 3.0]
    """
    z = as_float_vector(z, "z")
    lam0 = check_penalty(lam0, "lam0")
    return hard_threshold(z, np.sqrt(lam0))


def best_subset_bruteforce(X: ArrayLike, y: ArrayLike, lam0: float) -> tuple[np.ndarray, tuple]:
    """Minimise ``SSE(w) + lam0 * ||w||_0`` by trying every subset of features.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features, p <= 20 (there are 2**p subsets). Any design, orthonormal or not.
    y : array_like of shape (n,)
        Response.
    lam0 : float
        Price of each non-zero coefficient, >= 0.

    Returns
    -------
    coef : numpy.ndarray of shape (p,)
        Least squares on the best subset, exactly 0.0 off it.
    support : tuple of int
        The best subset (ties go to the smaller subset found first).

    Notes
    -----
    ``X`` and ``y`` are centred first (an unpenalised intercept), and each subset is
    fitted by least squares (``numpy.linalg.lstsq``).

    Examples
    --------
    >>> X = orthonormal_design(30, 4, seed=0)
    >>> y = X @ np.array([3.0, 0.2, -2.0, 0.0])
    >>> coef, support = best_subset_bruteforce(X, y, 1.0)
    >>> support, np.round(coef, 6).tolist()
    ((0, 2), [3.0, 0.0, -2.0, 0.0])
    """
    X = as_float_matrix(X, "X", min_rows=2)
    y = as_float_vector(y, "y", min_length=2)
    check_same_length(X, y, "X", "y")
    lam0 = check_penalty(lam0, "lam0")
    p = X.shape[1]
    if p > 20:
        raise ValueError(f"X must have at most 20 columns for brute force, got {p}")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    best_value, best_coef = np.inf, np.zeros(p)
    best_support: tuple[int, ...] = ()
    for size in range(p + 1):
        for support in itertools.combinations(range(p), size):
            coef = np.zeros(p)
            if support:
                cols = list(support)
                coef[cols] = np.linalg.lstsq(Xc[:, cols], yc, rcond=None)[0]
            value = float(np.sum((yc - Xc @ coef) ** 2)) + lam0 * size
            if value < best_value:
                best_value, best_support, best_coef = value, support, coef
    return best_coef, best_support
