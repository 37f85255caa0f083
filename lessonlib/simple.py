"""Closed forms for ONE feature with an intercept: the article's convention.

Chapters 1-3 use this module. For data ``x, y`` of length ``n`` the article minimises

    SSE(m, b) + lam * |m|     (lasso)        SSE(m, b) + lam * m**2     (ridge)

with ``SSE(m, b) = sum((y - m*x - b)**2)``: no 1/2 and no 1/n in front. With the
centred sums ``Sxx = sum((x - xbar)**2)`` and ``Sxy = sum((x - xbar)*(y - ybar))``
the minimisers are (see :mod:`lessonlib.derive` for the SymPy derivation)

    OLS     m = Sxy / Sxx
    ridge   m = Sxy / (Sxx + lam)
    lasso   m = (Sxy - lam/2) / Sxx   if Sxy >  lam/2
            m = (Sxy + lam/2) / Sxx   if Sxy < -lam/2
            m = 0                     otherwise,

and always ``b = ybar - m * xbar`` (the intercept is not penalised). The lasso slope
is exactly zero from ``lambda_star = 2 * |Sxy|`` on.

scikit-learn scales differently: ``Lasso`` minimises ``1/(2n) ||y - Xw - c||^2 +
alpha ||w||_1``, so ``alpha = lam / (2n)``; ``Ridge`` minimises ``||y - Xw - c||^2 +
alpha ||w||^2``, so ``alpha = lam``. :mod:`lessonlib.scale` says so in code.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._centring import is_constant
from lessonlib._scaling import ldexp, pow2_exponent, scaled
from lessonlib._validation import (
    as_float_vector,
    check_choice,
    check_penalties,
    check_penalty,
    check_positive_int,
    check_real,
    check_same_length,
)

__all__ = [
    "SimpleStats",
    "article_loss",
    "brute_force_fit",
    "lambda_star",
    "lasso_case",
    "lasso_fit",
    "lasso_slope",
    "ols_fit",
    "ols_slope",
    "profile_loss",
    "ridge_fit",
    "ridge_slope",
    "soft_threshold",
    "sufficient_stats",
]

PENALTIES = ("l1", "l2", "none")
# brute_force_fit: the largest grid it accepts, and the most entries of one temporary
# (grid points x samples) array it builds at a time (2**20 floats = 8 MiB).
MAX_GRID_SIZE = 1_000_000
_CHUNK_ENTRIES = 2**20


# ----------------------------------------------------------------------------- checks
def _check_xy(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Validate the data: two finite vectors of equal length >= 2, x not constant."""
    x = as_float_vector(x, "x", min_length=2)
    y = as_float_vector(y, "y", min_length=2)
    check_same_length(x, y, "x", "y")
    if np.all(x == x[0]):  # (simple_regression.ipynb prints this message: keep it as is)
        raise ValueError(f"x is constant (all values {x[0]}): Sxx = 0, the slope is undefined")
    return x, y


def _check_m(m: ArrayLike, name: str = "m") -> float | np.ndarray:
    """A slope value or an array of them (any shape), finite."""
    if np.ndim(m) == 0:
        return check_real(m, name)
    arr = as_float_vector(np.ravel(np.asarray(m)), name).reshape(np.shape(m))
    return arr


def _scalar_or_array(value: np.ndarray) -> float | np.ndarray:
    return float(value) if np.ndim(value) == 0 else value


def _finite(value: float, what: str, fix: str = "rescale x or y") -> float:
    """``value``, or a ValueError saying that ``what`` overflows float64 and how to avoid it."""
    if not math.isfinite(value):
        raise ValueError(f"{what} overflows float64; {fix}")
    return value


_SLOPE = ("the slope", "x has too little spread for the scale of y: rescale x or y")
_INTERCEPT = ("the intercept b = ybar - m*xbar", "rescale x or y")


