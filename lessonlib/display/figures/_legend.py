"""A legend under the Axes, below its x label: where it covers no data on the page or on
the phone rendering (:mod:`lessonlib.display.phone`), whose panels are narrower and whose
text is relatively larger, so that a legend placed in a corner for the page lands on the
curves on a phone."""

from __future__ import annotations

from typing import Any

# Space left between the x label's baseline box and the legend's top, in points.
_GAP_PT = 4.0


def _xlabel_depth(ax: Any) -> float:
    """How far the x tick labels and the x label reach below the Axes, in points, from
    their font sizes and pads (before any draw; a line of text is taken 1.25 em tall,
    2 em for tick labels with exponents on a log axis)."""
    major = ax.xaxis.get_major_ticks()
    tick = major[0] if major else None
    tick_size = tick.label1.get_fontsize() if tick is not None else 11.0
    tick_len = tick.tick1line.get_markersize() if tick is not None else 3.5
    tick_pad = tick.get_pad() if tick is not None else 3.5
    lines = 2.0 if ax.get_xscale() == "log" else 1.25
    depth = tick_len + tick_pad + lines * tick_size
    if ax.get_xlabel():
        depth += ax.xaxis.labelpad + 1.25 * ax.xaxis.label.get_fontsize()
    return depth


def legend_below(ax: Any, *, ncols: int = 1, fontsize: float = 9, **kwargs: Any) -> Any:
    """Draw ``ax``'s legend centred under it, below its x tick labels and x label.

    Call it after the x label is set. A constrained layout makes room for it.

    Parameters
    ----------
    ax : matplotlib Axes
        The Axes whose labelled artists the legend lists.
    ncols : int, default=1
        Columns of entries.
    fontsize : float, default=9
        Text size of the entries in points.
    **kwargs
        Passed on to ``ax.legend`` (e.g. ``handles`` and ``labels``).

    Returns
    -------
    matplotlib.legend.Legend
    """
    from matplotlib.transforms import ScaledTranslation

    drop = (_xlabel_depth(ax) + _GAP_PT) / 72.0
    anchor = ax.transAxes + ScaledTranslation(0.0, -drop, ax.figure.dpi_scale_trans)
    return ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=anchor,
        ncols=ncols,
        fontsize=fontsize,
        borderaxespad=0.0,
        **kwargs,
    )
