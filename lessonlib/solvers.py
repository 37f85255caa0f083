"""Ridge, lasso and elastic net for several features (the chapters on many features).

One job: fit penalised least squares with ``p`` features, and certify the fit.

* :func:`ridge` -- the closed form :math:`(X^\\top X + \\alpha I)^{-1} X^\\top y`.
* :func:`lasso_cd`, :func:`enet_cd` -- cyclic coordinate descent, written to be read:
  every update is the soft-threshold of a one-feature least-squares fit.
* :func:`subgradient_descent` -- the naive method, which never lands on exact zeros.
* :func:`duality_gap`, :func:`kkt_violation`, :func:`objective` --
  the quantities that tell us when a lasso fit is optimal.

Objectives (scikit-learn's, so the numbers match ``sklearn.linear_model`` exactly)::

    lasso        1/(2n) ||y - Xw - c||^2 + alpha * ||w||_1
    elastic net  1/(2n) ||y - Xw - c||^2 + alpha * l1_ratio * ||w||_1
                                         + 0.5 * alpha * (1 - l1_ratio) * ||w||_2^2
    ridge               ||y - Xw - c||^2 + alpha * ||w||_2^2

``c`` is an unpenalised intercept when ``fit_intercept=True``: we centre ``X`` and ``y``,
solve for ``w`` on the centred data and set ``c = mean(y) - mean(X, axis=0) @ w``, exactly
like scikit-learn's ``fit_intercept=True`` (the columns of ``X`` are *not* rescaled).
With ``fit_intercept=False`` the data are used as given and ``c = 0``.

The exact lasso path (every alpha at once) lives in :mod:`lessonlib.path`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._centring import center
from lessonlib._duality import enet_gap
from lessonlib._scaling import ldexp, pow2_exponent, scaled
from lessonlib._validation import (
    check_bool,
    check_coef,
    check_entries,
    check_fraction,
    check_penalty,
    check_positive_int,
    check_real,
    check_tolerance,
    check_Xy,
)
from lessonlib.exceptions import ConvergenceWarning
from lessonlib.scale import enet_alphas

__all__ = [
    "FitResult",
    "duality_gap",
    "enet_cd",
    "kkt_violation",
    "lasso_cd",
    "objective",
    "ridge",
    "subgradient_descent",
]


@dataclass(frozen=True, eq=False)
class FitResult:
    """What every solver returns.

    Attributes
    ----------
    coef : numpy.ndarray of shape (p,)
        The coefficients ``w``.
    intercept : float
        The intercept ``c`` (0.0 when ``fit_intercept=False``).
    n_iter : int
        Epochs (full passes over the features) or steps taken; 0 for a closed form.
    gap : float
        Duality gap of the returned fit on the ``1/(2n)`` scale (0.0 for ridge).
    history : dict or None
        Per-epoch arrays when the solver was asked to ``record_history``.
    converged : bool
        True when the solver's stopping rule was met before its iteration limit.
    """

    coef: np.ndarray
    intercept: float
    n_iter: int
    gap: float
    history: dict[str, np.ndarray] | None = None
    converged: bool = True


# --------------------------------------------------------------------------- helpers


def _soft_threshold(z: float, t: float) -> float:
    """Scalar ``sign(z) * max(|z| - t, 0)`` (see ``lessonlib.simple.soft_threshold``)."""
    if z > t:
        return z - t
    if z < -t:
        return z + t
    return 0.0


# --------------------------------------------------------------------------- ridge


def ridge_svd(Xc: np.ndarray, yc: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """Ridge coefficients on centred data, one row per alpha, from one thin SVD.

    Shared by :func:`ridge` and :func:`lessonlib.path.ridge_path` (not in ``__all__``).

    ``X_c`` is first divided by ``2**k`` (exact) so ``sigma**2`` can neither overflow nor
    underflow; the fit of ``X_c / 2**k`` at ``alpha / 4**k`` is ``2**k w``. Singular values
    below ``max(n, p) * eps * sigma_max`` are numerically zero and are dropped (NumPy's
    ``lstsq`` rule), so a rank-deficient ``X`` gives the minimum-norm solution as alpha
    goes to 0 instead of rounding noise divided by alpha.
    """
    k = pow2_exponent(Xc)
    U, sigma, Vt = np.linalg.svd(scaled(Xc, -k), full_matrices=False)
    keep = sigma > sigma.max(initial=0.0) * max(Xc.shape) * np.finfo(float).eps
    U, sigma, Vt = U[:, keep], sigma[keep], Vt[keep]
    with np.errstate(over="ignore"):  # an alpha beyond float64 here just means w = 0
        alphas_k = scaled(alphas, -2 * k)
    shrink = sigma / (sigma**2 + alphas_k[:, None])  # (m, r)
    return scaled((shrink * (U.T @ yc)) @ Vt, -k)


def ridge(X: ArrayLike, y: ArrayLike, alpha: float, *, fit_intercept: bool = True) -> FitResult:
    """Ridge regression in closed form.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alpha : float
        Penalty weight, ``>= 0``.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept (centre ``X`` and ``y`` first).

    Returns
    -------
    FitResult
        ``coef`` of shape (p,), ``intercept``; ``n_iter=0`` and ``gap=0.0``.

    Notes
    -----
    Minimises :math:`\\|y - Xw - c\\|^2 + \\alpha \\|w\\|_2^2`, whose minimiser on centred
    data is

    .. math:: w = (X_c^\\top X_c + \\alpha I)^{-1} X_c^\\top y_c
              = V \\operatorname{diag}\\Bigl(\\frac{\\sigma_i}{\\sigma_i^2 + \\alpha}\\Bigr)
                U^\\top y_c

    with the thin SVD :math:`X_c = U \\operatorname{diag}(\\sigma) V^\\top`. We use the SVD
    (as :func:`lessonlib.path.ridge_path` does), never the normal equations: with a
    duplicated column and a tiny alpha those are singular to working precision. Singular
    values that are zero to working precision are dropped, so as alpha goes to 0 (and at
    ``alpha=0``) the answer is the minimum-norm least-squares solution.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> fit = ridge(X, y, alpha=1.0)
    >>> np.round(fit.coef, 4)
    array([1.4118, 0.5294])
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    Xc, yc, X_mean, y_mean = center(X, y, fit_intercept)
    w = ridge_svd(Xc, yc, np.array([alpha]))[0]
    return FitResult(coef=w, intercept=y_mean - float(X_mean @ w), n_iter=0, gap=0.0)


