"""What a legend or a tick label covers, read from the artists as drawn: shared by the tests
of the figures of Part II (tests/test_figures_*.py, tests/test_phone_part_ii.py).

Everything is measured in display coordinates after a draw, on the figure as the page shows
it and on its phone rendering (``lessonlib.display.phone.stacked``), where panels are narrower
and text relatively larger, so a legend placed for the page may land on the data. Nothing
here imports lessonlib.
"""

from __future__ import annotations

from typing import Any

import numpy as np

GUIDE = "#999999"  # the book's colour for reference lines (axes through 0): not data


def _is_guide(artist: Any) -> bool:
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    if not isinstance(artist, Line2D):
        return False
    unlabelled = artist.get_label().startswith("_")
    return to_hex(artist.get_color()) == GUIDE and unlabelled and len(artist.get_xdata()) == 2


def data_artists(ax: Any) -> list[Any]:
    """The artists of ``ax`` that show data: its lines (not grey guide lines through 0),
    collections (filled areas, scatter, contours), patches (bars, shaded bands) and texts."""
    found = [a for a in ax.lines if not _is_guide(a)]
    found += list(ax.collections) + list(ax.patches) + list(ax.texts)
    return [a for a in found if a.get_visible()]


def _line_hits(line: Any, box: Any) -> bool:
    from matplotlib.path import Path

    xy = line.get_transform().transform(np.asarray(line.get_xydata(), float))
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    if xy.size == 0:
        return False
    drawn_line = line.get_linestyle() not in ("None", "none", "", " ") and len(xy) > 1
    if drawn_line and Path(xy).intersects_bbox(box, filled=False):
        return True
    if line.get_marker() not in (None, "None", "none", "", " "):
        r = line.get_markersize() * line.figure.dpi / 72 / 2
        grown = box.padded(r)
        return any(grown.contains(x, y) for x, y in xy)
    return False


def _collection_hits(coll: Any, box: Any) -> bool:
    from matplotlib.collections import PathCollection

    paths = coll.get_paths()
    filled = len(coll.get_facecolor()) > 0 and np.any(np.asarray(coll.get_facecolor())[:, 3] > 0)
    if isinstance(coll, PathCollection):  # scatter: one marker path at each offset
        at = coll.get_offset_transform().transform(np.asarray(coll.get_offsets(), float))
        size = max(np.sqrt(np.max(coll.get_sizes(), initial=36.0)) * coll.figure.dpi / 72 / 2, 1)
        return any(box.padded(size).contains(x, y) for x, y in at)
    transform = coll.get_transform()
    return any(transform.transform_path(p).intersects_bbox(box, filled=bool(filled)) for p in paths)


def _patch_hits(patch: Any, box: Any) -> bool:
    path = patch.get_transform().transform_path(patch.get_path())
    return bool(path.intersects_bbox(box, filled=patch.get_fill()))


def _text_hits(text: Any, box: Any, renderer: Any) -> bool:
    return bool(text.get_window_extent(renderer).overlaps(box))


def covered(ax: Any, box: Any, renderer: Any) -> list[str]:
    """Descriptions of the data artists of ``ax`` that ``box`` (display coordinates)
    touches within the Axes' own area: a line passing under it, a marker, a filled area, a
    bar, an annotation."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

    inside = Bbox.intersection(box, ax.bbox)
    if inside is None or inside.width <= 0 or inside.height <= 0:
        return []
    hits = []
    for artist in data_artists(ax):
        if isinstance(artist, Line2D):
            hit = _line_hits(artist, inside)
        elif isinstance(artist, Collection):
            hit = _collection_hits(artist, inside)
        elif isinstance(artist, Patch):
            hit = _patch_hits(artist, inside)
        elif isinstance(artist, Text):
            hit = _text_hits(artist, inside, renderer)
        else:
            continue
        if hit:
            hits.append(f"{type(artist).__name__} {artist.get_label()!r}")
    return hits


def axis_texts(fig: Any, renderer: Any) -> list[Any]:
    """The visible tick labels, axis labels and titles of every Axes of ``fig``."""
    texts = []
    for ax in fig.axes:
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if lo - 1e-9 * (hi - lo) <= tick.get_loc() <= hi + 1e-9 * (hi - lo):
                    texts += [tick.label1, tick.label2]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def legend_problems(fig: Any) -> list[str]:
    """For every legend of ``fig``'s Axes: what data of any Axes it covers, and which axis
    text (tick label, axis label, title) it overlaps. Empty when every legend is clear."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    problems = []
    texts = axis_texts(fig, renderer)
    for k, ax in enumerate(fig.axes):
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for j, other in enumerate(fig.axes):
            problems += [
                f"legend of panel {k} covers panel {j}'s {c}" for c in covered(other, box, renderer)
            ]
        problems += [
            f"legend of panel {k} overlaps the text {t.get_text()!r}"
            for t in texts
            if t.get_window_extent(renderer).overlaps(box)
        ]
    return problems


def overlapping_tick_labels(fig: Any) -> list[tuple[str, str]]:
    """Pairs of visible tick labels of the same axis whose drawn boxes overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pairs = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            labels = [
                t.label1
                for t in axis.get_major_ticks()
                if t.label1.get_visible()
                and t.label1.get_text().strip()
                and lo - 1e-9 * (hi - lo) <= t.get_loc() <= hi + 1e-9 * (hi - lo)
            ]
            boxes = [t.get_window_extent(renderer) for t in labels]
            for i in range(len(labels)):
                for j in range(i + 1, len(labels)):
                    if boxes[i].overlaps(boxes[j]):
                        pairs.append((labels[i].get_text(), labels[j].get_text()))
    return pairs


def all_texts(fig: Any) -> list[str]:
    """Every non-empty text string of ``fig`` as drawn: titles, labels, tick labels,
    legend entries, annotations."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
