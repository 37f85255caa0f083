"""lessonlib.display.figures.one_feature: what each figure draws, read from its Axes.

Every drawn curve is compared with scikit-learn (Lasso, Ridge, LinearRegression) or with the
closed forms written here from the centred data; every label is checked to name what its
artist shows (the legend entry "ridge" is the ridge curve, the x axis is the penalty).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge

from figure_view import entry, legend, markers, same_colour, span_x, vertical_at, xy
from lessonlib import data, scale
from lessonlib.display import figures

X, Y = data.make_simple_regression(n=25, slope=-1.5, noise=4.0, seed=11)
XC, YC = X - X.mean(), Y - Y.mean()
SXX, SXY = float(XC @ XC), float(XC @ YC)
LAM_STAR = 2 * abs(SXY)  # lambda* from its definition, 2 |Sxy|


def sk_slope(lam: float, penalty: str) -> float:
    """The one-feature slope by scikit-learn at the book's lambda (SSE + lam * penalty)."""
    if lam == 0.0:
        model = LinearRegression()
    elif penalty == "l1":
        model = Lasso(alpha=scale.lasso_alpha(lam, X.size), tol=1e-14, max_iter=100_000)
    else:
        model = Ridge(alpha=lam)
    return float(model.fit(X[:, None], Y).coef_[0])


def profile_loss(m: np.ndarray, lam: float) -> np.ndarray:
    """min over b of SSE(m, b) + lam |m|: the centred residuals, summed here."""
    m = np.asarray(m, float)
    return np.array([np.sum((YC - mi * XC) ** 2) for mi in m]) + lam * np.abs(m)


def test_sxy_is_negative():  # the figures below show a negative slope shrinking to 0
    assert SXY < 0


def test_slope_vs_lambda_draws_scikit_learns_slopes():
    lambdas = np.linspace(0.0, 2 * LAM_STAR, 41)
    ax, _ = figures.plot_slope_vs_lambda(X, Y, lambdas)
    _, ridge = entry(ax, "ridge")
    _, lasso = entry(ax, "lasso")
    for line, penalty in ((ridge, "l2"), (lasso, "l1")):
        drawn = xy(line)
        np.testing.assert_array_equal(drawn[:, 0], lambdas)
        ref = [sk_slope(lam, penalty) for lam in lambdas]
        np.testing.assert_allclose(drawn[:, 1], ref, rtol=1e-7, atol=1e-9)
    lasso_y = xy(lasso)[:, 1]
    # exactly 0 past lambda* (off the tie itself), never 0 before; ridge never 0
    assert np.all(lasso_y[lambdas > LAM_STAR * (1 + 1e-12)] == 0.0)
    assert np.all(lasso_y[lambdas < LAM_STAR * (1 - 1e-12)] < 0.0)
    assert np.all(xy(ridge)[:, 1] < 0.0)


def test_slope_vs_lambda_marks_lambda_star_where_the_lasso_reaches_0():
    ax, _ = figures.plot_slope_vs_lambda(X, Y, np.linspace(0.0, 2 * LAM_STAR, 11))
    text, line = entry(ax, "\\lambda^* = 2")
    (at,) = vertical_at(ax)
    assert line.get_xdata()[0] == at == pytest.approx(LAM_STAR, rel=1e-12)
    assert f"{LAM_STAR:.4g}" in text and "2|S_{xy}|" in text
    # the lasso slope is 0 just past it and not just before (scikit-learn)
    assert sk_slope(at * (1 + 1e-6), "l1") == 0.0
    assert sk_slope(at * (1 - 1e-3), "l1") != 0.0


def test_slope_vs_lambda_axes_name_the_penalty_and_the_slope():
    ax, _ = figures.plot_slope_vs_lambda(X, Y, [0.0, LAM_STAR])
    # the x axis carries the lambdas (the lines' x data), the y axis the slopes
    assert "\\lambda" in ax.get_xlabel() and "slope" not in ax.get_xlabel()
    assert "slope" in ax.get_ylabel() and "\\lambda" not in ax.get_ylabel()
    assert "ridge" in ax.get_title().lower() and "lasso" in ax.get_title().lower()
    assert ax.figure.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


@pytest.mark.parametrize("fracs", [(0.0, 0.5, 1.5), (1.5, 0.5, 0.0, 0.25)])
def test_lasso_loss_curves_each_legend_entry_is_its_curve(fracs):
    lambdas = [f * LAM_STAR for f in fracs]
    ax, _ = figures.plot_lasso_loss_curves(X, Y, lambdas)
    entries = legend(ax)
    assert list(entries) == [f"$\\lambda = {lam:.4g}$" for lam in lambdas]
    dots = markers(ax)
    assert len(dots) == len(lambdas)
    for lam, line in zip(lambdas, entries.values()):
        m, loss = xy(line).T
        assert 0.0 in m and np.all(np.diff(m) > 0)  # the kink at m = 0 is drawn
        np.testing.assert_allclose(loss, profile_loss(m, lam), rtol=1e-10)
        # its lowest point: one dot, in the curve's colour, at scikit-learn's slope
        (dot,) = [d for d in dots if same_colour(d.get_color(), line.get_color())]
        (m_hat, l_hat) = xy(dot)[0]
        assert m_hat == pytest.approx(sk_slope(lam, "l1"), abs=1e-8)
        assert l_hat == pytest.approx(profile_loss([m_hat], lam)[0], rel=1e-12)
        assert l_hat <= loss.min() * (1 + 1e-12)
        assert (m_hat == 0.0) == (lam > LAM_STAR)
    assert "slope" in ax.get_xlabel() and "loss" in ax.get_ylabel()


