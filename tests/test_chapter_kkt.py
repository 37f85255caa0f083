"""The numbers the chapter "Subgradients and the optimality conditions" prints, recomputed.

Every reference here is independent of lessonlib's solvers: NumPy from the formula,
scikit-learn's Lasso, lasso_path and lars_path, and brute force.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, lars_path, lasso_path

from lessonlib import data, optimality, path, scale, solvers


@pytest.fixture(scope="module")
def diabetes():
    d = data.load_diabetes_standardized()
    return d.X, d.y, d.feature_names


def test_alpha_max_is_sklearn_first_alpha(diabetes):
    X, y, _ = diabetes
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alphas, _, _ = lasso_path(Xc, yc, alphas=3)
    by_formula = np.max(np.abs(Xc.T @ yc)) / X.shape[0]
    assert scale.alpha_max(X, y) == pytest.approx(alphas[0], rel=1e-12)
    assert scale.alpha_max(X, y) == pytest.approx(by_formula, rel=1e-12)
    # the chapter: "The exact path's first knot is alpha_max"
    assert path.lasso_homotopy(X, y).alphas[0] == pytest.approx(by_formula, rel=1e-12)


def test_first_feature_to_enter_matches_lars(diabetes):
    X, y, names = diabetes
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    _, active, coefs = lars_path(Xc, yc, method="lasso")
    g0 = optimality.feature_correlations(X, y, np.zeros(X.shape[1]))
    assert int(np.argmax(np.abs(g0))) == active[0] == names.index("bmi")
    # entry order from sklearn's knots: the first knot at which each coefficient is non-zero
    first_nonzero = [int(np.flatnonzero(coefs[j] != 0.0)[0]) for j in range(X.shape[1])]
    sk_order = sorted(range(X.shape[1]), key=lambda j: first_nonzero[j])
    assert path.lasso_homotopy(X, y).feature_order[:4] == sk_order[:4]
    assert [names[j] for j in sk_order[:4]] == ["bmi", "s5", "bp", "s3"]


def test_sklearn_zero_above_and_one_feature_below_alpha_max(diabetes):
    X, y, names = diabetes
    a_max = scale.alpha_max(X, y)
    above = Lasso(alpha=a_max * (1 + 1e-6), tol=1e-10).fit(X, y).coef_
    below = Lasso(alpha=a_max * (1 - 1e-3), tol=1e-10).fit(X, y).coef_
    assert np.all(above == 0.0)
    assert np.flatnonzero(below).tolist() == [names.index("bmi")]
    assert below[names.index("bmi")] == pytest.approx(a_max * 1e-3, rel=1e-6)


@pytest.mark.parametrize("alpha", [20.0, 5.0, 1.0])
def test_kkt_quantities_against_sklearn(diabetes, alpha):
    X, y, _ = diabetes
    n = X.shape[0]
    w_sk = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    w_exact = path.lasso_path(X, y, [alpha])[0][0]
    np.testing.assert_allclose(w_exact, w_sk, atol=1e-7)
    # the covariances from the formula, with numpy and sklearn's coefficients
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g_ref = Xc.T @ (yc - Xc @ w_sk) / n
    g = optimality.feature_correlations(X, y, w_exact)
    np.testing.assert_allclose(g, g_ref, atol=1e-6)
    active = w_sk != 0.0
    np.testing.assert_allclose(g_ref[active], alpha * np.sign(w_sk[active]), atol=1e-6)
    assert np.all(np.abs(g_ref[~active]) < alpha)
    assert np.array_equal(w_exact == 0.0, ~active)
    assert solvers.kkt_violation(X, y, w_exact, alpha) < 1e-10
    assert np.max(np.abs(g_ref - np.clip(g_ref, -alpha, alpha))) < 1e-6


def test_removing_an_active_feature_breaks_kkt(diabetes):
    X, y, names = diabetes
    w = Lasso(alpha=5.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_.copy()
    j = names.index("bp")
    removed = w[j]
    w[j] = 0.0
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g_j = Xc[:, j] @ (yc - Xc @ w) / X.shape[0]
    assert g_j == pytest.approx(5.0 + removed, rel=1e-6)  # x_j^T x_j / n = 1
    assert solvers.kkt_violation(X, y, w, 5.0) == pytest.approx(removed, rel=1e-6)


def test_abs_subdifferential_by_brute_force():
    v = np.linspace(-3, 3, 601)
    for w in (-1.5, 0.0, 2.0):
        low, high = optimality.abs_subdifferential([w])
        for g in np.linspace(-2, 2, 81):
            supporting = bool(np.all(np.abs(v) >= abs(w) + g * (v - w) - 1e-12))
            assert supporting == bool(low[0] - 1e-12 <= g <= high[0] + 1e-12), (w, g)


def test_perturbed_zeros_against_sklearn(diabetes):
    X, y, names = diabetes
    x = X[:, names.index("age")]
    n, alpha = x.size, 20.0
    xc = x - x.mean()
    radius = (n * alpha - abs(xc @ (y - y.mean()))) / np.linalg.norm(xc)
    out = optimality.perturbed_one_feature_slopes(x, y, alpha, 0.99 * radius, n_draws=50)
    assert out["Y"].shape == (50, n)
    np.testing.assert_allclose(np.linalg.norm(out["Y"] - y, axis=1), 0.99 * radius)
    for Yk, lasso_k, ridge_k in zip(out["Y"], out["lasso"], out["ridge"]):
        assert Lasso(alpha=alpha).fit(x[:, None], Yk).coef_[0] == 0.0
        assert lasso_k == 0.0
        Yc = Yk - Yk.mean()
        assert ridge_k == pytest.approx(
            (xc @ Yc) / (xc @ xc + scale.lasso_lambda(alpha, n)), rel=1e-10
        )
        assert ridge_k != 0.0
    # just beyond the radius along x the zero breaks (sklearn agrees)
    u = xc / np.linalg.norm(xc) * np.sign(xc @ y)
    coef = Lasso(alpha=alpha, tol=1e-12).fit(x[:, None], y + 1.01 * radius * u).coef_[0]
    assert coef != 0.0


def test_article_threshold_is_alpha_max_for_one_feature(diabetes):
    X, y, names = diabetes
    x = X[:, names.index("bmi")]
    n = x.size
    alphas, _, _ = lars_path(x[:, None] - x.mean(), y - y.mean(), method="lasso")
    assert scale.lambda_star(x, y) / (2 * n) == pytest.approx(alphas[0], rel=1e-12)
    # the chapter's three numbers: lambda* / (2n), alpha_max of the one column, lars_path's
    by_formula = abs((x - x.mean()) @ (y - y.mean())) / n
    assert scale.lasso_alpha(scale.lambda_star(x, y), n) == pytest.approx(by_formula, rel=1e-12)
    assert scale.alpha_max(x[:, None], y) == pytest.approx(by_formula, rel=1e-12)
    assert alphas[0] == pytest.approx(by_formula, rel=1e-12)


def test_input_validation():
    with pytest.raises(ValueError, match="coef"):
        optimality.feature_correlations(np.ones((3, 2)), np.ones(3), [1.0])
    with pytest.raises(ValueError, match="alpha"):
        optimality.perturbed_one_feature_slopes([0.0, 1.0], [0.0, 1.0], -1.0, 0.1)
    with pytest.raises(ValueError, match="x must not be constant"):
        optimality.perturbed_one_feature_slopes([1.0, 1.0], [0.0, 1.0], 1.0, 0.1)
    with pytest.raises(ValueError, match="w"):
        optimality.abs_subdifferential([[0.0]])


def test_ridge_on_the_lasso_scale_is_elasticnet_l1_ratio_0(diabetes):
    # ex-kkt-ridge: (1/2n)||y - Xw||^2 + (alpha/2)||w||^2 is ElasticNet(l1_ratio=0), and
    # scikit-learn's Ridge (||y - Xw||^2 + alpha_R ||w||^2) needs alpha_R = n * alpha
    import warnings

    from sklearn.linear_model import ElasticNet, Ridge

    X, y, _ = diabetes
    n, alpha = X.shape[0], 3.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w_en = ElasticNet(alpha=alpha, l1_ratio=0.0, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    w_ridge = Ridge(alpha=n * alpha, solver="svd").fit(X, y).coef_
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w_closed = np.linalg.solve(Xc.T @ Xc / n + alpha * np.eye(X.shape[1]), Xc.T @ yc / n)
    np.testing.assert_allclose(w_ridge, w_closed, rtol=1e-10)
    np.testing.assert_allclose(w_en, w_closed, rtol=1e-6)
    # the optimality condition of the solution: w_j = g_j(w) / alpha
    g = Xc.T @ (yc - Xc @ w_closed) / n
    np.testing.assert_allclose(w_closed, g / alpha, rtol=1e-8)
    # and Ridge with the same alpha is a different (much weaker) penalty
    assert np.max(np.abs(Ridge(alpha=alpha).fit(X, y).coef_ - w_closed)) > 1.0


def test_strong_rule_counts_printed_in_the_chapter(diabetes):
    # the chapter's kkt-22c: recomputed with the rule applied to scikit-learn's solutions
    X, y, _ = diabetes
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    top = np.max(np.abs(Xc.T @ yc)) / n
    grid = top * np.geomspace(1.0, 0.01, 51)[1:]
    w_prev, a_prev, dropped, zeros = np.zeros(X.shape[1]), top, 0, 0
    for a in grid:
        g = Xc.T @ (yc - Xc @ w_prev) / n
        dropped += int(np.sum(np.abs(g) < 2 * a - a_prev))
        w_prev = Lasso(alpha=a, tol=1e-14, max_iter=100_000).fit(X, y).coef_
        zeros += int(np.sum(w_prev == 0.0))
        a_prev = a
    assert (dropped, zeros) == (207, 234)


def test_the_residual_is_the_projection_onto_the_polytope(diabetes):
    """kkt-dual: project y_c onto {r : |x_j^T r| <= n alpha for every j} by Dykstra's
    alternating projections onto the slabs (which knows nothing of the lasso) and compare
    with the residual of scikit-learn's lasso at alpha = 5."""
    X, y, _ = diabetes
    n, alpha = len(y), 5.0
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
    bound, norms = n * alpha, np.sum(Xc**2, axis=0)
    r, corrections = yc.copy(), np.zeros((X.shape[1], n))
    for _ in range(3000):
        for j in range(X.shape[1]):
            z = r + corrections[j]
            v = Xc[:, j] @ z
            r = z - (np.sign(v) * (abs(v) - bound) / norms[j]) * Xc[:, j] if abs(v) > bound else z
            corrections[j] = z - r
    np.testing.assert_allclose(r, yc - Xc @ w, atol=1e-8 * np.linalg.norm(yc))
    # the constraints that hold with equality are those of the non-zero coefficients
    active = np.abs(Xc.T @ r) > bound * (1 - 1e-9)
    assert np.array_equal(active, w != 0.0)


