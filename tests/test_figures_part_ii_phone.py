"""The figures of Part II (geometry, kkt, orthonormal, coordinate descent, Bayes, correlated
features) on the page and on the phone (issue 22): what is drawn, read from the artists.

* No legend covers data: every line, marker, filled area, bar and annotation of every panel is
  tested against the legend's drawn box, on the page's figure and on its phone rendering
  (``lessonlib.display.phone.stacked``), with the chapters' own inputs.
* No two tick labels of an axis overlap on the phone (Fig. 12.1's feature names did).
* No figure text spells a symbol out as a raw name (``lambda``, ``beta_j``, ``mix``, ``w1``).
* A caption and its figure write the same symbol (Fig. 7.1: the subgradient is xi).
* The elastic-net outlines are closed curves without the jumps through 0 that drew a cross.
* The print-only picture of the geometry explorer says which colour is the lasso, which ridge.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from cells import cell
from figure_view import legend
from legend_clearance import all_texts, legend_problems, overlapping_tick_labels
from lessonlib import data, simple
from lessonlib.display import figures, style
from lessonlib.display.phone import stacked
from lessonlib.topics import bayes

# A symbol written out: Greek names, ESL's "mix", w1/w2 and x_j-style subscripts outside math.
RAW_NAME = re.compile(
    r"\b(lambda|alpha|beta|gamma|sigma|rho|kappa|xi|nu|tau|mix)\b|_max\b|\b[a-zA-Z]_[a-z0-9]\b|"
    r"\bw[12]\b"
)


def raw_names(fig) -> list[str]:
    """Texts of ``fig`` with a raw symbol name outside ``$...$``."""
    found = []
    for text in all_texts(fig):
        outside = re.sub(r"\$[^$]*\$", "", text)
        if RAW_NAME.search(outside):
            found.append(text)
    return found


def both(fig):
    """The page's figure and its phone rendering."""
    with style.book_style():
        phone = stacked(fig)
    return {"page": fig, "phone": phone}


def check_clear(fig) -> None:
    for where, f in both(fig).items():
        assert legend_problems(f) == [], where
        assert overlapping_tick_labels(f) == [], where
        assert raw_names(f) == [], where
    plt.close("all")


# --- the chapters' own inputs -------------------------------------------------------------


@pytest.fixture(scope="module")
def bayes_stats():
    x, y = data.make_simple_regression(n=20, slope=0.3, intercept=1.0, noise=3.0, seed=2)
    return simple.sufficient_stats(x, y), 9.0


def test_fig_11_2_posterior_legend_covers_no_data(bayes_stats):
    st, sigma2 = bayes_stats
    post = bayes.posterior_slope(st.Sxx, st.Sxy, 150.0, sigma2, "laplace")
    ax, _ = figures.plot_posterior(post)
    check_clear(ax.figure)


def test_fig_11_1_and_11_3_legends_cover_no_data(bayes_stats):
    fig, axes = style.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
    figures.plot_priors(1.0, ax=axes[0])
    figures.plot_priors(1.0, log=True, ax=axes[1])
    check_clear(fig)
    st, sigma2 = bayes_stats
    sxys = np.linspace(-200.0, 200.0, 41)
    posts = [bayes.posterior_slope(st.Sxx, v, 150.0, sigma2) for v in sxys]
    ax, _ = figures.plot_estimates_vs_sxy(
        sxys,
        np.array([p.mode for p in posts]),
        np.array([p.mean for p in posts]),
        np.array([p.median for p in posts]),
        lam=150.0,
        Sxx=st.Sxx,
    )
    check_clear(ax.figure)


def test_fig_6_4_enet_legend_covers_no_data_and_names_gamma():
    ax, _ = figures.plot_enet_ball(0.2)
    check_clear(ax.figure)
    # the legend writes the caption's gamma, the book's (scikit-learn's l1_ratio): ESL's
    # weight 0.2 on the square is gamma = 2/3, since (1 - gamma) / (2 gamma) = 0.2 / 0.8
    caption = cell("geometry", "geo-enet").metadata["mystnb"]["figure"]["caption"]
    assert "$\\gamma = 2/3$" in caption and "0.8$" not in caption
    assert any("$\\gamma = 2/3$" in t for t in legend(ax))


@pytest.mark.parametrize("mix", [0.2, 0.5])
def test_the_enet_outlines_are_closed_curves_without_jumps(mix):
    ax, _ = figures.plot_enet_ball(mix)
    for line in ax.get_lines()[2:]:  # after the two guides
        xy = np.asarray(line.get_xydata(), float)
        steps = np.hypot(*np.diff(xy, axis=0).T)
        # 4 x 2000 small steps (the disk's steepest, by the axis, 0.03); the cross drawn
        # before jumped from (0, 1) to (0, -1) and from (1, 0) to (-1, 0)
        assert steps.max() < 0.1, line.get_label()
        np.testing.assert_allclose(xy[0], xy[-1], atol=1e-12)
    plt.close("all")


def test_fig_6_2_and_6_3_legends_cover_no_data():
    H = np.array([[30.0, 22.5], [22.5, 30.0]])
    t = 0.885
    rng = np.random.default_rng(2)
    points = rng.uniform(-2.2 * t, 2.2 * t, size=(2000, 2))
    points = points[np.abs(points).sum(axis=1) > t][:600]
    ax, _ = figures.plot_corner_wedges(H, t, points)
    check_clear(ax.figure)
    fig, (ax1, ax2) = style.subplots(1, 2, figsize=(10, 5), layout="constrained")
    figures.plot_lq_balls([0.5, 1.0, 2.0, 4.0], ax=ax1)
    figures.plot_bridge_rules(lam=1.0, qs=[0.5, 1.0, 2.0, 4.0], ax=ax2)
    check_clear(fig)


