"""Degrees of freedom of the lasso and the Cp criterion built on them.

One job: choose the lasso's penalty without cross-validation, by an estimate of prediction
error that charges each fit for its degrees of freedom (used by the chapter "Choosing
lambda").

* :func:`lasso_df` -- the number of non-zero coefficients along a grid of penalties, an
  unbiased estimate of the lasso's degrees of freedom (Zou, Hastie and Tibshirani 2007).
* :func:`cp_curve` -- Mallows' :math:`C_p` along the grid,
  :math:`\\mathrm{SSE}(\\alpha)/n + 2\\hat\\sigma^2\\,\\mathrm{df}(\\alpha)/n`, with
  :math:`\\mathrm{df}` the number of non-zero coefficients plus one for the intercept and
  :math:`\\hat\\sigma^2` from the least-squares fit. With Gaussian noise of known variance it
  ranks the penalties as AIC does.

Objectives are scikit-learn's (see :mod:`lessonlib.solvers`), with an unpenalised intercept;
the lasso is solved exactly by :func:`lessonlib.path.lasso_path`, so a zero is a true zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_Xy
from lessonlib.path import lasso_path

__all__ = ["CpCurve", "cp_curve", "lasso_df"]


def _check_grid(alphas: ArrayLike) -> np.ndarray:
    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas <= 0):
        raise ValueError(f"alphas must all be > 0, got {alphas.min()}")
    return alphas


def lasso_df(X: ArrayLike, y: ArrayLike, alphas: ArrayLike) -> np.ndarray:
    """Number of non-zero lasso coefficients at each penalty (exact zeros).

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Penalties (> 0) on scikit-learn's scale.

    Returns
    -------
    numpy.ndarray of shape (k,), dtype int
        :math:`\\lvert\\{j : \\hat w_j(\\alpha) \\ne 0\\}\\rvert` for each alpha. For a fixed
        alpha this is an unbiased estimate of the degrees of freedom
        :math:`\\sum_i \\operatorname{cov}(\\hat y_i, y_i)/\\sigma^2` of the lasso fit (the
        intercept adds one more to both).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((30, 4))
    >>> y = X @ np.array([2.0, 0.0, -1.0, 0.0]) + 0.1 * rng.standard_normal(30)
    >>> lasso_df(X, y, [10.0, 0.5, 1e-4]).tolist()
    [0, 2, 4]
    """
    X, y = check_Xy(X, y)
    alphas = _check_grid(alphas)
    coefs, _ = lasso_path(X, y, alphas)
    return np.sum(coefs != 0.0, axis=1)


@dataclass(frozen=True)
class CpCurve:
    """Mallows' :math:`C_p` of the lasso along a grid, as returned by :func:`cp_curve`.

    Attributes
    ----------
    alphas : numpy.ndarray
        The penalties, as given.
    n_nonzero : numpy.ndarray
        Non-zero coefficients at each alpha (:func:`lasso_df`).
    df : numpy.ndarray
        Degrees of freedom of the fit at each alpha, ``n_nonzero + 1``: the intercept is
        fitted too, and counted as the noise estimate counts it.
    sse : numpy.ndarray
        Sum of squared errors of the lasso fit (with intercept) at each alpha.
    cp : numpy.ndarray
        :math:`\\mathrm{SSE}/n + 2\\hat\\sigma^2\\,\\mathrm{df}/n`.
    sigma2 : float
        The noise variance estimate, :math:`\\mathrm{SSE}(w_{\\mathrm{ols}})/(n - p - 1)`.
    """

    alphas: np.ndarray
    n_nonzero: np.ndarray
    df: np.ndarray
    sse: np.ndarray
    cp: np.ndarray
    sigma2: float

    @property
    def i_min(self) -> int:
        """Index of the smallest :math:`C_p` (the first one if tied)."""
        return int(np.argmin(self.cp))

    @property
    def alpha_cp(self) -> float:
        """The penalty with the smallest :math:`C_p`."""
        return float(self.alphas[self.i_min])


def cp_curve(X: ArrayLike, y: ArrayLike, alphas: ArrayLike) -> CpCurve:
    """Mallows' :math:`C_p` of the lasso at each penalty, with the lasso's degrees of freedom.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features, with ``n > p + 1`` (the noise variance is estimated by least squares).
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Penalties (> 0) on scikit-learn's scale.

    Returns
    -------
    CpCurve

    Notes
    -----
    :math:`C_p(\\alpha) = \\mathrm{SSE}(\\alpha)/n + 2\\hat\\sigma^2\\,\\mathrm{df}(\\alpha)/n`
    estimates the expected squared error of predicting new responses at the same
    :math:`X` (Mallows 1973). The fit has an unpenalised intercept, so
    :math:`\\mathrm{df}(\\alpha)` is the number of non-zero coefficients, an unbiased
    estimate of the degrees of freedom of the lasso on the centred data (Zou, Hastie and
    Tibshirani 2007), plus one for the intercept; the noise estimate
    :math:`\\hat\\sigma^2 = \\mathrm{SSE}(w_{\\mathrm{ols}})/(n - p - 1)` counts the
    intercept the same way. The intercept's term shifts every :math:`C_p` by
    :math:`2\\hat\\sigma^2/n`, so it changes the estimate of the error, not its minimiser.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> X = rng.standard_normal((60, 5))
    >>> y = X @ np.array([1.0, 0.0, 0.0, 0.0, 0.0]) + rng.standard_normal(60)
    >>> c = cp_curve(X, y, [1.0, 0.1, 0.001])
    >>> c.n_nonzero.tolist(), c.df.tolist(), round(c.alpha_cp, 3)
    ([0, 3, 5], [1, 4, 6], 0.1)
    """
    X, y = check_Xy(X, y)
    alphas = _check_grid(alphas)
    n, p = X.shape
    if n <= p + 1:
        raise ValueError(
            f"X must have more rows than columns + 1 to estimate the noise "
            f"variance by least squares, got shape {X.shape}"
        )
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w_ls = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    sigma2 = float(np.sum((yc - Xc @ w_ls) ** 2) / (n - p - 1))
    coefs, _ = lasso_path(X, y, alphas)
    sse = np.sum((yc[None, :] - coefs @ Xc.T) ** 2, axis=1)
    n_nonzero = np.sum(coefs != 0.0, axis=1)
    df = n_nonzero + 1  # the intercept is a fitted parameter too
    return CpCurve(alphas, n_nonzero, df, sse, sse / n + 2 * sigma2 * df / n, sigma2)
