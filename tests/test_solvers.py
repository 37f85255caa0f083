"""Tests of lessonlib.solvers against scikit-learn and against formulas written out here."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from lessonlib import solvers
from lessonlib.exceptions import ConvergenceWarning
from lessonlib.scale import alpha_max
from lessonlib.solvers import (
    duality_gap,
    enet_cd,
    kkt_violation,
    lasso_cd,
    objective,
    ridge,
    subgradient_descent,
)
from problems import PROBLEMS, close, diabetes, random_problem

TIGHT = 1e-13  # stopping tolerance for both our solvers and scikit-learn's


# --------------------------------------------------------------------------- data


# --------------------------------------------------------------------------- vs scikit-learn


@pytest.mark.parametrize("name", PROBLEMS)
@pytest.mark.parametrize("frac", [0.5, 0.1])
def test_lasso_cd_matches_sklearn(name: str, frac: float) -> None:
    X, y = PROBLEMS[name]()
    alpha = frac * alpha_max(X, y)
    fit = lasso_cd(X, y, alpha, tol=TIGHT)
    ref = Lasso(alpha=alpha, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    assert fit.converged
    close(fit.coef, ref.coef_, 1e-8)
    assert fit.intercept == pytest.approx(ref.intercept_, rel=1e-8, abs=1e-8)
    # exact zeros where scikit-learn has exact zeros
    assert np.array_equal(fit.coef == 0.0, ref.coef_ == 0.0)


def test_lasso_cd_small_alpha_on_diabetes() -> None:
    X, y = diabetes()
    alpha = 0.01 * alpha_max(X, y)
    fit = lasso_cd(X, y, alpha, tol=TIGHT)
    ref = Lasso(alpha=alpha, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    close(fit.coef, ref.coef_, 1e-8)


@pytest.mark.parametrize("name", PROBLEMS)
@pytest.mark.parametrize("l1_ratio", [0.3, 0.9])
def test_enet_cd_matches_sklearn(name: str, l1_ratio: float) -> None:
    X, y = PROBLEMS[name]()
    alpha = 0.2 * alpha_max(X, y)
    fit = enet_cd(X, y, alpha, l1_ratio, tol=TIGHT)
    ref = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    assert fit.converged
    close(fit.coef, ref.coef_, 1e-8)
    assert fit.intercept == pytest.approx(ref.intercept_, rel=1e-8, abs=1e-8)


def test_enet_with_l1_ratio_one_is_the_lasso() -> None:
    X, y = PROBLEMS["n>p"]()
    alpha = 0.1 * alpha_max(X, y)
    close(enet_cd(X, y, alpha, 1.0).coef, lasso_cd(X, y, alpha).coef, 1e-12)


@pytest.mark.parametrize("name", PROBLEMS)
@pytest.mark.parametrize("alpha", [0.1, 10.0, 1000.0])
def test_ridge_matches_sklearn(name: str, alpha: float) -> None:
    X, y = PROBLEMS[name]()
    fit = ridge(X, y, alpha)
    ref = Ridge(alpha=alpha, solver="svd").fit(X, y)
    close(fit.coef, ref.coef_, 1e-10)
    assert fit.intercept == pytest.approx(ref.intercept_, rel=1e-10, abs=1e-10)
    assert fit.n_iter == 0 and fit.gap == 0.0


def test_ridge_alpha_zero_is_least_squares() -> None:
    X, y = PROBLEMS["n>p"]()
    A = np.column_stack([np.ones(len(y)), X])
    ref = np.linalg.lstsq(A, y, rcond=None)[0]
    fit = ridge(X, y, 0.0)
    close(fit.coef, ref[1:], 1e-10)
    assert fit.intercept == pytest.approx(ref[0], rel=1e-10)


def test_no_intercept_matches_sklearn() -> None:
    X, y = PROBLEMS["n>p"]()
    alpha = 0.1 * alpha_max(X, y, fit_intercept=False)
    fit = lasso_cd(X, y, alpha, fit_intercept=False, tol=TIGHT)
    ref = Lasso(alpha=alpha, fit_intercept=False, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    close(fit.coef, ref.coef_, 1e-8)
    assert fit.intercept == 0.0
    close(
        ridge(X, y, 3.0, fit_intercept=False).coef,
        Ridge(alpha=3.0, fit_intercept=False).fit(X, y).coef_,
        1e-10,
    )


# --------------------------------------------------------------------------- alpha_max


@pytest.mark.parametrize("name", PROBLEMS)
def test_alpha_max_is_where_the_first_coefficient_appears(name: str) -> None:
    X, y = PROBLEMS[name]()
    a = alpha_max(X, y)
    above = Lasso(alpha=a * (1 + 1e-9), tol=TIGHT, max_iter=1_000_000).fit(X, y)
    below = Lasso(alpha=a * (1 - 1e-3), tol=TIGHT, max_iter=1_000_000).fit(X, y)
    assert np.all(above.coef_ == 0.0)
    assert np.count_nonzero(below.coef_) >= 1
    assert np.all(lasso_cd(X, y, a * (1 + 1e-9)).coef == 0.0)


# --------------------------------------------------------------------------- certificates


def independent_lasso_gap(X, y, w, alpha):
    """Primal minus dual, written from the textbook formulas (centred data)."""
    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    r = yc - Xc @ w
    primal = r @ r / (2 * n) + alpha * np.sum(np.abs(w))
    theta = r / n * min(1.0, alpha / np.max(np.abs(Xc.T @ r / n)))
    assert np.max(np.abs(Xc.T @ theta)) <= alpha * (1 + 1e-12)  # dual feasible
    dual = (yc @ yc - (yc - n * theta) @ (yc - n * theta)) / (2 * n)
    return primal - dual


@pytest.mark.parametrize("name", PROBLEMS)
def test_duality_gap(name: str) -> None:
    X, y = PROBLEMS[name]()
    alpha = 0.2 * alpha_max(X, y)
    ref = Lasso(alpha=alpha, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    scale = np.var(y)  # the objective at w = 0 is var(y)/2
    assert 0.0 <= duality_gap(X, y, ref.coef_, alpha) <= 1e-12 * scale
    rng = np.random.default_rng(0)
    for _ in range(5):
        w = ref.coef_ + 0.1 * rng.standard_normal(X.shape[1])
        gap = duality_gap(X, y, w, alpha)
        assert gap > 1e-6 * scale
        assert gap == pytest.approx(independent_lasso_gap(X, y, w, alpha), rel=1e-9)
        # the gap bounds the sub-optimality
        assert objective(X, y, w, alpha) - objective(X, y, ref.coef_, alpha) <= gap * (1 + 1e-9)


def test_duality_gap_elastic_net_and_intercept() -> None:
    X, y = PROBLEMS["correlated"]()
    alpha, l1_ratio = 0.2 * alpha_max(X, y), 0.4
    ref = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    assert duality_gap(X, y, ref.coef_, alpha, l1_ratio=l1_ratio) <= 1e-12 * np.var(y)
    # the optimal intercept costs nothing, a wrong one adds (c - c*)^2 / 2
    good = duality_gap(X, y, ref.coef_, alpha, l1_ratio=l1_ratio, intercept=ref.intercept_)
    bad = duality_gap(X, y, ref.coef_, alpha, l1_ratio=l1_ratio, intercept=ref.intercept_ + 1)
    assert good <= 1e-12 * np.var(y)
    assert bad == pytest.approx(0.5, rel=1e-6)
    w = ref.coef_ * 1.1
    assert duality_gap(X, y, w, alpha, l1_ratio=l1_ratio) >= (
        objective(X, y, w, alpha, l1_ratio=l1_ratio)
        - objective(X, y, ref.coef_, alpha, l1_ratio=l1_ratio)
    )


def test_gap_is_never_negative() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        X, y = rng.standard_normal((15, 4)), rng.standard_normal(15)
        w = rng.standard_normal(4) * rng.integers(0, 2, 4)
        assert duality_gap(X, y, w, float(rng.uniform(0, 1))) >= 0.0


def test_kkt_violation() -> None:
    X, y = diabetes()
    alpha = 0.05 * alpha_max(X, y)
    ref = Lasso(alpha=alpha, tol=TIGHT, max_iter=1_000_000).fit(X, y)
    assert kkt_violation(X, y, ref.coef_, alpha) <= 1e-6 * alpha
    w = ref.coef_.copy()
    w[np.flatnonzero(w)[0]] *= 1.01  # nudge one active coefficient
    assert kkt_violation(X, y, w, alpha) > 1e-3 * alpha
    assert kkt_violation(X, y, np.zeros(X.shape[1]), alpha) == pytest.approx(
        alpha_max(X, y) - alpha, rel=1e-12
    )


# --------------------------------------------------------------------------- history


def test_history_shows_gap_falling_and_exact_zeros() -> None:
    X, y = PROBLEMS["correlated"]()
    alpha = 0.1 * alpha_max(X, y)
    fit = lasso_cd(X, y, alpha, record_history=True)
    h = fit.history
    epochs = fit.n_iter
    assert h["gap"].shape == (epochs,) and h["coef"].shape == (epochs, X.shape[1])
    assert h["n_zero"].shape == (epochs,) and h["objective"].shape == (epochs,)
    assert h["gap"][0] > 1e6 * h["gap"][-1]
    assert h["gap"][-1] <= 1e-12 * np.var(y)
    assert np.array_equal(h["coef"][-1], fit.coef)
    assert h["n_zero"][-1] == np.count_nonzero(fit.coef == 0.0) >= 1

    assert lasso_cd(X, y, alpha).history is None


def test_subgradient_descent_is_close_but_never_sparse() -> None:
    X, y = PROBLEMS["n>p"]()
    alpha = 0.1 * alpha_max(X, y)
    fit = lasso_cd(X, y, alpha)
    assert np.count_nonzero(fit.coef == 0.0) >= 1
    sub = subgradient_descent(X, y, alpha, n_iter=5000, record_history=True)
    assert np.count_nonzero(sub.coef == 0.0) == 0  # no exact zeros ...
    assert np.max(np.abs(sub.coef - fit.coef)) < 0.05 * np.max(np.abs(fit.coef))  # ... yet close
    assert np.max(np.abs(sub.coef[fit.coef == 0.0])) < 0.05 * np.max(np.abs(fit.coef))
    assert sub.history["coef"].shape == (5000, X.shape[1])
    assert not sub.converged and sub.gap > fit.gap
    assert np.all(sub.history["n_zero"] == 0)


def subgradient_by_hand(
    X: np.ndarray, y: np.ndarray, alpha: float, step: float, n_iter: int
) -> np.ndarray:
    """Subgradient descent written out: ``w -= step / sqrt(k+1) * (X_c^T (X_c w - y_c) / n
    + alpha * sign(w))`` from ``w = 0``, on centred data."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    w = np.zeros(X.shape[1])
    for k in range(n_iter):
        w = w - step / np.sqrt(k + 1) * (Xc.T @ (Xc @ w - yc) / n + alpha * np.sign(w))
    return w


