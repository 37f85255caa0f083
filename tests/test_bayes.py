"""lessonlib.topics.bayes against independent references: SciPy quadrature, SymPy, scikit-learn,
brute force."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from scipy import integrate, optimize
from sklearn.linear_model import Lasso, Ridge

from lessonlib import scale
from lessonlib.topics import bayes

CASES = [  # Sxx, Sxy, lam, sigma2
    (10.0, 1.0, 4.0, 1.0),  # MAP exactly 0
    (10.0, -1.9, 4.0, 1.0),  # MAP exactly 0, negative side
    (10.0, 6.0, 4.0, 1.0),  # MAP > 0
    (50.0, -30.0, 10.0, 4.0),  # MAP < 0
    (3.0, 0.2, 30.0, 0.5),  # heavy penalty
]


def quad_moments(Sxx, Sxy, lam, sigma2, prior):
    """Normalising constant, mean and median of the slope posterior by adaptive quadrature."""
    pen = (lambda m: abs(m)) if prior == "laplace" else (lambda m: m * m)

    def unnorm(m):
        return np.exp((2 * Sxy * m - Sxx * m * m - lam * pen(m)) / (2 * sigma2))

    # split at the cusp 0; the tails beyond +-60 sd are negligible
    span = 60 * np.sqrt(sigma2 / Sxx) + abs(Sxy / Sxx)
    z_neg = integrate.quad(unnorm, -span, 0.0, epsabs=0, epsrel=1e-10, limit=200)[0]
    z_pos = integrate.quad(unnorm, 0.0, span, epsabs=0, epsrel=1e-10, limit=200)[0]
    total = z_neg + z_pos
    mean = (
        integrate.quad(lambda m: m * unnorm(m), -span, 0.0, epsabs=0, epsrel=1e-10, limit=200)[0]
        + integrate.quad(lambda m: m * unnorm(m), 0.0, span, epsabs=0, epsrel=1e-10, limit=200)[0]
    ) / total

    def cdf_minus_half(t):
        if t <= 0:
            part = integrate.quad(unnorm, -span, t, epsabs=0, epsrel=1e-10, limit=200)[0]
        else:
            part = z_neg + integrate.quad(unnorm, 0.0, t, epsabs=0, epsrel=1e-10, limit=200)[0]
        return part / total - 0.5

    median = optimize.brentq(cdf_minus_half, -span, span, xtol=1e-10)
    return total, mean, median, z_pos / total


@pytest.mark.parametrize("prior", bayes.PRIORS)
@pytest.mark.parametrize("case", CASES)
def test_posterior_mean_and_median_match_quadrature(case, prior):
    post = bayes.posterior_slope(*case, prior)
    _, mean, median, p_pos = quad_moments(*case, prior)
    scale = np.sqrt(case[3] / case[0])  # likelihood sd of the slope
    assert post.mean == pytest.approx(mean, abs=1e-6 * scale)
    assert post.median == pytest.approx(median, abs=1e-5 * scale)
    assert post.prob_positive == pytest.approx(p_pos, abs=1e-6)
    dens_integral = np.trapezoid(post.density, post.grid)
    assert dens_integral == pytest.approx(1.0, abs=1e-12)


def test_gaussian_posterior_mean_is_ridge_by_sympy():
    """A Gaussian-prior posterior is Gaussian; SymPy completes the square of its exponent."""
    m, mu, v = sp.symbols("m mu v", real=True)
    Sxx, Sxy, lam, sigma2 = sp.Rational(10), sp.Rational(3), sp.Rational(7, 2), sp.Rational(2)
    exponent = (2 * Sxy * m - Sxx * m**2 - lam * m**2) / (2 * sigma2)
    # match exponent = -(m - mu)**2 / (2 v) + const, coefficient by coefficient
    target = sp.expand(-((m - mu) ** 2) / (2 * v))
    sol = sp.solve(
        [sp.Eq(sp.expand(exponent).coeff(m, k), target.coeff(m, k)) for k in (1, 2)],
        [mu, v],
        dict=True,
    )[0]
    exact = sol[mu]
    assert exact == Sxy / (Sxx + lam) and sol[v] == sigma2 / (Sxx + lam)
    post = bayes.posterior_slope(10.0, 3.0, 3.5, 2.0, "gaussian")
    assert post.mean == pytest.approx(float(exact), abs=1e-9)
    assert post.median == pytest.approx(float(exact), abs=1e-6)
    assert post.mode == pytest.approx(float(exact), abs=1e-15)


@pytest.mark.parametrize("lam", [0.5, 5.0, 40.0, 400.0])
def test_map_is_scikit_learn_lasso_and_ridge(lam):
    rng = np.random.default_rng(3)
    x = rng.normal(size=25)
    y = 0.4 * x + rng.normal(size=25)
    n = x.size
    Sxx = float(np.sum((x - x.mean()) ** 2))
    Sxy = float(np.sum((x - x.mean()) * (y - y.mean())))
    lasso = (
        Lasso(alpha=scale.lasso_alpha(lam, n), tol=1e-12, max_iter=100_000)
        .fit(x[:, None], y)
        .coef_[0]
    )
    ridge = Ridge(alpha=lam).fit(x[:, None], y).coef_[0]
    assert bayes.map_slope(Sxx, Sxy, lam) == pytest.approx(lasso, abs=1e-9)
    assert bayes.map_slope(Sxx, Sxy, lam, "gaussian") == pytest.approx(ridge, abs=1e-12)
    if lasso == 0.0:
        assert bayes.map_slope(Sxx, Sxy, lam) == 0.0


@pytest.mark.parametrize("case", CASES)
def test_map_is_the_grid_argmax(case):
    """Brute force: the highest point of the log posterior on a fine grid."""
    Sxx, Sxy, lam, _ = case
    grid = np.union1d(np.linspace(-3, 3, 600_001), [0.0])
    best = grid[np.argmax(bayes.log_posterior(grid, *case))]
    assert bayes.map_slope(Sxx, Sxy, lam) == pytest.approx(best, abs=2e-5)


@pytest.mark.parametrize("prior", bayes.PRIORS)
def test_derived_lambda_reproduces_the_mode(prior):
    """Minimising -log likelihood - log prior numerically gives the lasso / ridge slope with
    the derived lam, for priors written with their own parameters (nu or tau)."""
    d = bayes.derive_map_penalty(prior)
    Sxx, Sxy, sigma = 8.0, 3.0, 1.5
    param = 0.2
    sym = {str(v): v for v in d.lam.free_symbols}
    values = {sym["sigma"]: sigma, sym["nu" if prior == "laplace" else "tau"]: param}
    lam = float(d.lam.subs(values))
    expected_lam = 2 * sigma**2 / param if prior == "laplace" else sigma**2 / param**2
    assert lam == pytest.approx(expected_lam, rel=1e-14)

    if prior == "laplace":

        def neg_log_prior(m):
            return abs(m) / param + np.log(2 * param)
    else:

        def neg_log_prior(m):
            return m * m / (2 * param**2) + 0.5 * np.log(2 * np.pi * param**2)

    def objective(m):
        return (Sxx * m * m - 2 * Sxy * m) / (2 * sigma**2) + neg_log_prior(m)

    res = optimize.minimize_scalar(
        objective, bounds=(-5, 5), method="bounded", options={"xatol": 1e-12}
    )
    assert bayes.map_slope(Sxx, Sxy, lam, prior) == pytest.approx(res.x, abs=1e-6)


@pytest.mark.parametrize("prior", bayes.PRIORS)
@pytest.mark.parametrize("variance", [0.3, 2.0])
def test_prior_pdf_is_a_density_with_that_variance(prior, variance):
    def f(m):
        return bayes.prior_pdf([m], variance, prior)[0]

    total = integrate.quad(f, -np.inf, 0)[0] + integrate.quad(f, 0, np.inf)[0]
    var = (
        integrate.quad(lambda m: m * m * f(m), -np.inf, 0)[0]
        + integrate.quad(lambda m: m * m * f(m), 0, np.inf)[0]
    )
    assert total == pytest.approx(1.0, abs=1e-10)
    assert var == pytest.approx(variance, rel=1e-8)
    d = bayes.derive_map_penalty(prior)
    sym = {str(v): v for v in d.variance.free_symbols}
    assert set(sym) <= {"nu", "tau"}


def test_posterior_mean_is_never_zero_unless_sxy_is():
    sxys = np.linspace(-2.0, 2.0, 41)  # lam/2 = 2: the MAP is 0 on the whole range
    means = np.array([bayes.posterior_slope(10.0, v, 4.0, 1.0).mean for v in sxys])
    modes = np.array([bayes.map_slope(10.0, v, 4.0) for v in sxys])
    assert np.all(modes == 0.0)
    nonzero = sxys != 0
    assert np.all(np.sign(means[nonzero]) == np.sign(sxys[nonzero]))
    assert abs(means[~nonzero][0]) < 1e-12
    np.testing.assert_allclose(means, -means[::-1], atol=1e-12)  # odd in Sxy


def test_helpers_and_validation():
    assert bayes.laplace_scale(4.0, 2.0) == 1.0
    assert bayes.gaussian_variance(4.0, 2.0) == 0.5
    with pytest.raises(ValueError, match="prior"):
        bayes.posterior_slope(1.0, 0.0, 1.0, 1.0, "cauchy")
    with pytest.raises(ValueError, match="Sxx"):
        bayes.posterior_slope(0.0, 0.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="sigma2"):
        bayes.posterior_slope(1.0, 0.0, 1.0, -1.0)
    with pytest.raises(ValueError, match="lam"):
        bayes.laplace_scale(0.0, 1.0)
    with pytest.raises(TypeError, match="Sxy"):
        bayes.log_posterior([0.0], 1.0, "a", 1.0, 1.0)
    with pytest.raises(ValueError, match="n_grid"):
        bayes.posterior_slope(1.0, 0.0, 1.0, 1.0, n_grid=10)
    with pytest.raises(ValueError, match="variance"):
        bayes.prior_pdf([0.0], 0.0, "laplace")


def test_figures_plot_what_they_return():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lessonlib.display import figures

    ax, d = figures.plot_priors(1.0)
    assert d["laplace"][np.argmin(np.abs(d["m"]))] == pytest.approx(1 / np.sqrt(2))
    ys = [np.asarray(ln.get_ydata(), float) for ln in ax.get_lines()]
    assert any(np.array_equal(y, d["laplace"]) for y in ys)
    ax, d = figures.plot_priors(1.0, log=True)
    np.testing.assert_allclose(d["gaussian"], -0.5 * np.log(2 * np.pi) - d["m"] ** 2 / 2)
    post = bayes.posterior_slope(10.0, 1.0, 4.0, 1.0, n_grid=2001)
    ax, d = figures.plot_posterior(post)
    assert d["mode"] == 0.0 and d["mean"] == post.mean
    s = np.linspace(-3, 3, 7)
    ax, d = figures.plot_estimates_vs_sxy(s, s * 0, s / 12, s / 13, lam=4.0, Sxx=10.0)
    np.testing.assert_array_equal(d["ols"], s / 10)
    with pytest.raises(ValueError, match="same length"):
        figures.plot_estimates_vs_sxy(s, s[:3], s, s, lam=4.0, Sxx=10.0)
    plt.close("all")


@pytest.mark.parametrize("case", [*CASES, (129.72, 53.33, 150.0, 9.0), (10.0, 1.0, 0.0, 1.0)])
def test_laplace_closed_form_matches_quadrature(case):
    """Hans (2009)'s two truncated normals, against adaptive quadrature of the density."""
    _, mean, _, p_pos = quad_moments(*case, "laplace")
    exact_mean, exact_p = bayes.laplace_posterior_exact(*case)
    scale = np.sqrt(case[3] / case[0])
    assert exact_mean == pytest.approx(mean, abs=1e-8 * scale)
    assert exact_p == pytest.approx(p_pos, abs=1e-8)