# --------------------------------------------------------------------------- coordinate descent


def _coordinate_descent(
    X: np.ndarray,
    y: np.ndarray,
    alpha1: float,
    alpha2: float,
    *,
    fit_intercept: bool,
    tol: float,
    max_iter: int,
    w0: np.ndarray | None,
    record_history: bool,
) -> FitResult:
    """Cyclic coordinate descent for ``1/(2n)||y - Xw||^2 + alpha1 ||w||_1 + alpha2/2 ||w||^2``.

    The epochs run on ``X_c / 2**kx`` and ``y_c / 2**ky`` (exact powers of two, chosen so
    the largest entries lie in [0.5, 1)): with ``w = 2**(ky - kx) w'`` the objective is
    ``4**ky`` times the same objective of the scaled data at ``alpha1 / 2**(kx + ky)`` and
    ``alpha2 / 4**kx``. Every rounding is then the same as without the scaling, except that
    sums of squares of data near ``1e200`` (or ``1e-200``) no longer overflow (underflow).
    """
    Xc, yc, X_mean, y_mean = center(X, y, fit_intercept)
    kx, ky = pow2_exponent(Xc), pow2_exponent(yc)
    Xs, ys = scaled(Xc, -kx), scaled(yc, -ky)
    w, epoch, gap, history, converged = _cd_epochs(
        Xs,
        ys,
        _below_overflow(ldexp(alpha1, -(kx + ky))),
        _below_overflow(ldexp(alpha2, -2 * kx)),
        tol=tol,
        max_iter=max_iter,
        record_history=record_history,
        w=np.zeros(X.shape[1]) if w0 is None else scaled(w0, kx - ky),
    )
    w, gap = scaled(w, ky - kx), ldexp(gap, 2 * ky)
    if history is not None:
        history = {
            "gap": scaled(history["gap"], 2 * ky),
            "objective": scaled(history["objective"], 2 * ky),
            "coef": scaled(history["coef"], ky - kx),
            "n_zero": history["n_zero"],
        }
    if not converged:
        warnings.warn(
            f"coordinate descent stopped at max_iter={max_iter} epochs without converging: "
            f"duality gap {gap:.3g} > tol * ||y_c||^2 / n = "
            f"{ldexp(tol * float(ys @ ys) / len(ys), 2 * ky):.3g}."
            " Increase max_iter, loosen tol, or use a larger alpha.",
            ConvergenceWarning,
            stacklevel=3,
        )
    return FitResult(
        coef=w,
        intercept=y_mean - float(X_mean @ w),
        n_iter=epoch,
        gap=gap,
        history=history,
        converged=converged,
    )


