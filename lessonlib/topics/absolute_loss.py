"""The one-feature lasso with absolute error instead of squared error.

The article behind the book says that the error term of a penalised loss "can be any
loss", mean absolute error included. Every formula of the book's first part, though,
comes from differentiating the *squared* error. This module solves the penalised
least-absolute-deviations (LAD) problem

    sum_i |y_i - m x_i - b| + lam * |m|

exactly, as a linear programme, so that the lasso chapter ("The lasso slope: three
cases and an exact zero") can show that its slope and its zero threshold behave
differently from the squared error's. The two penalty weights have different units
(``x`` here, ``x*y`` for the squared error), so :func:`kept_fractions` compares the two
losses each at a fraction of its own threshold, never at one lambda.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._scaling import ldexp, pow2_exponent, scaled
from lessonlib._validation import (
    as_float_vector,
    check_nonnegative_vector,
    check_penalty,
    check_real,
)
from lessonlib.simple import lambda_star, lasso_fit

__all__ = ["kept_fractions", "lad_lambda_zero", "lad_lasso_fit", "lad_objective"]


def _check_xy(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = as_float_vector(x, "x", min_length=2)
    y = as_float_vector(y, "y", min_length=2)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    return x, y


def lad_objective(x: ArrayLike, y: ArrayLike, m: float, b: float, lam: float) -> float:
    """The penalised absolute-error loss ``sum |y - m x - b| + lam |m|``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    m, b : float
        Slope and intercept.
    lam : float
        Penalty weight (>= 0), in the article's scaling.

    Returns
    -------
    float

    Examples
    --------
    >>> lad_objective([0.0, 1.0, 2.0], [1.0, 2.0, 4.0], 1.0, 1.0, 2.0)
    3.0
    """
    x, y = _check_xy(x, y)
    m, b = check_real(m, "m"), check_real(b, "b")
    lam = check_penalty(lam, "lam")
    return float(np.sum(np.abs(y - m * x - b)) + lam * abs(m))


def lad_lasso_fit(x: ArrayLike, y: ArrayLike, lam: float) -> tuple[float, float]:
    """Minimise ``sum |y - m x - b| + lam |m|`` exactly, by linear programming.

    With ``m = m_plus - m_minus`` and each residual split as ``e_plus - e_minus`` (all
    parts >= 0) the problem is a linear programme, solved by SciPy's HiGHS solver. Its
    minimum lies at a vertex: a line through two data points, or a flat line (``m = 0``)
    through one.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight (>= 0), in the article's scaling.

    Returns
    -------
    m, b : float
        A minimiser (the minimum value is unique; the minimiser can be a tie between
        vertices for special data or special ``lam``).

    Examples
    --------
    >>> m, b = lad_lasso_fit([0.0, 1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 2.0, 3.0, 40.0], 0.0)
    >>> round(m, 6), round(b, 6)
    (1.0, 0.0)
    """
    x, y = _check_xy(x, y)
    lam = check_penalty(lam, "lam")
    # HiGHS works to absolute tolerances (1e-7) and takes numbers beyond 1e20 as infinite:
    # solve for x / 2**kx and y / 2**ky, whose largest entries are in [0.5, 1) (exact).
    # With m = 2**(ky - kx) m' and b = 2**ky b', the loss is 2**ky times the same loss of
    # the scaled data at lam' = lam / 2**kx.
    kx, ky = pow2_exponent(x), pow2_exponent(y)
    m_s, b_s = _lad_lp(scaled(x, -kx), scaled(y, -ky), ldexp(lam, -kx))
    m, b = ldexp(m_s, ky - kx), ldexp(b_s, ky)
    if not (np.isfinite(m) and np.isfinite(b)):
        raise ValueError("the LAD line overflows float64: x has too little spread for y")
    return m + 0.0, b + 0.0  # + 0.0 turns a signed zero into 0.0


def _lad_lp(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[float, float]:
    """The linear programme of :func:`lad_lasso_fit`, for data scaled into [-1, 1]."""
    from scipy.optimize import linprog

    n = x.size
    # the slope is 0 once lam >= sum |x_i - median(x)| (<= 2n here): a larger lam changes
    # nothing but would reach HiGHS's infinity
    lam = min(lam, 4.0 * n)
    # variables: m_plus, m_minus, b, e_plus (n), e_minus (n)
    cost = np.concatenate([[lam, lam, 0.0], np.ones(2 * n)])
    A_eq = np.hstack([x[:, None], -x[:, None], np.ones((n, 1)), np.eye(n), -np.eye(n)])
    bounds = [(0, None), (0, None), (None, None)] + [(0, None)] * (2 * n)
    res = linprog(cost, A_eq=A_eq, b_eq=y, bounds=bounds, method="highs")
    if res.status != 0:  # pragma: no cover - feasible and bounded, and every number in [-4n, 4n]
        raise RuntimeError(f"linprog failed on data scaled into [-1, 1]: {res.message}")
    return float(res.x[0] - res.x[1]), float(res.x[2])


def lad_lambda_zero(x: ArrayLike, y: ArrayLike) -> float:
    """The smallest ``lam`` at which the penalised LAD slope is exactly 0.

    At ``m = 0`` the best intercept is a median of ``y``. The slope stays at 0 exactly
    when ``|sum_i s_i x_i| <= lam`` for signs ``s_i`` of the residuals ``y_i - b`` that sum
    to 0 (a point on the line may take any ``s_i`` in ``[-1, 1]``). Without ties at the
    median this gives

        lam_0 = |sum of x_i over the upper half of y - sum over the lower half|,

    leaving out the middle point when ``n`` is odd. It depends on ``y`` only through the
    order of its values, unlike the squared-error threshold ``2 |S_xy|``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The values of ``y`` that decide the median (the middle one or two) must not be
        tied with another value of ``y``.

    Returns
    -------
    float

    Examples
    --------
    >>> lad_lambda_zero([1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 5.0, 3.0])
    4.0
    """
    x, y = _check_xy(x, y)
    n = x.size
    order = np.argsort(y, kind="stable")
    half = n // 2
    lower, upper = order[:half], order[n - half :]
    middle = y[order[half - 1 : n - half + 1]]
    if np.any(np.isin(y, middle) & ~np.isin(np.arange(n), order[half - 1 : n - half + 1])) or (
        np.unique(middle).size != middle.size
    ):
        raise ValueError("y must not have ties at its median")
    return float(abs(x[upper].sum() - x[lower].sum()))


def kept_fractions(x: ArrayLike, y: ArrayLike, t: ArrayLike) -> dict[str, np.ndarray]:
    """The fraction of its unpenalised slope each loss keeps at a fraction of its threshold.

    A scale-free comparison of the squared-error and the absolute-error lasso: each
    penalty weight is measured against the threshold of its own loss, from which its
    slope is exactly 0 (``lambda* = 2 |Sxy|``, :func:`lessonlib.simple.lambda_star`, and
    :func:`lad_lambda_zero`), and each slope against the slope of its own loss at
    ``lam = 0``. Both axes are pure numbers, whatever the units of ``x`` and ``y``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target (``y`` without ties at its median, as :func:`lad_lambda_zero`).
    t : array_like of shape (k,)
        Penalty weights as fractions of each loss's threshold (>= 0).

    Returns
    -------
    dict of numpy.ndarray, shape (k,)
        ``"squared"``: ``m(t lambda*) / m(0)`` of ``SSE + lam |m|``, which is
        ``max(1 - t, 0)``; ``"absolute"``: the same for ``sum |y - m x - b| + lam |m|``,
        from :func:`lad_lasso_fit` (a minimiser at a vertex of the linear programme, so
        it changes in jumps).

    Raises
    ------
    ValueError
        If either unpenalised slope is 0 (there is no fraction to keep).

    Examples
    --------
    >>> x = [0.0, 1.0, 2.0, 3.0, 4.0]
    >>> f = kept_fractions(x, [0.2, 1.1, 1.9, 3.2, 3.9], [0.0, 0.5, 1.5])
    >>> f["squared"].round(6).tolist(), f["absolute"].round(6).tolist()
    ([1.0, 0.5, 0.0], [1.0, 1.0, 0.0])
    """
    x, y = _check_xy(x, y)
    t = check_nonnegative_vector(t, "t")
    m0_sq, m0_abs = lasso_fit(x, y, 0.0)[0], lad_lasso_fit(x, y, 0.0)[0]
    if m0_sq == 0.0 or m0_abs == 0.0:
        raise ValueError("y has an unpenalised slope of 0 on x: no fraction of it to keep")
    lam_sq, lam_abs = lambda_star(x, y), lad_lambda_zero(x, y)
    squared = np.array([lasso_fit(x, y, f * lam_sq)[0] for f in t]) / m0_sq
    absolute = np.array([lad_lasso_fit(x, y, f * lam_abs)[0] for f in t]) / m0_abs
    return {"squared": squared + 0.0, "absolute": absolute + 0.0}
