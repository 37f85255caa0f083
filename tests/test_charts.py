"""lessonlib.display.charts: the chart's own data and expressions, evaluated here.

tests/vega_eval.py runs each view's embedded data through its Vega
expressions in Python; what comes out is compared with closed forms written
here with NumPy and with scikit-learn, at many slider positions, to 1e-9.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge

from lessonlib import data, scale
from lessonlib.display import charts
from toc import ROOT
from vega_eval import rows, spec_from_html, units

X, Y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, seed=0)
XC, YC = X - X.mean(), Y - Y.mean()
SXX, SXY = float(XC @ XC), float(XC @ YC)
LAM_STAR = 2 * abs(SXY)
# Each penalty's lambda against a reference in its own units: the lasso's lambda* = 2|Sxy|
# (x y), ridge's Sxx (x squared), as the chart must state them; and the chapters' reaches.
REFERENCE = {"l1": (LAM_STAR, "λ*", "lambda*"), "l2": (SXX, "Sxx", "Sxx")}
REACH = {"l1": 1.5, "l2": 10.0}


def sklearn_fit(lam: float, penalty: str) -> tuple[float, float]:
    """(slope, intercept) by scikit-learn at the book's lambda."""
    Xm = X[:, None]
    if lam == 0.0:
        model = LinearRegression()
    elif penalty == "l1":
        model = Lasso(alpha=scale.lasso_alpha(lam, X.size), tol=1e-14, max_iter=100_000)
    else:
        model = Ridge(alpha=lam)
    model.fit(Xm, Y)
    return float(model.coef_[0]), float(model.intercept_)


def closed_form(lam: float, penalty: str) -> float:
    if penalty == "l1":
        return float(np.sign(SXY) * max(abs(SXY) - lam / 2, 0.0) / SXX)
    return SXY / (SXX + lam)


def loss(m: float, lam: float, penalty: str) -> float:
    pen = lam * abs(m) if penalty == "l1" else lam * m * m
    return float(np.sum((YC - m * XC) ** 2)) + pen


@pytest.fixture(scope="module", params=["l1", "l2"])
def chart(request):
    reach, ref = REACH[request.param], REFERENCE[request.param][0]
    c = charts.slope_chart(X, Y, request.param, reach * ref, name="t", print_values=[0.0, ref])
    return request.param, reach, c


def by_fields(spec: dict, lam: float, *fields: str) -> list[list[dict]]:
    """The evaluated data of every view whose rows carry ``fields``."""
    found = []
    for unit in units(spec):
        r = rows(unit, {charts.SIGNAL: lam})
        if r and all(f in r[0] for f in fields):
            found.append(r)
    return found


LAMS = np.linspace(0.0, 1.0, 41)


def test_the_slider_is_lambda_from_0_to_lam_max(chart):
    penalty, reach, c = chart
    ref = REFERENCE[penalty][0]
    (param,) = c.spec["params"]
    assert param["name"] == charts.SIGNAL and param["value"] == 0.0
    assert param["bind"]["input"] == "range"
    assert param["bind"]["min"] == 0.0
    assert param["bind"]["max"] == pytest.approx(reach * ref, rel=1e-15)
    assert param["bind"]["step"] <= reach * ref / 500


def test_the_current_slope_and_line_are_scikit_learns(chart):
    penalty, reach, c = chart
    for frac in LAMS * reach:
        lam = frac * REFERENCE[penalty][0]
        line = list(by_fields(c.spec, lam, "xx", "yy"))
        (ends,) = line
        m, b = sklearn_fit(lam, penalty)
        for r in ends:
            assert r["slope"] == pytest.approx(closed_form(lam, penalty), rel=1e-9, abs=1e-12)
            assert r["slope"] == pytest.approx(m, abs=1e-8)
            assert r["yy"] == pytest.approx(b + m * r["xx"], abs=1e-7)
        assert sorted(r["xx"] for r in ends) == [X.min(), X.max()]
        if penalty == "l1" and frac > 1:
            assert all(r["slope"] == 0.0 for r in ends), "exactly zero"


def test_the_loss_curve_and_its_lowest_point(chart):
    penalty, reach, c = chart
    for frac in (0.0, 0.3, 0.99, 1.0, 1.2, reach):
        lam = frac * REFERENCE[penalty][0]
        curves = by_fields(c.spec, lam, "m", "loss")
        (curve,) = [r for r in curves if len(r) > 1]
        (lowest,) = [r for r in curves if len(r) == 1]
        for r in curve[::10] + lowest:
            assert r["loss"] == pytest.approx(loss(r["m"], lam, penalty), rel=1e-9)
        best = lowest[0]
        assert best["m"] == pytest.approx(closed_form(lam, penalty), rel=1e-9, abs=1e-12)
        # lowest on a fine grid around it, computed here
        ms = best["m"] + np.linspace(-1, 1, 2001) * 0.05
        assert best["loss"] <= min(loss(m, lam, penalty) for m in ms) + 1e-9


