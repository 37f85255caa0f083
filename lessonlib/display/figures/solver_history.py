"""Figures for the coordinate-descent chapter: how a solver's iterates converge."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_vector, check_bool
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color


def _counts(value: object, name: str) -> np.ndarray:
    arr = as_float_vector(value, name)
    if np.any(arr < 0) or np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must hold non-negative whole numbers")
    return arr.astype(int)


def _costs(cost: dict[str, float] | None, names: Any) -> dict[str, float]:
    """Gradient evaluations per entry of each solver's history (1 each without ``cost``)."""
    if cost is None:
        return dict.fromkeys(names, 1.0)
    if not isinstance(cost, dict) or set(cost) != set(names):
        raise ValueError(f"cost must give a number for every solver: {sorted(names)}")
    out = {name: float(as_float_vector([c], f"cost[{name!r}]")[0]) for name, c in cost.items()}
    if any(c <= 0 for c in out.values()):
        raise ValueError("cost must be > 0 for every solver")
    return out


_EVALUATIONS = "gradient evaluations"


def plot_gap_history(
    gaps: dict[str, object],
    *,
    ax: Any = None,
    floor: float = 1e-16,
    log_x: bool = False,
    cost: dict[str, float] | None = None,
) -> tuple[Any, dict]:
    """Duality gap per pass over the data, log scale, one line per solver.

    Parameters
    ----------
    gaps : dict of str -> array_like
        Solver name -> gap after each pass (each entry >= 0). Names containing "coordinate"
        are drawn in the lasso colour, others in the guide grey.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    floor : float, default=1e-16
        Gaps below ``floor`` are drawn at ``floor`` (a log axis cannot show 0).
    log_x : bool, default=False
        Log scale for the passes too (to compare solvers that need very different numbers).
    cost : dict of str -> float, optional
        Solver name -> gradient evaluations per entry (an epoch of coordinate descent and
        its gap: 2; a step of subgradient descent: 1). Given, the horizontal axis counts
        gradient evaluations, the same unit for every solver; else passes 1, 2, ...

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"gaps"``: name -> the plotted (floored) array; ``"passes"``: name -> 1, 2, ...
        (times ``cost[name]`` when given).

    Examples
    --------
    >>> ax, d = plot_gap_history({"coordinate descent": [1.0, 1e-3, 0.0]})
    >>> d["gaps"]["coordinate descent"].tolist()
    [1.0, 0.001, 1e-16]
    """
    if not isinstance(gaps, dict) or not gaps:
        raise TypeError("gaps must be a non-empty dict of name -> array")
    floor = float(as_float_vector([floor], "floor")[0])
    if floor <= 0:
        raise ValueError(f"floor must be > 0, got {floor}")
    log_x = check_bool(log_x, "log_x")
    costs = _costs(cost, gaps)
    plotted: dict[str, np.ndarray] = {}
    passes: dict[str, np.ndarray] = {}
    for name, g in gaps.items():
        g = as_float_vector(g, f"gaps[{name!r}]")
        if np.any(g < 0):
            raise ValueError(f"gaps[{name!r}] must be >= 0")
        plotted[name] = np.maximum(g, floor)
        passes[name] = np.arange(1, g.size + 1)
        passes[name] = passes[name] * costs[name]
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    with book_style():
        ax = get_axes(ax)
        for k, name in enumerate(plotted):
            ax.plot(passes[name], plotted[name], color=styles[k % len(styles)], label=name)
        ax.set_yscale("log")
        if log_x:
            ax.set_xscale("log")
        ax.set_xlabel("pass over the data (epoch or step)" if cost is None else _EVALUATIONS)
        ax.set_ylabel("duality gap")
        ax.set_title("Certified distance to the optimum")
        legend_below(ax, ncols=2)
    return ax, {"gaps": plotted, "passes": passes}


