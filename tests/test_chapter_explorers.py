"""The chapters' explorer cells, whose outputs nbval does not compare, rebuilt and checked.

A cell tagged ``nbval-ignore-output`` still runs under nbval (an error fails it), but
nothing it displays is compared with the stored output. The book has six such cells,
each an explorer (CONTRIBUTING.md, "Explorers"):

* three interactive charts (lasso, ridge, diabetes; lessonlib.display.charts): their output is a
  Vega-Lite chart in an inline script plus a small-multiples PNG, which nbval cannot
  compare;
* three live explorers: an ipywidgets slider whose text repr holds the slider's limits as
  unrounded floats and whose view id is random.

This module runs each of those cells' own source, read from the notebook, on inputs made by
the chapter's own lines (also read from the notebook), evaluates each chart's embedded data
through its Vega expressions in Python (tests/vega_eval.py) at many slider positions, and
checks what the chart and the live slider show against independent computations:
scikit-learn's ``Lasso``, ``Ridge`` and ``LinearRegression``, closed forms written here
with NumPy, and the lasso's optimality (KKT) conditions. It also checks that the stored
chart (its summary and its specification) is what the cell computes now.
"""

from __future__ import annotations

import nbformat
import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge

import vega_eval
from cells import cell, chapter_lines, notebook, run
from lessonlib import data, path, scale, simple
from lessonlib.display import charts, explore
from toc import BOOK, chapter_notebooks

IGNORE = "nbval-ignore-output"
# (chapter, cell id) of every cell whose output nbval does not compare: all explorers.
# The explorers drawn as interactive charts (lessonlib.display.charts).
CHART = {"lasso": "lasso-29", "ridge": "f6bdab62", "diabetes": "diab-code-14"}
LIVE = {"lasso": "578a1300", "ridge": "ab62b46c", "diabetes": "22f8de6d"}
# Explorer cells checked in a test file of their own.
ELSEWHERE = {
    ("orthonormal", "orth-explorer"): "tests/test_charts_thresholding.py",
    ("geometry", "geo-explore"): "tests/test_charts_geometry.py",
}


# ----------------------------------------------------------------- the tagged cells


def test_the_only_cells_nbval_does_not_compare_are_the_explorers():
    tagged = {
        (p.stem, c.get("id"))
        for p in chapter_notebooks()
        for c in nbformat.read(p, as_version=4).cells
        if IGNORE in c.metadata.get("tags", [])
    }
    expected = {(ch, cid) for cells in (CHART, LIVE) for ch, cid in cells.items()} | set(ELSEWHERE)
    assert tagged == expected, "a new nbval-ignore-output cell needs its checks in this file"
    for (chapter, cell_id), test_file in ELSEWHERE.items():
        assert cell_id in (BOOK.parent / test_file).read_text(), (chapter, test_file)


@pytest.mark.parametrize("chapter", sorted(CHART))
def test_chart_code_is_hidden_and_the_live_cell_is_screen_only(chapter):
    """A chart's wiring is hidden on the page (the chart shows); the live slider is code to
    run, with no output on the page and nothing in print (_ext/screen_only.py)."""
    chart_tags = set(cell(chapter, CHART[chapter]).metadata.get("tags", []))
    live_tags = set(cell(chapter, LIVE[chapter]).metadata.get("tags", []))
    assert chart_tags == {"remove-input", IGNORE}, chart_tags
    assert live_tags == {"remove-output", "no-print", IGNORE}, live_tags


@pytest.mark.parametrize("chapter", ["lasso", "ridge"])
def test_slope_chart_cell_only_draws_and_the_live_cell_makes_its_explorer(chapter):
    """A reader's notebook leaves the chart's wiring out: the live cell must not need it."""
    chart, live = cell(chapter, CHART[chapter]).source, cell(chapter, LIVE[chapter]).source
    assert "explorer" not in chart and "charts.slope_chart(" in chart
    assert "explorer = explore.SlopeExplorer(" in live


# ------------------------------------------------------------ one-feature explorers

SLOPE_SETUP = (
    "x, y = data.make_simple_regression(",
    "s = simple.sufficient_stats(x, y)",
    "lam_star = scale.lambda_star(x, y)",
)


def slope_chapter(chapter: str) -> dict:
    """The chapter's data lines, then its static explorer cell, in one namespace."""
    ns = {
        "np": np,
        "data": data,
        "simple": simple,
        "scale": scale,
        "explore": explore,
        "charts": charts,
    }
    run(chapter_lines(chapter, *SLOPE_SETUP), ns, f"{chapter}: setup")
    ns["view"] = run(cell(chapter, CHART[chapter]).source, ns, f"{chapter}: explorer")
    return ns


