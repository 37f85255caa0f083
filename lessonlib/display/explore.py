"""Explorers: drag lambda and watch the slope, the loss or the coefficients move.

An explorer is a matplotlib figure with an ``update(value)`` method that moves its
artists to a new penalty weight. The same explorer serves three places:

* the static website: :func:`static_explorer` renders frames at a grid of values into a
  self-contained HTML slider (no kernel, no server, no external script), and a
  small-multiples PNG that the PDF shows instead (Jupyter Book picks ``text/html`` for
  the site and ``image/png`` for LaTeX);
* a live notebook (Binder, Colab, local Jupyter): :func:`live_explorer` wires an
  ipywidgets slider to ``update``;
* ``benchmarks/bench_explorers.py``, which times one update (compute + redraw).
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import ArrayLike

from lessonlib import simple
from lessonlib._validation import (
    as_float_matrix,
    as_float_vector,
    check_bool,
    check_penalty,
    check_positive_int,
    check_real,
)
from lessonlib.display.style import book_style, color, feature_style

__all__ = [
    "DescribedExplorer",
    "Explorer",
    "PathExplorer",
    "SlopeExplorer",
    "StaticExplorer",
    "live_explorer",
    "small_multiples",
    "static_explorer",
]


class Explorer(Protocol):
    """What :func:`live_explorer` and the print pictures need of an explorer.

    :class:`SlopeExplorer` and :class:`PathExplorer` have both methods; anything else with
    them (a stand-in in a test, say) serves too.
    """

    def update(self, value: float, /) -> dict[str, Any]:
        """Move the figure to the penalty weight ``value``; return the data drawn."""
        ...

    def png(self, dpi: int, *, fast: bool = ...) -> bytes:
        """The current frame as PNG bytes at ``dpi`` (``fast``: light compression)."""
        ...


class DescribedExplorer(Explorer, Protocol):
    """An :class:`Explorer` that also writes alt text: what :func:`static_explorer` needs."""

    def describe(self, value: float, /) -> str:
        """Alt text for the frame at the penalty weight ``value``."""
        ...


def _new_figure(figsize: tuple[float, float]) -> tuple[Any, Any]:
    """A figure on an Agg canvas that no pyplot manager owns.

    Notebooks therefore never display it on their own; the explorer decides when.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with book_style():
        fig = Figure(figsize=figsize, facecolor="white", layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, 2)
    return fig, axes


def _span(lo: float, hi: float) -> tuple[float, float]:
    """Axis limits ``(lo, hi)``, widened around their centre when they coincide.

    matplotlib warns on equal limits (a flat path, a slope that is always 0).
    """
    if hi > lo:
        return lo, hi
    pad = abs(lo) if lo != 0.0 else 1.0
    return lo - pad, hi + pad


def _m_reach(s: simple.SimpleStats) -> float:
    """Half-width of the slope axis of :class:`SlopeExplorer`.

    1.3 times the least-squares slope; when that is 0 (``Sxy = 0``: every slope is 0) the
    Cauchy-Schwarz scale ``sqrt(Syy / Sxx)``, and ``1 / sqrt(Sxx)`` when ``y`` is constant too.
    """
    candidates = (1.3 * abs(s.Sxy / s.Sxx), math.sqrt(s.Syy / s.Sxx))
    return next((reach for reach in candidates if reach > 0.0), 1.0 / math.sqrt(s.Sxx))