def plot_zero_counts(
    n_zero: dict[str, object],
    p: int,
    *,
    ax: Any = None,
    target: int | None = None,
    log_x: bool = False,
    cost: dict[str, float] | None = None,
) -> tuple[Any, dict]:
    """How many coefficients are exactly zero after each pass, one step line per solver.

    Parameters
    ----------
    n_zero : dict of str -> array_like of int
        Solver name -> count of exact zeros after each pass.
    p : int
        Number of coefficients (the y axis runs from 0 to p).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    target : int, optional
        The number of zeros of the exact solution, drawn as a dotted line.
    log_x : bool, default=False
        Log scale for the passes.
    cost : dict of str -> float, optional
        Gradient evaluations per entry, as in :func:`plot_gap_history`.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"n_zero"``: name -> int array; ``"passes"``: name -> 1, 2, ...; ``"target"``.

    Examples
    --------
    >>> ax, d = plot_zero_counts({"cd": [0, 2, 3], "sgd": [0, 0, 0]}, p=5, target=3)
    >>> d["n_zero"]["cd"].tolist()
    [0, 2, 3]
    """
    if not isinstance(n_zero, dict) or not n_zero:
        raise TypeError("n_zero must be a non-empty dict of name -> array")
    if isinstance(p, bool) or not isinstance(p, (int, np.integer)) or p < 1:
        raise ValueError(f"p must be an integer >= 1, got {p!r}")
    log_x = check_bool(log_x, "log_x")
    counts = {name: _counts(c, f"n_zero[{name!r}]") for name, c in n_zero.items()}
    for name, c in counts.items():
        if np.any(c > p):
            raise ValueError(f"n_zero[{name!r}] must be <= p = {p}")
    costs = _costs(cost, counts)
    passes: dict[str, np.ndarray] = {name: np.arange(1, c.size + 1) for name, c in counts.items()}
    passes = {name: passes[name] * costs[name] for name in counts}
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    from matplotlib.ticker import MaxNLocator

    with book_style():
        ax = get_axes(ax)
        if target is not None:
            ax.axhline(
                target,
                color="black",
                linestyle=":",
                linewidth=1.5,
                label=f"exact solution: {target} zeros",
            )
        for k, name in enumerate(counts):
            ax.step(
                passes[name], counts[name], where="post", color=styles[k % len(styles)], label=name
            )
        if log_x:
            ax.set_xscale("log")
        ax.set_ylim(-0.3, p + 0.3)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: whole numbers
        ax.set_xlabel("pass over the data (epoch or step)" if cost is None else _EVALUATIONS)
        ax.set_ylabel("coefficients exactly 0")
        ax.set_title("Exact zeros in the iterate")
        legend_below(ax, ncols=2)
    return ax, {"n_zero": counts, "passes": passes, "target": target}


def plot_rates(
    errors: dict[str, object],
    *,
    bounds: dict[str, object] | None = None,
    cost: dict[str, float] | None = None,
    floor: float = 1e-12,
    log_x: bool = True,
    max_x: float | None = None,
    bound_label: str = "guarantee",
    ax: Any = None,
) -> tuple[Any, dict]:
    """Excess objective (value minus minimum) of several solvers, guarantees dashed.

    Parameters
    ----------
    errors : dict of str -> array_like
        Solver name -> the objective minus its minimum after each step (entries below
        ``floor``, rounding noise of an exact optimum included, are drawn at ``floor``).
    bounds : dict of str -> array_like, optional
        Solver name (a key of ``errors``) -> its theoretical bound at the same steps,
        drawn dashed in the solver's colour.
    cost : dict of str -> float, optional
        Gradient evaluations per entry, as in :func:`plot_gap_history` (1 by default).
    floor : float, default=1e-12
        The smallest value drawn (the vertical axis is logarithmic).
    log_x : bool, default=True
        Logarithmic horizontal axis (a rate ``k^-a`` is then a straight line).
    max_x : float, optional
        Draw up to this many gradient evaluations only.
    bound_label : str, default="guarantee"
        What the dashed lines are: the legend's title says "dashed: bound_label".
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"errors"`` and ``"bounds"``: name -> the plotted (floored, cut) arrays;
        ``"x"``: name -> their gradient evaluations.

    Examples
    --------
    >>> ax, d = plot_rates({"ISTA": [1.0, 0.4, 0.0]}, bounds={"ISTA": [2.0, 1.0, 0.7]})
    >>> d["errors"]["ISTA"].tolist(), d["x"]["ISTA"].tolist()
    ([1.0, 0.4, 1e-12], [1.0, 2.0, 3.0])
    """
    if not isinstance(errors, dict) or not errors:
        raise TypeError("errors must be a non-empty dict of name -> array")
    bounds = {} if bounds is None else bounds
    if not isinstance(bounds, dict) or not set(bounds) <= set(errors):
        raise ValueError("bounds must be a dict whose names are names of errors")
    floor = float(as_float_vector([floor], "floor")[0])
    if floor <= 0:
        raise ValueError(f"floor must be > 0, got {floor}")
    log_x = check_bool(log_x, "log_x")
    if not isinstance(bound_label, str):
        raise TypeError(f"bound_label must be a str, got {type(bound_label).__name__}")
    costs = _costs(cost, errors)
    limit = np.inf if max_x is None else float(as_float_vector([max_x], "max_x")[0])
    out: dict[str, dict[str, np.ndarray]] = {"errors": {}, "bounds": {}, "x": {}}
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    with book_style():
        ax = get_axes(ax)
        for k, (name, e) in enumerate(errors.items()):
            e = as_float_vector(e, f"errors[{name!r}]")
            x = np.arange(1, e.size + 1) * costs[name]
            keep = x <= limit
            out["x"][name], out["errors"][name] = x[keep], np.maximum(e, floor)[keep]
            style = {"color": styles[k % len(styles)]}
            ax.plot(out["x"][name], out["errors"][name], label=name, **style)
            if name in bounds:
                b = as_float_vector(bounds[name], f"bounds[{name!r}]")[keep]
                out["bounds"][name] = b
                ax.plot(out["x"][name], b, linestyle="--", label="_nolegend_", **style)
        ax.set_yscale("log")
        if log_x:
            ax.set_xscale("log")
        ax.set_xlabel("gradient evaluations")
        ax.set_ylabel("excess objective")
        title = f"dashed: {bound_label}" if out["bounds"] else None
        legend_below(ax, ncols=2, title=title, title_fontsize=9)
    return ax, out
