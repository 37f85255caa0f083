"""The one-feature explorer: the closed forms of lessonlib.simple in the page.

:func:`slope_chart` writes the ridge or lasso slope, the fitted line and the
loss curve as Vega expressions of a slider-bound ``lam``: the reader's browser
recomputes them exactly at every position of the slider (no precomputed
frames). Each penalty's lambda is measured against a reference in its own
units (:func:`reference_lambda`): the lasso's against lambda* = 2|Sxy| (units
of x times y), ridge's against Sxx (units of x squared), never one against
the other's.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import simple
from lessonlib._validation import check_penalty
from lessonlib.display import explore
from lessonlib.display.charts._chart import SIGNAL, Chart, vega_number
from lessonlib.display.explore import small_multiples
from lessonlib.display.style import color

__all__ = ["reference_lambda", "slope_chart", "slope_expressions"]


def slope_expressions(stats: simple.SimpleStats, penalty: str) -> dict[str, str]:
    """The one-feature closed forms as Vega expressions of ``lam``.

    Parameters
    ----------
    stats : SimpleStats
        From :func:`lessonlib.simple.sufficient_stats`.
    penalty : {"l1", "l2"}
        Lasso (``SSE + lam*|m|``) or ridge (``SSE + lam*m**2``).

    Returns
    -------
    dict of str
        ``slope`` (of ``lam``), ``loss`` (of ``datum.m`` and ``lam``) and
        ``intercept`` (of ``datum.slope``).

    Examples
    --------
    >>> s = simple.sufficient_stats([1, 2, 3], [2, 4, 7])
    >>> slope_expressions(s, "l2")["slope"]
    '5.0 / (2.0 + lam)'
    """
    if penalty not in ("l1", "l2"):
        raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")
    sxx, sxy, syy = (vega_number(v) for v in (stats.Sxx, stats.Sxy, stats.Syy))
    if penalty == "l1":
        sign = "1" if stats.Sxy >= 0 else "-1"
        slope = f"{sign} * max({vega_number(abs(stats.Sxy))} - {SIGNAL} / 2, 0) / {sxx}"
        pen = f"{SIGNAL} * abs(datum.m)"
    else:
        slope = f"{sxy} / ({sxx} + {SIGNAL})"
        pen = f"{SIGNAL} * datum.m * datum.m"
    loss = f"{syy} - 2 * datum.m * {sxy} + datum.m * datum.m * {sxx} + {pen}"
    intercept = f"{vega_number(stats.ybar)} - datum.slope * {vega_number(stats.xbar)}"
    return {"slope": slope, "loss": loss, "intercept": intercept}


def reference_lambda(stats: simple.SimpleStats, penalty: str) -> tuple[float, str]:
    """The penalty weight a one-feature chart measures lambda against, and its name.

    The lasso's lambda is in units of ``x*y`` and ridge's in units of ``x**2``, so
    each is measured against a value in its own units: the lasso's ``lambda* =
    2|Sxy|``, from which its slope is exactly 0, and ridge's ``Sxx``, at which its
    slope ``m_OLS / (1 + lambda/Sxx)`` is half the least-squares slope.

    Parameters
    ----------
    stats : SimpleStats
        From :func:`lessonlib.simple.sufficient_stats`.
    penalty : {"l1", "l2"}
        Lasso (``SSE + lam*|m|``) or ridge (``SSE + lam*m**2``).

    Returns
    -------
    value : float
        ``2 |Sxy|`` (lasso) or ``Sxx`` (ridge).
    name : str
        ``"λ*"`` or ``"Sxx"``, as the chart writes it.

    Raises
    ------
    ValueError
        For the lasso when ``Sxy`` is 0: its slope is then 0 at every lambda.

    Examples
    --------
    >>> s = simple.sufficient_stats([1, 2, 3], [2, 4, 7])
    >>> reference_lambda(s, "l1"), reference_lambda(s, "l2")
    ((10.0, 'λ*'), (2.0, 'Sxx'))
    """
    if penalty not in ("l1", "l2"):
        raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")
    if penalty == "l2":
        return float(stats.Sxx), "Sxx"
    if stats.Sxy == 0.0:
        raise ValueError("y has Sxy = 0 with x: the lasso slope is 0 at every lambda (lambda* = 0)")
    return 2.0 * abs(float(stats.Sxy)), "λ*"


def slope_chart(
    x: ArrayLike,
    y: ArrayLike,
    penalty: str,
    lam_max: float,
    *,
    name: str,
    print_values: ArrayLike | None = None,
) -> Chart:
    """The one-feature explorer: a lambda slider and three linked views.

    The data with the fitted line, the loss ``L(m)`` (best intercept) with
    its lowest point, and the slope against lambda with the current point;
    the penalty's reference (:func:`reference_lambda`: lambda* for the lasso,
    Sxx for ridge) is dashed, and the label states lambda and its ratio to
    the reference. Every value is a Vega expression of the slider.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    penalty : {"l1", "l2"}
        Lasso (``SSE + lam*|m|``) or ridge (``SSE + lam*m**2``).
    lam_max : float
        Right end of the slider (> 0).
    name : str
        Page-unique id suffix.
    print_values : array_like, optional
        The lambdas of the print figure (default 0, lam_max/2, lam_max).

    Returns
    -------
    Chart

    Examples
    --------
    >>> c = slope_chart([1, 2, 3], [2, 4, 7], "l1", 20.0, name="demo",
    ...                 print_values=[0.0, 20.0])
    >>> c.summary
    'Lasso explorer: slider for lambda from 0 to 2 lambda*; 3 points.'
    >>> slope_chart([1, 2, 3], [2, 4, 7], "l2", 20.0, name="demo",
    ...             print_values=[0.0]).summary
    'Ridge explorer: slider for lambda from 0 to 10 Sxx; 3 points.'
    """
    import altair as alt

    lam_max = check_penalty(lam_max, "lam_max", allow_zero=False)
    stats = simple.sufficient_stats(x, y)
    ex = slope_expressions(stats, penalty)
    ref, ref_name = reference_lambda(stats, penalty)
    title = "Lasso" if penalty == "l1" else "Ridge"
    hue = color("lasso" if penalty == "l1" else "ridge")
    xs = np.asarray(x, float)
    ys = np.asarray(y, float)
    lam = alt.param(
        name=SIGNAL,
        value=0.0,
        bind=alt.binding_range(
            min=0.0, max=lam_max, step=lam_max / 1000, name="λ (drag, or arrow keys) "
        ),
    )
    label = _readout(ref, ref_name)
    state = (
        alt.Chart(alt.Data(values=[{"one": 1}]))
        .transform_calculate(slope=ex["slope"])
        .transform_calculate(intercept=ex["intercept"])
    )
    header = (
        state.transform_calculate(text=label)
        .mark_text(align="left", baseline="top", fontSize=14, x=0, y=0, lineBreak="|")
        .encode(text="text:N")
        .properties(width=520, height=36)
    )
    fit, loss = _fit_and_loss(alt, state, ex, stats, xs, ys, hue)
    slopes = _slope_panel(alt, state, ex, lam_max, (ref, ref_name), hue)
    spec = (
        alt.vconcat(header, alt.hconcat(fit, loss), slopes)
        .add_params(lam)
        .configure_view(stroke=None)
        .to_dict()
    )
    if print_values is None:
        print_values = [0.0, lam_max / 2, lam_max]
    explorer = explore.SlopeExplorer(x, y, penalty, lam_max=lam_max)
    png = small_multiples(explorer, np.asarray(print_values, float))
    summary = (
        f"{title} explorer: slider for lambda from 0 to "
        f"{lam_max / ref:.3g} {ref_name.replace('λ', 'lambda')}; {xs.size} points."
    )
    return Chart(
        spec,
        png,
        summary,
        name,
        aria=f"λ, the {title.lower()} penalty weight",
        lam_star=ref,
        star_name=ref_name,
    )


def _readout(ref: float, ref_name: str) -> str:
    """The header's Vega expression: lambda, lambda over the reference, and the slope."""
    return (
        # at lambda = 0 there is nothing to measure against: the fit is least squares
        f"({SIGNAL} === 0 ? 'λ = 0 (least squares)' : "
        f"'λ = ' + format({SIGNAL}, ',.4~r') + ' = ' + "
        f"format({SIGNAL} / {vega_number(ref)}, '.3~r') + ' {ref_name}') + "
        f"'|slope m = '"
        f" + format(datum.slope, '.4f') + "
        f"(datum.slope === 0 ? ' (exactly 0)' : '')"
    )


