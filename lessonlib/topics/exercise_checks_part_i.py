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
