"""Choosing the lasso's penalty by K-fold cross-validation (the "Choosing lambda" chapter).

Uses scikit-learn's scaling (several features): ``Lasso`` minimises
``1/(2n) ||y - Xw - c||^2 + alpha ||w||_1``. Cross-validation is scikit-learn's
``LassoCV`` with a seeded, shuffled ``KFold`` and an explicit grid of alphas; this module
summarises its per-fold errors (``mse_path_``) into a curve with standard errors and
applies the minimum rule and the one-standard-error rule (Hastie, Tibshirani and
Friedman, *The Elements of Statistical Learning*, sec. 7.10). scikit-learn is imported
inside the functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_entries,
    check_fraction,
    check_positive_int,
    check_same_length,
    check_seed,
)

__all__ = [
    "CVCurve",
    "HoldoutResult",
    "alpha_grid",
    "cv_curve",
    "holdout_comparison",
    "lasso_cv",
    "one_se_index",
    "resampled_se",
    "selected_features",
]


@dataclass(frozen=True)
class CVCurve:
    """Cross-validation error of the lasso along a grid of alphas.

    Attributes
    ----------
    alphas : numpy.ndarray of shape (n_alphas,)
        Decreasing, as ``LassoCV.alphas_``.
    fold_mse : numpy.ndarray of shape (n_alphas, n_folds)
        Mean squared error on each held-out fold (``LassoCV.mse_path_``).
    mean, se : numpy.ndarray of shape (n_alphas,)
        Mean over folds, and its standard error ``std(ddof=1) / sqrt(n_folds)``.
    i_min, i_1se : int
        Index of the smallest mean error, and of the largest alpha whose mean error is
        at most ``mean[i_min] + se[i_min]`` (the one-standard-error rule).
    """

    alphas: np.ndarray
    fold_mse: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    i_min: int
    i_1se: int

    @property
    def alpha_min(self) -> float:
        """The alpha with the smallest mean cross-validation error."""
        return float(self.alphas[self.i_min])

    @property
    def alpha_1se(self) -> float:
        """The largest alpha within one standard error of the minimum."""
        return float(self.alphas[self.i_1se])


def alpha_grid(
    X: ArrayLike, y: ArrayLike, *, n_alphas: int = 60, ratio: float = 1e-3
) -> np.ndarray:
    """A decreasing geometric grid from ``alpha_max`` down to ``ratio * alpha_max``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    n_alphas : int, default=60
        Number of grid points, >= 2.
    ratio : float, default=1e-3
        Smallest alpha as a fraction of ``alpha_max`` (in (0, 1)).

    Returns
    -------
    numpy.ndarray
        ``alpha_max * ratio ** (k / (n_alphas - 1))``, ``k = 0 .. n_alphas - 1``; the first
        entry is the smallest alpha at which every coefficient is zero
        (:func:`lessonlib.scale.alpha_max`, with an intercept).

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> alpha_grid(X, y, n_alphas=3, ratio=0.01)
    array([2.25  , 0.225 , 0.0225])
    """
    from lessonlib.scale import alpha_max

    n_alphas = check_positive_int(n_alphas, "n_alphas")
    if n_alphas < 2:
        raise ValueError(f"n_alphas must be >= 2, got {n_alphas}")
    check_entries((n_alphas,), "n_alphas")
    ratio = check_fraction(ratio, "ratio")
    if not 0 < ratio < 1:
        raise ValueError(f"ratio must be in (0, 1), got {ratio}")
    top = alpha_max(X, y)
    if top == 0:
        raise ValueError("alpha_max is 0 (y is constant or uncorrelated with every column)")
    return top * ratio ** (np.arange(n_alphas) / (n_alphas - 1))


def one_se_index(alphas: ArrayLike, mean: ArrayLike, se: ArrayLike) -> tuple[int, int]:
    """Indices of the minimum-error alpha and of the one-standard-error alpha.

    Parameters
    ----------
    alphas, mean, se : array_like of shape (n_alphas,)
        The grid (any order), mean CV error and its standard error at each alpha.

    Returns
    -------
    i_min, i_1se : int
        ``i_min = argmin(mean)`` (the first one on ties); ``i_1se`` is the index of the
        largest alpha with ``mean <= mean[i_min] + se[i_min]``.

    Examples
    --------
    >>> one_se_index([3.0, 2.0, 1.0, 0.5], [9.0, 5.2, 5.0, 5.1], [0.3, 0.3, 0.3, 0.3])
    (2, 1)
    """
    alphas = as_float_vector(alphas, "alphas")
    mean = as_float_vector(mean, "mean")
    se = as_float_vector(se, "se")
    check_same_length(alphas, mean, "alphas", "mean")
    check_same_length(alphas, se, "alphas", "se")
    if np.any(se < 0):
        raise ValueError("se must be >= 0")
    i_min = int(np.argmin(mean))
    within = np.flatnonzero(mean <= mean[i_min] + se[i_min])
    i_1se = int(within[np.argmax(alphas[within])])
    return i_min, i_1se


def cv_curve(alphas: ArrayLike, fold_mse: ArrayLike) -> CVCurve:
    """Summarise per-fold errors into a :class:`CVCurve` (mean, standard error, both rules).

    Parameters
    ----------
    alphas : array_like of shape (n_alphas,)
        ``LassoCV.alphas_``.
    fold_mse : array_like of shape (n_alphas, n_folds)
        ``LassoCV.mse_path_``; at least two folds.

    Returns
    -------
    CVCurve

    Examples
    --------
    >>> c = cv_curve([2.0, 1.0], [[4.0, 6.0], [3.0, 5.0]])
    >>> c.mean.tolist(), c.se.tolist(), c.alpha_min, c.alpha_1se
    ([5.0, 4.0], [1.0, 1.0], 1.0, 2.0)
    """
    alphas = as_float_vector(alphas, "alphas")
    fold_mse = as_float_matrix(fold_mse, "fold_mse")
    check_same_length(alphas, fold_mse, "alphas", "fold_mse")
    k = fold_mse.shape[1]
    if k < 2:
        raise ValueError(f"fold_mse must have at least 2 folds (columns), got {k}")
    mean = fold_mse.mean(axis=1)
    se = fold_mse.std(axis=1, ddof=1) / np.sqrt(k)
    i_min, i_1se = one_se_index(alphas, mean, se)
    return CVCurve(alphas, fold_mse, mean, se, i_min, i_1se)


def lasso_cv(
    X: ArrayLike, y: ArrayLike, alphas: ArrayLike, *, n_splits: int = 10, seed: int = 0
) -> tuple[object, CVCurve]:
    """Fit scikit-learn's ``LassoCV`` with seeded shuffled K-fold splits and summarise it.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like
        The grid of alphas (scikit-learn's scaling), all > 0.
    n_splits : int, default=10
        Number of folds, >= 2.
    seed : int, default=0
        ``random_state`` of ``KFold(shuffle=True)``, an int in ``[0, 2**32 - 1]``.

    Returns
    -------
    model : sklearn.linear_model.LassoCV
        Fitted; ``model.coef_`` is the lasso on all the data at ``model.alpha_``.
    curve : CVCurve

    Examples
    --------
    >>> from lessonlib.data import load_diabetes_standardized
    >>> d = load_diabetes_standardized()
    >>> model, curve = lasso_cv(d.X, d.y, alpha_grid(d.X, d.y, n_alphas=20), n_splits=5)
    >>> bool(curve.alpha_min == model.alpha_), curve.alpha_1se >= curve.alpha_min
    (True, True)
    """
    from sklearn.linear_model import LassoCV
    from sklearn.model_selection import KFold

    X = as_float_matrix(X, "X", min_rows=2)
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    alphas = as_float_vector(alphas, "alphas")
    if np.any(alphas <= 0):
        raise ValueError("alphas must all be > 0")
    n_splits = check_positive_int(n_splits, "n_splits")
    if not 2 <= n_splits <= X.shape[0]:
        raise ValueError(f"n_splits must be between 2 and n = {X.shape[0]}, got {n_splits}")
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=check_seed(seed))
    model = LassoCV(alphas=alphas, cv=folds, tol=1e-8, max_iter=100_000).fit(X, y)
    # one row per alpha (scikit-learn drops the alpha axis of a one-alpha grid)
    fold_mse = np.reshape(model.mse_path_, (model.alphas_.size, n_splits))
    return model, cv_curve(model.alphas_, fold_mse)


def resampled_se(
    differences: ArrayLike, *, n_train: int | None = None, n_test: int | None = None
) -> float:
    """Standard error of the mean of per-split differences, naive or corrected for overlap.

    Parameters
    ----------
    differences : array_like of shape (J,)
        One difference of test errors (model minus reference) per split, ``J >= 2``.
    n_train, n_test : int, optional
        Sizes of each split's training and test sets. Given both, the standard error is
        corrected for splits drawn from one data set (Nadeau and Bengio, 2003); else it is
        the naive ``sd / sqrt(J)``, valid for independent replicates.

    Returns
    -------
    float
        ``sd * sqrt(1/J + n_test/n_train)`` (corrected) or ``sd * sqrt(1/J)`` (naive), with
        ``sd`` the sample standard deviation (divisor ``J - 1``).

    Notes
    -----
    Random splits of one data set share most of their training points, so their
    differences are positively correlated and ``sd / sqrt(J)`` is too small however large
    ``J``. Nadeau and Bengio's corrected resampled t-test models that correlation as
    ``n_test / n_train`` and adds it to ``1 / J``.

    Examples
    --------
    >>> d = [1.0, 3.0, 2.0, 4.0]
    >>> round(resampled_se(d), 4), round(resampled_se(d, n_train=300, n_test=100), 4)
    (0.6455, 0.986)
    """
    d = as_float_vector(differences, "differences", min_length=2)
    factor = 1.0 / d.size
    if (n_train is None) != (n_test is None):
        raise ValueError("n_train and n_test must be given together, or neither")
    if n_train is not None and n_test is not None:
        factor += check_positive_int(n_test, "n_test") / check_positive_int(n_train, "n_train")
    return float(np.std(d, ddof=1) * np.sqrt(factor))


def selected_features(X: ArrayLike, y: ArrayLike, alpha: float) -> np.ndarray:
    """Boolean mask of the features with a non-zero lasso coefficient at ``alpha``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alpha : float
        Lasso penalty weight in scikit-learn's scaling (> 0).

    Returns
    -------
    numpy.ndarray of bool, shape (p,)

    The lasso is scikit-learn's ``Lasso`` (with an intercept) on all of ``X, y``; the
    test is ``coef != 0.0``, an exact zero test.

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0], [3.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 5.0, 6.0])
    >>> selected_features(X, y, 1.0).tolist()
    [True, False]
    """
    from sklearn.linear_model import Lasso

    from lessonlib._validation import check_penalty

    X = as_float_matrix(X, "X")
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    alpha = check_penalty(alpha, "alpha", allow_zero=False)
    coef = Lasso(alpha=alpha, tol=1e-8, max_iter=100_000).fit(X, y).coef_
    return coef != 0.0


@dataclass(frozen=True)
class HoldoutResult:
    """Test-set errors of several models fitted on a training set.

    Attributes
    ----------
    test_mse : dict
        Model name -> mean squared error on the test set.
    n_features : dict
        Model name -> number of non-zero coefficients (exact zero test).
    alphas : dict
        ``"lasso, alpha_min"``, ``"lasso, alpha_1se"``, ``"ridge (RidgeCV)"`` -> the
        penalty chosen on the training set (scikit-learn's scaling).
    n_train, n_test : int
    """

    test_mse: dict
    n_features: dict
    alphas: dict
    n_train: int
    n_test: int


def holdout_comparison(
    X: ArrayLike,
    y: ArrayLike,
    alphas: ArrayLike,
    *,
    test_size: float = 0.25,
    seed: int = 0,
    n_splits: int = 10,
    ridge_alphas: ArrayLike | None = None,
) -> HoldoutResult:
    """Split once, choose penalties by CV on the training part, and score on the test part.

    Models: least squares (``LinearRegression``), the lasso at the training set's
    ``alpha_min`` and ``alpha_1se`` (from :func:`lasso_cv`), and ridge with its alpha
    chosen by ``RidgeCV`` (efficient leave-one-out) on ``ridge_alphas``.

    Parameters
    ----------
    X : array_like of shape (n, p)
        Features.
    y : array_like of shape (n,)
        Response.
    alphas : array_like
        Lasso grid for the cross-validation.
    test_size : float, default=0.25
        Fraction held out, in (0, 1).
    seed : int, default=0
        ``random_state`` of both ``train_test_split`` and the K-fold shuffle, an int in
        ``[0, 2**32 - 1]``.
    n_splits : int, default=10
        Number of cross-validation folds (>= 2).
    ridge_alphas : array_like, optional
        Ridge grid; default ``numpy.logspace(-3, 4, 71)``.

    Returns
    -------
    HoldoutResult

    Examples
    --------
    >>> from lessonlib.data import load_diabetes_standardized
    >>> d = load_diabetes_standardized()
    >>> r = holdout_comparison(d.X, d.y, alpha_grid(d.X, d.y, n_alphas=20), n_splits=5)
    >>> sorted(r.test_mse), r.n_features["least squares"]
    (['lasso, alpha_1se', 'lasso, alpha_min', 'least squares', 'ridge (RidgeCV)'], 10)
    """
    from sklearn.linear_model import Lasso, LinearRegression, RidgeCV
    from sklearn.model_selection import train_test_split

    X = as_float_matrix(X, "X", min_rows=4)
    y = as_float_vector(y, "y")
    check_same_length(X, y, "X", "y")
    test_size = check_fraction(test_size, "test_size")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be in (0, 1), got {test_size}")
    seed = check_seed(seed)
    r_alphas = (
        np.logspace(-3, 4, 71)
        if ridge_alphas is None
        else as_float_vector(ridge_alphas, "ridge_alphas")
    )
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=seed)
    lasso_model, curve = lasso_cv(X_tr, y_tr, alphas, n_splits=n_splits, seed=seed)
    models = {
        "least squares": LinearRegression().fit(X_tr, y_tr),
        "ridge (RidgeCV)": RidgeCV(alphas=r_alphas).fit(X_tr, y_tr),
        "lasso, alpha_min": lasso_model,
        "lasso, alpha_1se": Lasso(alpha=curve.alpha_1se, tol=1e-8, max_iter=100_000).fit(
            X_tr, y_tr
        ),
    }
    test_mse = {k: float(np.mean((y_te - m.predict(X_te)) ** 2)) for k, m in models.items()}
    n_features = {k: int(np.sum(m.coef_ != 0.0)) for k, m in models.items()}
    chosen = {
        "lasso, alpha_min": curve.alpha_min,
        "lasso, alpha_1se": curve.alpha_1se,
        "ridge (RidgeCV)": float(models["ridge (RidgeCV)"].alpha_),
    }
    return HoldoutResult(test_mse, n_features, chosen, int(y_tr.size), int(y_te.size))
