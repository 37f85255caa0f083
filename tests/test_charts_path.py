"""lessonlib.display.charts.path: the path view, its knot dots and the texts, evaluated here.

tests/test_charts.py checks the bars of the diabetes path chart; this file reads the other
view: every vertex of the drawn lines must be the lasso at its alpha (scikit-learn's
``Lasso`` and ``lars_path``), the dots must be exactly the knots of the path inside the
slider's range, and every text (the header at any alpha, the axis and view titles, the bold
"0" of an exact zero) must say what is drawn. tests/vega_eval.py evaluates the chart's data
and expressions, text included, as a browser would.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, lars_path

from lessonlib import data, path
from lessonlib.display import charts, explore
from lessonlib.display.style import feature_style
from vega_eval import d3_format, rows, text_rows, units

LOW, HIGH = 0.01, 50.0


@pytest.fixture(scope="module")
def diabetes():
    d = data.load_diabetes_standardized()
    X, y, names = d.X, d.y, list(d.feature_names)
    grid = np.logspace(np.log10(HIGH), np.log10(LOW), 12)
    ex = explore.PathExplorer(
        grid,
        path.lasso_path(X, y, grid)[0],
        lambda a: path.lasso_path(X, y, [a])[0][0],
        names,
        "lasso",
    )
    c = charts.path_chart(
        path.lasso_homotopy(X, y),
        names,
        name="d",
        low=LOW,
        high=HIGH,
        print_explorer=ex,
        print_values=[1.0],
    )
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    knots, _, coefs = lars_path(Xc, yc, method="lasso")
    return {"X": X, "y": y, "names": names, "chart": c, "knots": knots, "coefs": coefs}


def signals(alpha: float) -> dict[str, float]:
    return {charts.LOG_SIGNAL: float(np.log10(alpha)), charts.ALPHA_SIGNAL: alpha}


def mark(unit: dict) -> str:
    return unit["mark"] if isinstance(unit["mark"], str) else unit["mark"]["type"]


def view(c, kind: str, *fields: str) -> list[dict]:
    """The evaluated rows of the one ``kind`` mark whose data carries ``fields``."""
    (found,) = [
        rows(u, signals(1.0))
        for u in units(c.spec)
        if mark(u) == kind
        and u["data"]["values"]
        and all(f in u["data"]["values"][0] for f in fields)
    ]
    return found


def sk_lasso(X, y, alpha: float) -> np.ndarray:
    return Lasso(alpha=alpha, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_


def test_every_vertex_of_the_path_lines_is_the_lasso_at_its_alpha(diabetes):
    """Includes the left end of the view, alpha = low, between two knots (where a wrong
    interpolation once drew s5 at -37.68 instead of -36.06)."""
    X, y, names = diabetes["X"], diabetes["y"], diabetes["names"]
    lines = view(diabetes["chart"], "line", "a", "c")
    for j, name in enumerate(names):
        mine = sorted((r["a"], r["c"]) for r in lines if r["feature"] == name)
        alphas = np.array([a for a, _ in mine])
        assert alphas[0] == LOW and alphas[-1] == HIGH
        inside = diabetes["knots"][(diabetes["knots"] >= LOW) & (diabetes["knots"] <= HIGH)]
        # every knot is a vertex; between two, more points (the line is straight in
        # alpha, not in log alpha, so it is drawn through points read off the path)
        assert all(np.isclose(alphas, k, rtol=1e-10).any() for k in inside)
        assert len(alphas) >= 2 + len(inside) + 4 * len(inside)
        for a, c in mine:
            assert c == pytest.approx(sk_lasso(X, y, a)[j], abs=1e-6), (name, a)
    # the left end, by name: scikit-learn's lasso at alpha = low
    ref = sk_lasso(X, y, LOW)
    end = {r["feature"]: r["c"] for r in lines if r["a"] == LOW}
    np.testing.assert_allclose([end[nm] for nm in names], ref, rtol=0, atol=1e-6)
    assert end["s5"] == pytest.approx(ref[names.index("s5")], abs=1e-6)


def test_the_dots_are_exactly_the_knots_inside_the_view(diabetes):
    names = diabetes["names"]
    dots = view(diabetes["chart"], "point", "a", "c")
    knots, coefs = diabetes["knots"], diabetes["coefs"]
    keep = (knots >= LOW) & (knots <= HIGH)
    assert LOW not in {r["a"] for r in dots}, "the view's end is no knot"
    for j, name in enumerate(names):
        mine = sorted(((r["a"], r["c"]) for r in dots if r["feature"] == name), reverse=True)
        np.testing.assert_allclose([a for a, _ in mine], knots[keep], rtol=1e-10)
        np.testing.assert_allclose([c for _, c in mine], coefs[j, keep], atol=1e-8)
    assert len(dots) == len(names) * int(keep.sum())


def test_alpha_max_is_marked_and_labelled(diabetes):
    X, y = diabetes["X"], diabetes["y"]
    alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / X.shape[0]
    (rule,) = [
        u
        for u in units(diabetes["chart"].spec)
        if mark(u) == "rule" and "t" in (u["data"]["values"] or [{}])[0]
    ]
    ((row,),) = [[r] for r in rows(rule, signals(1.0))]
    assert row["a"] == pytest.approx(alpha_max, rel=1e-12) and row["t"] == "α_max"
    assert np.all(sk_lasso(X, y, row["a"] * (1 + 1e-9)) == 0.0)
    assert np.any(sk_lasso(X, y, row["a"] * (1 - 1e-3)) != 0.0)


@pytest.mark.parametrize("alpha", [45.5, 20.0, 1.0, 0.0123])
def test_header_says_alpha_and_its_ratio_to_alpha_max(diabetes, alpha):
    X, y = diabetes["X"], diabetes["y"]
    alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / X.shape[0]
    texts = [
        r["text"]
        for u in units(diabetes["chart"].spec)
        if mark(u) == "text"
        for r in text_rows(u, signals(alpha))
        if "text" in r
    ]
    ratio = d3_format(alpha / alpha_max, ".3~g")
    assert texts == [f"α = {d3_format(alpha, ',.4~r')} = {ratio} α_max"]
    assert float(ratio) == pytest.approx(alpha / alpha_max, rel=5e-3)


@pytest.mark.parametrize("alpha", [60.0, 44.0, 20.0, 5.0, 0.5, 0.02])
def test_a_bold_0_marks_exactly_the_features_scikit_learn_sets_to_0(diabetes, alpha):
    X, y, names = diabetes["X"], diabetes["y"], diabetes["names"]
    (zero_view,) = [
        u
        for u in units(diabetes["chart"].spec)
        if mark(u) == "text" and u["data"]["values"][0].get("feature")
    ]
    marked = [r["feature"] for r in text_rows(zero_view, signals(alpha))]
    ref = sk_lasso(X, y, alpha)
    assert marked == [nm for nm, w in zip(names, ref) if abs(w) < 1e-10]
    assert all(r["z"] == "0" for r in text_rows(zero_view, signals(alpha)))
    assert zero_view["mark"]["fontWeight"] == "bold"


def test_axes_and_views_name_what_they_show(diabetes):
    spec = diabetes["chart"].spec
    titles = {}
    for u in units(spec):
        for channel in ("x", "y"):
            enc = u.get("encoding", {}).get(channel, {})
            if enc.get("title") is not None and "field" in enc:
                titles.setdefault(enc["field"], set()).add(enc["title"])
    assert titles == {"coef": {"coefficient at α"}, "a": {"α (log scale)"}, "c": {"coefficient"}}
    (bars_view, path_view) = spec["vconcat"][1]["hconcat"]
    assert bars_view["title"] == "coefficients at α (0: exactly 0)"
    assert path_view["title"] == "the lasso path; dots: knots"


def test_each_feature_has_the_colour_and_dash_of_the_books_figures(diabetes):
    names = diabetes["names"]
    (line,) = [u for u in units(diabetes["chart"].spec) if mark(u) == "line"]
    hue, dash = line["encoding"]["color"]["scale"], line["encoding"]["strokeDash"]["scale"]
    assert hue["domain"] == names == dash["domain"]
    dashes = {"-": [1, 0], "--": [6, 3], ":": [1, 2]}
    for j in range(len(names)):
        assert hue["range"][j] == feature_style(j)["color"]
        assert dash["range"][j] == dashes[feature_style(j)["linestyle"]]
