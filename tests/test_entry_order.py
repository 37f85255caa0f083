"""lessonlib.topics.entry_order.bootstrap_fits and lessonlib._bootstrap, the one resampling loop.

The resamples are checked against the recipe the docstrings give (successive
``rng.integers(0, n, size=n)`` draws), the fits against scikit-learn, and the work done
per resample by counting calls: one homotopy, no re-validation.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge, lars_path

import lessonlib.path
import lessonlib.topics.entry_order as entry_order
from lessonlib._bootstrap import bootstrap_refits, draw_rows
from lessonlib.topics import selection


@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(8)
    X = rng.standard_normal((35, 4))
    return X, X @ np.array([2.0, -1.0, 0.0, 0.5]) + rng.standard_normal(35) + 2.0


def test_rows_are_successive_draws_of_one_generator(xy):
    X, y = xy
    rng = np.random.default_rng(3)
    ref = np.array([rng.integers(0, 35, size=35) for _ in range(6)])
    assert np.array_equal(draw_rows(35, 6, 3), ref)
    boot = entry_order.bootstrap_fits(X, y, lasso_alpha=0.2, ridge_alpha=1.0, n_boot=6, seed=3)
    assert np.array_equal(boot.rows, ref)
    assert np.array_equal(selection.bootstrap_indices(35, n_resamples=6, seed=3), ref)


def test_bootstrap_refits_applies_fit_to_each_resample_in_order(xy):
    X, y = xy
    rows, fits = bootstrap_refits(X, y, lambda Xb, yb: (Xb.copy(), yb.copy()), 4, seed=1)
    for r, (Xb, yb) in zip(rows, fits):
        assert np.array_equal(Xb, X[r]) and np.array_equal(yb, y[r])


def test_bootstrap_fits_match_sklearn(xy):
    X, y = xy
    boot = entry_order.bootstrap_fits(X, y, lasso_alpha=0.2, ridge_alpha=3.0, n_boot=4, seed=2)
    for r, order, w_lasso, w_ridge in zip(
        boot.rows, boot.feature_orders, boot.lasso_coefs, boot.ridge_coefs
    ):
        Xb, yb = X[r], y[r]
        lasso = Lasso(alpha=0.2, tol=1e-14, max_iter=1_000_000).fit(Xb, yb)
        np.testing.assert_allclose(w_lasso, lasso.coef_, atol=1e-7)
        np.testing.assert_allclose(w_ridge, Ridge(alpha=3.0).fit(Xb, yb).coef_, atol=1e-10)
        _, active, _ = lars_path(Xb - Xb.mean(axis=0), yb - yb.mean(), method="lasso")
        assert order[: len(active)] == list(active)[: len(order)]


def test_one_homotopy_and_no_revalidation_per_resample(xy, monkeypatch):
    X, y = xy
    calls = []
    homotopy = entry_order.lasso_homotopy_unchecked

    def counted(*args):
        calls.append(args)
        return homotopy(*args)

    def refuse(*args):  # lasso_homotopy, lasso_path and ridge_path all start with it
        raise AssertionError("a resample was validated again")

    monkeypatch.setattr(entry_order, "lasso_homotopy_unchecked", counted)
    monkeypatch.setattr(lessonlib.path, "check_Xy", refuse)
    entry_order.bootstrap_fits(X, y, lasso_alpha=0.2, ridge_alpha=1.0, n_boot=5, seed=0)
    assert len(calls) == 5
    assert all(args[3] == 0.0 for args in calls)  # the whole path: read for order and coefs
