"""The geometry chapter's measured axis-hit frequencies, recomputed independently.

The chapter prints, for 2000 seeded two-feature problems and three budgets
``t = fraction * ||w_ols||``, how often the exact L1- and L2-constrained solutions have a
coordinate exactly 0.0. Here the same problems are solved two other ways:

* scikit-learn: the penalised lasso (``Lasso``) and ridge (``Ridge``) at the penalty that
  matches ``t`` (read off the optimality condition), whose zero patterns are counted;
* brute force: the RSS evaluated on a fine grid of the constraint's boundary, corners
  (and axis points) included, with no optimisation at all.
"""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from lessonlib import scale
from lessonlib.topics import geometry
from toc import BOOK

NOTEBOOK = BOOK / "geometry.ipynb"
FRACTIONS = (0.25, 0.5, 0.75)


@pytest.fixture(scope="module")
def printed() -> dict[float, tuple[float, float]]:
    """The frequencies as the stored notebook prints them."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "geo-freq")
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    rows = re.findall(r"t = ([\d.]+) \|\|w_ols\|\|: exact zero L1 ([\d.]+), L2 ([\d.]+)", text)
    assert len(rows) == len(FRACTIONS)
    return {float(f): (float(a), float(b)) for f, a, b in rows}


@pytest.fixture(scope="module")
def problems() -> geometry.GeometryProblems:
    # The chapter's call: geometry.random_problems(2000, n_samples=30, seed=0).
    return geometry.random_problems(2000, n_samples=30, seed=0)


def _budgets(w_ols: np.ndarray, fraction: float, order: int) -> np.ndarray:
    return fraction * np.linalg.norm(w_ols, ord=order, axis=1)


def test_problems_are_the_seeded_regressions(problems):
    """The sampler's w_ols and H are least squares on its X, y (checked with lstsq)."""
    for X, y, w, H in zip(
        problems.X[:50], problems.y[:50], problems.w_ols[:50], problems.hessian[:50]
    ):
        np.testing.assert_allclose(np.linalg.lstsq(X, y, rcond=None)[0], w, rtol=1e-10)
        np.testing.assert_allclose(X.T @ X, H, rtol=1e-12)


@pytest.mark.parametrize("fraction", [0.5])
def test_l1_frequency_matches_scikit_learn_lasso(printed, problems, fraction):
    """Solve the penalised lasso with scikit-learn at the lambda that matches t; count zeros.

    For the constrained solution w(t), any non-zero coordinate j gives the multiplier
    lambda = 2 |x_j^T (y - X w(t))|. scikit-learn's Lasso at alpha = lambda / (2n) must
    return a vector on the same diamond (||w||_1 = t), and its exact zeros are counted.
    A wrong constrained solution would give a wrong lambda and fail the norm check.
    """
    w_con, t = geometry.constrained_solutions(problems, fraction, "l1")
    n = problems.X.shape[1]
    zero = []
    for X, y, w, tk in zip(problems.X, problems.y, w_con, t):
        j = int(np.argmax(np.abs(w)))
        lam = 2 * abs(X[:, j] @ (y - X @ w))
        coef = (
            Lasso(alpha=scale.lasso_alpha(lam, n), fit_intercept=False, tol=1e-12, max_iter=100_000)
            .fit(X, y)
            .coef_
        )
        assert np.abs(coef).sum() == pytest.approx(tk, rel=1e-8)
        zero.append(bool(np.any(coef == 0.0)))
    # Exact agreement: the frequency is a count of 2000 problems, printed to 3 decimals.
    assert np.mean(zero) == pytest.approx(printed[fraction][0], abs=5e-4)
    # the chapter prints scikit-learn's frequency too (cell geo-freq-sklearn)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "geo-freq-sklearn")
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    shown = re.search(r"constrained ([\d.]+), penalised ([\d.]+)", text)
    assert float(shown.group(1)) == printed[fraction][0]
    assert float(shown.group(2)) == pytest.approx(np.mean(zero), abs=5e-4)


@pytest.mark.parametrize("fraction", [0.5])
def test_l2_frequency_matches_scikit_learn_ridge(printed, problems, fraction):
    """Ridge at the multiplier mu of the disk: on the circle, and never on an axis."""
    w_con, t = geometry.constrained_solutions(problems, fraction, "l2")
    hits = 0
    for X, y, w_ols, H, w, tk in zip(
        problems.X, problems.y, problems.w_ols, problems.hessian, w_con, t
    ):
        g = H @ (w_ols - w)  # = mu * w on the boundary
        mu = float(g @ w / (w @ w))
        coef = Ridge(alpha=mu, fit_intercept=False, solver="cholesky").fit(X, y).coef_
        assert np.linalg.norm(coef) == pytest.approx(tk, rel=1e-8)
        hits += bool(np.any(coef == 0.0))
    assert printed[fraction][1] == 0.0
    assert hits == 0


