"""The Bayesian view of ridge and the lasso, for ONE feature (the Bayesian chapter).

With Gaussian noise, ``y_i = b + m x_i + e_i``, ``e_i ~ N(0, sigma2)``, a flat prior
on the intercept ``b`` and a prior ``p(m)`` on the slope, the posterior of the slope
given the data depends on the data only through the centred sums ``Sxx, Sxy``:

    -log p(m | data) = (Sxx m**2 - 2 Sxy m) / (2 sigma2) - log p(m) + const.

(Integrating ``b`` out of a Gaussian likelihood under a flat prior leaves the
profile ``SSE(m, ybar - m xbar)``, up to a constant.) Multiplying by ``2 sigma2``:

* Laplace prior ``p(m) = exp(-|m|/s) / (2s)``: the article's lasso loss with
  ``lam = 2 sigma2 / nu``;
* Gaussian prior ``N(0, tau2)``: the article's ridge loss with ``lam = sigma2 / tau2``.

So the posterior **mode** (MAP) is the lasso or ridge slope of :mod:`lessonlib.simple`.
The posterior **mean** and **median** are integrals; :func:`posterior_slope` computes
them on a fine grid, and :func:`laplace_posterior_exact` gives the mean and ``P(m > 0)`` of
the Laplace-prior posterior in closed form (Hans, 2009). The penalty weight ``lam`` is the
article's (no ``1/(2n)``). :func:`derive_map_penalty` derives the two identities with SymPy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_vector,
    check_choice,
    check_entries,
    check_penalty,
    check_positive_int,
    check_real,
)

__all__ = [
    "PRIORS",
    "MapDerivation",
    "PosteriorSummary",
    "derive_map_penalty",
    "gaussian_variance",
    "laplace_posterior_exact",
    "laplace_scale",
    "log_posterior",
    "map_slope",
    "posterior_slope",
    "prior_pdf",
]

PRIORS = ("laplace", "gaussian")


# ------------------------------------------------------------------ SymPy derivation
@dataclass(frozen=True)
class MapDerivation:
    """The negative log posterior of the slope and the penalty weight it implies.

    Attributes
    ----------
    prior : str
        ``"laplace"`` or ``"gaussian"``.
    prior_density : sympy.Expr
        ``p(m)`` (scale ``nu`` for Laplace, variance ``tau**2`` for Gaussian).
    neg_log_posterior : sympy.Expr
        ``-log p(y | m) - log p(m)`` with the likelihood written through the symbol
        ``SSE`` (the sum of squared residuals, which carries all its dependence on ``m``).
    scaled : sympy.Expr
        ``2 sigma**2`` times the part of ``neg_log_posterior`` that depends on ``m``:
        ``SSE + lam * penalty``.
    penalty : sympy.Expr
        ``|m|`` or ``m**2``.
    lam : sympy.Expr
        The penalty weight in the article's loss ``SSE + lam * penalty``.
    variance : sympy.Expr
        The prior variance, ``Integral(m**2 p(m))``.
    """

    prior: str
    prior_density: object
    neg_log_posterior: object
    scaled: object
    penalty: object
    lam: object
    variance: ArrayLike


def derive_map_penalty(prior: str) -> MapDerivation:
    """Derive, with SymPy, the penalised loss whose minimiser is the posterior mode.

    Parameters
    ----------
    prior : {"laplace", "gaussian"}
        Laplace prior ``exp(-|m|/s)/(2s)`` or Gaussian prior ``N(0, tau**2)`` on the slope.

    Returns
    -------
    MapDerivation

    Notes
    -----
    The likelihood of ``n`` independent Gaussian residuals with variance ``sigma**2`` is
    :math:`(2\\pi\\sigma^2)^{-n/2} \\exp(-\\mathrm{SSE}/(2\\sigma^2))`. The terms of the
    negative log posterior that involve neither ``m`` nor ``SSE`` are constants; the rest,
    times :math:`2\\sigma^2`, is :math:`\\mathrm{SSE} + \\lambda P(m)`.

    Examples
    --------
    >>> derive_map_penalty("laplace").lam
    2*sigma**2/nu
    >>> derive_map_penalty("gaussian").lam
    sigma**2/tau**2
    """
    import sympy as sp

    prior = check_choice(prior, "prior", PRIORS)
    m = sp.Symbol("m", real=True)
    sse, sigma, n = sp.symbols("SSE sigma n", positive=True)
    likelihood = (2 * sp.pi * sigma**2) ** (-n / 2) * sp.exp(-sse / (2 * sigma**2))
    if prior == "laplace":
        nu = sp.Symbol("nu", positive=True)  # the Laplace scale
        density = sp.exp(-sp.Abs(m) / nu) / (2 * nu)
        penalty = sp.Abs(m)
    else:
        tau = sp.Symbol("tau", positive=True)
        density = sp.exp(-(m**2) / (2 * tau**2)) / sp.sqrt(2 * sp.pi * tau**2)
        penalty = m**2
    nlp = sp.expand(sp.expand_log(-sp.log(likelihood) - sp.log(density), force=True))
    relevant = sum(t for t in sp.Add.make_args(nlp) if t.has(m) or t.has(sse))
    scaled = sp.expand(2 * sigma**2 * relevant)
    lam = sp.simplify((scaled - sse) / penalty)
    if lam.has(m) or sp.simplify(scaled - (sse + lam * penalty)) != 0:
        raise RuntimeError("the scaled negative log posterior is not SSE + lam * penalty")
    # a symmetric density on the real line: integrate over m >= 0 and double
    t = sp.Symbol("t", nonnegative=True)
    variance = sp.simplify(2 * sp.integrate(t**2 * density.subs(m, t), (t, 0, sp.oo)))
    return MapDerivation(prior, density, nlp, scaled, penalty, lam, variance)


# ------------------------------------------------------------------ priors
def prior_pdf(m: ArrayLike, variance: float, prior: str) -> np.ndarray:
    """Density of the Laplace or Gaussian prior with mean 0 and the given variance.

    Parameters
    ----------
    m : array_like
        Points where the density is evaluated (1-D).
    variance : float
        Prior variance, > 0. The Laplace scale is ``s = sqrt(variance/2)``.
    prior : {"laplace", "gaussian"}
        The prior's shape.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> prior_pdf([0.0], 2.0, "laplace")   # nu = 1: density 1/(2 nu) at 0
    array([0.5])
    >>> round(float(prior_pdf([0.0], 1.0, "gaussian")[0]), 4)
    0.3989
    """
    m = as_float_vector(m, "m")
    variance = check_penalty(variance, "variance", allow_zero=False)
    prior = check_choice(prior, "prior", PRIORS)
    if prior == "laplace":
        s = np.sqrt(variance / 2)
        return np.exp(-np.abs(m) / s) / (2 * s)
    return np.exp(-(m**2) / (2 * variance)) / np.sqrt(2 * np.pi * variance)


def laplace_scale(lam: float, sigma2: float) -> float:
    """Laplace prior scale ``nu = 2 sigma2 / lam`` whose MAP is the lasso with ``lam``.

    Parameters
    ----------
    lam : float
        Lasso penalty weight in the article's scaling (> 0).
    sigma2 : float
        Noise variance (> 0).

    Returns
    -------
    float
        The Laplace scale ``nu``.

    Examples
    --------
    >>> laplace_scale(4.0, 1.0)
    0.5
    """
    lam = check_penalty(lam, "lam", allow_zero=False)
    sigma2 = check_penalty(sigma2, "sigma2", allow_zero=False)
    return 2 * sigma2 / lam


def gaussian_variance(lam: float, sigma2: float) -> float:
    """Gaussian prior variance ``tau2 = sigma2 / lam`` whose MAP is ridge with ``lam``.

    Parameters
    ----------
    lam : float
        Ridge penalty weight in the article's scaling (> 0).
    sigma2 : float
        Noise variance (> 0).

    Returns
    -------
    float
        The prior variance ``tau2``.

    Examples
    --------
    >>> gaussian_variance(4.0, 1.0)
    0.25
    """
    lam = check_penalty(lam, "lam", allow_zero=False)
    sigma2 = check_penalty(sigma2, "sigma2", allow_zero=False)
    return sigma2 / lam


# ------------------------------------------------------------------ posterior
def _check_posterior_args(
    Sxx: object, Sxy: object, lam: object, sigma2: object, prior: object
) -> tuple[float, float, float, float, str]:
    """The posterior's arguments validated: floats in range and a known prior."""
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    Sxy = check_real(Sxy, "Sxy")
    lam = check_penalty(lam, "lam")
    sigma2 = check_penalty(sigma2, "sigma2", allow_zero=False)
    return Sxx, Sxy, lam, sigma2, check_choice(prior, "prior", PRIORS)


