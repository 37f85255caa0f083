"""lessonlib.topics.sparse_vs_dense and its figure, judged by scikit-learn fits made here."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import r2_score

from lessonlib.display.figures.sparse_vs_dense import plot_sparse_vs_dense
from lessonlib.topics.sparse_vs_dense import lasso_ridge_test_error

BETA = np.array([1.5, -1.0, 0.0, 0.0, 0.0, 0.5])
LASSO_ALPHAS = [0.02, 0.2, 1.0]
RIDGE_ALPHAS = [0.1, 10.0, 1000.0]


def test_against_sklearn() -> None:
    res = lasso_ridge_test_error(
        BETA,
        LASSO_ALPHAS,
        RIDGE_ALPHAS,
        rng=np.random.default_rng(4),
        n_train=30,
        noise=0.8,
        n_rep=4,
    )
    rng = np.random.default_rng(4)
    big = np.random.default_rng(99)
    X_new = big.standard_normal((200_000, BETA.size))
    y_new_signal = X_new @ BETA
    sums = {k: np.zeros(3) for k in ("lasso_mse", "ridge_mse", "lasso_r2", "ridge_r2")}
    for _ in range(4):
        X = rng.standard_normal((30, BETA.size))
        y = X @ BETA + rng.normal(0.0, 0.8, 30)
        for name, models in (
            ("lasso", [Lasso(alpha=a, tol=1e-12, max_iter=100_000) for a in LASSO_ALPHAS]),
            ("ridge", [Ridge(alpha=a) for a in RIDGE_ALPHAS]),
        ):
            for k, model in enumerate(models):
                model.fit(X, y)
                sums[f"{name}_r2"][k] += r2_score(y, model.predict(X))
                # expected test error by brute force: squared error of the signal on many
                # new points, plus the noise variance
                err = np.mean((y_new_signal - model.predict(X_new)) ** 2) + 0.64
                sums[f"{name}_mse"][k] += err
    np.testing.assert_allclose(res.lasso_train_r2, sums["lasso_r2"] / 4, rtol=1e-7)
    np.testing.assert_allclose(res.ridge_train_r2, sums["ridge_r2"] / 4, rtol=1e-7)
    # the closed form noise + c^2 + ||w - beta||^2 against 200 000 new points
    np.testing.assert_allclose(res.lasso_test_mse, sums["lasso_mse"] / 4, rtol=0.01)
    np.testing.assert_allclose(res.ridge_test_mse, sums["ridge_mse"] / 4, rtol=0.01)
    assert res.noise_var == pytest.approx(0.64)


def test_sparse_truth_favours_lasso_dense_truth_favours_ridge() -> None:
    p = 20
    dense = np.full(p, 1.5 / np.sqrt(p))
    sparse = np.zeros(p)
    sparse[:2] = 1.5 / np.sqrt(2)
    la, ra = np.geomspace(0.005, 2.0, 15), np.geomspace(0.05, 2000.0, 15)
    kw = {"n_train": 40, "n_rep": 40}
    d = lasso_ridge_test_error(dense, la, ra, rng=np.random.default_rng(2), **kw)
    s = lasso_ridge_test_error(sparse, la, ra, rng=np.random.default_rng(2), **kw)
    assert s.lasso_test_mse.min() < 0.85 * s.ridge_test_mse.min()
    assert d.ridge_test_mse.min() < 0.95 * d.lasso_test_mse.min()


def test_bad_input_is_named() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(TypeError, match=re.escape("rng must be a numpy.random.Generator")):
        lasso_ridge_test_error(BETA, [1.0], [1.0], rng=0)
    with pytest.raises(ValueError, match="lasso_alphas"):
        lasso_ridge_test_error(BETA, [0.0], [1.0], rng=rng)
    with pytest.raises(ValueError, match="ridge_alphas"):
        lasso_ridge_test_error(BETA, [1.0], [-1.0], rng=rng)
    with pytest.raises(ValueError, match="n_train"):
        lasso_ridge_test_error(BETA, [1.0], [1.0], rng=rng, n_train=2)


def test_figure_plots_the_results() -> None:
    rng = np.random.default_rng(0)
    res = {
        name: lasso_ridge_test_error(
            b, [0.01, 0.1, 1.0], [0.1, 10.0, 1000.0], rng=rng, n_train=20, n_rep=3
        )
        for name, b in (("sparse", BETA), ("dense", np.ones(6)))
    }
    axes, data = plot_sparse_vs_dense(res)
    assert len(axes) == 2 and list(data) == ["sparse", "dense"]
    for ax, name in zip(axes, res):
        lines = ax.get_lines()
        np.testing.assert_array_equal(lines[0].get_xdata(), res[name].lasso_train_r2)
        np.testing.assert_array_equal(lines[0].get_ydata(), res[name].lasso_test_mse)
        np.testing.assert_array_equal(lines[1].get_ydata(), res[name].ridge_test_mse)
        assert data[name]["ridge_min"] == res[name].ridge_test_mse.min()
    plt.close(axes[0].figure)
    with pytest.raises(TypeError, match="results"):
        plot_sparse_vs_dense({"a": 1})
    with pytest.raises(ValueError, match="ax"):
        plot_sparse_vs_dense(res, ax=[None])


def test_validated_choice_against_sklearn() -> None:
    """Each data set's penalties chosen on the validation sample, refitted with scikit-learn;
    the kept features counted from scikit-learn's coefficients (zeros to 1e-10)."""
    from lessonlib.topics.sparse_vs_dense import validated_test_error

    lasso_grid, ridge_grid = np.geomspace(0.01, 1.0, 7), np.geomspace(0.1, 1000.0, 7)
    res = validated_test_error(
        BETA, lasso_grid, ridge_grid, rng=np.random.default_rng(6), n_train=30, n_val=15, n_rep=5
    )
    rng = np.random.default_rng(6)
    for r in range(5):
        X = rng.standard_normal((30, BETA.size))
        y = X @ BETA + rng.normal(0.0, 1.0, 30)
        X_val = rng.standard_normal((15, BETA.size))
        y_val = X_val @ BETA + rng.normal(0.0, 1.0, 15)
        for name, make, grid in (
            ("lasso", lambda a: Lasso(alpha=a, tol=1e-12, max_iter=100_000), lasso_grid),
            ("ridge", lambda a: Ridge(alpha=a), ridge_grid),
        ):
            models = [make(a).fit(X, y) for a in grid]
            val = [np.mean((y_val - m.predict(X_val)) ** 2) for m in models]
            best = models[int(np.argmin(val))]
            assert getattr(res, f"{name}_alpha")[r] == grid[int(np.argmin(val))]
            test = 1.0 + best.intercept_**2 + np.sum((best.coef_ - BETA) ** 2)
            assert getattr(res, f"{name}_test_mse")[r] == pytest.approx(test, rel=1e-7)
            if name == "lasso":
                kept = np.abs(best.coef_) > 1e-10
                assert res.lasso_kept_null[r] == np.sum(kept & (BETA == 0))
                assert res.lasso_kept_true[r] == np.sum(kept & (BETA != 0))
    assert res.noise_var == 1.0 and res.n_rep == 5


def test_validated_choice_validates_its_input() -> None:
    from lessonlib.topics.sparse_vs_dense import validated_test_error

    with pytest.raises(TypeError, match="rng"):
        validated_test_error(BETA, [0.1], [1.0], rng=0)
    with pytest.raises(ValueError, match="n_val"):
        validated_test_error(BETA, [0.1], [1.0], rng=np.random.default_rng(0), n_val=0)
    with pytest.raises(ValueError, match="lasso_alphas"):
        validated_test_error(BETA, [0.0], [1.0], rng=np.random.default_rng(0))
