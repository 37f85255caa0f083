"""lessonlib.display.figures.geometry: the constrained view and the elastic-net ball, as drawn.

The marked solution is compared with the constrained minimiser computed by the solvers of
tests/browser_geometry_check.py (KKT candidates of the diamond, brentq along the circle) and
with SciPy's SLSQP; the drawn contours, outlines and the diamond or disk with the equations
they are meant to satisfy.
"""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import minimize

from browser_geometry_check import lasso_kkt, ridge_circle
from figure_view import entry, legend, markers, xy
from lessonlib.display import figures
from lessonlib.topics.geometry import constrained_solution

PROBLEMS = [
    ([2.0, 0.5], np.eye(2), 1.0),
    ([1.5, -1.0], np.array([[2.0, 0.8], [0.8, 1.0]]), 0.8),
    ([-0.4, 2.2], np.array([[1.0, -0.6], [-0.6, 3.0]]), 1.2),
]


def loss(w, w_ols, H) -> float:
    d = np.asarray(w, float) - np.asarray(w_ols, float)
    return float(d @ H @ d)


@pytest.mark.parametrize("norm", ["l1", "l2"])
@pytest.mark.parametrize("w_ols, H, t", PROBLEMS)
def test_the_marked_solution_is_the_constrained_minimiser(w_ols, H, t, norm):
    ax, _ = figures.plot_constraint_geometry(w_ols, H, t=t, norm=norm)
    name = "lasso" if norm == "l1" else "ridge"
    text, dot = entry(ax, f"{name} solution")
    (w,) = xy(dot)
    ref = lasso_kkt(w_ols, H, t) if norm == "l1" else ridge_circle(w_ols, H, t)
    np.testing.assert_allclose(w, ref, rtol=0, atol=1e-9)
    assert text == f"{name} solution ({w[0]:.3g}, {w[1]:.3g})"
    _, ols = entry(ax, "least squares")
    np.testing.assert_array_equal(xy(ols)[0], w_ols)
    assert sorted(m.get_marker() for m in markers(ax, "o") + markers(ax, "x")) == ["o", "x"]
    # the filled constraint: its outline is the unit-t diamond or circle, labelled so
    label, (ball,) = entry(ax, "\\leq")[0], ax.patches
    assert label == f"$\\|w\\|_{norm[1]} \\leq {t:g}$"
    outline = ball.get_xy()
    order = 1 if norm == "l1" else 2
    np.testing.assert_allclose(np.linalg.norm(outline, order, axis=1), t, rtol=1e-12)
    assert "corners" in ax.get_title() and ("no" in ax.get_title()) == (norm == "l2")
    assert ax.get_xlabel() == "$w_1$" and ax.get_ylabel() == "$w_2$"


@pytest.mark.parametrize("norm", ["l1", "l2"])
@pytest.mark.parametrize("w_ols, H, t", PROBLEMS)
def test_the_thick_contour_is_the_loss_level_through_the_solution(w_ols, H, t, norm):
    ax, _ = figures.plot_constraint_geometry(w_ols, H, t=t, norm=norm)
    ref = lasso_kkt(w_ols, H, t) if norm == "l1" else ridge_circle(w_ols, H, t)
    (contours,) = [c for c in ax.collections if hasattr(c, "levels")]
    widths = list(contours.get_linewidths())
    thick = int(np.argmax(widths))
    assert widths.count(max(widths)) == 1
    assert contours.levels[thick] == pytest.approx(loss(ref, w_ols, H), rel=1e-9)
    assert np.all(np.diff(contours.levels) > 0)
    for level, path in zip(contours.levels, contours.get_paths()):
        v = path.vertices
        assert len(v) > 20  # drawn, not cut away by the limits
        values = np.einsum("ij,jk,ik->i", v - w_ols, H, v - w_ols)
        np.testing.assert_allclose(values, level, rtol=2e-3)
    # the thick ellipse touches the constraint at the solution and nowhere crosses into it
    v = contours.get_paths()[thick].vertices
    assert np.min(np.linalg.norm(v - ref, axis=1)) < 0.02 * t
    order = 1 if norm == "l1" else 2
    assert np.all(np.linalg.norm(v, order, axis=1) >= t * (1 - 2e-3))