# ------------------------------------------------------------------ sufficient stats
@dataclass(frozen=True)
class _ScaledStats:
    """The sums of ``x * 2**-kx`` and ``y * 2**-ky`` (centred), which never over- or underflow.

    ``Sxx = self.Sxx * 4**kx``, ``Sxy = self.Sxy * 2**(kx + ky)``, ``Syy = self.Syy * 4**ky``;
    the means are unscaled.
    """

    n: int
    xbar: float
    ybar: float
    Sxx: float
    Sxy: float
    Syy: float
    kx: int
    ky: int


def _centred(v: np.ndarray, *, to_precision: bool = False) -> tuple[np.ndarray, float]:
    """``v`` minus its mean, and the mean; exactly zero (and ``v[0]``) when ``v`` is constant.

    The computed mean of a constant vector can be off by an ulp (``(0.1 + 0.1 + 0.1) / 3``
    is not ``0.1``); centring would then leave noise of ~1e-17 and a constant ``y`` would
    get a non-zero slope. With ``to_precision`` (for ``y``), constant means constant to
    working precision (:func:`lessonlib._centring.is_constant`), as in the solvers; ``x``
    must be exactly constant to be refused, and a tiny spread of ``x`` is data.
    """
    if np.all(v == v[0]) or (to_precision and is_constant(v)):
        return np.zeros_like(v), float(v[0])
    mean = float(v.mean())
    return v - mean, mean