def _check_cd_options(
    X: np.ndarray,
    fit_intercept: object,
    tol: object,
    max_iter: object,
    w0: ArrayLike | None,
    record_history: object,
) -> dict:
    """The keyword options of :func:`lasso_cd` and :func:`enet_cd`, checked."""
    return {
        "fit_intercept": check_bool(fit_intercept, "fit_intercept"),
        "tol": check_tolerance(tol, "tol"),
        "max_iter": check_positive_int(max_iter, "max_iter"),
        "w0": None if w0 is None else check_coef(w0, X.shape[1], "w0"),
        "record_history": check_bool(record_history, "record_history"),
    }


def _below_overflow(value: float) -> float:
    """``value``, with +inf replaced by the largest float (so that ``inf * 0`` cannot occur)."""
    return min(value, np.finfo(float).max)


def _cd_epochs(
    Xc: np.ndarray,
    yc: np.ndarray,
    alpha1: float,
    alpha2: float,
    *,
    tol: float,
    max_iter: int,
    w: np.ndarray,
    record_history: bool,
) -> tuple[np.ndarray, int, float, dict[str, np.ndarray] | None, bool]:
    """The epochs of :func:`_coordinate_descent` on (scaled) centred data; updates ``w``."""
    Xc = np.asfortranarray(Xc)  # columns contiguous: x_j = Xc[:, j] is cheap to read
    n, p = Xc.shape
    col_norm2 = np.einsum("ij,ij->j", Xc, Xc) / n  # ||x_j||^2 / n
    r = yc - Xc @ w  # the residual, kept up to date after every coordinate update
    stop_at = tol * float(yc @ yc) / n
    trace: dict[str, list] = {"gap": [], "objective": [], "coef": [], "n_zero": []}

    converged, gap, epoch = False, np.inf, 0
    # [book: cd-epochs-start] (the chapter "Coordinate descent" shows the lines below)
    for epoch in range(1, max_iter + 1):  # noqa: B007 (after the loop: epochs run)
        for j in range(p):
            if col_norm2[j] == 0.0:  # a constant column carries no information
                w[j] = 0.0
                continue
            x_j = Xc[:, j]
            # the partial residual r + x_j w_j projected on x_j (per sample) ...
            rho = float(x_j @ r) / n + col_norm2[j] * w[j]
            # ... soft-thresholded by the L1 weight and shrunk by the L2 weight
            w_new = _soft_threshold(rho, alpha1) / (col_norm2[j] + alpha2)
            if w_new != w[j]:
                r -= (w_new - w[j]) * x_j
                w[j] = w_new
        gap = enet_gap(Xc, yc, w, r, alpha1, alpha2)
        # [book: cd-epochs-end]
        if record_history:
            trace["gap"].append(gap)
            penalty = alpha1 * float(np.abs(w).sum()) + 0.5 * alpha2 * float(w @ w)
            trace["objective"].append(float(r @ r) / (2 * n) + penalty)
            trace["coef"].append(w.copy())
            trace["n_zero"].append(int(np.count_nonzero(w == 0.0)))
        if gap <= stop_at:
            converged = True
            break

    history = {k: np.asarray(v) for k, v in trace.items()} if record_history else None
    return w, epoch, float(gap), history, converged


