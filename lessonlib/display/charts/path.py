"""The exact lasso path in the page: coefficients at any alpha, from the knots.

:func:`path_chart` embeds the knots of :func:`lessonlib.path.lasso_homotopy`;
the reader's browser interpolates between the two knots around the slider's
alpha, which is exact because the path is linear there.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import check_penalty
from lessonlib.display.charts._chart import Chart, vega_number
from lessonlib.display.explore import small_multiples
from lessonlib.display.style import feature_style

if TYPE_CHECKING:
    from lessonlib.display.explore import Explorer
    from lessonlib.path import LassoPath

__all__ = ["ALPHA_SIGNAL", "LOG_SIGNAL", "PATH_EXPRESSIONS", "path_chart", "path_segments"]

# The path chart's slider: log10 of alpha; ``alpha`` is computed from it.
LOG_SIGNAL = "logalpha"
ALPHA_SIGNAL = "alpha"
# The upper end of the segment above alpha_max, where every coefficient is 0.
_TOP = 1e6
# matplotlib's line styles of lessonlib.display.style.feature_style, as Vega dashes.
_DASHES = {"-": [1, 0], "--": [6, 3], ":": [1, 2]}
# One legend under the views, five features a row: it fits a phone's
# single column (290 px views) as well as the desktop's two.
_LEGEND = {
    "title": None,
    "orient": "bottom",
    "direction": "horizontal",
    "columns": 5,
    "symbolType": "stroke",
}


def path_segments(alphas: ArrayLike, coefs: ArrayLike, names: list[str]) -> list[dict]:
    """One row per feature and segment of a piecewise-linear path.

    Parameters
    ----------
    alphas : array_like of shape (k,)
        The knots, decreasing (``lessonlib.path.LassoPath.alphas``).
    coefs : array_like of shape (k, p)
        The coefficients at the knots.
    names : list of str
        The ``p`` feature names.

    Returns
    -------
    list of dict
        ``feature, a0, a1, c0, c1``: on ``a1 <= alpha < a0`` the feature's
        coefficient is ``(1 - t) * c0 + t * c1``,
        ``t = (a0 - alpha) / (a0 - a1)``; the first segment, from ``1e6``
        down to ``alpha_max``, is all zeros.

    Examples
    --------
    >>> rows = path_segments([2.0, 1.0], [[0.0], [0.5]], ["a"])
    >>> [(r["a0"], r["a1"], r["c1"]) for r in rows]
    [(1000000.0, 2.0, 0.0), (2.0, 1.0, 0.5)]
    """
    alphas = np.asarray(alphas, float)
    coefs = np.asarray(coefs, float)
    if alphas.ndim != 1 or coefs.shape != (alphas.size, len(names)):
        raise ValueError(
            "coefs must have shape (len(alphas), len(names)), got "
            f"{coefs.shape} for {alphas.size} alphas, {len(names)} names"
        )
    if np.any(np.diff(alphas) >= 0) or alphas[0] >= _TOP:
        raise ValueError("alphas must decrease, below 1e6")
    rows = []
    for j, name in enumerate(names):
        rows.append({"feature": name, "a0": _TOP, "a1": float(alphas[0]), "c0": 0.0, "c1": 0.0})
        for k in range(alphas.size - 1):
            rows.append(
                {
                    "feature": name,
                    "a0": float(alphas[k]),
                    "a1": float(alphas[k + 1]),
                    "c0": float(coefs[k, j]),
                    "c1": float(coefs[k + 1, j]),
                }
            )
    return rows


PATH_EXPRESSIONS = {
    "inside": f"datum.a1 <= {ALPHA_SIGNAL} && {ALPHA_SIGNAL} < datum.a0",
    "t": f"(datum.a0 - {ALPHA_SIGNAL}) / (datum.a0 - datum.a1)",
    "coef": "(1 - datum.t) * datum.c0 + datum.t * datum.c1",
}


def path_chart(
    lasso: LassoPath,
    names: list[str],
    *,
    name: str,
    low: float,
    high: float,
    print_explorer: Explorer,
    print_values: ArrayLike,
) -> Chart:
    """The exact lasso path: coefficients at any alpha, from the knots.

    The slider sets ``log10(alpha)`` (alpha grows to the right, as on the
    path's axis); the bars are the coefficients at alpha, linear
    interpolation between the two knots around it (exact: the path is
    linear there), in the book's per-feature colours; an exact zero is
    written "0" instead of a bar. The path panel marks the knots,
    alpha_max and the current alpha.

    Parameters
    ----------
    lasso : lessonlib.path.LassoPath
        From :func:`lessonlib.path.lasso_homotopy`.
    names : list of str
        Feature names.
    name : str
        Page-unique id suffix.
    low, high : float
        The slider's range of alpha (``0 < low < high``).
    print_explorer : lessonlib.display.explore.PathExplorer
        Draws the print picture.
    print_values : array_like
        The alphas of the print picture.

    Returns
    -------
    Chart
    """
    import altair as alt

    low = check_penalty(low, "low", allow_zero=False)
    high = check_penalty(high, "high", allow_zero=False)
    if not low < high:
        raise ValueError(f"low must be below high, got {low}, {high}")
    alpha_max = float(lasso.alphas[0])
    seg = path_segments(lasso.alphas, lasso.coefs, list(names))
    palette = [feature_style(j) for j in range(len(names))]
    hue = alt.Scale(domain=list(names), range=[s["color"] for s in palette])
    dash = alt.Scale(domain=list(names), range=[_DASHES[s["linestyle"]] for s in palette])
    logs = alt.param(
        name=LOG_SIGNAL,
        value=float(np.log10(high)),
        bind=alt.binding_range(
            min=float(np.log10(low)),
            max=float(np.log10(high)),
            step=(np.log10(high) - np.log10(low)) / 1000,
            name="log₁₀ α (drag, or arrow keys) ",
        ),
    )
    alpha = alt.param(name=ALPHA_SIGNAL, expr=f"pow(10, {LOG_SIGNAL})")
    label = (
        f"'α = ' + format({ALPHA_SIGNAL}, ',.4~r') + ' = ' + "
        f"format({ALPHA_SIGNAL} / {vega_number(alpha_max)}, '.3~g')"
        " + ' α_max'"
    )
    header = (
        alt.Chart(alt.Data(values=[{"one": 1}]))
        .transform_calculate(text=label)
        .mark_text(align="left", baseline="top", fontSize=14, x=0, y=0)
        .encode(text="text:N")
        .properties(width=560, height=22)
    )
    bars = _path_bars(alt, seg, names, hue)
    lines = _path_lines(alt, lasso, names, (hue, dash), low, high)
    spec = (
        alt.vconcat(header, alt.hconcat(bars, lines))
        .add_params(logs, alpha)
        .configure_view(stroke=None)
        .to_dict()
    )
    png = small_multiples(print_explorer, np.asarray(print_values, float))
    summary = (
        f"Lasso path explorer: slider for alpha from {low:g} to "
        f"{high:g}; {len(names)} features, "
        f"{len(lasso.alphas)} knots."
    )
    return Chart(
        spec,
        png,
        summary,
        name,
        aria="α, the lasso penalty weight (log scale)",
        lam_star=alpha_max,
        signal=ALPHA_SIGNAL,
        symbol="α",
        star_name="α_max",
    )


def _path_bars(alt: Any, seg: list[dict], names: list[str], hue: Any) -> Any:
    """Bars of the coefficients at alpha; exact zeros written as "0"."""
    now = (
        alt.Chart(alt.Data(values=seg))
        .transform_filter(PATH_EXPRESSIONS["inside"])
        .transform_calculate(t=PATH_EXPRESSIONS["t"])
        .transform_calculate(coef=PATH_EXPRESSIONS["coef"])
    )
    y = alt.Y("feature:N", sort=list(names), title=None)
    bar = now.mark_bar().encode(
        y=y,
        x=alt.X(
            "coef:Q",
            title="coefficient at α",
            axis=alt.Axis(tickCount=5, labelOverlap=True),
            scale=alt.Scale(domain=_coef_domain(seg)),
        ),
        color=alt.Color("feature:N", scale=hue, legend=_LEGEND),
    )
    zero = (
        now.transform_filter("datum.coef === 0")
        .transform_calculate(z="'0'")
        .mark_text(fontWeight="bold", color="#333333", fontSize=13)
        .encode(y=y, x="coef:Q", text="z:N")
    )
    return (bar + zero).properties(width=260, height=260, title="coefficients at α (0: exactly 0)")


def _coef_domain(seg: list[dict]) -> list[float]:
    ends = [r["c0"] for r in seg] + [r["c1"] for r in seg]
    pad = 0.05 * (max(ends) - min(ends))
    return [min(ends) - pad, max(ends) + pad]


SEGMENT_POINTS = 6  # points drawn inside each segment of the path's line view


def _path_lines(
    alt: Any, lasso: LassoPath, names: list[str], scales: tuple, low: float, high: float
) -> Any:
    """The path against alpha (log axis): knots, alpha_max, current alpha."""
    hue, dash = scales
    keep = lasso.alphas >= low
    knots = np.append(lasso.alphas[keep], low)
    # The path is straight in alpha between knots, so on the log axis it curves: each
    # segment gets SEGMENT_POINTS points in between, read off the exact path.
    between = [
        np.geomspace(hi, lo, SEGMENT_POINTS + 2)[1:-1] for hi, lo in itertools.pairwise(knots)
    ]
    alphas = np.concatenate([knots, *between])
    is_knot = np.arange(alphas.size) < keep.sum()
    coefs = np.column_stack(
        [np.interp(alphas, lasso.alphas[::-1], lasso.coefs[::-1, j]) for j in range(len(names))]
    )
    coefs[: keep.sum()] = lasso.coefs[keep]  # the knots themselves, exactly as computed
    rows = [
        {"feature": nm, "a": float(a), "c": float(c), "knot": bool(k)}
        for j, nm in enumerate(names)
        for a, c, k in zip(alphas, coefs[:, j], is_knot)
    ]
    rows += [{"feature": nm, "a": high, "c": 0.0, "knot": False} for nm in names]
    x = alt.X(
        "a:Q",
        title="α (log scale)",
        axis=alt.Axis(values=[v for v in (0.01, 0.1, 1, 10, 100) if low <= v <= high]),
        scale=alt.Scale(type="log", domain=[low, high], nice=False),
    )
    base = alt.Chart(alt.Data(values=rows))
    legend = _LEGEND
    lines = base.mark_line().encode(
        x=x,
        y=alt.Y("c:Q", title="coefficient"),
        color=alt.Color("feature:N", scale=hue, legend=legend),
        strokeDash=alt.StrokeDash("feature:N", scale=dash, legend=legend),
        order="a:Q",
    )
    dots = (
        base.transform_filter("datum.knot")
        .mark_point(size=20, filled=True)
        .encode(x=x, y="c:Q", color=alt.Color("feature:N", scale=hue, legend=legend))
    )
    amax = alt.Chart(alt.Data(values=[{"a": float(lasso.alphas[0]), "t": "α_max"}]))
    rule = amax.mark_rule(strokeDash=[4, 3], color="#555555").encode(x=x)
    text = amax.mark_text(align="right", dx=-4, y=8).encode(x=x, text="t:N")
    now = (
        alt.Chart(alt.Data(values=[{"one": 1}]))
        .transform_calculate(a=ALPHA_SIGNAL)
        .mark_rule(color="black", strokeWidth=2)
        .encode(x=x)
    )
    return (lines + dots + rule + text + now).properties(
        width=260, height=260, title="the lasso path; dots: knots"
    )
