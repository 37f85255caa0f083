"""The checks that moved into ``lessonlib._validation`` (issue 14): one copy, clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib._validation import (
    check_choice,
    check_coef,
    check_nonnegative_vector,
    check_penalties,
    check_tolerance,
    check_Xy,
)


def test_check_tolerance() -> None:
    assert check_tolerance(np.array(1e-8), "tol") == 1e-8
    for bad, error in [
        (0.0, ValueError),
        (-1.0, ValueError),
        (np.inf, ValueError),
        (np.nan, ValueError),
        (True, TypeError),
        ("1e-3", TypeError),
    ]:
        with pytest.raises(error, match="tol"):
            check_tolerance(bad, "tol")


def test_check_nonnegative_vector_and_penalties() -> None:
    v = [0.0, 2.5, 1.0]
    assert check_nonnegative_vector(v, "alphas").tolist() == v
    with pytest.raises(ValueError, match=r"alphas must be >= 0, got -0.5"):
        check_nonnegative_vector([1.0, -0.5, -2.0], "alphas")  # the first offender
    with pytest.raises(ValueError, match="alphas must be finite"):
        check_nonnegative_vector([1.0, np.nan], "alphas")
    assert check_penalties(np.array(3.0), "lam") == 3.0
    assert isinstance(check_penalties(3, "lam"), float)
    assert check_penalties([1, 2], "lam").tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="lam"):
        check_penalties(-1.0, "lam")
    with pytest.raises(ValueError, match="lam"):
        check_penalties([1.0, -1.0], "lam")


def test_check_choice() -> None:
    assert check_choice("l1", "penalty", ("l1", "l2")) == "l1"
    with pytest.raises(ValueError, match=r"penalty must be one of \('l1', 'l2'\), got 'L1'"):
        check_choice("L1", "penalty", ("l1", "l2"))
    with pytest.raises(TypeError, match="norm must be a string"):
        check_choice(1, "norm", ("l1", "l2"))


def test_check_Xy_and_coef() -> None:
    X, y = check_Xy([[1, 2], [3, 4], [5, 7]], [1, 0, 1])
    assert X.dtype == y.dtype == np.float64 and X.shape == (3, 2) and y.shape == (3,)
    source = np.ones((3, 2))
    assert check_Xy(source, np.ones(3))[0] is not source  # a copy the caller may modify
    with pytest.raises(ValueError, match="X and y must have the same length, got 3 and 2"):
        check_Xy(np.ones((3, 2)), np.ones(2))
    with pytest.raises(ValueError, match="X"):
        check_Xy(np.ones(3), np.ones(3))
    assert check_coef([1, 2], 2).tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match=r"w0 must have one entry per column of X \(3\), got 2"):
        check_coef([1, 2], 3, "w0")
