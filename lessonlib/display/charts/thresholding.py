"""Orthonormal features in the page: soft, proportional and hard thresholding.

For a design with ``X^T X = I`` each coefficient is a rule applied to its
least-squares value ``z_j`` (chapter "Orthonormal features",
:mod:`lessonlib.topics.orthonormal`), in the book's scaling ``SSE + lam * penalty``:

* lasso, soft thresholding at ``kappa = lam / 2``;
* ridge, proportional shrinkage ``z / (1 + lam)``;
* best subset, hard thresholding at the same ``kappa`` (``lam0 = kappa**2``).

:func:`thresholding_chart` writes the three rules as Vega expressions of a
slider-bound ``lam`` (:data:`THRESHOLD_EXPRESSIONS`), so the reader's browser
draws them exactly at every position of the slider.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_penalty
from lessonlib.display.charts._chart import SIGNAL, Chart, vega_number
from lessonlib.display.explore import small_multiples
from lessonlib.display.style import book_style, color
from lessonlib.topics import orthonormal

__all__ = ["METHODS", "THRESHOLD_EXPRESSIONS", "thresholding_chart"]

# The estimators, in the order the chart stacks them, with their labels.
METHODS = {
    "ols": "least squares z",
    "lasso": "lasso (soft)",
    "ridge": "ridge (proportional)",
    "subset": "best subset (hard)",
}
_HUES = {
    "ols": color("guide"),
    "lasso": color("lasso"),
    "ridge": color("ridge"),
    "subset": color("hard"),
}

# Each rule as a Vega expression of ``datum.z`` and the slider's ``lam``.
# Soft thresholding without sign(): one of the two terms is exactly 0, the
# other is sign(z) * (|z| - lam/2) to the last bit. "+ 0" turns the -0 of
# a negative z times false into 0.
THRESHOLD_EXPRESSIONS = {
    "ols": "datum.z",
    "lasso": (f"max(datum.z - {SIGNAL} / 2, 0) + min(datum.z + {SIGNAL} / 2, 0)"),
    "ridge": f"datum.z / (1 + {SIGNAL})",
    "subset": f"datum.z * (abs(datum.z) > {SIGNAL} / 2) + 0",
}


def thresholding_chart(
    z: ArrayLike,
    lam_max: float,
    *,
    name: str,
    names: list[str] | None = None,
    start: float = 0.0,
    print_values: ArrayLike | None = None,
) -> Chart:
    """The three rules for orthonormal features, with a lambda slider.

    Two linked views: the rules as functions of the least-squares estimate
    ``z`` (the band ``|z| <= kappa`` shaded, the features as dots), and
    each feature's coefficient by least squares, lasso, ridge and best
    subset, an exact zero written as a bold "0". Every value is a Vega
    expression of the slider (:data:`THRESHOLD_EXPRESSIONS`).

    Parameters
    ----------
    z : array_like of shape (p,)
        Least-squares coefficients ``X^T y``, not all 0.
    lam_max : float
        Right end of the slider (> 0).
    name : str
        Page-unique id suffix.
    names : list of str, optional
        Feature names (default ``x1``, ..., ``xp``).
    start : float, default=0.0
        Where the slider starts, in ``[0, lam_max]``.
    print_values : array_like, optional
        The lambdas of the print picture (default 0, lam_max/2, lam_max).

    Returns
    -------
    Chart
        Its label states lambda and ``lambda / lambda*``, with
        ``lambda* = 2 max|z_j|``, the smallest lambda at which the lasso
        sets every coefficient to 0.

    Examples
    --------
    >>> c = thresholding_chart([3.0, -1.0, 0.5], 8.0, name="demo",
    ...                        print_values=[2.0])
    >>> c.summary.endswith("from 0 to 1.33 lambda*; 3 features.")
    True
    >>> THRESHOLD_EXPRESSIONS["ridge"]
    'datum.z / (1 + lam)'
    """
    import altair as alt

    z, names, lam_max, start = _check(z, names, lam_max, start)
    lam_star = 2.0 * float(np.max(np.abs(z)))
    lam = alt.param(
        name=SIGNAL,
        value=start,
        bind=alt.binding_range(
            min=0.0, max=lam_max, step=lam_max / 1000, name="λ (drag, or arrow keys) "
        ),
    )
    header = (
        alt.Chart(alt.Data(values=[{"one": 1}]))
        .transform_calculate(text=_label(z, lam_star))
        .mark_text(align="left", baseline="top", fontSize=13, x=0, y=0, lineBreak="|")
        .encode(text="text:N")
        .properties(width=560, height=68)
    )
    hue = alt.Color(
        "method:N",
        title=None,
        scale=alt.Scale(domain=list(METHODS.values()), range=list(_HUES.values())),
        legend=alt.Legend(orient="bottom", direction="horizontal", columns=2, symbolType="stroke"),
    )
    reach = 1.1 * max(float(np.max(np.abs(z))), lam_max / 2)
    rules = _rules_view(alt, z, reach, hue)
    bars = _coefficients_view(alt, z, names, hue)
    spec = (
        alt.vconcat(header, alt.hconcat(rules, bars))
        .add_params(lam)
        .configure_view(stroke=None)
        .to_dict()
    )
    if print_values is None:
        print_values = [0.0, lam_max / 2, lam_max]
    picture = _Picture(z, names, reach)
    png = small_multiples(picture, np.asarray(print_values, float))
    summary = (
        f"Thresholding explorer: slider for lambda from 0 to "
        f"{lam_max / lam_star:.3g} lambda*; {z.size} features."
    )
    return Chart(
        spec, png, summary, name, aria="λ, the penalty weight of lasso and ridge", lam_star=lam_star
    )


def _check(
    z: ArrayLike, names: list[str] | None, lam_max: float, start: float
) -> tuple[np.ndarray, list[str], float, float]:
    z = as_float_vector(z, "z")
    if not np.any(z != 0.0):
        raise ValueError("z must have a non-zero entry (lambda* = 2 max|z|)")
    names = [f"x{j + 1}" for j in range(z.size)] if names is None else names
    if len(names) != z.size or len(set(names)) != z.size:
        raise ValueError(f"names must be {z.size} distinct names, got {names}")
    lam_max = check_penalty(lam_max, "lam_max", allow_zero=False)
    start = check_penalty(start, "start")
    if start > lam_max:
        raise ValueError(f"start must be <= lam_max = {lam_max}, got {start}")
    return z, list(names), lam_max, start


def _label(z: np.ndarray, lam_star: float) -> str:
    """The header: lambda and lambda/lambda*, then one line per rule with
    how many coefficients it sets to exactly 0 (|z_j| <= kappa)."""
    kappa = f"{SIGNAL} / 2"
    zeros = " + ".join(f"(abs({vega_number(v)}) <= {kappa})" for v in z)
    count = f"format({zeros}, 'd') + ' of {z.size} exactly 0'"
    still = int(np.sum(z == 0.0))
    ridge_zeros = "none" if still == 0 else f"{still} of {z.size}"
    return (
        f"'λ = ' + format({SIGNAL}, ',.4~r') + ' = ' + "
        f"format({SIGNAL} / {vega_number(lam_star)}, '.3~r') + ' λ*"
        f"|lasso: κ = λ/2 = ' + format({kappa}, ',.4~r') + ', ' + "
        f"{count} + '|ridge: z/(1 + λ) = z/' + "
        f"format(1 + {SIGNAL}, ',.4~r') + ', {ridge_zeros} exactly 0"
        f"|best subset, λ₀ = κ²: ' + {count}"
    )


def _rules_view(alt: Any, z: np.ndarray, reach: float, hue: Any) -> Any:
    """Each rule against z on [-reach, reach]; the band |z| <= kappa; the
    features as dots on each rule."""
    x = alt.X(
        "z:Q", title="least-squares estimate z", scale=alt.Scale(domain=[-reach, reach], nice=False)
    )
    y = alt.Y(
        "w:Q", title="penalised estimate", scale=alt.Scale(domain=[-reach, reach], nice=False)
    )
    at = f"datum.e * {vega_number(reach)} + datum.k * {SIGNAL} / 2"
    band = (
        alt.Chart(alt.Data(values=[{"one": 1}]))
        .transform_calculate(lo=f"-{SIGNAL} / 2")
        .transform_calculate(hi=f"{SIGNAL} / 2")
        .mark_rect(color=color("lasso"), opacity=0.1)
        .encode(
            x=alt.X(
                "lo:Q",
                title="least-squares estimate z",
                scale=alt.Scale(domain=[-reach, reach], nice=False),
            ),
            x2="hi:Q",
        )
    )
    layers = [band]
    for method, points in _rule_points().items():
        layers.append(
            alt.Chart(alt.Data(values=[{**p, "method": METHODS[method]} for p in points]))
            .transform_calculate(z=at)
            .transform_calculate(w=_rule_line(method))
            .mark_line(
                strokeWidth=1.5 if method == "ols" else 2.5,
                strokeDash=[2, 2] if method == "ols" else [1, 0],
            )
            .encode(x=x, y=y, color=hue, detail="piece:N")
        )
    for method in ("ridge", "lasso", "subset"):
        layers.append(
            alt.Chart(alt.Data(values=[{"z": float(v), "method": METHODS[method]} for v in z]))
            .transform_calculate(w=THRESHOLD_EXPRESSIONS[method])
            .mark_point(filled=method != "subset", size=45, opacity=1, strokeWidth=1.5)
            .encode(x=x, y=y, color=hue)
        )
    return alt.layer(*layers).properties(
        width=280, height=260, title="the three rules; dots: our features"
    )


def _rule_points() -> dict[str, list[dict]]:
    """The lines' corners: ``z = e * reach + k * kappa``, ``piece`` splits
    the hard rule at its jumps; ``keep`` is 1 on its outer pieces."""

    def p(e: int, k: int, piece: int = 0, keep: int = 1) -> dict:
        return {"e": e, "k": k, "piece": piece, "keep": keep}

    return {
        "ols": [p(-1, 0), p(1, 0)],
        "ridge": [p(-1, 0), p(1, 0)],
        "lasso": [p(-1, 0), p(0, -1), p(0, 1), p(1, 0)],
        "subset": [p(-1, 0, 0), p(0, -1, 0), p(0, -1, 1, 0), p(0, 1, 1, 0), p(0, 1, 2), p(1, 0, 2)],
    }


def _rule_line(method: str) -> str:
    """The expression a line's corner uses: the rule itself, except the
    hard rule, drawn as its limit from each side of a jump."""
    if method == "subset":
        return "datum.z * datum.keep + 0"
    return THRESHOLD_EXPRESSIONS[method]


def _coefficients_view(alt: Any, z: np.ndarray, names: list[str], hue: Any) -> Any:
    """Each feature's four coefficients as bars; an exact zero is a bold
    "0" in place of its bar."""
    y = alt.Y("feature:N", sort=names, title=None)
    offset = alt.YOffset(
        "method:N", sort=list(METHODS.values()), scale=alt.Scale(domain=list(METHODS.values()))
    )
    top = 1.1 * float(np.max(np.abs(z)))
    layers = []
    for method, label in METHODS.items():
        now = alt.Chart(
            alt.Data(
                values=[{"feature": nm, "z": float(v), "method": label} for nm, v in zip(names, z)]
            )
        ).transform_calculate(w=THRESHOLD_EXPRESSIONS[method])
        layers.append(
            now.mark_bar().encode(
                y=y,
                yOffset=offset,
                color=hue,
                x=alt.X(
                    "w:Q", title="coefficient", scale=alt.Scale(domain=[-top, top], nice=False)
                ),
            )
        )
        if method in ("lasso", "subset"):
            layers.append(
                now.transform_filter("datum.w === 0")
                .transform_calculate(t="'0'")
                .mark_text(fontWeight="bold", fontSize=10, dx=5, color="#333333")
                .encode(y=y, yOffset=offset, x="w:Q", text="t:N")
            )
    return alt.layer(*layers).properties(width=280, height=300, title="coefficients (0: exactly 0)")


class _Picture:
    """The print picture: the rules and the coefficients at one lambda,
    drawn with matplotlib from :mod:`lessonlib.topics.orthonormal`."""

    def __init__(self, z: np.ndarray, names: list[str], reach: float) -> None:
        self.z, self.names, self.reach = z, names, reach
        self.lam = 0.0

    def update(self, lam: float) -> dict[str, np.ndarray]:
        """Set lambda; returns the three estimates."""
        self.lam = check_penalty(lam, "lam")
        return self._estimates(self.z)

    def _estimates(self, z: np.ndarray) -> dict[str, np.ndarray]:
        kappa = self.lam / 2
        return {
            "ols": z,
            "lasso": orthonormal.lasso_orthonormal(z, self.lam),
            "ridge": orthonormal.ridge_orthonormal(z, self.lam),
            "subset": orthonormal.hard_threshold(z, kappa),
        }

    def png(self, dpi: int, *, fast: bool = False) -> bytes:
        """The picture at the current lambda as PNG bytes (``fast``: light compression)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        with book_style():
            fig = Figure(figsize=(8.0, 3.3), layout="constrained")
            FigureCanvasAgg(fig)
            left, right = fig.subplots(1, 2)
            self._draw_rules(left)
            self._draw_bars(right)
            fig.suptitle(
                f"$\\lambda$ = {self.lam:.3g}, threshold $\\kappa$ = {self.lam / 2:.3g}",
                fontsize=12,
            )
            buf = io.BytesIO()
            light = {"compress_level": 1} if fast else None  # None: matplotlib's default
            fig.savefig(buf, format="png", dpi=dpi, pil_kwargs=light)
        return buf.getvalue()

    def _draw_rules(self, ax: Any) -> None:
        r, kappa = self.reach, self.lam / 2
        grid = np.union1d(np.linspace(-r, r, 801), [-kappa, kappa])
        ax.axvspan(-kappa, kappa, color=color("lasso"), alpha=0.1, lw=0)
        for method, rule in self._estimates(grid).items():
            if method == "subset":  # no line across the jumps
                rule = np.where(np.abs(grid) == kappa, np.nan, rule)
            ax.plot(
                grid,
                rule,
                color=_HUES[method],
                label=METHODS[method],
                linestyle=":" if method == "ols" else "-",
            )
        ax.set(xlim=(-r, r), ylim=(-r, r), xlabel="least-squares z", ylabel="penalised estimate")
        ax.legend(fontsize=8, loc="upper left")

    def _draw_bars(self, ax: Any) -> None:
        rows = np.arange(len(self.names))
        height = 0.8 / len(METHODS)
        for i, (method, w) in enumerate(self._estimates(self.z).items()):
            at = rows - 0.4 + (i + 0.5) * height
            ax.barh(at, w, height=height, color=_HUES[method])
            for a, v in zip(at, w):
                if method != "ols" and v == 0.0:
                    ax.text(
                        0.0,
                        a,
                        " 0",
                        va="center",
                        fontsize=8,
                        fontweight="bold",
                        color=_HUES[method],
                    )
        top = 1.1 * float(np.max(np.abs(self.z)))
        ax.set(xlim=(-top, top), xlabel="coefficient")
        ax.set_yticks(rows, self.names)
        ax.invert_yaxis()