def lasso_cd(
    X: ArrayLike,
    y: ArrayLike,
    alpha: float,
    *,
    fit_intercept: bool = True,
    tol: float = 1e-12,
    max_iter: int = 100_000,
    w0: ArrayLike | None = None,
    record_history: bool = False,
) -> FitResult:
    """The lasso by cyclic coordinate descent.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alpha : float
        Penalty weight, ``> 0``.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept (centre ``X`` and ``y`` first).
    tol : float, default=1e-12
        Stop when ``gap <= tol * ||y_c||^2 / n`` (``y_c`` the centred response): the
        duality gap relative to the objective at ``w = 0``, scikit-learn's rule. Must be
        ``> 0`` (rounding keeps the gap of an exact solution a little above 0).
    max_iter : int, default=100_000
        Most epochs (passes over all ``p`` features).
    w0 : array_like of shape (p,), optional
        Starting coefficients (a warm start); zeros by default.
    record_history : bool, default=False
        Store per-epoch arrays ``history["gap"]``, ``["objective"]``, ``["coef"]``
        (epochs x p) and ``["n_zero"]`` (how many coefficients are exactly 0).

    Returns
    -------
    FitResult
        ``converged`` is False when ``max_iter`` epochs were not enough.

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` epochs end before the gap falls below the tolerance (for
        example a tiny ``alpha`` with more features than samples).

    Notes
    -----
    Minimises :math:`\\frac{1}{2n}\\|y - Xw - c\\|^2 + \\alpha\\|w\\|_1`. Holding all
    coefficients but :math:`w_j` fixed, the problem is the one-feature lasso, solved
    exactly by a soft-threshold:

    .. math::

        \\rho_j = \\tfrac1n x_j^\\top (r + x_j w_j), \\qquad
        w_j \\leftarrow \\frac{S(\\rho_j, \\alpha)}{\\|x_j\\|^2 / n}, \\qquad
        S(z, t) = \\operatorname{sign}(z)\\max(|z| - t, 0),

    with :math:`r = y_c - X_c w` the current residual. When :math:`|\\rho_j| \\le \\alpha`
    the update sets :math:`w_j` to *exactly* zero -- this is where sparsity comes from.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.standard_normal(50)
    >>> fit = lasso_cd(X, y, alpha=0.5)
    >>> fit.converged, bool(fit.coef[1] == 0.0)
    (True, True)
    >>> np.round(fit.coef, 2)
    array([ 2.25,  0.  ,  0.  , -1.61,  0.  ])
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    options = _check_cd_options(X, fit_intercept, tol, max_iter, w0, record_history)
    return _coordinate_descent(X, y, alpha, 0.0, **options)


def enet_cd(
    X: ArrayLike,
    y: ArrayLike,
    alpha: float,
    l1_ratio: float,
    *,
    fit_intercept: bool = True,
    tol: float = 1e-12,
    max_iter: int = 100_000,
    w0: ArrayLike | None = None,
    record_history: bool = False,
) -> FitResult:
    """The elastic net by cyclic coordinate descent.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alpha : float
        Overall penalty weight, ``> 0``.
    l1_ratio : float
        Share of the L1 penalty, in ``(0, 1]`` (1 is the lasso). For ``l1_ratio=0``
        (pure ridge) use :func:`ridge`: the duality gap below cannot certify it.
    fit_intercept, tol, max_iter, w0, record_history
        As in :func:`lasso_cd`.

    Returns
    -------
    FitResult

    Warns
    -----
    ConvergenceWarning
        When ``max_iter`` epochs end before the gap falls below the tolerance.

    Notes
    -----
    Minimises :math:`\\frac{1}{2n}\\|y - Xw - c\\|^2 + \\alpha_1\\|w\\|_1
    + \\frac{\\alpha_2}{2}\\|w\\|_2^2` with :math:`\\alpha_1 = \\alpha\\,\\text{l1\\_ratio}`,
    :math:`\\alpha_2 = \\alpha(1 - \\text{l1\\_ratio})`. The coordinate update of
    :func:`lasso_cd` becomes

    .. math:: w_j \\leftarrow \\frac{S(\\rho_j, \\alpha_1)}{\\|x_j\\|^2/n + \\alpha_2}.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.standard_normal(50)
    >>> fit = enet_cd(X, y, alpha=0.5, l1_ratio=0.5)
    >>> np.round(fit.coef, 2)
    array([ 1.9 ,  0.  ,  0.  , -1.52,  0.  ])
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    l1_ratio = check_fraction(l1_ratio, "l1_ratio")
    if l1_ratio == 0.0:
        raise ValueError("l1_ratio must be in (0, 1], got 0.0; use ridge() for a pure L2 penalty")
    options = _check_cd_options(X, fit_intercept, tol, max_iter, w0, record_history)
    return _coordinate_descent(X, y, *enet_alphas(alpha, l1_ratio), **options)


# --------------------------------------------------------------------------- subgradient


