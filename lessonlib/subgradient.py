"""A fair run of subgradient descent: its step size tuned on a grid (chapter "Coordinate
descent").

One job: choose the initial step ``eta_0`` of :func:`lessonlib.solvers.subgradient_descent`
from a small grid of multiples of ``1 / L`` (``L = sigma_max(X_c)**2 / n``, the Lipschitz
constant of the smooth part's gradient), for a fixed budget of steps, by the duality gap
each run reaches. Each step evaluates the gradient once (from the Gram matrix
``X_c^T X_c / n``, formed once), so a budget of ``n_iter`` steps is ``n_iter`` gradient
evaluations; an epoch of coordinate descent computes each covariance ``x_j^T r / n`` once,
the same count, and its duality gap one more.

* :func:`step_search` -- run the grid and report the gap of every step size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import solvers
from lessonlib._centring import center
from lessonlib._scaling import ldexp, pow2_exponent, scaled
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_entries,
    check_penalty,
    check_positive_int,
    check_same_length,
)

__all__ = ["StepSearch", "step_search"]


@dataclass(frozen=True, eq=False)
class StepSearch:
    """Subgradient descent run once per initial step size.

    Attributes
    ----------
    factors : numpy.ndarray of shape (k,)
        The grid: ``eta_0 = factor / L``.
    lipschitz : float
        ``L = sigma_max(X_c)**2 / n`` (``inf`` or ``0.0`` where it is beyond float64, for
        ``X`` near ``1e200`` or ``1e-200``: the runs themselves are exact there too).
    gaps : numpy.ndarray of shape (k,)
        Duality gap of the last iterate for each factor (``inf`` where the run diverged).
    best_factor : float
        The factor with the smallest gap (the first in ``factors`` on a tie).
    best : solvers.FitResult
        The run with ``best_factor``, its history recorded.
    """

    factors: np.ndarray
    lipschitz: float
    gaps: np.ndarray
    best_factor: float
    best: solvers.FitResult


def step_search(
    X: ArrayLike, y: ArrayLike, alpha: float, factors: ArrayLike, *, n_iter: int = 2000
) -> StepSearch:
    """Run subgradient descent for each ``eta_0 = factor / L`` and keep the best.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    alpha : float
        Lasso penalty weight, ``> 0``.
    factors : array_like of shape (k,)
        Multiples of ``1 / L`` to try, each ``> 0``.
    n_iter : int, default=2000
        The budget: steps per run (one gradient evaluation each).

    Returns
    -------
    StepSearch

    Notes
    -----
    The steps are ``eta_k = eta_0 / sqrt(k + 1)``
    (:func:`lessonlib.solvers.subgradient_descent`). The criterion is the duality gap
    of the last iterate, an upper bound on its excess objective that does not need the
    solution.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.standard_normal(50)
    >>> res = step_search(X, y, 0.5, [0.5, 1.0, 2.0], n_iter=500)
    >>> bool(res.gaps.min() == res.best.gap), res.best_factor in (0.5, 1.0, 2.0)
    (True, True)
    """
    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    factors = as_float_vector(factors, "factors")
    if np.any(factors <= 0):
        raise ValueError(f"factors must all be > 0, got {factors.min()}")
    n_iter = check_positive_int(n_iter, "n_iter")
    check_entries((n_iter, X.shape[1]), "n_iter")  # the best run's history
    L_k, k = solvers.lipschitz(center(X, y, True)[0])
    if L_k == 0.0:
        raise ValueError("X must have a non-constant column (L = 0)")
    gaps_s, ky = _scaled_gaps(X, y, alpha, factors, n_iter)
    if not np.any(np.isfinite(gaps_s)):
        raise ValueError("every step size in factors diverged; try smaller factors")
    i_best = int(np.argmin(gaps_s))  # argmin takes the first on a tie
    best = solvers.subgradient_run(
        X, y, alpha, None, factors[i_best], fit_intercept=True, record_history=True, n_iter=n_iter
    )
    with np.errstate(over="ignore"):  # a gap beyond float64 (y near 1e200) is inf
        gaps = scaled(gaps_s, 2 * ky)
    return StepSearch(
        factors=factors,
        lipschitz=ldexp(L_k, 2 * k),
        gaps=gaps,
        best_factor=float(factors[i_best]),
        best=best,
    )


def _scaled_gaps(
    X: np.ndarray, y: np.ndarray, alpha: float, factors: np.ndarray, n_iter: int
) -> tuple[np.ndarray, int]:
    """The gap of each run in units of ``4**ky`` (``inf`` where it diverged), and ``ky``.

    The runs are on ``X / 2**kx`` and ``y / 2**ky`` at ``alpha / 2**(kx + ky)`` (exact), so
    their gaps are the gaps on the data divided by ``4**ky``, finite even where those are
    not (``y`` near ``1e200``): the best step is chosen at any scale.
    """
    kx, ky = pow2_exponent(X), pow2_exponent(y)
    Xs, ys, alpha_s = scaled(X, -kx), scaled(y, -ky), ldexp(alpha, -(kx + ky))
    gaps = np.full(factors.size, np.inf)
    for i, factor in enumerate(factors):
        try:
            fit = solvers.subgradient_run(
                Xs,
                ys,
                alpha_s,
                None,
                factor,
                n_iter=n_iter,
                fit_intercept=True,
                record_history=False,
            )
        except ValueError:  # the iterates overflowed: this step size diverges
            continue
        gaps[i] = fit.gap
    return gaps, ky
