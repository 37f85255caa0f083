"""lessonlib.topics.selection and the figures of the correlated-features and lasso-path chapters,
checked against scikit-learn fits and brute-force counts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

import lessonlib.path
from lessonlib._bootstrap import bootstrap_refits
from lessonlib.display.figures.lasso_path import plot_path_with_knots
from lessonlib.display.figures.selection import plot_selection_frequencies
from lessonlib.topics import selection


@pytest.fixture(scope="module")
def xy():
    rng = np.random.default_rng(3)
    z = rng.standard_normal((60, 1))
    X = np.hstack([z + 0.2 * rng.standard_normal((60, 2)), rng.standard_normal((60, 2))])
    y = X @ np.array([1.0, 1.0, 0.5, 0.0]) + 0.5 * rng.standard_normal(60) + 3.0
    return X, y


def test_bootstrap_indices_are_seeded_draws_with_replacement():
    idx = selection.bootstrap_indices(10, n_resamples=7, seed=5)
    ref = np.random.default_rng(5).integers(0, 10, size=(7, 10))
    assert np.array_equal(idx, ref)
    assert idx.min() >= 0 and idx.max() < 10
    assert not np.array_equal(idx, selection.bootstrap_indices(10, n_resamples=7, seed=6))


@pytest.mark.parametrize("method", ["lasso", "enet", "ridge"])
def test_resample_coefs_match_sklearn(xy, method):
    X, y = xy
    alpha = {"lasso": 0.15, "enet": 0.3, "ridge": 20.0}[method]
    model = {
        "lasso": Lasso(alpha=alpha, tol=1e-13, max_iter=1_000_000),
        "enet": ElasticNet(alpha=alpha, l1_ratio=0.3, tol=1e-13, max_iter=1_000_000),
        "ridge": Ridge(alpha=alpha),
    }[method]
    C = selection.resample_coefs(X, y, method, alpha, l1_ratio=0.3, n_resamples=15, seed=2)
    idx = np.random.default_rng(2).integers(0, X.shape[0], size=(15, X.shape[0]))
    ref = np.array([model.fit(X[r], y[r]).coef_ for r in idx])
    assert np.allclose(C, ref, rtol=0, atol=1e-7)
    assert np.array_equal(C == 0.0, ref == 0.0)


@pytest.mark.parametrize("method", ["lasso", "enet", "ridge"])
def test_resample_coefs_validates_once_and_uses_the_shared_resamples(xy, method, monkeypatch):
    X, y = xy

    def refuse(*args):  # the checked entry points of lessonlib.path start with it
        raise AssertionError("a resample was validated again")

    monkeypatch.setattr(lessonlib.path, "check_Xy", refuse)
    seen = []

    def spy(X_, y_, fit, n_resamples, seed):
        rows, fits = bootstrap_refits(X_, y_, fit, n_resamples, seed)
        seen.append(rows)
        return rows, fits

    monkeypatch.setattr(selection, "bootstrap_refits", spy)
    C = selection.resample_coefs(X, y, method, 0.3, n_resamples=4, seed=9)
    assert C.shape == (4, X.shape[1])
    assert np.array_equal(seen[0], selection.bootstrap_indices(X.shape[0], 4, seed=9))


def test_enet_with_l1_ratio_one_is_the_lasso(xy):
    X, y = xy
    C1 = selection.resample_coefs(X, y, "enet", 0.2, l1_ratio=1.0, n_resamples=5)
    C2 = selection.resample_coefs(X, y, "lasso", 0.2, n_resamples=5)
    assert np.allclose(C1, C2, rtol=0, atol=1e-12)


def test_selection_frequency_counts_exact_nonzeros():
    C = np.array([[0.0, 1e-300, 2.0], [0.0, 0.0, -1.0], [1.0, 0.0, 3.0], [0.0, 0.0, 1.0]])
    assert selection.selection_frequency(C).tolist() == [0.25, 0.25, 1.0]


def test_within_group_spread_brute_force():
    rng = np.random.default_rng(0)
    C = rng.standard_normal((6, 5))
    groups = [[0, 2], [1, 3, 4]]
    got = selection.within_group_spread(C, groups)
    ref = np.array([[max(r[g]) - min(r[g]) for g in groups] for r in C])
    assert np.allclose(got, ref)
    assert selection.within_group_spread(C[0], groups).shape == (2,)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda X, y: selection.resample_coefs(X, y, "lars", 1.0), "method"),
        (lambda X, y: selection.resample_coefs(X, y, "lasso", -1.0), "alpha"),
        (lambda X, y: selection.resample_coefs(X, y, "lasso", 0.0), "alpha"),
        (lambda X, y: selection.resample_coefs(X, y, "enet", 1.0, l1_ratio=0.0), "l1_ratio"),
        (lambda X, y: selection.resample_coefs(X, y, "enet", 1.0, l1_ratio=1.5), "l1_ratio"),
        (lambda X, y: selection.resample_coefs(X, y[:-1], "lasso", 1.0), "same length"),
        (lambda X, y: selection.bootstrap_indices(1), "n must be >= 2"),
        (lambda X, y: selection.within_group_spread(X, [[0, 9]]), "groups"),
        (lambda X, y: selection.within_group_spread(X, []), "groups"),
    ],
)
def test_invalid_input_is_rejected_with_the_argument_named(xy, call, message):
    X, y = xy
    with pytest.raises(ValueError, match=message):
        call(X, y)


def test_plot_selection_frequencies_returns_what_it_drew():
    ax, data = plot_selection_frequencies(
        {"lasso": [1.0, 0.5, 0.0], "ridge": [1.0, 1.0, 1.0]}, ["a", "b", "c"]
    )
    lengths = sorted(round(p.get_width(), 6) for p in ax.patches)  # horizontal bars
    assert lengths == sorted([1.0, 0.5, 0.0, 1.0, 1.0, 1.0])
    assert data["frequencies"]["lasso"].tolist() == [1.0, 0.5, 0.0]
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="frequencies"):
        plot_selection_frequencies({"lasso": [1.0, 2.0]}, ["a", "b"])
    with pytest.raises(ValueError, match="frequencies"):
        plot_selection_frequencies({"lasso": [1.0]}, ["a", "b"])


def test_plot_path_with_knots_marks_exact_zeros_and_knots():
    coefs = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, -1.0]])
    ax, data = plot_path_with_knots([0.0, 1.0, 3.0], coefs, ["a", "b"], knots=[1.0, 3.0])
    assert data["zero_mask"].tolist() == [[True, True], [False, True], [False, False]]
    vlines = [ln for ln in ax.lines if list(ln.get_xdata()) in ([1.0, 1.0], [3.0, 3.0])]
    assert len(vlines) == 2
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="feature_names"):
        plot_path_with_knots([0.0, 1.0, 3.0], coefs, ["a"])