def test_the_slope_curve_and_its_reference(chart):
    penalty, reach, c = chart
    ref, name, _ = REFERENCE[penalty]
    (curve,) = [r for r in by_fields(c.spec, 0.0, "g", "slope") if len(r) > 1]
    gs = np.array([r["g"] for r in curve])
    assert gs[0] == 0.0 and gs[-1] == pytest.approx(reach * ref)
    for r in curve:
        assert r["slope"] == pytest.approx(closed_form(r["g"], penalty), rel=1e-9, abs=1e-12)
    stars = list(by_fields(c.spec, 0.0, "g", "t"))
    # the dashed rule and its label, both at lambda* = 2|Sxy| (lasso) or Sxx (ridge)
    assert stars == 2 * [[{"g": pytest.approx(ref, rel=1e-15), "t": name}]]
    # what the reference means, by scikit-learn: the lasso's slope is 0 from it on,
    # ridge's is half the least-squares slope there
    if penalty == "l1":
        assert sklearn_fit(ref * (1 + 1e-9), penalty)[0] == 0.0
    else:
        half = sklearn_fit(0.0, penalty)[0] / 2
        assert sklearn_fit(ref, penalty)[0] == pytest.approx(half, rel=1e-9)
    # the current point sits on the curve at the slider's lambda
    for frac in (0.25, 1.25):
        lam = frac * ref
        (point,) = [r for r in by_fields(c.spec, lam, "g", "slope") if len(r) == 1]
        assert point[0]["g"] == lam
        assert point[0]["slope"] == pytest.approx(sklearn_fit(lam, penalty)[0], abs=1e-8)


def test_the_points_are_the_data(chart):
    _, _, c = chart
    (pts,) = by_fields(c.spec, 0.0, "x", "y")
    np.testing.assert_array_equal([r["x"] for r in pts], X)
    np.testing.assert_array_equal([r["y"] for r in pts], Y)


def test_outputs_html_png_and_text_without_raw_floats(chart):
    penalty, reach, c = chart
    bundle = c._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}
    assert bundle["image/png"].startswith("iVBORw0KGgo")
    assert spec_from_html(bundle["text/html"]) == json.loads(json.dumps(c.spec))
    html = bundle["text/html"].replace("https://vega.github.io/schema/vega-lite/v5", "")
    # The only addresses: Vega from a CDN, loaded only where the site's copy is missing
    # (a notebook); the site itself never requests them (tests/test_browser.py).
    for url in charts.VEGA_CDN:
        html = html.replace(url, "")
    assert "http" not in html
    assert "if (window.vegaEmbed) { draw(); return; }" in bundle["text/html"]
    assert 'class="lesson-chart"' in bundle["text/html"]
    assert bundle["text/plain"] == (
        f"{'Lasso' if penalty == 'l1' else 'Ridge'} explorer: slider for "
        f"lambda from 0 to {reach:g} {REFERENCE[penalty][2]}; 30 points."
    )


def test_cdn_vega_is_the_version_the_site_serves():
    versions = (ROOT / "_ext" / "static" / "vega" / "VERSIONS").read_text().split()
    served = dict(zip(versions[::2], versions[1::2]))
    assert served == charts.VEGA_VERSIONS
    for name, version in served.items():
        assert f"/npm/{name}@{version}/build/{name}.min.js" in " ".join(charts.VEGA_CDN)


def test_label_states_lambda_and_its_ratio_to_its_reference(chart):
    penalty, _, c = chart
    ref, name, _ = REFERENCE[penalty]
    text = json.dumps(c.spec, ensure_ascii=False)
    assert "format(lam, ',.4~r')" in text
    assert f"format(lam / {ref!r}, '.3~r') + ' {name}')" in text
    assert "'λ = 0 (least squares)'" in text
    assert "(exactly 0)" in text
    if penalty == "l2":  # ridge's lambda is never measured against the lasso's lambda*
        assert "λ*" not in text and repr(LAM_STAR) not in text


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="penalty"):
        charts.slope_chart(X, Y, "l3", 1.0, name="t")
    with pytest.raises(ValueError, match="name"):
        charts.slope_chart(X, Y, "l1", 1.0, name="1 bad")
    with pytest.raises((ValueError, TypeError), match="lam_max"):
        charts.slope_chart(X, Y, "l1", -1.0, name="t")


# ------------------------------------------------------ the exact lasso path


@pytest.fixture(scope="module")
def diabetes_chart():
    from lessonlib import path
    from lessonlib.display import explore

    d = data.load_diabetes_standardized()
    X, y, names = d.X, d.y, list(d.feature_names)
    grid = np.logspace(np.log10(50.0), -2, 40)
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
        low=0.01,
        high=50.0,
        print_explorer=ex,
        print_values=[30.0, 0.1],
    )
    return X, y, names, c


