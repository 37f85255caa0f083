"""lessonlib.display.charts._chart: what each chart's slider tells a screen reader.

Every chart's HTML names its slider (``aria-label``) and speaks its value
(``aria-valuetext``: symbol = value = ratio reference). This file reads both from the
HTML of each of the book's chart kinds and checks them against the slider they describe
and against the reference value computed here (alpha_max by its definition for the path,
2 |Sxy| for the lasso's slope and Sxx for ridge's, 2 max |z_j| for thresholding,
||w_ols||_1 for the geometry).
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from lessonlib import data, path
from lessonlib.display import charts, explore

SAY = re.compile(
    r'var v = view\.signal\((?P<signal>"[^"]*")\);\s*'
    r'inputs\[0\]\.setAttribute\("aria-valuetext", (?P<symbol>"[^"]*") \+ " = " \+\s*'
    r"Number\(v\.toPrecision\(5\)\) \+\s*"
    r'" = " \+ \(v / (?P<star>[-+0-9.e]+)\)\.toPrecision\(3\) \+ " " \+ (?P<name>"[^"]*")\);'
)


def spoken(chart) -> dict:
    """What the chart's script says about its first slider, and its further sliders."""
    m = SAY.search(chart.html)
    assert m, "the slider's spoken value is not where the script should set it"
    (aria,) = re.findall(r'inputs\[0\]\.setAttribute\("aria-label", ("[^"]*")\);', chart.html)
    (more,) = re.findall(r"more = (\[.*?\]);", chart.html)
    return {
        "signal": json.loads(m["signal"]),
        "symbol": json.loads(m["symbol"]),
        "star": float(m["star"]),
        "name": json.loads(m["name"]),
        "aria": json.loads(aria),
        "more": json.loads(more),
    }


def slider_names(chart) -> set[str]:
    """The chart's signals: its sliders and the values computed from them."""
    return {p["name"] for p in chart.spec["params"]}


def test_the_path_chart_speaks_alpha_against_alpha_max():
    d = data.load_diabetes_standardized()
    names = list(d.feature_names)
    alphas = np.geomspace(50.0, 0.01, 8)
    ex = explore.PathExplorer(
        alphas,
        path.lasso_path(d.X, d.y, alphas)[0],
        lambda a: path.lasso_path(d.X, d.y, [a])[0][0],
        names,
        "lasso",
    )
    c = charts.path_chart(
        path.lasso_homotopy(d.X, d.y),
        names,
        name="p",
        low=0.01,
        high=50.0,
        print_explorer=ex,
        print_values=[1.0],
    )
    said = spoken(c)
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    assert said["star"] == pytest.approx(np.max(np.abs(Xc.T @ yc)) / yc.size, rel=1e-12)
    assert (said["signal"], said["symbol"], said["name"]) == (charts.ALPHA_SIGNAL, "α", "α_max")
    assert said["signal"] in slider_names(c)  # alpha itself, not its log10 the slider sets
    assert "α" in said["aria"] and "log scale" in said["aria"] and said["more"] == []


@pytest.mark.parametrize("penalty, word", [("l1", "lasso"), ("l2", "ridge")])
def test_the_slope_chart_speaks_lambda_against_its_own_reference(penalty, word):
    """The lasso's lambda against lambda* = 2 |Sxy|; ridge's against Sxx (its own units)."""
    x, y = data.make_simple_regression(n=20, slope=1.0, seed=4)
    xc, yc = x - x.mean(), y - y.mean()
    ref, name = {"l1": (2 * abs(float(xc @ yc)), "λ*"), "l2": (float(xc @ xc), "Sxx")}[penalty]
    c = charts.slope_chart(x, y, penalty, 2 * ref, name="s", print_values=[0.0])
    said = spoken(c)
    assert said["star"] == pytest.approx(ref, rel=1e-15)
    assert (said["signal"], said["symbol"], said["name"]) == (charts.SIGNAL, "λ", name)
    assert said["signal"] in slider_names(c)
    assert said["aria"] == f"λ, the {word} penalty weight" and said["more"] == []


def test_the_thresholding_chart_speaks_lambda_against_twice_the_largest_z():
    z = [3.0, -4.5, 0.5]
    c = charts.thresholding_chart(z, 12.0, name="o", print_values=[1.0])
    said = spoken(c)
    assert said["star"] == 2 * max(abs(v) for v in z)
    assert (said["signal"], said["symbol"], said["name"]) == (charts.SIGNAL, "λ", "λ*")
    assert "lasso" in said["aria"] and "ridge" in said["aria"]


def test_the_geometry_chart_speaks_both_sliders():
    w_ols = [0.5, -1.5]
    c = charts.geometry_chart(w_ols, [[30.0, 20.0], [20.0, 30.0]], name="g", t_step=0.5)
    said = spoken(c)
    assert said["star"] == sum(abs(v) for v in w_ols)
    assert (said["signal"], said["symbol"], said["name"]) == (charts.BUDGET_SIGNAL, "t", "‖w_ols‖₁")
    assert said["more"] == [[charts.RHO_SIGNAL, "ρ", "ρ, the correlation of the two features"]]
    assert {said["signal"], charts.RHO_SIGNAL} <= slider_names(c)
    assert "budget" in said["aria"]


def test_a_chart_is_named_for_its_page():
    c = charts.Chart({"mark": "point"}, b"", "A chart.", "demo-1", "x")
    assert c.dom_id == "chart-demo-1" and f'id="{c.dom_id}"' in c.html
    assert f"document.getElementById({json.dumps(c.dom_id)})" in c.html
    with pytest.raises(ValueError, match="name"):
        charts.Chart({"mark": "point"}, b"", "A chart.", "1 bad", "x")