def test_solutions_against_scipy_slsqp():
    rng = np.random.default_rng(0)
    for _ in range(5):
        A = rng.normal(size=(2, 2))
        H = A @ A.T + 0.2 * np.eye(2)
        w_ols = rng.normal(size=2) * 3
        for norm, order in (("l1", 1), ("l2", 2)):
            t = 0.5 * np.linalg.norm(w_ols, order)
            ax, _ = figures.plot_constraint_geometry(w_ols, H, t=t, norm=norm)
            (w,) = xy(entry(ax, "solution")[1])
            res = minimize(
                lambda v, w_ols=w_ols, H=H: loss(v, w_ols, H),
                x0=np.zeros(2),
                constraints=[
                    {"type": "ineq", "fun": lambda v, t=t, o=order: t - np.linalg.norm(v, o)}
                ],
                method="SLSQP",
                options={"ftol": 1e-14, "maxiter": 500},
            )
            assert np.linalg.norm(w, order) == pytest.approx(t, rel=1e-9)
            assert loss(w, w_ols, H) <= loss(res.x, w_ols, H) + 1e-7 * (1 + res.fun)


def test_inside_the_ball_the_solution_is_least_squares():
    w = constrained_solution([0.2, -0.3], np.eye(2), 1.0, "l1")
    np.testing.assert_array_equal(w, [0.2, -0.3])
    ax, _ = figures.plot_constraint_geometry([0.2, -0.3], np.eye(2), t=1.0, norm="l1")
    np.testing.assert_array_equal(xy(entry(ax, "solution")[1])[0], [0.2, -0.3])


@pytest.mark.parametrize("mix", [0.2, 0.5, 0.6])
def test_each_ball_outline_satisfies_its_penalty_equation(mix):
    ax, _ = figures.plot_enet_ball(mix)
    assert len(legend(ax)) == 3
    # the legend names the elastic net by the book's (scikit-learn's) gamma = l1_ratio, a
    # fraction ("2/3") or a decimal; read it back from the text
    (enet,) = [t for t in legend(ax) if t.startswith("elastic net")]
    (written,) = re.fullmatch(r"elastic net, \$\\gamma = ([0-9./]+)\$", enet).groups()
    gamma = float(Fraction(written))
    penalties = {
        "L1 (lasso)": lambda w: np.abs(w).sum(axis=1),
        "L2 (ridge)": lambda w: (w**2).sum(axis=1),
        # ESL's ball: mix on the square, 1 - mix on the absolute value
        enet: lambda w: mix * (w**2).sum(axis=1) + (1 - mix) * np.abs(w).sum(axis=1),
    }
    for text, penalty in penalties.items():
        w = xy(legend(ax)[text])
        np.testing.assert_allclose(penalty(w), 1.0, rtol=1e-9)
        if text == enet:
            # and the written gamma's ball in scikit-learn's form, gamma |w| + (1 - gamma)/2 w^2,
            # through the same corners (1, 0): the two penalties draw the same outline
            sk = gamma * np.abs(w).sum(axis=1) + (1 - gamma) / 2 * (w**2).sum(axis=1)
            np.testing.assert_allclose(sk, (1 + gamma) / 2, rtol=1e-9)
        # all four quadrants, through the four corners (+-1, 0), (0, +-1)
        for corner in ([1, 0], [0, 1], [-1, 0], [0, -1]):
            assert np.min(np.linalg.norm(w - corner, axis=1)) < 1e-12
    assert ax.get_xlabel() == "$w_1$" and ax.get_ylabel() == "$w_2$"


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
def test_bad_input_is_named(kwargs, exc, name):
    args = {"w_ols": [2.0, 0.5], "hessian": np.eye(2), "t": 1.0, "norm": "l1", **kwargs}
    with pytest.raises(exc, match=name):
        figures.plot_constraint_geometry(args.pop("w_ols"), args.pop("hessian"), **args)
