"""lessonlib.display.charts.slope: what the one-feature chart's texts say, evaluated here.

tests/test_charts.py checks the drawn values of the slope chart; this file reads its texts as
a browser would (tests/vega_eval.py, d3-format included). Each penalty's lambda is measured
against a reference in its own units, computed here from its definition: the lasso's
lambda* = 2 |Sxy| (units of x y), ridge's Sxx (units of x squared), never the lasso's for
ridge. The header at any lambda must state lambda, lambda / reference and scikit-learn's
slope, "(exactly 0)" exactly when the lasso's slope is 0; the dashed reference must sit where
scikit-learn's slope is 0 (lasso) or half the least-squares slope (ridge); each axis must name
the field it draws.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, LinearRegression, Ridge

from lessonlib import data, scale
from lessonlib.display import charts
from vega_eval import d3_format, text_rows, units

X, Y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, seed=0)
XC, YC = X - X.mean(), Y - Y.mean()
# Each penalty's reference, by its definition, and how the chart names it.
REFERENCE = {"l1": (2 * abs(float(XC @ YC)), "λ*"), "l2": (float(XC @ XC), "Sxx")}
REACH = {"l1": 1.5, "l2": 10.0}  # the chapters' slider ranges, in units of the reference


@pytest.fixture(scope="module", params=["l1", "l2"])
def chart(request):
    ref, _ = REFERENCE[request.param]
    c = charts.slope_chart(
        X, Y, request.param, REACH[request.param] * ref, name="t", print_values=[0.0]
    )
    return request.param, c


def sk_slope(lam: float, penalty: str) -> float:
    if lam == 0.0:
        model = LinearRegression()
    elif penalty == "l1":
        model = Lasso(alpha=scale.lasso_alpha(lam, X.size), tol=1e-14, max_iter=100_000)
    else:
        model = Ridge(alpha=lam)
    return float(model.fit(X[:, None], Y).coef_[0])


def header(c, lam: float) -> str:
    (text,) = [
        r["text"]
        for u in units(c.spec)
        for r in text_rows(u, {charts.SIGNAL: lam})
        if isinstance(r.get("text"), str) and r["text"].startswith("λ")
    ]
    return text


FRACS = [0.0, 0.001, 0.25, 0.9, 1.0001, 1.4, 4.0, 9.5]  # lambda / reference, up to each reach


def test_header_states_lambda_its_ratio_and_scikit_learns_slope(chart):
    penalty, c = chart
    ref, name = REFERENCE[penalty]
    for frac in [f for f in FRACS if f <= REACH[penalty]]:
        lam = frac * ref
        slope = sk_slope(lam, penalty)
        first, second = header(c, lam).split("|")
        if frac == 0:
            assert first == "λ = 0 (least squares)"
        else:
            assert first == f"λ = {d3_format(lam, ',.4~r')} = {d3_format(frac, '.3~r')} {name}"
        shown = second.removeprefix("slope m = ")
        assert float(shown.split()[0]) == pytest.approx(slope, abs=6e-5)
        assert shown.endswith(" (exactly 0)") == (penalty == "l1" and frac > 1)
        assert (slope == 0.0) == shown.endswith(" (exactly 0)")


def test_the_ridge_header_never_speaks_of_lambda_star():
    """The finding this file guards: ridge's lambda (units of x squared) is not measured
    against the lasso's lambda* (units of x y)."""
    ridge = charts.slope_chart(X, Y, "l2", 10 * REFERENCE["l2"][0], name="r", print_values=[0.0])
    for lam in np.linspace(0.0, 10 * REFERENCE["l2"][0], 7):
        assert "λ*" not in header(ridge, lam)
    assert ridge.summary == "Ridge explorer: slider for lambda from 0 to 10 Sxx; 30 points."
    # at lambda = Sxx the header says 1 Sxx and half the least-squares slope
    first, second = header(ridge, REFERENCE["l2"][0]).split("|")
    assert first.endswith(" = 1 Sxx")
    half = sk_slope(0.0, "l2") / 2
    assert float(second.removeprefix("slope m = ")) == pytest.approx(half, abs=6e-5)


def test_each_axis_names_the_field_it_draws(chart):
    _, c = chart
    titles: dict[str, set] = {}
    for u in units(c.spec):
        for channel in ("x", "y"):
            enc = u.get("encoding", {}).get(channel, {})
            if "title" in enc:
                titles.setdefault(enc["field"], set()).add(enc["title"])
    assert titles == {
        "x": {"x"},
        "y": {"y"},
        "m": {"slope m"},
        "loss": {"loss (best b)"},
        "g": {"λ"},
        "slope": {"slope m"},
    }
    (fit, loss), slopes = c.spec["vconcat"][1]["hconcat"], c.spec["vconcat"][2]
    assert fit["title"] == "data and fitted line"
    assert loss["title"] == "loss L(m), lowest point"
    assert slopes["title"] == "slope m against λ"


def test_the_reference_is_labelled_where_its_penalty_says(chart):
    """The dashed reference and its label: lambda* where scikit-learn's lasso slope becomes
    exactly 0; Sxx where scikit-learn's ridge slope is half the least-squares slope."""
    penalty, c = chart
    ref, name = REFERENCE[penalty]
    labels = [
        r
        for u in units(c.spec)
        if u["mark"] == "text" or u["mark"].get("type") == "text"
        for r in text_rows(u, {charts.SIGNAL: 0.0})
        if "t" in r
    ]
    (label,) = labels
    assert label["t"] == name
    assert label["g"] == pytest.approx(ref, rel=1e-12)
    if penalty == "l1":
        assert sk_slope(label["g"] * (1 + 1e-9), "l1") == 0.0
        assert sk_slope(label["g"] * (1 - 1e-4), "l1") != 0.0
    else:
        assert sk_slope(label["g"], "l2") == pytest.approx(sk_slope(0.0, "l2") / 2, rel=1e-9)
    assert np.isfinite(label["g"])


def test_a_lasso_chart_needs_a_slope_to_shrink():
    x = np.array([-1.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="Sxy = 0"):
        charts.slope_chart(x, [1.0, 5.0, 1.0], "l1", 1.0, name="z")
    # ridge's reference, Sxx, exists for the same data
    c = charts.slope_chart(x, [1.0, 5.0, 1.0], "l2", 4.0, name="z", print_values=[0.0])
    assert c.summary.endswith("from 0 to 2 Sxx; 3 points.")
