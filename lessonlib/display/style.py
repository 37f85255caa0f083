"""One figure style for the whole book.

Colours are the Okabe-Ito palette (safe for the common kinds of colour blindness),
with one fixed colour per method so that "lasso" is the same vermilion in every
chapter. Figures get an explicit white background, so they stay readable when the
book is shown on a dark page. Fonts are sized to read in print at column width.

Use :func:`book_style` as a context manager (the figure functions do), or call
:func:`apply_style` once at the top of a notebook. matplotlib is imported only
inside the functions.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "COLORS",
    "MAX_FIGURE_WIDTH",
    "OKABE_ITO",
    "PRINT_TEXT_WIDTH",
    "RC",
    "apply_style",
    "book_style",
    "color",
    "feature_style",
    "subplots",
]

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "reddish purple": "#CC79A7",
}

COLORS: dict[str, str] = {
    "ols": OKABE_ITO["black"],
    "ridge": OKABE_ITO["blue"],
    "lasso": OKABE_ITO["vermilion"],
    "elastic net": OKABE_ITO["bluish green"],
    "hard": OKABE_ITO["reddish purple"],
    "highlight": OKABE_ITO["orange"],
    "constraint": OKABE_ITO["sky blue"],
    "data": "#555555",
    "guide": "#999999",
}

RC: dict[RcKeyType, Any] = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 10,
    "legend.framealpha": 0.9,
    "lines.linewidth": 2.0,
    "lines.markersize": 7,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


# The PDF prints a figure at most as wide as its text, 6.27 in (A4 with 1 in margins;
# tests/test_pdf_figures.py reads the width from the LaTeX log), so a figure w inches wide
# prints its fonts at PRINT_TEXT_WIDTH / w of their size. Below MAX_FIGURE_WIDTH the tick
# labels (RC["xtick.labelsize"]) print at 11 * 6.27 / 9.0 = 7.7 pt or more; :func:`subplots`
# narrows a wider figure to it, keeping its proportions.
PRINT_TEXT_WIDTH: float = 6.27
MAX_FIGURE_WIDTH: float = 9.0


def color(name: str) -> str:
    """The book's colour for a method or role.

    Parameters
    ----------
    name : str
        A key of ``COLORS`` ("ols", "ridge", "lasso", "elastic net", ...) or of ``OKABE_ITO``.

    Returns
    -------
    str
        A hex colour.

    Examples
    --------
    >>> color("lasso")
    '#D55E00'
    """
    if name in COLORS:
        return COLORS[name]
    if name in OKABE_ITO:
        return OKABE_ITO[name]
    raise ValueError(f"name must be one of {sorted(COLORS) + sorted(OKABE_ITO)}, got {name!r}")


_CYCLE = (
    "blue",
    "vermilion",
    "bluish green",
    "orange",
    "reddish purple",
    "sky blue",
    "black",
    "yellow",
)


# Yellow is too faint for a thin line on white: plots of many features use the other seven.
_FEATURE_COLOURS = _CYCLE[:7]


def feature_style(j: int) -> dict[str, str]:
    """Colour and line style of feature ``j`` in a plot of many features.

    Seven palette colours, solid for the first seven features, dashed for the next seven
    and dotted after that, so the ten diabetes features never share a look.

    Parameters
    ----------
    j : int
        Feature index (0-based).

    Returns
    -------
    dict
        ``color`` and ``linestyle`` keyword arguments for ``Axes.plot``.

    Examples
    --------
    >>> feature_style(0) == {"color": OKABE_ITO["blue"], "linestyle": "-"}
    True
    >>> feature_style(7)["linestyle"]
    '--'
    """
    n = len(_FEATURE_COLOURS)
    return {
        "color": OKABE_ITO[_FEATURE_COLOURS[j % n]],
        "linestyle": ("-", "--", ":")[min(j // n, 2)],
    }


def _rc() -> dict[RcKeyType, Any]:
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=[OKABE_ITO[k] for k in _CYCLE])}


@contextlib.contextmanager
def book_style() -> Iterator[None]:
    """Temporarily use the book's matplotlib settings.

    Examples
    --------
    >>> import matplotlib
    >>> with book_style():
    ...     matplotlib.rcParams["figure.facecolor"]
    'white'
    """
    import matplotlib
    import matplotlib.pyplot

    # pyplot is imported *before* the rc_context: in Jupyter, its first import switches on
    # interactive mode for the inline backend, and an rc_context around that first import
    # would switch it off again on exit, so later figures would never be displayed.
    with matplotlib.rc_context(_rc()):
        yield


def apply_style() -> None:
    """Use the book's matplotlib settings from now on (e.g. at the top of a notebook).

    Examples
    --------
    >>> import matplotlib
    >>> with matplotlib.rc_context():  # restore afterwards, for the doctest
    ...     apply_style()
    ...     matplotlib.rcParams["font.size"]
    12.0
    """
    import matplotlib

    matplotlib.rcParams.update(_rc())
    _sharp_inline_figures()


# Set by `python -m booktools.outputs` when it stores the book's outputs: the web page
# then has a phone rendering of every figure (lessonlib/display/phone.py).
PHONE_FIGURES_VARIABLE = "LESSONLIB_PHONE_FIGURES"


def _sharp_inline_figures() -> None:
    """In a Jupyter kernel, store figures as PNGs at twice the resolution ("retina").

    They stay sharp on high-DPI screens and reach 200 dpi in the PDF. When the book's
    outputs are stored, each PNG carries its phone rendering in its metadata. Outside
    IPython (scripts, tests) this does nothing.
    """
    import os
    import sys

    if "IPython" not in sys.modules:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("retina")
    if os.environ.get(PHONE_FIGURES_VARIABLE) == "1":
        from matplotlib.figure import Figure

        from lessonlib.display.phone import png_with_phone

        shell.display_formatter.formatters["image/png"].for_type(Figure, png_with_phone)


def subplots(*args: Any, **kwargs: Any) -> tuple[Any, Any]:
    """``matplotlib.pyplot.subplots`` in the book's style, with a white background.

    For chapters that compose several panels and pass each Axes to a figure function.
    A ``figsize`` wider than ``MAX_FIGURE_WIDTH`` is scaled down to that width, height in
    proportion, so that the text in the figure stays legible when the PDF prints the
    figure at the width of its text (see ``PRINT_TEXT_WIDTH``).

    Examples
    --------
    >>> fig, axes = subplots(1, 2, figsize=(8, 3))
    >>> fig.get_facecolor()
    (1.0, 1.0, 1.0, 1.0)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    >>> fig, axes = subplots(1, 2, figsize=(12, 4))
    >>> [round(float(x), 2) for x in fig.get_size_inches()]
    [9.0, 3.0]
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    kwargs.setdefault("facecolor", "white")
    if kwargs.get("figsize") is not None:
        width, height = kwargs["figsize"]
        if width > MAX_FIGURE_WIDTH:
            kwargs["figsize"] = (MAX_FIGURE_WIDTH, height * MAX_FIGURE_WIDTH / width)
    with book_style():
        return plt.subplots(*args, **kwargs)