def _log_post(
    m: np.ndarray, Sxx: float, Sxy: float, lam: float, sigma2: float, prior: str
) -> np.ndarray:
    penalty = np.abs(m) if prior == "laplace" else m**2
    return (2 * Sxy * m - Sxx * m**2 - lam * penalty) / (2 * sigma2)


def log_posterior(
    m: ArrayLike, Sxx: float, Sxy: float, lam: float, sigma2: float, prior: str = "laplace"
) -> np.ndarray:
    """Unnormalised log posterior of the slope: ``-(Sxx m**2 - 2 Sxy m + lam P(m)) / (2 sigma2)``.

    Parameters
    ----------
    m : array_like
        Slopes (1-D).
    Sxx : float
        Centred sum of squares of x, > 0.
    Sxy : float
        Centred cross-product sum.
    lam : float
        The article's penalty weight, >= 0 (``2 sigma2 / nu`` or ``sigma2 / tau2``).
    sigma2 : float
        Noise variance, > 0.
    prior : {"laplace", "gaussian"}, default="laplace"
        ``P(m) = |m|`` or ``m**2``.

    Returns
    -------
    numpy.ndarray
        The log density up to an additive constant (``0`` at ``m = 0``).

    Examples
    --------
    >>> log_posterior([0.0, 1.0], Sxx=2.0, Sxy=3.0, lam=2.0, sigma2=1.0)
    array([0., 1.])
    """
    m = as_float_vector(m, "m")
    args = _check_posterior_args(Sxx, Sxy, lam, sigma2, prior)
    return _log_post(m, *args)