@pytest.mark.parametrize("name", PROBLEMS)
def test_default_subgradient_step_is_one_over_lipschitz(name: str) -> None:
    # The docstring's definition: eta_0 = 1/L, L = sigma_max(X_c)**2 / n, the largest
    # singular value from numpy's SVD. (An audit replaced the spectral norm by the
    # Frobenius norm: a smaller step, and a gap after 100 steps 4x larger; no test saw it.)
    X, y = PROBLEMS[name]()
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = X.shape[0]
    L = np.linalg.svd(Xc, compute_uv=False)[0] ** 2 / n
    alpha = 0.1 * alpha_max(X, y)
    # from w = 0 (sign(0) = 0) the first step is eta_0 * X_c^T y_c / n
    first = subgradient_descent(X, y, alpha, n_iter=1).coef
    np.testing.assert_allclose(first, Xc.T @ yc / n / L, rtol=1e-10)
    fit = subgradient_descent(X, y, alpha, n_iter=100)
    ref = subgradient_by_hand(X, y, alpha, 1.0 / L, 100)
    close(fit.coef, ref, 1e-9)
    close(fit.coef, subgradient_descent(X, y, alpha, step=1.0 / L, n_iter=100).coef, 1e-12)


def test_subgradient_default_step_is_refused_when_l_is_zero() -> None:
    # every column constant: X_c = 0, L = 0, so 1/L is no step at all (it used to fall back
    # to a step of 1.0 without a word); an explicit step runs, and stays at w = 0
    X, y = np.ones((6, 2)), np.arange(6.0)
    with pytest.raises(ValueError, match=r"X has no column that varies .*L = sigma_max"):
        subgradient_descent(X, y, 0.1)
    assert np.all(subgradient_descent(X, y, 0.1, step=0.5, n_iter=5).coef == 0.0)