def subgradient_descent(
    X: ArrayLike,
    y: ArrayLike,
    alpha: float,
    *,
    step: float | None = None,
    n_iter: int = 2000,
    fit_intercept: bool = True,
    record_history: bool = False,
) -> FitResult:
    """The lasso by plain subgradient descent -- close to the solution, but never sparse.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alpha : float
        Penalty weight, ``>= 0``.
    step : float, optional
        Initial step size ``eta_0 > 0``; default ``1 / L`` with ``L = sigma_max(X_c)^2 / n``
        the Lipschitz constant of the smooth part's gradient. A step so large that the
        iterates overflow raises a ``ValueError``.
    n_iter : int, default=2000
        Number of steps (there is no stopping rule).
    fit_intercept : bool, default=True
        Fit an unpenalised intercept (centre ``X`` and ``y`` first).
    record_history : bool, default=False
        Store per-step arrays ``history["objective"]``, ``["coef"]`` (steps x p) and
        ``["n_zero"]``.

    Returns
    -------
    FitResult
        The last iterate. ``converged`` is always False: subgradient descent has no
        stopping rule that certifies optimality, it simply runs ``n_iter`` steps (so,
        unlike :func:`lasso_cd`, it warns of nothing when it stops). ``gap`` is the
        duality gap of the last iterate.

    Raises
    ------
    ValueError
        If the iterates diverge (overflow): ``step`` is too large; if no column of ``X``
        varies (``X_c = 0``, so ``L = 0``) and no ``step`` is given; or if the
        coefficients are beyond float64.

    Notes
    -----
    With :math:`\\operatorname{sign}(0) = 0` as the subgradient of :math:`|w_j|` at 0,

    .. math::

        w \\leftarrow w - \\eta_k\\left(\\tfrac1n X_c^\\top(X_c w - y_c)
        + \\alpha \\operatorname{sign}(w)\\right), \\qquad \\eta_k = \\eta_0/\\sqrt{k+1}.

    A coefficient whose optimum is 0 keeps jumping across zero (the step never lands
    on it exactly), so the iterates have no exact zeros.

    The steps run on ``X_c`` and ``y_c`` divided by powers of two (exact; see
    :func:`subgradient_run`), so ``L`` and the iterates are the same at any scale of the
    data: at ``X`` near ``1e-200``, ``L`` itself underflows to 0.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 5))
    >>> y = X @ np.array([3.0, 0.0, 0.0, -2.0, 0.0]) + 0.1 * rng.standard_normal(50)
    >>> fit = subgradient_descent(X, y, alpha=0.5)
    >>> int(np.count_nonzero(fit.coef == 0.0))
    0
    >>> np.round(fit.coef[[0, 3]], 2)  # the lasso gives 2.25 and -1.61 ...
    array([ 2.25, -1.61])
    >>> bool(np.all(np.abs(fit.coef[[1, 2, 4]]) < 0.01))  # ... and exact zeros here
    True
    """
    X, y = check_Xy(X, y)
    alpha = check_penalty(alpha, "alpha")
    n_iter = check_positive_int(n_iter, "n_iter")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    record_history = check_bool(record_history, "record_history")
    step = None if step is None else check_tolerance(step, "step")
    if record_history:
        check_entries((n_iter, X.shape[1]), "n_iter")
    return subgradient_run(
        X,
        y,
        alpha,
        step,
        1.0,
        n_iter=n_iter,
        fit_intercept=fit_intercept,
        record_history=record_history,
    )


def lipschitz(Xc: np.ndarray) -> tuple[float, int]:
    """``L = sigma_max(X_c)**2 / n`` as ``(L_k, k)`` with ``L = L_k * 4**k``.

    Shared with :mod:`lessonlib.subgradient` (not in ``__all__``). ``X_c / 2**k`` has its
    largest entry in [0.5, 1), so ``L_k`` neither overflows nor underflows, although ``L``
    itself does for data near ``1e200`` or ``1e-200``; ``L_k = 0`` only when ``X_c = 0``.
    """
    k = pow2_exponent(Xc)
    return float(np.linalg.norm(scaled(Xc, -k), 2)) ** 2 / Xc.shape[0], k