def map_slope(Sxx: float, Sxy: float, lam: float, prior: str = "laplace") -> float:
    """The posterior mode: the lasso slope (Laplace) or the ridge slope (Gaussian).

    Parameters
    ----------
    Sxx, Sxy : float
        Centred sums of the data (``Sxx > 0``).
    lam : float
        Penalty weight in the article's scaling, ``>= 0``.
    prior : {"laplace", "gaussian"}
        Which prior.

    Returns
    -------
    float
        The MAP slope; exactly 0.0 for a Laplace prior when ``|Sxy| <= lam/2``.

    Examples
    --------
    >>> map_slope(2.0, 5.0, 4.0), map_slope(2.0, 5.0, 4.0, "gaussian")
    (1.5, 0.8333333333333334)
    >>> map_slope(2.0, 1.5, 4.0)   # |Sxy| <= lam/2: exactly zero
    0.0
    """
    from lessonlib import simple

    prior = check_choice(prior, "prior", PRIORS)
    if prior == "laplace":
        return float(simple.lasso_slope(Sxx, Sxy, lam))
    return float(simple.ridge_slope(Sxx, Sxy, lam))


@dataclass(frozen=True)
class PosteriorSummary:
    """Mode, mean and median of the slope's posterior, and the density on its grid.

    Attributes
    ----------
    mode : float
        The MAP slope in closed form (:func:`map_slope`).
    mean, median : float
        By the trapezoid rule on ``grid``.
    prob_positive : float
        Posterior probability that ``m > 0``.
    grid, density : numpy.ndarray
        The grid (which contains 0 whenever the posterior has mass near it) and the
        normalised posterior density on it.
    """

    mode: float
    mean: float
    median: float
    prob_positive: float
    grid: np.ndarray
    density: np.ndarray


