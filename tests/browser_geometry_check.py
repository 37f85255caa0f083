"""The geometry explorer (lessonlib.display.charts.geometry) checked where it is drawn.

:func:`check_geometry_chart_at` reads what a chart's Vega view draws in a real
browser (Playwright) and compares it with the constrained solutions computed
here, by methods that are not lessonlib's: the lasso by enumerating the KKT
candidates of the diamond (Lagrange multipliers with ``H^{-1}``), the ridge
by finding where the loss's derivative along the circle vanishes (SciPy's
``brentq``). ``tests/test_charts_geometry.py`` uses the same solvers on the
chart's embedded data evaluated in Python. Nothing here imports lessonlib.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from vega_view import drawn


def hessian(h11: float, h22: float, rho: float) -> np.ndarray:
    off = rho * np.sqrt(h11 * h22)
    return np.array([[h11, off], [off, h22]])


def loss(w, w_ols, H) -> float:
    d = np.asarray(w, float) - w_ols
    return float(d @ H @ d)


def lasso_kkt(w_ols, H, t: float) -> np.ndarray:
    """min (w - w_ols)^T H (w - w_ols) s.t. |w1| + |w2| <= t, by the KKT
    candidates: the inside point, the four corners, and on each edge
    ``s . w = t`` (signs s) the stationary point ``w_ols - mu H^{-1} s``,
    kept only where its signs are s."""
    w_ols = np.asarray(w_ols, float)
    if t == 0.0:
        return np.zeros(2)
    if np.abs(w_ols).sum() <= t:
        return w_ols.copy()
    cands = [np.array(c, float) for c in ((t, 0.0), (0.0, t), (-t, 0.0), (0.0, -t))]
    Hinv = np.linalg.inv(H)
    for s in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        s = np.array(s, float)
        mu = (s @ w_ols - t) / (s @ Hinv @ s)
        w = w_ols - mu * Hinv @ s
        if mu >= 0 and np.all(w * s > 0):
            cands.append(w)
    return min(cands, key=lambda w: loss(w, w_ols, H))


def ridge_circle(w_ols, H, t: float) -> np.ndarray:
    """min (w - w_ols)^T H (w - w_ols) s.t. ||w||_2 <= t: on the circle
    ``t (cos p, sin p)`` where the derivative in p vanishes (bracketed on a
    grid of 3600 angles around the smallest loss, then brentq)."""
    w_ols = np.asarray(w_ols, float)
    if t == 0.0:
        return np.zeros(2)
    if np.linalg.norm(w_ols) <= t:
        return w_ols.copy()

    def on(p: float) -> np.ndarray:
        return t * np.array([np.cos(p), np.sin(p)])

    def slope(p: float) -> float:
        return float(t * np.array([-np.sin(p), np.cos(p)]) @ H @ (on(p) - w_ols))

    ps = np.linspace(-np.pi, np.pi, 3601)
    k = int(np.argmin([loss(on(p), w_ols, H) for p in ps]))
    lo, hi = ps[max(k - 1, 0)], ps[min(k + 1, ps.size - 1)]
    p = brentq(slope, lo, hi, xtol=1e-15, rtol=1e-15, maxiter=200)
    return on(p)


def check_drawn(datasets: list[list[dict]], t: float, rho: float) -> None:
    """What the view draws at (t, rho) against the solvers above, to 1e-9:
    the solutions, the two contours and the header's words."""
    (ols,) = [d for d in datasets if "h11" in d[0]]
    w_ols = np.array([ols[0]["x"], ols[0]["y"]])
    H = hessian(ols[0]["h11"], ols[0]["h22"], rho)
    # the grid's row at the sliders (the grid itself is also a dataset)
    states = [d for d in datasets if "a1" in d[0] and (len(d) == 1 or "k" in d[0])]
    ((_i, j),) = {(p["i"], p["j"]) for d in states for p in d}
    row = states[0][0]
    lasso, ridge = lasso_kkt(w_ols, H, t), ridge_circle(w_ols, H, t)
    a, r = np.array([row["a1"], row["a2"]]), np.array([row["r1"], row["r2"]])
    np.testing.assert_allclose(a, lasso, rtol=0, atol=1e-9)
    np.testing.assert_allclose(r, ridge, rtol=0, atol=1e-9)
    assert list(a == 0.0) == list(lasso == 0.0), "exact zeros, and only there"
    # the drawn points are the solutions
    points = {(d[0]["x"], d[0]["y"]) for d in states if len(d) == 1 and "x" in d[0]}
    assert points == {tuple(a), tuple(r)}, points
    # each contour is the level set of the loss through its solution
    # (one dataset when both are the same, e.g. both (0, 0) at t = 0)
    contours = [d for d in states if "k" in d[0] and "x" in d[0]]
    levels = {d[0]["c"] for d in contours}
    assert len(contours) in (1, 2) and len(levels) == len(contours)
    assert {d[0]["c"] for d in contours} == {row["cl"], row["cr"]}
    assert [row["cl"], row["cr"]] == pytest.approx(
        [loss(a, w_ols, H), loss(r, w_ols, H)], rel=1e-9, abs=1e-12
    )
    for d in contours:
        assert len(d) == 97
        for p in d:
            assert loss([p["x"], p["y"]], w_ols, H) == pytest.approx(p["c"], rel=1e-9, abs=1e-12)
    # the header says which lasso coordinate is exactly zero
    (line,) = {p["text1"] for d in states for p in d if "text1" in p}
    for j in (0, 1):
        said = f"w{j + 1} = 0 exactly" in line
        assert said == (a[j] == 0.0 and a[1 - j] != 0.0), line
    assert ("w1 = w2 = 0" in line) == bool(np.all(a == 0.0)), line


def check_geometry_chart_at(chart) -> float:
    """The drawn lasso and ridge solutions, contours and header at the
    sliders' (t, rho) equal the solutions computed here, to 1e-9.

    Parameters
    ----------
    chart : playwright Locator
        The ``.lesson-chart`` element, after its view has run.

    Returns
    -------
    float
        The budget slider's value ``t``.
    """
    signals, datasets = drawn(chart)
    t, rho = float(signals["t"]), float(signals["rho"])
    check_drawn(datasets, t, rho)
    return t
