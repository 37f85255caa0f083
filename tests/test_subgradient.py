"""lessonlib.subgradient.step_search, judged by runs and gaps computed here."""

from __future__ import annotations

import numpy as np
import pytest

from lessonlib import solvers, subgradient


def problem():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 6))
    y = X @ np.array([2.0, 0.0, -1.0, 0.0, 0.0, 0.5]) + 0.3 * rng.standard_normal(60)
    return X, y


def test_best_step_has_the_smallest_gap():
    X, y = problem()
    factors = [0.1, 1.0, 3.0]
    res = subgradient.step_search(X, y, 0.2, factors, n_iter=300)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    L = np.linalg.eigvalsh(Xc.T @ Xc / 60).max()
    gaps = []
    for f in factors:
        w = solvers.subgradient_descent(X, y, 0.2, step=f / L, n_iter=300).coef
        r = yc - Xc @ w
        s = min(1.0, 0.2 / np.max(np.abs(Xc.T @ r / 60)))
        primal = r @ r / 120 + 0.2 * np.abs(w).sum()
        dual = (yc @ yc - (yc - s * r) @ (yc - s * r)) / 120
        gaps.append(primal - dual)
    np.testing.assert_allclose(res.gaps, gaps, rtol=1e-8, atol=1e-12)
    assert res.best_factor == factors[int(np.argmin(gaps))]
    assert res.best.gap == pytest.approx(min(gaps), rel=1e-8)
    assert res.best.history["coef"].shape == (300, 6)


def test_diverging_steps_are_skipped():
    X, y = problem()
    res = subgradient.step_search(X, y, 0.2, [1.0, 1e200], n_iter=50)
    assert np.isinf(res.gaps[1]) and res.best_factor == 1.0
    with pytest.raises(ValueError, match="diverged"):
        subgradient.step_search(X, y, 0.2, [1e200], n_iter=50)


def test_bad_input():
    X, y = problem()
    with pytest.raises(ValueError, match="factors"):
        subgradient.step_search(X, y, 0.2, [0.0])
    with pytest.raises(ValueError, match="alpha"):
        subgradient.step_search(X, y, 0.0, [1.0])
    with pytest.raises(TypeError, match="n_iter"):
        subgradient.step_search(X, y, 0.2, [1.0], n_iter=2.5)
    with pytest.raises(ValueError, match="L = 0"):
        subgradient.step_search(np.ones((5, 2)), np.arange(5.0), 0.2, [1.0])