def posterior_slope(
    Sxx: float,
    Sxy: float,
    lam: float,
    sigma2: float,
    prior: str = "laplace",
    *,
    n_grid: int = 40001,
    width: float = 14.0,
) -> PosteriorSummary:
    """Posterior mode, mean and median of the slope, by integration on a fine grid.

    Parameters
    ----------
    Sxx, Sxy : float
        Centred sums of the data (``Sxx > 0``).
    lam : float
        The article's penalty weight, >= 0.
    sigma2 : float
        Noise variance, > 0.
    prior : {"laplace", "gaussian"}, default="laplace"
        The prior's shape.
    n_grid : int, default=40001
        Grid points (the point ``m = 0`` is added when it lies inside the grid, so the
        cusp is on it).
    width : float, default=14
        The grid covers the slopes where the density is at least ``exp(-width**2/2)``
        times its peak: ``width`` standard deviations on each side of a Gaussian
        posterior, fewer where the cusp at 0 cuts the density off faster. The posterior
        mass outside is of the order of ``exp(-width**2/2)``.

    Returns
    -------
    PosteriorSummary

    Raises
    ------
    ValueError
        If the posterior is too narrow for float64 to resolve around its mode
        (``sqrt(sigma2 / Sxx)`` below about ``1e-12`` times the slope): then the mean
        and the median are the mode to working precision.

    Notes
    -----
    The density :math:`p(m) \\propto \\exp(-(S_{xx}m^2 - 2S_{xy}m + \\lambda P(m))/(2\\sigma^2))`
    is normalised numerically; mean and median follow from the trapezoid rule and its
    cumulative sum (linear interpolation for the median). The grid is centred on the
    mode and scaled to the posterior, not to the data: a sharp posterior far from 0
    (``Sxx`` large) gets as many points across it as a wide one. On each side of 0 the
    exponent is a quadratic :math:`-A(m - c)^2 / (2\\sigma^2)` plus a constant
    (:math:`A = S_{xx}`, :math:`c = (S_{xy} \\mp \\lambda/2)/S_{xx}` for the Laplace
    prior; :math:`A = S_{xx} + \\lambda`, :math:`c = S_{xy}/A` for the Gaussian), and it
    is evaluated relative to the mode in that form, so no large terms cancel.

    Examples
    --------
    >>> post = posterior_slope(Sxx=10.0, Sxy=1.0, lam=4.0, sigma2=1.0)
    >>> post.mode                      # |Sxy| <= lam/2: the MAP is exactly 0 ...
    0.0
    >>> bool(post.mean > 0)            # ... the posterior mean is not
    True
    >>> g = posterior_slope(10.0, 1.0, 4.0, 1.0, "gaussian")
    >>> round(g.mean, 10), round(1.0 / (10.0 + 4.0), 10)   # mean = ridge slope
    (0.0714285714, 0.0714285714)
    """
    Sxx, Sxy, lam, sigma2, prior = _check_posterior_args(Sxx, Sxy, lam, sigma2, prior)
    n_grid = check_positive_int(n_grid, "n_grid")
    if n_grid < 101:
        raise ValueError(f"n_grid must be >= 101, got {n_grid}")
    check_entries((n_grid,), "n_grid")
    width = check_penalty(width, "width", allow_zero=False)
    shape = _Shape.of(Sxx, Sxy, lam, sigma2, prior)
    grid = np.linspace(shape.reach(-width), shape.reach(width), n_grid)
    if grid[0] < 0.0 < grid[-1]:
        grid = np.union1d(grid, [0.0])
    if np.any(np.diff(grid) <= 0.0):
        raise ValueError(
            f"the posterior is too narrow for float64 around its mode {shape.mode:.17g} "
            f"(sd about {shape.sd:.3g}): its mean and median are the mode to working "
            "precision (Sxx and Sxy are too large for sigma2)"
        )
    unnorm = np.exp(shape.log_density(grid))
    dm = np.diff(grid)
    pieces = 0.5 * (unnorm[1:] + unnorm[:-1]) * dm
    total = pieces.sum()
    density = unnorm / total
    offset = density * (grid - shape.mode)  # the mean as mode + E[m - mode]: no rounding of m
    mean = shape.mode + float(np.sum(0.5 * (offset[1:] + offset[:-1]) * dm))
    cdf = np.concatenate([[0.0], np.cumsum(pieces) / total])
    median = float(np.interp(0.5, cdf, grid))
    prob_positive = float(1.0 - np.interp(0.0, grid, cdf))
    return PosteriorSummary(
        map_slope(Sxx, Sxy, lam, prior), mean, median, prob_positive, grid, density
    )


