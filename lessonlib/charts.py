"""Interactive charts computed in the page: Vega-Lite specs built with Altair.

The one-feature explorer (:func:`slope_chart`) writes the closed forms of
``lessonlib.simple`` as Vega expressions of a slider-bound ``lam``: the slope,
the fitted line and the loss curve are recomputed in the reader's browser at
every position of the slider, exactly (no precomputed frames). The site
serves Vega, Vega-Lite and vega-embed itself (``_ext/vega_assets.py``), so a
chart works offline; the stored output also carries a small-multiples PNG
(the PDF's picture) and a short ``text/plain`` (what nbval compares).
"""

from __future__ import annotations

import base64
import html
import json
import re
from typing import Any

import numpy as np

from lessonlib import explore, simple
from lessonlib._validation import check_penalty
from lessonlib.style import color, feature_style

__all__ = ["Chart", "path_chart", "path_segments", "slope_chart"]

# The chart's slider: its Vega signal, and the class the site looks for.
SIGNAL = "lam"
CHART_CLASS = "lesson-chart"

_SCRIPT = """<script>(function () {
  var el = document.getElementById(%(id)s);
  if (!window.vegaEmbed) {
    el.textContent = "This chart needs the book's Vega scripts " +
      "(served with the book's web pages).";
    return;
  }
  var spec = %(spec)s, rows = spec.vconcat;
  if (el.clientWidth < 600 && rows) {
    /* a phone: one column, each view as wide as the screen allows */
    spec.vconcat = [].concat.apply([], rows.map(function (r) {
      return r.hconcat || [r]; }));
    spec.vconcat.forEach(function (v) { v.width = 290; });
  }
  vegaEmbed(el, spec, {actions: false, renderer: "svg"}).then(
    function (result) {
      var view = result.view, input = el.querySelector("input[type=range]");
      el.__view__ = view;
      function say() {
        var v = view.signal(%(signal)s);
        input.setAttribute("aria-valuetext", %(symbol)s + " = " +
          Number(v.toPrecision(5)) +
          " = " + (v / %(star)s).toPrecision(3) + " " + %(star_name)s);
      }
      input.setAttribute("aria-label", %(aria)s);
      input.addEventListener("input", function () {
        view.runAsync().then(say);
      });
      say();
    }).catch(function (err) { el.textContent = String(err); });
})();</script>"""


# The slider sits above the views, next to the label the chart writes
# (lambda and lambda/lambda*), which replaces Vega's own raw number.
_STYLE = ("<style>.lesson-chart .vega-bind input[type=range] + span"
          "{display:none}.lesson-chart .vega-bind input[type=range]"
          "{width:22em;max-width:60vw}.lesson-chart.vega-embed"
          "{display:flex;flex-direction:column}.lesson-chart .vega-bindings"
          "{order:-1;margin-bottom:0.5em}</style>")


class Chart:
    """A Vega-Lite chart with its print picture and a short text.

    Parameters
    ----------
    spec : dict
        The Vega-Lite specification (JSON-ready).
    png : bytes
        Small multiples for print (the PDF picks ``image/png``).
    summary : str
        Deterministic ``text/plain`` (no raw floats).
    name : str
        Page-unique id suffix (letters, digits, ``-``).
    aria : str
        Accessible name of the slider.
    lam_star : float
        The slider's text states ``value / lam_star``.
    signal, symbol, star_name : str
        The Vega signal the slider sets (or a signal computed from it), and
        how the slider's text names it and ``lam_star``.

    Examples
    --------
    >>> c = Chart({"mark": "point"}, b"", "A chart.", "demo", "lambda")
    >>> c.dom_id, 'class="lesson-chart"' in c.html
    ('chart-demo', True)
    """

    def __init__(self, spec: dict, png: bytes, summary: str, name: str,
                 aria: str, lam_star: float = 1.0, *, signal: str = SIGNAL,
                 symbol: str = "λ", star_name: str = "λ*") -> None:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name):
            raise ValueError(
                f"name must be letters, digits and '-', got {name!r}")
        self.spec, self.png, self.summary = spec, png, summary
        self.dom_id = f"chart-{name}"
        text = json.dumps(spec, allow_nan=False).replace("</", "<\\/")
        self.html = (
            f'<div class="{CHART_CLASS}" id="{self.dom_id}" '
            f'style="max-width:100%;overflow-x:auto"></div>'
            + _STYLE
            + _SCRIPT % {"id": json.dumps(self.dom_id), "spec": text,
                         "aria": json.dumps(aria),
                         "signal": json.dumps(signal),
                         "symbol": json.dumps(symbol),
                         "star_name": json.dumps(star_name),
                         "star": _num(lam_star)})

    def _repr_mimebundle_(self, include: Any = None,
                          exclude: Any = None) -> dict:
        return {"text/html": self.html,
                "image/png": base64.b64encode(self.png).decode(),
                "text/plain": self.summary}


