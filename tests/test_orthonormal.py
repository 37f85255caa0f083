"""lessonlib.topics.orthonormal: the design's properties and input checks."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib.topics import orthonormal


@pytest.mark.parametrize("n, p, seed", [(10, 1, 0), (50, 6, 1), (8, 7, 2)])
def test_design_is_centred_and_orthonormal(n, p, seed):
    X = orthonormal.orthonormal_design(n, p, seed=seed)
    assert X.shape == (n, p)
    np.testing.assert_allclose(X.T @ X, np.eye(p), atol=1e-12)
    np.testing.assert_allclose(X.sum(axis=0), 0.0, atol=1e-12)


def test_design_is_seeded():
    a = orthonormal.orthonormal_design(20, 3, seed=5)
    np.testing.assert_array_equal(a, orthonormal.orthonormal_design(20, 3, seed=5))
    assert not np.allclose(a, orthonormal.orthonormal_design(20, 3, seed=6))


def test_rules_by_hand():
    z = np.array([-3.0, -0.5, 0.0, 0.9, 2.0])
    assert orthonormal.lasso_orthonormal(z, 2.0).tolist() == [-2.0, 0.0, 0.0, 0.0, 1.0]
    assert orthonormal.ridge_orthonormal(z, 3.0).tolist() == [-0.75, -0.125, 0.0, 0.225, 0.5]
    assert orthonormal.best_subset_orthonormal(z, 0.81).tolist() == [-3.0, 0.0, 0.0, 0.0, 2.0]
    assert orthonormal.hard_threshold(z, 0.0).tolist() == [-3.0, -0.5, 0.0, 0.9, 2.0]


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: orthonormal.orthonormal_design(3, 3), "n_samples"),
        (lambda: orthonormal.orthonormal_design(5, 0), "n_features"),
        (lambda: orthonormal.hard_threshold([1.0], -1.0), "threshold"),
        (lambda: orthonormal.lasso_orthonormal([[1.0]], 1.0), "z"),
        (lambda: orthonormal.ridge_orthonormal([1.0], float("nan")), "lam"),
        (lambda: orthonormal.best_subset_orthonormal([1.0], -2.0), "lam0"),
        (lambda: orthonormal.best_subset_bruteforce(np.ones((4, 2)), np.ones(3), 1.0), "X and y"),
        (lambda: orthonormal.best_subset_bruteforce(np.ones((4, 21)), np.ones(4), 1.0), "20"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()
