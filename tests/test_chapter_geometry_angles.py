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
    # the book's gamma (scikit-learn's l1_ratio, penalty gamma |w| + (1 - gamma) / 2 w^2) with
    # the same ball: the ratio of square to absolute value agrees with ESL's m / (1 - m); in
    # that form the slope at (1, 0) is -1 / gamma, the angle the chapter derives with SymPy
    g = d["gamma"]
    assert (1 - g) / (2 * g) == pytest.approx(m / (1 - m), rel=1e-12)
    assert d["corner_angle"]["enet"] == pytest.approx(2 * np.degrees(np.arctan(1 / g)), abs=0.1)
    # the diagonal point solves 2 m u^2 + 2 (1 - m) u = 1
    u = (-(1 - m) + np.sqrt((1 - m) ** 2 + 2 * m)) / (2 * m)
    assert d["edge_midpoint"][0] == pytest.approx(u, abs=1e-3) and u > 0.5
    with pytest.raises(ValueError, match="mix"):
        plot_enet_ball(1.0)
    plt.close("all")


def _exact_corner(w_ols, H, t):
    """Which problems' L1-constrained solution is a corner, solved in the test: each of the
    diamond's four edges is a segment, and the quadratic (w - w_ols)^T H (w - w_ols) is
    minimised on a segment in closed form; the solution is a corner when the best segment's
    minimiser is one of its ends. Also returns the index (0..3) of that corner, else -1."""
    corners = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    best_val = np.full(len(t), np.inf)
    where = np.full(len(t), -1)
    for e in range(4):
        P0, P1 = t[:, None] * corners[e], t[:, None] * corners[(e + 1) % 4]
        D = P1 - P0
        num = np.einsum("ki,kij,kj->k", w_ols - P0, H, D)
        den = np.einsum("ki,kij,kj->k", D, H, D)
        s = np.clip(num / den, 0.0, 1.0)
        W = P0 + s[:, None] * D
        R = W - w_ols
        val = np.einsum("ki,kij,kj->k", R, H, R)
        better = val < best_val
        best_val[better] = val[better]
        where[better] = np.where(s[better] == 0.0, e, np.where(s[better] == 1.0, (e + 1) % 4, -1))
    return where


def _angles(H):
    """Opening angles at (t, 0) of every problem, from arctan2 of H^{-1}(1, +-1)."""
    Hinv = np.linalg.inv(H)
    a = np.einsum("kij,j->ki", Hinv, [1.0, 1.0])
    b = np.einsum("kij,j->ki", Hinv, [1.0, -1.0])
    return np.degrees(np.abs(np.arctan2(a[:, 1], a[:, 0]) - np.arctan2(b[:, 1], b[:, 0])))


