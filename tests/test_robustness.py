"""Property tests for the inputs a fuzzing audit (issue 26) found lessonlib getting wrong.

The audit fed the public functions 172 bad or extreme inputs. Five gave a wrong answer
without an error, and others failed with the wrong exception or a message about an
argument the caller never passed. Each section below is one finding, checked by
Hypothesis over many inputs of that kind, and judged by something lessonlib does not
compute: scikit-learn, SciPy, a closed form or a brute force written out here.

1. ridge on bootstrap resamples with two equal columns and a tiny ``alpha``;
2. subgradient descent, its step search, and the certificates at ``1e+-200``;
3. the least-absolute-deviations lasso at scales HiGHS cannot resolve;
4. the posterior of the slope when it is sharp;
5. ``float ** 2`` overflowing (``bridge_1d``, the noise of the simulations);
6. error messages that name the caller's argument;
7. pandas' nullable columns;
8. sizes that would make a huge array, refused before it is allocated.
"""

from __future__ import annotations

import itertools
import math
import re
import tracemalloc
import warnings
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from scipy import integrate, special, stats
from sklearn.linear_model import Ridge

from lessonlib import data, optimality, path, scale, simple, solvers, subgradient, tuning
from lessonlib._validation import MAX_ENTRIES
from lessonlib.topics import (
    absolute_loss,
    bayes,
    bias_variance,
    entry_order,
    geometry,
    orthonormal,
    overfitting,
    selection,
    sparse_vs_dense,
)
from strategies import Problem, regression_problems

# exponents of 2 up to 660: 2**660 is about 1e199, the scale the audit used
BINARY_SCALE = st.one_of(st.sampled_from([0, -660, 660]), st.integers(-660, 660))


def seeded(draw_seed: int, n: int, p: int) -> np.ndarray:
    return np.random.default_rng(draw_seed).standard_normal((n, p))


# ===================================================================== 1. ridge, equal columns


@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(8, 20),
    p=st.integers(1, 4),
    at=st.integers(0, 4),
    alpha=st.sampled_from([1e-14, 1e-12, 1e-9, 1e-3, 1.0]),
)
@settings(deadline=None)
def test_resampled_ridge_splits_equal_columns_equally(seed, n, p, at, alpha) -> None:
    # Before: the normal equations, singular to working precision at alpha = 1e-12, gave
    # the two copies of a column unequal coefficients. Judge, on the resamples drawn by
    # the documented recipe: the penalty splits a weight s between two equal columns as
    # s/2 each, so ridge with the copies is ridge with one column sqrt(2) x at t = s/sqrt(2)
    # (scikit-learn's SVD ridge, on a design without the copy).
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    j = min(at, p)
    X2 = np.insert(X, j, X[:, 0], axis=1)  # an exact copy of column 0 at j
    y = X[:, 0] + rng.standard_normal(n)
    C = selection.resample_coefs(X2, y, "ridge", alpha, n_resamples=5, seed=seed)
    first, copy = (1, 0) if j == 0 else (0, j)
    merged = X.copy()
    merged[:, 0] *= math.sqrt(2.0)
    for b, r in enumerate(np.random.default_rng(seed).integers(0, n, size=(5, n))):
        size = np.abs(C[b]).max() + 1.0
        assert abs(C[b, first] - C[b, copy]) <= 1e-12 * size  # the copies: equal
        if np.linalg.cond(merged[r] - merged[r].mean(axis=0)) < 1e6:  # a well-posed judge
            t = Ridge(alpha=alpha, solver="svd").fit(merged[r], y[r]).coef_
            ref = np.insert(t, j, t[0], axis=0) * np.insert(np.ones(p), j, 1.0)
            ref[[first, copy]] = t[0] / math.sqrt(2.0)
            np.testing.assert_allclose(C[b], ref, rtol=0, atol=1e-7 * size)


# ===================================================================== 2. subgradient descent


