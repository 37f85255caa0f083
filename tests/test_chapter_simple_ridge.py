"""Tests of what the chapters "Simple linear regression" and "The ridge slope" add to lessonlib.

Every reference is independent of lessonlib's closed forms: NumPy (polyfit, roots, direct
sums), SciPy's minimize_scalar, scikit-learn's Ridge, or brute force.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import Ridge

from lessonlib import data
from lessonlib.display.figures import least_squares
from lessonlib.display.figures import ridge as ridge_figures
from lessonlib.topics import ridge_zero


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def xy():
    return data.make_simple_regression(n=25, slope=-1.5, intercept=4.0, noise=2.0, seed=3)


# ------------------------------------------------------------------ least_squares figures
def test_fitted_line_matches_polyfit_and_passes_through_means(xy):
    x, y = xy
    _, d = least_squares.plot_fitted_line(x, y)
    m_ref, b_ref = np.polyfit(x, y, 1)
    assert d["m"] == pytest.approx(m_ref, rel=1e-10)
    assert d["b"] == pytest.approx(b_ref, rel=1e-10)
    assert d["centre"] == pytest.approx((x.mean(), y.mean()))
    assert d["line_y"] == pytest.approx(m_ref * d["line_x"] + b_ref)


def test_sse_contours_grid_is_the_brute_force_sse(xy):
    x, y = xy
    _, d = least_squares.plot_sse_contours(x, y, n_grid=41)
    M, B = np.meshgrid(d["m"], d["b"])
    brute = ((y[None, None, :] - M[..., None] * x - B[..., None]) ** 2).sum(axis=-1)
    np.testing.assert_allclose(d["sse"], brute, rtol=1e-12)
    # the minimiser is inside the window and no grid point beats it
    m_ref, b_ref = np.polyfit(x, y, 1)
    assert d["m"][0] < m_ref < d["m"][-1] and d["b"][0] < b_ref < d["b"][-1]
    assert d["sse"].min() >= d["sse_min"] - 1e-9
    assert d["sse_min"] == pytest.approx(((y - m_ref * x - b_ref) ** 2).sum(), rel=1e-10)


def test_sse_contours_default_window_holds_closed_level_sets(xy):
    x, y = xy
    _, d = least_squares.plot_sse_contours(x, y, n_grid=81)
    # the level SSE_min + 2*level is a closed ellipse: the border of the window lies above it
    level = max(d["sse_min"], ((y - y.mean()) ** 2).sum() / 100)
    border = np.concatenate([d["sse"][0], d["sse"][-1], d["sse"][:, 0], d["sse"][:, -1]])
    assert border.min() > d["sse_min"] + 2 * level


def test_sse_contours_checks_its_arguments(xy):
    x, y = xy
    with pytest.raises(ValueError, match="half_width"):
        least_squares.plot_sse_contours(x, y, half_width=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_grid"):
        least_squares.plot_sse_contours(x, y, n_grid=2)
    with pytest.raises(ValueError, match="x is constant"):
        least_squares.plot_fitted_line([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])


# ------------------------------------------------------------------------ ridge_zero


def _centred_sums(x, y):
    xc, yc = x - x.mean(), y - y.mean()
    return float(xc @ xc), float(xc @ yc)


def _profile(x, y, m, lam, penalty):
    """Loss minimised over b, computed directly from the residuals (no lessonlib)."""
    b = y.mean() - m * x.mean()
    pen = lam * abs(m) if penalty == "l1" else lam * m * m
    return float(((y - m * x - b) ** 2).sum() + pen)


@pytest.mark.parametrize("lam", [0.0, 3.0, 50.0, 400.0])
def test_one_sided_slopes_match_direct_difference_quotients(xy, lam):
    x, y = xy
    _, Sxy = _centred_sums(x, y)
    h = 1e-5
    for penalty in ("l2", "l1"):
        left, right = ridge_zero.one_sided_slopes(x, y, lam, penalty)
        ref_left = (_profile(x, y, 0.0, lam, penalty) - _profile(x, y, -h, lam, penalty)) / h
        ref_right = (_profile(x, y, h, lam, penalty) - _profile(x, y, 0.0, lam, penalty)) / h
        # the direct quotients carry an O(h) term h*(Sxx + lam) and rounding; compare loosely
        assert left == pytest.approx(ref_left, abs=1e-3 * (1 + abs(ref_left)))
        assert right == pytest.approx(ref_right, abs=1e-3 * (1 + abs(ref_right)))
    # and tightly against the exact one-sided derivatives
    rl, rr = ridge_zero.one_sided_slopes(x, y, lam, "l2")
    ll, lr = ridge_zero.one_sided_slopes(x, y, lam, "l1")
    assert rl == pytest.approx(-2 * Sxy, rel=1e-7) and rr == pytest.approx(-2 * Sxy, rel=1e-7)
    assert ll == pytest.approx(-2 * Sxy - lam, abs=1e-6) and lr == pytest.approx(
        -2 * Sxy + lam, abs=1e-6
    )


def test_one_sided_slopes_checks_arguments(xy):
    x, y = xy
    with pytest.raises(ValueError, match="penalty"):
        ridge_zero.one_sided_slopes(x, y, 1.0, "l3")
    with pytest.raises(ValueError, match="h must be > 0"):
        ridge_zero.one_sided_slopes(x, y, 1.0, "l2", h=0.0)
    with pytest.raises(ValueError, match="lam must be >= 0"):
        ridge_zero.one_sided_slopes(x, y, -1.0, "l2")


@pytest.mark.parametrize("q", [1.2, 1.5, 3.0, 4.0])
@pytest.mark.parametrize("lam", [0.5, 100.0, 1e5])
def test_power_penalty_slope_matches_scipy(xy, q, lam):
    from scipy.optimize import minimize_scalar

    x, y = xy
    Sxx, Sxy = _centred_sums(x, y)
    m_ref = minimize_scalar(
        lambda m: -2 * m * Sxy + m * m * Sxx + lam * abs(m) ** q,
        bounds=sorted([0.0, Sxy / Sxx]),
        method="bounded",
        options={"xatol": 1e-12},
    ).x
    m = ridge_zero.power_penalty_slope(Sxx, Sxy, lam, q)
    assert m == pytest.approx(m_ref, abs=1e-7 * abs(Sxy / Sxx))
    assert m != 0.0 and np.sign(m) == np.sign(Sxy)


def test_power_penalty_slope_q2_is_sklearn_ridge_and_q4_is_the_cubic_root(xy):
    x, y = xy
    Sxx, Sxy = _centred_sums(x, y)
    for lam in [1.0, 1e3, 1e9]:
        sk = Ridge(alpha=lam).fit(x.reshape(-1, 1), y).coef_[0]
        assert ridge_zero.power_penalty_slope(Sxx, Sxy, lam, 2.0) == pytest.approx(sk, rel=1e-9)
        roots = np.roots([4 * lam, 0.0, 2 * Sxx, -2 * Sxy])  # 2 Sxx m + 4 lam m^3 = 2 Sxy
        real = roots[np.abs(roots.imag) < 1e-9].real
        assert real.size == 1
        assert ridge_zero.power_penalty_slope(Sxx, Sxy, lam, 4.0) == pytest.approx(
            real[0], rel=1e-8
        )
    assert ridge_zero.power_penalty_slope(Sxx, 0.0, 5.0, 2.0) == 0.0
    with pytest.raises(ValueError, match="q must be > 1"):
        ridge_zero.power_penalty_slope(Sxx, Sxy, 1.0, 1.0)


def test_sign_changes_by_brute_force():
    rng = np.random.default_rng(0)
    coefs = rng.standard_normal((40, 3))
    coefs[5, 1] = 0.0  # a zero is not a strict sign change on either side
    expected = sorted(
        (j, i)
        for i in range(39)
        for j in range(3)
        if (coefs[i, j] > 0 and coefs[i + 1, j] < 0) or (coefs[i, j] < 0 and coefs[i + 1, j] > 0)
    )
    assert ridge_zero.sign_changes(coefs) == expected
    assert all((j, i) not in expected for j, i in [(1, 4), (1, 5)])
    with pytest.raises(ValueError, match="coefs"):
        ridge_zero.sign_changes([[1.0, 2.0]])


@pytest.fixture
def crossing_data():
    d = data.make_correlated_features(
        n=50,
        n_groups=1,
        group_size=2,
        rho=0.9,
        n_noise_features=0,
        coef=[1.0, -0.3],
        noise=0.5,
        seed=0,
    )
    X = (d.X - d.X.mean(axis=0)) / d.X.std(axis=0)
    return X, np.asarray(d.y)


def test_ridge_zero_crossing_against_sklearn_and_cramer(crossing_data):
    X, y = crossing_data
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    G, c = Xc.T @ Xc, Xc.T @ yc
    alpha_cramer = G[0, 1] * c[0] / c[1] - G[0, 0]  # numerator of w_2 vanishes
    a = ridge_zero.ridge_zero_crossing(X, y, 1, 1.0, 10.0)
    assert a == pytest.approx(alpha_cramer, rel=1e-9)
    below = Ridge(alpha=a * (1 - 1e-4)).fit(X, y).coef_[1]
    above = Ridge(alpha=a * (1 + 1e-4)).fit(X, y).coef_[1]
    assert below < 0 < above
    assert abs(Ridge(alpha=a).fit(X, y).coef_[1]) < 1e-10


def test_ridge_zero_crossing_checks_its_bracket(crossing_data):
    X, y = crossing_data
    with pytest.raises(ValueError, match="opposite signs"):
        ridge_zero.ridge_zero_crossing(X, y, 1, 10.0, 100.0)
    with pytest.raises(ValueError, match="j must be in"):
        ridge_zero.ridge_zero_crossing(X, y, 2, 1.0, 10.0)
    with pytest.raises(ValueError, match="alpha_lo must be < alpha_hi"):
        ridge_zero.ridge_zero_crossing(X, y, 1, 10.0, 1.0)
    with pytest.raises(TypeError, match="j must be an integer"):
        ridge_zero.ridge_zero_crossing(X, y, 1.0, 1.0, 10.0)


# --------------------------------------------------------------------- ridge figures
def test_plot_ridge_slope_data_is_sklearn_ridge(xy):
    x, y = xy
    lambdas = np.logspace(-1, 12, 27)
    _, d = ridge_figures.plot_ridge_slope(x, y, lambdas)
    sk = np.array([Ridge(alpha=lam).fit(x.reshape(-1, 1), y).coef_[0] for lam in lambdas])
    np.testing.assert_allclose(d["ridge"], sk, rtol=1e-8)
    assert np.all(d["ridge"] != 0.0)
    m_ref = np.polyfit(x, y, 1)[0]
    assert d["m_ols"] == pytest.approx(m_ref, rel=1e-10)
    half = Ridge(alpha=d["lambda_half"]).fit(x.reshape(-1, 1), y).coef_[0]
    assert half == pytest.approx(m_ref / 2, rel=1e-9)
    with pytest.raises(ValueError, match="lambdas must be > 0"):
        ridge_figures.plot_ridge_slope(x, y, [0.0, 1.0])


def test_plot_ridge_crossing_marks_the_crossing(crossing_data):
    X, y = crossing_data
    alphas = np.logspace(-2, 5, 71)
    coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in alphas])
    ax, d = ridge_figures.plot_ridge_crossing(alphas, coefs, ["x1", "x2"], 3.1)
    assert d["alpha_cross"] == 3.1 and not d["zero_mask"].any()
    np.testing.assert_array_equal(d["coefs"], coefs)
    verticals = [ln for ln in ax.lines if np.allclose(ln.get_xdata(), 3.1)]
    assert verticals, "no line drawn at alpha_cross"
    with pytest.raises(ValueError, match="alpha_cross"):
        ridge_figures.plot_ridge_crossing(alphas, coefs, ["x1", "x2"], -1.0)


def test_ridge_crossings_two_features_is_cramers_root_and_validates():
    """For two features the one crossing is H12 v1 / v2 - H11 (Cramer's rule, written here)."""
    from lessonlib.topics.ridge_zero import ridge_crossings

    rng = np.random.default_rng(1)
    z = rng.standard_normal(80)
    X = np.column_stack([z + 0.3 * rng.standard_normal(80), z + 0.3 * rng.standard_normal(80)])
    y = 2.0 * X[:, 0] - 0.4 * X[:, 1] + rng.standard_normal(80)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    H, v = Xc.T @ Xc, Xc.T @ yc
    ((j, a),) = ridge_crossings(X, y, np.logspace(-3, 5, 801))
    assert j == 1 and a == pytest.approx(H[0, 1] * v[0] / v[1] - H[0, 0], rel=1e-10)
    with pytest.raises(ValueError, match="increasing"):
        ridge_crossings(X, y, [1.0, 0.5])
    with pytest.raises(ValueError, match="positive"):
        ridge_crossings(X, y, [0.0, 1.0])


def test_ridge_components_sum_to_sklearn_ridge_and_validate():
    from lessonlib.topics.ridge_zero import ridge_components

    rng = np.random.default_rng(2)
    X = rng.standard_normal((30, 4)) @ np.triu(np.ones((4, 4)))
    y = X @ np.array([1.0, -2.0, 0.5, 0.0]) + rng.standard_normal(30)
    alphas = np.array([0.0, 0.5, 10.0, 1e4])
    rc = ridge_components(X, y, alphas)
    ref = np.array([Ridge(alpha=a, solver="svd").fit(X, y).coef_ for a in alphas])
    np.testing.assert_allclose(rc.coefs, ref, atol=1e-10)
    eig = np.linalg.eigvalsh((X - X.mean(axis=0)).T @ (X - X.mean(axis=0)))[::-1]
    np.testing.assert_allclose(rc.d2, eig, rtol=1e-10)
    np.testing.assert_allclose(rc.factors, eig / (eig + alphas[:, None]), rtol=1e-12)
    with pytest.raises(ValueError, match="alphas"):
        ridge_components(X, y, [-1.0])
    with pytest.raises(ValueError, match="same number of rows"):
        ridge_components(X, y[:-1], [1.0])
