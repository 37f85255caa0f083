"""lessonlib.display.charts.slope: what the one-feature chart's texts say, evaluated here.

tests/test_charts.py checks the drawn values of the slope chart; this file reads its texts as
a browser would (tests/vega_eval.py, d3-format included): the header at any lambda must
state lambda, lambda / lambda* and scikit-learn's slope, "(exactly 0)" exactly when the
lasso's slope is 0; each axis must name the field it draws.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import Lasso, Ridge

from lessonlib import data, scale
from lessonlib.display import charts
from vega_eval import d3_format, text_rows, units

X, Y = data.make_simple_regression(n=30, slope=2.0, intercept=1.0, seed=0)
LAM_STAR = 2 * abs(float((X - X.mean()) @ (Y - Y.mean())))  # 2 |Sxy|, its definition


@pytest.fixture(scope="module", params=["l1", "l2"])
def chart(request):
    c = charts.slope_chart(
        X, Y, request.param, 1.5 * LAM_STAR, name="t", lam_star=LAM_STAR, print_values=[0.0]
    )
    return request.param, c


def sk_slope(lam: float, penalty: str) -> float:
    if penalty == "l1":
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


@pytest.mark.parametrize("frac", [0.001, 0.25, 0.9, 1.0001, 1.4])
def test_header_states_lambda_its_ratio_and_scikit_learns_slope(chart, frac):
    penalty, c = chart
    lam = frac * LAM_STAR
    slope = sk_slope(lam, penalty)
    first, second = header(c, lam).split("|")
    assert first == f"λ = {d3_format(lam, ',.4~r')} = {d3_format(frac, '.3~r')} λ*"
    shown = second.removeprefix("slope m = ")
    assert float(shown.split()[0]) == pytest.approx(slope, abs=6e-5)
    assert shown.endswith(" (exactly 0)") == (penalty == "l1" and frac > 1)
    assert (slope == 0.0) == shown.endswith(" (exactly 0)")


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


def test_lambda_star_is_labelled_where_the_lasso_reaches_0(chart):
    penalty, c = chart
    (label,) = [
        r
        for u in units(c.spec)
        if u["mark"] == "text" or u["mark"].get("type") == "text"
        for r in text_rows(u, {charts.SIGNAL: 0.0})
        if r.get("t") == "λ*"
    ]
    assert label["g"] == pytest.approx(LAM_STAR, rel=1e-12)
    if penalty == "l1":
        assert sk_slope(label["g"] * (1 + 1e-9), "l1") == 0.0
        assert sk_slope(label["g"] * (1 - 1e-4), "l1") != 0.0
    assert np.isfinite(label["g"])
