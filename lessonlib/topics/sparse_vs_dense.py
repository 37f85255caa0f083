"""When does the lasso beat ridge? Test error on a sparse and on a dense truth.

A simulation in the style of James et al., *An Introduction to Statistical Learning*,
Figures 6.8 and 6.9: draw many training sets from ``y = X beta + noise`` with
independent standard normal features, fit the lasso and ridge over a grid of penalties,
and record the test error and the training ``r^2``. Whether ``beta`` has few non-zero
entries (sparse) or many (dense) decides which penalty wins.

Because the features of a new observation are standard normal and independent of the
training data, and the true intercept is 0, the expected test error of a fit with
intercept ``c`` and coefficients ``w`` is exact, with no test sample needed:

    E[(y_new - c - x_new @ w)**2] = noise**2 + c**2 + ||w - beta||^2.

:func:`lasso_ridge_test_error` averages that error over the data sets at every penalty of
a grid, whose best point is an oracle's choice; :func:`validated_test_error` lets a
validation sample choose each method's penalty, as a user must, and records which
features the lasso keeps there. The features are drawn with mean 0 and variance 1, so
they are on one scale already and are not standardised again in each sample.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_vector,
    check_entries,
    check_positive_int,
    check_std,
)

__all__ = [
    "SparseDenseResult",
    "ValidatedResult",
    "lasso_ridge_test_error",
    "validated_test_error",
]


@dataclass(frozen=True)
class SparseDenseResult:
    """Mean test error and training ``r^2`` of the lasso and ridge over simulated data sets.

    Attributes
    ----------
    beta : numpy.ndarray of shape (p,)
        The true coefficients.
    noise_var : float
        ``noise**2``, the lowest possible test error.
    lasso_alphas, ridge_alphas : numpy.ndarray of shape (k,) and (l,)
        Each method's own penalty grid (scikit-learn's scalings).
    lasso_test_mse, ridge_test_mse : numpy.ndarray of shape (k,) and (l,)
        Expected test error, averaged over the data sets.
    lasso_train_r2, ridge_train_r2 : numpy.ndarray of shape (k,) and (l,)
        ``1 - SSE / S_yy`` on the training data, averaged over the data sets.
    n_rep : int
        Number of simulated training sets.
    """

    beta: np.ndarray
    noise_var: float
    lasso_alphas: np.ndarray
    ridge_alphas: np.ndarray
    lasso_test_mse: np.ndarray
    ridge_test_mse: np.ndarray
    lasso_train_r2: np.ndarray
    ridge_train_r2: np.ndarray
    n_rep: int


def _positive_grid(value: object, name: str) -> np.ndarray:
    grid = as_float_vector(value, name)
    if np.any(grid <= 0):
        raise ValueError(f"{name} must be > 0, got {grid[grid <= 0][0]}")
    return grid


def lasso_ridge_test_error(
    beta: ArrayLike,
    lasso_alphas: ArrayLike,
    ridge_alphas: ArrayLike,
    *,
    rng: np.random.Generator,
    n_train: int = 50,
    noise: float = 1.0,
    n_rep: int = 100,
) -> SparseDenseResult:
    """Simulate ``n_rep`` training sets from ``y = X beta + noise`` and fit both penalties.

    The lasso is solved exactly by :func:`lessonlib.path.lasso_path` (scikit-learn's
    scaling, ``SSE / (2n) + alpha ||w||_1``), ridge by :func:`lessonlib.path.ridge_path`
    (``SSE + alpha ||w||^2``), both with an unpenalised intercept.

    Parameters
    ----------
    beta : array_like of shape (p,)
        True coefficients; the true intercept is 0.
    lasso_alphas, ridge_alphas : array_like
        Penalty grids (> 0), each on its method's scale.
    rng : numpy.random.Generator
        Source of the data: for each data set in turn, ``rng.standard_normal((n_train, p))``
        for ``X`` and then ``rng.normal(0, noise, n_train)`` for the noise. Pass
        ``numpy.random.default_rng(seed)``.
    n_train : int, default=50
        Training observations per data set (>= 3).
    noise : float, default=1.0
        Noise standard deviation (> 0).
    n_rep : int, default=100
        Number of data sets.

    Returns
    -------
    SparseDenseResult

    Examples
    --------
    >>> res = lasso_ridge_test_error([3.0, 0.0, 0.0], [0.01, 1.0], [0.01, 100.0],
    ...                              rng=np.random.default_rng(0), n_train=20, n_rep=5)
    >>> bool(res.lasso_test_mse.min() >= res.noise_var)
    True
    """
    from lessonlib import path

    beta = as_float_vector(beta, "beta")
    lasso_alphas = _positive_grid(lasso_alphas, "lasso_alphas")
    ridge_alphas = _positive_grid(ridge_alphas, "ridge_alphas")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    n_train = check_positive_int(n_train, "n_train")
    if n_train < 3:
        raise ValueError(f"n_train must be >= 3, got {n_train}")
    check_entries((n_train, beta.size), "n_train")
    noise = check_std(noise, "noise")
    n_rep = check_positive_int(n_rep, "n_rep")

    def summarise(
        coefs: np.ndarray, intercepts: np.ndarray, X: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        test = noise**2 + intercepts**2 + np.sum((coefs - beta) ** 2, axis=1)
        resid = y - intercepts[:, None] - coefs @ X.T
        r2 = 1.0 - np.sum(resid**2, axis=1) / np.sum((y - y.mean()) ** 2)
        return test, r2

    lasso_test = np.zeros(lasso_alphas.size)
    ridge_test = np.zeros(ridge_alphas.size)
    lasso_r2 = np.zeros(lasso_alphas.size)
    ridge_r2 = np.zeros(ridge_alphas.size)
    for _ in range(n_rep):
        X = rng.standard_normal((n_train, beta.size))
        y = X @ beta + rng.normal(0.0, noise, n_train)
        test, r2 = summarise(*path.lasso_path(X, y, lasso_alphas), X, y)
        lasso_test += test
        lasso_r2 += r2
        test, r2 = summarise(*path.ridge_path(X, y, ridge_alphas), X, y)
        ridge_test += test
        ridge_r2 += r2
    return SparseDenseResult(
        beta,
        noise**2,
        lasso_alphas,
        ridge_alphas,
        lasso_test / n_rep,
        ridge_test / n_rep,
        lasso_r2 / n_rep,
        ridge_r2 / n_rep,
        n_rep,
    )


@dataclass(frozen=True)
class ValidatedResult:
    """Each method at the penalty its validation error chooses, one entry per data set.

    Attributes
    ----------
    beta : numpy.ndarray of shape (p,)
        The true coefficients.
    noise_var : float
        ``noise**2``, the lowest possible test error.
    lasso_alpha, ridge_alpha : numpy.ndarray of shape (n_rep,)
        The chosen penalty of each method (scikit-learn's scalings).
    lasso_test_mse, ridge_test_mse : numpy.ndarray of shape (n_rep,)
        Expected test error of each method's chosen fit.
    lasso_kept_null, lasso_kept_true : numpy.ndarray of int, shape (n_rep,)
        How many features with ``beta_j == 0`` and with ``beta_j != 0`` the chosen lasso
        fit keeps (coefficient not exactly 0.0).
    n_rep : int
        Number of simulated data sets.
    """

    beta: np.ndarray
    noise_var: float
    lasso_alpha: np.ndarray
    ridge_alpha: np.ndarray
    lasso_test_mse: np.ndarray
    ridge_test_mse: np.ndarray
    lasso_kept_null: np.ndarray
    lasso_kept_true: np.ndarray
    n_rep: int


def validated_test_error(
    beta: ArrayLike,
    lasso_alphas: ArrayLike,
    ridge_alphas: ArrayLike,
    *,
    rng: np.random.Generator,
    n_train: int = 40,
    n_val: int = 20,
    noise: float = 1.0,
    n_rep: int = 100,
) -> ValidatedResult:
    """Simulate ``n_rep`` data sets; each method's penalty is chosen on a validation sample.

    For each data set, ``n_train`` training and ``n_val`` validation observations are
    drawn from ``y = X beta + noise`` (independent standard normal features), both
    methods are fitted on the training observations over their grids (as in
    :func:`lasso_ridge_test_error`), and each keeps the penalty with the lowest mean
    squared error on the validation observations. The test error of the kept fit is exact.

    Parameters
    ----------
    beta : array_like of shape (p,)
        True coefficients; the true intercept is 0.
    lasso_alphas, ridge_alphas : array_like
        Penalty grids (> 0), each on its method's scale.
    rng : numpy.random.Generator
        Source of the data: for each data set in turn, ``X``, the noise, the validation
        ``X`` and its noise, as ``rng.standard_normal`` and ``rng.normal(0, noise, ...)``.
    n_train : int, default=40
        Training observations per data set (>= 3).
    n_val : int, default=20
        Validation observations per data set (>= 1).
    noise : float, default=1.0
        Noise standard deviation (> 0).
    n_rep : int, default=100
        Number of data sets.

    Returns
    -------
    ValidatedResult

    Examples
    --------
    >>> res = validated_test_error([3.0, 0.0, 0.0], [0.01, 1.0], [0.01, 100.0],
    ...                            rng=np.random.default_rng(0), n_train=20, n_rep=5)
    >>> bool(res.lasso_test_mse.min() >= res.noise_var), res.lasso_kept_true.tolist()
    (True, [1, 1, 1, 1, 1])
    """
    from lessonlib import path

    beta = as_float_vector(beta, "beta")
    lasso_alphas = _positive_grid(lasso_alphas, "lasso_alphas")
    ridge_alphas = _positive_grid(ridge_alphas, "ridge_alphas")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    n_train = check_positive_int(n_train, "n_train")
    if n_train < 3:
        raise ValueError(f"n_train must be >= 3, got {n_train}")
    n_val = check_positive_int(n_val, "n_val")
    check_entries((n_train + n_val, beta.size), "n_train")
    noise = check_std(noise, "noise")
    n_rep = check_positive_int(n_rep, "n_rep")
    out = np.zeros((6, n_rep))  # alpha, test error (lasso, ridge); kept null, kept true
    for r in range(n_rep):
        X = rng.standard_normal((n_train, beta.size))
        y = X @ beta + rng.normal(0.0, noise, n_train)
        X_val = rng.standard_normal((n_val, beta.size))
        y_val = X_val @ beta + rng.normal(0.0, noise, n_val)
        for k, (fit, grid) in enumerate(
            ((path.lasso_path, lasso_alphas), (path.ridge_path, ridge_alphas))
        ):
            coefs, intercepts = fit(X, y, grid)
            val = np.mean((y_val - intercepts[:, None] - coefs @ X_val.T) ** 2, axis=1)
            i = int(np.argmin(val))
            out[k, r] = grid[i]
            out[2 + k, r] = noise**2 + intercepts[i] ** 2 + np.sum((coefs[i] - beta) ** 2)
            if k == 0:
                kept = coefs[i] != 0.0
                out[4, r], out[5, r] = np.sum(kept & (beta == 0)), np.sum(kept & (beta != 0))
    a_lasso, a_ridge, mse_lasso, mse_ridge = out[:4]
    kept_null, kept_true = out[4].astype(int), out[5].astype(int)
    return ValidatedResult(
        beta, noise**2, a_lasso, a_ridge, mse_lasso, mse_ridge, kept_null, kept_true, n_rep
    )
