"""lessonlib.display.figures.selection: selection frequencies as grouped bars, read from the Axes.

The frequencies are computed here with scikit-learn (``Lasso`` and ``ElasticNet`` on bootstrap
resamples of correlated features); each bar is matched to the feature named by the tick
beside it and to the method named by its legend entry.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso

from figure_view import legend, same_colour
from lessonlib import data
from lessonlib.display.figures import plot_selection_frequencies
from lessonlib.display.style import color

NAMES = ["z", "bmi", "a2", "s5", "age"]  # not in alphabetical order


@pytest.fixture(scope="module")
def frequencies() -> dict[str, np.ndarray]:
    d = data.make_correlated_features(
        n=60,
        n_groups=1,
        group_size=3,
        rho=0.9,
        n_noise_features=2,
        coef=[1.0, 1.0, 1.0, 0.0, 0.0],
        noise=1.0,
        seed=3,
    )
    X, y = np.asarray(d.X), np.asarray(d.y)
    rng = np.random.default_rng(0)
    kept = {"lasso": [], "elastic net": []}
    for _ in range(30):
        i = rng.integers(0, y.size, y.size)
        kept["lasso"].append(Lasso(alpha=0.3, max_iter=100_000).fit(X[i], y[i]).coef_ != 0)
        enet = ElasticNet(alpha=0.3, l1_ratio=0.3, max_iter=100_000).fit(X[i], y[i])
        kept["elastic net"].append(enet.coef_ != 0)
    return {k: np.mean(v, axis=0) for k, v in kept.items()}


def test_each_bar_is_its_methods_share_for_the_feature_beside_it(frequencies):
    assert not np.array_equal(frequencies["lasso"], frequencies["elastic net"])
    ax, _ = plot_selection_frequencies(frequencies, NAMES)
    ticks = {float(t): lab.get_text() for t, lab in zip(ax.get_yticks(), ax.get_yticklabels())}
    assert sorted(ticks.values()) == sorted(NAMES)
    # horizontal bars, one row per feature, the first feature at the top (y axis inverted)
    assert [ticks[t] for t in sorted(ticks)] == NAMES and ax.yaxis_inverted()
    entries = legend(ax)
    assert list(entries) == list(frequencies)
    for method, bars in entries.items():
        assert len(bars) == len(NAMES)
        seen = []
        for bar in bars:
            centre = bar.get_y() + bar.get_height() / 2
            tick = min(ticks, key=lambda t: abs(t - centre))
            assert abs(tick - centre) < 0.5 and bar.get_x() == 0.0
            feature = ticks[tick]
            seen.append(feature)
            assert bar.get_width() == frequencies[method][NAMES.index(feature)]
            assert same_colour(bar.get_facecolor(), color(method))
        assert sorted(seen) == sorted(NAMES)
    assert "w_j \\neq 0" in ax.get_xlabel() and ax.get_ylabel() == "feature"
    assert ax.get_xlim() == (0.0, 1.05)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="lie in"):
        plot_selection_frequencies({"lasso": [1.0, 2.0]}, ["a", "b"])
    with pytest.raises(ValueError, match="one per feature"):
        plot_selection_frequencies({"lasso": [1.0]}, ["a", "b"])
