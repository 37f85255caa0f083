"""Figures for the coordinate-descent chapter: how a solver's iterates converge."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_vector, check_bool
from lessonlib.display.figures._common import get_axes
from lessonlib.display.style import book_style, color


def _counts(value: object, name: str) -> np.ndarray:
    arr = as_float_vector(value, name)
    if np.any(arr < 0) or np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must hold non-negative whole numbers")
    return arr.astype(int)


def plot_gap_history(
    gaps: dict[str, object], *, ax: Any = None, floor: float = 1e-16, log_x: bool = False
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

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"gaps"``: name -> the plotted (floored) array; ``"passes"``: name -> 1, 2, ...

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
    plotted, passes = {}, {}
    for name, g in gaps.items():
        g = as_float_vector(g, f"gaps[{name!r}]")
        if np.any(g < 0):
            raise ValueError(f"gaps[{name!r}] must be >= 0")
        plotted[name] = np.maximum(g, floor)
        passes[name] = np.arange(1, g.size + 1)
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
    with book_style():
        ax = get_axes(ax)
        for k, name in enumerate(plotted):
            ax.plot(passes[name], plotted[name], color=styles[k % len(styles)], label=name)
        ax.set_yscale("log")
        if log_x:
            ax.set_xscale("log")
        ax.set_xlabel("pass over the data (epoch or step)")
        ax.set_ylabel("duality gap")
        ax.set_title("Certified distance to the optimum")
        ax.legend(fontsize=9)
    return ax, {"gaps": plotted, "passes": passes}


def plot_zero_counts(
    n_zero: dict[str, object],
    p: int,
    *,
    ax: Any = None,
    target: int | None = None,
    log_x: bool = False,
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
    passes = {name: np.arange(1, c.size + 1) for name, c in counts.items()}
    styles = [color("lasso"), color("guide"), color("ridge"), color("highlight")]
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
        ax.set_xlabel("pass over the data (epoch or step)")
        ax.set_ylabel("coefficients exactly 0")
        ax.set_title("Exact zeros in the iterate")
        ax.legend(fontsize=9)
    return ax, {"n_zero": counts, "passes": passes, "target": target}