def test_max_iter_reports_not_converged() -> None:
    X, y = PROBLEMS["correlated"]()
    with pytest.warns(ConvergenceWarning, match="max_iter=3"):
        fit = lasso_cd(X, y, 0.01 * alpha_max(X, y), max_iter=3)
    assert not fit.converged and fit.n_iter == 3 and fit.gap > 0


def test_warm_start_converges_at_once() -> None:
    X, y = PROBLEMS["n>p"]()
    alpha = 0.1 * alpha_max(X, y)
    fit = lasso_cd(X, y, alpha, tol=TIGHT)
    again = lasso_cd(X, y, alpha, w0=fit.coef, tol=TIGHT)
    assert again.n_iter <= 2
    close(again.coef, fit.coef, 1e-12)


# Property tests of lasso_cd (random, degenerate and extreme-scale data, judged by a
# duality gap written out and by scikit-learn) are in test_properties.py.


# --------------------------------------------------------------------------- bad input

X_OK, Y_OK = random_problem(10, 3, seed=0)

CALLS = {
    "ridge": lambda X, y, a: ridge(X, y, a),
    "lasso_cd": lambda X, y, a: lasso_cd(X, y, a),
    "enet_cd": lambda X, y, a: enet_cd(X, y, a, 0.5),
    "subgradient_descent": lambda X, y, a: subgradient_descent(X, y, a, n_iter=2),
    "alpha_max": lambda X, y, a: alpha_max(X, y),
    "duality_gap": lambda X, y, a: duality_gap(X, y, np.zeros(3), a),
    "kkt_violation": lambda X, y, a: kkt_violation(X, y, np.zeros(3), a),
    "objective": lambda X, y, a: objective(X, y, np.zeros(3), a),
}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(
    "X, y, error, name",
    [
        (X_OK[:, 0], Y_OK, ValueError, "X"),  # 1-D X
        (X_OK, Y_OK[:, None], ValueError, "y"),  # 2-D y
        (X_OK, Y_OK[:-1], ValueError, "X and y"),  # mismatched lengths
        (np.where(np.eye(10, 3) == 1, np.nan, X_OK), Y_OK, ValueError, "X"),
        (X_OK, np.r_[Y_OK[:-1], np.inf], ValueError, "y"),
        (np.empty((0, 3)), np.empty(0), ValueError, "X"),
        (X_OK[:, :0], Y_OK, ValueError, "X"),
        ([["a", "b", "c"]] * 10, Y_OK, TypeError, "X"),
        (X_OK, "y", TypeError, "y"),
    ],
)
def test_bad_data(call: str, X, y, error, name: str) -> None:
    with pytest.raises(error, match=name):
        CALLS[call](X, y, 1.0)


