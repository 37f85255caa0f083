"""Tests of lessonlib.simple: closed forms vs numerical minimisers vs scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonlib import scale
from lessonlib import simple as S


def random_data(seed: int, negative: bool = False) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    x = rng.normal(size=n) * rng.uniform(0.1, 10) + rng.normal() * 3
    slope = rng.uniform(0.2, 3) * (-1 if negative else 1)
    y = slope * x + rng.normal(size=n) * rng.uniform(0.1, 5) + rng.normal() * 5
    return x, y


def lambdas_around_star(x: np.ndarray, y: np.ndarray) -> list[float]:
    ls = S.lambda_star(x, y)
    return [0.0, 0.3 * ls, ls * (1 - 1e-6), ls, ls * (1 + 1e-6), 1.5 * ls, 10.0 * ls]


# --------------------------------------------------------------- sufficient stats
def test_sufficient_stats_hand_example():
    s = S.sufficient_stats([1, 2, 3], [2, 4, 7])
    # xbar=2, ybar=13/3; Sxx=1+0+1; Sxy=(-1)(2-13/3)+(1)(7-13/3)=5; Syy=(7/3)^2+(1/3)^2+(8/3)^2
    assert (s.n, s.xbar, s.Sxx, s.Sxy) == (3, 2.0, 2.0, 5.0)
    assert s.ybar == pytest.approx(13 / 3)
    assert s.Syy == pytest.approx((49 + 1 + 64) / 9)


def test_sufficient_stats_is_frozen():
    s = S.sufficient_stats([1, 2], [1, 2])
    with pytest.raises(AttributeError):
        s.Sxx = 3.0  # type: ignore[misc]


# ---------------------------------------------------------- closed forms vs others
@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("negative", [False, True])
def test_closed_forms_match_brute_force(seed, negative):
    x, y = random_data(seed, negative)
    s = S.sufficient_stats(x, y)
    scale = np.sqrt(s.Syy / s.Sxx)
    assert (s.Sxy < 0) == negative
    m_ols, _b_ols = S.ols_fit(x, y)
    assert S.brute_force_fit(x, y, 0.0, "none")[0] == pytest.approx(m_ols, abs=1e-6 * scale)
    for lam in lambdas_around_star(x, y):
        for fit, pen in [(S.lasso_fit, "l1"), (S.ridge_fit, "l2")]:
            m, b = fit(x, y, lam)
            mb, bb = S.brute_force_fit(x, y, lam, pen)
            assert mb == pytest.approx(m, abs=1e-6 * scale), (lam, pen)
            assert (mb == 0.0) == (m == 0.0), (lam, pen)  # exact zeros agree
            assert bb == pytest.approx(b, abs=1e-6 * scale * (1 + abs(s.xbar)))


@pytest.mark.parametrize("seed", range(8))
def test_lasso_zero_exactly_from_lambda_star(seed):
    x, y = random_data(seed, negative=seed % 2 == 1)
    ls = S.lambda_star(x, y)
    assert S.lasso_fit(x, y, ls)[0] == 0.0
    assert S.lasso_fit(x, y, ls * (1 + 1e-9))[0] == 0.0
    assert S.lasso_fit(x, y, ls * (1 - 1e-9))[0] != 0.0
    # brute force, knowing nothing of lambda_star, also lands on an exact 0 from it on
    assert S.brute_force_fit(x, y, ls, "l1")[0] == 0.0
    assert S.brute_force_fit(x, y, ls * (1 + 1e-6), "l1")[0] == 0.0
    assert S.brute_force_fit(x, y, ls * (1 - 1e-6), "l1")[0] != 0.0
    assert S.brute_force_fit(x, y, ls * 2, "l1")[0] == 0.0
    # ... and the intercept is then the mean of y
    assert S.lasso_fit(x, y, ls)[1] == pytest.approx(np.mean(y))


@pytest.mark.parametrize("seed", range(6))
def test_brute_force_against_scipy(seed):
    from scipy.optimize import minimize_scalar

    x, y = random_data(seed, negative=seed % 2 == 0)
    s = S.sufficient_stats(x, y)
    scale = np.sqrt(s.Syy / s.Sxx)
    for lam in [0.0, 0.5 * S.lambda_star(x, y), 3.0 * s.Sxx]:
        for pen in ["l1", "l2", "none"]:
            res = minimize_scalar(
                lambda m, lam=lam, pen=pen: S.profile_loss(m, x, y, lam, pen),
                bounds=(-2 * scale, 2 * scale),
                method="bounded",
                options={"xatol": 1e-12},
            )
            assert S.brute_force_fit(x, y, lam, pen)[0] == pytest.approx(res.x, abs=1e-5 * scale)


@pytest.mark.parametrize("seed", range(6))
def test_against_sklearn(seed):
    from sklearn.linear_model import Lasso, LinearRegression, Ridge

    x, y = random_data(seed, negative=seed % 3 == 0)
    X, n = x[:, None], x.size
    ls = S.lambda_star(x, y)
    assert LinearRegression().fit(X, y).coef_[0] == pytest.approx(S.ols_fit(x, y)[0], rel=1e-10)
    for lam in [0.1 * ls, 0.5 * ls, 0.9 * ls, 1.1 * ls]:
        alpha = scale.lasso_alpha(lam, n)
        model = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y)
        m, b = S.lasso_fit(x, y, lam)
        assert model.coef_[0] == pytest.approx(m, abs=1e-8 * (1 + abs(m)))
        assert model.intercept_ == pytest.approx(b, abs=1e-7 * (1 + abs(b)))
        model = Ridge(alpha=scale.ridge_alpha(lam)).fit(X, y)
        m, b = S.ridge_fit(x, y, lam)
        assert model.coef_[0] == pytest.approx(m, rel=1e-10, abs=1e-12)
        assert model.intercept_ == pytest.approx(b, rel=1e-10, abs=1e-10)
    # beyond lambda_star sklearn's coordinate descent also returns an exact zero
    model = Lasso(alpha=scale.lasso_alpha(1.1 * ls, n), tol=1e-14).fit(X, y)
    assert model.coef_[0] == 0.0


def test_lasso_case_matches_sign_of_fit():
    for seed in range(6):
        x, y = random_data(seed, negative=seed % 2 == 1)
        for lam in lambdas_around_star(x, y):
            m = S.lasso_fit(x, y, lam)[0]
            expected = "m > 0" if m > 0 else "m < 0" if m < 0 else "m = 0"
            assert S.lasso_case(x, y, lam) == expected


def test_hand_worked_example():
    # x = [1,2,3], y = [2,4,7]: Sxx = 2, Sxy = 5, lambda* = 10
    x, y = [1, 2, 3], [2, 4, 7]
    assert S.lambda_star(x, y) == 10.0
    assert S.lasso_fit(x, y, 4.0)[0] == pytest.approx((5 - 2) / 2)
    assert S.ridge_fit(x, y, 3.0)[0] == pytest.approx(5 / 5)
    assert S.lasso_fit(x, y, 10.0) == (0.0, pytest.approx(13 / 3))
    assert S.lasso_case(x, [-v for v in y], 4.0) == "m < 0"
    assert S.lasso_fit(x, [-v for v in y], 4.0)[0] == pytest.approx(-1.5)


# ------------------------------------------------------------------ vectorisation
def test_slopes_vectorised_over_lambda():
    lams = np.linspace(0, 20, 41)
    lasso = S.lasso_slope(2.0, 5.0, lams)
    ridge = S.ridge_slope(2.0, 5.0, lams)
    assert isinstance(lasso, np.ndarray) and lasso.shape == lams.shape
    assert isinstance(S.lasso_slope(2.0, 5.0, 1.0), float)
    assert isinstance(S.ridge_slope(2.0, 5.0, np.float64(1.0)), float)
    for lam, ml, mr in zip(lams, lasso, ridge):
        assert ml == S.lasso_slope(2.0, 5.0, float(lam))
        assert mr == pytest.approx(5.0 / (2.0 + lam))
    assert np.all(lasso[lams >= 10.0] == 0.0)
    assert np.all(lasso[lams < 10.0] > 0.0)
    assert S.ols_slope(2.0, 5.0) == 2.5


def test_slopes_never_negative_zero():
    out = S.lasso_slope(2.0, -5.0, np.array([20.0]))
    assert not np.signbit(out[0])
    assert not np.signbit(S.soft_threshold(-0.5, 1.0))


def test_article_and_profile_loss():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 7.0])
    ms = np.linspace(-3, 3, 13)
    bs = np.array([-1.0, 0.5])
    L = S.article_loss(ms[:, None], bs[None, :], x, y, 2.0, "l1")
    assert L.shape == (13, 2)
    for i, m in enumerate(ms):
        for j, b in enumerate(bs):
            assert L[i, j] == pytest.approx(np.sum((y - m * x - b) ** 2) + 2.0 * abs(m))
    assert S.article_loss(1.0, 0.0, x, y, 2.0, "l2") == pytest.approx(1 + 4 + 16 + 2.0)
    assert S.article_loss(1.0, 0.0, x, y, 2.0, "none") == pytest.approx(21.0)
    # the profile loss is the loss minimised over b on a fine grid of b
    prof = S.profile_loss(ms, x, y, 3.0, "l2")
    b_grid = np.linspace(-20, 20, 40001)
    for m, p in zip(ms, prof):
        assert np.min(S.article_loss(m, b_grid, x, y, 3.0, "l2")) == pytest.approx(p, abs=1e-5)
        assert p <= np.min(S.article_loss(m, b_grid, x, y, 3.0, "l2")) + 1e-12


def test_lasso_loss_kink_at_zero():
    x, y = np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 7.0])
    h = 1e-6
    # right/left derivatives at 0 differ by 2*lam: the kink
    for lam in [1.0, 4.0, 12.0]:
        right = (S.profile_loss(h, x, y, lam, "l1") - S.profile_loss(0.0, x, y, lam, "l1")) / h
        left = (S.profile_loss(0.0, x, y, lam, "l1") - S.profile_loss(-h, x, y, lam, "l1")) / h
        assert right - left == pytest.approx(2 * lam, rel=1e-4)


# ----------------------------------------------------------------- property tests
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e3)
lam_st = st.floats(min_value=0.0, max_value=1e4)
# values rounded to 6 decimals keep quotients away from floating-point underflow
nice = finite.map(lambda v: round(v, 6))
nice_lam = lam_st.map(lambda v: round(v, 6))


@settings(deadline=None)
@given(
    st.sampled_from([1, 2, 4, 8]).flatmap(
        lambda k: st.lists(st.integers(1, 1000), min_size=k, max_size=k)
    ),
    st.integers(-1000, 1000),
    lam_st,
)
def test_ridge_slope_zero_for_symmetric_design(half, c, lam):
    # x symmetric about 0 and y even in x (y(x) = y(-x)), so Sxy = 0 in exact arithmetic;
    # integers and n a power of two keep every floating-point step exact too.
    x = np.array(half + [-v for v in half], dtype=float)
    y = c + x**2
    s = S.sufficient_stats(x, y)
    assert s.Sxy == 0.0
    assert S.ridge_fit(x, y, lam)[0] == 0.0
    assert S.lasso_fit(x, y, lam)[0] == 0.0
    assert S.lambda_star(x, y) == 0.0


@settings(deadline=None)
@given(positive, st.floats(1e-6, 1e3), st.sampled_from([-1.0, 1.0]), lam_st)
def test_ridge_slope_nonzero_when_Sxy_nonzero(Sxx, abs_Sxy, sign, lam):
    Sxy = sign * abs_Sxy  # away from underflow, where any formula would round to 0
    m = S.ridge_slope(Sxx, Sxy, lam)
    assert m != 0.0 and np.sign(m) == np.sign(Sxy)
    assert abs(m) <= abs(Sxy / Sxx)


@settings(deadline=None)
@given(positive, nice, nice_lam)
def test_lasso_zero_iff_small_Sxy(Sxx, Sxy, lam):
    m = S.lasso_slope(Sxx, Sxy, lam)
    assert (m == 0.0) == (abs(Sxy) <= lam / 2)
    if m != 0.0:
        assert np.sign(m) == np.sign(Sxy)
        assert abs(m) <= abs(Sxy / Sxx)


@settings(deadline=None)
@given(positive, finite, st.lists(lam_st, min_size=2, max_size=20))
def test_lasso_slope_monotone_never_crosses_sign(Sxx, Sxy, lams):
    lams = np.sort(np.array(lams))
    m = S.lasso_slope(Sxx, Sxy, lams)
    assert np.all(np.sign(m) * np.sign(Sxy) >= 0)  # never the opposite sign
    assert np.all(np.diff(np.abs(m)) <= 1e-12 * (1 + np.abs(m[:-1])))  # |m| shrinks


@settings(deadline=None)
@given(finite, st.floats(min_value=0, max_value=1e3))
def test_soft_threshold_properties(z, t):
    out = S.soft_threshold(z, t)
    assert isinstance(out, float)
    assert (out == 0.0) == (abs(z) <= t)
    assert S.soft_threshold(-z, t) == -out or out == 0.0
    assert abs(out) <= abs(z)
    if out != 0.0:
        assert abs(z) - abs(out) == pytest.approx(t, abs=1e-9 * (1 + abs(z)))

    # it is the minimiser of (w - z)^2 / 2 + t|w|
    def f(w):
        return (w - z) ** 2 / 2 + t * abs(w)

    for w in [out - 1e-3, out + 1e-3, 0.0, z]:
        assert f(out) <= f(w) + 1e-9


def test_soft_threshold_vectorised():
    z = np.array([[-3.0, -1.0], [0.5, 4.0]])
    out = S.soft_threshold(z, 1.0)
    assert out.shape == (2, 2)
    np.testing.assert_array_equal(out, [[-2.0, 0.0], [0.0, 3.0]])
