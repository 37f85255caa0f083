"""lessonlib.display.charts.geometry: what the geometry chart writes and colours, on a problem
made here.

tests/test_charts_geometry.py checks the chapter's chart: its solutions, contours, diamond
and disk. This file reads the texts of a chart built here as a browser would
(tests/vega_eval.py, d3-format included): the three header lines at each slider position,
against the solutions of tests/browser_geometry_check.py (KKT candidates of the diamond,
brentq along the circle), and the colours and axis names that tell lasso from ridge.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import vega_eval
from browser_geometry_check import hessian, lasso_kkt, loss, ridge_circle
from lessonlib.display import charts
from lessonlib.display.style import color

W_OLS = np.array([0.5, -1.5])
H = np.array([[30.0, 20.0], [20.0, 30.0]])
MATH = {"sqrt": math.sqrt, "cos": math.cos, "sin": math.sin, "round": round}


@pytest.fixture(scope="module")
def chart():
    return charts.geometry_chart(W_OLS, H, name="t", t_max=2.0, t_step=0.25, rho_step=0.3)


def drawn(chart, t: float, rho: float) -> list[tuple[dict, list[dict]]]:
    signals = {charts.BUDGET_SIGNAL: t, charts.RHO_SIGNAL: rho}
    return [(u, vega_eval.text_rows(u, signals)) for u in vega_eval.units(chart.spec)]


def number(v: float) -> str:
    return "0" if v == 0 else vega_eval.d3_format(v, ".4f")


@pytest.mark.parametrize("t", [0.0, 0.25, 0.5, 1.0, 1.5, 2.0])
@pytest.mark.parametrize("rho", [-0.9, 0.0, 0.6])
def test_the_header_states_the_sliders_and_each_solution(chart, t, rho):
    Hr = hessian(H[0, 0], H[1, 1], rho)
    lasso, ridge = lasso_kkt(W_OLS, Hr, t), ridge_circle(W_OLS, Hr, t)
    lines = {}
    for unit, rows in drawn(chart, t, rho):
        for k in range(3):
            if rows and f"text{k}" in rows[0]:
                (row,) = rows
                lines[k] = (row[f"text{k}"], unit["mark"]["color"])
    assert lines[0][0] == f"t = {t:.2f}, ρ = {vega_eval.d3_format(rho, '.2f')}   × least squares"
    inside = loss(lasso, W_OLS, Hr) == 0
    which = (
        ": least squares (inside)"
        if inside
        else ": w1 = w2 = 0"
        if np.all(lasso == 0)
        else ": w1 = 0 exactly"
        if lasso[0] == 0
        else ": w2 = 0 exactly"
        if lasso[1] == 0
        else ""
    )
    text, hue = lines[1]
    assert hue == color("lasso")
    shown = text.removeprefix("lasso (").split(")")[0].split(", ")
    assert [float(s.replace("−", "-")) for s in shown] == pytest.approx(lasso, abs=6e-5)
    assert [s == "0" for s in shown] == list(lasso == 0.0)
    assert text.endswith(")" + which)
    text, hue = lines[2]
    assert hue == color("ridge")
    shown = text.removeprefix("ridge (").split(")")[0].split(", ")
    assert [float(s.replace("−", "-")) for s in shown] == pytest.approx(ridge, abs=6e-5)
    ridge_inside = loss(ridge, W_OLS, Hr) == 0
    assert text.endswith(")" + (": least squares (inside)" if ridge_inside else ""))
    assert t > 0 or (which == ": w1 = w2 = 0" and shown == ["0", "0"])


def test_each_solution_is_drawn_in_its_methods_colour(chart):
    t, rho = 1.0, 0.6
    Hr = hessian(H[0, 0], H[1, 1], rho)
    refs = {color("lasso"): lasso_kkt(W_OLS, Hr, t), color("ridge"): ridge_circle(W_OLS, Hr, t)}
    signals = {charts.BUDGET_SIGNAL: t, charts.RHO_SIGNAL: rho, **MATH}
    points = [
        (u["mark"]["color"], vega_eval.rows(u, signals))
        for u in vega_eval.units(chart.spec)
        if mark_type(u) == "point" and u["mark"].get("color") in refs
    ]
    assert len(points) == 2
    for hue, ((row,),) in [(h, (r,)) for h, r in points]:
        np.testing.assert_allclose([row["x"], row["y"]], refs[hue], rtol=0, atol=1e-9)
    # the diamond is drawn in the lasso's colour, the disk in ridge's
    lines = [u for u in vega_eval.units(chart.spec) if mark_type(u) == "line"]
    (diamond,) = [u for u in lines if "u" in u["data"]["values"][0]]
    (disk,) = [u for u in lines if set(u["data"]["values"][0]) == {"k"}]
    assert diamond["mark"]["color"] == color("lasso") and disk["mark"]["color"] == color("ridge")
    assert {abs(r["x"]) + abs(r["y"]) for r in vega_eval.rows(diamond, signals)} == {t}
    for r in vega_eval.rows(disk, signals):
        assert math.hypot(r["x"], r["y"]) == pytest.approx(t, rel=1e-12)


def mark_type(unit: dict) -> str:
    return unit["mark"] if isinstance(unit["mark"], str) else unit["mark"]["type"]


def test_axes_are_w1_and_w2_on_one_scale(chart):
    titles = {}
    for u in vega_eval.units(chart.spec):
        for channel in ("x", "y"):
            enc = u.get("encoding", {}).get(channel, {})
            if "title" in enc:
                titles.setdefault(channel, set()).add(enc["title"])
    assert titles == {"x": {"w1"}, "y": {"w2"}}
