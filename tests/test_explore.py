"""Explorers: what each frame shows is checked against scikit-learn and direct formulas."""

from __future__ import annotations

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from sklearn.linear_model import Lasso, Ridge

from lessonlib import data, scale
from lessonlib.display import explore

X1, Y1 = data.make_simple_regression(n=40, slope=1.5, intercept=-2.0, noise=2.0, seed=3)
N = X1.size
# lambda* computed the way the library does, so lam = 1.0 * LAM_STAR sits exactly on the
# threshold (an independently summed Sxy can differ in its last bit)
LAM_STAR = scale.lambda_star(X1, Y1)


@pytest.fixture(scope="module")
def lasso_explorer():
    return explore.SlopeExplorer(X1, Y1, "l1", lam_max=2 * LAM_STAR)


@pytest.mark.parametrize("frac", [0.0, 0.3, 0.99, 1.0, 1.5])
def test_slope_explorer_shows_the_lasso_slope(lasso_explorer, frac):
    lam = frac * LAM_STAR
    state = lasso_explorer.update(lam)
    if lam == 0:
        ref = np.polyfit(X1, Y1, 1)[0]
    else:
        ref = (
            Lasso(alpha=scale.lasso_alpha(lam, N), tol=1e-12, max_iter=100_000)
            .fit(X1[:, None], Y1)
            .coef_[0]
        )
    assert state["slope"] == pytest.approx(ref, abs=1e-7)
    assert (state["slope"] == 0.0) == (lam >= LAM_STAR)
    # the marker sits at (lam, slope) and the curve on the right is the profile loss
    assert lasso_explorer.marker.get_xdata()[0] == lam
    m = lasso_explorer.loss_line.get_xdata()
    sse = np.array([np.sum(((Y1 - Y1.mean()) - mm * (X1 - X1.mean())) ** 2) for mm in m])
    np.testing.assert_allclose(
        lasso_explorer.loss_line.get_ydata(), sse + lam * np.abs(m), rtol=1e-10
    )


def test_ridge_explorer_never_reaches_zero():
    ex = explore.SlopeExplorer(X1, Y1, "l2", lam_max=1e6)
    for lam in [0.0, 10.0, 1e3, 1e6]:
        ref = Ridge(alpha=lam).fit(X1[:, None], Y1).coef_[0] if lam else np.polyfit(X1, Y1, 1)[0]
        slope = ex.update(lam)["slope"]
        assert slope == pytest.approx(ref, rel=1e-8) and slope != 0.0