def test_lasso_loss_curves_custom_ms_get_the_kink():
    ax, _ = figures.plot_lasso_loss_curves(X, Y, [1.0], ms=[-1.0, -0.5, 0.5, 1.0])
    (line,) = legend(ax).values()
    np.testing.assert_array_equal(xy(line)[:, 0], [-1.0, -0.5, 0.0, 0.5, 1.0])


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


@pytest.mark.parametrize("t", [0.4, 1.5])
def test_shrinkage_rules_are_the_closed_forms(t):
    ax, _ = figures.plot_shrinkage(t=t)
    rules = {
        "least squares": lambda z: z,
        "hard": lambda z: np.where(np.abs(z) > t, z, 0.0),
        "ridge": lambda z: z / (1 + 2 * t),
        "soft": lambda z: soft(z, t),
    }
    assert len(legend(ax)) == len(rules)
    for word, rule in rules.items():
        _, line = entry(ax, word)
        z, w = xy(line).T
        assert z.min() < -t and z.max() > t and 0.0 in z
        np.testing.assert_allclose(w, rule(z), rtol=1e-15, atol=0)
    # the band where the lasso gives exactly 0 is |z| <= t
    (band,) = ax.patches
    assert span_x(band) == pytest.approx((-t, t), rel=1e-15)
    _, lasso = entry(ax, "soft")
    z, w = xy(lasso).T
    assert np.all((w == 0.0) == (np.abs(z) <= t))
    assert f"t = {t:g}" in ax.get_title()
    assert "least-squares" in ax.get_xlabel() and "penalised" in ax.get_ylabel()


def test_shrinkage_is_the_one_feature_lasso_and_ridge_on_unit_sxx():
    """With x scaled to Sxx = 1, z = Sxy and lam = 2t: scikit-learn's slopes are the rules."""
    t = 0.7
    ax, _ = figures.plot_shrinkage([-2.0, -0.3, 0.7, 3.0], t=t)
    x = XC / np.sqrt(SXX)
    for z_target in (-2.0, -0.3, 0.7, 3.0):
        y = z_target * x + 0.1 * (YC - (YC @ x) * x)  # Sxy = z_target exactly in theory
        z = float(x @ y)
        lasso = Lasso(alpha=scale.lasso_alpha(2 * t, x.size), tol=1e-14, max_iter=100_000)
        ref_soft = lasso.fit(x[:, None], y).coef_[0]
        ref_ridge = Ridge(alpha=2 * t).fit(x[:, None], y).coef_[0]
        for word, ref in (("soft", ref_soft), ("ridge", ref_ridge)):
            zs, ws = xy(entry(ax, word)[1]).T
            drawn = ws[np.argmin(np.abs(zs - z_target))]
            assert drawn == pytest.approx(ref, abs=1e-6 + abs(z - z_target))


def test_shrinkage_factors_panels_are_ridge_then_lasso():
    t = np.linspace(0.0, 2.0, 21)
    axes, _ = figures.plot_shrinkage_factors(X, Y, t)
    ax_r, ax_l = axes
    m_ols = sk_slope(0.0, "l2")
    (ridge,) = [ln for ln in ax_r.get_lines() if len(ln.get_xdata()) == t.size]
    (lasso,) = [ln for ln in ax_l.get_lines() if len(ln.get_xdata()) == t.size]
    np.testing.assert_array_equal(xy(ridge)[:, 0], t)
    ref_r = [sk_slope(v * SXX, "l2") / m_ols for v in t]
    ref_l = [sk_slope(v * LAM_STAR, "l1") / m_ols for v in t]
    np.testing.assert_allclose(xy(ridge)[:, 1], ref_r, rtol=1e-7)
    np.testing.assert_allclose(xy(lasso)[:, 1], ref_l, rtol=1e-6, atol=1e-9)
    # each panel's axis names its own unit-free penalty, and its title its method
    assert "S_{xx}" in ax_r.get_xlabel() and "ridge" in ax_r.get_xlabel()
    assert "\\lambda^*" in ax_l.get_xlabel() and "lasso" in ax_l.get_xlabel()
    assert ax_r.get_title().startswith("ridge") and ax_l.get_title().startswith("lasso")
    assert "m_{\\mathrm{OLS}}" in ax_r.get_ylabel()
    # lambda = lambda*: the dashed line at 1 on the lasso panel, where the factor reaches 0
    assert vertical_at(ax_l) == [1.0] and vertical_at(ax_r) == []
    assert np.all(xy(lasso)[t >= 1.0 + 1e-9, 1] == 0.0)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="lambdas must be >= 0"):
        figures.plot_slope_vs_lambda(X, Y, [1.0, -1.0])
    with pytest.raises(ValueError, match="lambdas"):
        figures.plot_lasso_loss_curves(X, Y, [np.nan])
    with pytest.raises(ValueError, match="x"):
        figures.plot_slope_vs_lambda([1.0, 1.0], [1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="t must be >= 0"):
        figures.plot_shrinkage(t=-1.0)