def subgradient_by_hand(X, y, alpha, step, n_iter):
    """The update of the docstring, from ``w = 0``: ``w -= step / sqrt(k+1) * (G w - b
    + alpha sign(w))`` with ``G = X_c^T X_c / n`` and ``b = X_c^T y_c / n``."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    G, b = Xc.T @ Xc / n, Xc.T @ yc / n
    w = np.zeros(X.shape[1])
    for k in range(n_iter):
        w = w - step / math.sqrt(k + 1) * (G @ w - b + alpha * np.sign(w))
    return w


def gap_by_hand(X, y, w, alpha):
    """The lasso duality gap of ``w`` on centred data (the dual point rescaled from r)."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    r = yc - Xc @ w
    s = min(1.0, alpha / np.max(np.abs(Xc.T @ r / n)))
    primal = r @ r / (2 * n) + alpha * np.abs(w).sum()
    return primal - (yc @ yc - (yc - s * r) @ (yc - s * r)) / (2 * n)


def gaussian_problem(seed: int, n: int, p: int) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Data near 1, the lasso alpha at a tenth of alpha_max, and L by numpy's SVD."""
    X = seeded(seed, n, p) * 2.0 + 1.0
    y = X @ np.linspace(1.0, -1.0, p) + seeded(seed + 1, n, 1)[:, 0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    L = np.linalg.svd(Xc, compute_uv=False)[0] ** 2 / n
    return X, y, 0.1 * np.max(np.abs(Xc.T @ yc)) / n, L


@given(
    seed=st.integers(0, 2**32 - 2),
    n=st.integers(3, 12),
    p=st.integers(1, 6),
    kx=BINARY_SCALE,
    ky=BINARY_SCALE,
)
@settings(deadline=None)
def test_subgradient_descent_at_any_scale(seed, n, p, kx, ky) -> None:
    # Before: at X * 1e-200 the default step 1/L underflowed, a step of 1.0 was used
    # instead, and every coefficient came out 0; at X * 1e200, float ** 2 raised
    # OverflowError. Scaling X by 2**kx and y by 2**ky is exact: the iterates of the
    # scaled problem at alpha * 2**(kx + ky) are those of the original times 2**(ky - kx).
    assume(abs(kx - ky) <= 900 and abs(kx + ky) <= 900)
    X, y, alpha, L = gaussian_problem(seed, n, p)
    fit = solvers.subgradient_descent(
        np.ldexp(X, kx), np.ldexp(y, ky), math.ldexp(alpha, kx + ky), n_iter=40
    )
    ref = subgradient_by_hand(X, y, alpha, 1.0 / L, 40)
    np.testing.assert_allclose(
        np.ldexp(fit.coef, kx - ky), ref, rtol=0, atol=1e-9 * (np.abs(ref).max() + 1e-300)
    )
    if abs(ky) <= 400:  # (beyond, the gap itself under- or overflows: 0.0 or inf)
        assert fit.gap == pytest.approx(math.ldexp(gap_by_hand(X, y, ref, alpha), 2 * ky), rel=1e-6)


@given(seed=st.integers(0, 2**32 - 2), kx=BINARY_SCALE, ky=BINARY_SCALE)
@settings(deadline=None)
def test_step_search_at_any_scale(seed, kx, ky) -> None:
    # Before: OverflowError at X * 1e200, "X must have a non-constant column (L = 0)" at
    # X * 1e-200, and at y * 1e200 every gap was inf, reported as "every step diverged"
    assume(abs(kx - ky) <= 900 and abs(kx + ky) <= 900)
    X, y, alpha, L = gaussian_problem(seed, 10, 3)
    factors = [0.25, 1.0, 4.0]
    res = subgradient.step_search(
        np.ldexp(X, kx), np.ldexp(y, ky), math.ldexp(alpha, kx + ky), factors, n_iter=30
    )
    gaps = [gap_by_hand(X, y, subgradient_by_hand(X, y, alpha, f / L, 30), alpha) for f in factors]
    assert res.best_factor == factors[int(np.argmin(gaps))]
    if abs(ky) <= 400:  # (beyond, the gaps are 0.0 or inf; the choice above still holds)
        np.testing.assert_allclose(np.ldexp(res.gaps, -2 * ky), gaps, rtol=1e-6)
    if abs(kx) <= 400:
        assert res.lipschitz == pytest.approx(math.ldexp(L, 2 * kx), rel=1e-12)


@given(
    seed=st.integers(0, 2**32 - 2),
    kx=BINARY_SCALE,
    ky=BINARY_SCALE,
    intercept=st.sampled_from([None, 0.0, 3.5]),
    l1_ratio=st.sampled_from([1.0, 0.5]),
)
@settings(deadline=None)
def test_objective_and_gap_at_any_scale(seed, kx, ky, intercept, l1_ratio) -> None:
    # Before: (mean(y) - intercept)**2 raised OverflowError at y * 1e200, w @ w = inf
    # times a zero L2 weight gave NaN, and X^T r overflowed with a RuntimeWarning. Judge:
    # the objective and the gap written out here on the unscaled problem; the squared
    # error and the L1 term scale by 4**ky, the L2 term by 2**(3 ky - kx).
    assume(abs(kx - ky) <= 900 and abs(kx + ky) <= 900)
    X, y, alpha, _ = gaussian_problem(seed, 8, 3)
    w = seeded(seed, 1, 3)[0]
    c = None if intercept is None else intercept + y.mean()
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    r = yc - Xc @ w
    offset = 0.0 if c is None else y.mean() - X.mean(axis=0) @ w - c
    a1, a2 = scale.enet_alphas(alpha, l1_ratio)  # (the house rule: no conversion by hand)
    fit_l1 = (r @ r + n * offset**2) / (2 * n) + a1 * np.abs(w).sum()
    args = (np.ldexp(X, kx), np.ldexp(y, ky), np.ldexp(w, ky - kx), math.ldexp(alpha, kx + ky))
    kw = {"intercept": None if c is None else math.ldexp(c, ky), "l1_ratio": l1_ratio}
    obj = expected(fit_l1, 2 * ky) + expected(0.5 * a2 * (w @ w), 3 * ky - kx)
    assert solvers.objective(*args, **kw) == pytest.approx(obj, rel=1e-9, abs=1e-300)
    if l1_ratio == 1.0:  # (the elastic net's gap does not scale in one piece)
        s = min(1.0, a1 / np.max(np.abs(Xc.T @ r / n)))
        gap = fit_l1 - (yc @ yc - (yc - s * r) @ (yc - s * r)) / (2 * n)
        assert solvers.duality_gap(*args, **kw) == pytest.approx(
            expected(gap, 2 * ky), rel=1e-6, abs=1e-300
        )


def expected(value: float, k: int) -> float:
    """``value * 2**k``, inf where that is beyond float64 (as IEEE arithmetic rounds it)."""
    try:
        return math.ldexp(value, k)
    except OverflowError:
        return math.inf


def test_subgradient_descent_at_the_audits_scales() -> None:
    # the audit's inputs, judged by the by-hand iteration on the unscaled data
    X, y, alpha, L = gaussian_problem(7, 20, 3)
    ref = subgradient_by_hand(X, y, alpha, 1.0 / L, 200)
    for c in (1e-200, 1e200):
        fit = solvers.subgradient_descent(X * c, y, alpha * c, n_iter=200)
        np.testing.assert_allclose(fit.coef * c, ref, rtol=1e-10)
        assert np.all(fit.coef != 0.0)


# ============================================================ 3. LAD below HiGHS's tolerances


def lad_objective(x, y, m, b, lam):
    return float(np.sum(np.abs(y - m * x - b)) + lam * abs(m))


def lad_vertex_minimum(x, y, lam):
    """The least penalised LAD loss: a minimum lies on a line through two points or on a
    flat line through one (the loss is convex and piecewise linear)."""
    best = min(lad_objective(x, y, 0.0, b, lam) for b in y)
    for i, j in itertools.combinations(range(x.size), 2):
        if x[i] != x[j]:
            m = (y[j] - y[i]) / (x[j] - x[i])
            best = min(best, lad_objective(x, y, m, y[i] - m * x[i], lam))
    return best


@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(3, 8),
    kx=st.integers(-200, 200),
    ky=st.integers(-200, 200),
    frac=st.floats(0.0, 1.5),
)
@example(seed=0, n=5, kx=-200, ky=-200, frac=0.2)  # the audit's: (0, 0) below 1e-7
@example(seed=0, n=5, kx=200, ky=0, frac=0.2)  # "HiGHS Status 2: Model error" beyond 1e20
@settings(deadline=None)
def test_lad_lasso_fit_at_any_scale(seed, n, kx, ky, frac) -> None:
    assume(abs(ky - kx) <= 250)  # a slope near 10**(ky - kx) must be a float64
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 10.0, n) * 10.0**kx
    y = (1.0 + 2.0 * rng.uniform(0.0, 10.0, n) + rng.standard_normal(n)) * 10.0**ky
    lam = frac * float(np.sum(np.abs(x - np.median(x))))  # the slope is 0 from frac = 1 on
    m, b = absolute_loss.lad_lasso_fit(x, y, lam)
    best = lad_vertex_minimum(x, y, lam)
    assert lad_objective(x, y, m, b, lam) <= best * (1 + 1e-9)
    if frac > 1.0:
        assert m == 0.0


