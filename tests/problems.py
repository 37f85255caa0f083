"""Problems the solver tests share: the standardised diabetes data, seeded random ones,
and the closeness they are judged by."""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_diabetes


def diabetes() -> tuple[np.ndarray, np.ndarray]:
    X, y = load_diabetes(return_X_y=True, scaled=False)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def random_problem(n: int, p: int, seed: int, rho: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian features with pairwise correlation rho, a sparse truth and noise."""
    rng = np.random.default_rng(seed)
    cov = np.full((p, p), rho) + (1 - rho) * np.eye(p)
    X = rng.standard_normal((n, p)) @ np.linalg.cholesky(cov).T + 3.0
    w = np.zeros(p)
    w[: min(p, 5)] = [2.0, -3.0, 1.5, 0.0, 4.0][: min(p, 5)]
    y = X @ w + 0.5 * rng.standard_normal(n) + 10.0
    return X, y


PROBLEMS = {
    "diabetes": diabetes,
    "n>p": lambda: random_problem(100, 10, seed=1),
    "n<p": lambda: random_problem(20, 50, seed=2),
    "correlated": lambda: random_problem(100, 10, seed=3, rho=0.95),
}


def close(ours: np.ndarray, ref: np.ndarray, rel: float) -> None:
    """All entries agree to ``rel`` relative to the largest reference entry."""
    scale = max(1.0, float(np.max(np.abs(ref))))
    np.testing.assert_allclose(ours, ref, rtol=0, atol=rel * scale)