def subgradient_run(
    X: np.ndarray,
    y: np.ndarray,
    alpha: float,
    step: float | None,
    factor: float,
    *,
    n_iter: int,
    fit_intercept: bool,
    record_history: bool,
) -> FitResult:
    """:func:`subgradient_descent` on checked input, with ``eta_0 = step`` or ``factor / L``.

    Shared with :func:`lessonlib.subgradient.step_search`, whose steps ``factor / L`` need
    not be float64 numbers (not in ``__all__``). The steps run on ``X_c / 2**kx`` and
    ``y_c / 2**ky`` (exact): with ``w = 2**(ky - kx) w'``, one step of the scaled problem at
    ``alpha / 2**(kx + ky)`` with ``eta_0 * 4**kx`` is one step of the original, rounded the
    same way, and ``L`` of the scaled data is ``L / 4**kx``, a float64 at any scale.
    """
    Xc, yc, X_mean, y_mean = center(X, y, fit_intercept)
    L_k, kx = lipschitz(Xc)
    if step is None and L_k == 0.0:
        raise ValueError(
            "X has no column that varies (X_c = 0): L = sigma_max(X_c)**2 / n is 0, so the "
            "step 1/L is undefined (every lasso coefficient is 0 on these data)"
        )
    ky = pow2_exponent(yc)
    Xs, ys = scaled(Xc, -kx), scaled(yc, -ky)
    alpha_s = _below_overflow(ldexp(alpha, -(kx + ky)))
    w, gap, history = _subgradient_steps(
        Xs,
        ys,
        alpha_s,
        factor / L_k if step is None else ldexp(step, 2 * kx),
        n_iter,
        record_history,
        f"step={step:g}" if step is not None else f"step={factor:g} / L",
    )
    gap = ldexp(gap, 2 * ky)
    with np.errstate(over="ignore"):
        w = scaled(w, ky - kx)
    if not np.all(np.isfinite(w)):
        raise ValueError("the coefficients overflow float64: X has too little spread for y")
    if history is not None:
        with np.errstate(over="ignore"):  # an objective beyond float64 is inf
            history["objective"] = scaled(history["objective"], 2 * ky)
            history["coef"] = scaled(history["coef"], ky - kx)
    return FitResult(
        coef=w,
        intercept=y_mean - float(X_mean @ w),
        n_iter=n_iter,
        gap=gap,
        history=history,
        converged=False,
    )


def _subgradient_steps(
    Xc: np.ndarray,
    yc: np.ndarray,
    alpha: float,
    step: float,
    n_iter: int,
    record_history: bool,
    step_name: str,
) -> tuple[np.ndarray, float, dict[str, np.ndarray] | None]:
    """The steps of :func:`subgradient_run` on (scaled) centred data, from ``w = 0``.

    Returns the last iterate, its duality gap and the history (None unless recorded).
    """
    n, p = Xc.shape
    G, Xty = Xc.T @ Xc / n, Xc.T @ yc / n  # gradient of the smooth part is G w - X^T y / n
    w = np.zeros(p)
    trace: dict[str, list] = {"objective": [], "coef": [], "n_zero": []}
    for k in range(n_iter):
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught just below
            w = w - step / math.sqrt(k + 1) * (G @ w - Xty + alpha * np.sign(w))
        if not np.all(np.isfinite(w)):
            raise ValueError(
                f"subgradient descent diverged: the iterate overflowed at step {k + 1}, so "
                f"{step_name} is too large for these data (the default, 1/L with "
                "L = sigma_max(X_c)**2 / n, is safe)"
            )
        if record_history:
            r = yc - Xc @ w
            trace["objective"].append(float(r @ r) / (2 * n) + alpha * float(np.abs(w).sum()))
            trace["coef"].append(w.copy())
            trace["n_zero"].append(int(np.count_nonzero(w == 0.0)))
    history = {k: np.asarray(v) for k, v in trace.items()} if record_history else None
    with np.errstate(over="ignore"):  # iterates far off (alpha >> alpha_max): a gap of inf
        gap = enet_gap(Xc, yc, w, yc - Xc @ w, alpha, 0.0)
    return w, gap, history


# --------------------------------------------------------------------------- certificates


def _residual(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, intercept: object, fit_intercept: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, int, int]:
    """The certificates' input, exactly rescaled: ``Xc, yc, w, rc, offset, kx, ky``.

    ``X / 2**kx`` has its largest entries in [0.5, 1), ``2**ky`` is the size of ``y`` or of
    ``X w``, whichever is larger, and the fit is ``w * 2**(kx - ky)`` with intercept
    ``intercept / 2**ky`` (None means the best one):
    every quantity of :func:`objective`, :func:`duality_gap` and :func:`kkt_violation` is
    computed in these units, where sums of squares neither overflow nor underflow, and
    scaled back (``4**ky`` for the objective and the gap, ``2**(kx + ky)`` for ``X^T r``).
    ``offset`` is how far the given intercept is from the best one.
    """
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    if intercept is not None:
        intercept = check_real(intercept, "intercept")
        if not fit_intercept:
            raise ValueError("intercept can only be given with fit_intercept=True")
    kx, ky = pow2_exponent(X), pow2_exponent(y)
    with np.errstate(over="ignore", invalid="ignore"):  # a fit beyond float64 is inf or NaN
        fitted = scaled(X, -kx) @ w
    if np.any(fitted) and np.all(np.isfinite(fitted)):  # y or X w, whichever is larger
        ky = max(ky, pow2_exponent(fitted) + kx)
    with np.errstate(over="ignore"):  # a coefficient beyond float64 here is inf
        w = scaled(w, kx - ky)
    Xc, yc, X_mean, y_mean = center(scaled(X, -kx), scaled(y, -ky), fit_intercept)
    rc = yc - Xc @ w
    # the best intercept is mean(y) - mean(X) @ w
    offset = 0.0 if intercept is None else y_mean - float(X_mean @ w) - ldexp(intercept, -ky)
    return Xc, yc, w, rc, offset, kx, ky


