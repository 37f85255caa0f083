"""The checks of Part I's computational exercises (chapters 1 to 5; :mod:`lessonlib.exercises`).

One function per exercise, registered under the exercise's label: it computes the right
answer from the chapter's data and closed forms, so no answer is written here either.
"""

from __future__ import annotations

import numpy as np

from lessonlib import simple
from lessonlib.exercises import checker


@checker("ex-lasso-numbers")
def lasso_numbers() -> np.ndarray:
    """Chapter 4: the lasso slopes for S_xx = 10 and (S_xy, λ) of parts (a) to (d)."""
    parts = [(6.0, 4.0), (6.0, 14.0), (-6.0, 4.0), (6.0, 12.0)]
    return np.array([simple.lasso_slope(10.0, sxy, lam) for sxy, lam in parts], dtype=float)


@checker("ex-reg-scalings", n=60)
def reg_scalings() -> np.ndarray:
    """Chapter 1: the article's λ of scikit-learn's ``Lasso`` at three alphas, n = 60 rows."""
    from lessonlib import scale

    return np.array([scale.lasso_lambda(alpha, 60) for alpha in (0.05, 0.5, 2.0)])


@checker("ex-simple-numbers")
def simple_numbers() -> np.ndarray:
    """Chapter 2: slope and intercept of the least-squares line through five given points."""
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([2.0, 4.0, 5.0, 4.0, 5.0])
    return np.array(simple.ols_fit(x, y), dtype=float)


@checker("ex-ridge-fraction")
def ridge_fraction() -> np.ndarray:
    """Chapter 3: the λ at which the ridge slope keeps 20% and 10% of the least-squares slope."""
    from lessonlib import data

    x, y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, seed=0)
    s = simple.sufficient_stats(x, y)
    # the kept fraction S_xx / (S_xx + lam) equals phi at lam = S_xx (1 - phi) / phi
    return np.array([s.Sxx * (1.0 - phi) / phi for phi in (0.2, 0.1)])


@checker("ex-diabetes-half")
def diabetes_half() -> np.ndarray:
    """Chapter 5: the ridge alphas keeping half of the last and of the first principal
    direction of the centred diabetes features (the squared singular values)."""
    from lessonlib import data

    X = data.load_diabetes_standardized().X
    d = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return np.array([d[-1] ** 2, d[0] ** 2])