def _num(v: float) -> str:
    """A float as a Vega literal that reads back as the same double."""
    return repr(float(v))


def slope_expressions(stats: simple.SimpleStats,
                      penalty: str) -> dict[str, str]:
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
    sxx, sxy, syy = _num(stats.Sxx), _num(stats.Sxy), _num(stats.Syy)
    if penalty == "l1":
        sign = "1" if stats.Sxy >= 0 else "-1"
        slope = (f"{sign} * max({_num(abs(stats.Sxy))} - {SIGNAL} / 2, 0)"
                 f" / {sxx}")
        pen = f"{SIGNAL} * abs(datum.m)"
    else:
        slope = f"{sxy} / ({sxx} + {SIGNAL})"
        pen = f"{SIGNAL} * datum.m * datum.m"
    loss = (f"{syy} - 2 * datum.m * {sxy} + datum.m * datum.m * {sxx}"
            f" + {pen}")
    intercept = f"{_num(stats.ybar)} - datum.slope * {_num(stats.xbar)}"
    return {"slope": slope, "loss": loss, "intercept": intercept}


def slope_chart(x: object, y: object, penalty: str, lam_max: float, *,
                name: str, lam_star: float,
                print_values: object = None) -> Chart:
    """The one-feature explorer: a lambda slider and three linked views.

    The data with the fitted line, the loss ``L(m)`` (best intercept) with
    its lowest point, and the slope against lambda with the current point;
    lambda* is marked. Every value is a Vega expression of the slider.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    penalty : {"l1", "l2"}
    lam_max : float
        Right end of the slider (> 0).
    name : str
        Page-unique id suffix.
    lam_star : float
        lambda* (> 0), marked on the lambda axis; the label states
        ``lam / lam_star``.
    print_values : array_like, optional
        The lambdas of the print figure (default 0, lam_max/2, lam_max).

    Returns
    -------
    Chart

    Examples
    --------
    >>> c = slope_chart([1, 2, 3], [2, 4, 7], "l1", 20.0, name="demo",
    ...                 lam_star=10.0, print_values=[0.0, 20.0])
    >>> c.summary
    'Lasso explorer: slider for lambda from 0 to 2 lambda*; 3 points.'
    """
    import altair as alt

    lam_max = check_penalty(lam_max, "lam_max", allow_zero=False)
    lam_star = check_penalty(lam_star, "lam_star", allow_zero=False)
    stats = simple.sufficient_stats(x, y)
    ex = slope_expressions(stats, penalty)
    title = "Lasso" if penalty == "l1" else "Ridge"
    hue = color("lasso" if penalty == "l1" else "ridge")
    xs = np.asarray(x, float)
    ys = np.asarray(y, float)
    lam = alt.param(name=SIGNAL, value=0.0, bind=alt.binding_range(
        min=0.0, max=lam_max, step=lam_max / 1000,
        name="λ (drag, or arrow keys) "))
    label = (f"'λ = ' + format({SIGNAL}, ',.4~f') + ' = ' + "
             f"format({SIGNAL} / {_num(lam_star)}, '.3f') + ' λ*|slope m = '"
             f" + format(datum.slope, '.4f') + "
             f"(datum.slope === 0 ? ' (exactly 0)' : '')")
    state = (alt.Chart(alt.Data(values=[{"one": 1}]))
             .transform_calculate(slope=ex["slope"])
             .transform_calculate(intercept=ex["intercept"]))
    header = state.transform_calculate(text=label).mark_text(
        align="left", baseline="top", fontSize=14, x=0, y=0,
        lineBreak="|").encode(text="text:N").properties(width=520,
                                                         height=36)
    fit, loss = _fit_and_loss(alt, state, ex, stats, xs, ys, hue)
    slopes = _slope_panel(alt, state, ex, lam_max, lam_star, hue)
    spec = alt.vconcat(header, alt.hconcat(fit, loss), slopes).add_params(
        lam).configure_view(stroke=None).to_dict()
    if print_values is None:
        print_values = [0.0, lam_max / 2, lam_max]
    explorer = explore.SlopeExplorer(x, y, penalty, lam_max=lam_max)
    png = _print_png(explorer, np.asarray(print_values, float))
    summary = (f"{title} explorer: slider for lambda from 0 to "
               f"{lam_max / lam_star:.3g} lambda*; {xs.size} points.")
    return Chart(spec, png, summary, name,
                 aria=f"λ, the {title.lower()} penalty weight",
                 lam_star=lam_star)


