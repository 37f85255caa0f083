"""lessonlib.tuning against direct computations with scikit-learn's LassoCV, KFold and Lasso."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LassoCV, LinearRegression
from sklearn.model_selection import KFold, train_test_split

from lessonlib import tuning
from lessonlib.data import load_diabetes_standardized

D = load_diabetes_standardized()
ALPHAS = tuning.alpha_grid(D.X, D.y, n_alphas=30)


@pytest.fixture(scope="module")
def fitted():
    return tuning.lasso_cv(D.X, D.y, ALPHAS, n_splits=5, seed=3)


def direct_one_se(alphas, mse_path):
    """The one-standard-error rule written out step by step, from LassoCV's fold errors."""
    k = mse_path.shape[1]
    best_err, best_i = np.inf, -1
    for i in range(len(alphas)):
        err = sum(mse_path[i]) / k
        if err < best_err:
            best_err, best_i = err, i
    dev = mse_path[best_i] - best_err
    se = np.sqrt(np.sum(dev**2) / (k - 1)) / np.sqrt(k)
    candidates = [a for a, row in zip(alphas, mse_path) if sum(row) / k <= best_err + se]
    return alphas[best_i], max(candidates)


def test_one_se_rule_matches_a_direct_computation(fitted):
    model, curve = fitted
    a_min, a_1se = direct_one_se(model.alphas_, model.mse_path_)
    assert curve.alpha_min == a_min == model.alpha_
    assert curve.alpha_1se == a_1se
    assert curve.alpha_1se >= curve.alpha_min
    assert curve.mean[curve.i_1se] <= curve.mean[curve.i_min] + curve.se[curve.i_min]
    larger = curve.alphas > curve.alpha_1se
    assert np.all(curve.mean[larger] > curve.mean[curve.i_min] + curve.se[curve.i_min])


def test_fold_errors_are_refits_on_seeded_folds(fitted):
    """mse_path_ really is the held-out MSE of a Lasso refit on each training fold."""
    _, curve = fitted
    i = curve.i_1se
    folds = KFold(n_splits=5, shuffle=True, random_state=3).split(D.X)
    errs = []
    for tr, te in folds:
        w = Lasso(alpha=curve.alphas[i], tol=1e-10, max_iter=100_000).fit(D.X[tr], D.y[tr])
        errs.append(np.mean((D.y[te] - w.predict(D.X[te])) ** 2))
    np.testing.assert_allclose(curve.fold_mse[i], errs, rtol=1e-5)
    assert curve.se[i] == pytest.approx(np.std(errs, ddof=1) / np.sqrt(5), rel=1e-4)


def test_same_seed_same_curve_other_seed_other_curve(fitted):
    _, curve = fitted
    _, again = tuning.lasso_cv(D.X, D.y, ALPHAS, n_splits=5, seed=3)
    _, other = tuning.lasso_cv(D.X, D.y, ALPHAS, n_splits=5, seed=4)
    np.testing.assert_array_equal(curve.fold_mse, again.fold_mse)
    assert not np.allclose(curve.fold_mse, other.fold_mse)


def test_alpha_grid_starts_at_the_all_zero_alpha():
    assert np.all(Lasso(alpha=ALPHAS[0]).fit(D.X, D.y).coef_ == 0.0)
    assert np.any(Lasso(alpha=0.99 * ALPHAS[0], tol=1e-12).fit(D.X, D.y).coef_ != 0.0)
    assert np.all(np.diff(ALPHAS) < 0)
    assert ALPHAS[-1] == pytest.approx(1e-3 * ALPHAS[0])


def test_selected_features_is_an_exact_zero_test():
    a = 5.0
    coef = Lasso(alpha=a, tol=1e-10, max_iter=100_000).fit(D.X, D.y).coef_
    np.testing.assert_array_equal(tuning.selected_features(D.X, D.y, a), coef != 0.0)
    assert 0 < tuning.selected_features(D.X, D.y, a).sum() < D.X.shape[1]


def test_holdout_comparison_matches_a_direct_split():
    r = tuning.holdout_comparison(D.X, D.y, ALPHAS, seed=7, n_splits=5)
    X_tr, X_te, y_tr, y_te = train_test_split(D.X, D.y, test_size=0.25, random_state=7)
    ols = LinearRegression().fit(X_tr, y_tr)
    assert r.test_mse["least squares"] == pytest.approx(np.mean((y_te - ols.predict(X_te)) ** 2))
    cv = LassoCV(
        alphas=ALPHAS, cv=KFold(5, shuffle=True, random_state=7), tol=1e-10, max_iter=100_000
    ).fit(X_tr, y_tr)
    assert r.alphas["lasso, alpha_min"] == cv.alpha_
    lasso = Lasso(alpha=cv.alpha_, tol=1e-10, max_iter=100_000).fit(X_tr, y_tr)
    assert r.test_mse["lasso, alpha_min"] == pytest.approx(
        np.mean((y_te - lasso.predict(X_te)) ** 2), rel=1e-5
    )
    assert r.n_features["lasso, alpha_min"] == int(np.sum(lasso.coef_ != 0.0))
    assert (r.n_train, r.n_test) == (331, 111)


def test_one_se_index_on_a_hand_example_and_validation():
    # minimum 5.0 at alpha 1, threshold 5.3: alphas 2 and 1 qualify, 3 does not
    assert tuning.one_se_index([3.0, 2.0, 1.0, 0.5], [9.0, 5.2, 5.0, 5.1], [0.3] * 4) == (2, 1)
    # increasing alphas give the same answer
    assert tuning.one_se_index([0.5, 1.0, 2.0, 3.0], [5.1, 5.0, 5.2, 9.0], [0.3] * 4) == (1, 2)
    with pytest.raises(ValueError, match="se"):
        tuning.one_se_index([1.0, 2.0], [1.0, 2.0], [0.1, -0.1])
    with pytest.raises(ValueError, match="alphas and mean"):
        tuning.one_se_index([1.0, 2.0], [1.0], [0.1, 0.1])
    with pytest.raises(ValueError, match="fold"):
        tuning.cv_curve([1.0, 2.0], [[1.0], [2.0]])
    with pytest.raises(ValueError, match="alphas"):
        tuning.lasso_cv(D.X, D.y, [1.0, 0.0])
    with pytest.raises(ValueError, match="n_splits"):
        tuning.lasso_cv(D.X, D.y, ALPHAS, n_splits=1)
    with pytest.raises(ValueError, match="ratio"):
        tuning.alpha_grid(D.X, D.y, ratio=1.0)
    with pytest.raises(ValueError, match="test_size"):
        tuning.holdout_comparison(D.X, D.y, ALPHAS, test_size=0.0)


def test_cv_figure_plots_the_curve(fitted):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lessonlib.display.figures.tuning import plot_cv_curve

    model, curve = fitted
    ax, d = plot_cv_curve(curve, n_nonzero=np.arange(curve.alphas.size))
    np.testing.assert_array_equal(d["mean"], model.mse_path_.mean(axis=1))
    assert d["alpha_min"] == model.alpha_
    assert d["threshold"] == pytest.approx(curve.mean.min() + curve.se[curve.i_min])
    assert ax.get_xscale() == "log" and ax.get_title().startswith("5-fold")
    with pytest.raises(ValueError, match="n_nonzero"):
        plot_cv_curve(curve, n_nonzero=[1, 2])
    plt.close("all")
