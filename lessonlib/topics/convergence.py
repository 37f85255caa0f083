"""How fast lasso solvers converge, and when their iterates find the exact zeros (the
chapter "Coordinate descent: how solvers land on exact zeros").

* :func:`proximal_gradient` -- ISTA and its accelerated version FISTA (Beck and Teboulle,
  2009) from ``w = 0`` with step ``1 / L``, recording the objective of every iterate.
* :func:`fista_momentum` -- the momentum weights of FISTA, step by step, from Beck and
  Teboulle's sequence ``t_1 = 1``, ``t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2``.
* :func:`subgradient_bound` -- the guarantee of the subgradient method with steps
  ``eta_0 / sqrt(k + 1)`` for the best iterate so far, of order ``log(k) / sqrt(k)``.
* :func:`zero_identification` -- for a zero of the solution, the last epoch of coordinate
  descent in which that coefficient is not exactly 0, at several penalties: finitely many
  when the zero is strict (``|g_j| < alpha``), more and more as ``|g_j|`` approaches
  ``alpha``, and possibly none when ``|g_j| = alpha``.

Scaling is scikit-learn's (see :mod:`lessonlib.solvers`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import optimality, solvers
from lessonlib._centring import center
from lessonlib._validation import (
    as_float_vector,
    check_bool,
    check_penalty,
    check_positive_int,
    check_tolerance,
    check_Xy,
)

__all__ = ["fista_momentum", "proximal_gradient", "subgradient_bound", "zero_identification"]


def fista_momentum(n_iter: int) -> np.ndarray:
    """FISTA's momentum weight at each of its first ``n_iter`` steps (Beck and Teboulle, 2009).

    Parameters
    ----------
    n_iter : int
        Number of steps, >= 1.

    Returns
    -------
    numpy.ndarray of shape (n_iter,)
        Entry ``k - 1`` is the weight ``beta_k`` of step ``k``, which takes the proximal
        gradient step from :math:`v_k = w_{k-1} + \\beta_k (w_{k-1} - w_{k-2})`.

    Notes
    -----
    Beck and Teboulle's sequence is :math:`t_1 = 1`,
    :math:`t_{k+1} = (1 + \\sqrt{1 + 4 t_k^2})/2`, and their step :math:`k + 1` starts from
    :math:`y_{k+1} = x_k + \\frac{t_k - 1}{t_{k+1}}(x_k - x_{k-1})`, with :math:`y_1 = x_0`.
    So :math:`\\beta_1 = 0` (there is no earlier step), :math:`\\beta_2 = (t_1 - 1)/t_2 = 0`,
    and :math:`\\beta_{k+1} = (t_k - 1)/t_{k+1}` rises towards 1 as :math:`1 - 3/k` roughly.
    Their bound :math:`2L\\lVert w_0 - w^\\star\\rVert^2/(k+1)^2` is proved for this sequence.

    Examples
    --------
    >>> fista_momentum(4).round(4).tolist()
    [0.0, 0.0, 0.2818, 0.434]
    """
    n_iter = check_positive_int(n_iter, "n_iter")
    beta, t = np.zeros(n_iter), 1.0  # t = t_1
    for k in range(1, n_iter):  # beta[k] is beta_{k+1} = (t_k - 1) / t_{k+1}
        t_next = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
        beta[k], t = (t - 1.0) / t_next, t_next
    return beta


def proximal_gradient(
    X: ArrayLike, y: ArrayLike, alpha: float, *, n_iter: int = 2000, accelerated: bool = False
) -> dict[str, np.ndarray]:
    """ISTA (or FISTA) for the lasso, from ``w = 0`` with the step ``1 / L``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (an unpenalised intercept is fitted: the data are centred).
    y : array_like of shape (n,)
        Response.
    alpha : float
        Penalty weight, ``> 0``.
    n_iter : int, default=2000
        Number of steps (each one gradient evaluation).
    accelerated : bool, default=False
        FISTA's momentum instead of plain ISTA.

    Returns
    -------
    dict
        ``"objective"`` (n_iter,): :math:`J(w_k)` after each step; ``"coef"`` (n_iter, p):
        the iterates; ``"n_zero"`` (n_iter,): their exact zeros; ``"lipschitz"``: ``L``.

    Notes
    -----
    With :math:`L = \\sigma_{\\max}(X_c)^2 / n` and
    :math:`g(w) = X_c^\\top (y_c - X_c w)/n`, ISTA is
    :math:`w_{k+1} = S(w_k + g(w_k)/L,\\ \\alpha / L)`, coordinate by coordinate. FISTA takes
    that step from :math:`v_{k+1} = w_k + \\beta_{k+1}(w_k - w_{k-1})`, with the momentum
    weights :math:`\\beta_{k+1} = (t_k - 1)/t_{k+1}` of Beck and Teboulle's sequence
    :math:`t_1 = 1`, :math:`t_{k+1} = (1 + \\sqrt{1 + 4 t_k^2})/2` (:func:`fista_momentum`;
    the first two steps have none). Beck and Teboulle (2009) prove
    :math:`J(w_k) - J^\\star \\le L\\lVert w_0 - w^\\star\\rVert^2 / (2k)` for ISTA and
    :math:`\\le 2L\\lVert w_0 - w^\\star\\rVert^2 / (k+1)^2` for FISTA.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.standard_normal(50)
    >>> run = proximal_gradient(X, y, 0.5, n_iter=300, accelerated=True)
    >>> np.round(run["coef"][-1], 2), int(run["n_zero"][-1])
    (array([ 2.25,  0.  ,  0.  , -1.61,  0.  ]), 3)
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    n_iter = check_positive_int(n_iter, "n_iter")
    accelerated = check_bool(accelerated, "accelerated")
    Xc, yc, _, _ = center(X, y, True)
    n, p = Xc.shape
    G, b = Xc.T @ Xc / n, Xc.T @ yc / n
    L = float(np.linalg.eigvalsh(G)[-1])
    if L == 0.0:
        raise ValueError("X must have a non-constant column (L = 0)")
    beta = fista_momentum(n_iter) if accelerated else np.zeros(n_iter)
    w, w_prev = np.zeros(p), np.zeros(p)
    objective, coefs = np.empty(n_iter), np.empty((n_iter, p))
    for k in range(n_iter):
        v = w + beta[k] * (w - w_prev)  # FISTA's extrapolated point (ISTA: v = w)
        z = v + (b - G @ v) / L  # a gradient step on the smooth part ...
        w_prev, w = w, np.sign(z) * np.maximum(np.abs(z) - alpha / L, 0.0) + 0.0
        r = yc - Xc @ w  # ... then the soft-threshold; J(w) for the record
        objective[k] = float(r @ r) / (2 * n) + alpha * float(np.abs(w).sum())
        coefs[k] = w
    n_zero = np.count_nonzero(coefs == 0.0, axis=1)
    return {"objective": objective, "coef": coefs, "n_zero": n_zero, "lipschitz": np.array(L)}