def test_laplace_closed_form_far_in_the_tails():
    """Data that pull hard one way: without logarithms the weights would overflow; the
    posterior is then the normal N(c_+, sigma2 / Sxx) (its mass below 0 is ~exp(-45000))."""
    from scipy.stats import norm

    Sxx, Sxy, lam, sigma2 = 1e4, 3e4, 50.0, 1.0
    mean, p_pos = bayes.laplace_posterior_exact(Sxx, Sxy, lam, sigma2)
    assert mean == pytest.approx((Sxy - lam / 2) / Sxx, rel=1e-12) and p_pos == 1.0
    mean, p_pos = bayes.laplace_posterior_exact(Sxx, -Sxy, lam, sigma2)
    assert mean == pytest.approx(-(Sxy - lam / 2) / Sxx, rel=1e-12) and p_pos == 0.0
    # lam = 0: the posterior is the likelihood, N(Sxy / Sxx, sigma2 / Sxx)
    mean, p_pos = bayes.laplace_posterior_exact(10.0, 1.0, 0.0, 2.0)
    assert mean == pytest.approx(0.1, rel=1e-12)
    assert p_pos == pytest.approx(norm.cdf(0.1 / np.sqrt(2.0 / 10.0)), rel=1e-12)
    with pytest.raises(ValueError, match="lam"):
        bayes.laplace_posterior_exact(10.0, 1.0, -1.0, 1.0)
