"""Why a ridge coefficient never stays at zero: the computations of the ridge chapter.

* :func:`one_sided_slopes` -- difference quotients of the one-feature loss (minimised
  over ``b``) just left and right of ``m = 0``: equal for ridge, ``lam`` apart for the lasso.
* :func:`power_penalty_slope` -- the one-feature minimiser of ``SSE + lam*|m|**q`` for
  ``q > 1``, found by bisection, with no closed form (and no lambda in a denominator).
* :func:`sign_changes` and :func:`ridge_zero_crossing` -- where a coefficient of a
  several-feature ridge path changes sign, located on a grid and then by bisection on the
  exact ridge solution :func:`lessonlib.solvers.ridge`; :func:`ridge_crossings` does both
  for every coefficient (the diabetes chapter).
* :func:`ridge_components` -- the ridge coefficients split along the principal directions
  of the centred features, each shrunk by its own factor ``d_i^2 / (d_i^2 + alpha)``: why a
  single ridge coefficient can grow and change sign while the whole vector shrinks.

Conventions: one feature as in :mod:`lessonlib.simple` (article loss, no 1/2, no 1/n);
several features as in :mod:`lessonlib.solvers` (``||y - Xw - c||^2 + alpha ||w||^2``,
scikit-learn's ``Ridge``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import simple, solvers
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_bool,
    check_choice,
    check_penalty,
    check_positive_int,
)
from lessonlib.exceptions import ConvergenceWarning

__all__ = [
    "RidgeComponents",
    "one_sided_slopes",
    "power_penalty_slope",
    "ridge_components",
    "ridge_crossings",
    "ridge_zero_crossing",
    "sign_changes",
]


def one_sided_slopes(
    x: ArrayLike, y: ArrayLike, lam: float, penalty: str, *, h: float = 1e-10
) -> tuple[float, float]:
    """Left and right difference quotients at ``m = 0`` of the loss minimised over ``b``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target; ``x`` must not be constant.
    lam : float
        Penalty weight, >= 0.
    penalty : {"l1", "l2", "none"}
        ``lam*|m|``, ``lam*m**2`` or nothing.
    h : float, default=1e-10
        Step, > 0.

    Returns
    -------
    (float, float)
        ``(g(0) - g(-h)) / h`` and ``(g(h) - g(0)) / h`` for the profile loss ``g``.

    Notes
    -----
    With centred data, :math:`g(m) - g(0) = \\sum_i m x_{c,i}(m x_{c,i} - 2 y_{c,i}) +
    \\text{penalty}(m)`; we evaluate this difference directly, so no large number is
    subtracted and a tiny ``h`` is safe. Exactly, the quotients are
    :math:`-2S_{xy} \\mp h(S_{xx} + \\lambda)` for ridge and
    :math:`-2S_{xy} \\mp \\lambda \\mp h S_{xx}` for the lasso (left: upper signs).

    Examples
    --------
    >>> left, right = one_sided_slopes([1, 2, 3], [2, 4, 7], 4.0, "l1")
    >>> round(left, 6), round(right, 6)
    (-14.0, -6.0)
    >>> [round(v, 6) for v in one_sided_slopes([1, 2, 3], [2, 4, 7], 4.0, "l2")]
    [-10.0, -10.0]
    """
    s = simple.sufficient_stats(x, y)  # validates x and y
    lam = check_penalty(lam, "lam")
    h = check_penalty(h, "h", allow_zero=False)
    penalty = check_choice(penalty, "penalty", ("l1", "l2", "none"))
    xv = np.asarray(x, dtype=float)
    yv = np.asarray(y, dtype=float)
    xc, yc = xv - s.xbar, yv - s.ybar

    def excess(m: float) -> float:  # g(m) - g(0)
        mx = m * xc
        pen = {"l1": lam * abs(m), "l2": lam * m * m, "none": 0.0}[penalty]
        return float(np.sum(mx * (mx - 2 * yc)) + pen)

    return -excess(-h) / h, excess(h) / h


def power_penalty_slope(Sxx: float, Sxy: float, lam: float, q: float) -> float:
    """Minimiser of ``Syy - 2 m Sxy + m**2 Sxx + lam * |m|**q`` for ``q > 1``, by bisection.

    Parameters
    ----------
    Sxx : float
        Centred sum of squares of x, > 0.
    Sxy : float
        Centred cross-product sum.
    lam : float
        Penalty weight, >= 0.
    q : float
        Power of the penalty, > 1 (``q = 2`` is ridge).

    Returns
    -------
    float
        The slope; it has the sign of ``Sxy`` and is ``0.0`` only if ``Sxy == 0``.

    Notes
    -----
    The derivative :math:`2S_{xx}m - 2S_{xy} + \\lambda q|m|^{q-1}\\operatorname{sign}(m)` is
    continuous and strictly increasing (``q > 1``), is :math:`-2S_{xy}` at 0 and
    :math:`\\lambda q |m|^{q-1}\\operatorname{sign}(m) \\ne 0` at the OLS slope
    :math:`S_{xy}/S_{xx}`, so its only root lies strictly between 0 and the OLS slope.
    Bisection halves that bracket until it stops shrinking in floating point.

    Examples
    --------
    >>> power_penalty_slope(2.0, 5.0, 3.0, 2.0)   # ridge: Sxy / (Sxx + lam) = 1
    1.0
    >>> m = power_penalty_slope(1.0, 1.0, 2.0, 4.0)   # 2m - 2 + 8 m**3 = 0 -> m = 0.5
    >>> round(m, 12)
    0.5
    """
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    Sxy = float(as_float_vector([Sxy], "Sxy")[0])  # a finite real number
    lam = check_penalty(lam, "lam")
    q = check_penalty(q, "q")
    if q <= 1:
        raise ValueError(f"q must be > 1 (a penalty that is smooth at 0), got {q}")
    if Sxy == 0.0:
        return 0.0
    sign = 1.0 if Sxy > 0 else -1.0
    lo, hi = 0.0, abs(Sxy) / Sxx  # the root of the derivative, for |Sxy|, lies in (lo, hi)

    def derivative(m: float) -> float:
        return 2 * Sxx * m - 2 * abs(Sxy) + lam * q * m ** (q - 1)

    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if derivative(mid) < 0:
            lo = mid
        else:
            hi = mid
    return sign * (lo if abs(derivative(lo)) <= abs(derivative(hi)) else hi)


def sign_changes(coefs: ArrayLike) -> list[tuple[int, int]]:
    """Where a coefficient path changes sign between neighbouring grid points.

    Parameters
    ----------
    coefs : array_like of shape (k, p)
        ``coefs[i, j]`` is coefficient ``j`` at the ``i``-th penalty of a grid.

    Returns
    -------
    list of (int, int)
        ``(j, i)`` for every feature ``j`` and grid index ``i`` with
        ``coefs[i, j] * coefs[i + 1, j] < 0`` (strictly opposite signs).

    Examples
    --------
    >>> sign_changes([[1.0, -2.0], [0.5, -1.0], [-0.1, -0.5]])
    [(0, 1)]
    """
    coefs = as_float_matrix(coefs, "coefs", min_rows=2)
    flips = coefs[:-1] * coefs[1:] < 0
    return sorted((int(j), int(i)) for i, j in zip(*np.nonzero(flips)))


def ridge_zero_crossing(
    X: ArrayLike,
    y: ArrayLike,
    j: int,
    alpha_lo: float,
    alpha_hi: float,
    *,
    fit_intercept: bool = True,
    max_iter: int = 200,
) -> float:
    """The penalty at which ridge coefficient ``j`` changes sign, by bisection on ``log(alpha)``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    j : int
        Index of the coefficient, ``0 <= j < p``.
    alpha_lo, alpha_hi : float
        A bracket, ``0 < alpha_lo < alpha_hi``, at whose ends coefficient ``j`` of
        :func:`lessonlib.solvers.ridge` has strictly opposite signs.
    fit_intercept : bool, default=True
        Fit an unpenalised intercept.
    max_iter : int, default=200
        Most bisection steps; it stops earlier when the bracket stops shrinking (about 60
        steps), and warns with a ``ConvergenceWarning`` if ``max_iter`` comes first.

    Returns
    -------
    float
        The crossing penalty (the bracket end with the smaller ``|coef_j|``).

    Notes
    -----
    The ridge objective is :math:`\\|y - Xw - c\\|^2 + \\alpha\\|w\\|^2`. Each
    :math:`w_j(\\alpha)` is a ratio of polynomials in :math:`\\alpha`, so a sign change is a
    crossing through an isolated zero, and bisection converges to it.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 1.0], [2.0, 1.5], [3.0, 3.5], [4.0, 4.0]])
    >>> y = np.array([1.0, 2.0, 2.5, 4.5])
    >>> a = ridge_zero_crossing(X, y, 1, 0.01, 100.0)
    >>> from lessonlib.solvers import ridge
    >>> bool(abs(ridge(X, y, a).coef[1]) < 1e-12)
    True
    """
    X = as_float_matrix(X, "X", min_rows=2)
    y = as_float_vector(y, "y")
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)):
        raise TypeError(f"j must be an integer, got {type(j).__name__}")
    if not 0 <= j < X.shape[1]:
        raise ValueError(f"j must be in [0, {X.shape[1] - 1}], got {j}")
    lo = check_penalty(alpha_lo, "alpha_lo", allow_zero=False)
    hi = check_penalty(alpha_hi, "alpha_hi", allow_zero=False)
    if not lo < hi:
        raise ValueError(f"alpha_lo must be < alpha_hi, got {lo} and {hi}")
    max_iter = check_positive_int(max_iter, "max_iter")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")

    def coef(alpha: float) -> float:
        return float(solvers.ridge(X, y, alpha, fit_intercept=fit_intercept).coef[j])

    c_lo, c_hi = coef(lo), coef(hi)
    if not c_lo * c_hi < 0:
        raise ValueError(
            f"coefficient {j} must have opposite signs at alpha_lo and alpha_hi, "
            f"got {c_lo:.3g} and {c_hi:.3g}"
        )
    for _ in range(max_iter):
        mid = float(np.sqrt(lo * hi))
        if not lo < mid < hi:
            break
        c_mid = coef(mid)
        if c_mid == 0.0:
            return mid
        if c_mid * c_lo < 0:
            hi, c_hi = mid, c_mid
        else:
            lo, c_lo = mid, c_mid
    else:  # max_iter steps and the bracket could still shrink
        warnings.warn(
            f"ridge_zero_crossing stopped at max_iter={max_iter} bisection steps "
            f"with the bracket [{lo:.17g}, {hi:.17g}] not yet at machine precision",
            ConvergenceWarning,
            stacklevel=2,
        )
    return lo if abs(c_lo) <= abs(c_hi) else hi


def ridge_crossings(X: ArrayLike, y: ArrayLike, alphas: ArrayLike) -> list[tuple[int, float]]:
    """Every penalty at which a ridge coefficient changes sign, between the ends of a grid.

    Sign changes are located between neighbouring points of ``alphas``
    (:func:`sign_changes` on :func:`lessonlib.path.ridge_path`) and then narrowed by
    :func:`ridge_zero_crossing`. Two crossings of one coefficient between the same two grid
    points would cancel and go unseen, so the grid must be fine (the chapter's has 6001
    points over twelve decades); a ridge coefficient is a ratio of polynomials of degree
    below ``p`` in ``alpha``, so it has at most ``p - 1`` crossings.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Increasing penalties (> 0), scikit-learn's ``Ridge`` scale.

    Returns
    -------
    list of (int, float)
        ``(j, alpha)`` for each crossing, sorted by ``alpha``.

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [2.0, 1.5], [3.0, 3.5], [4.0, 4.0]])
    >>> y = np.array([1.0, 2.0, 2.5, 4.5])
    >>> [(j, round(a, 4)) for j, a in ridge_crossings(X, y, np.logspace(-2, 2, 81))]
    [(1, 0.2609)]
    """
    from lessonlib import path

    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas <= 0) or np.any(np.diff(alphas) <= 0):
        raise ValueError("alphas must be positive and increasing")
    coefs, _ = path.ridge_path(X, y, alphas)
    found = [
        (j, ridge_zero_crossing(X, y, j, float(alphas[i]), float(alphas[i + 1])))
        for j, i in sign_changes(coefs)
    ]
    return sorted(found, key=lambda item: (item[1], item[0]))


@dataclass(frozen=True)
class RidgeComponents:
    """The ridge coefficients along the principal directions of the centred features.

    With ``X_c = U diag(d) V^T``, ``w(alpha) = sum_i f_i(alpha) c_i v_i`` where
    ``c_i = u_i^T y_c / d_i`` (the least-squares coefficient along ``v_i``) and
    ``f_i(alpha) = d_i^2 / (d_i^2 + alpha)``.

    Attributes
    ----------
    alphas : numpy.ndarray of shape (k,)
        The penalties (scikit-learn's ``Ridge`` scale).
    d2 : numpy.ndarray of shape (r,)
        The squared singular values ``d_i^2``, decreasing (zero ones left out).
    factors : numpy.ndarray of shape (k, r)
        ``f_i(alpha)``, each in ``(0, 1]``.
    parts : numpy.ndarray of shape (k, r, p)
        ``f_i(alpha) c_i v_i``: the share of direction ``i`` in each coefficient; summed
        over ``i`` it is the ridge solution.
    """

    alphas: np.ndarray
    d2: np.ndarray
    factors: np.ndarray
    parts: np.ndarray

    @property
    def coefs(self) -> np.ndarray:
        """The ridge coefficients, shape (k, p)."""
        return self.parts.sum(axis=1)


def ridge_components(X: ArrayLike, y: ArrayLike, alphas: ArrayLike) -> RidgeComponents:
    """Split the ridge path into its principal components (the SVD view of ridge).

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features (centred here; the intercept is unpenalised).
    y : array_like of shape (n,)
        Response.
    alphas : array_like of shape (k,)
        Penalties (>= 0), scikit-learn's ``Ridge`` scale ``||y - Xw - c||^2 + alpha ||w||^2``.

    Returns
    -------
    RidgeComponents

    Examples
    --------
    >>> X = np.array([[1.0, 1.0], [2.0, 1.5], [3.0, 3.5], [4.0, 4.0]])
    >>> y = np.array([1.0, 2.0, 2.5, 4.5])
    >>> rc = ridge_components(X, y, [0.0, 1.0])
    >>> bool(np.allclose(rc.coefs[1], solvers.ridge(X, y, 1.0).coef))
    True
    """
    X = as_float_matrix(X, "X", min_rows=2)
    y = as_float_vector(y, "y")
    if y.size != X.shape[0]:
        raise ValueError(
            f"X and y must have the same number of rows, got {X.shape[0]} and {y.size}"
        )
    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas < 0):
        raise ValueError(f"alphas must be >= 0, got {alphas[alphas < 0][0]}")
    U, d, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    keep = d > d[0] * max(X.shape) * np.finfo(float).eps
    U, d, Vt = U[:, keep], d[keep], Vt[keep]
    c = U.T @ (y - y.mean()) / d  # least squares along each direction
    factors = d**2 / (d**2 + alphas[:, None])  # (k, r)
    parts = factors[:, :, None] * (c[:, None] * Vt)[None]  # (k, r, p)
    return RidgeComponents(alphas, d**2, factors, parts)
