"""Part I's figures and formulas on a phone and on the printed page (issue 22), read from what
is drawn and stored.

* A legend covers no drawn point (line vertices, points along each segment, scatter points),
  on the page's figure and on its phone rendering (``lessonlib.display.phone.stacked``),
  and leaves the phone's panel its width.
* Once the phone rendering has stacked a figure's panels, each title stands clear (12 pt or
  more) of whatever hangs below the panel above it (x-axis label, legend); the page's
  rendering of these one-row figures does not move.
* Figure text, captions and the labels of displayed formulas write the chapters' symbols as
  mathematics (``$\\lambda$``, ``$\\alpha_{\\max}$``), never as raw names (``lambda``,
  ``alpha_max``); alt texts, which a screen reader speaks, may spell them out.
* A long formula is a display, not inline maths that a phone's column breaks.
"""

from __future__ import annotations

import itertools
import re

import matplotlib
import nbformat
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.text import Text

from drawn_boxes import points_under, renderer, stacked_panels, vertical_gap
from lessonlib import data
from lessonlib.display import figures
from lessonlib.display.figures._stacking import leave_room_when_stacked
from lessonlib.display.phone import stacked
from lessonlib.topics import overfitting, ridge_zero, sparse_vs_dense
from toc import ROOT

CHAPTERS = ["simple_regression", "regularization", "lasso", "diabetes"]
MIN_GAP_PT = 12.0


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- the figures, drawn from the chapters' own data -------------------------------------------


def fitted_line():
    x, y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    return figures.plot_fitted_line(x, y)[0].figure


def sse_bowl():
    x, y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    return figures.plot_sse_contours(x, y)[0].figure


def _sine():
    return overfitting.make_sine_data(n_train=12, n_test=200, noise=0.3, seed=0, n_val=30)


def error_curve():
    lambdas = np.concatenate([[0.0], np.logspace(-6, 3, 37)])
    curve = overfitting.error_curve(_sine(), 9, lambdas, penalty="l2")
    return figures.plot_error_curve(curve)[0].figure


def polynomial_fits():
    d = _sine()
    fits = {
        label: overfitting.fit_polynomial(d.x_train, d.y_train, 9, lam)
        for label, lam in [
            ("least squares (λ = 0)", 0.0),
            ("ridge, λ = 0.00056", 0.00056),
            ("ridge, λ = 100", 100.0),
        ]
    }
    return figures.plot_polynomial_fits(d, fits)[0].figure


def _diabetes():
    d = data.load_diabetes_standardized()
    return d.X, d.y, list(d.feature_names)


def ridge_svd():
    X, y, names = _diabetes()
    components = ridge_zero.ridge_components(X, y, np.logspace(-2, 5, 61))
    return figures.plot_ridge_svd(components, names.index("s1"), names)[0][0].figure


def ridge_lasso_paths():
    from sklearn.linear_model import Ridge, lasso_path

    X, y, names = _diabetes()
    ridge_alphas = np.logspace(-2, 5, 15)
    ridge = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas])
    lasso_alphas = np.logspace(2, -2, 15)
    _, lasso, _ = lasso_path(X - X.mean(axis=0), y - y.mean(), alphas=lasso_alphas)
    axes, _ = figures.plot_ridge_lasso_paths(ridge_alphas, ridge, lasso_alphas, lasso.T, names)
    return axes[0].figure


def sparse_dense():
    beta = np.zeros(20)
    beta[:2] = 1.5 / np.sqrt(2)
    sims = {
        title: sparse_vs_dense.lasso_ridge_test_error(
            b,
            np.geomspace(0.005, 2.0, 6),
            np.geomspace(0.05, 2000.0, 6),
            rng=np.random.default_rng(2),
            n_train=40,
            n_rep=5,
        )
        for title, b in [("sparse truth (2 of 20)", beta), ("dense truth (20 of 20)", beta[::-1])]
    }
    return figures.plot_sparse_vs_dense(sims)[0][0].figure


def shrinkage_factors():
    x, y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, noise=1.0, seed=0)
    return figures.plot_shrinkage_factors(x, y, np.linspace(0.0, 3.0, 31))[0][0].figure


WITH_LEGEND = {
    "Fig. 1.1 error curve": error_curve,
    "Fig. 1.2 polynomial fits": polynomial_fits,
    "Fig. 2.1 fitted line": fitted_line,
    "Fig. 2.2 SSE bowl": sse_bowl,
    "Fig. 5.1 SVD view": ridge_svd,
    "Fig. 5.2 paths": ridge_lasso_paths,
}
STACKED = {
    "Fig. 1.5 sparse vs dense": sparse_dense,
    "Fig. 5.1 SVD view": ridge_svd,
    "Fig. 5.2 paths": ridge_lasso_paths,
}
ALL = {**WITH_LEGEND, **STACKED, "Fig. 4.1 shrinkage shape": shrinkage_factors}


# --- legends --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(WITH_LEGEND))
def test_no_legend_covers_a_drawn_point_on_the_page_or_the_phone(name):
    page = WITH_LEGEND[name]()
    phone = stacked(page)
    for rendering, fig in (("page", page), ("phone", phone)):
        r = renderer(fig)
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            under = points_under(legend, ax)
            assert len(under) == 0, f"{name}, {rendering}: the legend covers {len(under)} points"
            box = legend.get_window_extent(r)
            for text in (ax.xaxis.label, *ax.get_xticklabels()):  # nor the axis' own text
                if text.get_visible() and text.get_text():
                    assert not box.overlaps(text.get_window_extent(r)), (name, text.get_text())
            assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, f"{name}: legend cut off"
    for ax in stacked_panels(phone):  # a legend as wide as the phone would squeeze the panel
        assert ax.get_window_extent(renderer(phone)).width >= 0.75 * phone.bbox.width, name


