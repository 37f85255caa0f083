"""lessonlib.topics.fold_splits, judged by scikit-learn's LassoCV and Lasso run here.

For each fold seed the reference is scikit-learn's ``LassoCV`` on the grid built here from
alpha_max's definition, with ``KFold(n_splits, shuffle=True, random_state=seed)``; its
``alpha_`` is the minimum-error alpha, and the features kept are the non-zero coefficients
of scikit-learn's ``Lasso`` at that alpha on all the data, fitted to a tight tolerance.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, LassoCV
from sklearn.model_selection import KFold

from lessonlib.topics.fold_splits import cv_over_fold_splits


@pytest.fixture(scope="module")
def diabetes() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The diabetes data standardised here, and a 100-point grid from alpha_max down to
    1e-3 alpha_max, both independent of lessonlib."""
    bunch = load_diabetes(scaled=False)
    X = (bunch.data - bunch.data.mean(axis=0)) / bunch.data.std(axis=0)
    y = bunch.target.astype(float)
    a_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / y.size
    return X, y, a_max * 1e-3 ** (np.arange(100) / 99)


def sklearn_choice(X, y, grid, seed: int, n_splits: int) -> tuple[float, int]:
    folds = KFold(n_splits, shuffle=True, random_state=seed)
    cv = LassoCV(alphas=grid, cv=folds, tol=1e-8, max_iter=100_000).fit(X, y)
    coef = Lasso(alpha=cv.alpha_, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    return float(cv.alpha_), int(np.sum(np.abs(coef) > 1e-10))


def test_each_split_is_scikit_learns_lassocv(diabetes) -> None:
    X, y, grid = diabetes
    seeds = [0, 1, 5, 7]
    got = cv_over_fold_splits(X, y, grid, seeds, n_splits=10)
    assert got.seeds.tolist() == seeds
    for k, seed in enumerate(seeds):
        alpha, n_kept = sklearn_choice(X, y, grid, seed, 10)
        assert got.alpha_min[k] == pytest.approx(alpha, rel=1e-12)
        assert got.n_features[k] == n_kept
    # the splits disagree: the choice belongs to the split, not to the data alone
    assert len(set(got.alpha_min.tolist())) > 1 and len(set(got.n_features.tolist())) > 1


def test_other_folds_and_a_numpy_seed_array(diabetes) -> None:
    X, y, grid = diabetes
    got = cv_over_fold_splits(X, y, grid[::3], np.arange(2, 4), n_splits=5)
    for k, seed in enumerate([2, 3]):
        alpha, n_kept = sklearn_choice(X, y, grid[::3], seed, 5)
        assert got.alpha_min[k] == pytest.approx(alpha, rel=1e-12)
        assert got.n_features[k] == n_kept
    assert got.n_features.dtype.kind == "i" and got.seeds.dtype.kind == "i"


@pytest.mark.parametrize(
    "seeds, error, match",
    [
        ([], ValueError, "seeds must be a non-empty"),
        ([[0, 1]], ValueError, "seeds must be a non-empty 1-D"),
        ([0, 1.5], TypeError, "seeds must be an int"),
        ([0, -1], ValueError, "seeds must be >= 0"),
        ([True], TypeError, "seeds must be an int"),
    ],
)
def test_bad_seeds_are_named(diabetes, seeds, error, match) -> None:
    X, y, grid = diabetes
    with pytest.raises(error, match=match):
        cv_over_fold_splits(X, y, grid[:5], seeds)


def test_bad_data_and_folds_are_named(diabetes) -> None:
    X, y, grid = diabetes
    with pytest.raises(ValueError, match="n_splits"):
        cv_over_fold_splits(X, y, grid[:5], [0], n_splits=1)
    with pytest.raises(ValueError, match="alphas"):
        cv_over_fold_splits(X, y, -grid[:5], [0])
    with pytest.raises(ValueError, match="X and y"):
        cv_over_fold_splits(X, y[:-1], grid[:5], [0])
