"""The geometry explorer (lessonlib.display.charts.geometry): its data and expressions.

tests/vega_eval.py runs the chart's embedded data through its Vega
expressions in Python at slider positions; the drawn solutions are compared
with solvers written in tests/browser_geometry_check.py (KKT candidates for
the diamond, brentq along the circle), not lessonlib's, to 1e-9, and the
contours with the loss computed here. The chapter's stored chart
(book/geometry.ipynb) is checked to be the one its cell builds.
"""

from __future__ import annotations

import json
import math
import re

import nbformat
import numpy as np
import pytest

import cells
import vega_eval
from browser_geometry_check import hessian, lasso_kkt, loss, ridge_circle
from cells import run
from lessonlib.display import charts
from lessonlib.topics import geometry

CELL = "geo-explore"
# Vega's functions the chart uses beyond vega_eval's, in Python (Vega's
# round is half-up; the argument here is always within 1e-9 of a whole
# number, so Python's round agrees)
MATH = {"sqrt": math.sqrt, "cos": math.cos, "sin": math.sin, "round": round}


def cell(cell_id: str) -> nbformat.NotebookNode:
    return cells.cell("geometry", cell_id)


def chapter_lines(*prefixes: str) -> str:
    return cells.chapter_lines("geometry", *prefixes)


@pytest.fixture(scope="module")
def chapter() -> dict:
    """The chapter's problem lines, then its explorer cell."""
    ns = {"np": np, "geometry": geometry, "charts": charts}
    run(chapter_lines("problem = geometry.random_problems(", "w_ols, H = "), ns, "geometry: setup")
    ns["view"] = run(cell(CELL).source, ns, "geometry: explorer")
    return ns


def params(view) -> dict:
    return {p["name"]: p for p in view.spec["params"]}


def evaluated(view, t: float, rho: float) -> list[list[dict]]:
    """Every view's rows at the sliders (t, rho)."""
    signals = {charts.BUDGET_SIGNAL: t, charts.RHO_SIGNAL: rho, **MATH}
    return [vega_eval.rows(u, signals) for u in vega_eval.units(view.spec)]


def grid(view) -> tuple[list[float], list[float]]:
    """The sliders' values, as a browser's range input steps them."""
    out = []
    for name in (charts.BUDGET_SIGNAL, charts.RHO_SIGNAL):
        b = params(view)[name]["bind"]
        n = round((b["max"] - b["min"]) / b["step"])
        out.append([float(f"{b['min'] + k * b['step']:.10f}") for k in range(n + 1)])
    return out[0], out[1]


def problem(view) -> tuple[np.ndarray, float, float]:
    (ols,) = [
        u["data"]["values"] for u in vega_eval.units(view.spec) if "h11" in u["data"]["values"][0]
    ]
    return np.array([ols[0]["x"], ols[0]["y"]]), ols[0]["h11"], ols[0]["h22"]


def test_the_cell_shows_the_chart_not_its_code():
    tags = set(cell(CELL).metadata.get("tags", []))
    assert tags == {"remove-input", "nbval-ignore-output"}, tags


def test_the_chart_draws_the_chapters_problem(chapter):
    w_ols, h11, h22 = problem(chapter["view"])
    np.testing.assert_array_equal(w_ols, chapter["w_ols"])
    assert (h11, h22) == (chapter["H"][0, 0], chapter["H"][1, 1])
    ts, rhos = grid(chapter["view"])
    assert (len(ts), len(rhos)) == (41, 13)
    assert ts[0] == 0.0 and ts[-1] == 2.0 and rhos[0] == -0.9
    assert rhos[6] == 0.0 and rhos[-1] == 0.9
    # the sliders start on the grid, next to the figure's t and correlation
    p = params(chapter["view"])
    t0, rho0 = p["t"]["value"], p["rho"]["value"]
    assert t0 in ts and rho0 in rhos
    H = chapter["H"]
    corr = H[0, 1] / np.sqrt(H[0, 0] * H[1, 1])
    assert abs(rho0 - corr) <= 0.075 and abs(t0 - np.abs(w_ols).sum() / 2) <= 0.025


