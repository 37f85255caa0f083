"""lessonlib.display.figures.bayes: priors, a posterior and the three estimates, read from the Axes.

The priors are SciPy's Laplace and normal distributions; the posterior of the slope is
normalised here with ``scipy.integrate.quad`` and its mean, median and P(m > 0) computed
from that; the mode is the soft-thresholded slope written out here.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import integrate, optimize, stats

from figure_view import entry, legend, span_x, vertical_at, xy
from lessonlib.display import figures
from lessonlib.topics.bayes import posterior_slope


@pytest.mark.parametrize("log", [False, True])
@pytest.mark.parametrize("variance", [0.5, 2.0])
def test_priors_are_scipys_laplace_and_normal_with_that_variance(variance, log):
    ax, _ = figures.plot_priors(variance, log=log)
    laplace = stats.laplace(scale=np.sqrt(variance / 2))
    normal = stats.norm(scale=np.sqrt(variance))
    assert laplace.var() == pytest.approx(variance) == normal.var()
    for words, dist in ((("Laplace", "lasso"), laplace), (("Gaussian", "ridge"), normal)):
        m, v = xy(entry(ax, *words)[1]).T
        assert m.min() < 0 < m.max()
        ref = dist.logpdf(m) if log else dist.pdf(m)
        np.testing.assert_allclose(v, ref, rtol=1e-12, atol=1e-300)
    assert len(legend(ax)) == 2
    assert ("log" in ax.get_ylabel()) == log and "density" in ax.get_ylabel()
    assert "slope" in ax.get_xlabel()
    if not log:
        assert f"variance {variance:g}" in ax.get_title()
    else:  # in the chapter's symbols: the Laplace scale is nu, the Gaussian's sd tau
        assert "|m|/\\nu" in ax.get_title() and "2\\tau^2" in ax.get_title()


def posterior(Sxx: float, Sxy: float, lam: float, sigma2: float):
    """The Laplace-prior posterior of the slope, normalised here: (pdf, cdf)."""
    ols = Sxy / Sxx

    def unnorm(m: float) -> float:
        return float(np.exp(-(Sxx * (m - ols) ** 2 + lam * abs(m)) / (2 * sigma2)))

    sd = np.sqrt(sigma2 / Sxx)
    lo, hi = min(0.0, ols) - 20 * sd, max(0.0, ols) + 20 * sd
    total = sum(
        integrate.quad(unnorm, a, b, epsabs=0, epsrel=1e-12)[0] for a, b in ((lo, 0), (0, hi))
    )

    def cdf(m: float) -> float:
        pieces = [(lo, min(m, 0.0))] + ([(0.0, m)] if m > 0 else [])
        return (
            sum(integrate.quad(unnorm, a, b, epsabs=0, epsrel=1e-12)[0] for a, b in pieces) / total
        )

    return (lambda m: np.array([unnorm(v) for v in np.atleast_1d(m)]) / total), cdf, (lo, hi)


@pytest.mark.parametrize("Sxy", [1.0, -1.5, 5.0])
def test_posterior_marks_its_mode_mean_and_median_and_shades_m_above_0(Sxy):
    Sxx, lam, sigma2 = 10.0, 4.0, 1.0
    ax, _ = figures.plot_posterior(posterior_slope(Sxx, Sxy, lam, sigma2))
    pdf, cdf, (lo, hi) = posterior(Sxx, Sxy, lam, sigma2)
    m, dens = xy(entry(ax, "posterior")[1]).T
    np.testing.assert_allclose(dens, pdf(m), rtol=1e-6)
    mode = np.sign(Sxy) * max(abs(Sxy) - lam / 2, 0.0) / Sxx + 0.0
    mean = integrate.quad(lambda v: v * pdf(v)[0], lo, hi, points=[0.0], epsabs=1e-13)[0]
    median = optimize.brentq(lambda v: cdf(v) - 0.5, lo, hi, xtol=1e-13)
    for words, value in ((("mode",), mode), (("mean",), mean), (("median",), median)):
        text, line = entry(ax, *words)
        assert line.get_xdata()[0] == pytest.approx(value, abs=1e-6)
        assert f"{value:.3f}" in text
        # plain words, one space each side of "=", only the number in maths: "mean = $0.107$"
        # (a label "mean $= 0.107$" sets maths spacing beside the words' space: two gaps)
        assert re.fullmatch(rf"{words[0]}( \(MAP\))? = \$-?\d+\.\d{{3}}\$", text), text
    assert len(vertical_at(ax)) == 3
    # the shaded area is the posterior above m > 0, and its label says how much mass that is,
    # as notation.md writes a probability: \Pr
    text, shade = entry(ax, "\\Pr(m > 0)")
    p_positive = 1.0 - cdf(0.0)
    assert f"= {p_positive:.2f}$" in text
    (outline,) = shade.get_paths()
    shaded = outline.vertices
    assert shaded[:, 0].min() > 0.0 and shaded[:, 0].max() == m.max()
    assert np.all(shaded[:, 1] <= pdf(shaded[:, 0]) * (1 + 1e-6) + 1e-12)
    assert "slope" in ax.get_xlabel() and "posterior" in ax.get_ylabel()


def test_estimates_against_sxy_shade_where_the_mode_is_0():
    Sxx, lam, sigma2 = 10.0, 4.0, 1.0
    sxy = np.linspace(-6.0, 6.0, 13)
    mode = np.sign(sxy) * np.maximum(np.abs(sxy) - lam / 2, 0.0) / Sxx
    mean, median = [], []
    for s in sxy:
        pdf, cdf, (lo, hi) = posterior(Sxx, s, lam, sigma2)
        mean.append(integrate.quad(lambda v, p=pdf: v * p(v)[0], lo, hi, points=[0.0])[0])
        median.append(optimize.brentq(lambda v, c=cdf: c(v) - 0.5, lo, hi, xtol=1e-12))
    ax, _ = figures.plot_estimates_vs_sxy(sxy, mode, mean, median, lam=lam, Sxx=Sxx)
    for word, values in (("least squares", sxy / Sxx), ("mode", mode), ("mean", mean)):
        drawn = xy(entry(ax, word)[1])
        np.testing.assert_array_equal(drawn[:, 0], sxy)
        np.testing.assert_allclose(drawn[:, 1], values, rtol=1e-12)
    np.testing.assert_allclose(xy(entry(ax, "median")[1])[:, 1], median, rtol=1e-12)
    _, band = entry(ax, "\\lambda/2")
    assert span_x(band) == (-lam / 2, lam / 2)
    inside = np.abs(sxy) <= lam / 2
    assert np.all(xy(entry(ax, "mode")[1])[inside, 1] == 0.0)
    assert np.all(xy(entry(ax, "mode")[1])[~inside, 1] != 0.0)
    assert "S_{xy}" in ax.get_xlabel() and "slope" in ax.get_ylabel()


def test_bad_input_is_named():
    s = np.linspace(-1.0, 1.0, 5)
    with pytest.raises(ValueError, match="same length"):
        figures.plot_estimates_vs_sxy(s, s[:3], s, s, lam=4.0, Sxx=10.0)
    with pytest.raises(ValueError, match="variance"):
        figures.plot_priors(0.0)
