"""The orthonormal chapter's rules and printed table, against scikit-learn and brute force.

Independent references only: scikit-learn's Lasso / Ridge / ElasticNet with the book's
alpha conversions, and best subset by enumerating every subset with scikit-learn's
LinearRegression. The closed forms of lessonlib.topics.orthonormal must match them.
"""

from __future__ import annotations

import itertools
import re

import nbformat
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge

from lessonlib import scale
from lessonlib.topics import orthonormal
from toc import BOOK

NOTEBOOK = BOOK / "orthonormal.ipynb"


def _chapter_data():
    """The chapter's design and response (the same calls as its cells)."""
    X = orthonormal.orthonormal_design(50, 6, seed=0)
    rng = np.random.default_rng(1)
    y = 4.0 + X @ np.array([3.0, -2.0, 1.2, 0.6, 0.0, 0.0]) + 0.3 * rng.standard_normal(50)
    return X, y


def _subset_search(X, y, lam0):
    """min SSE + lam0 * |S| over all subsets, each fitted by scikit-learn (with intercept)."""
    p = X.shape[1]
    best, best_coef = np.sum((y - y.mean()) ** 2), np.zeros(p)
    for size in range(1, p + 1):
        for S in itertools.combinations(range(p), size):
            fit = LinearRegression().fit(X[:, S], y)
            value = np.sum((y - fit.predict(X[:, S])) ** 2) + lam0 * size
            if value < best:
                best, best_coef = value, np.zeros(p)
                best_coef[list(S)] = fit.coef_
    return best_coef


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("lam", [0.3, 1.0, 2.5])
def test_lasso_and_ridge_rules_match_scikit_learn(seed, lam):
    X = orthonormal.orthonormal_design(40, 6, seed=seed)
    y = 1.0 + X @ np.random.default_rng(seed + 10).normal(0, 1.5, 6)
    y += 0.4 * np.random.default_rng(seed + 20).standard_normal(40)
    z = X.T @ y
    n = X.shape[0]
    lasso = Lasso(alpha=scale.lasso_alpha(lam, n), tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    rule = orthonormal.lasso_orthonormal(z, lam)
    np.testing.assert_allclose(rule, lasso, atol=1e-9)
    np.testing.assert_array_equal(rule == 0.0, lasso == 0.0)
    ridge = Ridge(alpha=lam).fit(X, y).coef_
    np.testing.assert_allclose(orthonormal.ridge_orthonormal(z, lam), ridge, atol=1e-12)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lam0", [0.1, 1.0, 3.0])
def test_hard_threshold_is_best_subset(seed, lam0):
    X = orthonormal.orthonormal_design(30, 5, seed=seed)
    y = X @ np.random.default_rng(seed).normal(0, 1.5, 5) + 0.3 * np.random.default_rng(
        seed + 1
    ).standard_normal(30)
    expected = _subset_search(X, y, lam0)
    rule = orthonormal.best_subset_orthonormal(X.T @ y, lam0)
    np.testing.assert_allclose(rule, expected, atol=1e-10)
    np.testing.assert_array_equal(rule == 0.0, expected == 0.0)
    coef, _ = orthonormal.best_subset_bruteforce(X, y, lam0)
    np.testing.assert_allclose(coef, expected, atol=1e-10)


def test_bruteforce_on_a_correlated_design_matches_scikit_learn_search():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((25, 4)) @ np.array(
        [[1, 0.6, 0, 0], [0, 1, 0.5, 0], [0, 0, 1, 0], [0, 0, 0, 1.0]]
    )
    y = X @ np.array([2.0, 0.0, -1.0, 0.3]) + rng.standard_normal(25)
    for lam0 in (0.5, 2.0, 8.0):
        coef, _ = orthonormal.best_subset_bruteforce(X, y, lam0)
        np.testing.assert_allclose(coef, _subset_search(X, y, lam0), atol=1e-10)


def test_printed_table_matches_independent_fits():
    """Every number of the chapter's table, recomputed with scikit-learn and subset search."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "orth-check")
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    rows = [line for line in text.splitlines() if re.match(r"\s*\d\s", line)]
    assert len(rows) == 6
    table = np.array([[float(v) for v in re.findall(r"-?\d+\.\d{4}", r)] for r in rows])
    X, y = _chapter_data()
    n = X.shape[0]
    expected = np.column_stack(
        [
            X.T @ (y - y.mean()),
            Lasso(alpha=scale.lasso_alpha(2.0, n), tol=1e-14, max_iter=1_000_000).fit(X, y).coef_,
            Ridge(alpha=2.0).fit(X, y).coef_,
            _subset_search(X, y, 1.0),
        ]
    )
    np.testing.assert_allclose(table[:, [0, 2, 4, 6]], expected, atol=5e-5)
    np.testing.assert_allclose(table[:, [1, 3, 5]], table[:, [2, 4, 6]], atol=0)


def test_exercise_claims():
    X, y = _chapter_data()
    z = X.T @ y
    n = X.shape[0]
    # Elastic net: soft threshold then divide, with the stated alpha and l1_ratio.
    lam1, lam2 = 2.0, 0.5
    alpha, l1_ratio = scale.enet_from_lambdas(lam1, lam2, n)
    enet = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
    rule = orthonormal.lasso_orthonormal(z, lam1) / (1 + lam2)
    np.testing.assert_allclose(rule, enet, atol=1e-9)
    np.testing.assert_array_equal(rule == 0.0, enet == 0.0)
    # Best subset of size 2 keeps the two largest |z|.
    yc = y - y.mean()
    pair = min(
        itertools.combinations(range(6), 2),
        key=lambda S: np.sum((yc - X[:, S] @ np.linalg.lstsq(X[:, S], yc, rcond=None)[0]) ** 2),
    )
    assert pair == (0, 1) == tuple(sorted(np.argsort(-np.abs(z))[:2]))
    # Continuity at the threshold.
    assert orthonormal.lasso_orthonormal([0.999, 1.001], 2.0) == pytest.approx([0.0, 0.001])
    assert orthonormal.best_subset_orthonormal([0.999, 1.001], 1.0).tolist() == [0.0, 1.001]


def test_claim_check_design_differs_in_correlation_only():
    """orth-claim-check: the mixed design has centred unit-length columns (like ours) and the
    orthonormal rules fail on it, judged by scikit-learn: a lasso zero above the threshold,
    a survivor below it, and ridge ratios that are not 1 / (1 + lambda), one negative."""
    from sklearn.linear_model import Lasso, Ridge

    from lessonlib.topics import orthonormal

    X = orthonormal.orthonormal_design(50, 6, seed=0)
    rng = np.random.default_rng(1)
    y = 4.0 + X @ np.array([3.0, -2.0, 1.2, 0.6, 0.0, 0.0]) + 0.3 * rng.standard_normal(50)
    Xm = X @ (np.eye(6) + 0.7 * np.eye(6, k=1))
    Xm /= np.linalg.norm(Xm, axis=0)
    np.testing.assert_allclose(np.linalg.norm(Xm, axis=0), 1.0)
    np.testing.assert_allclose(Xm.mean(axis=0), 0.0, atol=1e-12)
    w_ols = np.linalg.lstsq(np.column_stack([np.ones(50), Xm]), y, rcond=None)[0][1:]
    w_lasso = Lasso(alpha=scale.lasso_alpha(2.0, 50), tol=1e-14, max_iter=100_000).fit(Xm, y).coef_
    ratio = Ridge(alpha=2.0).fit(Xm, y).coef_ / w_ols
    assert np.any((np.abs(w_ols) > 1) & (np.abs(w_lasso) < 1e-12))
    assert np.any((np.abs(w_ols) < 1) & (np.abs(w_lasso) > 1e-3))
    assert ratio.min() < 0 < ratio.max() and np.ptp(ratio) > 0.3


def test_zero_probability_against_scikit_learn_simulation():
    """The formula against the exact zeros of scikit-learn's Lasso on simulated data."""
    from scipy.stats import norm
    from sklearn.linear_model import Lasso

    from lessonlib.topics import orthonormal

    X = orthonormal.orthonormal_design(40, 4, seed=3)
    beta, sigma, lam = np.array([0.0, 0.5, 1.0, 2.0]), 0.5, 2.0
    rng = np.random.default_rng(5)
    zeros = np.zeros(4)
    for _ in range(1500):
        y = 1.0 + X @ beta + sigma * rng.standard_normal(40)
        w = Lasso(alpha=scale.lasso_alpha(lam, 40), tol=1e-12).fit(X, y).coef_
        zeros += np.abs(w) < 1e-12
    formula = norm.cdf((lam / 2 - beta) / sigma) - norm.cdf((-lam / 2 - beta) / sigma)
    np.testing.assert_allclose(orthonormal.zero_probability(beta, sigma, lam), formula, rtol=1e-12)
    se = np.sqrt(formula * (1 - formula) / 1500) + 1e-3
    assert np.all(np.abs(zeros / 1500 - formula) < 4 * se)


def test_universal_threshold_probability_by_simulation():
    """P(all p null |z_j| <= sqrt(2 log p)) = (2 Phi(sqrt(2 log p)) - 1)^p, at p = 100."""
    from lessonlib.topics import orthonormal

    p = 100
    kappa = np.sqrt(2 * np.log(p))
    exact = orthonormal.zero_probability([0.0], 1.0, 2 * kappa)[0] ** p
    Z = np.random.default_rng(2).standard_normal((20_000, p))
    share = np.mean(np.abs(Z).max(axis=1) <= kappa)
    assert share == pytest.approx(exact, abs=4 * np.sqrt(exact * (1 - exact) / 20_000))


@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.75])
def test_two_feature_zero_probability_by_brute_force(fraction):
    """(4/pi) arctan((1 - f)/(1 + f)): the share of evenly spread directions of w_ols whose
    L1-constrained solution with H = I (the projection on the diamond, by a fine boundary
    grid) is a corner."""
    from lessonlib.topics import orthonormal

    phi = (np.arange(3600) + 0.5) * 2 * np.pi / 3600
    W = np.column_stack([np.cos(phi), np.sin(phi)])
    t = fraction * np.abs(W).sum(axis=1)
    s = np.linspace(0.0, 1.0, 2001)
    edge = np.column_stack([1 - s, s])  # the diamond's edge in the first quadrant, t = 1
    corner = 0
    for w, tk in zip(W, t):
        pts = tk * edge * np.sign(w)
        best = pts[np.argmin(((pts - w) ** 2).sum(axis=1))]
        corner += np.min(np.abs(best)) == 0.0
    assert corner / 3600 == pytest.approx(
        orthonormal.two_feature_zero_probability(fraction), abs=2e-3
    )