def test_every_embedded_solution_is_the_independent_one(chapter):
    """All 41 x 13 rows, against the KKT candidates and the circle search."""
    view = chapter["view"]
    w_ols, h11, h22 = problem(view)
    ts, rhos = grid(view)
    (rows,) = [
        u["data"]["values"] for u in vega_eval.units(view.spec) if "a1" in u["data"]["values"][0]
    ][:1]
    assert len(rows) == len(ts) * len(rhos)
    corners = 0
    for row in rows:
        t, rho = ts[row["i"]], rhos[row["j"]]
        H = hessian(h11, h22, rho)
        a, r = np.array([row["a1"], row["a2"]]), np.array([row["r1"], row["r2"]])
        lasso, ridge = lasso_kkt(w_ols, H, t), ridge_circle(w_ols, H, t)
        np.testing.assert_allclose(a, lasso, rtol=0, atol=1e-9)
        np.testing.assert_allclose(r, ridge, rtol=0, atol=1e-9)
        # exact zeros exactly where the KKT candidates put a corner
        assert list(a == 0.0) == list(lasso == 0.0), (t, rho, a, lasso)
        assert np.abs(a).sum() <= t * (1 + 1e-12)
        assert np.linalg.norm(r) <= t * (1 + 1e-12)
        corners += bool(t > 0 and np.any(a == 0.0))
        if t > 0:
            assert np.all(r != 0.0)
    assert 0 < corners < len(rows) - len(rhos)  # corners, and edges too


POSITIONS = [
    (0.0, 0.75),
    (0.05, -0.9),
    (0.45, -0.9),
    (0.9, 0.75),
    (1.2, 0.0),
    (1.25, 0.3),
    (1.55, 0.9),
    (2.0, -0.45),
]


