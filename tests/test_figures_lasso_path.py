"""lessonlib.display.figures.lasso_path: a lasso path with its knots, read from the Axes.

The path is scikit-learn's ``lars_path`` (method="lasso") on data made here; each drawn line,
its name at the end of the path, its exact-zero circles and the knot lines are checked
against it.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import lars_path

from figure_view import curves, markers, same_colour, vertical_at, xy
from lessonlib.display.figures import plot_path_with_knots

NAMES = ["a", "b", "c", "d"]


@pytest.fixture(scope="module")
def path():
    rng = np.random.default_rng(14)
    X = rng.standard_normal((40, 4))
    y = X @ np.array([2.0, -1.0, 0.0, 0.5]) + 0.3 * rng.standard_normal(40)
    alphas, _, coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")  # (p, k)
    return alphas, coefs, np.abs(coefs).sum(axis=0)


def test_each_line_is_its_features_path_named_at_its_end(path):
    _, coefs, l1 = path
    ax, _ = plot_path_with_knots(l1, coefs.T, NAMES, knots=l1)
    lines = [ln for ln in curves(ax) if ln.get_linestyle() not in ("None", "none", "")]
    assert len(lines) == len(NAMES)
    labels = {t.get_text(): t for t in ax.texts}
    assert sorted(labels) == sorted(NAMES)
    end = int(np.argmax(l1))  # the least penalised end of the path, on the right
    for j, name in enumerate(NAMES):
        (line,) = [ln for ln in lines if np.allclose(xy(ln)[:, 1], coefs[j], rtol=0, atol=1e-12)]
        np.testing.assert_allclose(xy(line)[:, 0], l1)
        label = labels[name]
        assert label.xy == pytest.approx((l1[end], coefs[j, end]))
        assert same_colour(label.get_color(), line.get_color())
        assert label.xy[0] == max(xy(line)[:, 0])


def test_exact_zeros_are_circled_in_their_lines_colour(path):
    _, coefs, l1 = path
    ax, out = plot_path_with_knots(l1, coefs.T, NAMES)
    lines = [ln for ln in curves(ax) if ln.get_linestyle() not in ("None", "none", "")]
    circles = markers(ax, "o")
    assert sum(len(c.get_xdata()) for c in circles) == int(np.sum(coefs == 0.0))
    for j in range(len(NAMES)):
        (line,) = [ln for ln in lines if np.allclose(xy(ln)[:, 1], coefs[j], atol=1e-12)]
        mine = [c for c in circles if same_colour(c.get_markeredgecolor(), line.get_color())]
        pts = np.vstack([xy(c) for c in mine]) if mine else np.empty((0, 2))
        np.testing.assert_array_equal(pts[:, 0], l1[coefs[j] == 0.0])
        assert np.all(pts[:, 1] == 0.0)
    np.testing.assert_array_equal(out["zero_mask"], coefs.T == 0.0)


def test_knots_are_dotted_vertical_lines_where_given(path):
    alphas, coefs, l1 = path
    knots = l1[1:-1]
    ax, _ = plot_path_with_knots(l1, coefs.T, NAMES, knots=knots, title="a path")
    np.testing.assert_array_equal(vertical_at(ax), knots)
    assert ax.get_xlabel() == "$\\|w\\|_1$" and ax.get_ylabel() == "coefficient"
    assert ax.get_title() == "a path"
    # against alpha instead: the path coordinate and the label are the caller's
    ax, _ = plot_path_with_knots(alphas, coefs.T, NAMES, xlabel="$\\alpha$")
    assert ax.get_xlabel() == "$\\alpha$" and vertical_at(ax) == []


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="feature_names"):
        plot_path_with_knots([0.0, 1.0, 3.0], [[0.0, 0.0], [1.0, 0.0], [2.0, 1.0]], ["a"])