def test_points_under_a_legend_are_found():
    """The check above can fail: a legend put on the data is caught."""
    fig = fitted_line()
    ax = fig.axes[0]
    legend = ax.legend(loc="center")  # over the point of means, on the line
    assert len(points_under(legend, ax)) > 0


# --- stacked panels -------------------------------------------------------------------------


def _lowest_decoration(ax):
    """What hangs lowest under a panel: its legend when that is below it, else its x label."""
    r = renderer(ax.figure)
    legend = ax.get_legend()
    if legend is not None and legend.get_window_extent(r).y1 <= ax.get_window_extent(r).y0:
        return legend
    return ax.xaxis.label


@pytest.mark.parametrize("name", list(STACKED))
def test_stacked_titles_clear_the_panel_above(name):
    phone = stacked(STACKED[name]())
    panels = stacked_panels(phone)
    assert len(panels) == 2
    for upper, lower in itertools.pairwise(panels):
        for hanging in (upper.xaxis.label, _lowest_decoration(upper)):
            gap = vertical_gap(hanging, lower.title)
            assert gap >= MIN_GAP_PT, f"{name}: {lower.get_title()!r} is {gap:.1f} pt below"


def test_the_room_left_for_stacking_does_not_move_the_pages_panels():
    fig = ridge_lasso_paths()
    renderer(fig)
    with_room = np.array([ax.get_position().bounds for ax in fig.axes])
    fig.get_layout_engine().set(hspace=0.0)
    renderer(fig)
    without = np.array([ax.get_position().bounds for ax in fig.axes])
    np.testing.assert_allclose(without, with_room, rtol=0, atol=1e-12)
    assert fig.get_layout_engine().get()["hspace"] == 0.0
    leave_room_when_stacked(fig)
    assert fig.get_layout_engine().get()["hspace"] > 0.0


def test_leave_room_when_stacked_names_its_bad_input():
    fig, _ = plt.subplots(1, 2)  # no layout engine
    with pytest.raises(ValueError, match="fig must have a constrained layout"):
        leave_room_when_stacked(fig)
    fig, _ = plt.subplots(1, 2, layout="constrained")
    with pytest.raises(ValueError, match="hspace"):
        leave_room_when_stacked(fig, hspace=1.5)


# --- symbols written as mathematics ---------------------------------------------------------

RAW_NAME = re.compile(r"lambda|alpha|beta|kappa|\w_\w|_(?:max|min)\b|\\")


def raw_names(text: str) -> list[str]:
    """Raw symbol names in ``text`` outside its ``$...$`` mathematics."""
    return RAW_NAME.findall(re.sub(r"\$[^$]*\$", " ", text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ridge alpha (log scale)", ["alpha"]),
        ("above alpha_max every coefficient", ["alpha", "_max"]),
        (r"ridge $\alpha$ (log scale), above $\alpha_{\max}$", []),
        ("SSE + lambda |m|", ["lambda"]),
    ],
)
def test_raw_names_are_found(text, found):
    assert raw_names(text) == found


@pytest.mark.parametrize("name", list(ALL))
def test_figure_text_writes_symbols_as_mathematics(name):
    fig = ALL[name]()
    phone = stacked(fig)
    for rendering in (fig, phone):
        renderer(rendering)
        texts = {t.get_text() for t in rendering.findobj(Text) if t.get_visible()}
        bad = {t: raw_names(t) for t in texts if raw_names(t)}
        assert not bad, f"{name}: {bad}"


def _cells(chapter: str) -> list:
    return nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4).cells


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_captions_write_symbols_as_mathematics(chapter):
    for cell in _cells(chapter):
        caption = cell.metadata.get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            assert not raw_names(caption), (cell.id, raw_names(caption))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_labels_of_displayed_formulas_write_symbols_as_mathematics(chapter):
    """The ``\\text{...}`` of a stored formula (``derive.labelled``'s label) holds words only."""
    for cell in _cells(chapter):
        for out in cell.get("outputs", []):
            latex = out.get("data", {}).get("text/latex", "")
            for words in re.findall(r"\\text\{([^}]*)\}", latex):
                assert not raw_names(words), (cell.id, words)


def test_the_bowls_decomposition_is_a_display_broken_before_a_plus():
    """Section 2.4's SSE = SSE_min + two squares: inline, a phone's column broke it inside
    its parentheses; as a display it has two authored lines, the second starting with +."""
    (cell,) = [c for c in _cells("simple_regression") if c.id == "0519e97d"]
    inline = re.sub(r"\$\$.*?\$\$", "", cell.source, flags=re.S)
    assert r"\mathrm{SSE}_{\min} + S_{xx}" not in inline
    (display,) = re.findall(r"\$\$(.*?)\$\$", cell.source, flags=re.S)
    lines = [line.strip() for line in display.split(r"\\")]
    assert r"\begin{aligned}" in display and len(lines) == 2
    assert lines[0].count("&=") == 1 and lines[1].lstrip("&\\quad ").startswith("+ n")