def _m_reach(s: simple.SimpleStats) -> float:
    """Half-width of the loss curve's slope axis: 1.3 times the
    least-squares slope, or a scale of the data when that is 0."""
    for reach in (1.3 * abs(s.Sxy / s.Sxx), float(np.sqrt(s.Syy / s.Sxx))):
        if reach > 0.0:
            return reach
    return float(1.0 / np.sqrt(s.Sxx))


def _fit_and_loss(alt: Any, state: Any, ex: dict, stats: Any,
                  xs: np.ndarray, ys: np.ndarray, hue: str) -> tuple:
    """The data with the fitted line; the loss curve, lowest point marked."""
    points = alt.Chart(alt.Data(values=[
        {"x": float(a), "y": float(b)} for a, b in zip(xs, ys)])).mark_circle(
        size=40, color="#555555").encode(
        x=alt.X("x:Q", title="x"), y=alt.Y("y:Q", title="y"))
    ends = [float(xs.min()), float(xs.max())]
    line = state.transform_calculate(xx=f"[{ends[0]!r}, {ends[1]!r}]") \
        .transform_flatten(["xx"]).transform_calculate(
        yy="datum.intercept + datum.slope * datum.xx").mark_line(
        color=hue, strokeWidth=3).encode(x="xx:Q", y="yy:Q")
    fit = (points + line).properties(width=250, height=200,
                                     title="data and fitted line")
    reach = _m_reach(stats)
    ms = np.union1d(np.linspace(-reach, reach, 201), [0.0])
    curve = alt.Chart(alt.Data(values=[{"m": float(m)} for m in ms])) \
        .transform_calculate(loss=ex["loss"]).mark_line(color=hue).encode(
        x=alt.X("m:Q", title="slope m"),
        y=alt.Y("loss:Q", title="loss (best b)",
                scale=alt.Scale(zero=False)))
    lowest = state.transform_calculate(m="datum.slope").transform_calculate(
        loss=ex["loss"]).mark_point(filled=True, size=90, color=hue,
                                    stroke="black").encode(x="m:Q",
                                                           y="loss:Q")
    loss = (curve + lowest).properties(width=250, height=200,
                                       title="loss L(m), lowest point")
    return fit, loss


def _slope_panel(alt: Any, state: Any, ex: dict, lam_max: float,
                 lam_star: float, hue: str) -> Any:
    """The slope against lambda, the current point, lambda* dashed."""
    grid = np.linspace(0.0, lam_max, 301)
    path = alt.Chart(alt.Data(values=[{"g": float(g)} for g in grid])) \
        .transform_calculate(
        slope=ex["slope"].replace(SIGNAL, "datum.g")).mark_line(
        color=hue).encode(x=alt.X("g:Q", title="λ",
                                  axis=alt.Axis(tickCount=6),
                                  scale=alt.Scale(domain=[0.0, lam_max],
                                                  nice=False)),
                          y=alt.Y("slope:Q", title="slope m"))
    star = alt.Chart(alt.Data(values=[{"g": lam_star, "t": "λ*"}]))
    star_rule = star.mark_rule(strokeDash=[4, 3], color="#555555").encode(
        x="g:Q")
    star_text = star.mark_text(align="left", dx=4, y=8).encode(
        x="g:Q", text="t:N")
    current = state.transform_calculate(g=SIGNAL).mark_point(
        filled=True, size=90, color=hue, stroke="black").encode(
        x="g:Q", y="slope:Q")
    return (path + star_rule + star_text + current).properties(
        width=520, height=160, title="slope m against λ")