def test_tilt_and_corner_shares_by_correlation_recomputed():
    """geo-freq-rho: the printed tilts and the shares at wide and narrow wedges, recomputed
    with the test's own angles and its own exact edge-by-edge solver."""
    import re

    import nbformat

    from toc import BOOK

    P = geometry.random_problems(2000, n_samples=30, seed=0)
    t = 0.5 * np.abs(P.w_ols).sum(axis=1)
    where = _exact_corner(P.w_ols, P.hessian, t)
    ang0 = _angles(P.hessian)
    ang = np.where(where % 2 == 0, ang0, 180.0 - ang0)  # opposite wedges are equal
    wide = (where >= 0) & (ang >= 90.0)
    narrow = (where >= 0) & (ang < 90.0)
    H = P.hessian
    rho = np.abs(H[:, 0, 1] / np.sqrt(H[:, 0, 0] * H[:, 1, 1]))
    nb = nbformat.read(BOOK / "geometry.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == "geo-freq-rho")
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    rows = re.findall(
        r"\[([\d.]+), ([\d.]+)\)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)°\s+([\d.]+)°"
        r"\s+([\d.]+)\s+([\d.]+)",
        text,
    )
    assert len(rows) == 3
    shares, ses = [], []
    for lo, hi, count, zero, se, med, p90, w, nw in rows:
        inside = (rho >= float(lo)) & (rho < float(hi))
        tilt = np.abs(ang0[inside] - 90.0)
        assert int(count) == inside.sum()
        corner = (where[inside] >= 0).astype(float)
        assert float(zero) == pytest.approx(corner.mean(), abs=6e-4)
        # the Monte Carlo standard error: sd of the 0/1 outcomes over sqrt(N)
        assert float(se) == pytest.approx(np.std(corner) / np.sqrt(corner.size), abs=6e-4)
        shares.append(corner.mean())
        ses.append(np.std(corner) / np.sqrt(corner.size))
        assert float(med) == pytest.approx(np.median(tilt), abs=0.06)
        assert float(p90) == pytest.approx(np.percentile(tilt, 90), abs=0.6)
        assert float(w) == pytest.approx(wide[inside].mean(), abs=6e-4)
        assert float(nw) == pytest.approx(narrow[inside].mean(), abs=6e-4)
    # "no detectable dependence": the largest difference, in standard errors of a difference
    hi_, lo_ = int(np.argmax(shares)), int(np.argmin(shares))
    z = (shares[hi_] - shares[lo_]) / np.hypot(ses[hi_], ses[lo_])
    line = re.search(r"largest difference between bins: ([\d.]+), ([\d.]+) standard", text)
    assert float(line.group(1)) == pytest.approx(shares[hi_] - shares[lo_], abs=6e-4)
    assert float(line.group(2)) == pytest.approx(z, abs=0.06) and z < 2


def test_equal_norms_give_the_regions_of_the_identity():
    """With equal column norms the corner regions do not depend on the correlation: every
    least-squares point has the same corner (or none) as with H = I."""
    rng = np.random.default_rng(3)
    w_ols = rng.normal(scale=2.0, size=(4000, 2))
    t = np.full(4000, 1.0)
    outside = np.abs(w_ols).sum(axis=1) > 1.0
    w_ols, t = w_ols[outside], t[outside]
    ref = _exact_corner(w_ols, np.broadcast_to(np.eye(2), (len(t), 2, 2)), t)
    for rho in (-0.9, -0.4, 0.5, 0.95):
        H = 3.0 * np.array([[1.0, rho], [rho, 1.0]])
        got = _exact_corner(w_ols, np.broadcast_to(H, (len(t), 2, 2)), t)
        assert np.array_equal(got, ref), rho


def test_corner_frequency_is_even_in_the_log_norm_ratio():
    """For least-squares directions spread evenly (budget half the L1 norm), the corner
    frequency is the same for H_11 / H_22 = r and 1 / r, and changes only to second order:
    a tilt of several degrees moves it far less than the tilt's own share of 360."""
    phi = (np.arange(200_000) + 0.5) * 2 * np.pi / 200_000
    w_ols = np.column_stack([np.cos(phi), np.sin(phi)])
    t = 0.5 * np.abs(w_ols).sum(axis=1)

    def freq(log_ratio, rho=0.6):
        r = np.exp(log_ratio)
        H = np.array([[r, rho * np.sqrt(r)], [rho * np.sqrt(r), 1.0]])
        return (_exact_corner(w_ols, np.broadcast_to(H, (len(t), 2, 2)), t) >= 0).mean()

    f0 = freq(0.0)
    for ell in (0.1, 0.2):
        assert freq(ell) == pytest.approx(freq(-ell), abs=2e-5)
    d1, d2 = abs(freq(0.1) - f0), abs(freq(0.2) - f0)
    tilt = abs(
        geometry.wedge_angles([[np.exp(0.2), 0.6 * np.exp(0.1)], [0.6 * np.exp(0.1), 1]])[0] - 90
    )
    assert tilt > 10 and d2 < 0.2 * tilt / 360
    assert d1 <= d2 / 2  # second order: halving the log ratio more than halves the change
