"""Figures draw what they say: returned data vs the Axes' artists, under the Agg backend."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessonlib import data
from lessonlib import simple as S
from lessonlib.display import figures, style
from lessonlib.topics.geometry import constrained_solution


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def xy() -> tuple[np.ndarray, np.ndarray]:
    return data.make_simple_regression(n=25, slope=-1.5, noise=4.0, seed=11)


def lines_with_ydata(ax, y) -> list:
    return [ln for ln in ax.get_lines() if np.array_equal(np.asarray(ln.get_ydata(), float), y)]


def test_slope_vs_lambda(xy):
    x, y = xy
    ls = S.lambda_star(x, y)
    lambdas = np.linspace(0, 2 * ls, 101)
    ax, d = figures.plot_slope_vs_lambda(x, y, lambdas)
    assert d["lambda_star"] == pytest.approx(2 * abs(np.sum((x - x.mean()) * (y - y.mean()))))
    np.testing.assert_array_equal(d["lambda"], lambdas)
    Sxx = np.sum((x - x.mean()) ** 2)
    Sxy = np.sum((x - x.mean()) * (y - y.mean()))
    np.testing.assert_allclose(d["ridge"], Sxy / (Sxx + lambdas))
    # lasso: exactly zero from lambda_star on, negative (Sxy < 0) before
    assert Sxy < 0
    assert np.all(d["lasso"][lambdas >= d["lambda_star"]] == 0.0)
    assert np.all(d["lasso"][lambdas < d["lambda_star"]] < 0.0)
    # the Axes holds those arrays and a vertical line at lambda_star
    assert len(lines_with_ydata(ax, d["ridge"])) == 1
    assert len(lines_with_ydata(ax, d["lasso"])) == 1
    vertical = [ln for ln in ax.get_lines() if np.ptp(np.asarray(ln.get_xdata(), float)) == 0]
    assert any(ln.get_xdata()[0] == d["lambda_star"] for ln in vertical)
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
    assert ax.figure.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


def test_figure_functions_draw_into_given_axes(xy):
    x, y = xy
    _fig, axes = style.subplots(1, 2)
    n_figs = len(plt.get_fignums())
    ax0, _ = figures.plot_slope_vs_lambda(x, y, [0.0, 1.0], ax=axes[0])
    ax1, _ = figures.plot_shrinkage(ax=axes[1])
    assert ax0 is axes[0] and ax1 is axes[1]
    assert len(plt.get_fignums()) == n_figs  # no new figure


def test_lasso_loss_curves(xy):
    x, y = xy
    ls = S.lambda_star(x, y)
    lambdas = np.array([0.0, 0.5 * ls, ls, 2 * ls])
    ax, d = figures.plot_lasso_loss_curves(x, y, lambdas)
    assert 0.0 in d["m"] and np.all(np.diff(d["m"]) > 0)
    assert d["loss"].shape == (4, d["m"].size)
    for lam, row in zip(lambdas, d["loss"]):
        m = d["m"]
        direct = [np.sum((y - y.mean() - mi * (x - x.mean())) ** 2) + lam * abs(mi) for mi in m]
        np.testing.assert_allclose(row, direct, rtol=1e-10)
        assert len(lines_with_ydata(ax, row)) == 1
    # minimisers: the closed form; stuck at exactly 0 from lambda_star on
    assert d["minimisers"][2] == 0.0 and d["minimisers"][3] == 0.0
    assert d["minimisers"][0] == pytest.approx(S.ols_fit(x, y)[0])
    # each minimiser is (on the grid) the lowest point of its curve
    for m_hat, row in zip(d["minimisers"], d["loss"]):
        assert abs(d["m"][np.argmin(row)] - m_hat) <= np.max(np.diff(d["m"]))
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    np.testing.assert_allclose(sorted(ln.get_xdata()[0] for ln in markers), sorted(d["minimisers"]))


def test_lasso_loss_curves_custom_ms(xy):
    x, y = xy
    _ax, d = figures.plot_lasso_loss_curves(x, y, [1.0], ms=[-1.0, -0.5, 0.5, 1.0])
    np.testing.assert_array_equal(d["m"], [-1.0, -0.5, 0.0, 0.5, 1.0])


def test_shrinkage():
    ax, d = figures.plot_shrinkage(t=1.5)
    z = d["z"]
    expected_soft = np.sign(z) * np.maximum(np.abs(z) - 1.5, 0)
    np.testing.assert_allclose(d["soft"], expected_soft)
    np.testing.assert_allclose(d["ridge"], z / 4.0)
    np.testing.assert_array_equal(d["hard"], np.where(np.abs(z) > 1.5, z, 0))
    assert np.all(d["soft"][np.abs(z) <= 1.5] == 0.0)
    assert np.count_nonzero(d["ridge"][z != 0]) == np.count_nonzero(z)  # ridge: no zeros
    for key in ["soft", "ridge", "hard"]:
        assert len(lines_with_ydata(ax, d[key])) == 1, key


def test_shrinkage_is_lasso_and_ridge_with_unit_Sxx():
    # with Sxx = 1 and Sxy = z, the one-feature lasso/ridge with lam = 2t are soft/z/(1+2t)
    _ax, d = figures.plot_shrinkage([-2.0, -0.3, 0.7, 3.0], t=0.5)
    for z, soft, ridge in zip(d["z"], d["soft"], d["ridge"]):
        assert S.lasso_slope(1.0, z, 1.0) == pytest.approx(soft)
        assert S.ridge_slope(1.0, z, 1.0) == pytest.approx(ridge)


def test_coef_paths_marks_exact_zeros():
    from sklearn.linear_model import lasso_path

    d = data.load_diabetes_standardized()
    yc = d.y - d.y.mean()
    alpha_max = np.max(np.abs(d.X.T @ yc)) / yc.size
    alphas, coefs, _ = lasso_path(d.X, yc, alphas=np.geomspace(alpha_max, alpha_max / 1e3, 30))
    ax, out = figures.plot_coef_paths(alphas, coefs.T, d.feature_names, title="diabetes")
    np.testing.assert_array_equal(out["coefs"], coefs.T)
    np.testing.assert_array_equal(out["zero_mask"], coefs.T == 0.0)
    assert out["zero_mask"][0].all()  # at alpha_max every coefficient is exactly 0
    assert not out["zero_mask"][-1].all()
    assert ax.get_xscale() == "log" and ax.get_title() == "diabetes"
    # the zero markers sit exactly at the zero entries
    markers = [ln for ln in ax.get_lines() if ln.get_marker() == "o"]
    n_marked = sum(len(ln.get_xdata()) for ln in markers)
    assert n_marked == out["zero_mask"].sum()
    for ln in markers:
        assert np.all(np.asarray(ln.get_ydata()) == 0.0)
    for j in range(coefs.shape[0]):
        assert len(lines_with_ydata(ax, coefs[j])) >= 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == d.feature_names


def test_coef_paths_bad_input():
    with pytest.raises(ValueError, match="coefs must have one row per entry of alphas"):
        figures.plot_coef_paths([1.0, 2.0], [[1.0, 2.0]], ["a", "b"])
    with pytest.raises(ValueError, match="feature_names"):
        figures.plot_coef_paths([1.0], [[1.0, 2.0]], ["a"])
    with pytest.raises(ValueError, match="alphas must be > 0"):
        figures.plot_coef_paths([0.0, 1.0], [[1.0], [2.0]], ["a"])
    with pytest.raises(ValueError, match="alphas"):
        figures.plot_coef_paths([-1.0, 1.0], [[1.0], [2.0]], ["a"], log_x=False)
    with pytest.raises(TypeError, match="coefs"):
        figures.plot_coef_paths([1.0], [["x"]], ["a"])


def test_constraint_geometry_l1_lands_on_axis():
    # hessian = identity: the L1-constrained solution is soft-thresholding of w_ols with
    # the threshold tau that makes ||w||_1 = t: here |2 - tau| = 1 -> tau = 1 -> (1, 0)
    ax, d = figures.plot_constraint_geometry([2.0, 0.5], np.eye(2), t=1.0, norm="l1")
    np.testing.assert_array_equal(d["solution"], [1.0, 0.0])
    assert d["solution"][1] == 0.0
    np.testing.assert_array_equal(d["boundary"], [[1, 0], [0, 1], [-1, 0], [0, -1], [1, 0]])
    assert np.all(np.diff(d["contour_levels"]) > 0)
    # the middle contour touches the constraint at the solution
    touch = np.sum((d["solution"] - [2.0, 0.5]) ** 2)
    assert touch in d["contour_levels"]
    # drawn: the solution marker, the contour set with those levels, the filled diamond
    assert any(np.array_equal(ln.get_xydata()[0], d["solution"]) for ln in ax.get_lines())
    contour_sets = [c for c in ax.collections if hasattr(c, "levels")]
    np.testing.assert_allclose(contour_sets[0].levels, d["contour_levels"])
    assert len(ax.patches) == 1
    np.testing.assert_allclose(ax.patches[0].get_xy()[:5], d["boundary"])


@pytest.mark.parametrize("seed", range(5))
def test_constraint_solutions_against_scipy(seed):
    from scipy.optimize import minimize

    rng = np.random.default_rng(seed)
    A = rng.normal(size=(2, 2))
    H = A @ A.T + 0.2 * np.eye(2)
    w_ols = rng.normal(size=2) * 3
    for norm, order in [("l1", 1), ("l2", 2)]:
        t = 0.5 * np.linalg.norm(w_ols, order)
        w = constrained_solution(w_ols, H, t, norm)
        assert np.linalg.norm(w, order) == pytest.approx(t, rel=1e-9)
        res = minimize(
            lambda v: (v - w_ols) @ H @ (v - w_ols),
            x0=np.zeros(2),
            constraints=[
                {"type": "ineq", "fun": lambda v, t=t, order=order: t - np.linalg.norm(v, order)}
            ],
            method="SLSQP",
            options={"ftol": 1e-14, "maxiter": 500},
        )

        def value(v):
            return (v - w_ols) @ H @ (v - w_ols)

        assert value(w) <= value(res.x) + 1e-7 * (1 + value(res.x))


def test_constraint_l2_never_on_axis_and_inside_returns_ols():
    _ax, d = figures.plot_constraint_geometry([2.0, 0.5], np.eye(2), t=1.0, norm="l2")
    np.testing.assert_allclose(d["solution"], np.array([2.0, 0.5]) / np.hypot(2.0, 0.5))
    assert np.all(d["solution"] != 0)
    np.testing.assert_allclose(np.hypot(*d["boundary"].T), 1.0)
    w = constrained_solution([0.2, -0.3], np.eye(2), 1.0, "l1")
    np.testing.assert_array_equal(w, [0.2, -0.3])


@pytest.mark.parametrize(
    "kwargs, exc, name",
    [
        ({"w_ols": [1.0, 2.0, 3.0]}, ValueError, "w_ols"),
        ({"hessian": [[1.0, 2.0], [0.0, 1.0]]}, ValueError, "hessian must be symmetric"),
        ({"hessian": [[1.0, 0.0], [0.0, -1.0]]}, ValueError, "positive definite"),
        ({"hessian": np.eye(3)}, ValueError, "hessian"),
        ({"t": 0.0}, ValueError, "t must be > 0"),
        ({"norm": "l3"}, ValueError, "norm"),
    ],
)
def test_constraint_geometry_bad_input(kwargs, exc, name):
    args = {"w_ols": [2.0, 0.5], "hessian": np.eye(2), "t": 1.0, "norm": "l1", **kwargs}
    with pytest.raises(exc, match=name):
        figures.plot_constraint_geometry(args.pop("w_ols"), args.pop("hessian"), **args)


def test_figure_bad_lambdas(xy):
    x, y = xy
    with pytest.raises(ValueError, match="lambdas must be >= 0"):
        figures.plot_slope_vs_lambda(x, y, [1.0, -1.0])
    with pytest.raises(ValueError, match="lambdas"):
        figures.plot_lasso_loss_curves(x, y, [np.nan])
    with pytest.raises(ValueError, match="x"):
        figures.plot_slope_vs_lambda([1.0, 1.0], [1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="t must be >= 0"):
        figures.plot_shrinkage(t=-1.0)


def test_style_colours_and_background():
    assert style.color("lasso") != style.color("ridge")
    assert len(set(style.COLORS.values())) == len(style.COLORS)
    with pytest.raises(ValueError, match="name"):
        style.color("purple-ish")
    with style.book_style():
        assert matplotlib.rcParams["savefig.facecolor"] == "white"
        assert matplotlib.rcParams["savefig.transparent"] is False
    fig, _ax = style.subplots()
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0)


def test_plot_path_with_knots_draws_each_path_in_order():
    # the lasso path computed independently by scikit-learn (lars_path on centred data)
    from sklearn.linear_model import lars_path

    from lessonlib.display.figures.lasso_path import _PALETTE

    rng = np.random.default_rng(14)
    X = rng.standard_normal((40, 4))
    y = X @ np.array([2.0, -1.0, 0.0, 0.5]) + 0.3 * rng.standard_normal(40)
    _, _, coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")  # (p, k)
    l1 = np.abs(coefs).sum(axis=0)
    names = ["a", "b", "c", "d"]
    ax, d = figures.plot_path_with_knots(l1, coefs.T, names, knots=l1)
    paths = [
        ln
        for ln in ax.get_lines()
        if ln.get_marker() in ("None", None, "") and len(ln.get_xdata()) == l1.size
    ]
    assert len(paths) == 4
    for j, line in enumerate(paths):  # line j is feature j, drawn from the first knot on
        np.testing.assert_allclose(line.get_xdata(), l1)
        np.testing.assert_allclose(line.get_ydata(), coefs[j], atol=1e-12)
        assert line.get_color() == _PALETTE[j]
    last = int(np.argmax(l1))
    assert [t.get_text() for t in ax.texts] == names
    for j, label in enumerate(ax.texts):
        assert label.xy == pytest.approx((l1[last], coefs[j, last]))
    np.testing.assert_allclose(d["coefs"], coefs.T, atol=0)
