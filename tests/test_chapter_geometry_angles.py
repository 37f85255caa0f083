"""Issue 13 additions to the chapter "The geometry of sparsity": wedge angles, the
frequency by correlation and the elastic-net ball, each recomputed independently."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso

from lessonlib.display.figures.geometry import plot_enet_ball
from lessonlib.topics import geometry


def corner_share_brute_force(H, corner, n_dir=720, t=1.0):
    """Angle (degrees) of directions u for which min (w - a - u)^T H (w - a - u) over the
    diamond's boundary (a fine grid, no formula) is attained at the corner a."""
    s = np.linspace(0.0, 1.0, 4001)
    unit = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]) * t
    boundary = np.vstack([unit[k] + np.outer(s, unit[(k + 1) % 4] - unit[k]) for k in range(4)])
    a = unit[corner]
    hits = 0
    for phi in (np.arange(n_dir) + 0.5) * 2 * np.pi / n_dir:
        w_ols = a + 2 * t * np.array([np.cos(phi), np.sin(phi)])
        if np.abs(w_ols).sum() <= t:
            continue
        D = boundary - w_ols
        best = boundary[np.argmin(np.einsum("ki,ij,kj->k", D, H, D))]
        hits += np.linalg.norm(best - a) < 1e-9
    return 360.0 * hits / n_dir


def test_wedge_angles_of_the_chapter_hessian_by_brute_force():
    H = geometry.random_problems(1, n_samples=30, seed=9).hessian[0]
    angles = geometry.wedge_angles(H)
    assert angles.sum() == pytest.approx(360.0, abs=1e-9)
    assert round(angles[0]) == 103 and round(angles[1]) == 77  # the reviewer's numbers
    for corner in (0, 1):
        assert corner_share_brute_force(H, corner) == pytest.approx(angles[corner], abs=1.5)


def test_equal_norms_keep_right_angles_whatever_the_correlation():
    for rho in (-0.8, 0.3, 0.95):
        np.testing.assert_allclose(
            geometry.wedge_angles([[2.0, 2 * rho], [2 * rho, 2.0]]), 90.0, atol=1e-9
        )
    H = np.array([[2.0, 0.9], [0.9, 1.0]])
    assert corner_share_brute_force(H, 0) == pytest.approx(geometry.wedge_angles(H)[0], abs=1.5)


def test_frequency_by_correlation_against_sklearn():
    P = geometry.random_problems(60, n_samples=30, seed=0)
    edges = [0.0, 0.3, 0.6, 1.0]
    counts, freq = geometry.frequency_by_correlation(P, 0.5, edges)
    rho = np.array([np.corrcoef(X.T)[0, 1] for X in P.X])
    hits = []
    for X, y, w_ols in zip(P.X, P.y, P.w_ols):
        t = 0.5 * np.abs(w_ols).sum()
        # the penalised lasso whose solution has ||w||_1 = t: bisection on alpha, sklearn
        lo, hi = 0.0, np.max(np.abs(X.T @ y)) / len(y)
        for _ in range(40):
            mid = (lo + hi) / 2
            w = Lasso(alpha=mid, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y).coef_
            lo, hi = (mid, hi) if np.abs(w).sum() > t else (lo, mid)
        w = Lasso(alpha=hi, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y).coef_
        hits.append(bool(np.any(np.abs(w) < 1e-9)))
    hits = np.array(hits)
    for i in range(3):
        inside = (np.abs(rho) >= edges[i]) & (np.abs(rho) < edges[i + 1])
        assert counts[i] == inside.sum()
        assert freq[i] == pytest.approx(hits[inside].mean(), abs=1.5 / inside.sum())


def test_enet_ball_corner_and_edges():
    import matplotlib.pyplot as plt

    _ax, d = plot_enet_ball(0.2)
    m = 0.2
    # boundary points satisfy the penalty equation
    b = d["boundaries"]["enet"]
    np.testing.assert_allclose(
        m * (b**2).sum(axis=1) + (1 - m) * np.abs(b).sum(axis=1), 1.0, atol=1e-9
    )
    # corner angle: 2 atan((1 + m) / (1 - m)) from the implicit derivative
    assert d["corner_angle"]["enet"] == pytest.approx(
        2 * np.degrees(np.arctan((1 + m) / (1 - m))), abs=0.1
    )
    assert d["corner_angle"]["l1"] == pytest.approx(90.0)
    # the diagonal point solves 2 m u^2 + 2 (1 - m) u = 1
    u = (-(1 - m) + np.sqrt((1 - m) ** 2 + 2 * m)) / (2 * m)
    assert d["edge_midpoint"][0] == pytest.approx(u, abs=1e-3) and u > 0.5
    with pytest.raises(ValueError, match="mix"):
        plot_enet_ball(1.0)
    plt.close("all")