# ===================================================================== 4. a sharp posterior


def gaussian_reference(Sxx, Sxy, lam, sigma2):
    """The Gaussian-prior posterior is N(Sxy / (Sxx + lam), sigma2 / (Sxx + lam))."""
    return Sxy / (Sxx + lam), math.sqrt(sigma2 / (Sxx + lam))


def laplace_reference(Sxx, Sxy, lam, sigma2):
    """Mean, median, P(m > 0) and sd of the Laplace-prior posterior in closed form.

    On each side of 0 the posterior is a normal with sd ``s = sqrt(sigma2 / Sxx)`` and
    mean ``c+- = (Sxy -+ lam/2) / Sxx``, truncated to that side (Hans 2009); the sides'
    weights are ``exp(c**2 / (2 s**2)) Phi(+-c / s)``. A side's mean and variance use the
    inverse Mills ratio ``phi(a) / (1 - Phi(a)) = sqrt(2/pi) / erfcx(a / sqrt(2))``.
    """
    s = math.sqrt(sigma2 / Sxx)
    cp, cn = (Sxy - lam / 2) / Sxx, (Sxy + lam / 2) / Sxx
    # log weight of the negative side minus that of the positive side, without cancelling
    diff = lam * Sxy / (Sxx * sigma2) + special.log_ndtr(-cn / s) - special.log_ndtr(cp / s)
    p_pos = float(special.expit(-diff))
    moments = []
    for a, sign in ((-cp / s, 1.0), (cn / s, -1.0)):  # the truncation point in sd units
        mills = math.sqrt(2 / math.pi) / special.erfcx(a / math.sqrt(2))
        moments.append((sign * s * (mills - a), s * s * max(1 + a * mills - mills**2, 0.0)))
    (mean_pos, var_pos), (mean_neg, var_neg) = moments
    mean = p_pos * mean_pos + (1 - p_pos) * mean_neg
    with np.errstate(all="ignore"):  # SciPy's extreme tails; only the heavier side is used
        if p_pos >= 0.5:
            q = (0.5 - (1 - p_pos)) / p_pos
            median = float(stats.truncnorm.ppf(q, -cp / s, np.inf, loc=cp, scale=s))
        else:
            q = 0.5 / (1 - p_pos)
            median = float(stats.truncnorm.ppf(q, -np.inf, -cn / s, loc=cn, scale=s))
    second = p_pos * (var_pos + mean_pos**2) + (1 - p_pos) * (var_neg + mean_neg**2)
    return mean, median, p_pos, math.sqrt(max(second - mean**2, (1e-3 * s) ** 2))