@pytest.mark.parametrize("call", [c for c in CALLS if c != "alpha_max"])
@pytest.mark.parametrize(
    "alpha, error",
    [(-1.0, ValueError), (np.nan, ValueError), (np.inf, ValueError), ("1", TypeError)],
)
def test_bad_alpha(call: str, alpha, error) -> None:
    with pytest.raises(error, match="alpha"):
        CALLS[call](X_OK, Y_OK, alpha)


@pytest.mark.parametrize("call", ["lasso_cd", "enet_cd"])
def test_alpha_zero_rejected_by_cd(call: str) -> None:
    with pytest.raises(ValueError, match="alpha"):
        CALLS[call](X_OK, Y_OK, 0.0)


@pytest.mark.parametrize("l1_ratio", [-0.1, 1.1, 0.0, np.nan])
def test_bad_l1_ratio(l1_ratio: float) -> None:
    with pytest.raises(ValueError, match="l1_ratio"):
        enet_cd(X_OK, Y_OK, 1.0, l1_ratio)
    with pytest.raises(ValueError, match="l1_ratio"):
        duality_gap(X_OK, Y_OK, np.zeros(3), 1.0, l1_ratio=l1_ratio)


def test_bad_other_arguments() -> None:
    with pytest.raises(ValueError, match="coef"):
        duality_gap(X_OK, Y_OK, np.zeros(4), 1.0)
    with pytest.raises(ValueError, match="coef"):
        kkt_violation(X_OK, Y_OK, [np.nan, 0, 0], 1.0)
    with pytest.raises(ValueError, match="w0"):
        lasso_cd(X_OK, Y_OK, 1.0, w0=np.zeros(2))
    with pytest.raises(ValueError, match="max_iter"):
        lasso_cd(X_OK, Y_OK, 1.0, max_iter=0)
    with pytest.raises(TypeError, match="max_iter"):
        enet_cd(X_OK, Y_OK, 1.0, 0.5, max_iter=2.5)
    with pytest.raises(ValueError, match="tol"):
        lasso_cd(X_OK, Y_OK, 1.0, tol=-1.0)
    with pytest.raises(ValueError, match="step"):
        subgradient_descent(X_OK, Y_OK, 1.0, step=0.0)
    with pytest.raises(ValueError, match="n_iter"):
        subgradient_descent(X_OK, Y_OK, 1.0, n_iter=0)
    with pytest.raises(ValueError, match="intercept"):
        duality_gap(X_OK, Y_OK, np.zeros(3), 1.0, intercept=1.0, fit_intercept=False)