def bars_at(c, alpha: float) -> list[dict]:
    """The bar view's rows at ``alpha`` (one per feature, by the filter)."""
    signals = {charts.LOG_SIGNAL: np.log10(alpha), charts.ALPHA_SIGNAL: alpha}
    (bars,) = [
        rows(u, signals)
        for u in units(c.spec)
        if u["mark"] == "bar" or u["mark"].get("type") == "bar"
    ]
    return bars


def sk_lasso(X, y, alpha: float) -> np.ndarray:
    return Lasso(alpha=alpha, tol=1e-12, max_iter=1_000_000).fit(X, y).coef_


def test_path_segments_are_scikit_learns_knots(diabetes_chart):
    from sklearn.linear_model import lars_path

    X, y, names, c = diabetes_chart
    sk_alphas, _, sk_coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    seg = next(u for u in units(c.spec) if u["mark"] == "bar" or u["mark"].get("type") == "bar")
    data_rows = seg["data"]["values"]
    for j, name in enumerate(names):
        mine = [r for r in data_rows if r["feature"] == name]
        assert mine[0]["a0"] == 1e6 and mine[0]["c0"] == mine[0]["c1"] == 0
        knots = [mine[0]["a1"]] + [r["a1"] for r in mine[1:]]
        np.testing.assert_allclose(knots, sk_alphas, rtol=0, atol=1e-8)
        np.testing.assert_allclose([r["c1"] for r in mine[1:]], sk_coefs[j, 1:], rtol=0, atol=1e-8)


ALPHAS = np.concatenate([np.logspace(np.log10(50.0), -2, 37), [45.0, 3.0, 0.08, 0.05, 0.0105]])


def test_bars_are_the_lasso_at_every_alpha(diabetes_chart):
    """The chart's interpolation equals scikit-learn's Lasso and meets the
    KKT conditions (computed here) at alphas between and near the knots."""
    X, y, names, c = diabetes_chart
    n = X.shape[0]
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    for alpha in ALPHAS:
        bars = bars_at(c, alpha)
        assert [r["feature"] for r in bars] == names  # one row each
        w = np.array([r["coef"] for r in bars])
        np.testing.assert_allclose(w, sk_lasso(X, y, alpha), rtol=0, atol=1e-7)
        g = Xc.T @ (yc - Xc @ w) / n
        active = w != 0.0
        np.testing.assert_allclose(g[active], alpha * np.sign(w[active]), rtol=1e-9, atol=1e-9)
        assert np.all(np.abs(g[~active]) <= alpha * (1 + 1e-9))
        # exact zeros where scikit-learn has (numerically) zero, and only there
        ref = sk_lasso(X, y, alpha)
        assert list(w == 0.0) == list(np.abs(ref) < 1e-10)


def test_bars_are_exact_at_the_knots(diabetes_chart):
    from sklearn.linear_model import lars_path

    X, y, _names, c = diabetes_chart
    sk_alphas, _, sk_coefs = lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")
    for k, alpha in enumerate(sk_alphas):
        if alpha < 0.01:
            continue
        w = np.array([r["coef"] for r in bars_at(c, alpha)])
        np.testing.assert_allclose(w, sk_coefs[:, k], rtol=0, atol=1e-9)


def test_path_chart_marks_alpha_max_and_agrees_with_its_slider(diabetes_chart):
    X, y, _names, c = diabetes_chart
    n = X.shape[0]
    alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / n
    text = json.dumps(c.spec, ensure_ascii=False)
    (ratio,) = re.findall(r"format\(alpha / ([0-9.e+-]+), '\.3~g'\) \+ ' α_max'", text)
    assert float(ratio) == pytest.approx(alpha_max, rel=1e-12)
    (amax,) = {r["a"] for u in units(c.spec) for r in u["data"]["values"] if r.get("t") == "α_max"}
    assert amax == pytest.approx(alpha_max, rel=1e-12)
    log_param = next(p for p in c.spec["params"] if p["name"] == charts.LOG_SIGNAL)
    assert log_param["bind"]["min"] == pytest.approx(-2.0)
    assert log_param["bind"]["max"] == pytest.approx(np.log10(50.0))
    # slider and axis both grow to the right: alpha = 10 ** slider
    alpha_param = next(p for p in c.spec["params"] if p["name"] == charts.ALPHA_SIGNAL)
    assert alpha_param["expr"] == f"pow(10, {charts.LOG_SIGNAL})"
    scales = [
        u["encoding"]["x"].get("scale", {})
        for u in units(c.spec)
        if "x" in u.get("encoding", {}) and u["encoding"]["x"]["field"] == "a"
    ]
    assert scales and all(s.get("type") == "log" and "reverse" not in s for s in scales)
    assert c.summary == (
        "Lasso path explorer: slider for alpha from 0.01 to 50; 10 features, 13 knots."
    )


def test_path_segments_refuse_bad_input():
    with pytest.raises(ValueError, match="coefs"):
        charts.path_segments([2.0, 1.0], [[0.0, 1.0]], ["a"])
    with pytest.raises(ValueError, match="alphas"):
        charts.path_segments([1.0, 2.0], [[0.0], [1.0]], ["a"])