def subgradient_bound(
    X: ArrayLike, y: ArrayLike, alpha: float, coefs: ArrayLike, step: float, radius2: float
) -> np.ndarray:
    """The subgradient method's guarantee for its best iterate, step by step.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (an unpenalised intercept is fitted: the data are centred).
    y : array_like of shape (n,)
        Response.
    alpha : float
        Penalty weight, ``> 0``.
    coefs : array_like of shape (k, p)
        The iterates ``w_1, ..., w_k`` of subgradient descent started from ``w_0 = 0``
        (``FitResult.history["coef"]`` of :func:`lessonlib.solvers.subgradient_descent`).
    step : float
        Its initial step ``eta_0 > 0``; step ``i`` is ``eta_0 / sqrt(i + 1)``.
    radius2 : float
        ``||w_0 - w*||^2``, ``>= 0``.

    Returns
    -------
    numpy.ndarray of shape (k,)
        Entry ``k - 1`` bounds :math:`\\min_{0 \\le i \\le k} J(w_i) - J^\\star`.

    Notes
    -----
    If every subgradient used in the first :math:`k` steps has norm at most :math:`B_k`,

    .. math:: \\min_{0 \\le i < k} J(w_i) - J^\\star \\le
              \\frac{R^2 + B_k^2 \\sum_{i<k} \\eta_i^2}{2 \\sum_{i<k} \\eta_i},

    of order :math:`\\log k / \\sqrt k` for :math:`\\eta_i = \\eta_0/\\sqrt{i+1}` (Nesterov,
    2004, ch. 3). :math:`B_k` is read off the run: the largest norm of the
    subgradient :math:`X_c^\\top(X_c w_i - y_c)/n + \\alpha\\operatorname{sign}(w_i)` used.

    Examples
    --------
    >>> import numpy as np
    >>> from lessonlib import solvers
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 3)); y = X[:, 0] + 0.1 * rng.standard_normal(50)
    >>> run = solvers.subgradient_descent(X, y, 0.1, n_iter=100, record_history=True)
    >>> b = subgradient_bound(X, y, 0.1, run.history["coef"], 0.5, 1.0)
    >>> bool(np.all(np.diff(b) < 0))
    True
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    W = np.asarray(coefs, dtype=float)
    if W.ndim != 2 or W.shape[1] != X.shape[1] or not np.all(np.isfinite(W)):
        raise ValueError(f"coefs must be a finite (k, {X.shape[1]}) array, got shape {W.shape}")
    step = check_tolerance(step, "step")
    radius2 = check_penalty(radius2, "radius2")
    Xc, yc, _, _ = center(X, y, True)
    used = np.vstack([np.zeros((1, W.shape[1])), W[:-1]])  # w_0, ..., w_{k-1}
    sub = (used @ Xc.T - yc) @ Xc / Xc.shape[0] + alpha * np.sign(used)
    B2 = np.maximum.accumulate(np.einsum("ij,ij->i", sub, sub))
    eta = step / np.sqrt(np.arange(1, W.shape[0] + 1))
    return (radius2 + B2 * np.cumsum(eta**2)) / (2 * np.cumsum(eta))


def zero_identification(
    X: ArrayLike,
    y: ArrayLike,
    alphas: ArrayLike,
    feature: int,
    *,
    tol: float = 1e-15,
    max_iter: int = 10_000,
) -> dict[str, np.ndarray]:
    """When does coordinate descent set one coefficient to exactly 0 for good?

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (an unpenalised intercept is fitted).
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Penalties, each ``> 0``.
    feature : int
        The coefficient to follow, in ``[0, p)``.
    tol, max_iter
        Passed to :func:`lessonlib.solvers.lasso_cd` (from ``w = 0``).

    Returns
    -------
    dict of numpy.ndarray of shape (k,)
        ``epochs``: epochs run; ``last_nonzero``: the last epoch whose iterate has
        ``w_feature != 0.0`` (0 if none); ``final``: the coefficient at the end;
        ``slack``: ``1 - |g_feature| / alpha`` at the end (``g`` the covariances with the
        residual), positive for a strict zero.

    Notes
    -----
    Near a solution with ``w_j = 0`` and ``|g_j| < alpha`` the update of ``w_j``
    soft-thresholds a number within ``alpha`` of 0 once the other coefficients are close
    enough, and returns exactly 0 from then on: the zero is found in finitely many epochs,
    but the closer ``|g_j|`` is to ``alpha`` the closer the others must be, and the later it
    happens. At ``|g_j| = alpha`` the argument fails.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 3))
    >>> y = X[:, 0] + 0.1 * rng.standard_normal(40)
    >>> out = zero_identification(X, y, [0.2], 2)
    >>> int(out["final"][0] == 0.0), bool(out["slack"][0] > 0)
    (1, True)
    """
    X, y = check_Xy(X, y)
    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas <= 0):
        raise ValueError(f"alphas must all be > 0, got {alphas.min()}")
    p = X.shape[1]
    if isinstance(feature, bool) or not isinstance(feature, (int, np.integer)):
        raise TypeError(f"feature must be an int, got {type(feature).__name__}")
    if not 0 <= feature < p:
        raise ValueError(f"feature must be in [0, {p}), got {feature}")
    tol = check_tolerance(tol, "tol")
    max_iter = check_positive_int(max_iter, "max_iter")
    out = {k: np.zeros(alphas.size) for k in ("epochs", "last_nonzero", "final", "slack")}
    for i, alpha in enumerate(alphas):
        fit = solvers.lasso_cd(X, y, alpha, tol=tol, max_iter=max_iter, record_history=True)
        assert fit.history is not None  # record_history=True
        nonzero = np.flatnonzero(fit.history["coef"][:, feature] != 0.0)
        g = optimality.feature_correlations(X, y, fit.coef)
        out["epochs"][i] = fit.n_iter
        out["last_nonzero"][i] = nonzero[-1] + 1 if nonzero.size else 0
        out["final"][i] = fit.coef[feature]
        out["slack"][i] = 1.0 - abs(g[feature]) / alpha
    return out
