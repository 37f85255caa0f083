"""lessonlib.display.figures.real_data: ridge and lasso paths side by side, as drawn.

Each panel's lines are scikit-learn's ``Ridge`` and ``lasso_path`` on the diabetes data; each
panel's axis must name its own estimator's penalty scale, and the one legend the features.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Ridge, lasso_path

from figure_view import legend, markers, xy
from lessonlib import data
from lessonlib.display.figures import plot_ridge_lasso_paths


@pytest.fixture(scope="module")
def drawn():
    d = data.load_diabetes_standardized()
    names = list(d.feature_names)
    ridge_alphas = np.geomspace(0.1, 1e5, 25)
    ridge = np.array([Ridge(alpha=a).fit(d.X, d.y).coef_ for a in ridge_alphas])
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    lasso_alphas = np.geomspace(50.0, 0.05, 25)
    _, lasso, _ = lasso_path(Xc, yc, alphas=lasso_alphas, tol=1e-10, max_iter=10**6)
    axes, _ = plot_ridge_lasso_paths(ridge_alphas, ridge, lasso_alphas, lasso.T, names)
    return axes, names, (ridge_alphas, ridge), (lasso_alphas, lasso.T)


def paths(ax, k: int) -> list:
    return [ln for ln in ax.get_lines() if len(ln.get_xdata()) == k and ln.get_marker() != "o"]


def test_each_panel_draws_its_estimators_paths(drawn):
    (ax_r, ax_l), names, ridge, lasso = drawn
    for ax, (alphas, coefs) in ((ax_r, ridge), (ax_l, lasso)):
        lines = paths(ax, alphas.size)
        assert [ln.get_label() for ln in lines] == names
        for j, line in enumerate(lines):
            np.testing.assert_array_equal(xy(line)[:, 0], alphas)
            np.testing.assert_array_equal(xy(line)[:, 1], coefs[:, j])
        assert ax.get_xscale() == "log"
    # ridge has no exact zero to circle, the lasso many
    assert markers(ax_r, "o") == [] or all(len(m.get_xdata()) == 0 for m in markers(ax_r, "o"))
    assert sum(len(m.get_xdata()) for m in markers(ax_l, "o")) == int(np.sum(lasso[1] == 0.0))
    assert np.sum(lasso[1] == 0.0) > 0 and np.all(ridge[1] != 0.0)


def test_each_axis_names_its_own_penalty_and_one_legend_names_the_features(drawn):
    (ax_r, ax_l), names, *_ = drawn
    assert ax_r.get_xlabel() == r"ridge $\alpha$ (Ridge scale)"
    assert ax_l.get_xlabel() == r"lasso $\alpha$ (Lasso scale, $1/(2n)$)"
    assert ax_r.get_title().startswith("Ridge") and ax_l.get_title().startswith("Lasso")
    assert ax_r.get_legend() is None
    entries = legend(ax_l)
    assert list(entries) == names
    for name, line in entries.items():  # the legend's swatch is the ridge panel's line too
        (twin,) = [ln for ln in paths(ax_r, 25) if ln.get_label() == name]
        assert (twin.get_color(), twin.get_linestyle()) == (line.get_color(), line.get_linestyle())
    assert ax_r.get_ylabel() == "coefficient"


def test_a_single_axes_is_refused():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="ax must be a pair"):
        plot_ridge_lasso_paths([1.0], [[1.0]], [1.0], [[1.0]], ["a"], ax=ax)


def test_ridge_crossings_are_dots_on_the_zero_line_in_the_features_colour(drawn):
    d = data.load_diabetes_standardized()
    ridge_alphas = np.geomspace(0.1, 1e5, 25)
    ridge = np.array([Ridge(alpha=a).fit(d.X, d.y).coef_ for a in ridge_alphas])
    crossings = [(6, 1.63), (4, 359.06)]
    axes, out = plot_ridge_lasso_paths(
        ridge_alphas, ridge, ridge_alphas, ridge, list(d.feature_names), ridge_crossings=crossings
    )
    assert out["crossings"] == crossings
    dots = [m for m in markers(axes[0], "o") if len(m.get_xdata()) == 1]
    assert [(float(m.get_xdata()[0]), float(m.get_ydata()[0])) for m in dots] == [
        (1.63, 0.0),
        (359.06, 0.0),
    ]
    lines = {ln.get_label(): ln for ln in paths(axes[0], ridge_alphas.size)}
    for (j, _), dot in zip(crossings, dots):
        assert dot.get_color() == lines[d.feature_names[j]].get_color()
    assert "shrinks" in axes[0].get_title() and "nothing is 0" not in axes[0].get_title()


def test_svd_figure_validates_its_input():
    from lessonlib.display.figures.real_data import plot_ridge_svd
    from lessonlib.topics.ridge_zero import ridge_components

    rc = ridge_components(np.eye(4)[:, :2] + 0.1, [1.0, 2.0, 0.0, 1.0], [0.1, 1.0])
    with pytest.raises(TypeError, match="components"):
        plot_ridge_svd({"alphas": [1.0]}, 0, ["a", "b"])
    with pytest.raises(ValueError, match="feature"):
        plot_ridge_svd(rc, 2, ["a", "b"])
    with pytest.raises(ValueError, match="log axis"):
        plot_ridge_svd(
            ridge_components(np.eye(4)[:, :2], [1.0, 2.0, 0.0, 1.0], [0.0]), 0, ["a", "b"]
        )