def _m_reach(s: simple.SimpleStats) -> float:
    """Half-width of the loss curve's slope axis: 1.3 times the
    least-squares slope, or a scale of the data when that is 0."""
    for reach in (1.3 * abs(s.Sxy / s.Sxx), float(np.sqrt(s.Syy / s.Sxx))):
        if reach > 0.0:
            return reach
    return float(1.0 / np.sqrt(s.Sxx))


def _fit_and_loss(
    alt: Any, state: Any, ex: dict, stats: Any, xs: np.ndarray, ys: np.ndarray, hue: str
) -> tuple:
    """The data with the fitted line; the loss curve, lowest point marked."""
    points = (
        alt.Chart(alt.Data(values=[{"x": float(a), "y": float(b)} for a, b in zip(xs, ys)]))
        .mark_circle(size=40, color="#555555")
        .encode(x=alt.X("x:Q", title="x"), y=alt.Y("y:Q", title="y"))
    )
    ends = [float(xs.min()), float(xs.max())]
    line = (
        state.transform_calculate(xx=f"[{ends[0]!r}, {ends[1]!r}]")
        .transform_flatten(["xx"])
        .transform_calculate(yy="datum.intercept + datum.slope * datum.xx")
        .mark_line(color=hue, strokeWidth=3)
        .encode(x="xx:Q", y="yy:Q")
    )
    fit = (points + line).properties(width=250, height=200, title="data and fitted line")
    reach = _m_reach(stats)
    ms = np.union1d(np.linspace(-reach, reach, 201), [0.0])
    curve = (
        alt.Chart(alt.Data(values=[{"m": float(m)} for m in ms]))
        .transform_calculate(loss=ex["loss"])
        .mark_line(color=hue)
        .encode(
            x=alt.X("m:Q", title="slope m"),
            y=alt.Y("loss:Q", title="loss (best b)", scale=alt.Scale(zero=False)),
        )
    )
    lowest = (
        state.transform_calculate(m="datum.slope")
        .transform_calculate(loss=ex["loss"])
        .mark_point(filled=True, size=90, color=hue, stroke="black")
        .encode(x="m:Q", y="loss:Q")
    )
    loss = (curve + lowest).properties(width=250, height=200, title="loss L(m), lowest point")
    return fit, loss


