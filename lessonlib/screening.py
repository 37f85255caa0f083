"""Screening: discard features before solving the lasso (chapter "Subgradients and the
optimality conditions").

One job: discard features that are zero at the solution before solving. The *sequential
strong rule* of Tibshirani et al. (2012) guesses, with the KKT check that catches its (rare)
mistakes; the *Gap Safe* rule of Fercoq, Gramfort and Salmon (2015) never discards a feature
that is non-zero at the solution.

* :func:`strong_rule_discards` -- which features the rule drops at ``alpha``, given the
  residual covariances of the solution at the previous, larger ``alpha_prev``.
* :func:`gap_safe_discards` -- which features the Gap Safe rule drops at ``alpha``, given
  any coefficients ``w`` (the closer to the solution, the more it drops).
* :func:`sequential_strong_rule` -- the rule applied along a grid: discard, solve on the
  kept features by coordinate descent, check the KKT conditions of every discarded
  feature, put the violators back and solve again.

Scaling is scikit-learn's (see :mod:`lessonlib.solvers`), with an unpenalised intercept
(the data are centred)::

    lasso  1/(2n) ||y - Xw - c||^2 + alpha * ||w||_1,   g_j(w) = x_j^T (y_c - X_c w) / n.

The rule discards feature ``j`` at ``alpha`` when ``|g_j(w(alpha_prev))| < 2 alpha -
alpha_prev``. If ``g_j`` changes along the path at rate at most 1 in ``alpha`` (the "unit
slope" assumption), a discarded feature has ``|g_j(w(alpha))| < alpha`` and is zero at the
solution. The assumption can fail, so the rule is not *safe*: the KKT check is part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import scale, solvers
from lessonlib._duality import gap_terms
from lessonlib._validation import (
    as_float_vector,
    check_coef,
    check_penalty,
    check_tolerance,
    check_Xy,
)

__all__ = ["StrongRulePath", "gap_safe_discards", "sequential_strong_rule", "strong_rule_discards"]

# Gap Safe adds this share of |P| + |D| to the computed gap: the rounding of P - D is far
# smaller, so a feature on the boundary of the dual polytope is never discarded.
_ROUNDING = 1e-10


@dataclass(frozen=True, eq=False)
class StrongRulePath:
    """The sequential strong rule along a grid of penalties.

    Attributes
    ----------
    alphas : numpy.ndarray of shape (k,)
        The grid, strictly decreasing.
    coef : numpy.ndarray of shape (k, p)
        The lasso solution at each ``alpha`` (after the KKT check).
    discarded : numpy.ndarray of shape (k, p), bool
        Features the strong rule dropped at each ``alpha`` before solving.
    violations : numpy.ndarray of shape (k, p), bool
        Dropped features that failed the KKT check (``|g_j| > alpha`` at the solution
        on the kept features) and were put back.
    """

    alphas: np.ndarray
    coef: np.ndarray
    discarded: np.ndarray
    violations: np.ndarray


def strong_rule_discards(g_prev: ArrayLike, alpha: float, alpha_prev: float) -> np.ndarray:
    """Features the sequential strong rule discards at ``alpha``.

    Parameters
    ----------
    g_prev : array_like of shape (p,)
        Residual covariances ``g_j = x_j^T r / n`` of the solution at ``alpha_prev``.
    alpha : float
        The new penalty, ``> 0``.
    alpha_prev : float
        The previous, larger penalty, ``>= alpha``.

    Returns
    -------
    numpy.ndarray of shape (p,), bool
        ``|g_prev| < 2 * alpha - alpha_prev``.

    Examples
    --------
    >>> strong_rule_discards([0.5, -0.9, 1.0], alpha=0.8, alpha_prev=1.0).tolist()
    [True, False, False]
    """
    g = as_float_vector(g_prev, "g_prev")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    alpha_prev = check_penalty(alpha_prev, "alpha_prev", allow_zero=False)
    if alpha_prev < alpha:
        raise ValueError(f"alpha_prev must be >= alpha ({alpha}), got {alpha_prev}")
    return np.abs(g) < 2.0 * alpha - alpha_prev


def gap_safe_discards(X: ArrayLike, y: ArrayLike, coef: ArrayLike, alpha: float) -> np.ndarray:
    """Features that the Gap Safe rule proves to be zero at the solution for ``alpha``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside; an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    coef : array_like of shape (p,)
        Any coefficients ``w`` (the previous solution on a grid, a solver's iterate, ``0``).
    alpha : float
        The penalty, ``> 0``.

    Returns
    -------
    numpy.ndarray of shape (p,), bool
        ``|x_j^T theta| + ||x_j|| sqrt(2 gap / n) < alpha``, with ``theta`` the residual of
        ``w`` shrunk to feasibility and ``gap`` its duality gap (plus ``1e-10 (|P| + |D|)``
        for its rounding): every such feature is 0 at the solution.

    Notes
    -----
    The dual objective :math:`D(\\theta) = \\frac{1}{2n}(\\|y_c\\|^2 - \\|y_c - n\\theta\\|^2)` is
    :math:`n`-strongly concave, and its maximiser :math:`\\theta^\\star` (the residual of the
    solution over :math:`n`) has :math:`D(\\theta^\\star) = P(\\hat w) \\le P(w)`. So for every
    feasible :math:`\\theta`,
    :math:`\\tfrac n2\\|\\theta - \\theta^\\star\\|^2 \\le P(w) - D(\\theta)`:
    :math:`\\theta^\\star` lies in a ball of radius :math:`\\sqrt{2\\,\\mathrm{gap}/n}` around
    :math:`\\theta`, and :math:`|x_j^\\top\\theta^\\star| < \\alpha` for every feature that passes
    the test, which by the KKT conditions makes it 0 (Fercoq, Gramfort and Salmon, 2015).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 8))
    >>> y = X[:, 0] - 2 * X[:, 1] + 0.5 * rng.standard_normal(40)
    >>> a = 0.5 * scale.alpha_max(X, y)
    >>> w = solvers.lasso_cd(X, y, a).coef
    >>> drop = gap_safe_discards(X, y, w, a)
    >>> bool(np.all(w[drop] == 0.0)), int(drop.sum()) == int(np.sum(w == 0.0))
    (True, True)
    """
    X, y = check_Xy(X, y)
    w = check_coef(coef, X.shape[1])
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = Xc.shape[0]
    r = yc - Xc @ w
    terms = gap_terms(Xc, yc, w, r, alpha)
    theta = terms.scale * r / n
    # the gap, plus room for its rounding: at the solution the computed gap can be 0 or
    # below it, and a feature on the boundary |x_j^T theta| = alpha must not be discarded
    gap = max(terms.primal - terms.dual, 0.0) + _ROUNDING * (abs(terms.primal) + abs(terms.dual))
    radius = np.sqrt(2.0 * gap / n)
    return np.abs(Xc.T @ theta) + np.linalg.norm(Xc, axis=0) * radius < alpha


def _check_grid(alphas: ArrayLike) -> np.ndarray:
    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas <= 0):
        raise ValueError(f"alphas must all be > 0, got {alphas.min()}")
    if np.any(np.diff(alphas) >= 0):
        raise ValueError("alphas must be strictly decreasing")
    return alphas


def sequential_strong_rule(
    X: ArrayLike, y: ArrayLike, alphas: ArrayLike, *, tol: float = 1e-12
) -> StrongRulePath:
    """The lasso along a decreasing grid, with the sequential strong rule and a KKT check.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred inside; an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Penalties, ``> 0`` and strictly decreasing.
    tol : float, default=1e-12
        Tolerance of :func:`lessonlib.solvers.lasso_cd` on the kept features.

    Returns
    -------
    StrongRulePath

    Notes
    -----
    The path starts from the exact solution ``w = 0`` at
    :math:`\\alpha_{\\max} = \\max_j |x_j^\\top y_c| / n` (if the first ``alpha`` exceeds
    it, from ``w = 0`` at that ``alpha``). At each ``alpha`` in turn:

    1. discard :math:`j` when
       :math:`|g_j(\\hat w_{\\text{prev}})| < 2\\alpha - \\alpha_{\\text{prev}}`;
    2. solve the lasso on the kept columns (coordinate descent, warm start);
    3. compute :math:`g_j` for *all* features at that solution; a discarded feature
       with :math:`|g_j| > \\alpha` violates the KKT conditions: put it back, go to 2.

    The result is the exact lasso solution at every ``alpha`` (step 3 guarantees it),
    however many features the rule got wrong.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 8))
    >>> y = X[:, 0] - 2 * X[:, 1] + 0.5 * rng.standard_normal(40)
    >>> a_max = scale.alpha_max(X, y)
    >>> res = sequential_strong_rule(X, y, a_max * np.array([0.8, 0.5, 0.2]))
    >>> res.discarded.sum(axis=1).tolist(), int(res.violations.sum())
    ([7, 5, 0], 0)
    """
    X, y = check_Xy(X, y)
    alphas = _check_grid(alphas)
    tol = check_tolerance(tol, "tol")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n, p = Xc.shape
    w_prev = np.zeros(p)
    alpha_prev = max(scale.alpha_max(X, y), float(alphas[0]))
    coef = np.zeros((alphas.size, p))
    discarded = np.zeros((alphas.size, p), dtype=bool)
    violations = np.zeros((alphas.size, p), dtype=bool)
    for k, alpha in enumerate(alphas):
        g_prev = Xc.T @ (yc - Xc @ w_prev) / n
        drop = strong_rule_discards(g_prev, alpha, alpha_prev)
        discarded[k] = drop
        while True:
            keep = ~drop
            w = np.zeros(p)
            if np.any(keep):
                fit = solvers.lasso_cd(
                    Xc[:, keep], yc, alpha, fit_intercept=False, tol=tol, w0=w_prev[keep]
                )
                w[keep] = fit.coef
            g = Xc.T @ (yc - Xc @ w) / n
            wrong = drop & (np.abs(g) > alpha)  # the KKT check of the discarded features
            if not np.any(wrong):
                break
            violations[k] |= wrong
            drop = drop & ~wrong
        coef[k] = w
        w_prev, alpha_prev = w, float(alpha)
    return StrongRulePath(alphas=alphas, coef=coef, discarded=discarded, violations=violations)