@pytest.fixture(scope="module")
def lasso_ns() -> dict:
    return slope_chapter("lasso")


@pytest.fixture(scope="module")
def ridge_ns() -> dict:
    return slope_chapter("ridge")


def centred(x, y):
    x, y = np.asarray(x, float), np.asarray(y, float)
    return x - x.mean(), y - y.mean()


def sklearn_slope(x, y, lam: float, penalty: str) -> float:
    """scikit-learn's slope at the article's lambda (Lasso alpha = lam/(2n), Ridge alpha = lam)."""
    X = np.asarray(x, float)[:, None]
    if lam == 0.0:
        model = LinearRegression()
    elif penalty == "l1":
        model = Lasso(alpha=scale.lasso_alpha(lam, X.shape[0]), tol=1e-12, max_iter=100_000)
    else:
        model = Ridge(alpha=lam)
    return float(model.fit(X, y).coef_[0])


# Each chapter's slider range, in units of its penalty's own reference: the lasso's lambda*,
# ridge's Sxx (the two lambdas have different units and are never measured against each other).
REACH = {"lasso": 1.5, "ridge": 10.0}


def reference(chapter: str, ns: dict) -> tuple[float, str]:
    """The chart's reference lambda, computed here from the chapter's data by its definition:
    lambda* = 2 |Sxy| for the lasso, Sxx for ridge; and the name the chart gives it."""
    x, y = centred(ns["x"], ns["y"])
    if chapter == "lasso":
        return 2 * abs(float(x @ y)), "λ*"
    return float(x @ x), "Sxx"


def chart_rows(view, lam: float, *fields: str) -> list[list[dict]]:
    """The chart's evaluated data (tests/vega_eval.py) with ``fields``."""
    found = []
    for unit in vega_eval.units(view.spec):
        r = vega_eval.rows(unit, {charts.SIGNAL: lam})
        if r and all(f in r[0] for f in fields):
            found.append(r)
    return found


def chart_slope(view, lam: float) -> float:
    """The slope the chart draws (fitted line, current point) at ``lam``."""
    slopes = {r["slope"] for rows in chart_rows(view, lam, "slope") if len(rows) <= 2 for r in rows}
    (m,) = slopes
    return m


@pytest.mark.parametrize("chapter", ["lasso", "ridge"])
def test_slope_chart_slider_runs_from_0_to_its_reach(chapter, lasso_ns, ridge_ns):
    ns = {"lasso": lasso_ns, "ridge": ridge_ns}[chapter]
    ref, name = reference(chapter, ns)
    (param,) = ns["view"].spec["params"]
    assert param["bind"]["min"] == 0.0 and param["value"] == 0.0
    assert param["bind"]["max"] == pytest.approx(REACH[chapter] * ref, rel=1e-12)
    (star,) = {(r["g"], r["t"]) for rows in chart_rows(ns["view"], 0.0, "t") for r in rows}
    assert star[0] == pytest.approx(ref, rel=1e-12) and star[1] == name
    assert ns["view"].summary.endswith(
        f"from 0 to {REACH[chapter]:g} {name}; 30 points.".replace("λ", "lambda")
    )


def test_lasso_chart_shows_the_lasso_slope_and_its_exact_zeros(lasso_ns):
    x, y, view, lam_star = lasso_ns["x"], lasso_ns["y"], lasso_ns["view"], lasso_ns["lam_star"]
    xc, yc = centred(x, y)
    sxx, sxy = float(xc @ xc), float(xc @ yc)
    for lam in lam_star * np.arange(16) / 10:  # the chapter's steps of 0.1 lambda*
        m = chart_slope(view, lam)
        soft = np.sign(sxy) * max(abs(sxy) - lam / 2, 0.0) / sxx  # closed form, written here
        assert m == pytest.approx(soft, rel=1e-9, abs=1e-12)
        assert m == pytest.approx(sklearn_slope(x, y, lam, "l1"), abs=1e-8)
        if lam > lam_star * (1 + 1e-9):  # past the threshold: exactly zero, both
            assert m == 0.0 and sklearn_slope(x, y, lam, "l1") == 0.0
        elif lam < lam_star * (1 - 1e-9):
            assert m > 0.0
        else:  # lambda* itself: a tie
            assert abs(m) <= 1e-12
        # the loss at the marked minimiser: SSE at the best intercept plus the penalty
        (lowest,) = [r for r in chart_rows(view, lam, "m", "loss") if len(r) == 1]
        loss = float(np.sum((yc - m * xc) ** 2)) + lam * abs(m)
        assert lowest[0]["loss"] == pytest.approx(loss, rel=1e-10)


