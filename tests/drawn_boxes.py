"""Where a figure's text and data land on the canvas, in display units (pixels): shared by
the tests of Part I's figures (tests/test_phone_part_i.py and tests/test_figures_*.py).

A legend must cover no drawn point, on the page's figure and on its phone rendering
(``lessonlib.display.phone.stacked``), where the panels are narrower; and once the phone
rendering has put the panels one above the other, a panel's title must not touch what hangs
below the panel above it. Nothing here imports lessonlib.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def renderer(fig: Any) -> Any:
    """Draw ``fig`` (ticks, legends and layout exist only once drawn); its renderer."""
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _inside(pts: np.ndarray, box: Any) -> np.ndarray:
    x, y = pts[:, 0], pts[:, 1]
    return (x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)


def drawn_points(ax: Any, per_segment: int = 20) -> np.ndarray:
    """Display coordinates of what ``ax`` draws inside its panel: every line's vertices and
    ``per_segment`` points along each of its segments, every scatter point, and the
    vertices of contour lines.

    Returns an (n, 2) array; the figure must have been drawn (:func:`renderer`).
    """
    from matplotlib.collections import PathCollection
    from matplotlib.contour import ContourSet

    pts = [np.empty((0, 2))]
    for line in ax.get_lines():
        xy = line.get_transform().transform(np.asarray(line.get_path().vertices, float))
        xy = xy[np.all(np.isfinite(xy), axis=1)]
        if len(xy) > 1 and line.get_linestyle() not in ("None", "none", "", " "):
            t = np.linspace(0.0, 1.0, per_segment)[:, None, None]
            xy = (xy[:-1] + t * (xy[1:] - xy[:-1])).reshape(-1, 2)
        pts.append(xy)
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and len(coll.get_offsets()):
            pts.append(coll.get_offset_transform().transform(np.asarray(coll.get_offsets())))
        elif isinstance(coll, ContourSet):  # the level curves' vertices
            for path in coll.get_paths():
                if len(path.vertices):
                    pts.append(coll.get_transform().transform(np.asarray(path.vertices, float)))
    every = np.concatenate(pts)
    return every[_inside(every, ax.bbox)]  # what lies outside the panel is clipped away


def points_under(legend: Any, ax: Any) -> np.ndarray:
    """The points of :func:`drawn_points` of ``ax`` that ``legend``'s frame covers."""
    box = legend.get_window_extent(renderer(ax.figure))
    pts = drawn_points(ax)
    return pts[_inside(pts, box)]


def vertical_gap(upper: Any, lower: Any) -> float:
    """Points of space from the bottom of artist ``upper`` down to the top of artist
    ``lower`` (negative when they overlap), both on one drawn figure."""
    fig = upper.figure
    r = renderer(fig)
    return float((upper.get_window_extent(r).y0 - lower.get_window_extent(r).y1) * 72 / fig.dpi)


def stacked_panels(fig: Any) -> list[Any]:
    """The panels of a one-column figure, top to bottom."""
    return sorted((a for a in fig.axes if a.get_subplotspec()), key=lambda a: -a.get_position().y1)
