"""Orthonormal features: lasso, ridge and best subset in closed form.

The chapter "Orthonormal features" uses this module.

One job: the three thresholding rules for a design with ``X^T X = I``, the brute-force
best-subset fit that checks the third one, and how often the lasso's rule gives an exact
zero when the data are noisy (:func:`zero_probability`, :func:`zero_frequency`,
:func:`two_feature_zero_probability`).

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
    check_entries,
    check_fraction,
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
    "two_feature_zero_probability",
    "zero_frequency",
    "zero_probability",
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
    check_entries((n_samples, n_features), "n_samples x n_features")
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


def zero_probability(beta: ArrayLike, sigma: float, lam: float) -> np.ndarray:
    """The probability that each lasso coefficient is exactly 0, for ``X^T X = I``.

    Parameters
    ----------
    beta : array_like of shape (p,)
        True coefficients of ``y = c + X beta + e``, ``e ~ N(0, sigma^2 I)``.
    sigma : float
        Noise standard deviation, ``> 0``.
    lam : float
        Lasso penalty in the article's scaling (threshold ``kappa = lam / 2``), ``>= 0``.

    Returns
    -------
    numpy.ndarray of shape (p,)

    Notes
    -----
    With centred orthonormal columns, :math:`z = X^\\top y = \\beta + X^\\top e` and
    :math:`X^\\top e \\sim N(0, \\sigma^2 I)`, so the :math:`z_j \\sim N(\\beta_j, \\sigma^2)` are
    independent, and the soft-threshold gives :math:`\\hat w_j = 0` exactly when
    :math:`|z_j| \\le \\kappa`:

    .. math:: P(\\hat w_j = 0) = \\Phi\\Bigl(\\frac{\\kappa - \\beta_j}{\\sigma}\\Bigr)
              - \\Phi\\Bigl(\\frac{-\\kappa - \\beta_j}{\\sigma}\\Bigr).

    Examples
    --------
    >>> zero_probability([0.0, 1.0], 1.0, 2.0).round(4).tolist()  # kappa = sigma
    [0.6827, 0.4772]
    """
    from scipy.special import ndtr

    beta = as_float_vector(beta, "beta")
    sigma = check_penalty(sigma, "sigma", allow_zero=False)
    kappa = check_penalty(lam, "lam") / 2
    return np.asarray(ndtr((kappa - beta) / sigma) - ndtr((-kappa - beta) / sigma))


def zero_frequency(
    X: ArrayLike, beta: ArrayLike, sigma: float, lam: float, *, n_sims: int = 20_000, seed: int = 0
) -> np.ndarray:
    """Monte Carlo: the share of simulated data sets in which each lasso coefficient is 0.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Centred orthonormal design (``X^T X = I``).
    beta : array_like of shape (p,)
        True coefficients.
    sigma : float
        Noise standard deviation, ``> 0``.
    lam : float
        Lasso penalty in the article's scaling, ``>= 0``.
    n_sims : int, default=20_000
        Simulated data sets ``y = X beta + e``.
    seed : int, default=0
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    numpy.ndarray of shape (p,)
        The share of data sets with ``lasso_orthonormal(X^T y, lam)[j] == 0.0``.

    Examples
    --------
    >>> X = orthonormal_design(30, 2, seed=1)
    >>> zero_frequency(X, [0.0, 5.0], 1.0, 2.0, n_sims=2000).round(2).tolist()
    [0.69, 0.0]
    """
    X = as_float_matrix(X, "X")
    beta = as_float_vector(beta, "beta")
    if beta.size != X.shape[1]:
        raise ValueError(f"beta must have one entry per column of X ({X.shape[1]}): {beta.size}")
    sigma = check_penalty(sigma, "sigma", allow_zero=False)
    lam = check_penalty(lam, "lam")
    n_sims = check_positive_int(n_sims, "n_sims")
    check_entries((n_sims, X.shape[0]), "n_sims")
    rng = np.random.default_rng(check_seed(seed))
    Y = X @ beta + sigma * rng.standard_normal((n_sims, X.shape[0]))
    Z = Y @ X  # one row z = X^T y per data set
    return np.mean(np.abs(Z) <= lam / 2, axis=0)


def two_feature_zero_probability(fraction: float) -> float:
    """P(a zero) for two orthonormal features, budget ``fraction * ||w_ols||_1``, isotropic data.

    Parameters
    ----------
    fraction : float
        Budget ``t = fraction * ||w_ols||_1``, strictly between 0 and 1.

    Returns
    -------
    float
        :math:`\\frac{4}{\\pi}\\arctan\\frac{1 - f}{1 + f}`.

    Notes
    -----
    With ``H = I`` the constrained solution soft-thresholds both coordinates by the amount
    that uses up the budget; it has a zero exactly when
    :math:`f(|z_1| + |z_2|) \\le \\bigl||z_1| - |z_2|\\bigr|`, a condition on the direction of
    :math:`z` alone: within each quadrant, the tangent of the angle from the nearer axis is at
    most :math:`(1 - f)/(1 + f)`. If that direction is uniform, the eight sectors that meet
    the condition cover :math:`\\frac{8}{2\\pi}\\arctan\\frac{1 - f}{1 + f}` of the circle.

    Examples
    --------
    >>> round(two_feature_zero_probability(0.5), 4)
    0.4097
    """
    f = check_fraction(fraction, "fraction")
    if not 0 < f < 1:
        raise ValueError(f"fraction must be strictly between 0 and 1, got {f}")
    return float(4 / np.pi * np.arctan((1 - f) / (1 + f)))
