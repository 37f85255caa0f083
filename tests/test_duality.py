"""lessonlib._duality, the one duality gap every solver and certificate uses.

Judged by independent computations: the objective written out with NumPy, weak duality
against scikit-learn's optimum, the elastic net as a lasso on augmented data, and a
brute-force search for the largest feasible multiple of the residual.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso

from lessonlib import optimality, solvers
from lessonlib._duality import enet_gap, gap_terms


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    X = rng.standard_normal((40, 6))
    y = X @ np.array([2.0, 0.0, -1.0, 0.0, 0.5, 0.0]) + rng.standard_normal(40) + 1.0
    return X - X.mean(axis=0), y - y.mean()


def enet_objective(X, y, w, a1, a2):
    return np.sum((y - X @ w) ** 2) / (2 * len(y)) + a1 * np.sum(np.abs(w)) + a2 / 2 * w @ w


@pytest.mark.parametrize("a1, a2", [(0.3, 0.0), (0.2, 0.5)])
def test_primal_is_the_objective_and_dual_never_exceeds_the_optimum(data, a1, a2):
    Xc, yc = data
    alpha, l1_ratio = a1 + a2, a1 / (a1 + a2)
    opt = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-14)
    w_opt = opt.set_params(max_iter=1_000_000).fit(Xc, yc).coef_
    best = enet_objective(Xc, yc, w_opt, a1, a2)
    for w in [np.zeros(6), w_opt, *np.random.default_rng(0).normal(0, 2, (5, 6))]:
        t = gap_terms(Xc, yc, w, yc - Xc @ w, a1, a2)
        assert t.primal == pytest.approx(enet_objective(Xc, yc, w, a1, a2), rel=1e-13)
        assert t.dual <= best + 1e-12  # weak duality
        assert 0.0 < t.scale <= 1.0
        assert enet_gap(Xc, yc, w, yc - Xc @ w, a1, a2) >= t.primal - best - 1e-12
    assert enet_gap(Xc, yc, w_opt, yc - Xc @ w_opt, a1, a2) < 1e-10


def test_elastic_net_gap_is_the_lasso_gap_of_the_augmented_data(data):
    Xc, yc = data
    n, p = Xc.shape
    a1, a2 = 0.2, 0.5
    w = np.random.default_rng(1).normal(0, 1, p)
    X_aug = np.vstack([Xc, np.sqrt(n * a2) * np.eye(p)])
    y_aug = np.concatenate([yc, np.zeros(p)])
    aug = gap_terms(X_aug, y_aug, w, y_aug - X_aug @ w, a1 * n / (n + p))
    t = gap_terms(Xc, yc, w, yc - Xc @ w, a1, a2)
    # both objectives are the same function of w, scaled by n / (n + p)
    assert t.primal * n / (n + p) == pytest.approx(aug.primal, rel=1e-12)


def test_the_dual_point_is_the_largest_feasible_multiple_of_the_residual(data):
    Xc, yc = data
    n, alpha = len(yc), 0.3
    w = np.random.default_rng(2).normal(0, 2, 6)
    r = yc - Xc @ w
    t = gap_terms(Xc, yc, w, r, alpha)
    s = np.linspace(0.0, 1.0, 100_001)  # brute force over the multiples s * r / n
    feasible = s * np.max(np.abs(Xc.T @ r)) / n <= alpha * (1 + 1e-12)
    assert 0.0 < t.scale < 1.0
    assert t.scale == pytest.approx(s[feasible].max(), abs=1e-5)
    theta = t.scale * r / n
    assert np.max(np.abs(Xc.T @ theta)) == pytest.approx(alpha, rel=1e-12)
    # the lasso dual D(theta) = (||y||^2 - ||y - n theta||^2) / (2n), written out
    assert t.dual == pytest.approx((yc @ yc - np.sum((yc - n * theta) ** 2)) / (2 * n), rel=1e-12)


def test_every_caller_reports_the_same_gap_to_the_last_bit():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((30, 5))
    y = X @ rng.standard_normal(5) + rng.standard_normal(30)
    rows = rng.normal(0, 1, (8, 5))
    rows[0] = solvers.lasso_cd(X, y, 0.2).coef
    along = optimality.gap_along(X, y, rows, 0.2)
    for w, gap in zip(rows, along):
        assert gap == solvers.duality_gap(X, y, w, 0.2)
        assert max(optimality.dual_certificate(X, y, w, 0.2)["gap"], 0.0) == gap


def test_coordinate_descent_stops_on_this_gap():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((50, 4))
    y = X @ np.array([1.0, 0.0, -2.0, 0.0]) + rng.standard_normal(50)
    fit = solvers.lasso_cd(X, y, 0.1, tol=1e-8)
    w_sk = Lasso(alpha=0.1, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    assert fit.gap == pytest.approx(solvers.duality_gap(X, y, fit.coef, 0.1), rel=1e-6, abs=1e-15)
    assert np.allclose(fit.coef, w_sk, atol=1e-4)