posterior_args = st.tuples(
    st.floats(-4.0, 10.0),  # log10 Sxx
    st.floats(-4.0, 4.0),  # log10 sigma2
    st.one_of(st.just(0.0), st.floats(-6.0, 6.0)),  # log10 |Sxy| / sqrt(Sxx sigma2)
    st.sampled_from([1.0, -1.0]),
    st.floats(-3.0, 2.0),  # log10 lam / (2 sqrt(Sxx sigma2)) for the Laplace prior
)


def posterior_case(args):
    lsxx, ls2, lz, sign, llam = args
    Sxx, sigma2 = 10.0**lsxx, 10.0**ls2
    unit = math.sqrt(Sxx * sigma2)
    return Sxx, sign * (10.0**lz if lz else 0.0) * unit, 2 * unit * 10.0**llam, sigma2


@given(args=posterior_args)
@settings(deadline=None)
def test_gaussian_posterior_is_the_closed_form(args) -> None:
    # Before: a fixed grid over [0, Sxy/Sxx] +- 14 likelihood sd put 40001 points across
    # 100 units for a posterior 3e-4 wide: posterior_slope(1e7, 1e9, 4, 1, "gaussian")
    # was off by 1.7 posterior sd
    Sxx, Sxy, lam, sigma2 = posterior_case(args)
    lam = lam * Sxx / (2 * math.sqrt(Sxx * sigma2))  # ridge penalties comparable to Sxx
    mu, sd = gaussian_reference(Sxx, Sxy, lam, sigma2)
    post = bayes.posterior_slope(Sxx, Sxy, lam, sigma2, "gaussian")
    assert abs(post.mean - mu) <= 1e-6 * sd + 1e-15 * abs(mu)
    assert abs(post.median - mu) <= 1e-5 * sd + 1e-15 * abs(mu)
    assert post.prob_positive == pytest.approx(stats.norm.sf(0.0, mu, sd), abs=1e-6)