def objective(
    X: ArrayLike,
    y: ArrayLike,
    coef: ArrayLike,
    alpha: float,
    *,
    intercept: float | None = None,
    fit_intercept: bool = True,
    l1_ratio: float = 1.0,
) -> float:
    """The lasso / elastic-net objective (scikit-learn's scaling) at ``coef``.

    Parameters
    ----------
    X, y : array_like
        Data, shapes (n, p) and (n,).
    coef : array_like of shape (p,)
        Coefficients ``w``.
    alpha : float
        Penalty weight, ``>= 0``.
    intercept : float, optional
        The intercept ``c``, a finite real number; by default the best one for ``coef``
        (``fit_intercept=True``) or none (``fit_intercept=False``).
    fit_intercept : bool, default=True
        Whether the model has an intercept.
    l1_ratio : float, default=1.0
        Share of the L1 penalty (1 is the lasso).

    Returns
    -------
    float

    Notes
    -----
    .. math:: P(w) = \\frac{1}{2n}\\|y - Xw - c\\|^2 + \\alpha_1\\|w\\|_1
              + \\frac{\\alpha_2}{2}\\|w\\|_2^2,
              \\quad \\alpha_1 = \\alpha\\,\\text{l1\\_ratio},\\ \\alpha_2 = \\alpha - \\alpha_1.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> y = np.array([0.0, 1.0, 2.0])
    >>> objective(X, y, [1.0], alpha=0.5)
    0.5
    """
    X, y = check_Xy(X, y)
    w = check_coef(coef, X.shape[1])
    alpha = check_penalty(alpha, "alpha")
    l1_ratio = check_fraction(l1_ratio, "l1_ratio")
    _, _, w, rc, offset, kx, ky = _residual(X, y, w, intercept, fit_intercept)
    n = X.shape[0]
    a1, a2 = _scaled_alphas(alpha, l1_ratio, kx, ky)
    with np.errstate(over="ignore"):  # a value beyond float64 is inf, as IEEE rounds it
        l1 = a1 * float(np.abs(w).sum()) if a1 > 0.0 else 0.0  # never 0 * inf
        l2 = 0.5 * a2 * float(w @ w) if a2 > 0.0 else 0.0
        value = (float(rc @ rc) + n * (offset * offset)) / (2 * n) + l1 + l2
    return ldexp(value, 2 * ky)  # (offset**2 raised OverflowError)


def _scaled_alphas(alpha: float, l1_ratio: float, kx: int, ky: int) -> tuple[float, float]:
    """The L1 and L2 weights in the units of :func:`_residual`: ``alpha1 / 2**(kx + ky)``
    and ``alpha2 / 4**kx`` (as in :func:`_coordinate_descent`)."""
    a1, a2 = enet_alphas(alpha, l1_ratio)
    return _below_overflow(ldexp(a1, -(kx + ky))), _below_overflow(ldexp(a2, -2 * kx))


