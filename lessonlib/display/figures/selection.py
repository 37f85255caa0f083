"""Figures for the chapter "Correlated features and the elastic net": selection frequencies."""

from __future__ import annotations

from typing import Any

import numpy as np

from lessonlib._validation import as_float_vector
from lessonlib.display.figures._common import get_axes
from lessonlib.display.style import book_style, color


def plot_selection_frequencies(
    frequencies: dict[str, object],
    feature_names: list[str],
    *,
    ax: Any = None,
) -> tuple[Any, dict]:
    """Grouped horizontal bars: for each feature, the share of resamples in which each method
    kept it.

    One row per feature, first at the top, so that the feature names are horizontal and
    one a line, as legible on a phone as on the page; within a row the methods run from
    top to bottom in the order of the legend.

    Parameters
    ----------
    frequencies : dict of str to array_like of shape (p,)
        Method name (a key of :data:`lessonlib.display.style.COLORS`, such as ``"lasso"``, or any
        label) to selection frequencies, each in [0, 1].
    feature_names : list of str
        ``p`` names, one per bar group.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"frequencies"`` (method name to array, as plotted) and ``"feature_names"``.

    Examples
    --------
    >>> ax, d = plot_selection_frequencies({"lasso": [1.0, 0.5], "elastic net": [1.0, 1.0]},
    ...                                    ["a", "b"])
    >>> d["frequencies"]["lasso"].tolist()
    [1.0, 0.5]
    """
    if not isinstance(frequencies, dict) or not frequencies:
        raise ValueError("frequencies must be a non-empty dict of method name to frequencies")
    names = [str(name) for name in feature_names]
    freqs = {}
    for label, f in frequencies.items():
        arr = as_float_vector(f, f"frequencies[{label!r}]")
        if arr.size != len(names):
            raise ValueError(
                f"frequencies[{label!r}] must have {len(names)} entries (one per feature), "
                f"got {arr.size}"
            )
        if np.any((arr < 0) | (arr > 1)):
            raise ValueError(f"frequencies[{label!r}] must lie in [0, 1]")
        freqs[str(label)] = arr
    height = 0.8 / len(freqs)
    pos = np.arange(len(names))
    with book_style():
        ax = get_axes(ax, figsize=(7.0, 1.6 + 0.15 * len(names) * len(freqs)))
        for k, (label, arr) in enumerate(freqs.items()):
            kw = {"color": color(label)} if label in _known_colors() else {}
            ax.barh(pos + (k - (len(freqs) - 1) / 2) * height, arr, height, label=label, **kw)
        ax.set_yticks(pos, names)
        ax.set_ylim(len(names) - 0.5, -0.5)  # the first feature at the top
        ax.set_xlim(0, 1.05)
        ax.set_xlabel("share of resamples with $w_j \\neq 0$")
        ax.set_ylabel("feature")
        ax.grid(False, axis="y")
        ax.legend(
            fontsize=9,
            ncol=len(freqs),
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            frameon=False,
        )
    return ax, {"frequencies": freqs, "feature_names": names}


def _known_colors() -> set[str]:
    from lessonlib.display.style import COLORS

    return set(COLORS)