def _freeze_layout(fig: Any) -> None:
    """Lay the figure out once, then keep that layout.

    Constrained layout measures every tick label on every draw, which costs far more
    than the update itself; the explorer only moves lines and changes titles, so the
    first layout stays right.
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")


class _Explorer:
    """What both explorers share: redraw only what moves (blitting), and export PNGs.

    The axes, ticks and fixed curves are drawn once into a background image; an update
    restores that image and draws only the moving artists on top, which is what keeps
    one update to a few milliseconds.
    """

    fig: Any
    _dynamic: list
    _background: Any = None

    def _mark_dynamic(self, *artists: Any) -> None:
        self._dynamic = list(artists)
        for artist in self._dynamic:
            artist.set_animated(True)

    def redraw(self) -> None:
        """Bring the canvas up to date after :meth:`update`."""
        canvas = self.fig.canvas
        if self._background is None:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            (artist.axes or self.fig).draw_artist(artist)

    def png(self, dpi: int, *, fast: bool = False) -> bytes:
        """The current frame as PNG bytes at ``dpi``.

        ``fast=True`` trades file size for speed (light zlib compression): right for a live
        slider, where the image is shown once and thrown away.
        """
        from PIL import Image

        dpi = check_positive_int(dpi, "dpi")
        fast = check_bool(fast, "fast")
        if self.fig.dpi != dpi:
            self.fig.set_dpi(dpi)
            self._background = None
        self.redraw()
        buf = io.BytesIO()
        Image.fromarray(np.asarray(self.fig.canvas.buffer_rgba())).convert("RGB").save(
            buf, "png", compress_level=1 if fast else 6
        )
        return buf.getvalue()


class SlopeExplorer(_Explorer):
    """One feature: the slope against lambda (left) and the loss against m (right).

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Feature and target.
    penalty : {"l1", "l2"}
        Lasso (``SSE + lam*|m|``) or ridge (``SSE + lam*m**2``), the article's scaling.
    lam_max : float
        Right end of the lambda axis (> 0).

    Examples
    --------
    >>> ex = SlopeExplorer([1, 2, 3], [2, 4, 7], "l1", lam_max=20.0)
    >>> ex.update(12.0)["slope"]
    0.0
    """

    def __init__(self, x: ArrayLike, y: ArrayLike, penalty: str, lam_max: float) -> None:
        if penalty not in ("l1", "l2"):
            raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")
        self.stats = s = simple.sufficient_stats(x, y)
        self.penalty = penalty
        self.lam_max = check_penalty(lam_max, "lam_max", allow_zero=False)
        self.name = "lasso" if penalty == "l1" else "ridge"
        grid = np.linspace(0.0, self.lam_max, 400)
        reach = _m_reach(s)
        self.ms = np.union1d(np.linspace(-reach, reach, 401), [0.0])
        self.fig, (self.ax_slope, self.ax_loss) = _new_figure((8.0, 3.2))
        with book_style():
            a, b = self.ax_slope, self.ax_loss
            a.axhline(0.0, color=color("guide"), linewidth=1)
            a.plot(grid, self._slope(grid), color=color(self.name))
            (self.marker,) = a.plot(
                [], [], "o", color=color(self.name), markeredgecolor="black", markersize=8
            )
            a.set_xlabel("$\\lambda$")
            a.set_ylabel("slope $m$")
            b.axvline(0.0, color=color("guide"), linestyle=":", linewidth=1)
            (self.loss_line,) = b.plot([], [], color=color(self.name))
            (self.loss_min,) = b.plot([], [], "o", color=color(self.name), markeredgecolor="black")
            losses = [self._loss(self.ms, lam) for lam in (0.0, self.lam_max)]
            b.set_xlim(self.ms[0], self.ms[-1])
            b.set_ylim(*_span(0.98 * min(v.min() for v in losses), max(v.max() for v in losses)))
            b.set_xlabel("slope $m$")
            b.set_ylabel("loss (best $b$)")
        self.update(0.0)
        _freeze_layout(self.fig)
        self._mark_dynamic(
            self.marker, self.loss_line, self.loss_min, self.ax_slope.title, self.ax_loss.title
        )

    def _slope(self, lam: np.ndarray | float) -> np.ndarray | float:
        s = self.stats
        if self.penalty == "l1":
            return simple.lasso_slope(s.Sxx, s.Sxy, lam)
        return simple.ridge_slope(s.Sxx, s.Sxy, lam)

    def _loss(self, m: np.ndarray, lam: float) -> np.ndarray:
        s = self.stats  # the profile loss of lessonlib.simple, from the sufficient statistics
        pen = lam * np.abs(m) if self.penalty == "l1" else lam * m**2
        return s.Syy - 2 * m * s.Sxy + m**2 * s.Sxx + pen

    def update(self, lam: float) -> dict[str, float]:
        """Move the figure to ``lam``; returns the slope and the loss at the minimum."""
        lam = check_penalty(lam, "lam")
        m = float(self._slope(lam))
        loss_at_m = float(self._loss(np.array([m]), lam)[0])
        self.marker.set_data([lam], [m])
        self.loss_line.set_data(self.ms, self._loss(self.ms, lam))
        self.loss_min.set_data([m], [loss_at_m])
        exact = " (exactly 0)" if m == 0.0 else ""
        self.ax_slope.set_title(f"{self.name}: $\\lambda$ = {lam:.4g}", fontsize=11)
        self.ax_loss.set_title(f"minimiser m = {m:.4f}{exact}", fontsize=11)
        return {"value": lam, "slope": m, "loss": loss_at_m}

    def describe(self, lam: float) -> str:
        """Alt text for the frame at ``lam``."""
        m = float(self._slope(lam))
        where = "exactly zero" if m == 0.0 else f"{m:.3f}"
        return (
            f"{self.name} at lambda {lam:.3g}: left, the slope against lambda with the "
            f"current slope marked; right, the loss against m, lowest at m = {where}."
        )


class PathExplorer(_Explorer):
    """Several features: coefficient paths (left) and the coefficients at one alpha (right).

    Parameters
    ----------
    alphas : array_like of shape (k,)
        A fine grid of penalty weights, for the path lines (> 0, any order).
    coefs : array_like of shape (k, p)
        Coefficients at ``alphas`` (one row per alpha).
    coef_at : callable
        ``coef_at(alpha) -> ndarray of shape (p,)``: the exact coefficients at any alpha.
        What it returns is checked at every update: one finite number per feature.
    feature_names : sequence of str
    title : str
        Which method, e.g. ``"lasso"``.

    Examples
    --------
    >>> al = np.array([0.1, 1.0, 10.0]); co = np.array([[1.0, 0.5], [0.5, 0.0], [0.0, 0.0]])
    >>> ex = PathExplorer(al, co, lambda a: np.interp(a, al, co[:, 0]) * np.array([1.0, 0.0]),
    ...                   ["a", "b"], "lasso")
    >>> ex.update(1.0)["n_zero"]
    1
    """

    def __init__(
        self,
        alphas: ArrayLike,
        coefs: ArrayLike,
        coef_at: Callable[[float], np.ndarray],
        feature_names: Sequence[str],
        title: str,
    ) -> None:
        alphas = as_float_vector(alphas, "alphas", min_length=2)
        coefs = as_float_matrix(coefs, "coefs")
        if np.any(alphas <= 0):
            raise ValueError("alphas must be > 0 (they are drawn on a log axis)")
        if coefs.shape != (alphas.size, len(feature_names)):
            raise ValueError(
                f"coefs must have shape (len(alphas), len(feature_names)) = "
                f"{(alphas.size, len(feature_names))}, got {coefs.shape}"
            )
        if not callable(coef_at):
            raise TypeError(
                f"coef_at must be callable (alpha -> coefficients), got {type(coef_at).__name__}"
            )
        self.coef_at, self.names, self.title = coef_at, list(feature_names), title
        self.fig, (self.ax_path, self.ax_bar) = _new_figure((8.0, 3.4))
        with book_style():
            a, b = self.ax_path, self.ax_bar
            a.axhline(0.0, color=color("guide"), linewidth=1)
            for j in range(coefs.shape[1]):
                a.plot(alphas, coefs[:, j], linewidth=1.5, **feature_style(j))
            a.set_xscale("log")
            a.set_xlabel("$\\alpha$ (log scale)")
            a.set_ylabel("coefficient")
            self.vline = a.axvline(alphas[0], color="black", linestyle="--", linewidth=1.2)
            y = np.arange(len(self.names))
            self.bars = b.barh(
                y,
                np.zeros(len(self.names)),
                color=color(title if title in ("lasso", "ridge") else "highlight"),
            )
            b.set_yticks(y, self.names)
            b.invert_yaxis()
            lim = 1.05 * np.abs(coefs).max()
            b.set_xlim(*_span(-lim, lim))
            b.axvline(0.0, color=color("guide"), linewidth=1)
            b.set_xlabel("coefficient")
        self.update(float(np.sqrt(alphas.min() * alphas.max())))
        _freeze_layout(self.fig)
        self._mark_dynamic(self.vline, *self.bars, self.ax_path.title, self.ax_bar.title)

    def update(self, alpha: float) -> dict[str, Any]:
        """Move the figure to ``alpha``; returns the coefficients and how many are exactly 0."""
        alpha = check_penalty(alpha, "alpha", allow_zero=False)
        coef = self._coef(alpha)
        self.vline.set_xdata([alpha, alpha])
        zero_colour = color("guide")
        for bar, c in zip(self.bars, coef):
            bar.set_width(c)
            bar.set_hatch("//" if c == 0.0 else None)
            bar.set_edgecolor(zero_colour if c == 0.0 else "none")
        n_zero = int(np.sum(coef == 0.0))
        self.ax_path.set_title(f"{self.title}: $\\alpha$ = {alpha:.3g}", fontsize=11)
        self.ax_bar.set_title(f"{n_zero} of {coef.size} exactly 0", fontsize=11)
        return {"value": alpha, "coef": coef, "n_zero": n_zero}

    def _coef(self, alpha: float) -> np.ndarray:
        """``coef_at(alpha)``, checked: finite, one coefficient per feature (not truncated)."""
        coef = as_float_vector(self.coef_at(alpha), f"coef_at({alpha:g})")
        if coef.size != len(self.names):
            raise ValueError(
                f"coef_at({alpha:g}) must return one coefficient per feature "
                f"({len(self.names)}), got {coef.size}"
            )
        return coef

    def describe(self, alpha: float) -> str:
        """Alt text for the frame at ``alpha``."""
        coef = self._coef(check_penalty(alpha, "alpha", allow_zero=False))
        zeros = [n for n, c in zip(self.names, coef) if c == 0.0]
        which = ", ".join(zeros) if zeros else "none"
        return (
            f"{self.title} at alpha {alpha:.3g}: left, the coefficient paths with the current "
            f"alpha marked; right, a bar per feature; exactly zero: {which}."
        )


if TYPE_CHECKING:  # read by mypy only: both explorers have what the protocols ask for
    _EXPLORERS: tuple[type[DescribedExplorer], ...] = (SlopeExplorer, PathExplorer)


@dataclass(eq=False, repr=False)
class StaticExplorer:
    """A rendered explorer: HTML slider for the site, small multiples for print.

    Attributes
    ----------
    html : str
        Self-contained ``<div>`` + ``<script>``; no external resources.
    png : bytes
        The small-multiples figure used by the PDF.
    values : numpy.ndarray
        The penalty weights of the frames.
    states : list of dict
        What ``update`` returned at each frame (the data behind each picture).
    summary : str
        One line naming the explorer and its range: the ``text/plain`` output.
    """

    html: str
    png: bytes
    values: np.ndarray
    states: list[dict]
    summary: str

    @property
    def weight_bytes(self) -> int:
        """What the explorer adds to its page, in bytes."""
        return len(self.html.encode())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        return {
            "text/html": self.html,
            "image/png": base64.b64encode(self.png).decode(),
            "text/plain": self.summary,
        }


_SCRIPT = """<script>(function () {
  var root = document.getElementById(%(id)s), data = JSON.parse(root.dataset.frames);
  var img = root.querySelector("img"), range = root.querySelector("input"),
      out = root.querySelector("output"), play = root.querySelector("button"), timer = null;
  function show(i) { img.src = data.src[i]; img.alt = data.alt[i]; out.textContent = data.label[i];
                     range.value = i; }
  range.addEventListener("input", function () { show(+range.value); });
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
    play.textContent = "Pause";
    timer = setInterval(function () { var i = (+range.value + 1) %% data.src.length; show(i);
      if (i === data.src.length - 1) {
        clearInterval(timer); timer = null; play.textContent = "Play"; } }, 400);
  });
})();</script>"""


def static_explorer(
    explorer: DescribedExplorer,
    values: ArrayLike,
    *,
    name: str,
    symbol: str = "λ",
    print_values: ArrayLike | None = None,
    dpi: int = 80,
) -> StaticExplorer:
    """Render ``explorer`` at each of ``values`` into an HTML slider and a print figure.

    Parameters
    ----------
    explorer : SlopeExplorer or PathExplorer
        Draws each frame (:class:`Explorer`): ``update(value)`` then ``png(dpi)``.
    values : array_like of shape (k,)
        The penalty weights of the frames, in slider order.
    name : str
        A page-unique identifier (letters, digits, ``-``): the element's id.
    symbol : str
        How the slider labels the penalty (``"λ"`` or ``"α"``).
    print_values : array_like, optional
        The weights drawn in the small-multiples figure for print (one row each, so keep it to
        three or four); default the first, middle and last of ``values``.
    dpi : int
        Resolution of the web frames (the print figure uses 200 dpi).

    Returns
    -------
    StaticExplorer
    """
    values = as_float_vector(values, "values", min_length=2)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name):
        raise ValueError(
            f"name must be letters, digits and '-', starting with a letter; got {name!r}"
        )
    states, frames, alts = [], [], []
    for v in values:
        states.append(explorer.update(float(v)))
        frames.append("data:image/png;base64," + base64.b64encode(explorer.png(dpi)).decode())
        alts.append(explorer.describe(float(v)))
    labels = [f"{symbol} = {v:.3g}" for v in values]
    payload = html.escape(json.dumps({"src": frames, "alt": alts, "label": labels}), quote=True)
    dom_id = f"explorer-{name}"
    markup = (
        f'<div class="lambda-explorer" id="{dom_id}" data-frames="{payload}">'
        f'<img src="{frames[0]}" alt="{html.escape(alts[0])}" style="max-width:100%;height:auto">'
        f'<div style="display:flex;gap:0.8em;align-items:center;flex-wrap:wrap">'
        f'<button type="button">Play</button>'
        f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="0" '
        f'aria-label="{symbol}" style="flex:1;min-width:10em">'
        f"<output>{labels[0]}</output></div></div>" + _SCRIPT % {"id": json.dumps(dom_id)}
    )
    chosen = (
        values[np.linspace(0, values.size - 1, 3).round().astype(int)]
        if print_values is None
        else as_float_vector(print_values, "print_values")
    )
    png = small_multiples(explorer, chosen)
    explorer.update(float(values[0]))
    summary = (
        f"Explorer '{name}': {len(values)} frames, {symbol} from {values[0]:.3g}"
        f" to {values[-1]:.3g}."
    )
    return StaticExplorer(markup, png, values, states, summary)


def small_multiples(explorer: Explorer, values: np.ndarray) -> bytes:
    """The explorer's frames at ``values``, stacked in a column, as one 200-dpi PNG.

    The print picture of every explorer and chart (the PDF has no slider).

    Parameters
    ----------
    explorer : Explorer
        Drawn at each value: ``update(value)`` then ``png(200)``.
    values : numpy.ndarray of shape (k,)
        The penalty weights of the frames, top to bottom.

    Returns
    -------
    bytes
        One PNG.
    """
    import matplotlib.image as mpimg

    tiles = []
    for v in values:
        explorer.update(float(v))
        tiles.append(mpimg.imread(io.BytesIO(explorer.png(200)), format="png"))
    width = max(t.shape[1] for t in tiles)
    padded = [
        np.pad(t, ((0, 0), (0, width - t.shape[1]), (0, 0)), constant_values=1.0) for t in tiles
    ]
    from PIL import Image

    buf = io.BytesIO()
    rgb = (np.concatenate(padded, axis=0)[..., :3] * 255).round().astype(np.uint8)
    Image.fromarray(rgb).save(buf, "png", dpi=(200, 200))
    return buf.getvalue()


def live_explorer(
    explorer: Explorer,
    low: float,
    high: float,
    *,
    step: float | None = None,
    description: str = "λ",
    log: bool = False,
) -> Any:
    """An ipywidgets slider driving ``explorer`` in a running notebook.

    Each move calls ``explorer.update`` and shows the redrawn figure; see
    ``benchmarks/bench_explorers.py`` for how long one update takes. With ``log=True`` the
    slider moves on a log scale (``low`` must then be > 0), as coefficient paths need.

    Parameters
    ----------
    explorer : SlopeExplorer or PathExplorer
        Anything with ``update(value)`` and ``png(dpi, fast=...)``.
    low, high : float
        The slider's range, ``low < high`` (``low > 0`` with ``log=True``).
    step : float, optional
        Slider step (> 0; in decades when ``log``); default 1/200 of the range.
    description : str, default="λ"
        The slider's label.
    log : bool, default=False
        Move on a log scale.

    Returns
    -------
    ipywidgets.Widget
        The slider and the image, ready to display.
    """
    import ipywidgets as widgets

    if not (
        callable(getattr(explorer, "update", None)) and callable(getattr(explorer, "png", None))
    ):
        raise TypeError(
            f"explorer must have update() and png() methods, got {type(explorer).__name__}"
        )
    low, high = check_real(low, "low"), check_real(high, "high")
    step = None if step is None else check_penalty(step, "step", allow_zero=False)
    log = check_bool(log, "log")
    if not isinstance(description, str):
        raise TypeError(f"description must be a string, got {type(description).__name__}")
    if not high > low:
        raise ValueError(f"high must be > low, got low={low}, high={high}")
    image = widgets.Image(format="png", value=explorer.png(90, fast=True))
    common = {
        "description": description,
        "continuous_update": True,
        "readout_format": ".4g",
        "layout": widgets.Layout(width="95%"),
    }
    if log:
        if low <= 0:
            raise ValueError(f"low must be > 0 for a log slider, got {low}")
        exponent_step = np.log10(high / low) / 200 if step is None else step
        slider = widgets.FloatLogSlider(
            value=low, base=10, min=np.log10(low), max=np.log10(high), step=exponent_step, **common
        )
    else:
        slider = widgets.FloatSlider(
            value=low,
            min=low,
            max=high,
            step=(high - low) / 200 if step is None else step,
            **common,
        )
    explorer.update(low)
    image.value = explorer.png(90, fast=True)

    def on_change(change: dict) -> None:
        explorer.update(float(change["new"]))
        image.value = explorer.png(90, fast=True)

    slider.observe(on_change, names="value")
    return widgets.VBox([slider, image])