@given(args=posterior_args)
@settings(deadline=None)
def test_laplace_posterior_is_the_truncated_normal_mixture(args) -> None:
    Sxx, Sxy, lam, sigma2 = posterior_case(args)
    mean, median, p_pos, sd = laplace_reference(Sxx, Sxy, lam, sigma2)
    post = bayes.posterior_slope(Sxx, Sxy, lam, sigma2, "laplace")
    tol = 1e-5 * sd + 1e-14 * abs(mean)
    assert abs(post.mean - mean) <= tol
    assert abs(post.median - median) <= 10 * tol
    assert post.prob_positive == pytest.approx(p_pos, abs=1e-5)


@pytest.mark.parametrize("prior", bayes.PRIORS)
def test_the_audits_sharp_posterior_by_quadrature(prior) -> None:
    # posterior_slope(1e7, 1e9, 4, 1): SciPy's adaptive quadrature in t = m - Sxy/Sxx over
    # +-40 likelihood sd, where the log density relative to t = 0 is
    # -(Sxx t**2 + lam (P(m) - P(Sxy/Sxx))) / (2 sigma2)
    Sxx, Sxy, lam, sigma2 = 1e7, 1e9, 4.0, 1.0
    pen = abs if prior == "laplace" else (lambda m: m * m)
    m0, sd = Sxy / Sxx, math.sqrt(sigma2 / Sxx)

    def unnorm(t):
        return math.exp(-(Sxx * t * t + lam * (pen(m0 + t) - pen(m0))) / (2 * sigma2))

    opts = {"epsabs": 0, "epsrel": 1e-10, "limit": 200}
    total = integrate.quad(unnorm, -40 * sd, 40 * sd, **opts)[0]
    mean_t = integrate.quad(lambda t: t * unnorm(t), -40 * sd, 40 * sd, **opts)[0] / total
    post = bayes.posterior_slope(Sxx, Sxy, lam, sigma2, prior)
    assert abs(post.mean - (m0 + mean_t)) < 1e-6 * sd
    assert post.prob_positive == 1.0
    if prior == "gaussian":
        mu, sd_post = gaussian_reference(Sxx, Sxy, lam, sigma2)
        assert abs(post.mean - mu) < 1e-6 * sd_post and abs(post.median - mu) < 1e-5 * sd_post


# ===================================================================== 5. float ** 2 overflow


def bridge_by_grid(z: float, mu: float, q: float) -> float:
    """``|z| u*`` with ``u*`` minimising ``(u - 1)**2 + mu u**q`` on [0, 1]: a grid of
    200001 points and a bounded refinement around the best (mu = lam |z|**(q - 2))."""
    u = np.linspace(0.0, 1.0, 200_001)
    f = (u - 1.0) ** 2 + mu * u**q
    i = int(np.argmin(f))
    if i == 0:
        return 0.0
    from scipy.optimize import minimize_scalar

    res = minimize_scalar(
        lambda v: (v - 1.0) ** 2 + mu * v**q,
        bounds=(u[i - 1], u[min(i + 1, u.size - 1)]),
        method="bounded",
        options={"xatol": 1e-14},
    )
    return float(math.copysign(abs(z) * res.x, z))


