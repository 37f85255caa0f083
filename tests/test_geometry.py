"""lessonlib.topics.geometry and lessonlib.display.figures.corners against brute force and
closed forms."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lessonlib.display import figures
from lessonlib.display.figures.corners import lq_ball_boundary
from lessonlib.topics import geometry


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def problems():
    return geometry.random_problems(300, n_samples=20, seed=4)


@pytest.mark.parametrize("norm", ["l1", "l2"])
def test_batch_solutions_match_the_figure_solver(problems, norm):
    """The vectorised solvers agree with the one-problem solver, zeros included."""
    w, t = geometry.constrained_solutions(problems, 0.4, norm)
    ref = np.array(
        [
            geometry.constrained_solution(a, H, b, norm)
            for a, H, b in zip(problems.w_ols, problems.hessian, t)
        ]
    )
    np.testing.assert_allclose(w, ref, atol=1e-12)
    np.testing.assert_array_equal(w == 0.0, ref == 0.0)


@pytest.mark.parametrize("norm, order", [("l1", 1), ("l2", 2)])
def test_solutions_beat_random_feasible_points(problems, norm, order):
    """No random point of the ball has a smaller RSS than the solution (brute force)."""
    w, t = geometry.constrained_solutions(problems, 0.6, norm)
    rng = np.random.default_rng(0)
    for k in range(0, 300, 30):
        cand = rng.uniform(-t[k], t[k], size=(5000, 2))
        cand = cand[np.linalg.norm(cand, ord=order, axis=1) <= t[k]]
        D = cand - problems.w_ols[k]
        rss = np.einsum("mi,ij,mj->m", D, problems.hessian[k], D)
        d = w[k] - problems.w_ols[k]
        assert d @ problems.hessian[k] @ d <= rss.min() + 1e-12
        assert np.linalg.norm(w[k], ord=order) == pytest.approx(t[k], rel=1e-10)


def test_wedge_test_agrees_with_brute_force_corner(problems):
    """Brute force: compare the RSS at the four corners with a fine grid of the edges."""
    w_ols, H = problems.w_ols, problems.hessian
    t = 0.5 * np.abs(w_ols).sum(axis=1)
    near = np.logspace(-12, -1, 111)  # edge points very close to the corners, too
    s = np.union1d(np.linspace(0, 1, 20001)[1:-1], np.concatenate([near, 1 - near]))
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    for k in range(300):
        idx = geometry.corner_of_wedge(w_ols[k], H[k], t[k])
        corners = t[k] * unit
        edges = np.concatenate(
            [corners[e] + s[:, None] * (corners[(e + 1) % 4] - corners[e]) for e in range(4)]
        )
        Dc, De = corners - w_ols[k], edges - w_ols[k]
        rc = np.einsum("mi,ij,mj->m", Dc, H[k], Dc)
        re_ = np.einsum("mi,ij,mj->m", De, H[k], De)
        if idx >= 0:
            assert rc[idx] <= re_.min() + 1e-12
        else:
            assert re_.min() < rc.min()


def test_axis_hit_frequency_counts_exact_zeros_only():
    assert geometry.axis_hit_frequency([[0.0, 1.0], [1e-300, 1.0]]) == 0.5
    assert geometry.axis_hit_frequency([[-0.0, 1.0]]) == 1.0


@pytest.mark.parametrize("q", [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 4.0])
@pytest.mark.parametrize("lam", [0.5, 2.0])
def test_bridge_1d_is_the_global_minimiser(q, lam):
    """Against a brute-force grid (0 included) of (w - z)^2 + lam |w|^q."""
    grid = np.union1d(np.linspace(-4, 4, 400001), [0.0])
    for z in np.linspace(-3, 3, 25):
        w = geometry.bridge_1d(float(z), lam, q)
        f_w = (w - z) ** 2 + lam * abs(w) ** q
        assert f_w <= np.min((grid - z) ** 2 + lam * np.abs(grid) ** q) + 1e-12
        if q > 1 and z != 0:
            assert w != 0.0


def test_bridge_1d_closed_forms():
    for z in (-2.0, -0.3, 0.0, 0.7, 3.0):
        assert geometry.bridge_1d(z, 1.0, 1.0) == pytest.approx(np.sign(z) * max(abs(z) - 0.5, 0))
        assert geometry.bridge_1d(z, 1.0, 2.0) == pytest.approx(z / 2, abs=1e-12)


def test_lq_balls_lie_on_their_unit_sphere():
    ax, d = figures.plot_lq_balls([0.5, 1.0, 3.0])
    for q, b in zip(d["q"], d["boundaries"]):
        np.testing.assert_allclose(np.abs(b[:, 0]) ** q + np.abs(b[:, 1]) ** q, 1.0)
    assert len(ax.get_lines()) == 2 + 3  # two axes lines, three outlines
    np.testing.assert_allclose(lq_ball_boundary(2.0, 9)[2], [0.0, 1.0], atol=1e-15)


def test_bridge_rules_figure_data():
    _ax, d = figures.plot_bridge_rules([-1.0, 0.2, 1.0], lam=1.0, qs=[1.0, 2.0])
    np.testing.assert_allclose(d["estimates"], [[-0.5, 0.0, 0.5], [-0.5, 0.1, 0.5]], atol=1e-12)


def test_corner_wedges_figure_classifies_like_the_solver():
    H = np.array([[2.0, 0.8], [0.8, 1.0]])
    W = np.random.default_rng(1).uniform(-3, 3, size=(300, 2))
    W = W[np.abs(W).sum(axis=1) > 1]
    _ax, d = figures.plot_corner_wedges(H, 1.0, W)
    np.testing.assert_array_equal(d["corner_hit"], d["in_wedge"])
    assert 0 < d["corner_hit"].sum() < len(W)
    assert len(d["wedges"]) == 4


def test_share_standard_error_is_the_sd_of_the_outcomes_over_sqrt_n(problems):
    """Against NumPy directly: the standard deviation (divisor N) of the 0/1 outcomes of
    each bin, divided by sqrt(N), from the frequencies by correlation."""
    edges = [0.0, 0.4, 1.0]
    counts, freq = geometry.frequency_by_correlation(problems, 0.5, edges)
    se = geometry.share_standard_error(freq, counts)
    w, _ = geometry.constrained_solutions(problems, 0.5, "l1")
    hit = np.any(w == 0.0, axis=1).astype(float)
    H = problems.hessian
    rho = np.abs(H[:, 0, 1] / np.sqrt(H[:, 0, 0] * H[:, 1, 1]))
    for i in range(2):
        inside = (rho >= edges[i]) & (rho < edges[i + 1])
        outcomes = hit[inside]
        assert se[i] == pytest.approx(np.std(outcomes) / np.sqrt(outcomes.size), rel=1e-12)
    # one count for every share, and the exact values of a few shares
    np.testing.assert_allclose(
        geometry.share_standard_error([0.0, 0.25, 1.0], 12), [0.0, np.sqrt(3 / 16 / 12), 0.0]
    )


def test_random_problems_draw_order_as_the_chapter_states():
    """The chapter states the draw order, so a reader can regenerate the data without
    lessonlib: correlations, then the standard normals, then beta, then the noise."""
    k, n, seed = 3, 7, 9
    rng = np.random.default_rng(seed)
    rho = rng.uniform(-0.9, 0.9, size=k)
    Z = rng.standard_normal((k, n, 2))
    beta = rng.standard_normal((k, 2))
    eps = rng.standard_normal((k, n))
    P = geometry.random_problems(k, n_samples=n, seed=seed)
    for i in range(k):
        X = np.column_stack(
            [Z[i, :, 0], rho[i] * Z[i, :, 0] + np.sqrt(1 - rho[i] ** 2) * Z[i, :, 1]]
        )
        y = X @ beta[i] + eps[i]
        np.testing.assert_allclose(P.X[i], X - X.mean(axis=0), atol=1e-13)
        np.testing.assert_allclose(P.y[i], y - y.mean(), atol=1e-13)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: geometry.random_problems(0), "n_problems"),
        (lambda: geometry.random_problems(5, n_samples=2), "n_samples"),
        (
            lambda: geometry.constrained_solutions(geometry.random_problems(2), 1.0, "l1"),
            "fraction",
        ),
        (lambda: geometry.constrained_solutions(geometry.random_problems(2), 0.5, "l3"), "norm"),
        (lambda: geometry.corner_of_wedge([0.1, 0.1], np.eye(2), 1.0), "w_ols"),
        (lambda: geometry.corner_of_wedge([2.0, 0.1], np.eye(3), 1.0), "hessian"),
        (lambda: geometry.bridge_1d(1.0, -1.0, 1.0), "lam"),
        (lambda: geometry.bridge_1d(1.0, 1.0, 0.0), "q"),
        (lambda: geometry.axis_hit_frequency([[1.0, 2.0, 3.0]]), "solutions"),
        (lambda: figures.plot_lq_balls([1.0, -2.0]), "qs"),
        (lambda: figures.plot_corner_wedges(np.eye(2), 1.0, [[0.1, 0.1]]), "w_samples"),
        (lambda: geometry.share_standard_error([1.5], 10), "shares"),
        (lambda: geometry.share_standard_error([0.5], 0), "counts"),
        (lambda: geometry.share_standard_error([0.5], 2.5), "counts"),
        (lambda: geometry.share_standard_error([0.5, 0.2], [3, 4, 5]), "counts"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
