"""lessonlib.display.figures.lasso_path: a lasso path with its knots, read from the Axes.

The path is scikit-learn's ``lars_path`` (method="lasso") on data made here; each drawn line,
its name at the end of the path, its exact-zero circles and the knot lines are checked
against it. The names at the paths' ends are checked on Fig. 10.1 of the book (the diabetes
data, lasso and ridge side by side, and its phone rendering): read from the drawn text, no
two overlap, and each names the path it points to.
"""

from __future__ import annotations

import itertools

import matplotlib
import numpy as np
import pytest
from sklearn.linear_model import lars_path

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.text import Text
from scipy.optimize import minimize

from figure_view import curves, markers, same_colour, vertical_at, xy
from lessonlib import data
from lessonlib.display import style
from lessonlib.display.figures import plot_path_with_knots
from lessonlib.display.figures.lasso_path import _spread
from lessonlib.display.phone import stacked

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


# Fig. 10.1: the diabetes data, the exact lasso path and the ridge path against the L1 norm.


@pytest.fixture(scope="module")
def diabetes_paths():
    """Both panels' paths, computed here: (names, [(L1 norms, coefs (k, p)), ...])."""
    d = data.load_diabetes_standardized()
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    _, _, lasso = lars_path(Xc, yc, method="lasso")  # (p, k)
    alphas = np.logspace(-2, 6, 4001)  # the chapter's ridge grid; ridge by its normal equations
    G = Xc.T @ Xc
    ridge = np.stack([np.linalg.solve(G + a * np.eye(G.shape[0]), Xc.T @ yc) for a in alphas])
    panels = [(np.abs(lasso).sum(axis=0), lasso.T), (np.abs(ridge).sum(axis=1), ridge)]
    return d.feature_names, panels


def draw_fig_10_1(names, panels):
    """The figure as the chapter draws it, drawn once; its Axes and their paths."""
    fig, axes = style.subplots(1, 2, figsize=(11, 4.6), sharey=True, layout="constrained")
    (l1, lasso), (ridge_l1, ridge) = panels
    plot_path_with_knots(l1, lasso, names, knots=l1, title="lasso (exact path)", ax=axes[0])
    plot_path_with_knots(ridge_l1, ridge, names, title="ridge", ax=axes[1])
    with style.book_style():
        fig.canvas.draw()
    return fig


def check_end_names(fig, ax, x, coefs, names):
    """The names at the paths' ends of ``ax``, as drawn on ``fig``, read well."""
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() in names]
    assert sorted(t.get_text() for t in labels) == sorted(names)
    boxes = {t.get_text(): Text.get_window_extent(t, renderer) for t in labels}  # text only
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), f"{a} and {b} overlap: {box_a}, {box_b}"
    lines = [ln for ln in curves(ax) if ln.get_linestyle() not in ("None", "none", "")]
    end = int(np.argmax(x))
    ends = ax.transData.transform(np.column_stack([np.full(len(names), x[end]), coefs[end]]))
    for label in labels:
        name, box = label.get_text(), boxes[label.get_text()]
        # the line the label points to: it ends at the label's anchor, in the label's colour
        (line,) = [
            ln
            for ln in lines
            if tuple(xy(ln)[np.argmax(xy(ln)[:, 0])]) == pytest.approx(label.xy, abs=1e-12)
            and same_colour(ln.get_color(), label.get_color())
        ]
        np.testing.assert_allclose(xy(line)[:, 1], coefs[:, names.index(name)], atol=1e-8)
        assert label.xy[1] == pytest.approx(coefs[end, names.index(name)], abs=1e-8)
        anchor = ax.transData.transform(label.xy)
        leader = label.arrow_patch
        if leader is not None and leader.get_visible():
            # a leader joins the path's end to the middle of the label's left side
            path = leader.get_path().vertices  # display pixels
            assert path[-1] == pytest.approx(anchor, abs=0.5)
            left_middle = np.array([box.x0, box.y0 + box.height / 2])
            assert np.hypot(*(path[0] - left_middle)) <= renderer.points_to_pixels(1.5)
        else:  # no leader: the end next to the label is its own path's
            nearest = names[int(np.argmin(np.abs(ends[:, 1] - (box.y0 + box.y1) / 2)))]
            assert nearest == name
            assert abs((box.y0 + box.y1) / 2 - anchor[1]) < box.height / 2
        assert box.x0 > anchor[0], "the name is right of its path's end"
        assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1)
        assert ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1


def test_fig_10_1_names_at_the_ends_do_not_overlap(diabetes_paths):
    names, panels = diabetes_paths
    fig = draw_fig_10_1(names, panels)
    for ax, (x, coefs) in zip(fig.axes, panels, strict=True):
        check_end_names(fig, ax, x, coefs, names)
    plt.close(fig)


def test_fig_10_1_phone_rendering_names_do_not_overlap(diabetes_paths):
    names, panels = diabetes_paths
    fig = draw_fig_10_1(names, panels)
    with style.book_style():
        phone = stacked(fig)  # panels one above the other, 4 inches wide
        phone.canvas.draw()
    assert phone.get_size_inches()[0] < fig.get_size_inches()[0] / 2
    for ax, (x, coefs) in zip(phone.axes, panels, strict=True):
        check_end_names(phone, ax, x, coefs, names)
    plt.close(fig)
    plt.close(phone)


def test_crowded_ends_are_moved_apart_and_given_leaders():
    # four paths ending at the same value, at the top of the Axes: all four names move (down,
    # to stay inside), each with a leader; the fifth, alone at the bottom, stays put
    names = list("abcde")
    x = np.array([0.0, 1.0])
    coefs = np.vstack([np.zeros(5), np.full(5, 1.0)])
    coefs[1, 0] = -4.0  # one path apart, to give the Axes some height
    ax, _ = plot_path_with_knots(x, coefs, names)
    fig = ax.figure
    fig.canvas.draw()
    check_end_names(fig, ax, x, coefs, names)
    shown = [t.get_text() for t in ax.texts if t.arrow_patch.get_visible()]
    assert shown == ["b", "c", "d", "e"]
    plt.close(fig)


def qp_spread(wanted, gap, lo, hi):
    """The closest placement by a general solver: ordered, ``gap`` apart, in [lo, hi]."""
    order = np.argsort(wanted, kind="stable")
    cons = [
        {"type": "ineq", "fun": lambda p, i=i, j=j: p[j] - p[i] - gap}
        for i, j in itertools.pairwise(order)
    ]
    res = minimize(
        lambda p: np.sum((p - wanted) ** 2),
        wanted.copy(),
        jac=lambda p: 2 * (p - wanted),
        bounds=[(lo, hi)] * wanted.size,
        constraints=cons,
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    assert res.success, res.message
    return res.x


@pytest.mark.parametrize("seed", range(6))
def test_spread_is_the_closest_placement_without_overlap(seed):
    rng = np.random.default_rng(seed)
    wanted = np.round(rng.uniform(0.0, 10.0, 8), 1)
    wanted[:2] = wanted[2]  # a tie
    lo, hi = (0.0, 10.0) if seed % 2 else (wanted.min() + 1.0, 10.0)  # a bound that binds
    got = _spread(wanted, 1.0, lo, hi)
    np.testing.assert_allclose(got, qp_spread(wanted, 1.0, lo, hi), atol=1e-6)
    assert np.diff(np.sort(got)).min() >= 1.0 - 1e-12
    assert lo - 1e-12 <= got.min() and got.max() <= hi + 1e-12
    np.testing.assert_array_equal(_spread(np.array([1.0, 5.0]), 1.0, 0.0, 9.0), [1.0, 5.0])