def _print_png(explorer: Any, values: np.ndarray) -> bytes:
    """The explorer drawn at ``values``, stacked in a column: one PNG at
    200 dpi for print."""
    import io

    import matplotlib.image as mpimg
    from PIL import Image

    tiles = []
    for v in values:
        explorer.update(float(v))
        tiles.append(mpimg.imread(io.BytesIO(explorer.png(200)),
                                  format="png"))
    width = max(t.shape[1] for t in tiles)
    padded = [np.pad(t, ((0, 0), (0, width - t.shape[1]), (0, 0)),
                     constant_values=1.0) for t in tiles]
    rgb = (np.concatenate(padded, axis=0)[..., :3] * 255).round()
    buf = io.BytesIO()
    Image.fromarray(rgb.astype(np.uint8)).save(buf, "png", dpi=(200, 200))
    return buf.getvalue()


# The path chart's slider: log10 of alpha; ``alpha`` is computed from it.
LOG_SIGNAL = "logalpha"
ALPHA_SIGNAL = "alpha"
# The upper end of the segment above alpha_max, where every coefficient is 0.
_TOP = 1e6
# matplotlib's line styles of lessonlib.style.feature_style, as Vega dashes.
_DASHES = {"-": [1, 0], "--": [6, 3], ":": [1, 2]}


def path_segments(alphas: object, coefs: object,
                  names: list[str]) -> list[dict]:
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
            f"{coefs.shape} for {alphas.size} alphas, {len(names)} names")
    if np.any(np.diff(alphas) >= 0) or alphas[0] >= _TOP:
        raise ValueError("alphas must decrease, below 1e6")
    rows = []
    for j, name in enumerate(names):
        rows.append({"feature": name, "a0": _TOP, "a1": float(alphas[0]),
                     "c0": 0.0, "c1": 0.0})
        for k in range(alphas.size - 1):
            rows.append({"feature": name, "a0": float(alphas[k]),
                         "a1": float(alphas[k + 1]),
                         "c0": float(coefs[k, j]),
                         "c1": float(coefs[k + 1, j])})
    return rows


PATH_EXPRESSIONS = {
    "inside": f"datum.a1 <= {ALPHA_SIGNAL} && {ALPHA_SIGNAL} < datum.a0",
    "t": f"(datum.a0 - {ALPHA_SIGNAL}) / (datum.a0 - datum.a1)",
    "coef": "(1 - datum.t) * datum.c0 + datum.t * datum.c1",
}


def path_chart(lasso: Any, names: list[str], *, name: str, low: float,
               high: float, print_explorer: Any,
               print_values: object) -> Chart:
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
    print_explorer : lessonlib.explore.PathExplorer
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
    dash = alt.Scale(domain=list(names),
                     range=[_DASHES[s["linestyle"]] for s in palette])
    logs = alt.param(name=LOG_SIGNAL, value=float(np.log10(high)),
                     bind=alt.binding_range(
                         min=float(np.log10(low)), max=float(np.log10(high)),
                         step=(np.log10(high) - np.log10(low)) / 1000,
                         name="log₁₀ α (drag, or arrow keys) "))
    alpha = alt.param(name=ALPHA_SIGNAL, expr=f"pow(10, {LOG_SIGNAL})")
    label = (f"'α = ' + format({ALPHA_SIGNAL}, ',.4~f') + ' = ' + "
             f"format({ALPHA_SIGNAL} / {_num(alpha_max)}, '.3~g') + ' α_max'")
    header = alt.Chart(alt.Data(values=[{"one": 1}])).transform_calculate(
        text=label).mark_text(align="left", baseline="top", fontSize=14,
                              x=0, y=0).encode(text="text:N").properties(
        width=560, height=22)
    bars = _path_bars(alt, seg, names, hue)
    lines = _path_lines(alt, lasso, names, (hue, dash), low, high)
    spec = alt.vconcat(header, alt.hconcat(bars, lines)).add_params(
        logs, alpha).configure_view(stroke=None).to_dict()
    png = _print_png(print_explorer, np.asarray(print_values, float))
    summary = (f"Lasso path explorer: slider for alpha from {low:g} to "
               f"{high:g}; {len(names)} features, "
               f"{len(lasso.alphas)} knots.")
    return Chart(spec, png, summary, name, aria="α, the lasso penalty "
                 "weight (log scale)", lam_star=alpha_max,
                 signal=ALPHA_SIGNAL, symbol="α", star_name="α_max")


