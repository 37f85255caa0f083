"""Tests of what the chapters "Simple linear regression" and "The ridge slope" add to lessonlib.

Every reference is independent of lessonlib's closed forms: NumPy's polyfit,
scikit-learn, SymPy, or brute force.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lessonlib import data  # noqa: E402
from lessonlib.figures import least_squares  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def xy():
    return data.make_simple_regression(n=25, slope=-1.5, intercept=4.0, noise=2.0, seed=3)


# ------------------------------------------------------------------ least_squares figures
def test_fitted_line_matches_polyfit_and_passes_through_means(xy):
    x, y = xy
    _, d = least_squares.plot_fitted_line(x, y)
    m_ref, b_ref = np.polyfit(x, y, 1)
    assert d["m"] == pytest.approx(m_ref, rel=1e-10)
    assert d["b"] == pytest.approx(b_ref, rel=1e-10)
    assert d["centre"] == pytest.approx((x.mean(), y.mean()))
    assert d["line_y"] == pytest.approx(m_ref * d["line_x"] + b_ref)


def test_sse_contours_grid_is_the_brute_force_sse(xy):
    x, y = xy
    _, d = least_squares.plot_sse_contours(x, y, n_grid=41)
    M, B = np.meshgrid(d["m"], d["b"])
    brute = ((y[None, None, :] - M[..., None] * x - B[..., None]) ** 2).sum(axis=-1)
    np.testing.assert_allclose(d["sse"], brute, rtol=1e-12)
    # the minimiser is inside the window and no grid point beats it
    m_ref, b_ref = np.polyfit(x, y, 1)
    assert d["m"][0] < m_ref < d["m"][-1] and d["b"][0] < b_ref < d["b"][-1]
    assert d["sse"].min() >= d["sse_min"] - 1e-9
    assert d["sse_min"] == pytest.approx(((y - m_ref * x - b_ref) ** 2).sum(), rel=1e-10)


def test_sse_contours_default_window_holds_closed_level_sets(xy):
    x, y = xy
    _, d = least_squares.plot_sse_contours(x, y, n_grid=81)
    # the level SSE_min + 2*level is a closed ellipse: the border of the window lies above it
    level = max(d["sse_min"], ((y - y.mean()) ** 2).sum() / 100)
    border = np.concatenate([d["sse"][0], d["sse"][-1], d["sse"][:, 0], d["sse"][:, -1]])
    assert border.min() > d["sse_min"] + 2 * level


def test_sse_contours_checks_its_arguments(xy):
    x, y = xy
    with pytest.raises(ValueError, match="half_width"):
        least_squares.plot_sse_contours(x, y, half_width=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_grid"):
        least_squares.plot_sse_contours(x, y, n_grid=2)
    with pytest.raises(ValueError, match="x is constant"):
        least_squares.plot_fitted_line([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