def duality_gap(
    X: ArrayLike,
    y: ArrayLike,
    coef: ArrayLike,
    alpha: float,
    *,
    intercept: float | None = None,
    fit_intercept: bool = True,
    l1_ratio: float = 1.0,
) -> float:
    """Duality gap of a lasso / elastic-net fit: an upper bound on its sub-optimality.

    Parameters
    ----------
    X, y : array_like
        Data, shapes (n, p) and (n,).
    coef : array_like of shape (p,)
        Coefficients ``w`` to certify.
    alpha : float
        Penalty weight, ``>= 0``.
    intercept : float, optional
        The intercept ``c``, a finite real number (only with ``fit_intercept=True``); by
        default the best one for ``coef``, ``mean(y) - mean(X) @ coef``.
    fit_intercept : bool, default=True
        Whether the model has an intercept.
    l1_ratio : float, default=1.0
        Share of the L1 penalty, in ``(0, 1]`` (1 is the lasso).

    Returns
    -------
    float
        ``P(w) - D(theta) >= 0`` on the ``1/(2n)`` scale of :func:`objective`; it is 0
        exactly at the optimum.

    Notes
    -----
    With centred data, :math:`r = y_c - X_c w`, :math:`\\alpha_1 = \\alpha\\,\\text{l1\\_ratio}`,
    :math:`\\alpha_2 = \\alpha(1-\\text{l1\\_ratio})`, the dual point is the residual
    rescaled into the dual feasible set (scikit-learn's ``enet_coordinate_descent``,
    Friedman, Hastie & Tibshirani's glmnet papers):

    .. math::

        s = \\min\\Bigl(1, \\frac{\\alpha_1}{\\|X_c^\\top r/n - \\alpha_2 w\\|_\\infty}\\Bigr),
        \\qquad \\theta = s\\,r / n,

        D(\\theta) = \\frac{1}{2n}\\bigl(\\|y_c\\|^2 - \\|y_c - s\\,r\\|^2\\bigr)
                    - \\frac{\\alpha_2}{2} s^2 \\|w\\|^2,

    and the gap is :math:`P(w, c) - D(\\theta)`. For the lasso (:math:`\\alpha_2=0`)
    this is the lasso dual :math:`\\max_{\\|X^\\top\\theta\\|_\\infty\\le\\alpha}
    \\frac{1}{2n}(\\|y\\|^2 - \\|y - n\\theta\\|^2)`; the elastic net is the lasso on
    the data augmented with :math:`\\sqrt{n\\alpha_2}\\,I`. A non-optimal intercept adds
    :math:`\\tfrac12(c - c^*)^2` to the gap.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> fit = lasso_cd(X, y, alpha=0.5)
    >>> duality_gap(X, y, fit.coef, 0.5) < 1e-12
    True
    >>> round(duality_gap(X, y, [0.0, 0.0], 0.5), 4)
    1.2855
    """
    X, y = check_Xy(X, y)
    w = check_coef(coef, X.shape[1])
    alpha = check_penalty(alpha, "alpha")
    l1_ratio = check_fraction(l1_ratio, "l1_ratio")
    if l1_ratio == 0.0:
        raise ValueError("l1_ratio must be in (0, 1] for a duality gap, got 0.0")
    Xc, yc, w, rc, offset, kx, ky = _residual(X, y, w, intercept, fit_intercept)
    with np.errstate(over="ignore"):  # a gap beyond float64 is inf, as IEEE rounds it
        gap = enet_gap(Xc, yc, w, rc, *_scaled_alphas(alpha, l1_ratio, kx, ky))
        return ldexp(gap + 0.5 * offset * offset, 2 * ky)


def kkt_violation(
    X: ArrayLike, y: ArrayLike, coef: ArrayLike, alpha: float, *, fit_intercept: bool = True
) -> float:
    """How far ``coef`` is from satisfying the lasso optimality (KKT) conditions.

    Parameters
    ----------
    X, y : array_like
        Data, shapes (n, p) and (n,).
    coef : array_like of shape (p,)
        Coefficients ``w``.
    alpha : float
        Lasso penalty weight, ``>= 0``.
    fit_intercept : bool, default=True
        Centre ``X`` and ``y`` first (the intercept is then optimal automatically).

    Returns
    -------
    float
        0 exactly at the lasso solution; in the units of :math:`x_j^\\top r / n`.

    Notes
    -----
    With :math:`r = y_c - X_c w` and :math:`g_j = x_{c,j}^\\top r / n`, ``w`` solves the
    lasso iff :math:`g_j = \\alpha\\,\\operatorname{sign}(w_j)` when :math:`w_j \\ne 0`
    and :math:`|g_j| \\le \\alpha` when :math:`w_j = 0`. We return

    .. math::

        \\max_j \\begin{cases} |g_j - \\alpha\\,\\operatorname{sign}(w_j)|, & w_j \\ne 0,\\\\
                               \\max(|g_j| - \\alpha, 0), & w_j = 0. \\end{cases}

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> fit = lasso_cd(X, y, alpha=0.5)
    >>> kkt_violation(X, y, fit.coef, 0.5) < 1e-6
    True
    >>> kkt_violation(X, y, [0.0, 0.0], 0.5)
    1.75
    """
    X, y = check_Xy(X, y)
    w = check_coef(coef, X.shape[1])
    alpha = check_penalty(alpha, "alpha")
    Xc, _, w, rc, _, kx, ky = _residual(X, y, w, None, fit_intercept)
    g = Xc.T @ rc / X.shape[0]
    alpha = _below_overflow(ldexp(alpha, -(kx + ky)))
    active = w != 0.0
    viol = np.where(active, np.abs(g - alpha * np.sign(w)), np.maximum(np.abs(g) - alpha, 0.0))
    return ldexp(float(np.max(viol)), kx + ky)
