"""lessonlib.topics.irrepresentable against the quantity computed by hand and with a
pseudo-inverse."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib.topics.irrepresentable import irrepresentable_values


def test_two_features_by_hand():
    # S = {0}, one feature outside: C_10 / C_00 * sign, written out with plain sums
    rng = np.random.default_rng(4)
    x0 = rng.standard_normal(40)
    x1 = 0.7 * x0 + rng.standard_normal(40)
    c0, c1 = x0 - x0.mean(), x1 - x1.mean()
    by_hand = abs(sum(c1 * c0) / sum(c0 * c0))
    X = np.column_stack([x0, x1])
    assert irrepresentable_values(X, [0], [-1.0])[0] == pytest.approx(by_hand, rel=1e-12)
    # standardised columns: the value is the absolute sample correlation
    Z = (X - X.mean(0)) / X.std(0)
    assert irrepresentable_values(Z, [0], [1.0])[0] == pytest.approx(
        abs(np.corrcoef(x0, x1)[0, 1]), rel=1e-12
    )


def test_against_a_pseudo_inverse():
    # X_{S^c}^T X_S (X_S^T X_S)^{-1} s = X_{S^c}^T (X_S^+)^T s, with the pseudo-inverse
    rng = np.random.default_rng(5)
    X = rng.standard_normal((50, 6))
    X[:, 4] += X[:, 0] + X[:, 1]  # a feature well represented by the support
    S, s = [0, 1, 2], np.array([1.0, 1.0, -1.0])
    Xc = X - X.mean(0)
    ref = np.abs(Xc[:, [3, 4, 5]].T @ np.linalg.pinv(Xc[:, S]).T @ s)
    got = irrepresentable_values(X, S, s)
    assert np.allclose(got, ref, rtol=1e-10)
    assert got[1] > 1.0 > got[0]  # feature 4 violates the condition, feature 3 does not


def test_order_of_the_support_does_not_matter():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((30, 4))
    a = irrepresentable_values(X, [2, 0], [1.0, -1.0])
    b = irrepresentable_values(X, [0, 2], [-1.0, 1.0])
    assert np.allclose(a, b, rtol=1e-12)


@pytest.mark.parametrize(
    "support, signs, match",
    [
        ([], [], "support"),
        ([0, 0], [1, 1], "support"),
        ([0, 1, 2], [1, 1, 1], "support"),
        ([5], [1], "support"),
        ([0.5], [1], "support"),
        ([0], [0.5], "signs"),
        ([0], [1, 1], "signs"),
    ],
)
def test_bad_input_is_named(support, signs, match):
    X = np.random.default_rng(0).standard_normal((10, 3))
    with pytest.raises(ValueError, match=match):
        irrepresentable_values(X, support, signs)


def test_singular_support_is_refused():
    X = np.random.default_rng(0).standard_normal((10, 3))
    X[:, 1] = 2 * X[:, 0]
    with pytest.raises(ValueError, match="X"):
        irrepresentable_values(X, [0, 1], [1, 1])
