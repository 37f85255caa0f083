"""The geometry explorer: loss ellipses, the L1 diamond and the L2 disk.

:func:`geometry_chart` has two sliders, the budget ``t`` and the correlation
``rho`` of the two features. The Hessian keeps the problem's column norms and
takes its correlation from the slider::

    H(rho) = [[H11, rho s], [rho s, H22]],   s = sqrt(H11 H22),

and the loss is ``SSE(w) - SSE(w_ols) = (w - w_ols)^T H(rho) (w - w_ols)``.
The exact constrained solutions (lasso: ``||w||_1 <= t``, ridge:
``||w||_2 <= t``, by :func:`lessonlib.topics.geometry.constrained_solution`) are
embedded for every pair of slider values (the sliders step over exactly that
grid); the page picks the row of the current values and draws, from Vega
expressions, the diamond, the disk and the loss contour through each
solution, ``w = w_ols + sqrt(c) R^{-1} (cos th, sin th)`` with
``R^T R = H(rho)`` (Cholesky) and ``c`` the loss at the solution.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_matrix, as_float_vector
from lessonlib.display.charts._chart import Chart, vega_number
from lessonlib.display.style import color
from lessonlib.topics.geometry import constrained_solution

__all__ = ["BUDGET_SIGNAL", "RHO_SIGNAL", "geometry_chart", "geometry_grid"]

# The sliders' Vega signals: the budget t and the correlation rho.
BUDGET_SIGNAL = "t"
RHO_SIGNAL = "rho"
# Points on each contour and on the disk: angles k * 2 pi / _TURN.
_TURN = 96
_SIZE = 400  # the square plot, in pixels (equal scales on both axes)


def _steps(low: float, step: float, count: int) -> list[float]:
    """``low + k * step`` in decimal arithmetic, as a browser's range
    input computes its values, for k = 0 .. count - 1."""
    a, b = Decimal(repr(float(low))), Decimal(repr(float(step)))
    return [float(a + b * k) for k in range(count)]


def _hessian(h11: float, h22: float, rho: float) -> np.ndarray:
    off = rho * np.sqrt(h11 * h22)
    return np.array([[h11, off], [off, h22]])


def geometry_grid(
    w_ols: ArrayLike, hessian: ArrayLike, budgets: ArrayLike, rhos: ArrayLike
) -> list[dict]:
    """The exact lasso and ridge constrained solutions on a grid.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients.
    hessian : array_like of shape (2, 2)
        ``X^T X``; only its diagonal (the column norms) is used.
    budgets : array_like of shape (m,)
        Budgets ``t >= 0``.
    rhos : array_like of shape (k,)
        Correlations in (-1, 1): ``H12 = rho * sqrt(H11 * H22)``.

    Returns
    -------
    list of dict
        One row per (budget, correlation): ``i, j`` (their indices) and the
        solutions ``a1, a2`` (lasso, ``||w||_1 <= t``) and ``r1, r2``
        (ridge, ``||w||_2 <= t``).

    Examples
    --------
    >>> rows = geometry_grid([2.0, 0.5], [[1.0, 0.0], [0.0, 1.0]], [1.0],
    ...                      [0.0])
    >>> rows[0]["a1"], rows[0]["a2"]
    (1.0, 0.0)
    """
    w_ols = as_float_vector(w_ols, "w_ols")
    H = as_float_matrix(hessian, "hessian")
    if w_ols.shape != (2,) or H.shape != (2, 2):
        raise ValueError(
            f"w_ols must have 2 entries and hessian be 2x2, got shapes {w_ols.shape} and {H.shape}"
        )
    budgets = as_float_vector(budgets, "budgets")
    rhos = as_float_vector(rhos, "rhos")
    if np.any(budgets < 0):
        raise ValueError("budgets must be >= 0")
    if np.any(np.abs(rhos) >= 1):
        raise ValueError("rhos must lie strictly between -1 and 1")
    rows = []
    for j, rho in enumerate(rhos):
        Hr = _hessian(H[0, 0], H[1, 1], float(rho))
        for i, t in enumerate(budgets):
            a = constrained_solution(w_ols, Hr, float(t), "l1")
            r = constrained_solution(w_ols, Hr, float(t), "l2")
            rows.append(
                {
                    "i": i,
                    "j": j,
                    "a1": float(a[0]),
                    "a2": float(a[1]),
                    "r1": float(r[0]),
                    "r2": float(r[1]),
                }
            )
    return rows


def _expressions(w_ols: np.ndarray, H: np.ndarray) -> dict[str, str]:
    """The loss at a solution and the contour through it, of ``rho``."""
    w1, w2 = (vega_number(v) for v in w_ols)
    h11, h22 = vega_number(H[0, 0]), vega_number(H[1, 1])
    s = vega_number(np.sqrt(H[0, 0] * H[1, 1]))
    a, g = vega_number(np.sqrt(H[0, 0])), vega_number(np.sqrt(H[1, 1]))
    r = RHO_SIGNAL

    def loss(u: str, v: str) -> str:
        d1, d2 = f"(datum.{u} - {w1})", f"(datum.{v} - {w2})"
        return f"{d1} * {d1} * {h11} + 2 * {r} * {s} * {d1} * {d2} + {d2} * {d2} * {h22}"

    th = f"datum.k * {vega_number(2 * np.pi / _TURN)}"
    root = f"sqrt(1 - {r} * {r})"
    return {
        "cl": loss("a1", "a2"),
        "cr": loss("r1", "r2"),
        "x": (f"{w1} + sqrt(datum.c) * (cos({th}) / {a} - {r} * sin({th}) / ({a} * {root}))"),
        "y": f"{w2} + sqrt(datum.c) * sin({th}) / ({g} * {root})",
        "disk_x": f"{BUDGET_SIGNAL} * cos({th})",
        "disk_y": f"{BUDGET_SIGNAL} * sin({th})",
    }


def _header(alt: Any) -> list:
    """Three lines above the plot: the slider values, then each solution
    (an exact zero is written ``0`` and said)."""

    def num(f: str) -> str:
        return f"(datum.{f} === 0 ? '0' : format(datum.{f}, '.4f'))"

    def pair(f1: str, f2: str) -> str:
        return f"'(' + {num(f1)} + ', ' + {num(f2)} + ')'"

    top = (
        f"'t = ' + format({BUDGET_SIGNAL}, '.2f') + ', ρ = ' + "
        f"format({RHO_SIGNAL}, '.2f') + '   × least squares'"
    )
    inside = "datum.{} === 0 ? ': least squares (inside)' : "
    lasso = (
        f"'lasso ' + {pair('a1', 'a2')} + ("
        + inside.format("cl")
        + "datum.a1 === 0 && datum.a2 === 0 ? ': w1 = w2 = 0' : "
        "datum.a1 === 0 ? ': w1 = 0 exactly' : "
        "datum.a2 === 0 ? ': w2 = 0 exactly' : '')"
    )
    ridge = f"'ridge ' + {pair('r1', 'r2')} + (" + inside.format("cr") + "'')"
    marks = []
    for k, (text, hue) in enumerate(
        [(top, "#222222"), (lasso, color("lasso")), (ridge, color("ridge"))]
    ):
        marks.append(
            alt.Chart()
            .transform_calculate(**{f"text{k}": text})
            .mark_text(
                align="left",
                baseline="top",
                fontSize=13,
                x=0,
                y=-66 + 20 * k,
                color=hue,
                fontWeight="bold" if k else "normal",
            )
            .encode(text=f"text{k}:N")
        )
    return marks


def geometry_chart(
    w_ols: ArrayLike,
    hessian: ArrayLike,
    *,
    name: str,
    t_max: float = 2.0,
    t_step: float = 0.05,
    rho_max: float = 0.9,
    rho_step: float = 0.15,
    print_budgets: ArrayLike | None = None,
) -> Chart:
    """The geometry explorer: sliders for the budget and the correlation.

    Parameters
    ----------
    w_ols : array_like of shape (2,)
        Least-squares coefficients (the centre of the ellipses).
    hessian : array_like of shape (2, 2)
        ``X^T X`` of the problem: its diagonal is kept, its correlation is
        the slider's; the slider starts at the grid value nearest it.
    name : str
        Page-unique id suffix.
    t_max, t_step : float
        The budget slider runs from 0 to ``t_max`` in steps of ``t_step``
        (``t_max / t_step`` a whole number); it starts at the grid value
        nearest ``||w_ols||_1 / 2``.
    rho_max, rho_step : float
        The correlation slider runs from ``-rho_max`` to ``rho_max``
        (``< 1``) in steps of ``rho_step``.
    print_budgets : array_like, optional
        The budgets of the print figure, at the starting correlation
        (default: the budgets of the grid nearest 1/4, 1/2 and 3/4 of
        ``||w_ols||_1``).

    Returns
    -------
    Chart

    Examples
    --------
    >>> c = geometry_chart([0.5, -1.5], [[30.0, 20.0], [20.0, 30.0]],
    ...                    name="demo", t_max=2.0, t_step=0.5, rho_step=0.3)
    >>> c.summary
    'Geometry explorer: t from 0 to 2, rho from -0.9 to 0.9; 5 x 7 solutions.'
    """
    w_ols = as_float_vector(w_ols, "w_ols")
    H = as_float_matrix(hessian, "hessian")
    n_t, n_rho = _counts(t_max, t_step, rho_max, rho_step)
    budgets = _steps(0.0, t_step, n_t + 1)
    rhos = _steps(-rho_max, rho_step, n_rho + 1)
    rows = geometry_grid(w_ols, H, budgets, rhos)
    rho0 = float(H[0, 1] / np.sqrt(H[0, 0] * H[1, 1]))
    t0 = budgets[int(np.argmin(np.abs(np.array(budgets) - np.abs(w_ols).sum() / 2)))]
    rho0 = rhos[int(np.argmin(np.abs(np.array(rhos) - rho0)))]
    spec = _spec(w_ols, H, rows, (t_max, t_step, t0), (rho_max, rho_step, rho0))
    if print_budgets is None:  # the grid's budgets nearest 1/4, 1/2, 3/4
        print_budgets = [
            budgets[int(np.argmin(np.abs(np.array(budgets) - f * np.abs(w_ols).sum())))]
            for f in (0.25, 0.5, 0.75)
        ]
    png = _print_png(w_ols, H, np.asarray(print_budgets, float), rho0, t_max)
    summary = (
        f"Geometry explorer: t from 0 to {t_max:g}, rho from "
        f"{-rho_max:g} to {rho_max:g}; {n_t + 1} x {n_rho + 1} "
        "solutions."
    )
    return Chart(
        spec,
        png,
        summary,
        name,
        aria="t, the budget of both balls",
        lam_star=float(np.abs(w_ols).sum()),
        signal=BUDGET_SIGNAL,
        symbol="t",
        star_name="‖w_ols‖₁",
        more_sliders=[(RHO_SIGNAL, "ρ", "ρ, the correlation of the two features")],
    )


def _counts(t_max: float, t_step: float, rho_max: float, rho_step: float) -> tuple[int, int]:
    """The number of steps of each slider, checking they are whole."""
    for value, label in ((t_max, "t_max"), (t_step, "t_step"), (rho_step, "rho_step")):
        if not (isinstance(value, (int, float)) and value > 0):
            raise ValueError(f"{label} must be a number > 0, got {value!r}")
    if not (isinstance(rho_max, (int, float)) and 0 <= rho_max < 1):
        raise ValueError(f"rho_max must be in [0, 1), got {rho_max!r}")
    n_t = round(t_max / t_step)
    n_rho = round(2 * rho_max / rho_step)
    if abs(n_t * t_step - t_max) > 1e-9 * t_max:
        raise ValueError(f"t_max must be a whole number of t_step, got {t_max} and {t_step}")
    if abs(n_rho * rho_step - 2 * rho_max) > 1e-9:
        raise ValueError(
            f"2 rho_max must be a whole number of rho_step, got {rho_max} and {rho_step}"
        )
    return n_t, n_rho


def _spec(w_ols: np.ndarray, H: np.ndarray, rows: list[dict], budget: tuple, corr: tuple) -> dict:
    """The Vega-Lite specification: one square view, both sliders."""
    import altair as alt

    (t_max, t_step, _), (rho_max, rho_step, _) = budget, corr
    ex = _expressions(w_ols, H)
    reach = 1.1 * max(t_max, float(np.max(np.abs(w_ols))))
    axis: dict[str, Any] = {  # the keyword arguments shared by both position channels
        "scale": alt.Scale(domain=[-reach, reach], nice=False, zero=False),
        "axis": alt.Axis(tickCount=5),
    }
    x = alt.X("x:Q", title="w1", **axis)
    y = alt.Y("y:Q", title="w2", **axis)
    pick = (
        f"datum.i === round({BUDGET_SIGNAL} / {vega_number(t_step)}) "
        f"&& datum.j === round(({RHO_SIGNAL} + {vega_number(rho_max)})"
        f" / {vega_number(rho_step)})"
    )
    ks = "[" + ", ".join(str(k) for k in range(_TURN + 1)) + "]"

    def contour(c: str, hue: str, dash: list) -> Any:
        return (
            alt.Chart()
            .transform_calculate(c=f"datum.{c}", k=ks)
            .transform_flatten(["k"])
            .transform_calculate(x=ex["x"], y=ex["y"])
            .mark_line(color=hue, strokeWidth=1.5, strokeDash=dash, clip=True)
            .encode(x=x, y=y, order="k:Q")
        )

    def point(f1: str, f2: str, hue: str) -> Any:
        return (
            alt.Chart()
            .transform_calculate(x=f"datum.{f1}", y=f"datum.{f2}")
            .mark_point(filled=True, size=110, color=hue, stroke="black", strokeWidth=1, opacity=1)
            .encode(x=x, y=y)
        )

    state = (
        alt.layer(
            contour("cl", color("lasso"), [1, 0]),
            contour("cr", color("ridge"), [5, 3]),
            point("a1", "a2", color("lasso")),
            point("r1", "r2", color("ridge")),
            *_header(alt),
            data=alt.Data(values=rows),
        )
        .transform_filter(pick)
        .transform_calculate(cl=ex["cl"], cr=ex["cr"])
    )
    guides, diamond, disk, ols = _fixed_layers(alt, w_ols, H, ex, x, y, axis)
    t_param, rho_param = _sliders(alt, budget, corr)
    return (
        alt.layer(guides, diamond, disk, ols, state)
        .add_params(t_param, rho_param)
        .properties(width=_SIZE, height=_SIZE)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=13)
        .to_dict()
    )


def _sliders(alt: Any, budget: tuple, corr: tuple) -> tuple[Any, Any]:
    """The two sliders, each ``(max, step, start)``: the budget t and the correlation rho."""
    (t_max, t_step, t0), (rho_max, rho_step, rho0) = budget, corr
    t_param = alt.param(
        name=BUDGET_SIGNAL,
        value=t0,
        bind=alt.binding_range(
            min=0.0, max=float(t_max), step=float(t_step), name="budget t (drag, or arrow keys) "
        ),
    )
    rho_param = alt.param(
        name=RHO_SIGNAL,
        value=rho0,
        bind=alt.binding_range(
            min=-float(rho_max), max=float(rho_max), step=float(rho_step), name="correlation ρ "
        ),
    )
    return t_param, rho_param


def _fixed_layers(
    alt: Any, w_ols: np.ndarray, H: np.ndarray, ex: dict, x: Any, y: Any, axis: dict
) -> tuple:
    """The axes' zero lines, the diamond and the disk of radius ``t``, and
    the least-squares point (with the column norms, for a reader's check)."""
    zero = alt.Chart(alt.Data(values=[{"z": 0.0}]))
    guides = zero.mark_rule(color=color("guide")).encode(x=alt.X("z:Q", **axis)) + zero.mark_rule(
        color=color("guide")
    ).encode(y=alt.Y("z:Q", **axis))
    corners = [
        {"k": k, "u": u, "v": v}
        for k, (u, v) in enumerate([(1, 0), (0, 1), (-1, 0), (0, -1), (1, 0)])
    ]
    diamond = (
        alt.Chart(alt.Data(values=corners))
        .transform_calculate(x=f"{BUDGET_SIGNAL} * datum.u", y=f"{BUDGET_SIGNAL} * datum.v")
        .mark_line(color=color("lasso"), strokeWidth=2.5)
        .encode(x=x, y=y, order="k:Q")
    )
    disk = (
        alt.Chart(alt.Data(values=[{"k": k} for k in range(_TURN + 1)]))
        .transform_calculate(x=ex["disk_x"], y=ex["disk_y"])
        .mark_line(color=color("ridge"), strokeWidth=2.5, strokeDash=[6, 3])
        .encode(x=x, y=y, order="k:Q")
    )
    ols = (
        alt.Chart(
            alt.Data(
                values=[
                    {
                        "x": float(w_ols[0]),
                        "y": float(w_ols[1]),
                        "h11": float(H[0, 0]),
                        "h22": float(H[1, 1]),
                    }
                ]
            )
        )
        .mark_point(shape="cross", filled=True, size=160, color=color("ols"), angle=45)
        .encode(x=x, y=y)
    )
    return guides, diamond, disk, ols


def _print_png(
    w_ols: np.ndarray, H: np.ndarray, budgets: np.ndarray, rho: float, t_max: float
) -> bytes:
    """Small multiples for print: the explorer at ``budgets``, one row, as a PNG."""
    import matplotlib.pyplot as plt

    from lessonlib.display.style import book_style

    with book_style():
        fig = _print_figure(w_ols, H, budgets, rho, t_max)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=200)
        plt.close(fig)
    return buf.getvalue()