def _gap_safe_by_hand(X, y, w, alpha):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = len(y)
    r = yc - Xc @ w
    theta = r / n * min(1.0, alpha / np.max(np.abs(Xc.T @ r / n)))
    primal = r @ r / (2 * n) + alpha * np.abs(w).sum()
    dual = (yc @ yc - (yc - n * theta) @ (yc - n * theta)) / (2 * n)
    # the gap, plus room for its rounding (1e-10 of |P| + |D|)
    radius = np.sqrt(2 * (max(primal - dual, 0.0) + 1e-10 * (abs(primal) + abs(dual))) / n)
    return np.abs(Xc.T @ theta) + np.linalg.norm(Xc, axis=0) * radius < alpha, radius


def test_gap_safe_is_safe_and_as_written(diabetes):
    """screening.gap_safe_discards against the rule written out here, from random points and
    from scikit-learn's solution; every feature it discards is zero for scikit-learn."""
    from lessonlib import screening

    X, y, _ = diabetes
    rng = np.random.default_rng(0)
    a_max = scale.alpha_max(X, y)
    for frac in (0.9, 0.5, 0.1, 0.02):
        alpha = frac * a_max
        w_sk = Lasso(alpha=alpha, tol=1e-14, max_iter=100_000).fit(X, y).coef_
        for w in (np.zeros(10), w_sk, w_sk + rng.normal(0, 0.5, 10)):
            got = screening.gap_safe_discards(X, y, w, alpha)
            ref, _ = _gap_safe_by_hand(X, y, w, alpha)
            assert np.array_equal(got, ref)
            assert np.all(np.abs(w_sk[got]) < 1e-12)