@given(
    k=st.integers(-1000, 1000),
    sign=st.sampled_from([1.0, -1.0]),
    mu=st.floats(0.01, 3.0),
    q=st.sampled_from([0.5, 0.8, 1.0, 1.5, 2.0, 3.0]),
)
@settings(deadline=None)
def test_bridge_1d_at_any_scale(k, sign, mu, q) -> None:
    # z = 2**k, lam = mu |z|**(2 - q): the minimiser is |z| times that of mu at z = 1
    assume(-1000 < math.log2(mu) + k * (2 - q) < 1000)
    z, lam = sign * 2.0**k, mu * 2.0 ** (k * (2 - q))
    w = geometry.bridge_1d(z, lam, q)
    ref = bridge_by_grid(z, mu, q)
    if ref == 0.0 or w == 0.0:  # q < 1 jumps to 0: only a near-tie may pick the other side
        f = lambda u: (u - 1.0) ** 2 + mu * abs(u) ** q  # noqa: E731
        assert f(w / z) <= f(ref / z) + 1e-9
    else:
        assert w == pytest.approx(ref, rel=1e-6)


def test_bridge_1d_at_the_audits_scale() -> None:
    # Before: OverflowError from a**2 (z = 1e300) and from w**(q - 1) (q = 3)
    # q = 1/2, lam = 1: the penalty's pull lam q w**(q-1) / 2 ~ 1e-150 moves w by nothing
    assert geometry.bridge_1d(1e300, 1.0, 0.5) == pytest.approx(1e300, rel=1e-15)
    # q = 3, lam = 1: 2 (w - z) + 3 w**2 = 0, so w = (sqrt(4 + 24 z) - 2) / 6
    assert geometry.bridge_1d(1e300, 1.0, 3.0) == pytest.approx(
        (math.sqrt(4 + 24e300) - 2) / 6, rel=1e-12
    )


@pytest.mark.parametrize("noise", [1e154, 1e200])
def test_noise_whose_square_overflows_is_named(noise) -> None:
    # before: OverflowError from noise**2 (a Python float)
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="noise must be < 1e154"):
        sparse_vs_dense.lasso_ridge_test_error([1.0, 0.0], [0.1], [1.0], rng=rng, noise=noise)
    x = np.linspace(0.0, 1.0, 8)
    with pytest.raises(ValueError, match="noise must be < 1e154"):
        bias_variance.ridge_bias_variance(x, x, [1.0], rng=rng, noise=noise, n_rep=3)


# ===================================================================== 6. the caller's names


def name_of(message: str) -> str:
    return re.match(r"\w+", message).group(0)


@given(c=st.sampled_from([0.0, 0.5, 3.0]), n=st.integers(2, 8), degree=st.integers(1, 5))
@settings(deadline=None)
def test_constant_inputs_are_named_as_the_caller_named_them(c, n, degree) -> None:
    # Before: every one of these said "reference must hold at least two distinct values",
    # an argument the caller never passed (or passed under another name)
    good, flat = np.linspace(0.0, 1.0, n), np.full(n, c)
    calls = [
        ("x", lambda: overfitting.polynomial_features(flat, degree)),
        ("reference", lambda: overfitting.polynomial_features(good, degree, reference=flat)),
        ("x_train", lambda: overfitting.predict_polynomial(good, flat, np.ones(degree), 0.0)),
        ("x", lambda: overfitting.fit_polynomial(flat, good, degree, 1.0)),
        (
            "x_train",
            lambda: bias_variance.ridge_bias_variance(
                flat, good, [1.0], rng=np.random.default_rng(0), degree=degree, n_rep=2
            ),
        ),
    ]
    for name, call in calls:
        with pytest.raises(ValueError) as err:
            call()
        assert name_of(str(err.value)) == name
        assert "two distinct values" in str(err.value)


@given(kx=st.sampled_from([-200, -170, 170, 200]), seed=st.integers(0, 100))
@settings(deadline=None)
def test_perturbed_slopes_name_x_not_sxx(kx, seed) -> None:
    # Before: "Sxx must be finite, got inf" at x * 1e200 (an overflow warning first) and
    # "x must not be constant" at x * 1e-200, whose x is not constant
    x = np.random.default_rng(seed).uniform(0.0, 10.0, 12)
    with pytest.raises(ValueError, match=r"^x is too large or has too little spread"):
        optimality.perturbed_one_feature_slopes(x * 10.0**kx, x, 0.1, 0.1, n_draws=3)


