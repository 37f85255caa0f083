"""lessonlib.display.figures.tuning: the cross-validation curve, read from its Axes.

The curve is scikit-learn's ``LassoCV`` on the diabetes data; the mean, the standard errors,
alpha_min, the one-standard-error alpha and the feature counts are computed here from its
``mse_path_`` and from ``lasso_path``, and each drawn line must be where its label says.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LassoCV, lasso_path
from sklearn.model_selection import KFold

from figure_view import entry, horizontal_at, legend, vertical_at, xy
from lessonlib import data, tuning
from lessonlib.display.figures import plot_cv_curve

K = 5


@pytest.fixture(scope="module")
def cv():
    d = data.load_diabetes_standardized()
    yc = d.y - d.y.mean()
    alpha_max = np.max(np.abs((d.X - d.X.mean(axis=0)).T @ yc)) / yc.size
    alphas = np.geomspace(alpha_max, alpha_max / 1000, 25)
    folds = KFold(n_splits=K, shuffle=True, random_state=0)
    model = LassoCV(alphas=alphas, cv=folds, tol=1e-10, max_iter=100_000).fit(d.X, d.y)
    mean = model.mse_path_.mean(axis=1)
    se = model.mse_path_.std(axis=1, ddof=1) / np.sqrt(K)
    i_min = int(np.argmin(mean))
    level = mean[i_min] + se[i_min]
    alpha_1se = max(a for a, m in zip(model.alphas_, mean) if m <= level)
    _, coefs, _ = lasso_path(
        d.X - d.X.mean(axis=0), yc, alphas=model.alphas_, tol=1e-10, max_iter=10**6
    )
    counts = (np.abs(coefs) > 0).sum(axis=0)
    return {
        "model": model,
        "mean": mean,
        "se": se,
        "level": level,
        "alpha_1se": alpha_1se,
        "counts": counts,
        "curve": tuning.cv_curve(model.alphas_, model.mse_path_),
    }


def test_the_two_rules_pick_different_alphas(cv):  # else a swapped label would not show
    assert cv["alpha_1se"] > cv["model"].alpha_


def test_the_curve_is_the_mean_error_with_one_standard_error_bars(cv):
    ax, _ = plot_cv_curve(cv["curve"])
    _, bars = entry(ax, "mean CV error")
    line, _caps, (segments,) = bars.lines
    np.testing.assert_array_equal(xy(line)[:, 0], cv["model"].alphas_)
    np.testing.assert_allclose(xy(line)[:, 1], cv["mean"], rtol=1e-12)
    # one vertical bar per alpha, from mean - se to mean + se
    ends = np.array(segments.get_segments())
    np.testing.assert_array_equal(ends[:, 0, 0], ends[:, 1, 0])
    np.testing.assert_array_equal(ends[:, 0, 0], cv["model"].alphas_)
    np.testing.assert_allclose(ends[:, 0, 1], cv["mean"] - cv["se"], rtol=1e-12)
    np.testing.assert_allclose(ends[:, 1, 1], cv["mean"] + cv["se"], rtol=1e-12)


def test_alpha_min_and_alpha_1se_lines_stand_where_their_labels_say(cv):
    ax, _ = plot_cv_curve(cv["curve"], n_nonzero=cv["counts"])
    alphas = list(cv["model"].alphas_)
    for words, alpha in (
        (("alpha_{\\min}",), cv["model"].alpha_),  # scikit-learn's own choice
        (("alpha_{1\\mathrm{SE}}",), cv["alpha_1se"]),  # the rule, applied here
    ):
        text, line = entry(ax, *words)
        assert line.get_xdata()[0] == alpha
        count = cv["counts"][alphas.index(alpha)]
        assert f"{alpha:.3g}" in text and f", {count} features" in text
    assert sorted(vertical_at(ax)) == sorted([cv["model"].alpha_, cv["alpha_1se"]])
    _, rule = entry(ax, "minimum + 1 SE")
    assert horizontal_at(ax) == [rule.get_ydata()[0]]
    assert rule.get_ydata()[0] == pytest.approx(cv["level"], rel=1e-12)
    assert len(legend(ax)) == 4


def test_axes_and_title_say_what_is_drawn(cv):
    ax, _ = plot_cv_curve(cv["curve"])
    assert ax.get_xscale() == "log" and "\\alpha" in ax.get_xlabel()
    assert "MSE" in ax.get_ylabel()
    assert ax.get_title().startswith(f"{K}-fold")
    # without counts the labels do not claim any
    assert not any("features" in t for t in legend(ax))


def test_bad_input_is_named(cv):
    with pytest.raises(ValueError, match="n_nonzero"):
        plot_cv_curve(cv["curve"], n_nonzero=[1, 2])
