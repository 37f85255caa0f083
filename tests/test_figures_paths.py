"""lessonlib.display.figures.paths (and _common's zero circles): coefficient paths, as drawn.

The paths are scikit-learn's ``lasso_path`` on the diabetes data; each legend name must sit
next to its own feature's path, each open circle on an exact zero of that path, and only
there.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import lasso_path

from figure_view import curves, legend, markers, same_colour, xy
from lessonlib import data
from lessonlib.display import figures


@pytest.fixture(scope="module")
def diabetes():
    d = data.load_diabetes_standardized()
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    alpha_max = np.max(np.abs(Xc.T @ yc)) / yc.size
    grid = np.geomspace(alpha_max, alpha_max / 1e3, 30)
    alphas, coefs, _ = lasso_path(Xc, yc, alphas=grid, tol=1e-10, max_iter=10**6)
    return alphas, coefs.T, list(d.feature_names)  # coefs: (k, p)


def circled(ax, line) -> np.ndarray:
    """The open circles drawn in ``line``'s colour, as (x, y) rows."""
    mine = [c for c in markers(ax, "o") if same_colour(c.get_markeredgecolor(), line.get_color())]
    return np.vstack([xy(c) for c in mine]) if mine else np.empty((0, 2))


def test_each_legend_name_is_its_features_path(diabetes):
    alphas, coefs, names = diabetes
    shuffled = [names[j] for j in (3, 0, 9, 1, 8, 2, 7, 4, 6, 5)]
    cols = [names.index(n) for n in shuffled]
    ax, _ = figures.plot_coef_paths(alphas, coefs[:, cols], shuffled, title="diabetes")
    entries = legend(ax)
    assert list(entries) == shuffled
    for name, line in entries.items():
        np.testing.assert_array_equal(xy(line)[:, 0], alphas)
        np.testing.assert_array_equal(xy(line)[:, 1], coefs[:, names.index(name)])
    looks = {(ln.get_color(), ln.get_linestyle()) for ln in entries.values()}
    assert len(looks) == len(names)  # no two features share a colour and a dash
    assert ax.get_xscale() == "log" and ax.get_title() == "diabetes"
    assert ax.get_xlabel() == "penalty weight" and ax.get_ylabel() == "coefficient"


def test_circles_sit_on_the_exact_zeros_of_each_path(diabetes):
    alphas, coefs, names = diabetes
    ax, _ = figures.plot_coef_paths(alphas, coefs, names)
    assert np.all(coefs[0] == 0.0) and not np.all(coefs[-1] == 0.0)
    # features j and j + 7 share a colour (solid, then dashed): circles are compared per colour
    by_colour: dict[str, list] = {}
    for name, line in legend(ax).items():
        c = coefs[:, names.index(name)]
        zeros = [(a, 0.0) for a in alphas[c == 0.0]]
        by_colour.setdefault(line.get_color(), []).extend(zeros)
    for colour, zeros in by_colour.items():
        line = next(ln for ln in legend(ax).values() if ln.get_color() == colour)
        assert sorted(map(tuple, circled(ax, line))) == sorted(zeros)
    assert sum(len(m.get_xdata()) for m in markers(ax, "o")) == int(np.sum(coefs == 0.0))


def test_a_tiny_coefficient_is_not_circled():
    coefs = np.array([[0.0, 0.0], [1e-12, -0.0], [0.5, -1e-300], [1.0, 2.0]])
    ax, _ = figures.plot_coef_paths([4.0, 3.0, 2.0, 1.0], coefs, ["a", "b"], log_x=False)
    a, b = legend(ax).values()
    np.testing.assert_array_equal(circled(ax, a), [[4.0, 0.0]])
    np.testing.assert_array_equal(circled(ax, b), [[4.0, 0.0], [3.0, 0.0]])
    assert ax.get_xscale() == "linear"


def test_many_features_get_no_legend_and_every_path_is_drawn():
    rng = np.random.default_rng(0)
    coefs = rng.normal(size=(5, 13))
    ax, _ = figures.plot_coef_paths(np.arange(1.0, 6.0), coefs, [f"x{j}" for j in range(13)])
    assert ax.get_legend() is None
    drawn = [xy(ln)[:, 1] for ln in curves(ax) if len(ln.get_xdata()) == 5]
    for j in range(13):
        assert sum(np.array_equal(d, coefs[:, j]) for d in drawn) == 1


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="coefs must have one row per entry of alphas"):
        figures.plot_coef_paths([1.0, 2.0], [[1.0, 2.0]], ["a", "b"])
    with pytest.raises(ValueError, match="feature_names"):
        figures.plot_coef_paths([1.0], [[1.0, 2.0]], ["a"])
    with pytest.raises(ValueError, match="alphas must be > 0"):
        figures.plot_coef_paths([0.0, 1.0], [[1.0], [2.0]], ["a"])
    with pytest.raises(ValueError, match="alphas"):
        figures.plot_coef_paths([-1.0, 1.0], [[1.0], [2.0]], ["a"], log_x=False)
    with pytest.raises(TypeError, match="coefs"):
        figures.plot_coef_paths([1.0], [["x"]], ["a"])