@pytest.mark.parametrize("t, rho", POSITIONS)
def test_the_view_draws_the_solutions_and_their_contours(chapter, t, rho):
    view = chapter["view"]
    w_ols, h11, h22 = problem(view)
    H = hessian(h11, h22, rho)
    lasso, ridge = lasso_kkt(w_ols, H, t), ridge_circle(w_ols, H, t)
    drawn = [r for r in evaluated(view, t, rho) if r and "a1" in r[0]]
    # the filter picks one row of the grid, the one of these slider values
    ts, rhos = grid(view)
    assert {(p["i"], p["j"]) for rows in drawn for p in rows} == {(ts.index(t), rhos.index(rho))}
    points = [rows[0] for rows in drawn if len(rows) == 1 and "x" in rows[0]]
    np.testing.assert_allclose(
        sorted((p["x"], p["y"]) for p in points),
        sorted([tuple(lasso), tuple(ridge)]),
        rtol=0,
        atol=1e-9,
    )
    a = next(np.array([p["a1"], p["a2"]]) for p in points)
    assert list(a == 0.0) == list(lasso == 0.0)
    contours = [rows for rows in drawn if len(rows) > 1]
    assert len(contours) == 2
    for rows, w in zip(contours, (lasso, ridge)):  # lasso's first, then ridge's
        assert len(rows) == 97
        assert rows[0]["x"] == pytest.approx(rows[-1]["x"], abs=1e-12)
        level = loss(w, w_ols, H)
        for p in rows:
            assert p["c"] == pytest.approx(level, rel=1e-9, abs=1e-12)
            assert loss([p["x"], p["y"]], w_ols, H) == pytest.approx(level, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("t", [0.0, 0.35, 1.0, 2.0])
def test_the_diamond_and_the_disk_have_radius_t(chapter, t):
    units = evaluated(chapter["view"], t, 0.0)
    (diamond,) = [r for r in units if r and "u" in r[0]]
    (disk,) = [r for r in units if len(r) == 97 and "a1" not in r[0]]
    np.testing.assert_array_equal(
        [(p["x"], p["y"]) for p in diamond], [(t, 0), (0, t), (-t, 0), (0, -t), (t, 0)]
    )
    for p in disk:
        assert math.hypot(p["x"], p["y"]) == pytest.approx(t, abs=1e-12)


def test_equal_scales_and_the_header_says_the_zeros(chapter):
    spec = chapter["view"].spec
    assert spec["width"] == spec["height"]
    domains = {
        json.dumps(u["encoding"][k]["scale"]["domain"])
        for u in vega_eval.units(spec)
        for k in ("x", "y")
        if k in u.get("encoding", {})
    }
    (domain,) = domains  # one domain for both axes: a diamond is a diamond
    low, high = json.loads(domain)
    assert high == -low > 0
    text = json.dumps(spec, ensure_ascii=False)
    for j in (1, 2):
        assert f"datum.a{j} === 0 ? ': w{j} = 0 exactly'" in text
    assert "format(t, '.2f')" in text and "format(rho, '.2f')" in text


def test_stored_chart_is_what_the_cell_builds(chapter):
    view = chapter["view"]
    (out,) = [o for o in cell(CELL).outputs if "text/html" in o.get("data", {})]
    assert out.data["text/plain"] == view.summary
    assert out.data["image/png"]  # the PDF's small multiples
    html = out.data["text/html"]
    assert len(html.encode()) < 150_000  # the page stays light
    stored = charts.Chart(vega_eval.spec_from_html(html), b"", view.summary, "stored", "t")
    for t, rho in POSITIONS:
        mine = [r for r in evaluated(view, t, rho) if r and "a1" in r[0]]
        theirs = [r for r in evaluated(stored, t, rho) if r and "a1" in r[0]]
        # The stored data were computed on another CPU: equal to the last few bits.
        assert_same_rows(mine, theirs)
    assert params(stored) == params(view)


def assert_same_rows(mine, theirs) -> None:
    """Equal keys, equal integers and strings, floats equal to a relative 1e-12."""
    assert len(mine) == len(theirs)
    for a, b in zip(mine, theirs):
        if isinstance(a, dict):
            assert isinstance(b, dict) and a.keys() == b.keys(), (a, b)
            assert_same_rows(list(a.values()), list(b.values()))
        elif isinstance(a, list):
            assert isinstance(b, list), (a, b)
            assert_same_rows(a, b)
        elif isinstance(a, float) or isinstance(b, float):
            assert a == pytest.approx(b, rel=1e-12, abs=1e-12), (a, b)
        else:
            assert a == b


def test_both_sliders_are_labelled(chapter):
    html = chapter["view"].html
    assert '"t, the budget of both balls"' in html
    assert re.search(r'\[\["rho", "ρ", "ρ, the correlation[^"]*"\]\]', html)
    assert "spec.width === spec.height" in html  # a phone keeps it square


def test_constrained_solution_at_the_ends():
    H = np.array([[2.0, 0.5], [0.5, 1.0]])
    for norm in ("l1", "l2"):
        np.testing.assert_array_equal(
            geometry.constrained_solution([1.0, -2.0], H, 0.0, norm), [0, 0]
        )
        np.testing.assert_array_equal(
            geometry.constrained_solution([0.1, -0.2], H, 5.0, norm), [0.1, -0.2]
        )
    w = geometry.constrained_solution([1.0, -2.0], H, 0.7, "l1")
    np.testing.assert_allclose(w, lasso_kkt(np.array([1.0, -2.0]), H, 0.7), rtol=0, atol=1e-12)


def test_bad_input_is_named():
    H = np.eye(2)
    with pytest.raises(ValueError, match="t_step"):
        charts.geometry_chart([1.0, 1.0], H, name="g", t_max=1.0, t_step=0.3)
    with pytest.raises(ValueError, match="rho_max"):
        charts.geometry_chart([1.0, 1.0], H, name="g", rho_max=1.0)
    with pytest.raises(ValueError, match="rhos"):
        charts.geometry_grid([1.0, 1.0], H, [1.0], [1.0])
    with pytest.raises(ValueError, match="budgets"):
        charts.geometry_grid([1.0, 1.0], H, [-1.0], [0.0])
    with pytest.raises(ValueError, match="t must be >= 0"):
        geometry.constrained_solution([1.0, 1.0], H, -1.0, "l1")