def test_static_explorer_is_self_contained_and_light(lasso_explorer):
    values = np.linspace(0, 2 * LAM_STAR, 12)
    st = explore.static_explorer(lasso_explorer, values, name="t-lasso")
    assert 'id="explorer-t-lasso"' in st.html
    assert not re.search(r"(src|href)=\"https?://", st.html), "loads something from the network"
    payload = re.search(r'data-frames="([^"]*)"', st.html).group(1)
    frames = json.loads(payload.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&"))
    assert len(frames["src"]) == len(frames["alt"]) == len(frames["label"]) == values.size
    assert len(set(frames["src"])) == values.size, "every frame should differ"
    assert all("exactly zero" in a for a, v in zip(frames["alt"], values) if v >= LAM_STAR)
    assert st.weight_bytes < 2_000_000
    assert [s["slope"] == 0.0 for s in st.states] == list(values >= LAM_STAR)
    bundle = st._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    picture = Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    assert picture.size[1] > picture.size[0], "three frames stacked for print"


def test_frames_repeat_exactly(lasso_explorer):
    a = lasso_explorer.update(1.0) and lasso_explorer.png(80)
    lasso_explorer.update(5.0)
    b = lasso_explorer.update(1.0) and lasso_explorer.png(80)
    assert a == b


def test_path_explorer_counts_exact_zeros_like_scikit_learn():
    from lessonlib import path

    d = data.load_diabetes_standardized()
    alphas = np.geomspace(0.05, 50, 30)
    coefs, _ = path.lasso_path(d.X, d.y, alphas)
    ex = explore.PathExplorer(
        alphas, coefs, lambda a: path.lasso_path(d.X, d.y, [a])[0][0], d.feature_names, "lasso"
    )
    for alpha in [0.1, 1.0, 5.0]:
        state = ex.update(alpha)
        ref = Lasso(alpha=alpha, tol=1e-12, max_iter=1_000_000).fit(d.X, d.y).coef_
        assert state["n_zero"] == int(np.sum(ref == 0.0))
        widths = np.array([bar.get_width() for bar in ex.bars])
        np.testing.assert_allclose(widths, ref, atol=1e-6)


def test_live_explorer_redraws_on_slider_change(lasso_explorer):
    box = explore.live_explorer(lasso_explorer, 0.0, 2 * LAM_STAR)
    slider, image = box.children
    before = image.value
    slider.value = 1.5 * LAM_STAR
    assert image.value != before
    assert lasso_explorer.marker.get_ydata()[0] == 0.0


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: explore.SlopeExplorer(X1, Y1, "l3", 1.0), ValueError, "penalty"),
        (lambda: explore.SlopeExplorer(X1, Y1, "l1", -1.0), ValueError, "lam_max"),
        (lambda: explore.SlopeExplorer(np.ones(5), np.arange(5.0), "l1", 1.0), ValueError, "x"),
        (
            lambda: explore.PathExplorer(
                [0.0, 1.0], [[1.0], [0.0]], lambda a: [0.0], ["a"], "lasso"
            ),
            ValueError,
            "alphas",
        ),
        (
            lambda: explore.PathExplorer(
                [0.5, 1.0], [[1.0], [0.0]], lambda a: [0.0], ["a", "b"], "lasso"
            ),
            ValueError,
            "coefs",
        ),
    ],
)
def test_bad_input_is_named(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_static_explorer_rejects_a_bad_name(lasso_explorer):
    with pytest.raises(ValueError, match="name"):
        explore.static_explorer(lasso_explorer, [0.0, 1.0], name="has space")


def test_live_log_slider_for_paths():
    from lessonlib import path

    d = data.load_diabetes_standardized()
    grid = np.geomspace(0.01, 50, 20)
    coefs, _ = path.lasso_path(d.X, d.y, grid)
    ex = explore.PathExplorer(
        grid, coefs, lambda a: path.lasso_path(d.X, d.y, [a])[0][0], d.feature_names, "lasso"
    )
    box = explore.live_explorer(ex, 0.01, 50.0, description="α", log=True)
    slider, _ = box.children
    slider.value = 49.0
    ref = Lasso(alpha=49.0, tol=1e-12, max_iter=100_000).fit(d.X, d.y).coef_
    assert [bar.get_width() for bar in ex.bars] == list(ref) == [0.0] * 10
    with pytest.raises(ValueError, match="low"):
        explore.live_explorer(ex, 0.0, 50.0, log=True)


# ------------------------------------------------ what each frame writes, read from its Axes


@pytest.mark.parametrize("frac", [0.2, 0.999, 1.001, 1.7])
def test_slope_explorer_titles_and_markers_say_scikit_learns_slope(lasso_explorer, frac):
    lam = frac * LAM_STAR
    lasso_explorer.update(lam)
    ref = (
        Lasso(alpha=scale.lasso_alpha(lam, N), tol=1e-14, max_iter=100_000)
        .fit(X1[:, None], Y1)
        .coef_[0]
    )
    assert lasso_explorer.ax_slope.get_title() == f"lasso: $\\lambda$ = {lam:.4g}"
    exact = " (exactly 0)" if ref == 0.0 else ""
    assert lasso_explorer.ax_loss.get_title() == f"minimiser m = {ref:.4f}{exact}"
    assert (ref == 0.0) == (frac > 1)
    # the dot on the slope curve and the dot at the bottom of the loss curve
    ((lam_dot, m_dot),) = lasso_explorer.marker.get_xydata()
    assert lam_dot == lam and m_dot == pytest.approx(ref, abs=1e-8)
    ((m_low, loss_low),) = lasso_explorer.loss_min.get_xydata()
    assert m_low == m_dot
    sse = np.sum(((Y1 - Y1.mean()) - m_low * (X1 - X1.mean())) ** 2)
    assert loss_low == pytest.approx(sse + lam * abs(m_low), rel=1e-12)
    assert loss_low <= lasso_explorer.loss_line.get_ydata().min() * (1 + 1e-12)
    alt = lasso_explorer.describe(lam)
    assert ("exactly zero" in alt) == (ref == 0.0) and f"lambda {lam:.3g}" in alt


def test_slope_explorer_axes_and_its_slope_curve(lasso_explorer):
    a, b = lasso_explorer.ax_slope, lasso_explorer.ax_loss
    assert a.get_xlabel() == "$\\lambda$" and a.get_ylabel() == "slope $m$"
    assert b.get_xlabel() == "slope $m$" and b.get_ylabel() == "loss (best $b$)"
    (curve,) = [ln for ln in a.get_lines() if len(ln.get_xdata()) > 2]
    lams, slopes = np.asarray(curve.get_xydata(), float)[::40].T
    for lam, m in zip(lams, slopes):
        ref = (
            Lasso(alpha=scale.lasso_alpha(lam, N), tol=1e-14, max_iter=100_000)
            .fit(X1[:, None], Y1)
            .coef_[0]
            if lam > 0
            else np.polyfit(X1, Y1, 1)[0]
        )
        assert m == pytest.approx(ref, abs=1e-8)
    assert lams[0] == 0.0 and curve.get_xdata()[-1] == 2 * LAM_STAR


@pytest.fixture(scope="module")
def diabetes_explorer():
    from lessonlib import path

    d = data.load_diabetes_standardized()
    alphas = np.geomspace(0.05, 50, 30)
    coefs, _ = path.lasso_path(d.X, d.y, alphas)
    ex = explore.PathExplorer(
        alphas, coefs, lambda a: path.lasso_path(d.X, d.y, [a])[0][0], d.feature_names, "lasso"
    )
    return d, alphas, ex


@pytest.mark.parametrize("alpha", [0.1, 1.0, 5.0, 30.0])
def test_path_explorer_bars_titles_and_alt_text_name_the_exact_zeros(diabetes_explorer, alpha):
    d, _, ex = diabetes_explorer
    ex.update(alpha)
    ref = Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(d.X, d.y).coef_
    zero = np.abs(ref) < 1e-10
    # bar j sits at the tick that names feature j
    ticks = {
        t: lab.get_text() for t, lab in zip(ex.ax_bar.get_yticks(), ex.ax_bar.get_yticklabels())
    }
    for bar in ex.bars:
        j = d.feature_names.index(ticks[bar.get_y() + bar.get_height() / 2])
        assert bar.get_width() == pytest.approx(ref[j], abs=1e-6)
        assert (bar.get_width() == 0.0) == zero[j] and (bar.get_hatch() == "//") == zero[j]
    assert ex.ax_bar.get_title() == f"{int(zero.sum())} of {len(ref)} exactly 0"
    assert ex.ax_path.get_title() == f"lasso: $\\alpha$ = {alpha:.3g}"
    assert ex.vline.get_xdata()[0] == alpha
    alt = ex.describe(alpha)
    which = ", ".join(n for n, z in zip(d.feature_names, zero) if z) or "none"
    assert alt.endswith(f"exactly zero: {which}.")


def test_path_explorer_draws_each_feature_in_the_books_style(diabetes_explorer):
    from lessonlib.display.style import feature_style

    d, alphas, ex = diabetes_explorer
    coefs = np.array(
        [Lasso(alpha=a, tol=1e-14, max_iter=1_000_000).fit(d.X, d.y).coef_ for a in alphas]
    )
    lines = [ln for ln in ex.ax_path.get_lines() if len(ln.get_xdata()) == alphas.size]
    assert len(lines) == len(d.feature_names)
    for j, line in enumerate(lines):
        np.testing.assert_array_equal(line.get_xdata(), alphas)
        np.testing.assert_allclose(line.get_ydata(), coefs[:, j], atol=1e-6)
        style = feature_style(j)
        assert line.get_color() == style["color"] and line.get_linestyle() == style["linestyle"]
    assert ex.ax_path.get_xscale() == "log" and "\\alpha" in ex.ax_path.get_xlabel()
    assert ex.ax_bar.get_xlabel() == "coefficient"
