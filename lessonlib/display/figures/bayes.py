"""Figures of the Bayesian chapter: the two priors, a posterior, and mode versus mean."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from lessonlib._validation import as_float_vector, check_bool, check_penalty
from lessonlib.display.figures._common import get_axes
from lessonlib.display.figures._legend import legend_below
from lessonlib.display.style import book_style, color


def plot_priors(
    variance: float = 1.0,
    *,
    log: bool = False,
    m_max: float = 3.0,
    n_grid: int = 1201,
    ax: Any = None,
) -> tuple[Any, dict]:
    """The Laplace and Gaussian prior densities with the same variance (or their logs).

    Parameters
    ----------
    variance : float, default=1
        Common prior variance, > 0.
    log : bool, default=False
        Draw the log-densities instead of the densities.
    m_max : float, default=3
        The slope axis runs over ``[-m_max, m_max]`` (``n_grid`` points, 0 included when odd).
    n_grid : int, default=1201
        Number of grid points.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"m"``, ``"laplace"``, ``"gaussian"`` (densities, or log-densities if ``log``).

    Examples
    --------
    >>> ax, d = plot_priors(2.0, n_grid=5, m_max=1.0)
    >>> d["m"].tolist(), float(d["laplace"][2])
    ([-1.0, -0.5, 0.0, 0.5, 1.0], 0.5)
    """
    from lessonlib.topics.bayes import prior_pdf

    variance = check_penalty(variance, "variance", allow_zero=False)
    m_max = check_penalty(m_max, "m_max", allow_zero=False)
    log = check_bool(log, "log")
    m = np.linspace(-m_max, m_max, int(n_grid))
    lap, gau = prior_pdf(m, variance, "laplace"), prior_pdf(m, variance, "gaussian")
    if log:
        lap, gau = np.log(lap), np.log(gau)
    with book_style():
        ax = get_axes(ax)
        ax.plot(m, lap, color=color("lasso"), label="Laplace prior (lasso)")
        ax.plot(m, gau, color=color("ridge"), linestyle="--", label="Gaussian prior (ridge)")
        ax.set_xlabel("slope $m$")
        ax.set_ylabel("log prior density" if log else "prior density")
        ax.set_title(
            "Log-densities: $-|m|/\\nu$ versus $-m^2/(2\\tau^2)$"
            if log
            else f"Two priors with variance {variance:g}"
        )
        legend_below(ax)  # the two curves fill the panel: no corner is free on a phone
    return ax, {"m": m, "laplace": lap, "gaussian": gau}


def plot_posterior(
    summary: Any, *, ax: Any = None, label: str = "Laplace prior"
) -> tuple[Any, dict]:
    """A slope posterior with its mode, mean and median marked.

    Parameters
    ----------
    summary : lessonlib.topics.bayes.PosteriorSummary
        The posterior to draw, from :func:`lessonlib.topics.bayes.posterior_slope`.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.
    label : str
        Legend text for the density.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        ``"m"``, ``"density"``, ``"mode"``, ``"mean"``, ``"median"``.

    Examples
    --------
    >>> from lessonlib.topics.bayes import posterior_slope
    >>> ax, d = plot_posterior(posterior_slope(10.0, 1.0, 4.0, 1.0, n_grid=1001))
    >>> d["mode"]
    0.0
    """
    m = as_float_vector(summary.grid, "summary.grid")
    dens = as_float_vector(summary.density, "summary.density")
    keep = dens >= dens.max() * 1e-4
    m, dens = m[keep], dens[keep]
    with book_style():
        ax = get_axes(ax, figsize=(6.4, 5.4))  # room for the legend under the panel
        ax.plot(m, dens, color=color("data"), label=f"posterior, {label}")
        ax.fill_between(
            m,
            dens,
            where=m > 0,
            color=color("constraint"),
            alpha=0.3,
            label=f"$\\Pr(m > 0) = {summary.prob_positive:.2f}$",
        )
        ax.axvline(summary.mode, color=color("lasso"), label=f"mode (MAP) = ${summary.mode:.3f}$")
        ax.axvline(
            summary.mean, color=color("ridge"), linestyle="--", label=f"mean = ${summary.mean:.3f}$"
        )
        ax.axvline(
            summary.median,
            color=color("highlight"),
            linestyle=":",
            label=f"median = ${summary.median:.3f}$",
        )
        ax.set_xlabel("slope $m$")
        ax.set_ylabel("posterior density")
        ax.set_title("The peak is at 0, the mass is not")
        legend_below(ax)  # the three lines span the full height: no corner is free
    return ax, {
        "m": m,
        "density": dens,
        "mode": summary.mode,
        "mean": summary.mean,
        "median": summary.median,
    }


def plot_estimates_vs_sxy(
    sxy: ArrayLike,
    mode: object,
    mean: ArrayLike,
    median: ArrayLike,
    *,
    lam: float,
    Sxx: float,
    ax: Any = None,
) -> tuple[Any, dict]:
    """Posterior mode, mean and median of the slope against the data summary ``Sxy``.

    Parameters
    ----------
    sxy, mode, mean, median : array_like
        Equal-length 1-D arrays, ``sxy`` increasing.
    lam : float
        The penalty weight; the band ``|Sxy| <= lam/2`` where the mode is 0 is shaded.
    Sxx : float
        Used to draw the least-squares slope ``Sxy/Sxx`` for reference.
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure when None.

    Returns
    -------
    ax : matplotlib Axes
    data : dict
        The four arrays as plotted and ``"ols"``.

    Examples
    --------
    >>> s = np.array([-1.0, 0.0, 1.0])
    >>> ax, d = plot_estimates_vs_sxy(s, 0 * s, s / 4, s / 5, lam=4.0, Sxx=2.0)
    >>> d["ols"].tolist()
    [-0.5, 0.0, 0.5]
    """
    sxy = as_float_vector(sxy, "sxy")
    arrays = {
        k: as_float_vector(v, k) for k, v in (("mode", mode), ("mean", mean), ("median", median))
    }
    if any(a.size != sxy.size for a in arrays.values()):
        raise ValueError("sxy, mode, mean and median must have the same length")
    lam = check_penalty(lam, "lam")
    Sxx = check_penalty(Sxx, "Sxx", allow_zero=False)
    ols = sxy / Sxx
    with book_style():
        ax = get_axes(ax)
        ax.axvspan(
            -lam / 2, lam / 2, color=color("guide"), alpha=0.15, label="$|S_{xy}| \\leq \\lambda/2$"
        )
        ax.plot(sxy, ols, color=color("ols"), linewidth=1.2, linestyle=":", label="least squares")
        ax.plot(sxy, arrays["mode"], color=color("lasso"), label="posterior mode (lasso)")
        ax.plot(sxy, arrays["mean"], color=color("ridge"), linestyle="--", label="posterior mean")
        ax.plot(
            sxy,
            arrays["median"],
            color=color("highlight"),
            linestyle="-.",
            label="posterior median",
        )
        ax.set_xlabel("$S_{xy}$ (the data)")
        ax.set_ylabel("estimated slope")
        ax.set_title("Only the mode has a flat zero stretch")
        legend_below(ax, ncols=2)
    return ax, {"sxy": sxy, **arrays, "ols": ols}