def _scaled_data(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Copies ``x * 2**-kx`` and ``y * 2**-ky`` with ``max|.|`` in [0.5, 1), and kx, ky."""
    kx, ky = pow2_exponent(x), pow2_exponent(y)
    return scaled(x, -kx), scaled(y, -ky), kx, ky


def _scaled_stats(x: ArrayLike, y: ArrayLike) -> _ScaledStats:
    """Validate the data and form the centred sums on the scaled copies of :func:`_scaled_data`."""
    xs, ys, kx, ky = _scaled_data(*_check_xy(x, y))
    (xc, xbar), (yc, ybar) = _centred(xs), _centred(ys, to_precision=True)
    return _ScaledStats(
        n=int(xs.size),
        xbar=math.ldexp(xbar, kx),
        ybar=math.ldexp(ybar, ky),
        Sxx=float(xc @ xc),
        Sxy=float(xc @ yc),
        Syy=float(yc @ yc),
        kx=kx,
        ky=ky,
    )


def _slope(s: _ScaledStats, lam: float, penalty: str) -> float:
    """The one-feature slope from the scaled sums, scaled back: ``m = m_s * 2**(ky - kx)``.

    In scaled units the penalty is ``lam * 2**-(kx + ky)`` (lasso) or ``lam * 4**-kx``
    (ridge); one too large for float64 means a slope of 0.
    """
    if penalty == "none":
        m_s = s.Sxy / s.Sxx
    else:
        lasso = penalty == "l1"
        lam_s = ldexp(lam, -(s.kx + s.ky) if lasso else -2 * s.kx)
        slope = lasso_slope if lasso else ridge_slope
        m_s = 0.0 if math.isinf(lam_s) else float(slope(s.Sxx, s.Sxy, lam_s))
    return _finite(ldexp(m_s, s.ky - s.kx), *_SLOPE)


def _line(s: _ScaledStats, m: float) -> tuple[float, float]:
    """``(m, b)`` with the intercept ``b = ybar - m*xbar``."""
    return m, _finite(s.ybar - m * s.xbar, *_INTERCEPT)


@dataclass(frozen=True)
class SimpleStats:
    """Everything the one-feature fits need: ``n``, the means and the centred sums.

    ``Sxx = sum((x-xbar)**2)``, ``Sxy = sum((x-xbar)*(y-ybar))``, ``Syy = sum((y-ybar)**2)``.
    """

    n: int
    xbar: float
    ybar: float
    Sxx: float
    Sxy: float
    Syy: float


def sufficient_stats(x: ArrayLike, y: ArrayLike) -> SimpleStats:
    """Means and centred sums of squares and cross-products of ``x`` and ``y``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target, ``n >= 2``; ``x`` must not be constant.

    Returns
    -------
    SimpleStats
        ``n, xbar, ybar, Sxx, Sxy, Syy``.

    Raises
    ------
    ValueError
        If a sum is not representable in float64: ``Sxx`` overflows or falls below the
        normal range (``x`` near ``1e200`` or with a spread near ``1e-160``), ``Sxy`` or
        ``Syy`` overflows. The fits of this module still work on such data: they form
        the sums on exactly rescaled copies.

    Notes
    -----
    .. math:: S_{xx} = \\sum (x_i - \\bar x)^2, \\quad S_{xy} = \\sum (x_i - \\bar x)(y_i - \\bar y)

    Examples
    --------
    >>> s = sufficient_stats([1, 2, 3], [2, 4, 7])
    >>> s.n, s.xbar, s.Sxx, s.Sxy
    (3, 2.0, 2.0, 5.0)
    """
    s = _scaled_stats(x, y)
    Sxx = _finite(ldexp(s.Sxx, 2 * s.kx), "Sxx = sum((x - xbar)**2)", "rescale x")
    if Sxx < np.finfo(float).tiny:
        raise ValueError(
            "x has too little spread for float64: Sxx = sum((x - xbar)**2) underflows; rescale x"
        )
    return SimpleStats(
        n=s.n,
        xbar=s.xbar,
        ybar=s.ybar,
        Sxx=Sxx,
        Sxy=_finite(ldexp(s.Sxy, s.kx + s.ky), "Sxy = sum((x - xbar)*(y - ybar))"),
        Syy=_finite(ldexp(s.Syy, 2 * s.ky), "Syy = sum((y - ybar)**2)", "rescale y"),
    )


# ------------------------------------------------------------ slopes from the sums
def ols_slope(Sxx: float, Sxy: float) -> float:
    """Least-squares slope ``Sxy / Sxx``.

    Parameters
    ----------
    Sxx : float
        Centred sum of squares of x, > 0.
    Sxy : float
        Centred cross-product sum.

    Returns
    -------
    float

    Examples
    --------
    >>> ols_slope(2.0, 5.0)
    2.5
    """
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    Sxy = check_real(Sxy, "Sxy")
    return Sxy / Sxx


def ridge_slope(Sxx: float, Sxy: float, lam: float | np.ndarray) -> float | np.ndarray:
    """Ridge slope ``Sxy / (Sxx + lam)``, vectorised over ``lam``.

    Parameters
    ----------
    Sxx : float
        Centred sum of squares of x, > 0.
    Sxy : float
        Centred cross-product sum.
    lam : float or 1-D array of float
        Penalty weight(s), >= 0.

    Returns
    -------
    float or numpy.ndarray
        A float for scalar ``lam``, else an array shaped like ``lam``.

    Notes
    -----
    Setting :math:`\\partial/\\partial m\\,[S_{yy} - 2mS_{xy} + m^2 S_{xx} + \\lambda m^2] = 0`
    gives :math:`m = S_{xy}/(S_{xx} + \\lambda)`: shrunk towards 0, never exactly 0
    unless :math:`S_{xy} = 0`.

    Examples
    --------
    >>> ridge_slope(2.0, 5.0, 3.0)
    1.0
    >>> ridge_slope(2.0, 5.0, [0.0, 8.0])
    array([2.5, 0.5])
    """
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    Sxy = check_real(Sxy, "Sxy")
    lam = check_penalties(lam, "lam")
    return _scalar_or_array(Sxy / (Sxx + np.asarray(lam)))


def lasso_slope(Sxx: float, Sxy: float, lam: float | np.ndarray) -> float | np.ndarray:
    """Lasso slope by the three cases, vectorised over ``lam``.

    Parameters
    ----------
    Sxx : float
        Centred sum of squares of x, > 0.
    Sxy : float
        Centred cross-product sum.
    lam : float or 1-D array of float
        Penalty weight(s), >= 0.

    Returns
    -------
    float or numpy.ndarray
        Exactly ``0.0`` wherever ``|Sxy| <= lam/2``.

    Notes
    -----
    .. math::
        m = \\begin{cases} (S_{xy} - \\lambda/2)/S_{xx} & S_{xy} > \\lambda/2 \\\\
        (S_{xy} + \\lambda/2)/S_{xx} & S_{xy} < -\\lambda/2 \\\\
        0 & |S_{xy}| \\le \\lambda/2 \\end{cases}
        = \\operatorname{soft\\_threshold}(S_{xy}, \\lambda/2) / S_{xx}

    Examples
    --------
    >>> lasso_slope(2.0, 5.0, 4.0)
    1.5
    >>> lasso_slope(2.0, 5.0, [0.0, 10.0, 12.0])
    array([2.5, 0. , 0. ])
    """
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    Sxy = check_real(Sxy, "Sxy")
    half = np.asarray(check_penalties(lam, "lam")) / 2
    m = np.where(Sxy > half, (Sxy - half) / Sxx, np.where(Sxy < -half, (Sxy + half) / Sxx, 0.0))
    return _scalar_or_array(m)


def soft_threshold(z: float | np.ndarray, t: float) -> float | np.ndarray:
    """Soft-thresholding ``sign(z) * max(|z| - t, 0)``, vectorised over ``z``.

    Parameters
    ----------
    z : float or array_like
        Values to shrink.
    t : float
        Threshold, >= 0.

    Returns
    -------
    float or numpy.ndarray
        Exactly ``0.0`` (never ``-0.0``) where ``|z| <= t``.

    Examples
    --------
    >>> soft_threshold([-3.0, -0.5, 0.0, 2.0], 1.0)
    array([-2.,  0.,  0.,  1.])
    """
    z = _check_m(z, "z")
    t = check_penalty(t, "t")
    out = np.where(z > t, z - t, np.where(z < -t, z + t, 0.0))
    return _scalar_or_array(out)


# ----------------------------------------------------------------- fits from data
def ols_fit(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """Least-squares line ``(m, b)``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.

    Returns
    -------
    (float, float)
        Slope ``m = Sxy/Sxx`` and intercept ``b = ybar - m*xbar``.

    Raises
    ------
    ValueError
        If ``x`` is constant, or the slope or intercept overflows float64.

    Notes
    -----
    The sums are formed on copies of ``x`` and ``y`` scaled by powers of two to
    ``max|.|`` in ``[0.5, 1)`` and the slope is scaled back: exact (the same bits as the
    plain formula) for ordinary data, and still right for data near ``1e-200`` or
    ``1e200`` where ``Sxx`` itself would underflow or overflow.

    Examples
    --------
    >>> m, b = ols_fit([1, 2, 3], [2, 4, 7])
    >>> m, round(b, 6)
    (2.5, -0.666667)
    """
    s = _scaled_stats(x, y)
    return _line(s, _slope(s, 0.0, "none"))


def ridge_fit(x: ArrayLike, y: ArrayLike, lam: float) -> tuple[float, float]:
    """Ridge line ``(m, b)`` minimising ``SSE(m, b) + lam*m**2``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0.

    Returns
    -------
    (float, float)
        ``m = Sxy/(Sxx + lam)``, ``b = ybar - m*xbar``.

    Examples
    --------
    >>> m, b = ridge_fit([1, 2, 3], [2, 4, 7], 3.0)
    >>> m, round(b, 6)
    (1.0, 2.333333)
    """
    s = _scaled_stats(x, y)
    return _line(s, _slope(s, check_penalty(lam, "lam"), "l2"))


def lasso_fit(x: ArrayLike, y: ArrayLike, lam: float) -> tuple[float, float]:
    """Lasso line ``(m, b)`` minimising ``SSE(m, b) + lam*|m|``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0.

    Returns
    -------
    (float, float)
        ``m`` from :func:`lasso_slope`, ``b = ybar - m*xbar``; ``m == 0.0`` exactly
        once ``lam >= lambda_star(x, y)``.

    Examples
    --------
    >>> m, b = lasso_fit([1, 2, 3], [2, 4, 7], 4.0)
    >>> m, round(b, 6)
    (1.5, 1.333333)
    >>> lasso_fit([1, 2, 3], [2, 4, 7], 10.0)[0]
    0.0
    """
    s = _scaled_stats(x, y)
    return _line(s, _slope(s, check_penalty(lam, "lam"), "l1"))


def lasso_case(x: ArrayLike, y: ArrayLike, lam: float) -> str:
    """Which of the lasso's three cases holds: ``"m > 0"``, ``"m < 0"`` or ``"m = 0"``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0.

    Returns
    -------
    str
        ``"m > 0"`` if ``Sxy > lam/2``, ``"m < 0"`` if ``Sxy < -lam/2``, else ``"m = 0"``.

    Examples
    --------
    >>> lasso_case([1, 2, 3], [2, 4, 7], 4.0), lasso_case([1, 2, 3], [2, 4, 7], 10.0)
    ('m > 0', 'm = 0')
    """
    s = _scaled_stats(x, y)  # the comparisons hold in scaled units too
    # scaled first, halved second, exactly as lasso_fit does: halving a subnormal lam
    # first would round it, and the two could disagree at the tie |Sxy| = lam / 2
    half = ldexp(check_penalty(lam, "lam"), -(s.kx + s.ky)) / 2
    if s.Sxy > half:
        return "m > 0"
    if s.Sxy < -half:
        return "m < 0"
    return "m = 0"


def lambda_star(x: ArrayLike, y: ArrayLike) -> float:
    """Smallest ``lam`` at which the lasso slope is exactly zero: ``2 * |Sxy|``.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.

    Returns
    -------
    float
        ``2 * |Sxy|``, rounded up where it is not exactly representable (below
        ``2.2e-308``, where floats lose precision), so ``lasso_fit(x, y, lambda_star(x, y))``
        has slope exactly 0 at every scale.

    Examples
    --------
    >>> lambda_star([1, 2, 3], [2, 4, 7])
    10.0
    """
    s = _scaled_stats(x, y)
    star = 2 * abs(s.Sxy)  # exact, in scaled units
    lam = ldexp(star, s.kx + s.ky)
    if ldexp(lam, -(s.kx + s.ky)) < star:  # rounded down into the subnormal range
        lam = math.nextafter(lam, math.inf)
    return _finite(lam, "lambda_star = 2|Sxy|")


# --------------------------------------------------------------------------- losses
def _penalty_term(m: float | np.ndarray, lam: float, penalty: str) -> float | np.ndarray:
    if penalty == "l1":
        return lam * np.abs(m)
    if penalty == "l2":
        return lam * m**2
    return np.zeros_like(m)


def article_loss(
    m: float | np.ndarray,
    b: float | np.ndarray,
    x: ArrayLike,
    y: ArrayLike,
    lam: float,
    penalty: str,
) -> float | np.ndarray:
    """The article's loss ``SSE(m, b) + penalty``, vectorised over ``m`` and ``b``.

    Parameters
    ----------
    m, b : float or array_like
        Slope(s) and intercept(s); they broadcast against each other.
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0 (ignored when ``penalty="none"``).
    penalty : {"l1", "l2", "none"}
        ``lam*|m|``, ``lam*m**2`` or nothing.

    Returns
    -------
    float or numpy.ndarray
        Shaped like ``broadcast(m, b)``.

    Notes
    -----
    .. math:: L(m, b) = \\sum_i (y_i - m x_i - b)^2 + \\lambda\\,|m| \\text{ or } \\lambda m^2

    Examples
    --------
    >>> article_loss(2.0, 0.0, [1, 2], [2, 5], lam=3.0, penalty="l1")
    7.0
    >>> article_loss([0.0, 2.0], 0.0, [1, 2], [2, 5], lam=3.0, penalty="l2")
    array([29., 13.])
    """
    x, y = _check_xy(x, y)
    lam = check_penalty(lam, "lam")
    penalty = check_choice(penalty, "penalty", PENALTIES)
    m, b = np.broadcast_arrays(np.asarray(_check_m(m, "m")), np.asarray(_check_m(b, "b")))
    resid = y - m[..., None] * x - b[..., None]
    return _scalar_or_array(np.sum(resid**2, axis=-1) + _penalty_term(m, lam, penalty))


def profile_loss(
    m: float | np.ndarray, x: ArrayLike, y: ArrayLike, lam: float, penalty: str
) -> float | np.ndarray:
    """The loss already minimised over ``b`` (put ``b = ybar - m*xbar``), vectorised over ``m``.

    Parameters
    ----------
    m : float or array_like
        Slope(s).
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0.
    penalty : {"l1", "l2", "none"}
        Which penalty to add.

    Returns
    -------
    float or numpy.ndarray
        Shaped like ``m``.

    Notes
    -----
    .. math:: \\min_b L(m, b) = \\sum_i \\big((y_i-\\bar y) - m (x_i - \\bar x)\\big)^2
              + \\text{penalty} = S_{yy} - 2 m S_{xy} + m^2 S_{xx} + \\text{penalty}

    Examples
    --------
    >>> profile_loss([0.0, 1.5], [1, 2, 3], [2, 4, 7], lam=4.0, penalty="l1")
    array([12.66666667,  8.16666667])
    """
    x, y = _check_xy(x, y)
    lam = check_penalty(lam, "lam")
    penalty = check_choice(penalty, "penalty", PENALTIES)
    m = np.asarray(_check_m(m, "m"))
    resid = (y - y.mean()) - m[..., None] * (x - x.mean())
    return _scalar_or_array(np.sum(resid**2, axis=-1) + _penalty_term(m, lam, penalty))


# ----------------------------------------------------------- independent minimiser
def brute_force_fit(
    x: ArrayLike,
    y: ArrayLike,
    lam: float,
    penalty: str,
    *,
    grid_size: int = 2001,
    n_iter: int = 200,
) -> tuple[float, float]:
    """Minimise the article's loss numerically, without any closed form (a cross-check).

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    lam : float
        Penalty weight, >= 0.
    penalty : {"l1", "l2", "none"}
        Which loss to minimise.
    grid_size : int, default=2001
        Points in the coarse grid over ``[-s, s]``, at most ``MAX_GRID_SIZE`` (10**6). The
        grid is evaluated in slices of at most ``2**20`` (point, sample) pairs, so memory
        stays bounded (8 MiB per temporary array) however large ``n`` is.
    n_iter : int, default=200
        Golden-section iterations of the refinement (each shrinks the bracket by 0.618).

    Returns
    -------
    (float, float)
        Slope ``m`` and intercept ``b = ybar - m*xbar``.

    Notes
    -----
    For each ``m`` the best intercept is ``b = ybar - m*xbar`` (set dL/db = 0), so we
    minimise over ``m`` alone the loss *minus its value at m = 0*,

    .. math:: g(m) = \\sum_i m\\,x_c\\,(m\\,x_c - 2 y_c) + \\text{penalty}(m), \\quad g(0) = 0,

    computed from the centred data ``x_c, y_c`` (no sums are simplified and no
    equation is solved). Subtracting the constant keeps the rounding error
    proportional to ``|m|``, so the comparison with ``m = 0`` below is reliable.
    By Cauchy-Schwarz every minimiser lies in ``[-s, s]``, ``s = sqrt(sum yc^2 / sum xc^2)``.
    Steps: evaluate ``g`` on a grid of ``grid_size`` points over ``[-s, s]``; refine
    around the best grid point by golden-section search (``g`` is convex); finally
    return exactly ``0.0`` if ``g(m_hat) >= 0 = g(0)`` up to the rounding error of
    ``g(m_hat)`` (a bound of ``8 eps`` times the sum of the magnitudes of its terms).
    Accuracy: ``|m - m_true|`` is a few times ``1e-8 * s`` or better (a flat minimum
    limits any search to about the square root of machine precision). The snap to 0
    can only swallow a true slope of order ``1e-15 * s``; it makes the answer exactly
    0 whenever 0 is the minimiser, including at ``lam = lambda_star``. All of this runs
    on copies of ``x`` and ``y`` rescaled by powers of two (exact; see :func:`ols_fit`),
    so data near ``1e-200`` or ``1e200`` work too.

    Examples
    --------
    >>> m, b = brute_force_fit([1, 2, 3], [2, 4, 7], 4.0, "l1")
    >>> round(m, 6), round(b, 6)
    (1.5, 1.333333)
    >>> brute_force_fit([1, 2, 3], [2, 4, 7], 10.0, "l1")[0]
    0.0
    """
    x, y = _check_xy(x, y)
    lam = check_penalty(lam, "lam")
    penalty = check_choice(penalty, "penalty", PENALTIES)
    grid_size = _check_grid_size(grid_size)
    n_iter = check_positive_int(n_iter, "n_iter")
    xs, ys, kx, ky = _scaled_data(x, y)  # exact rescaling: no overflow in the sums below
    (xc, _), (yc, _) = _centred(xs), _centred(ys, to_precision=True)
    lam = ldexp(lam, -(kx + ky) if penalty == "l1" else -2 * kx)  # in the scaled units
    if math.isinf(lam):  # a penalty beyond float64 in these units: the slope is 0
        return 0.0, float(y.mean())

    def g(m: np.ndarray) -> np.ndarray:
        mx = np.multiply.outer(m, xc)
        return np.sum(mx * (mx - 2 * yc), axis=-1) + _penalty_term(m, lam, penalty)

    s = float(np.sqrt((yc @ yc) / (xc @ xc)))
    grid = np.linspace(-s, s, max(grid_size, 3))
    i = int(np.argmin(_in_chunks(g, grid, xc.size)))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(n_iter):  # golden-section search on [lo, hi]
        c, d = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if c >= d:
            break
        if g(np.array(c)) <= g(np.array(d)):
            hi = d
        else:
            lo = c
    m = float((lo + hi) / 2)
    # Is m = 0 (where g = 0) at least as good as m, up to the rounding error of g(m)?
    mx = m * xc
    magnitude = np.sum(np.abs(mx) * (np.abs(mx) + 2 * np.abs(yc))) + _penalty_term(
        abs(m), lam, penalty
    )
    rounding = 8 * np.finfo(float).eps * magnitude
    if g(np.array(m)) >= -rounding:
        m = 0.0
    m = _finite(ldexp(m, ky - kx), *_SLOPE)
    return m, _finite(float(y.mean() - m * x.mean()), *_INTERCEPT)


def _check_grid_size(grid_size: object) -> int:
    grid_size = check_positive_int(grid_size, "grid_size")
    if grid_size > MAX_GRID_SIZE:
        raise ValueError(
            f"grid_size must be <= {MAX_GRID_SIZE} (the golden-section refinement reaches full "
            f"precision from the default 2001 points; a finer grid only costs time and "
            f"memory), got {grid_size}"
        )
    return grid_size


def _in_chunks(g: Callable[[np.ndarray], np.ndarray], grid: np.ndarray, n: int) -> np.ndarray:
    """``g(grid)``, evaluated on slices of the grid so no temporary exceeds _CHUNK_ENTRIES."""
    rows = max(1, _CHUNK_ENTRIES // n)
    return np.concatenate([g(grid[i : i + rows]) for i in range(0, grid.size, rows)])