def test_plot_zero_probability_draws_the_formula():
    import matplotlib.pyplot as plt
    from scipy.stats import norm

    from lessonlib.display.figures import plot_zero_probability

    ax, _ = plot_zero_probability(0.3, [2.0, 1.0], points=([0.0, 1.2], [0.99, 0.25]))
    lines = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-"]
    assert len(lines) == 2
    beta = lines[0].get_xdata()
    np.testing.assert_allclose(
        lines[0].get_ydata(), norm.cdf((1 - beta) / 0.3) - norm.cdf((-1 - beta) / 0.3)
    )
    dots = next(ln for ln in ax.get_lines() if ln.get_marker() == "o")
    assert dots.get_xdata().tolist() == [0.0, 1.2] and dots.get_color() == lines[0].get_color()
    # the legend names each curve's lambda and its threshold kappa = lambda / 2 (SSE + lambda|w|)
    entries = [text.get_text() for text in ax.get_legend().get_texts()]
    assert entries == [
        "$\\lambda = 2$ (threshold 1)",
        "$\\lambda = 1$ (threshold 0.5)",
        "simulation",
    ]
    # the axes say what is drawn, in the notation page's Pr
    assert ax.get_xlabel() == "true coefficient $\\beta_j$"
    assert ax.get_ylabel() == "Pr(lasso coefficient exactly 0)"
    plt.close("all")


def test_plot_recovery_says_it_draws_a_probability_of_the_exact_signed_support():
    import matplotlib.pyplot as plt

    from lessonlib.display.figures import plot_recovery

    ax, _ = plot_recovery({"p = 64": ([0.5, 1.0], [0.1, 0.7])})
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == "p = 64"]
    assert line.get_ydata().tolist() == [0.1, 0.7]
    assert ax.get_ylabel() == "Pr(exact signed support)"
    plt.close("all")