def test_ridge_chart_shows_the_ridge_slope_shrinking_but_never_zero(ridge_ns):
    x, y, view = ridge_ns["x"], ridge_ns["y"], ridge_ns["view"]
    xc, yc = centred(x, y)
    sxx, sxy = float(xc @ xc), float(xc @ yc)
    lams = sxx * np.arange(21) / 2  # 0 to 10 Sxx, the chart's range
    slopes = np.array([chart_slope(view, lam) for lam in lams])
    for lam, m in zip(lams, slopes):
        assert m == pytest.approx(sxy / (sxx + lam), rel=1e-12)
        assert m == pytest.approx(sklearn_slope(x, y, lam, "l2"), rel=1e-9)
        (lowest,) = [r for r in chart_rows(view, lam, "m", "loss") if len(r) == 1]
        loss = float(np.sum((yc - m * xc) ** 2)) + lam * m**2
        assert lowest[0]["loss"] == pytest.approx(loss, rel=1e-10)
    # the lowest point moves towards 0 but stays on the positive side (the chapter's words)
    assert np.all(slopes > 0.0) and np.all(np.diff(slopes) < 0.0)
    # at lambda = Sxx (dashed) the slope is half scikit-learn's least-squares slope
    assert chart_slope(view, sxx) == pytest.approx(sklearn_slope(x, y, 0.0, "l2") / 2, rel=1e-12)


@pytest.mark.parametrize("chapter", ["lasso", "ridge"])
def test_stored_slope_chart_is_what_the_cell_computes(chapter, lasso_ns, ridge_ns):
    ns = {"lasso": lasso_ns, "ridge": ridge_ns}[chapter]
    view, (ref, _) = ns["view"], reference(chapter, ns)
    (out,) = [o for o in cell(chapter, CHART[chapter]).outputs if "text/html" in o.get("data", {})]
    assert out.data["text/plain"] == view.summary
    assert out.data["image/png"]  # the PDF's small multiples
    assert "lambda-explorer" not in out.data["text/html"]  # no frames left
    stored = charts.Chart(
        vega_eval.spec_from_html(out.data["text/html"]), b"", view.summary, "stored", "λ"
    )
    for lam in ref * np.linspace(0.0, REACH[chapter], 7):
        assert chart_slope(stored, lam) == pytest.approx(
            chart_slope(view, lam), rel=1e-12, abs=1e-15
        )


def slider_parts(box):
    slider, image = box.children
    return slider, image


@pytest.mark.parametrize("chapter, penalty", [("lasso", "l1"), ("ridge", "l2")])
def test_live_slope_explorer_moves_to_scikit_learns_slope(chapter, penalty, lasso_ns, ridge_ns):
    ns = {"lasso": lasso_ns, "ridge": ridge_ns}[chapter]
    box = run(cell(chapter, LIVE[chapter]).source, ns, f"{chapter}: live explorer")
    slider, image = slider_parts(box)
    (ref, _), reach = reference(chapter, ns), REACH[chapter]
    x, y, explorer = ns["x"], ns["y"], ns["explorer"]
    assert slider.min == 0.0 and slider.value == 0.0
    assert slider.max == pytest.approx(reach * ref, rel=1e-12)
    for frac in (0.3, 0.8, 1.2, reach):
        before = image.value
        slider.value = frac * ref
        m = explorer.marker.get_ydata()[0]
        assert explorer.marker.get_xdata()[0] == slider.value
        assert m == pytest.approx(sklearn_slope(x, y, slider.value, penalty), abs=1e-8)
        assert (m == 0.0) == (penalty == "l1" and frac > 1)
        assert image.value != before, "the picture did not change"


# --------------------------------------------------------------- the diabetes path

DIABETES_SETUP = (
    "diabetes = data.load_diabetes_standardized()",
    "X, y, names = ",
    "n, p = X.shape",
    "lasso_grid = ",
)


@pytest.fixture(scope="module")
def diabetes_ns() -> dict:
    ns = {"np": np, "data": data, "path": path, "explore": explore, "charts": charts}
    run(chapter_lines("diabetes", *DIABETES_SETUP), ns, "diabetes: setup")
    # The figure cell draws path.lasso_path(X, y, lasso_grid)[0] as the lasso paths; the
    # explorer reuses them as plotted["lasso"]["coefs"].
    figure = next(
        c.source
        for c in notebook("diabetes").cells
        if "plot_ridge_lasso_paths(" in c.source and c.cell_type == "code"
    )
    assert "path.lasso_path(X, y, lasso_grid)[0]" in figure
    ns["plotted"] = {"lasso": {"coefs": path.lasso_path(ns["X"], ns["y"], ns["lasso_grid"])[0]}}
    ns["view"] = run(cell("diabetes", CHART["diabetes"]).source, ns, "diabetes: explorer")
    return ns