def test_gap_safe_counts_printed_in_the_chapter():
    """kkt-gapsafe: the Gap Safe counts on both grids, from scikit-learn's solutions."""
    import re

    import nbformat

    from toc import BOOK

    d = data.load_diabetes_standardized()
    rng = np.random.default_rng(0)
    X_wide = rng.standard_normal((50, 1000))
    w_true = np.zeros(1000)
    w_true[:5] = [3.0, -2.0, 1.5, 1.0, -1.0]
    y_wide = X_wide @ w_true + rng.standard_normal(50)
    expected = []
    for X, y, k, low in ((d.X, d.y, 50, 0.01), (X_wide, y_wide, 20, 0.05)):
        grid = scale.alpha_max(X, y) * np.geomspace(1.0, low, k + 1)[1:]
        sols = [Lasso(alpha=a, tol=1e-12, max_iter=100_000).fit(X, y).coef_ for a in grid]
        before = [np.zeros(X.shape[1]), *sols[:-1]]
        zeros = sum(int(np.sum(np.abs(s) < 1e-10)) for s in sols)
        prev = sum(int(_gap_safe_by_hand(X, y, w, a)[0].sum()) for w, a in zip(before, grid))
        expected.append((zeros, prev))
    nb = nbformat.read(BOOK / "kkt.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "kkt-gapsafe")
    out = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    zeros = [int(v) for v in re.findall(r"(\d+) zeros over the grid", out)]
    prev = [int(v) for v in re.findall(r"Gap Safe, from the previous solution:\s+(\d+)", out)]
    itself = [int(v) for v in re.findall(r"Gap Safe, from the solution itself:\s+(\d+)", out)]
    assert zeros == [e[0] for e in expected]
    # from the solution itself: every zero, but one whose covariance is within the rounding
    # allowance of +-alpha
    assert all(z - 2 <= i <= z for z, i in zip(zeros, itself))
    for got, (_, want) in zip(prev, expected):
        assert abs(got - want) <= 2  # scikit-learn's solutions are exact to its tolerance