def test_other_messages_name_the_argument() -> None:
    with pytest.raises(TypeError, match=r"^coefs must be numeric"):  # was numpy's own message
        selection.within_group_spread("abc", [[0]])
    with pytest.raises(TypeError, match=r"^coef must be numeric"):
        overfitting.predict_polynomial([0.5], [0.0, 1.0], "abc", 0.0)
    with pytest.raises(TypeError, match=r"^intercept must be a real number"):
        overfitting.predict_polynomial([0.5], [0.0, 1.0], [1.0], "abc")


def test_cross_validation_on_one_alpha() -> None:
    # Before: "fold_mse must be 2-D" (scikit-learn drops the axis of a one-alpha grid)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 3))
    y = X @ [1.0, 0.0, 2.0] + rng.standard_normal(20)
    model, curve = tuning.lasso_cv(X, y, [0.1], n_splits=4)
    assert curve.fold_mse.shape == (1, 4) and curve.alpha_min == curve.alpha_1se == 0.1
    np.testing.assert_allclose(curve.mean, [np.mean(model.mse_path_)], rtol=1e-12)


# ===================================================================== 7. pandas' nullable columns

NULLABLE = {"Int64": np.rint, "Float64": lambda a: a}


def frame(X: np.ndarray, dtype: str) -> pd.DataFrame:
    return pd.DataFrame(NULLABLE[dtype](X)).astype(dtype)


FITS = {
    "ridge": lambda X, y: solvers.ridge(X, y, 0.5).coef,
    "lasso_cd": lambda X, y: solvers.lasso_cd(X, y, 0.05, tol=1e-9).coef,
    "lasso_path": lambda X, y: path.lasso_path(X, y, [0.05])[0],
    "alpha_max": lambda X, y: scale.alpha_max(X, y),
    "resample_coefs": lambda X, y: selection.resample_coefs(X, y, "ridge", 1.0, n_resamples=3),
}


@given(
    problem=regression_problems(max_n=10, max_p=4, degenerate=False, scaled=False),
    dtype=st.sampled_from(sorted(NULLABLE)),
    fit=st.sampled_from(sorted(FITS)),
)
@settings(deadline=None)
def test_nullable_columns_without_na_are_their_numbers(problem: Problem, dtype, fit) -> None:
    # Before: a DataFrame of Int64 or Float64 columns became an object array: "X must be
    # numeric, got dtype object". Judge: the same fit on pandas' own float64 conversion.
    X, y = frame(problem.X, dtype), pd.Series(NULLABLE[dtype](problem.y)).astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a ConvergenceWarning, if any, is the same on both
        try:
            ref = FITS[fit](X.astype("float64").to_numpy(), y.astype("float64").to_numpy())
        except ValueError as exc:  # e.g. a degenerate X for the homotopy: the same error
            with pytest.raises(ValueError, match=re.escape(str(exc))):
                FITS[fit](X, y)
            return
        np.testing.assert_array_equal(FITS[fit](X, y), ref)


@given(
    problem=regression_problems(max_n=10, max_p=4, degenerate=False, scaled=False),
    dtype=st.sampled_from(sorted(NULLABLE)),
    where=st.tuples(st.integers(0), st.integers(0)),
    in_y=st.booleans(),
)
@settings(deadline=None)
def test_nullable_columns_with_na_are_refused_by_name(problem: Problem, dtype, where, in_y):
    X, y = frame(problem.X, dtype), pd.Series(NULLABLE[dtype](problem.y)).astype(dtype)
    i, j = where[0] % problem.n, where[1] % problem.p
    if in_y:
        y.iloc[i] = pd.NA
    else:
        X.iloc[i, j] = pd.NA
    name = "y" if in_y else "X"
    with pytest.raises(ValueError, match=f"^{name} contains missing values"):
        solvers.ridge(X, y, 1.0)
    with pytest.raises(ValueError, match=f"^{name} contains missing values"):
        path.lasso_path(X, y, [0.1])