def test_fig_7_1_legends_clear_and_its_symbol_is_the_captions():
    fig, (a, b) = style.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    figures.plot_abs_supporting_lines([-1.0, -0.5, 0.0, 0.5, 1.0], bad_slope=1.5, ax=a)
    figures.plot_abs_subdifferential(ax=b)
    texts = " ".join(all_texts(fig))
    caption = cell("kkt", "kkt-08").metadata["mystnb"]["figure"]["caption"]
    # the chapter's subgradient is xi (g_j is its residual covariance): caption and figure
    assert "\\xi" in caption and "\\xi" in texts
    assert not re.search(r"\$g\b|\bg\s*=|\bg\\,", texts + caption)
    check_clear(fig)


def test_fig_8_2_legend_clear_and_names_in_math():
    ax, _ = figures.plot_zero_probability(
        0.3, [2.0, 1.0, 3.0], points=([3.0, 0.0, 0.0, 0.6, 1.2, -2.0], [0, 1, 1, 0.91, 0.26, 0])
    )
    assert "$\\beta_j$" in ax.get_xlabel()
    assert all(t.startswith("$\\lambda = ") for t in list(legend(ax))[:3])
    check_clear(ax.figure)


def test_fig_9_1_and_9_2_legends_cover_no_data():
    k = np.arange(1, 42)
    cd_gap = 1500.0 * np.exp(-0.5 * k)
    sg_gap = 2700.0 / np.sqrt(np.arange(1, 2001)) + 5.0 * np.abs(np.sin(np.arange(2000)))
    fig, (a, b) = style.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    cost = {"coordinate descent": 2, "subgradient descent": 1}
    figures.plot_gap_history(
        {"coordinate descent": cd_gap, "subgradient descent": sg_gap}, ax=a, log_x=True, cost=cost
    )
    zeros = np.r_[2, 2, 3, 1, 1, 2 * np.ones(10), 3 * np.ones(26)].astype(int)
    figures.plot_zero_counts(
        {"coordinate descent": zeros, "subgradient descent": np.zeros(2000, int)},
        10,
        target=3,
        ax=b,
        log_x=True,
        cost=cost,
    )
    check_clear(fig)
    fig, (a, b) = style.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    n = np.arange(1, 2001)
    errors = {"coordinate descent": 1e3 * 0.6**k, "ISTA": 1e3 / n, "FISTA": 1e3 / n**2}
    bounds = {"ISTA": 2e3 / n, "FISTA": 4e3 / n**2}
    rate_cost = {"coordinate descent": 2, "ISTA": 1, "FISTA": 1}
    figures.plot_rates(errors, bounds=bounds, cost=rate_cost, ax=a)
    figures.plot_rates(errors, cost=rate_cost, log_x=False, max_x=120, ax=b)
    check_clear(fig)


def test_fig_12_1_feature_names_do_not_overlap_on_a_phone():
    names = ["g0_0", "g0_1", "g0_2", "g1_0", "g1_1", "g1_2", "noise_0", "noise_1"]
    rng = np.random.default_rng(0)
    freq = {
        "lasso": rng.uniform(0, 1, 8),
        "elastic net": np.r_[np.ones(6), 0.0, 0.13],
        "ridge": np.ones(8),
    }
    ax, _ = figures.plot_selection_frequencies(freq, names)
    for where, f in both(ax.figure).items():
        assert overlapping_tick_labels(f) == [], where
        assert legend_problems(f) == [], where
        drawn = [t.get_text() for t in f.axes[0].get_yticklabels()]
        assert drawn == names, where  # horizontal, first feature at the top
    plt.close("all")


def test_the_print_picture_of_the_geometry_explorer_says_which_colour_is_which():
    from lessonlib.display.charts import geometry as chart
    from lessonlib.display.style import color

    with style.book_style():
        fig = chart._print_figure(
            np.array([0.3, -1.5]),
            np.array([[30.0, 22.5], [22.5, 30.0]]),
            np.array([0.45, 0.9, 1.35]),
            0.75,
            2.0,
        )
    (box,) = fig.legends
    entries = {t.get_text(): h for t, h in zip(box.get_texts(), box.legend_handles)}
    (lasso,) = [h for t, h in entries.items() if t.startswith("lasso")]
    (ridge,) = [h for t, h in entries.items() if t.startswith("ridge")]
    from figure_view import same_colour

    assert same_colour(lasso.get_color(), color("lasso"))
    assert same_colour(ridge.get_color(), color("ridge"))
    assert ridge.get_linestyle() == "--" and lasso.get_linestyle() == "-"
    for ax in fig.axes:  # the diamond is drawn in the lasso's colour, the disk in ridge's
        diamond, disk = (ln for ln in ax.get_lines() if len(ln.get_xdata()) in (5, 193))
        assert same_colour(diamond.get_color(), color("lasso"))
        assert same_colour(disk.get_color(), color("ridge"))
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend_box = box.get_window_extent(renderer)
    assert all(not ax.get_tightbbox(renderer).overlaps(legend_box) for ax in fig.axes)
    assert raw_names(fig) == []
    plt.close(fig)
