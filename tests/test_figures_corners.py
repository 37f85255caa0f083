"""lessonlib.display.figures.corners: Lq balls, bridge rules and corner wedges, read from the Axes.

Each outline is checked against its equation ``|w1|^q + |w2|^q = 1`` for the q its legend
entry names; each bridge curve against a brute-force minimiser (a fine grid, then SciPy's
bounded search); each least-squares point of the wedge figure against the exact constrained
solution by the KKT candidates (tests/browser_geometry_check.py, not lessonlib), and against
the wedges as drawn (matplotlib's point-in-polygon).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.path import Path
from scipy.optimize import minimize_scalar

from browser_geometry_check import lasso_kkt
from figure_view import entry, legend, markers, same_colour, xy
from lessonlib.display import figures
from lessonlib.display.style import color


def q_of(text: str) -> float:
    (q,) = re.fullmatch(r"\$q = ([0-9.]+)\$", text).groups()
    return float(q)


@pytest.mark.parametrize("qs", [(0.5, 1.0, 2.0, 4.0), (3.0, 0.7)])
def test_each_outline_is_the_unit_ball_of_its_q(qs):
    ax, _ = figures.plot_lq_balls(qs)
    entries = legend(ax)
    assert [q_of(t) for t in entries] == list(qs)
    for text, line in entries.items():
        q = q_of(text)
        w = xy(line)
        np.testing.assert_allclose(np.abs(w[:, 0]) ** q + np.abs(w[:, 1]) ** q, 1.0, rtol=1e-9)
        # the whole outline: every quadrant, closed
        assert {(np.sign(a), np.sign(b)) for a, b in w if a and b} == {
            (1, 1),
            (1, -1),
            (-1, 1),
            (-1, -1),
        }
        np.testing.assert_allclose(w[0], w[-1], atol=1e-7)
        assert line.get_linestyle() == ("--" if q < 1 else "-")
    assert ax.get_xlabel() == "$w_1$" and ax.get_ylabel() == "$w_2$"


def bridge(z: float, lam: float, q: float) -> float:
    """argmin (w - z)^2 + lam |w|^q by brute force: a grid over [-|z|, |z|], then refined."""
    f = lambda w: (w - z) ** 2 + lam * abs(w) ** q  # noqa: E731
    a = abs(z) + 1e-12
    grid = np.linspace(-a, a, 20001)
    best = grid[np.argmin([f(w) for w in grid])]
    step = grid[1] - grid[0]
    res = minimize_scalar(
        f, bounds=(best - step, best + step), method="bounded", options={"xatol": 1e-12}
    )
    return min((0.0, res.x, best), key=f)


@pytest.mark.parametrize("lam", [1.0, 0.6])
def test_each_bridge_curve_minimises_its_q_penalty(lam):
    z = np.linspace(-2.5, 2.5, 41)
    ax, _ = figures.plot_bridge_rules(z, lam=lam, qs=(0.5, 1.0, 2.0))
    _, ls = entry(ax, "least squares")
    np.testing.assert_array_equal(xy(ls)[:, 1], z)
    for text, line in legend(ax).items():
        if text.startswith("least"):
            continue
        q = q_of(text)
        zs, ws = xy(line).T
        np.testing.assert_array_equal(zs, z)
        for zi, wi in zip(zs, ws):
            ref = bridge(zi, lam, q)
            f = lambda w, zi=zi, q=q: (w - zi) ** 2 + lam * abs(w) ** q  # noqa: E731
            assert f(wi) <= f(ref) + 1e-10  # no better minimiser than the one drawn
            assert wi == pytest.approx(ref, abs=1e-5)
        if q <= 1:  # the corner sets small estimates to exactly 0
            assert np.any(ws == 0.0)
        else:
            assert np.all((ws == 0.0) == (zs == 0.0))
    weight = "" if lam == 1 else f"{lam:g}\\,"
    assert f"{weight}|w|^q" in ax.get_title()
    assert "least-squares" in ax.get_xlabel() and "penalised" in ax.get_ylabel()


H = np.array([[2.0, 0.8], [0.8, 1.0]])
T = 1.0
# The normal cone of the diamond at each corner: the gradients that keep the corner optimal.
CONE = {
    (T, 0.0): [(1, 1), (1, -1)],
    (0.0, T): [(1, 1), (-1, 1)],
    (-T, 0.0): [(-1, 1), (-1, -1)],
    (0.0, -T): [(1, -1), (-1, -1)],
}


def parallel(a: np.ndarray, b: np.ndarray) -> bool:
    """Same direction (not opposite), to rounding."""
    return abs(a[0] * b[1] - a[1] * b[0]) <= 1e-9 * np.hypot(*a) * np.hypot(*b) and a @ b > 0


@pytest.fixture(scope="module")
def wedges():
    W = np.random.default_rng(1).uniform(-3, 3, size=(300, 2))
    W = W[np.abs(W).sum(axis=1) > T]
    ax, _ = figures.plot_corner_wedges(H, T, W)
    return ax, W


def test_markers_are_the_least_squares_points_by_their_exact_solution(wedges):
    ax, W = wedges
    corner = np.array([np.any(lasso_kkt(w, H, T) == 0.0) for w in W])
    assert 0 < corner.sum() < len(W)
    _, hit = entry(ax, "corner solution")
    _, edge = entry(ax, "edge solution")
    np.testing.assert_array_equal(xy(hit), W[corner])
    np.testing.assert_array_equal(xy(edge), W[~corner])
    assert same_colour(hit.get_color(), color("lasso"))
    assert len(markers(ax)) == 2


def test_the_drawn_wedges_hold_exactly_the_corner_points(wedges):
    ax, W = wedges
    corner = np.array([np.any(lasso_kkt(w, H, T) == 0.0) for w in W])
    *drawn, diamond = ax.patches
    assert len(drawn) == 4
    np.testing.assert_allclose(diamond.get_xy()[:5], [[T, 0], [0, T], [-T, 0], [0, -T], [T, 0]])
    Hinv = np.linalg.inv(H)
    apexes = []
    for patch in drawn:
        apex, p1, p2 = patch.get_xy()[:3]
        apexes.append(tuple(apex))
        # the two edges run along H^-1 times the two rays of the normal cone at the corner
        refs = [Hinv @ np.array(r, float) for r in CONE[tuple(apex)]]
        for d in (p1 - apex, p2 - apex):
            assert any(parallel(d, r) for r in refs)
        assert not parallel(p1 - apex, p2 - apex)
    assert sorted(apexes) == sorted([(T, 0.0), (0.0, T), (-T, 0.0), (0.0, -T)])
    inside = np.array([any(Path(p.get_xy()).contains_point(w) for p in drawn) for w in W])
    np.testing.assert_array_equal(inside, corner)


def test_wedge_figure_labels(wedges):
    ax, _ = wedges
    text, _ = entry(ax, "wedges")
    assert "corner" in text
    # the budget to three decimals, named t as the caption and the chapter name it
    text = entry(ax, "\\|w\\|_1")[0]
    (written,) = re.fullmatch(r"\$\\\|w\\\|_1 \\leq t = (\d+\.\d{3})\$", text).groups()
    assert float(written) == pytest.approx(T, abs=5e-4)
    # a budget with more digits is rounded, not written in full
    small, _ = figures.plot_corner_wedges(np.eye(2), 0.885278, [[2.0, 0.2]])
    assert entry(small, "\\|w\\|_1")[0] == "$\\|w\\|_1 \\leq t = 0.885$"
    # w_ols as notation.md writes it, upright "ols"
    assert all(
        "$w_{\\text{ols}}$" in t
        for t in (entry(ax, "corner solution")[0], entry(ax, "edge solution")[0])
    )
    assert "least squares" in ax.get_xlabel() and ax.get_xlabel().startswith("$w_1$")
    assert ax.get_ylabel().startswith("$w_2$")