def test_fit_result_is_frozen() -> None:
    fit = ridge(X_OK, Y_OK, 1.0)
    with pytest.raises(AttributeError):
        fit.coef = None  # type: ignore[misc]
    assert solvers.FitResult.__dataclass_params__.frozen


# --------------------------------------------------------------------------- certificates, by hand


@pytest.mark.parametrize(
    "t, w, expected",
    [
        (2.0, 1.5, 0.0),  # w > 0 and g = +alpha: optimal
        (1.0, 1.5, 1.0),  # w > 0 but g = -alpha: |g - alpha sign(w)| = |-0.5 - 0.5|
        (-2.0, -1.5, 0.0),  # w < 0 and g = -alpha: optimal
        (-1.0, -1.5, 1.0),  # w < 0 but g = +alpha: |0.5 + 0.5|
        (2.0, 1.4, 0.1),  # w > 0, g = 0.6: off by 0.1
        (0.3, 0.0, 0.0),  # w = 0 and |g| = 0.3 <= alpha
        (0.8, 0.0, 0.3),  # w = 0 and |g| = 0.8: exceeds alpha by 0.3
        (-0.8, 0.0, 0.3),
    ],
)
def test_kkt_violation_hand_worked(t: float, w: float, expected: float) -> None:
    # X = [1, -1]^T, y = [t, -t], no intercept: g = X^T (y - X w) / n = t - w, alpha = 0.5
    X, y = np.array([[1.0], [-1.0]]), np.array([t, -t])
    assert kkt_violation(X, y, [w], 0.5, fit_intercept=False) == pytest.approx(expected, abs=1e-15)


def test_kkt_violation_is_the_worst_coordinate() -> None:
    # orthogonal columns with x_j^T x_j = n = 4, no intercept: g_j = x_j^T y / 4 - w_j
    X = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    y = X @ np.array([2.0, -2.0])  # g at w = (1.5, -1.5) is (0.5, -0.5): both optimal
    assert kkt_violation(X, y, [1.5, -1.5], 0.5, fit_intercept=False) == pytest.approx(0, abs=1e-15)
    # flip the sign of the second coefficient: g_2 = -2 - 1.5 = -3.5, sign(w_2) = +1, so
    # |g_2 - alpha| = 4 (coordinate 1 is still optimal)
    assert kkt_violation(X, y, [1.5, 1.5], 0.5, fit_intercept=False) == pytest.approx(4.0)


@pytest.mark.parametrize("name", ["n>p", "n<p", "correlated"])
def test_reported_gaps_are_the_independent_gap(name: str) -> None:
    X, y = PROBLEMS[name]()
    alpha = 0.1 * alpha_max(X, y)
    sub = subgradient_descent(X, y, alpha, n_iter=300)
    assert sub.gap == pytest.approx(independent_lasso_gap(X, y, sub.coef, alpha), rel=1e-9)
    with pytest.warns(ConvergenceWarning):
        cd = lasso_cd(X, y, alpha, max_iter=2)
    assert cd.gap == pytest.approx(independent_lasso_gap(X, y, cd.coef, alpha), rel=1e-9)


def test_lasso_cd_with_columns_on_very_different_scales() -> None:
    # not standardised: column norms enter every update (||x_j||^2 / n, population scaling)
    rng = np.random.default_rng(12)
    n = 40
    X = rng.standard_normal((n, 4)) * np.array([0.01, 1.0, 30.0, 500.0]) + np.array([5, -2, 0, 1e3])
    y = X @ np.array([100.0, -1.0, 0.05, 0.0]) + rng.standard_normal(n)
    for frac in (0.3, 0.02):
        alpha = frac * alpha_max(X, y)
        ref = Lasso(alpha=alpha, tol=TIGHT, max_iter=1_000_000).fit(X, y)
        fit = lasso_cd(X, y, alpha, tol=TIGHT)
        close(fit.coef, ref.coef_, 1e-8)
        assert np.array_equal(fit.coef == 0.0, ref.coef_ == 0.0)
        enet = enet_cd(X, y, alpha, 0.7, tol=TIGHT)
        enet_ref = ElasticNet(alpha=alpha, l1_ratio=0.7, tol=TIGHT, max_iter=1_000_000).fit(X, y)
        close(enet.coef, enet_ref.coef_, 1e-8)