def _print_legend(fig: Any) -> None:
    """One legend under the panels: which colour is the lasso, which ridge."""
    from matplotlib.lines import Line2D

    def entry(key: str, style: Any, label: str) -> Any:
        return Line2D(
            [],
            [],
            color=color(key),
            linestyle=style,
            linewidth=2,
            marker="o",
            markeredgecolor="black",
            label=label,
        )

    handles = [
        entry("lasso", "-", "lasso: L1 diamond, its loss contour and solution"),
        entry("ridge", "--", "ridge: L2 disk, its loss contour and solution"),
        Line2D(
            [],
            [],
            color=color("ols"),
            linestyle="none",
            marker="x",
            markersize=9,
            mew=2,
            label="least squares",
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=10, frameon=False)


def _print_figure(
    w_ols: np.ndarray, H: np.ndarray, budgets: np.ndarray, rho: float, t_max: float
) -> Any:
    """The print figure of :func:`_print_png`, drawn in the current style."""
    import matplotlib.pyplot as plt

    Hr = _hessian(H[0, 0], H[1, 1], rho)
    reach = 1.1 * max(t_max, float(np.max(np.abs(w_ols))))
    grid = np.linspace(-reach, reach, 301)
    W1, W2 = np.meshgrid(grid, grid)
    D = np.stack([W1 - w_ols[0], W2 - w_ols[1]], axis=-1)
    Q = np.einsum("...i,ij,...j->...", D, Hr, D)
    angle = np.linspace(0, 2 * np.pi, 193)
    fig, axes = plt.subplots(
        1, budgets.size, figsize=(3.2 * budgets.size, 3.4), layout="constrained"
    )
    for ax, t in zip(np.atleast_1d(axes), budgets):
        a = constrained_solution(w_ols, Hr, t, "l1")
        r = constrained_solution(w_ols, Hr, t, "l2")
        ax.axhline(0.0, color=color("guide"), linewidth=0.8)
        ax.axvline(0.0, color=color("guide"), linewidth=0.8)
        ax.plot([t, 0, -t, 0, t], [0, t, 0, -t, 0], color=color("lasso"), linewidth=2)
        ax.plot(t * np.cos(angle), t * np.sin(angle), "--", color=color("ridge"), linewidth=2)
        for w, key, style in ((a, "lasso", "-"), (r, "ridge", "--")):
            level = (w - w_ols) @ Hr @ (w - w_ols)
            if level > 0:
                ax.contour(
                    W1,
                    W2,
                    Q,
                    levels=[level],
                    colors=color(key),
                    linewidths=1.2,
                    linestyles=style,
                )
            ax.plot(*w, "o", color=color(key), markeredgecolor="black")
        ax.plot(*w_ols, "x", color=color("ols"), markersize=9, mew=2)
        zero = "".join(f": lasso $w_{j + 1} = 0$" for j in range(2) if a[j] == 0.0)
        ax.set_title(f"$t = {t:.2f}$, $\\rho = {rho:.2f}${zero}", fontsize=10)
        ax.set_xlim(-reach, reach)
        ax.set_ylim(-reach, reach)
        ax.set_aspect("equal")
        ax.set_xlabel("$w_1$")
    np.atleast_1d(axes)[0].set_ylabel("$w_2$")
    _print_legend(fig)
    return fig