def _path_bars(alt: Any, seg: list[dict], names: list[str],
               hue: Any) -> Any:
    """Bars of the coefficients at alpha; exact zeros written as "0"."""
    now = alt.Chart(alt.Data(values=seg)).transform_filter(
        PATH_EXPRESSIONS["inside"]).transform_calculate(
        t=PATH_EXPRESSIONS["t"]).transform_calculate(
        coef=PATH_EXPRESSIONS["coef"])
    y = alt.Y("feature:N", sort=list(names), title=None)
    bar = now.mark_bar().encode(
        y=y, x=alt.X("coef:Q", title="coefficient at α",
                     scale=alt.Scale(domain=_coef_domain(seg))),
        color=alt.Color("feature:N", scale=hue, legend=alt.Legend(
            title=None, orient="right", symbolType="stroke")))
    zero = now.transform_filter("datum.coef === 0").transform_calculate(
        z="'0'").mark_text(fontWeight="bold", color="#333333",
                           fontSize=13).encode(y=y, x="coef:Q", text="z:N")
    return (bar + zero).properties(width=260, height=260,
                                   title="coefficients at α (0: exactly 0)")


def _coef_domain(seg: list[dict]) -> list[float]:
    ends = [r["c0"] for r in seg] + [r["c1"] for r in seg]
    pad = 0.05 * (max(ends) - min(ends))
    return [min(ends) - pad, max(ends) + pad]


def _path_lines(alt: Any, lasso: Any, names: list[str], scales: tuple,
                low: float, high: float) -> Any:
    """The path against alpha (log axis): knots, alpha_max, current alpha."""
    hue, dash = scales
    keep = lasso.alphas >= low
    knots = np.append(lasso.alphas[keep], low)
    end = [np.interp(low, lasso.alphas[::-1], lasso.coefs[::-1, j])
           for j in range(len(names))]  # the path is linear between knots
    coefs = np.vstack([lasso.coefs[keep], end])
    rows = [{"feature": nm, "a": float(a), "c": float(c),
             "knot": bool(i < keep.sum())}
            for j, nm in enumerate(names)
            for i, (a, c) in enumerate(zip(knots, coefs[:, j]))]
    rows += [{"feature": nm, "a": high, "c": 0.0, "knot": False}
             for nm in names]
    x = alt.X("a:Q", title="α (log scale)",
              axis=alt.Axis(values=[v for v in (0.01, 0.1, 1, 10, 100)
                                    if low <= v <= high]),
              scale=alt.Scale(type="log", domain=[low, high], nice=False))
    base = alt.Chart(alt.Data(values=rows))
    legend = alt.Legend(title=None, orient="right", symbolType="stroke")
    lines = base.mark_line().encode(
        x=x, y=alt.Y("c:Q", title="coefficient"),
        color=alt.Color("feature:N", scale=hue, legend=legend),
        strokeDash=alt.StrokeDash("feature:N", scale=dash, legend=legend),
        order="a:Q")
    dots = base.transform_filter("datum.knot").mark_point(
        size=20, filled=True).encode(x=x, y="c:Q", color=alt.Color(
            "feature:N", scale=hue, legend=legend))
    amax = alt.Chart(alt.Data(values=[{"a": float(lasso.alphas[0]),
                                       "t": "α_max"}]))
    rule = amax.mark_rule(strokeDash=[4, 3], color="#555555").encode(x=x)
    text = amax.mark_text(align="right", dx=-4, y=8).encode(x=x, text="t:N")
    now = alt.Chart(alt.Data(values=[{"one": 1}])).transform_calculate(
        a=ALPHA_SIGNAL).mark_rule(color="black", strokeWidth=2).encode(x=x)
    return (lines + dots + rule + text + now).properties(
        width=260, height=260, title="the lasso path; dots: knots")