def _brute_force_l1(w_ols, H, t, per_edge):
    """Argmin of the RSS over a grid of each diamond's boundary; True if it is a corner."""
    s = np.linspace(0.0, 1.0, per_edge + 1)[:-1]  # s = 0 is the corner that starts the edge
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    pts = np.concatenate(
        [unit[e] + s[:, None] * (unit[(e + 1) % 4] - unit[e]) for e in range(4)]
    )  # (4 * per_edge, 2) on the unit diamond
    P = t[:, None, None] * pts[None]
    D = P - w_ols[:, None, :]
    rss = np.einsum("kmi,kij,kmj->km", D, H, D)
    best = np.argmin(rss, axis=1)
    return best % per_edge == 0


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_l1_frequency_matches_brute_force_boundary(printed, problems, fraction):
    """Brute force on 4 x 4000 boundary points agrees within 0.25 percentage points.

    A grid can call a solution a corner when the true solution lies on an edge within one
    grid step (t/4000 along the edge) of the corner, and vice versa. We count how many
    exact solutions are that close to a corner; the grid may disagree on those only.
    """
    per_edge = 4000
    t = _budgets(problems.w_ols, fraction, 1)
    corner = _brute_force_l1(problems.w_ols, problems.hessian, t, per_edge)
    assert abs(corner.mean() - printed[fraction][0]) <= 2.5e-3
    # Where they disagree, the exact solution is within two grid steps of a corner.
    w_con, _ = geometry.constrained_solutions(problems, fraction, "l1")
    exact = np.any(w_con == 0.0, axis=1)
    near = np.min(np.abs(w_con), axis=1) <= 2 * t / per_edge
    assert np.all(near[corner != exact])


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_l2_brute_force_circle_never_prefers_an_axis(printed, problems, fraction):
    """On a fine circle grid the best point is an axis point only for near-axis solutions."""
    m = 20000  # multiple of 4: the axis points are on the grid
    angle = 2 * np.pi * np.arange(m) / m
    t = _budgets(problems.w_ols, fraction, 2)
    P = t[:, None, None] * np.column_stack([np.cos(angle), np.sin(angle)])[None]
    D = P - problems.w_ols[:, None, :]
    rss = np.einsum("kmi,kij,kmj->km", D, problems.hessian, D)
    on_axis = np.argmin(rss, axis=1) % (m // 4) == 0
    w_con, _ = geometry.constrained_solutions(problems, fraction, "l2")
    near = np.min(np.abs(w_con), axis=1) <= 2 * np.pi * t / m
    assert printed[fraction][1] == 0.0
    assert np.all(near[on_axis])  # every grid "axis hit" is a solution within one step of it
    assert on_axis.mean() <= 2.5e-3


def test_exercise_converse_lambda_reproduces_the_corner():
    """ex-geo-converse: the multiplier of the figure's L1 solution, fed to scikit-learn."""
    from lessonlib.topics.geometry import constrained_solution

    P = geometry.random_problems(1, n_samples=30, seed=9)
    X, y, w_ols, H = P.X[0], P.y[0], P.w_ols[0], P.hessian[0]
    w = constrained_solution(w_ols, H, 0.5 * np.abs(w_ols).sum(), "l1")
    assert w[0] == 0.0 and w[1] != 0.0
    lam = 2 * abs(X[:, 1] @ (y - X @ w))
    coef = Lasso(alpha=scale.lasso_alpha(lam, 30), fit_intercept=False, tol=1e-12).fit(X, y).coef_
    np.testing.assert_allclose(coef, w, atol=1e-8)
    assert coef[0] == 0.0


def test_exercise_identity_hessian_edge_solution():
    """ex-geo-identity: with H = I, t = 1 the solution lies on the open edge between (1, 0)
    and (0, 1) exactly when w1 + w2 > 1 and |w1 - w2| < 1, and is then w_ols - s/2 (1, 1)
    with s = w1 + w2 - 1; (0.3, 0.4) meets the second condition only and is its own
    solution. Judged by a brute-force search over a fine grid of the whole diamond."""
    from lessonlib.topics.geometry import constrained_solution

    grid = np.linspace(-1.0, 1.0, 801)
    W = np.array([(a, b) for a in grid for b in grid if abs(a) + abs(b) <= 1.0])
    rng = np.random.default_rng(0)
    points = np.vstack([[0.3, 0.4], rng.uniform(-2, 3, size=(300, 2))])
    on_edge = 0
    for w_ols in points:
        w = constrained_solution(w_ols, np.eye(2), 1.0, "l1")
        brute = W[np.argmin(((W - w_ols) ** 2).sum(axis=1))]
        np.testing.assert_allclose(w, brute, atol=4e-3)  # the grid's spacing is 2.5e-3
        s = w_ols.sum() - 1
        if s > 0 and abs(w_ols[0] - w_ols[1]) < 1:  # the half-strip of the edge
            np.testing.assert_allclose(w, w_ols - s / 2, atol=1e-12)
            assert np.all(w > 0)
            on_edge += 1
        elif np.abs(w_ols).sum() <= 1:  # inside the diamond: w_ols itself
            np.testing.assert_array_equal(w, w_ols)
        elif w_ols[0] > 0 and w_ols[1] > 0:  # outside the strip: a corner
            assert np.count_nonzero(w == 0.0) == 1
    np.testing.assert_array_equal(
        constrained_solution([0.3, 0.4], np.eye(2), 1.0, "l1"), [0.3, 0.4]
    )
    assert on_edge > 20