def sk_lasso(X, y, alpha: float) -> np.ndarray:
    return Lasso(alpha=alpha, tol=1e-12, max_iter=1_000_000).fit(X, y).coef_


def diabetes_bars(view, alpha: float) -> np.ndarray:
    """The bar chart's coefficients at ``alpha`` (tests/vega_eval.py)."""
    signals = {charts.LOG_SIGNAL: np.log10(alpha), charts.ALPHA_SIGNAL: alpha}
    (bars,) = [
        vega_eval.rows(u, signals)
        for u in vega_eval.units(view.spec)
        if u["mark"] == "bar" or u["mark"].get("type") == "bar"
    ]
    return np.array([r["coef"] for r in bars])


DIABETES_ALPHAS = np.logspace(np.log10(50.0), np.log10(0.01), 41)


def test_diabetes_chart_shows_lasso_solutions(diabetes_ns):
    X, y, view, p = diabetes_ns["X"], diabetes_ns["y"], diabetes_ns["view"], diabetes_ns["p"]
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alpha_max = np.max(np.abs(Xc.T @ yc)) / n
    for alpha in DIABETES_ALPHAS:
        w = diabetes_bars(view, alpha)
        assert w.shape == (p,)
        ref = sk_lasso(X, y, alpha)
        np.testing.assert_allclose(w, ref, rtol=0, atol=1e-7)
        # scikit-learn's zeros, with a stated tolerance; the chart's zeros are exact
        assert list(w == 0.0) == list(np.abs(ref) < 1e-10)
        # the KKT conditions, computed here
        g = Xc.T @ (yc - Xc @ w) / n
        active = w != 0.0
        np.testing.assert_allclose(g[active], alpha * np.sign(w[active]), rtol=0, atol=1e-8)
        assert np.all(np.abs(g[~active]) <= alpha + 1e-8)
        assert (alpha >= alpha_max) == bool(np.all(w == 0.0))


def test_diabetes_chart_shows_what_the_chapter_says(diabetes_ns):
    """No bar at first, then features one after another, and s3 leaves and comes back
    with the opposite sign, moving the slider from its right end leftwards."""
    view, names, p = diabetes_ns["view"], diabetes_ns["names"], diabetes_ns["p"]
    coefs = np.array([diabetes_bars(view, a) for a in DIABETES_ALPHAS])
    n_zero = np.sum(coefs == 0.0, axis=1)
    assert n_zero[0] == p and n_zero[-1] == 0
    assert np.all(np.diff(n_zero[: int(np.argmax(n_zero <= 2))]) <= 1)
    s3 = coefs[:, names.index("s3")]
    first_negative = int(np.argmax(s3 < 0))
    assert s3[first_negative] < 0
    gap = first_negative + int(np.argmax(s3[first_negative:] == 0.0))
    assert s3[gap] == 0.0 and np.any(s3[gap:] > 0)


def test_stored_diabetes_chart_is_what_the_cell_computes(diabetes_ns):
    view = diabetes_ns["view"]
    (out,) = [
        o for o in cell("diabetes", CHART["diabetes"]).outputs if "text/html" in o.get("data", {})
    ]
    assert out.data["text/plain"] == view.summary
    assert out.data["image/png"] and "lambda-explorer" not in out.data["text/html"]
    stored = charts.Chart(
        vega_eval.spec_from_html(out.data["text/html"]), b"", view.summary, "stored", "α"
    )
    for alpha in DIABETES_ALPHAS[::5]:
        np.testing.assert_allclose(
            diabetes_bars(stored, alpha), diabetes_bars(view, alpha), rtol=1e-12, atol=1e-12
        )


def test_live_diabetes_explorer_moves_to_scikit_learns_coefficients(diabetes_ns):
    box = run(cell("diabetes", LIVE["diabetes"]).source, diabetes_ns, "diabetes: live explorer")
    slider, image = slider_parts(box)
    X, y, explorer = diabetes_ns["X"], diabetes_ns["y"], diabetes_ns["explorer"]
    assert 10**slider.min == pytest.approx(0.01) and 10**slider.max == pytest.approx(50.0)
    assert slider.value == pytest.approx(0.01)
    for alpha in (40.0, 5.0, 0.08, 0.02):
        before = image.value
        slider.value = alpha
        ref = sk_lasso(X, y, alpha)
        widths = np.array([bar.get_width() for bar in explorer.bars])
        np.testing.assert_allclose(widths, ref, rtol=0, atol=1e-7)
        hatched = [bar.get_hatch() == "//" for bar in explorer.bars]
        assert hatched == list(np.abs(ref) < 1e-10), "zero bars are hatched, and only they"
        assert image.value != before, "the picture did not change"
