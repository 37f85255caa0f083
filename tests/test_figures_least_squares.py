"""lessonlib.display.figures.least_squares: the fitted line and the SSE bowl, read from the Axes.

The line and the minimum are scikit-learn's ``LinearRegression``; the contours are checked
point by point against the sum of squared errors computed here.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from figure_view import entry, legend, xy
from lessonlib import data
from lessonlib.display.figures import plot_fitted_line, plot_sse_contours

X, Y = data.make_simple_regression(n=30, slope=-0.8, intercept=4.0, noise=1.5, seed=2)
FIT = LinearRegression().fit(X[:, None], Y)
M, B = float(FIT.coef_[0]), float(FIT.intercept_)


def sse(m: float, b: float) -> float:
    return float(np.sum((Y - m * X - b) ** 2))


def test_fitted_line_is_scikit_learns_through_the_means():
    ax, _ = plot_fitted_line(X, Y)
    assert len(legend(ax)) == 3
    np.testing.assert_array_equal(xy(entry(ax, "data")[1]), np.column_stack([X, Y]))
    text, line = entry(ax, "least squares")
    ends = xy(line)
    np.testing.assert_array_equal(ends[:, 0], [X.min(), X.max()])
    np.testing.assert_allclose(ends[:, 1], FIT.predict(ends[:, :1]), rtol=1e-12)
    assert f"y = {M:.3f}\\,x {B:+.3f}" in text
    _, centre = entry(ax, "\\bar x")
    (cx, cy) = xy(centre)[0]
    assert (cx, cy) == (pytest.approx(X.mean()), pytest.approx(Y.mean()))
    assert cy == pytest.approx(M * cx + B, rel=1e-12)  # the line passes through it
    assert ax.get_xlabel() == "$x$" and ax.get_ylabel() == "$y$"


def test_sse_contours_are_level_sets_of_the_sse_around_its_minimum():
    ax, _ = plot_sse_contours(X, Y)
    text, star = entry(ax, "minimum")
    (m, b) = xy(star)[0]
    assert (m, b) == (pytest.approx(M, rel=1e-12), pytest.approx(B, rel=1e-12))
    assert text == f"minimum, SSE = {sse(M, B):.2f}"
    (contours,) = [c for c in ax.collections if hasattr(c, "levels")]
    assert np.all(np.diff(contours.levels) > 0) and contours.levels[0] > sse(M, B)
    drawn = 0
    for level, path in zip(contours.levels, contours.get_paths()):
        for m_i, b_i in path.vertices:  # x is the slope, y the intercept
            assert sse(m_i, b_i) == pytest.approx(level, rel=1e-3)
        drawn += len(path.vertices)
        if len(path.vertices):  # a closed ellipse around the minimum
            lo, hi = path.vertices.min(axis=0), path.vertices.max(axis=0)
            assert lo[0] < m < hi[0] and lo[1] < b < hi[1]
    assert drawn > 100
    assert ax.get_xlabel() == "slope $m$" and ax.get_ylabel() == "intercept $b$"
    # the window is centred on the minimum
    assert np.mean(ax.get_xlim()) == pytest.approx(M) and np.mean(ax.get_ylim()) == pytest.approx(B)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="half_width"):
        plot_sse_contours(X, Y, half_width=(1.0, -1.0))
    with pytest.raises(ValueError, match="n_grid"):
        plot_sse_contours(X, Y, n_grid=2)