def _slope_panel(
    alt: Any, state: Any, ex: dict, lam_max: float, ref: tuple[float, str], hue: str
) -> Any:
    """The slope against lambda, the current point, the reference lambda dashed."""
    grid = np.linspace(0.0, lam_max, 301)
    path = (
        alt.Chart(alt.Data(values=[{"g": float(g)} for g in grid]))
        .transform_calculate(slope=ex["slope"].replace(SIGNAL, "datum.g"))
        .mark_line(color=hue)
        .encode(
            x=alt.X(
                "g:Q",
                title="λ",
                axis=alt.Axis(tickCount=6),
                scale=alt.Scale(domain=[0.0, lam_max], nice=False),
            ),
            y=alt.Y("slope:Q", title="slope m"),
        )
    )
    star = alt.Chart(alt.Data(values=[{"g": ref[0], "t": ref[1]}]))
    star_rule = star.mark_rule(strokeDash=[4, 3], color="#555555").encode(x="g:Q")
    star_text = star.mark_text(align="left", dx=4, y=8).encode(x="g:Q", text="t:N")
    current = (
        state.transform_calculate(g=SIGNAL)
        .mark_point(filled=True, size=90, color=hue, stroke="black")
        .encode(x="g:Q", y="slope:Q")
    )
    return (path + star_rule + star_text + current).properties(
        width=520, height=160, title="slope m against λ"
    )
