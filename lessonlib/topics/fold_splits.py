"""How the cross-validated lasso's choice depends on the split into folds.

One job: repeat the same K-fold cross-validation of the lasso with differently shuffled
folds, and report for each split the alpha with the smallest mean error and how many
features the lasso keeps there (used by the chapter "Real data: ridge shrinks, lasso
selects"). Each cross-validation is :func:`lessonlib.tuning.lasso_cv` (scikit-learn's
``LassoCV`` with ``KFold(n_splits, shuffle=True, random_state=seed)`` on a given grid);
the features are counted on the exact lasso path of all the data
(:func:`lessonlib.path.lasso_path`), so a dropped feature is a true ``0.0``. Everything is
seeded: a chapter re-run prints the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import check_positive_int, check_seed, check_Xy
from lessonlib.path import lasso_path
from lessonlib.tuning import lasso_cv

__all__ = ["FoldSplitChoices", "cv_over_fold_splits"]


@dataclass(frozen=True)
class FoldSplitChoices:
    """The minimum-error alpha of one cross-validation per fold split.

    Attributes
    ----------
    seeds : numpy.ndarray of int, shape (k,)
        The ``random_state`` of each split's shuffled ``KFold``.
    alpha_min : numpy.ndarray of shape (k,)
        For each split, the alpha of the grid with the smallest mean cross-validation
        error.
    n_features : numpy.ndarray of int, shape (k,)
        The number of non-zero coefficients of the lasso fitted to all the data at that
        alpha.
    """

    seeds: np.ndarray
    alpha_min: np.ndarray
    n_features: np.ndarray


def cv_over_fold_splits(
    X: ArrayLike, y: ArrayLike, alphas: ArrayLike, seeds: ArrayLike, *, n_splits: int = 10
) -> FoldSplitChoices:
    """Cross-validate the lasso once per fold split; its choice and feature count for each.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like
        The grid of alphas (scikit-learn's scaling), all > 0, e.g.
        :func:`lessonlib.tuning.alpha_grid`.
    seeds : array_like of int, shape (k,)
        One ``KFold(shuffle=True)`` ``random_state`` per split, each in
        ``[0, 2**32 - 1]``; at least one.
    n_splits : int, default=10
        Number of folds, between 2 and n.

    Returns
    -------
    FoldSplitChoices

    Examples
    --------
    >>> from lessonlib.data import load_diabetes_standardized
    >>> from lessonlib.tuning import alpha_grid
    >>> d = load_diabetes_standardized()
    >>> c = cv_over_fold_splits(d.X, d.y, alpha_grid(d.X, d.y, n_alphas=20), [0, 1], n_splits=5)
    >>> c.seeds.tolist(), c.n_features.shape
    ([0, 1], (2,))
    """
    X, y = check_Xy(X, y)
    n_splits = check_positive_int(n_splits, "n_splits")
    seed_list = np.atleast_1d(np.asarray(seeds, dtype=object))
    if seed_list.ndim != 1 or seed_list.size == 0:
        raise ValueError("seeds must be a non-empty 1-D sequence of ints")
    checked = [check_seed(s, "seeds") for s in seed_list]
    chosen = np.array(
        [lasso_cv(X, y, alphas, n_splits=n_splits, seed=s)[1].alpha_min for s in checked]
    )
    coefs = lasso_path(X, y, chosen)[0]
    return FoldSplitChoices(
        seeds=np.array(checked, dtype=int),
        alpha_min=chosen,
        n_features=np.sum(coefs != 0.0, axis=1).astype(int),
    )
