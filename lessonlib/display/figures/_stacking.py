"""Room between panels once the phone rendering has stacked them one above the other."""

from __future__ import annotations

from typing import Any

__all__ = ["STACKED_HSPACE", "leave_room_when_stacked"]

# A share of a stacked panel's height (matplotlib's constrained-layout ``hspace``): on a
# phone, panels about 3.3 in high, 0.07 of it is 16 pt between one panel's x-axis label
# and the next panel's title, where the default padding leaves 6 pt and they touch.
STACKED_HSPACE: float = 0.07


def leave_room_when_stacked(fig: Any, hspace: float = STACKED_HSPACE) -> Any:
    """Give ``fig``'s constrained layout an ``hspace`` that matters only once stacked.

    The book's two-panel figures are one row, where ``hspace`` (the space between rows)
    changes nothing: the page's rendering is the same pixel for pixel. Their phone
    rendering (:func:`lessonlib.display.phone.stacked`) keeps the layout engine and puts
    the panels in one column; there this space separates each panel's x-axis label (and
    a legend below it) from the next panel's title.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a ``constrained`` layout.
    hspace : float, default STACKED_HSPACE
        Space between stacked panels, as a share of a panel's height.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``, changed in place.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, axes = plt.subplots(1, 2, layout="constrained")
    >>> leave_room_when_stacked(fig).get_layout_engine().get()["hspace"]
    0.07
    >>> plt.close(fig)
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if not isinstance(engine, ConstrainedLayoutEngine):
        raise ValueError(f"fig must have a constrained layout, got {type(engine).__name__}")
    if not 0 <= hspace < 1:
        raise ValueError(f"hspace must be in [0, 1), got {hspace!r}")
    engine.set(hspace=hspace)
    return fig