def test_nullable_one_feature_and_booleans() -> None:
    x, y = pd.Series([1, 2, 3, 5], dtype="Int64"), pd.Series([2.0, 4.0, 7.0, 9.5], dtype="Float64")
    assert simple.ols_fit(x, y) == simple.ols_fit([1.0, 2.0, 3.0, 5.0], [2.0, 4.0, 7.0, 9.5])
    with pytest.raises(ValueError, match=r"^x contains missing values"):
        simple.ols_fit(pd.Series([1, None, 3, 5], dtype="Int64"), y)
    # booleans are refused as NumPy's are (a mask passed for data), pandas' nullable too
    with pytest.raises(TypeError, match=r"^x must be numeric, got booleans"):
        simple.ols_fit(pd.Series([True, False, True, True], dtype="boolean"), y)
    with pytest.raises(ValueError, match=r"^x contains missing values"):
        simple.ols_fit(pd.Series([True, None, True, True], dtype="boolean"), y)


# ===================================================================== 8. sizes checked up front

X_SIZE = np.random.default_rng(0).standard_normal((20, 3))
Y_SIZE = X_SIZE @ [1.0, 0.0, 2.0]
R = np.random.default_rng

# the argument named in the message -> a call with that argument set to v
HUGE_CALLS = {
    "n": lambda v: data.make_simple_regression(n=v),
    "n x (n_groups": lambda v: data.make_correlated_features(n_groups=v),
    "n_draws": lambda v: optimality.perturbed_one_feature_slopes(
        X_SIZE[:, 0], Y_SIZE, 0.1, 0.1, n_draws=v
    ),
    "n_grid": lambda v: bayes.posterior_slope(10.0, 1.0, 4.0, 1.0, n_grid=v),
    "degree": lambda v: overfitting.polynomial_features(X_SIZE[:, 0], v),
    "n_rep": lambda v: bias_variance.ridge_bias_variance(
        np.linspace(0, 1, 8), np.linspace(0, 1, 4), [1.0], rng=R(0), n_rep=v
    ),
    "n_boot": lambda v: entry_order.bootstrap_fits(
        X_SIZE, Y_SIZE, lasso_alpha=0.1, ridge_alpha=1.0, n_boot=v
    ),
    "n_problems x n_samples": lambda v: geometry.random_problems(v),
    "n_samples x n_features": lambda v: orthonormal.orthonormal_design(v, 3),
    "n_train": lambda v: overfitting.make_sine_data(n_train=v),
    "n_test": lambda v: overfitting.make_sine_data(n_test=v),
    "n_val": lambda v: overfitting.make_sine_data(n_val=v),
    "n_resamples x n": lambda v: selection.bootstrap_indices(5, v),
    "n_resamples": lambda v: selection.resample_coefs(X_SIZE, Y_SIZE, "ridge", 1.0, n_resamples=v),
    "n_train (sparse)": lambda v: sparse_vs_dense.lasso_ridge_test_error(
        [1.0, 0.0], [0.1], [1.0], rng=R(0), n_train=v
    ),
    "n_alphas": lambda v: tuning.alpha_grid(X_SIZE, Y_SIZE, n_alphas=v),
}
# these run a loop whose history grows with n_iter: without the check they would run for ever
HUGE_LOOPS = {
    "n_iter": lambda v: solvers.subgradient_descent(
        X_SIZE, Y_SIZE, 0.1, n_iter=v, record_history=True
    ),
    "n_iter (search)": lambda v: subgradient.step_search(X_SIZE, Y_SIZE, 0.1, [1.0], n_iter=v),
}


# From 10**12 entries up: even without the check numpy could not allocate that (it raises
# MemoryError at once), so this test never fills the machine's memory.
@given(key=st.sampled_from(sorted(HUGE_CALLS)), size=st.integers(10**12, 10**15))
@settings(deadline=None)
def test_a_huge_size_is_refused_before_anything_is_allocated(key, size) -> None:
    # Before: MemoryError ("Unable to allocate 146. TiB"), or swapping where it fit
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=re.escape(key.split(" (")[0]) + ".* is too large"):
            HUGE_CALLS[key](size)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20


@pytest.mark.parametrize("key", sorted(HUGE_LOOPS))
def test_a_huge_history_is_refused_before_the_loop_starts(key) -> None:
    def never(*args, **kwargs):
        raise AssertionError("the steps started before the size of their history was checked")

    with (
        mock.patch.object(solvers, "subgradient_run", never),
        pytest.raises(ValueError, match=r"^n_iter is too large"),
    ):
        HUGE_LOOPS[key](MAX_ENTRIES)