def laplace_posterior_exact(
    Sxx: float, Sxy: float, lam: float, sigma2: float
) -> tuple[float, float]:
    """Posterior mean and ``P(m > 0)`` under a Laplace prior, in closed form (Hans, 2009).

    Parameters
    ----------
    Sxx, Sxy : float
        Centred sums of the data (``Sxx > 0``).
    lam : float
        The article's penalty weight, >= 0 (the Laplace scale is ``2 sigma2 / lam``).
    sigma2 : float
        Noise variance, > 0.

    Returns
    -------
    mean, prob_positive : float
        The posterior mean of the slope and its posterior probability of being positive.

    Notes
    -----
    On each side of 0 the log posterior is a quadratic, so the posterior is a mixture of a
    normal density truncated to :math:`(0, \\infty)` and one truncated to
    :math:`(-\\infty, 0)`, both with standard deviation :math:`s = \\sqrt{\\sigma^2/S_{xx}}`
    and locations :math:`c_\\pm = (S_{xy} \\mp \\lambda/2)/S_{xx}`. Their weights are
    proportional to :math:`e^{c_+^2/(2s^2)}\\Phi(c_+/s)` and
    :math:`e^{c_-^2/(2s^2)}\\Phi(-c_-/s)`, and their means are
    :math:`c_+ + s\\,\\varphi(c_+/s)/\\Phi(c_+/s)` and
    :math:`c_- - s\\,\\varphi(c_-/s)/\\Phi(-c_-/s)`. Logarithms keep the weights finite
    far in the tails.

    Examples
    --------
    >>> mean, p_pos = laplace_posterior_exact(Sxx=10.0, Sxy=1.0, lam=4.0, sigma2=1.0)
    >>> round(mean, 6), round(p_pos, 6)
    (0.061929, 0.595179)
    >>> post = posterior_slope(10.0, 1.0, 4.0, 1.0)   # the same on a grid
    >>> round(post.mean, 6), round(post.prob_positive, 6)
    (0.061929, 0.595179)
    """
    from scipy.special import log_ndtr

    Sxx, Sxy, lam, sigma2, _ = _check_posterior_args(Sxx, Sxy, lam, sigma2, "laplace")
    s = float(np.sqrt(sigma2 / Sxx))
    t_pos, t_neg = (Sxy - lam / 2) / Sxx / s, (Sxy + lam / 2) / Sxx / s
    log_phi = -0.5 * np.log(2 * np.pi)
    log_w = np.array([0.5 * t_pos**2 + log_ndtr(t_pos), 0.5 * t_neg**2 + log_ndtr(-t_neg)])
    w = np.exp(log_w - log_w.max())
    w /= w.sum()
    mean_pos = s * (t_pos + np.exp(log_phi - 0.5 * t_pos**2 - log_ndtr(t_pos)))
    mean_neg = s * (t_neg - np.exp(log_phi - 0.5 * t_neg**2 - log_ndtr(-t_neg)))
    return float(w[0] * mean_pos + w[1] * mean_neg), float(w[0])


@dataclass(frozen=True)
class _Shape:
    """The log posterior of :func:`posterior_slope`, piece by piece (see its Notes).

    On ``m >= 0`` it is ``-A (m - c_pos)**2 / (2 sigma2)`` plus a constant, on ``m <= 0``
    the same with ``c_neg``; ``mode`` is the highest point.
    """

    A: float
    c_pos: float
    c_neg: float
    mode: float
    sigma2: float

    @classmethod
    def of(cls, Sxx: float, Sxy: float, lam: float, sigma2: float, prior: str) -> _Shape:
        if prior == "gaussian":
            A = Sxx + lam
            c = Sxy / A
            return cls(A, c, c, c, sigma2)
        c_pos, c_neg = (Sxy - lam / 2) / Sxx, (Sxy + lam / 2) / Sxx
        mode = c_pos if c_pos > 0.0 else c_neg if c_neg < 0.0 else 0.0
        return cls(Sxx, c_pos, c_neg, mode, sigma2)

    @property
    def sd(self) -> float:
        """``sqrt(sigma2 / A)``: the density falls at least as fast as this Gaussian's."""
        return float(np.sqrt(self.sigma2 / self.A))

    def log_density(self, m: np.ndarray) -> np.ndarray:
        """``log p(m) - log p(mode)``, as a sum of terms of one sign (no cancellation).

        On the mode's side of 0 it is ``-A (m - mode)**2 / (2 sigma2)``; on the other
        side ``-A (m**2 - 2 c m + mode**2) / (2 sigma2)``, where ``-2 c m >= 0``.
        """
        positive = m >= 0.0
        c = np.where(positive, self.c_pos, self.c_neg)
        same_side = np.where(positive, self.mode > 0.0, self.mode < 0.0)
        other = m * m - 2.0 * c * m + self.mode * self.mode
        quad = np.where(same_side, (m - self.mode) ** 2, other)
        return -self.A * quad / (2.0 * self.sigma2)

    def reach(self, width: float) -> float:
        """The slope beyond the mode (``width < 0``: below it) where the log density is
        ``-width**2 / 2``, by bisection; it lies within ``|width|`` of ``sd`` of the mode."""
        lo, hi = self.mode, self.mode + width * self.sd
        level = -0.5 * width * width
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if mid in (lo, hi):
                break
            below = self.log_density(np.array([mid]))[0] < level
            lo, hi = (lo, mid) if below else (mid, hi)
        return hi
